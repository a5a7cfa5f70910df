/**
 * `<users-table>` next to a plain hand-written `<table>` (built with the DOM API, every given row
 * rendered) in real Chromium, over the mock's 100,000 generated users: first page painted,
 * scrolling through 100,000 loaded rows, DOM size, and search keystroke → updated rows. Starts a
 * Vite dev server on `bench/table/` (Lit's production build) and drives the browser
 * scripts/browser.mjs finds (CHROME_PATH, else the usual paths) with playwright-core.
 * Alone: `npx tsx bench/users-table.bench.ts`; `npm run bench` runs it with the others. Not part
 * of `npm test`; takes about a minute or two.
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { openBenchBrowser } from './bench-browser.js';
import { figure, isMain, printResult, stats } from './figures.mjs';
import type { BenchResult, Figure } from './figures.mjs';
import type { Kind } from './table/bench-page.js';

const FIRST_PAINT_RUNS = 7;
const SCROLL_FRAMES = 120;
/** Longest a scroll run may take (a slow baseline stops early; the frames done are reported). */
const SCROLL_BUDGET_MS = 20_000;
/**
 * Rows the baseline renders for the scroll and large DOM cases. Rendering all 100,000 took
 * minutes here (Chromium's table layout), so it is capped; `BASELINE_ROWS=100000` tries it.
 */
const BASELINE_SCROLL_ROWS = Number(process.env.BASELINE_ROWS ?? 10_000);
/**
 * Searches, each measured at its last keystroke: the prefix matches about a dozen of the
 * generated users (`user4242@…`, `user42420@…` …), the last digit narrows it to one.
 */
const SEARCHES = ['user42427', 'user31315', 'user27272', 'user58581', 'user61616', 'user90903'];

