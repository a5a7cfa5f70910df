/**
 * `<permission-matrix mode="grants">` over the full tenant catalog (6 categories × 5 actions,
 * row and column toggles) next to a plain DOM table of the same checkboxes (the baseline), in
 * real Chromium with Lit's production build: mount → laid out, and one toggle → laid out,
 * each against one frame (16.7 ms). Starts a Vite dev server on `bench/matrix/` and drives the
 * browser scripts/browser.mjs finds with playwright-core.
 * Alone: `npx tsx bench/permission-matrix.bench.ts`; `npm run bench` runs it with the others.
 */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROME_FLAGS, findBrowserPath, INSTALL_HINT } from '../scripts/browser.mjs';
import { figure, isMain, printResult } from './figures.mjs';
import type { BenchResult, Figure } from './figures.mjs';
import type { Kind } from './matrix/bench-page.js';

const RUNS = 30;
const FRAME_MS = 1000 / 60;
const repo = fileURLToPath(new URL('..', import.meta.url));

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[samples.length >> 1]!;
const p95 = (samples: number[]) =>
  [...samples].sort((a, b) => a - b)[Math.floor(samples.length * 0.95)]!;

export async function benchPermissionMatrix(): Promise<BenchResult> {
  const executablePath = findBrowserPath();
  if (!executablePath)
    throw new Error(`permission-matrix bench: no browser found. ${INSTALL_HINT}`);
  // Lit's production build, as a host page ships it; any free port (0).
  const vite = await createServer({
    configFile: false,
    logLevel: 'error',
    root: fileURLToPath(new URL('./matrix/', import.meta.url)),
    define: { 'process.env.NODE_ENV': '"production"' },
    resolve: { conditions: ['module', 'browser', 'production', 'import', 'default'] },
    server: { host: '127.0.0.1', port: 0, hmr: false, fs: { allow: [repo] } },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await vite.listen();
  const { port } = vite.httpServer!.address() as AddressInfo;
  const browser = await chromium.launch({ executablePath, args: CHROME_FLAGS });
  const figures: Figure[] = [];
  const notes: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => window.__matrixBench !== undefined, undefined, {
      timeout: 60_000,
    });
    const size = await page.evaluate(() => window.__matrixBench.setup());
    const run = async (kind: Kind) => {
      const mounts: number[] = [];
      const toggles: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        const ms = await page.evaluate((k) => window.__matrixBench.mount(k), kind);
        if (i > 0) mounts.push(ms); // the first run warms up
        toggles.push(
          await page.evaluate(([k, n]) => window.__matrixBench.toggle(k, n), [kind, i] as const),
        );
      }
      return { mounts, toggles: toggles.slice(1) };
    };
    const matrix = await run('matrix');
    const baseline = await run('baseline');
    const cases = [
      [`mount → laid out, median of ${RUNS}`, median(matrix.mounts), median(baseline.mounts)],
      [`mount → laid out, p95 of ${RUNS}`, p95(matrix.mounts), p95(baseline.mounts)],
      [`toggle → laid out, median of ${RUNS}`, median(matrix.toggles), median(baseline.toggles)],
      [`toggle → laid out, p95 of ${RUNS}`, p95(matrix.toggles), p95(baseline.toggles)],
    ] as const;
    for (const [name, value, base] of cases) figures.push(figure(name, value, 'ms', base));
    const over = cases.filter(([, value]) => value > FRAME_MS).map(([name]) => name);
    notes.push(
      `catalog: ${size.categories} categories × ${size.actions} actions, as the tenant admin edits a user`,
      over.length === 0
        ? 'every figure of the matrix is within one frame (16.7 ms)'
        : `over one frame (16.7 ms): ${over.join('; ')}`,
    );
    return {
      id: 'permission-matrix',
      title: '<permission-matrix> grants mode against a plain checkbox table',
      command: 'npx tsx bench/permission-matrix.bench.ts',
      method:
        'In Chromium (Lit production build, 1000 × 800 viewport), each case is timed from the ' +
        'start of the work to a forced layout of the table (getBoundingClientRect), after a ' +
        'frame of rest; the paint follows in that same frame. Mount: from an empty stage with ' +
        'a loaded store (matrix) or the catalog (baseline, built with the DOM API). Toggle: a ' +
        "click on a grant checkbox to the updated table (the matrix's implied actions, note, " +
        'summary and toggles included). First run discarded.',
      figures,
      notes,
      environment: { browser: browser.version() },
    };
  } finally {
    await browser.close();
    await vite.close();
  }
}

if (isMain(import.meta.url)) printResult(await benchPermissionMatrix());
