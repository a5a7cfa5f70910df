/**
 * A teammate's whole lifecycle on the demo against the Node mock (`?server=`): invited in one
 * page, seen live in another, the email in the outbox, accepted as the invitee, and the refusals
 * an invitee can meet (an expired link, a full workspace); the plan switch that unlocks a
 * plan-gated restriction. One mock and one browser for the file; each test opens its own pages.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import type { ChildMock } from '../mock/spawn-mock.js';
import { spawnMock } from '../mock/spawn-mock.js';
import type { DemoPage } from './harness.js';
import { poll, screenshot, userRows, waitForRows, useE2E } from './harness.js';

let mock: ChildMock | undefined;
const server = () => {
  if (!mock) throw new Error('The Node mock did not start.');
  return mock.url;
};
// The mock first: the demo's policy lets the pages connect to its origin.
const e2e = useE2E(async () => {
  mock = await spawnMock(['--preset', 'workspace']);
  return { connectSrc: [new URL(mock.url).origin] };
});
after(() => mock?.stop());

/** The mock's API as the owner persona, for setting up and checking from outside the pages. */
async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${server()}/${path}`, {
    ...init,
    headers: {
      Authorization: 'Bearer owner',
      'Content-Type': 'application/json',
      ...(init.headers as Record<string, string> | undefined),
    },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

interface ApiUser {
  id: string;
  email: string;
  name: string;
  status: string;
  lastLoginAt: string | null;
  lastActiveAt: string | null;
}

/** Invites `email` as an agent through the API (no page sees a `roster-invite` event). */
async function inviteByApi(email: string): Promise<ApiUser> {
  return api<ApiUser>('invitations', {
    method: 'POST',
    body: JSON.stringify({ email, role: 'agent' }),
  });
}

/** The user with this email, as the server has it. */
async function userByEmail(email: string): Promise<ApiUser | undefined> {
  const page = await api<{ items: ApiUser[] }>(`users?q=${encodeURIComponent(email)}`);
  return page.items.find((user) => user.email === email);
}

/** Opens the demo on the Node mock as `persona` (the workspace preset). */
function openDemo(persona = 'owner'): Promise<DemoPage> {
  const query = new URLSearchParams({ preset: 'workspace', as: persona, server: server() });
  return e2e().open(query.toString());
}

/**
 * Fails on any CSP violation and any console or page error except the refusals a test
 * provoked on purpose: the browser logs every 4xx answer, here those of the accept endpoint.
 */
async function assertClean(demo: DemoPage, refused: RegExp[] = []): Promise<void> {
  assert.deepEqual(await demo.violations(), [], 'CSP violations');
  const expected = (error: string) =>
    /\/mock\/invitations\/[^/\s]+\/accept\)$/.test(error) &&
    refused.some((status) => status.test(error));
  assert.deepEqual(
    demo.errors.filter((error) => !expected(error)),
    [],
    'console or page errors',
  );
}

/** The table row showing `email` (the grid is windowed: the test users sort near the top). */
function rowOf(table: Locator, email: string): Locator {
  return userRows(table).filter({ hasText: email });
}

/**
 * The status badge's words (e.g. "Pending expires in 7 days") and the first-sign-in time of a
 * row (the Last active cell's `datetime`, null while it says "Never").
 */
async function rowState(row: Locator): Promise<{ status: string; time: string | null }> {
  const status = ((await row.locator('[part~="status"]').first().textContent()) ?? '').trim();
  const time = row.locator('[part="time"]');
  return {
    status,
    time: (await time.count()) > 0 ? await time.first().getAttribute('datetime') : null,
  };
}

/** The outbox email sent to `email` (the newest one), on the demo page. */
function emailTo(demo: DemoPage, email: string): Locator {
  return demo.page.locator('#outbox > li').filter({ hasText: email }).first();
}

/** Opens the acceptance view of the newest email to `email`; returns the dialog. */
async function openAsInvitee(demo: DemoPage, email: string): Promise<Locator> {
  await emailTo(demo, email).getByRole('button', { name: 'Open as the invitee' }).click();
  const dialog = demo.page.getByRole('dialog', { name: /^Join / });
  await dialog.waitFor({ state: 'visible' });
  return dialog;
}

/** Sets the workspace's plan and seat limit (empty = none) with the demo's own form. */
async function applyWorkspace(demo: DemoPage, plan: string, seatLimit: string): Promise<void> {
  const form = demo.page.locator('#workspace-form');
  await form.getByLabel('Plan').selectOption(plan);
  await form.getByLabel('Seat limit').fill(seatLimit);
  await form.getByRole('button', { name: 'Apply' }).click();
  await poll(
    () => demo.page.locator('#workspace-status').textContent(),
    (text) => (text ?? '').startsWith(`Applied: plan ${plan}`),
    `the workspace form to say plan ${plan} was applied`,
  );
}

describe('the lifecycle of a teammate, against the Node mock', { timeout: 90_000 }, () => {
  it('invites in one page, shows the row live in another, and accepts from the outbox', async () => {
    const email = 'aaron.e2e@example.com';
    const admin = await openDemo();
    const other = await openDemo();
    try {
      await Promise.all([waitForRows(admin.table), waitForRows(other.table)]);
      // The second page is live before anything happens.
      await poll(
        () => other.page.locator('#store-state').textContent(),
        (text) => /Live connection\s*open/.test(text ?? ''),
        'the second page to hold an open event stream',
      );

      const { page, table } = admin;
      await table.getByRole('button', { name: 'Invite', exact: true }).click();
      const invite = table.locator('invite-dialog dialog');
      await invite.waitFor({ state: 'visible' });
      await page.keyboard.type(`${email},`);
      await invite.locator('[part~="chip"]').first().waitFor();
      await invite.locator('[part="send-button"]').click();
      await invite.waitFor({ state: 'hidden' });

      // The other page shows the invited person, pending, without a reload.
      const row = rowOf(other.table, email);
      await poll(
        () => rowState(row),
        (state) => state.status.startsWith('Pending'),
        `${email} as Pending in the second page`,
      );
      assert.equal((await rowState(row)).time, null, 'no sign-in yet');

      // The email, newest first, with what an invitee needs to know.
      const mail = emailTo(admin, email);
      await mail.waitFor();
      assert.equal(
        await page.locator('#outbox > li').first().getAttribute('data-token'),
        await mail.getAttribute('data-token'),
        'the new email is the first one',
      );
      // Newest first all the way down (the seeded colleagues' emails too), by the Sent time.
      const sent = await page
        .locator('#outbox > li')
        .evaluateAll((items) => items.map((item) => item.querySelector('time')?.dateTime ?? ''));
      assert.deepEqual(
        sent,
        [...sent].sort((a, b) => Date.parse(b) - Date.parse(a)),
        'the outbox lists the emails newest first',
      );
      const text = (await mail.textContent()) ?? '';
      assert.match(text, /Pending/);
      assert.match(text, /Sent/);
      assert.match(text, /Link expires/);
      assert.match(text, /Acme Support/, 'the subject or text names the workspace');

      const dialog = await openAsInvitee(admin, email);
      const facts = (await dialog.locator('#accept-details').textContent()) ?? '';
      assert.match(facts, /Acme Support/);
      assert.match(facts, new RegExp(email.replaceAll('.', '\\.')));
      assert.match(facts, /Agent/);
      await dialog.getByLabel('Your name').fill('Aaron Invitee');
      const accepted = Date.now();
      await dialog.getByRole('button', { name: 'Accept invitation' }).click();
      await dialog
        .locator('#accept-success')
        .getByText(/Welcome, Aaron Invitee/)
        .waitFor();
      assert.equal(await dialog.locator('#accept-error').textContent(), '');

      // Live in the other page: active, with the first sign-in time.
      const state = await poll(
        () => rowState(row),
        (now) => now.status.startsWith('Active') && now.time !== null,
        `${email} as Active with a sign-in time in the second page`,
      );
      const signedIn = Date.parse(state.time ?? '');
      assert.ok(
        Math.abs(signedIn - accepted) < 60_000,
        `the first sign-in ${state.time} is about now`,
      );
      const user = await userByEmail(email);
      assert.equal(user?.status, 'active');
      assert.ok(user?.lastLoginAt, 'the server has the first sign-in');

      // The outbox says so too, and the view closes back onto the outbox.
      await poll(
        () => mail.locator('.badge').textContent(),
        (words) => words === 'Accepted',
        'the email marked Accepted',
      );
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await assertClean(admin);
      await assertClean(other);
    } finally {
      await Promise.all([admin.close(), other.close()]);
    }
  });

  it('refuses an expired link in words, and the row stays Pending', async () => {
    const email = 'bella.e2e@example.com';
    await inviteByApi(email);
    const demo = await openDemo();
    try {
      await waitForRows(demo.table);
      // Sent by the API, not this page: the refresh button reads the outbox again.
      await demo.page.getByRole('button', { name: 'Refresh', exact: true }).click();
      const mail = emailTo(demo, email);
      await mail.getByRole('button', { name: 'Expire this link' }).click();
      await poll(
        () => mail.locator('.badge').textContent(),
        (words) => words === 'Expired',
        'the email marked Expired',
      );
      assert.equal(await mail.getByRole('button', { name: 'Expire this link' }).count(), 0);

      const dialog = await openAsInvitee(demo, email);
      assert.match((await dialog.locator('#accept-details').textContent()) ?? '', /Expired/);
      await dialog.getByLabel('Your name').fill('Bella Invitee');
      await dialog.getByRole('button', { name: 'Accept invitation' }).click();
      const refusal = dialog.getByRole('alert');
      await poll(
        () => refusal.textContent(),
        (words) => /expired/i.test(words ?? ''),
        'the refusal to say the link expired',
      );
      assert.equal(await dialog.locator('#accept-success').textContent(), '');
      await screenshot(demo.page, 'lifecycle-expired-link');
      await demo.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });

      assert.equal((await userByEmail(email))?.status, 'invited');
      assert.match((await rowState(rowOf(demo.table, email))).status, /^Pending/);
      await assertClean(demo, [/status of 410/]);
    } finally {
      await demo.close();
    }
  });

  it('refuses an acceptance that would go over the seat limit, in words', async () => {
    const email = 'carl.e2e@example.com';
    await inviteByApi(email);
    const demo = await openDemo();
    try {
      await waitForRows(demo.table);
      const accepted = async () => {
        const [all, invited] = await Promise.all([
          api<{ total: number }>('users?limit=1'),
          api<{ total: number }>('users?limit=1&status=invited'),
        ]);
        return all.total - invited.total;
      };
      const before = await accepted();
      // Every seat of accepted users taken: the invitee may not become one more.
      await applyWorkspace(demo, 'advanced', String(before));
      await demo.page.getByRole('button', { name: 'Refresh', exact: true }).click();

      const dialog = await openAsInvitee(demo, email);
      await dialog.getByLabel('Your name').fill('Carl Invitee');
      await dialog.getByRole('button', { name: 'Accept invitation' }).click();
      const refusal = dialog.getByRole('alert');
      await poll(
        () => refusal.textContent(),
        (words) => /seat/i.test(words ?? ''),
        'the refusal to speak of seats',
      );
      await demo.page.keyboard.press('Escape');

      assert.equal((await userByEmail(email))?.status, 'invited');
      assert.match((await rowState(rowOf(demo.table, email))).status, /^Pending/);
      const workspace = await api<{ seats: { limit: number | null } }>('workspace');
      assert.equal(workspace.seats.limit, before);
      assert.ok((await accepted()) <= before, 'no more accepted users than seats');
      await assertClean(demo, [/status of 409/]);
    } finally {
      await demo.close();
      await api('mock/workspace', { method: 'PATCH', body: JSON.stringify({ seatLimit: null }) });
    }
  });

  it('locks "Mask phone number and email" on basic and unlocks it on advanced', async () => {
    const demo = await openDemo();
    const { page, table } = demo;
    /** The restriction's checkbox in a fresh invite dialog for an agent; closed after `look`. */
    const inInviteDialog = async (look: (box: Locator, dialog: Locator) => Promise<void>) => {
      await table.getByRole('button', { name: 'Invite', exact: true }).click();
      const dialog = table.locator('invite-dialog dialog');
      await dialog.waitFor({ state: 'visible' });
      await dialog.getByRole('radio', { name: /^Agent/ }).check();
      await look(dialog.getByRole('checkbox', { name: /Mask phone/ }), dialog);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    };
    try {
      await waitForRows(table);
      await applyWorkspace(demo, 'basic', '');
      await inInviteDialog(async (box, dialog) => {
        assert.ok(await box.isDisabled(), 'locked on basic');
        assert.match(
          (await dialog.locator('[part="restriction-reason"]').allTextContents()).join(' '),
          /Available on the Advanced or Enterprise plan/,
        );
      });

      await applyWorkspace(demo, 'advanced', '');
      await inInviteDialog(async (box) => {
        assert.ok(await box.isEnabled(), 'available on advanced');
        await box.check();
        assert.ok(await box.isChecked());
      });
      assert.match((await page.locator('#store-state').textContent()) ?? '', /plan advanced/);
      await assertClean(demo);
    } finally {
      await demo.close();
    }
  });
});
