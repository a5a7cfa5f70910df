/** People managing users on the demo page: list, search, invite, revoke, veto, personas. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DemoPage } from './harness.js';
import {
  eventLog,
  focused,
  poll,
  screenshot,
  seats,
  tabTo,
  userRows,
  waitForRows,
  useE2E,
} from './harness.js';

const e2e = useE2E();

/** Opens the demo, runs `flow` on it, checks it stayed clean, and closes it. */
async function onDemo(query: string, flow: (demo: DemoPage) => Promise<void>): Promise<void> {
  const demo = await e2e().open(query);
  try {
    await flow(demo);
    assert.deepEqual(await demo.violations(), [], 'CSP violations');
    assert.deepEqual(demo.errors, [], 'page errors');
  } finally {
    await demo.close();
  }
}

/** The display names of the rows in the DOM, top to bottom. */
async function names(demo: DemoPage): Promise<string[]> {
  return demo.table.locator('.body [part="name"]').allTextContents();
}

/**
 * With the keyboard only: reaches the grid, opens the first row's actions menu, chooses its
 * last item (revoke or delete) and confirms in the dialog. Returns the row's name and the
 * dialog, left open for the caller when the page vetoed the removal.
 */
async function removeFirstRowByKeyboard(demo: DemoPage, wording: RegExp): Promise<string> {
  const { page, table } = demo;
  await waitForRows(table);
  await table.locator('[part="search"]').focus();
  await tabTo(page, /^div\[row\]/);
  const name = (await names(demo))[0] ?? '';
  assert.ok(name, 'the first row has a name');
  assert.match(await focused(page), new RegExp(name));
  await page.keyboard.press('ArrowRight');
  assert.match(await focused(page), /\[actions-button\] Actions for /);
  await page.keyboard.press('Enter');
  const menu = table.locator('[role="menu"]');
  await menu.waitFor({ state: 'visible' });
  await page.keyboard.press('End');
  assert.match(await focused(page), wording);
  await page.keyboard.press('Enter');
  const dialog = table.locator('revoke-dialog dialog');
  await dialog.waitFor({ state: 'visible' });
  assert.match((await dialog.getByRole('heading').textContent()) ?? '', new RegExp(name));
  await tabTo(page, /\[confirm-button\]/, 10);
  await page.keyboard.press('Enter');
  return name;
}

