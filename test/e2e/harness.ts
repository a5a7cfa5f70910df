/**
 * The end-to-end harness: builds the demo once, serves `dist/demo` with a strict
 * Content-Security-Policy from a tiny `node:http` server, drives the system Chromium with
 * playwright-core, and records every CSP violation, console error and page error of a page.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { CHROME_FLAGS, INSTALL_HINT, findBrowserPath } from '../../scripts/browser.mjs';
import { after, before } from 'node:test';
import { build } from 'vite';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the demo is built to. */
export const DEMO_DIR = join(ROOT, 'dist', 'demo');
/** Screenshots and other outputs for a human to look at (git-ignored). */
export const OUT_DIR = join(ROOT, '.tmp', 'e2e');

/**
 * The strict policy the demo must hold: no inline code or styles, no eval, nothing foreign but
 * the origins named in `connect` (a server the page is told to talk to with `?server=`).
 */
export function strictCsp(connect: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...connect].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
/** {@link strictCsp} with nothing foreign allowed. */
export const STRICT_CSP = strictCsp();

/** How long a wait for a condition may take before the test fails, in ms. */
export const WAIT_MS = 10_000;
/** Most time for the build, the server and the browser to start, in ms (fail, never hang). */
export const START_MS = 120_000;
/** Most time to close the browser and the server, in ms. */
export const CLOSE_MS = 30_000;

// ── the browser ────────────────────────────────────────────────────────────

/** Finds a Chromium-family browser: `CHROME_PATH` first, then the usual system paths. */
export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && !existsSync(fromEnv))
    throw new Error(`CHROME_PATH points at ${fromEnv}, which does not exist.`);
  const found = findBrowserPath();
  if (!found)
    throw new Error(`End-to-end tests need a browser and none was found. ${INSTALL_HINT}`);
  return found;
}

// ── the demo build ─────────────────────────────────────────────────────────

/** Sources the demo build depends on. */
const SOURCES = ['demo', 'src', 'vite.config.ts', 'package.json'];

/** The newest modification time under `path`, in ms. */
function newest(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** Whether `dist/demo` was built after the last change to its sources. */
function buildIsFresh(): boolean {
  const built = statSync(join(DEMO_DIR, 'index.html'), { throwIfNoEntry: false });
  if (!built) return false;
  return SOURCES.every((source) => newest(join(ROOT, source)) <= built.mtimeMs);
}

/** Whether the process that took `lock` is gone (a crash left it behind). */
function lockIsStale(lock: string): boolean {
  const stat = statSync(lock, { throwIfNoEntry: false });
  if (!stat) return false;
  const pid = Number(existsSync(join(lock, 'pid')) ? readFileSync(join(lock, 'pid'), 'utf8') : 0);
  // Taken, its pid not yet written: stale only if it stays so.
  if (!pid) return Date.now() - stat.mtimeMs > 5_000;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Holds a lock directory while `work` runs, so parallel test files build the demo once. */
async function withLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = join(OUT_DIR, 'build.lock');
  mkdirSync(OUT_DIR, { recursive: true });
  const deadline = Date.now() + START_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      // Another test file is building; a lock whose process is gone was left by a crash.
      let stale = false;
      try {
        stale = lockIsStale(lock);
      } catch {
        // Released while we looked: try again.
      }
      if (stale) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`Timed out waiting for the lock ${lock}`);
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds the demo into `dist/demo` (`vite build --mode demo`) unless a fresh build exists. */
export async function ensureDemoBuild(): Promise<void> {
  await withLock(async () => {
    if (buildIsFresh()) return;
    const { build } = await import('vite');
    try {
      await build({
        configFile: join(ROOT, 'vite.config.ts'),
        // The config's `root: 'demo'` is relative to the working directory; make it absolute.
        root: join(ROOT, 'demo'),
        mode: 'demo',
        logLevel: 'silent',
      });
    } catch (error) {
      throw new Error(`Building the demo (vite build --mode demo) failed: ${String(error)}`, {
        cause: error,
      });
    }
    if (!existsSync(join(DEMO_DIR, 'index.html')))
      throw new Error(`Building the demo did not produce ${join(DEMO_DIR, 'index.html')}`);
  });
}

// ── the static server ──────────────────────────────────────────────────────

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** A running static server. */
export interface StaticServer {
  /** Its origin, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  close(): Promise<void>;
}

/** Every file under `dir`, by URL path (read once: a rebuild during the run changes nothing). */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        files.set(
          `/${full
            .slice(dir.length + 1)
            .split(sep)
            .join('/')}`,
          readFileSync(full),
        );
    }
  };
  walk(normalize(dir));
  return files;
}