export async function benchUsersTable(): Promise<BenchResult> {
  const began = performance.now();
  /** Progress on stderr, so stdout holds only the results. */
  const log = (step: string) =>
    process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(1)} s] ${step}\n`);
  const { browser, url, close } = await openBenchBrowser(
    'users-table',
    new URL('./table/', import.meta.url),
  );
  log(`serving ${url}`);

  const big = BASELINE_SCROLL_ROWS.toLocaleString('en');
  const figures: Figure[] = [];
  /** One figure of the table against the baseline. */
  const push = (name: string, table: number | null, baseline: number | null, unit: string) =>
    figures.push(figure(name, table, unit, baseline));
  const notes: string[] = [];

  try {
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => console.error('page error:', error.message));
    // The mock's avatar URLs point at a placeholder host: fail them at once instead of waiting.
    await page.route('https://avatars.roster.dev/**', (route) => route.abort());
    await page.goto(url);
    await page.waitForFunction(() => window.__bench !== undefined, undefined, { timeout: 60_000 });

    log('page loaded; building the mock');
    const setup = await page.evaluate(() => window.__bench.setup());
    log('data ready');
    notes.push(
      `data: createMockServer({ users: 100000 }) built in-page in ${Math.round(setup.mockMs)} ms; ` +
        `its ${setup.users.toLocaleString('en')} users read (usersAs) in ${Math.round(setup.readMs)} ms`,
    );

    /** Runs `measure` for the table; on failure notes why and yields null (e.g. table unfinished). */
    const tableCase = async <T>(name: string, measure: () => Promise<T>): Promise<T | null> => {
      try {
        return await measure();
      } catch (error) {
        notes.push(`table, ${name}: not measured: ${(error as Error).message.split('\n')[0]}`);
        return null;
      }
    };

    // 1. Data set → first page painted.
    const firstPaint = async (kind: Kind) => {
      const samples: number[] = [];
      for (let i = 0; i < FIRST_PAINT_RUNS + 1; i++)
        samples.push(await page.evaluate((k) => window.__bench.firstPaint(k), kind));
      return stats(samples.slice(1)).median; // the first run warms up
    };
    push(
      `data set → 50 rows painted (median of ${FIRST_PAINT_RUNS})`,
      await tableCase('first paint', () => firstPaint('table')),
      await firstPaint('baseline'),
      'ms',
    );

    log('first paint done');
    // 3. DOM size at 100 loaded rows.
    const mount = (kind: Kind, n: number) =>
      page.evaluate(([k, count]) => window.__bench.mount(k, count), [kind, n] as const);
    const small = {
      table: await tableCase('100 rows', () => mount('table', 100)),
      baseline: await mount('baseline', 100),
    };

    // 2 + 3. 100,000 loaded rows: mount, DOM size, scroll.
    const scroll = (kind: Kind) =>
      page.evaluate(([k, frames, budget]) => window.__bench.scroll(k, frames, budget), [
        kind,
        SCROLL_FRAMES,
        SCROLL_BUDGET_MS,
      ] as const);
    const bigTable = await tableCase('100,000 rows', () => mount('table', 100_000));
    const tableScroll = bigTable ? await tableCase('scroll', () => scroll('table')) : null;
    log('table at 100,000 rows done');
    const bigBaseline = await mount('baseline', BASELINE_SCROLL_ROWS);
    log(`baseline mounted ${BASELINE_SCROLL_ROWS} rows`);
    const baselineScroll = await scroll('baseline');
    log('baseline scrolled');
    await page.evaluate(() => window.__bench.clear());
    if (tableScroll && tableScroll.frames.length === SCROLL_FRAMES && !tableScroll.lastRowShown)
      notes.push('table, scroll: the last user was NOT shown at the bottom (windowing broken?)');
    for (const [kind, run] of [
      ['table', tableScroll],
      ['baseline', baselineScroll],
    ] as const) {
      if (run && run.frames.length < SCROLL_FRAMES)
        notes.push(
          `${kind}, scroll: stopped after ${run.frames.length} of ${SCROLL_FRAMES} steps (${SCROLL_BUDGET_MS / 1000} s budget)`,
        );
    }

    push(
      `mount 100,000 loaded rows (baseline: ${big})`,
      bigTable?.ms ?? null,
      bigBaseline.ms,
      'ms',
    );
    const ts = tableScroll ? stats(tableScroll.frames) : null;
    const bs = stats(baselineScroll.frames);
    push(`scroll ${SCROLL_FRAMES} steps: frame median`, ts?.median ?? null, bs.median, 'ms');
    push(`scroll ${SCROLL_FRAMES} steps: frame p95`, ts?.p95 ?? null, bs.p95, 'ms');
    push(`scroll ${SCROLL_FRAMES} steps: frame max`, ts?.max ?? null, bs.max, 'ms');
    push('DOM nodes, 100 rows loaded', small.table?.nodes ?? null, small.baseline.nodes, 'nodes');
    push(
      `DOM nodes, 100,000 rows loaded (baseline: ${big})`,
      bigTable?.nodes ?? null,
      bigBaseline.nodes,
      'nodes',
    );
    push(
      `DOM elements, 100,000 rows loaded (baseline: ${big})`,
      bigTable?.elements ?? null,
      bigBaseline.elements,
      'elements',
    );

    log('searching');
    // 4. Search keystroke → rows updated.
    const search = async (kind: Kind) => {
      await page.evaluate((k) => window.__bench.prepareSearch(k), kind);
      const samples: number[] = [];
      for (const q of SEARCHES) {
        await page.evaluate(([k, prefix, query]) => window.__bench.armSearch(k, prefix, query), [
          kind,
          q.slice(0, -1),
          q,
        ] as const);
        await page.keyboard.press(q.at(-1)!);
        samples.push(await page.evaluate(() => window.__bench.searchResult()));
      }
      return stats(samples).median;
    };
    push(
      `search keystroke → rows painted (median of ${SEARCHES.length})`,
      await tableCase('search', () => search('table')),
      await search('baseline'),
      'ms',
    );
  } finally {
    await close();
  }

  return {
    id: 'users-table',
    title: '`<users-table>` against a plain DOM table',
    command: 'npx tsx bench/users-table.bench.ts',
    method:
      `Vite serves a page (Lit's production build) driven through playwright-core in headless ` +
      `Chromium. Baseline: a \`<table>\` built with the DOM API that renders EVERY row it is given ` +
      `(first paint: 50; scroll and DOM size: ${big} rows, as 100,000 did not finish in minutes; ` +
      'search: every match of an in-memory filter over all users, re-rendered, no debounce). ' +
      'Table: `<users-table>` over a store filled directly (render cases) or over the in-page ' +
      "mock with latency 0 (search: keystroke → request → rows, including the table's search " +
      'debounce, which is most of that figure). Frame times are requestAnimationFrame intervals ' +
      '(~16.7 ms at 60 Hz is the floor). Rows are windowed at one fixed height and reused by slot ' +
      'while scrolling, so the DOM stays the same size however many pages are loaded.',
    figures,
    notes,
    environment: {
      browser: `Chromium ${browser.version()} headless`,
      'load average at the end': loadavg()[0]!.toFixed(1),
    },
  };
}

if (isMain(import.meta.url)) printResult(await benchUsersTable());
