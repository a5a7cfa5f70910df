/**
 * What the in-browser benchmarks share: a Vite dev server on one bench page folder, serving
 * Lit's production build as a host page ships it, and the Chromium that scripts/browser.mjs
 * finds (CHROME_PATH, else the usual paths), driven with playwright-core.
 */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { createServer } from 'vite';
import { CHROME_FLAGS, findBrowserPath, INSTALL_HINT } from '../scripts/browser.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));

/** A bench page served and a browser open; `close()` stops both. */
export interface BenchBrowser {
  browser: Browser;
  /** The page's URL on 127.0.0.1 (any free port). */
  url: string;
  close: () => Promise<void>;
}

/** Serves `folder` (a URL of a folder under bench/) and launches the browser. */
export async function openBenchBrowser(bench: string, folder: URL): Promise<BenchBrowser> {
  const executablePath = findBrowserPath();
  if (!executablePath) throw new Error(`${bench} bench: no browser found. ${INSTALL_HINT}`);
  const vite = await createServer({
    configFile: false,
    root: fileURLToPath(folder),
    logLevel: 'error',
    // Lit's production build, as a host page would ship it (not the dev build's checks).
    resolve: { conditions: ['module', 'browser', 'production', 'import', 'default'] },
    define: { 'process.env.NODE_ENV': '"production"' },
    // Every dependency is ESM: serve them as they are, so no re-optimisation reloads the page.
    optimizeDeps: { noDiscovery: true, include: [] },
    server: { host: '127.0.0.1', port: 0, hmr: false, fs: { allow: [repo] } },
  });
  await vite.listen();
  const { port } = vite.httpServer!.address() as AddressInfo;
  const browser = await chromium
    .launch({ executablePath, args: CHROME_FLAGS })
    .catch(async (error: unknown) => {
      await vite.close();
      throw error;
    });
  return {
    browser,
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      await browser.close();
      await vite.close();
    },
  };
}