describe('<users-table> on the demo page', { timeout: 60_000 }, () => {
  it("shows the server's users, the seats, and narrows the rows to a search", async () => {
    await onDemo('preset=all&as=owner', async (demo) => {
      const { page, table } = demo;
      await waitForRows(table);
      const all = await userRows(table).count();
      assert.ok(all > 0, 'rows are shown');
      const { used, limit } = await seats(table);
      assert.ok(used > 0 && limit >= used, `seats ${used} of ${limit}`);
      // The grid counts every user the server has (a header row plus one per user), as the
      // demo's store panel does.
      const rowCount = Number(await table.getByRole('grid').getAttribute('aria-rowcount'));
      await poll(
        () => page.locator('#store-state').textContent(),
        (text) => (text ?? '').includes(`of ${rowCount - 1}`),
        `the store panel to count ${rowCount - 1} users`,
      );

      const search = table.getByRole('searchbox', { name: 'Search users' });
      await search.fill('Amara');
      const found = await poll(
        () => names(demo),
        (shown) => shown.length > 0 && shown.length < all,
        'the search to narrow the rows',
      );
      for (const name of found) assert.match(name, /Amara/);
      assert.ok(found.includes('Amara Nwosu'));

      await search.press('Escape');
      await poll(
        () => userRows(table).count(),
        (count) => count === all,
        'all rows back after clearing the search',
      );
    });
  });

  it('invites two people with the keyboard only', async () => {
    await onDemo('preset=all&as=owner', async (demo) => {
      const { page, table } = demo;
      await waitForRows(table);
      const before = await seats(table);

      await tabTo(page, /\[invite-button\] Invite/);
      await page.keyboard.press('Enter');
      const dialog = table.locator('invite-dialog dialog');
      await dialog.waitFor({ state: 'visible' });
      assert.match(await focused(page), /\[email-input\]/, 'the address field has the focus');
      await page.keyboard.type('e2e.one@example.com, e2e.two@example.com');

      // The access level: a radio group, one tab stop; arrows choose.
      const start = await tabTo(page, /\[radio role=/, 10);
      await page.keyboard.press(start.includes('role=manager') ? 'ArrowDown' : 'ArrowUp');
      const chosen = /role=(\w+)/.exec(await focused(page))?.[1];
      assert.ok(chosen && !start.includes(`role=${chosen}`), 'an arrow chose another level');

      assert.match(await tabTo(page, /\[send-button\]/, 15), /Send 2 invitations/);
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'hidden' });

      const after = await poll(
        () => seats(table),
        (now) => now.used === before.used + 2,
        'the seat meter to grow by 2',
      );
      assert.equal(after.limit, before.limit);
      await poll(
        () => names(demo),
        (shown) => shown.includes('e2e.one@example.com') && shown.includes('e2e.two@example.com'),
        'the invited people in the table',
      );
      const roleName = chosen === 'owner' ? 'Owner' : chosen === 'manager' ? 'Manager' : 'Agent';
      const invitedRow = userRows(table).filter({ hasText: 'e2e.one@example.com' });
      assert.match((await invitedRow.textContent()) ?? '', new RegExp(roleName));
      assert.match((await invitedRow.textContent()) ?? '', /Pending/);
      const log = await eventLog(page);
      const invited = log.find((line) => / roster-invite /.test(line));
      assert.ok(invited, `roster-invite in the event log:\n${log.join('\n')}`);
      // The log shows the first 200 characters of the event's detail.
      assert.match(invited, /"users":\[\{"id":"u_\d+","email":"e2e\.one@example\.com"/);
      assert.ok(!log.some((line) => / roster-error /.test(line)), 'no roster-error');
    });
  });

  it("revokes a user from the row's menu with the keyboard", async () => {
    await onDemo('preset=all&as=owner', async (demo) => {
      const { page, table } = demo;
      await waitForRows(table);
      const before = await seats(table);
      const name = await removeFirstRowByKeyboard(demo, /\[menu-item\] Revoke access/);
      await table.locator('revoke-dialog').waitFor({ state: 'detached' });
      await poll(
        () => names(demo),
        (shown) => !shown.includes(name),
        `${name}'s row to go`,
      );
      await poll(
        () => seats(table),
        (now) => now.used === before.used - 1,
        'the seat meter to go down by 1',
      );
      assert.match((await table.locator('[part="toast"]').textContent()) ?? '', /revoked/);
      const log = await eventLog(page);
      assert.ok(
        log.some((line) => / roster-revoke /.test(line)),
        `roster-revoke in the event log:\n${log.join('\n')}`,
      );
    });
  });

  it('gives the focus to the next row after a row was revoked by keyboard', async () => {
    await onDemo('preset=all&as=owner', async (demo) => {
      await waitForRows(demo.table);
      const [, next] = await names(demo);
      const name = await removeFirstRowByKeyboard(demo, /\[menu-item\] Revoke access/);
      await demo.table.locator('revoke-dialog').waitFor({ state: 'detached' });
      await poll(
        () => names(demo),
        (shown) => !shown.includes(name),
        `${name}'s row to go`,
      );
      const now = await focused(demo.page);
      assert.equal(
        await demo.page.evaluate(() => document.activeElement?.localName),
        'users-table',
        `the focus left the table: ${now}`,
      );
      assert.ok(next && now.includes(next), `the focus is on "${now}", not on ${next}'s row`);
    });
  });

  it('does nothing when the page vetoes the action', async () => {
    await onDemo('preset=all&as=owner', async (demo) => {
      const { page, table } = demo;
      await waitForRows(table);
      await page.locator('#veto').check();
      const before = await seats(table);
      const rows = await names(demo);
      const name = await removeFirstRowByKeyboard(demo, /\[menu-item\] Revoke access/);
      const dialog = table.locator('revoke-dialog dialog');
      await poll(
        () => eventLog(page),
        (log) => log.some((line) => / roster-before-revoke \(vetoed\) /.test(line)),
        'the vetoed roster-before-revoke in the event log',
      );
      await dialog.getByText(`Removing ${name} was not allowed by this page.`).waitFor();
      await page.keyboard.press('Escape');
      await table.locator('revoke-dialog').waitFor({ state: 'detached' });

      assert.deepEqual(await names(demo), rows, `${name} and every other row stay`);
      assert.deepEqual(await seats(table), before, 'the seats stay');
      const log = await eventLog(page);
      assert.ok(!log.some((line) => / roster-revoke /.test(line)), 'no roster-revoke');
    });
  });
});

describe('personas', { timeout: 60_000 }, () => {
  it('tells an agent of the workspace preset that they may not view users', async () => {
    await onDemo('preset=workspace&as=agent', async ({ table }) => {
      await table.getByText('You cannot view the users of Acme Support').waitFor();
      assert.equal(await table.locator('[part="invite-button"]').count(), 0, 'no Invite button');
      assert.equal(await table.getByRole('button', { name: 'Invite' }).count(), 0);
      assert.equal(await userRows(table).count(), 0, 'no rows');
    });
  });

  it("shows the tenant preset's user-viewer the list read-only", async () => {
    await onDemo('preset=tenant&as=user-viewer', async (demo) => {
      const { page, table } = demo;
      await waitForRows(table);
      assert.ok((await names(demo)).length > 5, 'the rows are shown');
      await screenshot(page, 'persona-user-viewer');
      await table.locator('[part="search"]').fill('Kowalska');
      await poll(
        () => names(demo),
        (shown) => shown.join() === 'Maria Kowalska',
        'the search narrows',
      );
      for (const part of ['invite-button', 'actions-button', 'select-all', 'select'])
        assert.equal(await table.locator(`[part="${part}"]`).count(), 0, `no ${part}`);
    });
  });

  it("uses the delete wording for the tenant preset's admin", async () => {
    await onDemo('preset=tenant&as=admin', async (demo) => {
      const { page, table } = demo;
      await waitForRows(table);
      const before = await seats(table);
      const rows = await names(demo);
      await table.locator('[part="actions-button"]').first().click();
      const menu = table.locator('[role="menu"]');
      await menu.waitFor({ state: 'visible' });
      const items = await menu.getByRole('menuitem').allTextContents();
      assert.ok(
        items.some((item) => item.trim() === 'Delete user'),
        `Delete user in ${items}`,
      );
      assert.ok(!items.some((item) => /revoke/i.test(item)), `no revoke wording in ${items}`);

      await menu.getByRole('menuitem', { name: 'Delete user' }).click();
      const dialog = table.locator('revoke-dialog dialog');
      await dialog.waitFor({ state: 'visible' });
      assert.match((await dialog.getByRole('heading').textContent()) ?? '', /^Delete .+\?$/);
      assert.equal(
        (await dialog.locator('[part="confirm-button"]').textContent())?.trim(),
        'Delete user',
      );
      await page.keyboard.press('Escape');
      await table.locator('revoke-dialog').waitFor({ state: 'detached' });
      assert.deepEqual(await names(demo), rows, 'cancelling deletes nobody');
      assert.deepEqual(await seats(table), before);
    });
  });
});
