/**
 * axe-core on a page as served. `page.addScriptTag({ path })` inserts an inline `<script>`, which
 * the strict CSP blocks (and reports); `page.evaluate(source)` runs through the DevTools
 * protocol, which CSP does not govern, so axe runs on the page exactly as served, CSP and all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './harness.js';

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** One axe violation, as reported here. */
interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe on the document, or on the first element matching `selector`; returns its serious
 * and critical violations.
 */
export async function seriousViolations(page: Page, selector?: string): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const findings = await page.evaluate(async (selector) => {
    const { axe } = window as unknown as {
      axe: {
        run(
          context: Element | Document,
          options: object,
        ): Promise<{
          violations: {
            id: string;
            impact?: string | null;
            help: string;
            nodes: { target: unknown[] }[];
          }[];
        }>;
      };
    };
    const context = selector ? document.querySelector(selector)! : document;
    const results = await axe.run(context, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((node) => JSON.stringify(node.target)),
    }));
  }, selector);
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

export const describeFindings = (findings: Finding[]) =>
  findings.map((f) => `${f.impact} ${f.id}: ${f.help}\n  ${f.targets.join('\n  ')}`).join('\n');