/** Serves the files of `dir` on a free local port, every answer with the header `csp`. */
export async function serveStatic(dir: string, csp = STRICT_CSP): Promise<StaticServer> {
  const files = snapshot(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = path.endsWith('/') ? `${path}index.html` : path;
    const body = files.get(file);
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    if (!body || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ── one run: build, server, browser ────────────────────────────────────────

/** What a test file shares: the served demo and one browser. */
/** A {@link serveScriptTag} site: where the script-tag file and the page's files are. */
export interface ScriptTagSite extends StaticServer {
  dir: string;
}

/**
 * The script-tag file as shipped (`vite build --mode iife`: template minifier, terser pass)
 * and its locale files in a fresh folder beside the page's `files` (name → text), served under a strict CSP with Trusted
 * Types enforced (`trusted-types lit-html`) that lets the page connect to `connect` only.
 * Closing the site removes the folder.
 */
export async function serveScriptTag(
  files: Record<string, string>,
  connect: readonly string[],
): Promise<ScriptTagSite> {
  const dir = mkdtempSync(join(tmpdir(), 'roster-script-tag-'));
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    mode: 'iife',
    logLevel: 'error',
    build: { outDir: dir, emptyOutDir: true },
  });
  // Its locale files, beside it as in dist/ (`locales/de.js`…), which it loads on demand.
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    mode: 'locales',
    logLevel: 'error',
    build: { outDir: join(dir, 'locales') },
  });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const csp = `${strictCsp(connect)}; require-trusted-types-for 'script'; trusted-types lit-html`;
  const server = await serveStatic(dir, csp);
  return {
    ...server,
    dir,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface E2E {
  readonly server: StaticServer;
  readonly browser: Browser;
  /** Opens the demo in a fresh browser context, watching it for violations and errors. */
  open(query?: string, options?: OpenOptions): Promise<DemoPage>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Viewport width in CSS px (default 1280). */
  width?: number;
  /** Let the page ignore its CSP (only to inject test tooling that CSP would block). */
  bypassCSP?: boolean;
}

/** A CSP violation as the page reported it. */
export interface Violation {
  directive: string;
  blockedURI: string;
  sample: string;
  source: string;
}

/** The demo in one browser context, with what went wrong on it. */
export interface DemoPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** The `securitypolicyviolation` events so far. */
  violations(): Promise<Violation[]>;
  /** Console errors and uncaught page errors so far. */
  readonly errors: string[];
  /** The `<users-table>` element. */
  readonly table: Locator;
  close(): Promise<void>;
}

/** Records every CSP violation on the document (runs before any page script). */
export function recordViolations(): void {
  const log: unknown[] = [];
  (window as unknown as { __cspViolations: unknown[] }).__cspViolations = log;
  document.addEventListener('securitypolicyviolation', (event) => {
    log.push({
      directive: event.effectiveDirective || event.violatedDirective,
      blockedURI: event.blockedURI,
      sample: event.sample,
      source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
    });
  });
}

export interface StartOptions {
  /** Origins the pages may also fetch from (added to connect-src), e.g. a Node mock's. */
  connectSrc?: readonly string[];
}

