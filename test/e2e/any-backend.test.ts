/**
 * The elements against a backend Roster did not write (test/alt-backend): the script-tag
 * build in a page on one origin, the backend on another of the same site, signed in with a
 * session cookie the page got by visiting the backend's login URL, and
 * `<users-table credentials="include">` — no token, no custom fetch. The backend declares
 * every optional feature off but suspension, removal by deletion, roles and ids of its own,
 * members the contract does not define, and a refusal code of its own. A person lists (two
 * pages, by opaque cursor), sees another admin's change arrive live, invites, meets that
 * refusal in the server's words, changes a role and deletes a user, and the page logs nothing
 * but the provoked refusal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser, Locator } from 'playwright-core';
import { CHROME_FLAGS } from '../../scripts/browser.mjs';
import type { Page, User } from '../../src/api/types.js';
import { startAltBackend, type AltBackend } from '../alt-backend/index.js';
import type { ScriptTagSite } from './harness.js';
import { findChromium, openWatched, poll, serveScriptTag, userRows } from './harness.js';

let backend: AltBackend | undefined;
let site: ScriptTagSite | undefined;
let browser: Browser | undefined;

before(async () => {
  backend = await startAltBackend();
  site = await serveScriptTag(
    {
      'index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>People</title><link rel="icon" href="data:,">
<script src="/roster.iife.js"></script></head>
<body><users-table base-url="${backend.url}" credentials="include"></users-table></body></html>\n`,
    },
    [backend.origin],
  );
  backend.allow(site.origin);
  browser = await chromium.launch({ executablePath: findChromium(), args: CHROME_FLAGS });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await backend?.close();
});

/** The row showing `text` (a name or an address). */
const rowOf = (table: Locator, text: string) => userRows(table).filter({ hasText: text });

/** As the second admin, outside the page: renames a person, whom the page then hears of live. */
async function renameElsewhere(from: string, to: string): Promise<void> {
  const login = await fetch(backend!.loginUrl('admin2'), { redirect: 'manual' });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const headers = { Cookie: cookie, 'Content-Type': 'application/json' };
  const found = await fetch(`${backend!.url}/users?q=${encodeURIComponent(from)}`, { headers });
  const [user] = ((await found.json()) as Page<User>).items;
  assert.ok(user, `${from} is found`);
  const res = await fetch(`${backend!.url}/users/${user.id}`, {
    method: 'PATCH',
    headers: { ...headers, 'If-Match': `"${user.version}"` },
    body: JSON.stringify({ name: to }),
  });
  assert.equal(res.status, 200, `renaming ${from}`);
}

/** Opens the actions menu of the row showing `text` and chooses `item`. */
async function choose(table: Locator, text: string, item: string): Promise<void> {
  await rowOf(table, text).locator('[part="actions-button"]').click();
  await table.locator('[role="menu"]').getByRole('menuitem', { name: item, exact: true }).click();
}

