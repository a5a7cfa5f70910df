/**
 * The framework examples (demo/frameworks/<name>): each is built by vite into a fresh folder,
 * served under the strict CSP and driven in Chromium: the rows render, an invitation goes
 * through the dialog, the row appears, and the `roster-invite` event reaches the framework's
 * handler (which renders it in the page). No console error, no CSP violation. Angular is
 * compiled ahead of time by its own compiler (demo/frameworks/angular/aot.ts), which also
 * type-checks its template.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import type { Plugin } from 'vite';
import { angularAot } from '../../demo/frameworks/angular/aot.js';
import { CHROME_FLAGS } from '../../scripts/browser.mjs';
import {
  ROOT,
  START_MS,
  findChromium,
  openWatched,
  poll,
  serveStatic,
  userRows,
} from './harness.js';

/** Each example and the vite plugins its build needs. */
const FRAMEWORKS: Record<string, () => Plugin[]> = {
  react: () => [],
  vue: () => [],
  angular: () => [angularAot(join(ROOT, 'demo', 'frameworks', 'angular', 'tsconfig.json'))],
};

let browser: Browser;
before(
  async () => {
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROME_FLAGS });
  },
  { timeout: START_MS },
);
after(async () => {
  await browser?.close();
});

it('type-checks the examples (tsc over demo/frameworks)', { timeout: START_MS }, () => {
  // Throws with tsc's output when a property or an event handler of an example is mistyped.
  execFileSync(
    join(ROOT, 'node_modules', '.bin', 'tsc'),
    ['-p', 'demo/frameworks/tsconfig.json', '--noEmit'],
    {
      cwd: ROOT,
      stdio: 'pipe',
    },
  );
});

for (const [name, plugins] of Object.entries(FRAMEWORKS)) {
  describe(`the ${name} example`, { timeout: START_MS }, () => {
    it('lists, invites through the dialog and hears roster-invite in its handler', async () => {
      const dir = mkdtempSync(join(tmpdir(), `roster-${name}-`));
      try {
        await build({
          configFile: false,
          root: join(ROOT, 'demo', 'frameworks', name),
          base: './',
          logLevel: 'error',
          plugins: plugins(),
          define: {
            'process.env.NODE_ENV': JSON.stringify('production'),
            __VUE_OPTIONS_API__: 'false',
            __VUE_PROD_DEVTOOLS__: 'false',
            __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
            ngDevMode: 'false',
            ngJitMode: 'false',
          },
          build: { outDir: dir, emptyOutDir: true, target: 'es2022' },
        });
        const server = await serveStatic(dir);
        const demo = await openWatched(browser, `${server.origin}/`);
        try {
          const { page, table } = demo;
          await userRows(table).first().waitFor();
          assert.match((await page.locator('#last-event').textContent()) ?? '', /Last event: none/);
          await table.locator('[part="invite-button"]').click();
          const dialog = table.locator('invite-dialog dialog');
          await dialog.waitFor({ state: 'visible' });
          await dialog.locator('[part="email-input"]').fill(`${name}.guest@example.com`);
          await dialog.locator('[part="send-button"]').click();
          await dialog.waitFor({ state: 'hidden' });
          await userRows(table)
            .filter({ hasText: `${name}.guest@example.com` })
            .waitFor();
          await poll(
            () => page.locator('#last-event').textContent(),
            (text) => text === `Last event: roster-invite ${name}.guest@example.com`,
            `the ${name} handler to render roster-invite`,
          );
          assert.deepEqual(await demo.violations(), [], 'no CSP violation');
          assert.deepEqual(demo.errors, [], 'no console or page error');
        } finally {
          await demo.close();
          await server.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
