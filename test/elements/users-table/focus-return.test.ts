import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import { search } from '../../../src/store/index.js';
import { clientAs } from '../../store/mock-helpers.js';
import { $, $$, focused, mountTable, rowOf, until } from './helpers.js';

type Dialog = HTMLElement & { updateComplete: Promise<boolean> };

/** The focused row's user id, and whether the row itself (not a control in it) has the focus. */
function focusedRow(el: UsersTable): { id?: string; row: boolean; part: string | null } {
  const active = focused(el) as HTMLElement | null;
  const row = active?.closest<HTMLElement>('[role="row"]');
  return { id: row?.dataset.id, row: active === row, part: active?.getAttribute('part') ?? null };
}

/** With the keyboard: from the user's row to its actions, the menu's last item, the dialog. */
async function openRevokeByKeyboard(el: UsersTable, userId: string): Promise<Dialog> {
  rowOf(el, userId)!.focus();
  await sendKeys({ press: 'ArrowRight' });
  expect(focusedRow(el)).to.deep.equal({ id: userId, row: false, part: 'actions-button' });
  await sendKeys({ press: 'Enter' });
  await until(el, () => focused(el)?.getAttribute('role') === 'menuitem', 'menu focused');
  await sendKeys({ press: 'End' });
  await sendKeys({ press: 'Enter' });
  await until(
    el,
    () => !!$(el, 'revoke-dialog')?.shadowRoot?.querySelector('dialog[open]'),
    'open',
  );
  return $(el, 'revoke-dialog') as Dialog;
}

/** Confirms the dialog with the keyboard and waits until it is gone with the user's row. */
async function confirmByKeyboard(el: UsersTable, dialog: Dialog, userId: string): Promise<void> {
  dialog.shadowRoot!.querySelector<HTMLElement>('[part="confirm-button"]')!.focus();
  await sendKeys({ press: 'Enter' });
  await until(el, () => $(el, 'revoke-dialog') === null && !rowOf(el, userId), 'revoked');
  await el.updateComplete;
}

/** The row holding the grid's tab stop. */
function tabStop(el: UsersTable): string | undefined {
  return $$(el, '.body [role="row"][tabindex="0"]').map((row) => row.dataset.id)[0];
}

describe('<users-table> focus after a dialog', () => {
  it('gives the focus to the next row after a keyboard revoke, not to a reused row', async () => {
    const { el, store } = await mountTable({ preset: 'workspace', users: 60 }, 'owner');
    const rows = store.$rows.get();
    const index = rows.findIndex((user) => user.allowedActions.revoke);
    const [user, next] = [rows[index]!, rows[index + 1]!];
    const dialog = await openRevokeByKeyboard(el, user.id);
    await confirmByKeyboard(el, dialog, user.id);
    expect(focusedRow(el)).to.deep.equal({ id: next.id, row: true, part: 'row' });
    expect(tabStop(el)).to.equal(next.id);
    expect(store.$rows.get()[index]!.id).to.equal(next.id);
    // The keyboard goes on from there.
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedRow(el).id).to.equal(store.$rows.get()[index + 1]!.id);
    await expect(el).to.be.accessible();
  });

  it("returns the focus to the same user's actions button after a cancel", async () => {
    const { el, store } = await mountTable({ preset: 'workspace', users: 60 }, 'owner');
    const user = store.$rows.get().find((u) => u.allowedActions.revoke)!;
    await openRevokeByKeyboard(el, user.id);
    await sendKeys({ press: 'Escape' });
    await until(el, () => $(el, 'revoke-dialog') === null, 'closed');
    await el.updateComplete;
    expect(focusedRow(el)).to.deep.equal({ id: user.id, row: false, part: 'actions-button' });
    expect(tabStop(el)).to.equal(user.id);
  });

  it("gives the focus to the user's row when the opener went to another user meanwhile", async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace', users: 60 }, 'owner');
    const rows = store.$rows.get();
    const index = rows.findIndex((u) => u.allowedActions.revoke);
    const user = rows[index]!;
    const dialog = (await openRevokeByKeyboard(el, user.id)) as Dialog & { close(): void };
    // Removed elsewhere while the dialog is open; then the dialog is cancelled.
    await until(el, () => store.$live.get() === 'open', 'live');
    await clientAs(server, 'owner2').revokeUser(user.id);
    await until(el, () => !rowOf(el, user.id), 'removed live');
    dialog.close();
    await until(el, () => $(el, 'revoke-dialog') === null, 'closed');
    await el.updateComplete;
    const next = store.$rows.get()[index]!;
    expect(focusedRow(el)).to.deep.equal({ id: next.id, row: true, part: 'row' });
  });

  it('gives the focus to the previous row when the last row was revoked', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner', {
      storeOptions: { pageSize: 200 },
    });
    const rows = store.$rows.get();
    expect(store.$paging.get().nextCursor).to.equal(null);
    const last = rows.at(-1)!;
    expect(last.allowedActions.revoke, 'the last row can be revoked').to.be.true;
    // The last row in view, so the focus can reach it.
    rowOf(el, rows[0]!.id)!.focus();
    await sendKeys({ press: 'End' });
    await until(el, () => focusedRow(el).id === last.id, 'the last row focused');
    const dialog = await openRevokeByKeyboard(el, last.id);
    await confirmByKeyboard(el, dialog, last.id);
    const previous = rows.at(-2)!;
    expect(focusedRow(el)).to.deep.equal({ id: previous.id, row: true, part: 'row' });
    expect(tabStop(el)).to.equal(previous.id);
  });

  it('gives the focus to the search field when the only row was revoked', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const user = store.$rows.get().find((u) => u.allowedActions.revoke)!;
    await search(store, user.email);
    await until(el, () => store.$rows.get().length === 1, 'one row');
    const dialog = await openRevokeByKeyboard(el, user.id);
    await confirmByKeyboard(el, dialog, user.id);
    expect(focused(el)?.getAttribute('part')).to.equal('search');
  });

  it('gives the focus to the active row after a bulk revoke removed the selection', async () => {
    const { el, store } = await mountTable({ preset: 'workspace', users: 60 }, 'owner');
    const chosen = store.$rows
      .get()
      .filter((u) => u.allowedActions.revoke)
      .slice(0, 2);
    for (const user of chosen)
      rowOf(el, user.id)!.querySelector<HTMLInputElement>('[part="select"]')!.click();
    await el.updateComplete;
    const button = $$(el, '[part="bulk-bar"] button').find((b) => /Revoke/.test(b.textContent!))!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(
      el,
      () => !!$(el, 'revoke-dialog')?.shadowRoot?.querySelector('dialog[open]'),
      'open',
    );
    const dialog = $(el, 'revoke-dialog') as Dialog;
    dialog.shadowRoot!.querySelector<HTMLElement>('[part="confirm-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(
      el,
      () => $(el, 'revoke-dialog') === null && chosen.every((u) => !rowOf(el, u.id)),
      'revoked',
    );
    await el.updateComplete;
    const active = tabStop(el);
    expect(active).to.be.a('string');
    expect(focusedRow(el)).to.deep.equal({ id: active, row: true, part: 'row' });
  });
});