describe('the elements against an independent cookie-session backend', { timeout: 60_000 }, () => {
  it('list, invite, a refusal of its own, a role change and a deletion', async () => {
    // Visiting the backend's login URL sets its HttpOnly session cookie and comes back.
    const { page, table, errors, violations, close } = await openWatched(
      browser!,
      backend!.loginUrl('admin', `${site!.origin}/`),
    );
    assert.equal(new URL(page.url()).origin, site!.origin, 'back on the page after signing in');

    // The grid counts every person the server has: a header row plus one per person.
    const rowCount = () => table.getByRole('grid').getAttribute('aria-rowcount');
    await poll(rowCount, (n) => n === '61', "the backend's 60 people");
    assert.match((await rowOf(table, 'Aiko Tanaka').textContent()) ?? '', /Member/);
    assert.match((await rowOf(table, 'Amir Kowalski').textContent()) ?? '', /Member.*Active/);
    // The event stream goes with the cookie too: another admin's change shows up live.
    await renameElsewhere('Aiko Tanaka', 'Aiko Tanaka-Berg');
    await rowOf(table, 'Aiko Tanaka-Berg').waitFor();
    // The last of them is on the second page: reached by the backend's opaque cursor.
    await poll(
      async () => {
        await table.getByRole('grid').evaluate((grid) => grid.scrollTo(0, grid.scrollHeight));
        return rowOf(table, 'Zuzana Horváth').count();
      },
      (n) => n === 1,
      'the last person, on the second page',
    );

    // features.presence is false: no dot claims anyone is on- or offline, no "Last active".
    assert.equal(await table.locator('[part="presence"]').count(), 0, 'no presence dot');
    const headers = await table.getByRole('columnheader').allTextContents();
    assert.ok(!headers.some((h) => /Last active/.test(h)), `no Last active in ${headers}`);

    // An invitation through the dialog lands in the list, as the backend's role.
    const invitee = 'ana.souza@northwind.test';
    await table.getByRole('button', { name: 'Invite', exact: true }).click();
    const dialog = table.locator('invite-dialog dialog');
    await dialog.getByRole('textbox', { name: /Email addresses/ }).fill(`${invitee},`);
    await dialog.getByRole('radio', { name: /^Member/ }).check();
    await dialog.getByRole('button', { name: /^Send 1 invitation$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const search = table.getByRole('searchbox', { name: 'Search users' });
    await search.fill('ana.souza');
    await rowOf(table, invitee).waitFor();
    assert.match(
      (await rowOf(table, invitee).textContent()) ?? '',
      /Member.*Pending|Pending.*Member/,
    );

    // 403 plan_restriction is no code of the contract's: the server's detail is what is said.
    await table.getByRole('button', { name: 'Invite', exact: true }).click();
    await dialog.getByRole('textbox', { name: /Email addresses/ }).fill('friend@gmail.com,');
    await dialog.getByRole('button', { name: /^Send 1 invitation$/ }).click();
    await poll(
      () => dialog.textContent(),
      (text) => (text ?? '').includes('The Team plan invites work addresses only'),
      "the server's detail in the dialog",
    );
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await rowOf(table, 'friend@gmail.com').count(), 0, 'nobody was invited');

    // A role change through the edit dialog: Nadia, a viewer, becomes a member.
    await search.fill('Nadia');
    await choose(table, 'Nadia Haddad', 'Edit');
    const edit = table.locator('edit-user-dialog dialog');
    await edit.getByRole('radio', { name: /^Member/ }).check();
    await edit.getByRole('button', { name: 'Review changes' }).click();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'hidden' });
    await poll(
      () => rowOf(table, 'Nadia Haddad').textContent(),
      (text) => /Member/.test(text ?? '') && !/Viewer/.test(text ?? ''),
      'Nadia shown as a member',
    );

    // features.removal is 'delete': the wording says so, and the row goes.
    await search.fill('ana.souza');
    await choose(table, invitee, 'Delete user');
    const removal = table.locator('revoke-dialog dialog');
    assert.match((await removal.getByRole('heading').textContent()) ?? '', /^Delete .+\?$/);
    await removal.getByRole('button', { name: 'Delete user' }).click();
    await poll(
      () => rowOf(table, invitee).count(),
      (n) => n === 0,
      'the deleted row to go',
    );
    await search.fill('');
    await poll(rowCount, (n) => n === '61', 'the 60 people again');

    assert.deepEqual(await violations(), [], 'no CSP or Trusted Types violation');
    // Chromium logs the refused request itself; nothing else may reach the console.
    const unprovoked = errors.filter((e) => !/status of 403 \(Forbidden\)/.test(e));
    assert.deepEqual(unprovoked, [], 'no console or page error but the provoked refusal');
    assert.equal(errors.length, 1, `one refusal logged: ${errors.join('\n')}`);
    await close();
  });
});
