/**
 * The script-tag build as a host page without a bundler uses it: the very file vite builds
 * (`vite build --mode iife`, its template minifier and terser pass included) loaded into a
 * blank page with a strict Content-Security-Policy and Trusted Types enforced, talking to the
 * Node mock over HTTP: the list renders, an invitation goes through the dialog, and the global
 * `Roster` carries the public API and not the elements' plumbing.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateMsgId } from '@lit/localize/internal/id-generation.js';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { CHROME_FLAGS } from '../../scripts/browser.mjs';
import type { ChildMock } from '../mock/spawn-mock.js';
import { spawnMock } from '../mock/spawn-mock.js';
import type { ScriptTagSite } from './harness.js';
import {
  findChromium,
  openWatched,
  poll,
  serveScriptTag,
  serveStatic,
  strictCsp,
  userRows,
} from './harness.js';

let mock: ChildMock | undefined;
let site: ScriptTagSite | undefined;
let browser: Browser | undefined;

before(async () => {
  mock = await spawnMock(['--preset', 'workspace']);
  site = await serveScriptTag(
    {
      // The page's own scripts run before the table is parsed, so its first request has the token.
      'setup.js': "Roster.configure({ getHeaders: () => ({ Authorization: 'Bearer owner' }) });\n",
      'index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Users</title><link rel="icon" href="data:,">
<script src="/roster.iife.js"></script><script src="/setup.js"></script></head>
<body><users-table base-url="${mock.url}"></users-table></body></html>\n`,
      // The same page in Arabic: the locale file comes from beside the script, under the CSP.
      'ar.html': `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>المستخدمون</title><link rel="icon" href="data:,">
<script src="/roster.iife.js"></script><script src="/setup.js"></script></head>
<body><users-table base-url="${mock.url}"></users-table></body></html>\n`,
    },
    [new URL(mock.url).origin],
  );
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROME_FLAGS });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await mock?.stop();
});

/**
 * No CSP or Trusted Types violation and no console error, but for the seeded avatars: they point
 * at a host this page may not load images from (img-src 'self').
 */
async function assertClean(
  violations: () => Promise<{ directive: string }[]>,
  errors: readonly string[],
): Promise<void> {
  assert.deepEqual(
    (await violations()).filter((v) => v.directive !== 'img-src'),
    [],
    'no CSP or Trusted Types violation',
  );
  assert.deepEqual(
    errors.filter((error) => !/Loading the image/.test(error)),
    [],
    'no console or page error',
  );
}

describe('the script-tag build in a blank page (strict CSP, Trusted Types)', () => {
  it('lists the users, invites one through the dialog, and exposes the public API', async () => {
    const { page, table, errors, violations, close } = await openWatched(
      browser!,
      `${site!.origin}/`,
    );
    await poll(
      () => userRows(table).count(),
      (n) => n > 5,
      'rows from the Node mock',
    );
    assert.match((await userRows(table).first().textContent()) ?? '', /@acme\.test/);

    const email = `script-tag-${Date.now()}@example.com`;
    await table.getByRole('button', { name: 'Invite', exact: true }).click();
    const dialog = table.locator('invite-dialog');
    await dialog.getByRole('textbox', { name: /Email addresses/ }).fill(`${email},`);
    await dialog.getByRole('button', { name: /^Send 1 invitation$/ }).click();
    await poll(
      () => table.getByText(email).count(),
      (n) => n > 0,
      'the invited row',
    );

    const api = await page.evaluate(() => {
      const roster = (window as unknown as { Roster: Record<string, unknown> }).Roster;
      return Object.keys(roster).sort();
    });
    for (const name of ['configure', 'UsersTable', 'createRosterStore', 'invite', 'RosterError'])
      assert.ok(api.includes(name), `Roster.${name} is exposed`);
    for (const name of ['withActionEvents', 'RosterController', 'lookupOf'])
      assert.ok(!api.includes(name), `Roster.${name} stays internal`);

    await assertClean(violations, errors);
    const served = readFileSync(join(site!.dir, 'roster.iife.js'), 'utf8');
    assert.ok(served.startsWith('var Roster='), 'a classic script defining the global');
    await close();
  });

  it("speaks the page's language: Arabic loaded on demand from locales/ar.js, right to left", async () => {
    const { page, table, errors, violations, close } = await openWatched(
      browser!,
      `${site!.origin}/ar.html`,
    );
    const arabic = await import('../../src/i18n/locales/ar.js');
    const templates: Record<string, unknown> = arabic.templates;
    const invite = templates[generateMsgId(['Invite'], false)] as string;
    await poll(
      () => table.locator('[part="invite-button"]').textContent(),
      (text) => text?.trim() === invite,
      'the Arabic invite button',
    );
    assert.match(invite, /\p{Script=Arabic}/u);
    await poll(
      () => userRows(table).count(),
      (n) => n > 5,
      'rows from the Node mock',
    );
    assert.equal(await table.evaluate((host) => getComputedStyle(host).direction), 'rtl');
    const loaded = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
    );
    assert.ok(loaded.includes('/locales/ar.js'), `fetched: ${loaded.join(', ')}`);
    assert.ok(!loaded.includes('/locales/de.js'), 'only the language asked for');
    await assertClean(violations, errors);
    await close();
  });

  it('needs lit-html among the allowed Trusted Types policies: without it nothing is defined', async () => {
    const csp = `${strictCsp([new URL(mock!.url).origin])}; require-trusted-types-for 'script'; trusted-types other-policy`;
    const other = await serveStatic(site!.dir, csp);
    try {
      const { page, errors, violations, close } = await openWatched(browser!, `${other.origin}/`);
      await poll(
        async () => (await violations()).filter((v) => v.directive === 'trusted-types').length,
        (n) => n > 0,
        'the refused policy',
      );
      const state = await page.evaluate(() => ({
        roster: typeof (window as unknown as { Roster?: unknown }).Roster,
        defined: Boolean(customElements.get('users-table')),
        rendered: Boolean(document.querySelector('users-table')?.shadowRoot),
      }));
      // Lit creates its policy when the file runs: refused, the file stops there.
      assert.deepEqual(state, { roster: 'undefined', defined: false, rendered: false });
      assert.ok(
        errors.some((error) => /lit-html/.test(error)),
        `the console names the policy: ${errors.join(' | ')}`,
      );
      await close();
    } finally {
      await other.close();
    }
  });
});
