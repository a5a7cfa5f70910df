import { expect } from '@open-wc/testing';
import type { User } from '../../../src/api/types.js';
import type {
  RosterActionEvent,
  RosterBeforeActionEvent,
  RosterErrorEvent,
  RosterOpenUserEvent,
} from '../../../src/events.js';
import { search, setFilter } from '../../../src/store/index.js';
import type { RosterStore } from '../../../src/store/index.js';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import {
  answerConfirm,
  $,
  $$,
  chooseMenuItem,
  menuLabels,
  mountTable,
  openMenu,
  rowOf,
  rows,
  until,
} from './helpers.js';

/** The menu a user's row must offer: exactly its `allowedActions`, in the table's order. */
function expectedItems(user: User, store: RosterStore): string[] {
  const a = user.allowedActions;
  const roleName = (id: string) => store.$roles.get().find((role) => role.id === id)!.name;
  const removal = store.$workspace.get()!.features.removal;
  return [
    ...(a.edit ? ['Edit'] : []),
    ...a.changeRole.map((role) => `Change role to ${roleName(role)}`),
    ...(a.resendInvitation ? ['Resend invitation'] : []),
    ...(a.suspend ? ['Suspend'] : []),
    ...(a.reactivate ? ['Reactivate'] : []),
    ...(a.revoke ? [removal === 'delete' ? 'Delete user' : 'Revoke access'] : []),
  ];
}

/** Narrows the table to one user (by email) and returns that user's row. */
async function showOnly(el: UsersTable, store: RosterStore, user: User): Promise<HTMLElement> {
  await search(store, user.email);
  await el.updateComplete;
  const row = rowOf(el, user.id);
  if (!row) throw new Error(`${user.email} not shown`);
  return row;
}

