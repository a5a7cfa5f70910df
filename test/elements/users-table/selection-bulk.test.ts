import { expect } from '@open-wc/testing';
import type { User } from '../../../src/api/types.js';
import type { RosterSelectionChangeEvent } from '../../../src/events.js';
import { setFilter } from '../../../src/store/index.js';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import { $, $$, mountTable, rowOf, rows, until } from './helpers.js';

function checkbox(el: UsersTable, id: string): HTMLInputElement | null {
  return rowOf(el, id)?.querySelector<HTMLInputElement>('[part="select"]') ?? null;
}

function click(target: HTMLElement, shiftKey = false): void {
  target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, shiftKey }));
}

function selectedIds(el: UsersTable): string[] {
  return rows(el)
    .filter((row) => row.getAttribute('aria-selected') === 'true')
    .map((row) => row.dataset.id!);
}

describe('<users-table> selection', () => {
  it('selects rows, ranges with shift, and every loaded row, telling the host each time', async () => {
    // Everything in one page, so no page arrives (unselected) in the middle of the test.
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'owner', {
      storeOptions: { pageSize: 100 },
    });
    const changes: string[][] = [];
    el.addEventListener('roster-selection-change', (event: RosterSelectionChangeEvent) =>
      changes.push([...event.userIds]),
    );
    const self = server.userIdOf('owner');
    const ids = store.$rows
      .get()
      .filter((u) => u.id !== self)
      .map((u) => u.id);
    click(checkbox(el, ids[1]!)!);
    await el.updateComplete;
    expect(selectedIds(el)).to.deep.equal([ids[1]]);
    expect(checkbox(el, ids[1]!)!.checked).to.be.true;
    click(checkbox(el, ids[5]!)!, true);
    await el.updateComplete;
    expect(selectedIds(el)).to.deep.equal(ids.slice(1, 6));
    expect(changes.at(-1)!.sort()).to.deep.equal(ids.slice(1, 6).sort());
    expect($(el, '[part="bulk-bar"]')!.textContent).to.contain('5 users selected');
    const all = $(el, '[part="select-all"]') as HTMLInputElement;
    expect(all.indeterminate).to.be.true;
    all.click();
    await el.updateComplete;
    const selectable = store.$rows.get().filter((u) => u.id !== self);
    expect(changes.at(-1)).to.have.length(selectable.length);
    expect(all.checked).to.be.true;
    await expect(el).to.be.accessible();
    all.click();
    await el.updateComplete;
    expect(changes.at(-1)).to.deep.equal([]);
    expect($(el, '[part="bulk-bar"]')).to.equal(null);
  });

  it('offers selection only on rows the actor may act on in bulk', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'manager');
    for (const row of rows(el)) {
      const user = store.$users.get()[row.dataset.id!]!;
      const bulk = user.allowedActions.revoke || user.allowedActions.resendInvitation;
      expect(row.querySelector('[part="select"]') !== null, user.email).to.equal(bulk);
    }
    // Nobody to act on among the rows shown: the column stays (no layout shift), select-all off.
    await setFilter(store, { role: 'owner' });
    await el.updateComplete;
    expect(($(el, '[part="select-all"]') as HTMLInputElement).disabled).to.be.true;
    expect($(el, '[role="grid"]')!.getAttribute('aria-multiselectable')).to.equal('true');
  });
});

describe('<users-table> bulk actions', () => {
  it('resends invitations in bulk with a result per user', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    await setFilter(store, { status: 'invited' });
    await el.updateComplete;
    const invited = store.$rows.get().filter((u) => u.allowedActions.resendInvitation);
    expect(invited.length).to.be.greaterThan(1);
    // One the server no longer has (deleted meanwhile, the view not yet told): it fails.
    const gone: User = { ...invited[0]!, id: 'u_gone', email: 'gone@acme.test', name: 'Gone' };
    store.$users.setKey(gone.id, gone);
    store.$order.set([...store.$order.get(), gone.id]);
    await el.updateComplete;
    const chosen: User[] = [invited[0]!, invited[1]!, gone];
    for (const user of chosen) click(checkbox(el, user.id)!);
    await el.updateComplete;
    const before: string[] = [];
    el.addEventListener('roster-before-resend-invitation', (event) =>
      before.push(event.detail.user.id),
    );
    const button = $$(el, '[part="bulk-bar"] button').find((b) =>
      b.textContent!.includes('Resend'),
    )!;
    expect(button.textContent!.trim()).to.equal('Resend 3 invitations');
    button.click();
    await until(el, () => $(el, '[part="bulk-results"]') !== null, 'results');
    expect(before).to.deep.equal(chosen.map((u) => u.id));
    const lines = $$(el, '[part="bulk-results"] li');
    expect(lines.map((li) => li.dataset.ok)).to.deep.equal(['true', 'true', 'false']);
    expect(lines[0]!.textContent).to.contain(`Invitation resent to ${chosen[0]!.email}`);
    expect(lines[2]!.textContent).to.match(/failed: it no longer exists/);
    expect(rowOf(el, gone.id), 'the stale row left').to.equal(null);
    expect($(el, '[part="toast"]')!.textContent).to.contain('2 of 3 invitations resent');
    await expect(el).to.be.accessible();
  });

  it('revokes in bulk through <revoke-dialog> with the selected users', async () => {
    const { el, store } = await mountTable({ preset: 'tenant' }, 'user-manager');
    const chosen = store.$rows
      .get()
      .filter((u) => u.allowedActions.revoke)
      .slice(0, 3);
    for (const user of chosen) click(checkbox(el, user.id)!);
    await el.updateComplete;
    const button = $$(el, '[part="bulk-bar"] button').find((b) =>
      b.textContent!.includes('Delete'),
    )!;
    expect(button.textContent!.trim()).to.equal('Delete 3 users');
    button.click();
    await until(el, () => $(el, 'revoke-dialog') !== null, 'dialog');
    const dialog = $(el, 'revoke-dialog') as HTMLElement & { users: User[]; close(): void };
    expect(dialog.users.map((u) => u.id)).to.deep.equal(chosen.map((u) => u.id));
    dialog.close();
    await until(el, () => $(el, 'revoke-dialog') === null, 'closed');
    expect(selectedIds(el)).to.have.members(chosen.map((u) => u.id));
  });
});
