/**
 * `<permission-matrix mode="grants">` over the full tenant catalog (6 categories × 5 actions,
 * row and column toggles) next to a plain DOM table of the same checkboxes (the baseline), in
 * real Chromium with Lit's production build: mount → laid out, and one toggle → laid out,
 * each against one frame (16.7 ms). Starts a Vite dev server on `bench/matrix/` and drives the
 * browser scripts/browser.mjs finds with playwright-core.
 * Alone: `npx tsx bench/permission-matrix.bench.ts`; `npm run bench` runs it with the others.
 */
import { openBenchBrowser } from './bench-browser.js';
import { figure, isMain, printResult, stats } from './figures.mjs';
import type { BenchResult, Figure } from './figures.mjs';
import type { Kind } from './matrix/bench-page.js';

const RUNS = 30;
const FRAME_MS = 1000 / 60;

const median = (samples: number[]) => stats(samples).median!;
const p95 = (samples: number[]) => stats(samples).p95!;

export async function benchPermissionMatrix(): Promise<BenchResult> {
  const { browser, url, close } = await openBenchBrowser(
    'permission-matrix',
    new URL('./matrix/', import.meta.url),
  );
  const figures: Figure[] = [];
  const notes: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(url);
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
    await close();
  }
}

if (isMain(import.meta.url)) printResult(await benchPermissionMatrix());