/** Builds the demo if needed, serves it with the strict CSP and launches Chromium. */
export async function startE2E(options: StartOptions = {}): Promise<E2E> {
  const executablePath = findChromium();
  await ensureDemoBuild();
  const server = await serveStatic(DEMO_DIR, strictCsp(options.connectSrc));
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROME_FLAGS, timeout: 30_000 });
  } catch (error) {
    await server.close();
    throw new Error(`Launching ${executablePath} failed: ${String(error)}`, { cause: error });
  }
  const open = (query = '', options: OpenOptions = {}) =>
    openWatched(browser, `${server.origin}/${query ? `?${query}` : ''}`, options);
  return {
    server,
    browser,
    open,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens `url` in a fresh browser context of `browser`, watching it for violations and errors. */
export async function openWatched(
  browser: Browser,
  url: string,
  options: OpenOptions = {},
): Promise<DemoPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    bypassCSP: options.bypassCSP ?? false,
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(WAIT_MS);
  await context.addInitScript(recordViolations);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url } = message.location();
    errors.push(`console: ${message.text()}${url ? ` (${url})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  await page.goto(url);
  return {
    page,
    context,
    errors,
    table: page.locator('users-table'),
    violations: () =>
      page.evaluate(() => (window as unknown as { __cspViolations: Violation[] }).__cspViolations),
    close: () => context.close(),
  };
}

// ── waiting and looking ────────────────────────────────────────────────────

/**
 * Polls `read` until `accept` holds for its value (as `expect.poll` does), and returns that
 * value; fails with `what` and the last value after `timeout` ms.
 */
export async function poll<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeout = WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  let failure: unknown;
  for (let delay = 20; ; delay = Math.min(delay * 2, 200)) {
    try {
      last = await read();
      failure = undefined;
      if (accept(last)) return last;
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `Timed out after ${timeout} ms waiting for ${what}; last value: ${
          failure ? String(failure) : JSON.stringify(last)
        }`,
      );
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** The table's user rows (those in the DOM: the grid is windowed). */
export function userRows(table: Locator): Locator {
  return table.locator('.body [role="row"][data-id]');
}

/** The seat meter's numbers, from its "N of M seats" text. */
export async function seats(table: Locator): Promise<{ used: number; limit: number }> {
  const text = (await table.locator('[part="seat-meter-label"]').textContent()) ?? '';
  const match = /([\d,]+) of ([\d,]+) seats/.exec(text);
  if (!match) throw new Error(`The seat meter says "${text}", not "N of M seats"`);
  const number = (digits: string | undefined) => Number(digits?.replaceAll(',', ''));
  return { used: number(match[1]), limit: number(match[2]) };
}

/** Waits until the table shows its first rows. */
export async function waitForRows(table: Locator): Promise<void> {
  await userRows(table).first().waitFor({ state: 'visible' });
}

/** The element that has the focus, looking inside shadow roots, as `tag#id.part` text. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return '';
    const part = active.getAttribute('part');
    const input =
      active instanceof HTMLInputElement ? `[${active.type} ${active.name}=${active.value}]` : '';
    const label = active.getAttribute('aria-label') ?? active.textContent?.trim().slice(0, 40);
    return `${active.localName}${active.id ? `#${active.id}` : ''}${part ? `[${part}]` : ''}${input} ${label ?? ''}`;
  });
}

/** Presses Tab until the focused element's description (see {@link focused}) matches. */
export async function tabTo(page: Page, target: RegExp, most = 30): Promise<string> {
  const seen: string[] = [];
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (target.test(now)) return now;
    seen.push(now);
  }
  throw new Error(`Tab never reached ${String(target)}; it went through:\n${seen.join('\n')}`);
}

/** The lines of the demo's event log (`#event-log`), newest first. */
export async function eventLog(page: Page): Promise<string[]> {
  return page.locator('#event-log li').allTextContents();
}

/** Saves a full-page screenshot as `.tmp/e2e/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const path = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Starts the demo, its server and the browser before the current suite's tests and closes them
 * after; returns a getter for the running harness. `options` is called when they start (it may
 * first start what the pages talk to, e.g. a Node mock whose origin it names).
 */
export function useE2E(options?: () => StartOptions | Promise<StartOptions>): () => E2E {
  let e2e: E2E | undefined;
  before(
    async () => {
      e2e = await startE2E(await options?.());
    },
    { timeout: START_MS },
  );
  after(() => e2e?.close(), { timeout: CLOSE_MS });
  return () => {
    if (!e2e) throw new Error('The end-to-end harness did not start.');
    return e2e;
  };
}