describe('<users-table> row actions for each persona', () => {
  const personas = [
    ['workspace', 'owner'],
    ['workspace', 'owner2'],
    ['workspace', 'manager'],
    ['tenant', 'admin'],
    ['tenant', 'user-manager'],
  ] as const;
  for (const [preset, persona] of personas) {
    it(`offers exactly the allowed actions to ${persona} (${preset}), none on their own row`, async () => {
      const { el, store, server } = await mountTable({ preset }, persona);
      const selfId = server.userIdOf(persona);
      let checked = 0;
      for (const row of rows(el)) {
        const user = store.$users.get()[row.dataset.id!]!;
        const expected = user.id === selfId ? [] : expectedItems(user, store);
        const button = row.querySelector('[part="actions-button"]');
        if (expected.length === 0) {
          expect(button, `${user.email}: no actions button`).to.equal(null);
          continue;
        }
        expect(await openMenu(el, user.id), user.email).to.deep.equal(expected);
        checked++;
        expect(button!.getAttribute('aria-expanded')).to.equal('true');
        (button as HTMLElement).click();
        await el.updateComplete;
      }
      expect(checked, 'some rows have actions').to.be.greaterThan(0);
      const self = await showOnly(
        el,
        store,
        server.usersAs(persona).find((u) => u.id === selfId)!,
      );
      expect(self.querySelector('[part="actions-button"]')).to.equal(null);
      expect(self.querySelector('[part="you"]')!.textContent).to.equal('You');
    });
  }

  it('shows a read-only viewer (tenant user-viewer) every row and no way to change one', async () => {
    const { el, store } = await mountTable({ preset: 'tenant' }, 'user-viewer');
    expect(store.$me.get()!.capabilities.inviteRoles).to.deep.equal([]);
    expect(rows(el).length).to.be.greaterThan(5);
    for (const part of ['actions-button', 'select', 'select-all', 'invite-button', 'bulk-bar'])
      expect($$(el, `[part="${part}"]`), part).to.have.length(0);
    expect($(el, '[part="search"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('gives a manager no action on an owner', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'manager');
    await setFilter(store, { role: 'owner' });
    await el.updateComplete;
    expect(rows(el).length).to.be.greaterThan(1);
    expect($$(el, '[part="actions-button"]')).to.have.length(0);
    await expect(el).to.be.accessible();
  });
});

describe('<users-table> row actions', () => {
  it('changes a role with before/after update events, and lets the host veto it', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'owner');
    const agent = server
      .usersAs('owner')
      .find((u) => u.role === 'agent' && u.allowedActions.changeRole.includes('manager'))!;
    await showOnly(el, store, agent);
    const events: string[] = [];
    el.addEventListener('roster-before-update', (event: RosterBeforeActionEvent<'update'>) =>
      events.push(`before:${event.detail.user.id}:${event.detail.patch.role}`),
    );
    el.addEventListener('roster-update', (event: RosterActionEvent<'update'>) =>
      events.push(`after:${event.detail.user.role}`),
    );
    // Vetoed first (a promotion: confirmed first).
    el.addEventListener('roster-before-update', (event) => event.preventDefault(), { once: true });
    await openMenu(el, agent.id);
    await chooseMenuItem(el, 'Change role to Manager');
    await answerConfirm(el, true);
    await until(el, () => events.length === 1, 'before event');
    expect(store.$users.get()[agent.id]!.role).to.equal('agent');
    expect(server.userAs('owner', agent.id)!.role).to.equal('agent');
    // Then done.
    await openMenu(el, agent.id);
    await chooseMenuItem(el, 'Change role to Manager');
    await answerConfirm(el, true);
    await until(el, () => events.length === 3, 'after event');
    expect(events).to.deep.equal([
      `before:${agent.id}:manager`,
      `before:${agent.id}:manager`,
      'after:manager',
    ]);
    expect(server.userAs('owner', agent.id)!.role).to.equal('manager');
    expect(rowOf(el, agent.id)!.textContent).to.contain('Manager');
    expect($(el, '[part="toast"]')!.textContent).to.contain('is now Manager');
  });

  it('says so when someone else changed the user first, and shows the fresh data', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'owner');
    const agent = server
      .usersAs('owner')
      .find((u) => u.role === 'agent' && u.allowedActions.changeRole.includes('manager'))!;
    await showOnly(el, store, agent);
    // The view holds an older copy than the server's (as after a missed live event).
    const fresh = store.$users.get()[agent.id]!;
    store.$users.setKey(agent.id, { ...fresh, name: 'Old name', version: fresh.version - 1 });
    await el.updateComplete;
    const errors: RosterErrorEvent[] = [];
    el.addEventListener('roster-error', (event) => errors.push(event));
    let after = 0;
    el.addEventListener('roster-update', () => after++);
    await openMenu(el, agent.id);
    await chooseMenuItem(el, 'Change role to Manager');
    await answerConfirm(el, true);
    await until(el, () => $(el, '[role="alert"]') !== null, 'conflict shown');
    expect($(el, '[role="alert"]')!.textContent).to.contain('Someone else changed');
    expect(errors.map((event) => event.action)).to.deep.equal(['update']);
    expect(after).to.equal(0);
    expect(rowOf(el, agent.id)!.textContent).to.contain(agent.name);
    expect(store.$users.get()[agent.id]!.role).to.equal('agent');
    await expect(el).to.be.accessible();
  });

  it('shows a refused action inline and fires roster-error', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'manager');
    const owner = server.usersAs('manager').find((u) => u.role === 'owner')!;
    await showOnly(el, store, owner);
    // Pretend the view offered an action the server refuses (policy changed meanwhile).
    const shown = store.$users.get()[owner.id]!;
    store.$users.setKey(owner.id, {
      ...shown,
      allowedActions: { ...shown.allowedActions, changeRole: ['agent'] },
    });
    await el.updateComplete;
    const errors: RosterErrorEvent[] = [];
    el.addEventListener('roster-error', (event) => errors.push(event));
    await openMenu(el, owner.id);
    await chooseMenuItem(el, 'Change role to Agent');
    await until(el, () => errors.length === 1, 'error event');
    expect(errors[0]!.action).to.equal('update');
    expect($(el, '[role="alert"]')!.textContent).to.contain(errors[0]!.message);
    expect(errors[0]!.message).to.match(/failed/);
    expect(server.userAs('manager', owner.id)!.role).to.equal('owner');
  });

  it('suspends and reactivates a user (tenant)', async () => {
    const { el, store, server } = await mountTable({ preset: 'tenant' }, 'admin');
    const user = server
      .usersAs('admin')
      .find((u) => u.status === 'active' && u.allowedActions.suspend)!;
    await showOnly(el, store, user);
    const events: string[] = [];
    for (const type of [
      'roster-before-suspend',
      'roster-suspend',
      'roster-before-reactivate',
      'roster-reactivate',
    ] as const)
      el.addEventListener(type, () => events.push(type));
    await openMenu(el, user.id);
    await chooseMenuItem(el, 'Suspend');
    await until(el, () => events.includes('roster-suspend'), 'suspended');
    expect(rowOf(el, user.id)!.querySelector('[part="status"]')!.textContent).to.contain(
      'Suspended',
    );
    expect($(el, '[part="toast"]')!.textContent).to.contain('suspended');
    expect(await openMenu(el, user.id)).to.include('Reactivate');
    await chooseMenuItem(el, 'Reactivate');
    await until(el, () => events.includes('roster-reactivate'), 'reactivated');
    expect(events).to.deep.equal([
      'roster-before-suspend',
      'roster-suspend',
      'roster-before-reactivate',
      'roster-reactivate',
    ]);
    expect(server.userAs('admin', user.id)!.status).to.equal('active');
  });

  it('resends an invitation and shows the new expiry', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'owner');
    const invited = server.usersAs('owner').find((u) => u.allowedActions.resendInvitation)!;
    await showOnly(el, store, invited);
    let sent: User | undefined;
    el.addEventListener(
      'roster-resend-invitation',
      (event: RosterActionEvent<'resend-invitation'>) => (sent = event.detail.user),
    );
    await openMenu(el, invited.id);
    await chooseMenuItem(el, 'Resend invitation');
    await until(el, () => sent !== undefined, 'resent');
    const expiry = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(
      new Date(sent!.inviteExpiresAt!),
    );
    expect($(el, '[part="toast"]')!.textContent).to.equal(
      `Invitation resent to ${invited.email} — expires ${expiry}`,
    );
  });

  for (const [preset, persona, label] of [
    ['workspace', 'owner', 'Revoke access'],
    ['tenant', 'admin', 'Delete user'],
  ] as const) {
    it(`opens <revoke-dialog> for the user from "${label}" (${preset})`, async () => {
      const { el, store, server } = await mountTable({ preset }, persona);
      const user = server.usersAs(persona).find((u) => u.allowedActions.revoke)!;
      await showOnly(el, store, user);
      expect(await openMenu(el, user.id)).to.include(label);
      await chooseMenuItem(el, label);
      await until(el, () => $(el, 'revoke-dialog') !== null, 'dialog');
      const dialog = $(el, 'revoke-dialog') as HTMLElement & {
        users: User[];
        store: RosterStore;
        close(): void;
      };
      expect(dialog.users.map((u) => u.id)).to.deep.equal([user.id]);
      expect(dialog.store).to.equal(store);
      dialog.close();
      await until(el, () => $(el, 'revoke-dialog') === null, 'closed');
      expect(rowOf(el, user.id), 'cancelled: the user stays').to.exist;
    });
  }

  it('removes the user once <revoke-dialog> is confirmed, and says so', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'owner');
    const user = server.usersAs('owner').find((u) => u.allowedActions.revoke)!;
    await showOnly(el, store, user);
    const removed: string[] = [];
    el.addEventListener('roster-revoke', (event) => removed.push(event.detail.userId));
    await openMenu(el, user.id);
    await chooseMenuItem(el, 'Revoke access');
    await until(el, () => $(el, 'revoke-dialog') !== null, 'dialog');
    const dialog = $(el, 'revoke-dialog')!;
    await (dialog as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
    await until(
      el,
      () => dialog.shadowRoot?.querySelector('[part="confirm-button"]') !== null,
      'confirm button',
    );
    dialog.shadowRoot!.querySelector<HTMLElement>('[part="confirm-button"]')!.click();
    await until(el, () => $(el, 'revoke-dialog') === null, 'dialog closed');
    expect(removed).to.deep.equal([user.id]);
    expect(rowOf(el, user.id)).to.equal(null);
    expect(server.userAs('owner', user.id)).to.equal(undefined);
    expect($(el, '[part="toast"]')!.textContent).to.equal(`${user.name}: access revoked`);
  });

  it('opens a user with roster-open-user, then the edit dialog unless the host prevents it', async () => {
    const { el, store, server } = await mountTable({ preset: 'tenant' }, 'admin');
    const user = server.usersAs('admin').find((u) => u.allowedActions.edit)!;
    await showOnly(el, store, user);
    const opened: User[] = [];
    const prevent = (event: RosterOpenUserEvent) => {
      opened.push(event.user);
      event.preventDefault();
    };
    el.addEventListener('roster-open-user', prevent);
    await openMenu(el, user.id);
    await chooseMenuItem(el, 'Edit');
    expect(opened.map((u) => u.id)).to.deep.equal([user.id]);
    expect($(el, 'edit-user-dialog')).to.equal(null);
    el.removeEventListener('roster-open-user', prevent);
    rowOf(el, user.id)!.querySelector<HTMLElement>('[part="name"]')!.click();
    await until(el, () => $(el, 'edit-user-dialog') !== null, 'edit dialog');
    const dialog = $(el, 'edit-user-dialog') as HTMLElement & { user: User; close(): void };
    expect(dialog.user.id).to.equal(user.id);
    dialog.close();
    await until(el, () => $(el, 'edit-user-dialog') === null, 'closed');
    expect(menuLabels(el)).to.deep.equal([]);
  });
});
