/**
 * Role changes from `<users-table>`: what needs a confirm (a promotion, or a change dropping
 * restrictions, a template or a flag) asks first and says what changes; a plain change applies
 * at once; the bulk role change works only on the users `allowedActions` allows, with a result
 * per user.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { User } from '../../../src/api/types.js';
import { search } from '../../../src/store/index.js';
import type { RosterStore } from '../../../src/store/index.js';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import type { MockServer } from '../../store/mock-helpers.js';
import {
  $,
  $$,
  answerConfirm,
  chooseMenuItem,
  focused,
  mountTable,
  openConfirm,
  openMenu,
  rowOf,
  until,
} from './helpers.js';

async function showOnly(el: UsersTable, store: RosterStore, user: User): Promise<void> {
  await search(store, user.email);
  await until(el, () => rowOf(el, user.id) !== null, `${user.email} shown`);
}

/** The heading and the lines of the open confirm dialog. */
function confirmText(dialog: HTMLElement): { heading: string; lines: string[] } {
  const root = dialog.shadowRoot!;
  return {
    heading: root.querySelector('[part="heading"]')!.textContent!.trim(),
    lines: [...root.querySelectorAll('[part="consequence"]')].map((p) => p.textContent!.trim()),
  };
}

function persona(server: MockServer, viewer: string, token: string): User {
  return server.userAs(viewer, server.userIdOf(token))!;
}

describe('<users-table> role change from the row menu', () => {
  it('asks before a promotion to a role the server does not describe, without an empty line', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'owner');
    const agent = persona(server, 'owner', 'agent');
    store.$roles.set(
      store.$roles.get().map((role) => (role.id === 'owner' ? { ...role, description: '' } : role)),
    );
    await showOnly(el, store, agent);
    await openMenu(el, agent.id);
    await chooseMenuItem(el, 'Change role to Owner');
    const dialog = await openConfirm(el);
    const { heading, lines } = confirmText(dialog);
    expect(heading).to.equal(`Change ${agent.name}'s role to Owner?`);
    expect(lines).to.deep.equal([]);
    await answerConfirm(el, false);
  });

  it('asks before a promotion, naming the new role, and a cancel changes nothing', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'owner');
    const agent = persona(server, 'owner', 'agent');
    await showOnly(el, store, agent);
    let before = 0;
    el.addEventListener('roster-before-update', () => before++);
    await openMenu(el, agent.id);
    await chooseMenuItem(el, 'Change role to Owner');
    const dialog = await openConfirm(el);
    const { heading, lines } = confirmText(dialog);
    expect(heading).to.equal(`Change ${agent.name}'s role to Owner?`);
    const owner = store.$roles.get().find((role) => role.id === 'owner')!;
    expect(lines).to.deep.equal([`Owner: ${owner.description}`]);
    // The focus starts on Cancel; the dialog is accessible.
    expect(dialog.shadowRoot!.activeElement?.getAttribute('part')).to.equal('cancel-button');
    await expect(el).to.be.accessible();
    await answerConfirm(el, false);
    await until(el, () => $(el, 'roster-confirm-dialog') === null, 'dialog gone');
    expect(before).to.equal(0);
    expect(store.$users.get()[agent.id]!.role).to.equal('agent');
    expect(server.userAs('owner', agent.id)!.role).to.equal('agent');
    // The focus is back on the row's actions button.
    expect(focused(el)?.getAttribute('part')).to.equal('actions-button');
  });

  it('Escape cancels the confirm', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'owner');
    const agent = persona(server, 'owner', 'agent');
    await showOnly(el, store, agent);
    await openMenu(el, agent.id);
    await chooseMenuItem(el, 'Change role to Manager');
    await openConfirm(el);
    await sendKeys({ press: 'Escape' });
    await until(el, () => $(el, 'roster-confirm-dialog') === null, 'dialog gone');
    expect(server.userAs('owner', agent.id)!.role).to.equal('agent');
  });

  it('says which restrictions a demotion removes, and applies it once confirmed', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'owner');
    const restricted = persona(server, 'owner', 'manager-restricted');
    await showOnly(el, store, restricted);
    await openMenu(el, restricted.id);
    await chooseMenuItem(el, 'Change role to Agent');
    const { heading, lines } = confirmText(await openConfirm(el));
    expect(heading).to.equal(`Change ${restricted.name}'s role to Agent?`);
    expect(lines).to.deep.equal([
      'Restrictions removed: No workspace settings and No data export.',
    ]);
    await answerConfirm(el, true);
    await until(el, () => server.userAs('owner', restricted.id)!.role === 'agent', 'saved');
    expect(server.userAs('owner', restricted.id)!.restrictions).to.not.have.property(
      'noDataExport',
    );
    await until(el, () => $(el, '[part="toast"]')!.textContent!.includes('is now Agent'), 'toast');
  });

  it('applies a plain demotion at once, without a confirm', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'owner');
    const manager = persona(server, 'owner', 'manager');
    await showOnly(el, store, manager);
    await openMenu(el, manager.id);
    await chooseMenuItem(el, 'Change role to Agent');
    await until(el, () => server.userAs('owner', manager.id)!.role === 'agent', 'saved');
    expect($(el, 'roster-confirm-dialog')).to.equal(null);
    await until(el, () => $(el, '[part="toast"]')!.textContent!.includes('is now Agent'), 'toast');
  });

  it('tenant: making a user with a template an Admin says the template is cleared and CRM access turned on', async () => {
    const { el, store, server } = await mountTable({ preset: 'tenant' }, 'admin');
    const withTemplate = server
      .usersAs('admin')
      .find(
        (u) =>
          u.roleTemplateId !== null &&
          u.flags.crmAccess !== true &&
          u.allowedActions.changeRole.includes('admin'),
      )!;
    expect(withTemplate, 'a user with a template and no CRM access').to.exist;
    await showOnly(el, store, withTemplate);
    const template = store.$templates.get().find((t) => t.id === withTemplate.roleTemplateId)!;
    await openMenu(el, withTemplate.id);
    await chooseMenuItem(el, 'Change role to Admin');
    const { lines } = confirmText(await openConfirm(el));
    expect(lines).to.include(`Role template cleared: ${template.name}.`);
    expect(lines).to.include('Turned on: CRM access.');
    await answerConfirm(el, true);
    await until(el, () => server.userAs('admin', withTemplate.id)!.role === 'admin', 'saved');
    expect(server.userAs('admin', withTemplate.id)!.roleTemplateId).to.equal(null);
  });
});

describe('<users-table> bulk role change', () => {
  it('changes only the users it may, says who is skipped, and gives a result per user', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'owner', {
      storeOptions: { pageSize: 100 },
    });
    const self = server.userIdOf('owner');
    const users = store.$rows.get().filter((u) => u.id !== self);
    const agents = users.filter((u) => u.role === 'agent' && u.status === 'active').slice(0, 3);
    const owner2 = persona(server, 'owner', 'owner2');
    const chosen = [...agents, owner2];
    for (const user of chosen)
      rowOf(el, user.id)!.querySelector<HTMLElement>('[part="select"]')!.click();
    await el.updateComplete;
    const bar = $(el, '[part="bulk-bar"]')!;
    const select = bar.querySelector<HTMLSelectElement>('[part="bulk-role"]')!;
    expect([...select.options].map((o) => o.value)).to.deep.equal(['owner', 'manager', 'agent']);
    select.value = 'manager';
    const events: string[] = [];
    el.addEventListener('roster-before-update', (event) => events.push(event.detail.user.id));
    [...bar.querySelectorAll('button')]
      .find((b) => b.textContent!.trim() === 'Change role')!
      .click();
    const { heading, lines } = confirmText(await openConfirm(el));
    expect(heading).to.equal('Change the role of 4 users to Manager?');
    expect(lines).to.include('Manager: ' + store.$roles.get()[1]!.description);
    await answerConfirm(el, true);
    await until(el, () => $(el, '[part="bulk-results"]') !== null, 'results');
    const results = $$(el, '[part="bulk-results"] li');
    expect(results).to.have.length(4);
    expect(results.map((li) => li.dataset.ok)).to.deep.equal(['true', 'true', 'true', 'true']);
    expect(new Set(events)).to.deep.equal(new Set(chosen.map((u) => u.id)));
    for (const user of chosen) expect(server.userAs('owner', user.id)!.role).to.equal('manager');
    expect($(el, '[part="toast"]')!.textContent).to.contain('4 of 4 users changed');
  });

  it('skips the users it may not change, and those already in the role', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'manager', {
      storeOptions: { pageSize: 100 },
    });
    // A manager may change agents to agent only: nothing to offer. Give one agent a
    // changeRole the way a policy could (to manager), leave the others as they are.
    const agents = store.$rows
      .get()
      .filter((u) => u.role === 'agent')
      .slice(0, 2);
    const owner = store.$rows.get().find((u) => u.role === 'owner')!;
    const [first, second] = agents as [User, User];
    store.$users.setKey(first.id, {
      ...first,
      allowedActions: { ...first.allowedActions, changeRole: ['manager'] },
    });
    store.$users.setKey(second.id, {
      ...second,
      allowedActions: { ...second.allowedActions, changeRole: ['manager'] },
    });
    store.$users.setKey(owner.id, {
      ...owner,
      allowedActions: { ...owner.allowedActions, revoke: true },
    });
    await el.updateComplete;
    for (const user of [first, second, owner])
      rowOf(el, user.id)!.querySelector<HTMLElement>('[part="select"]')!.click();
    await el.updateComplete;
    const bar = $(el, '[part="bulk-bar"]')!;
    [...bar.querySelectorAll('button')]
      .find((b) => b.textContent!.trim() === 'Change role')!
      .click();
    const { heading, lines } = confirmText(await openConfirm(el));
    expect(heading).to.equal('Change the role of 2 users to Manager?');
    expect(lines).to.include('1 selected user is skipped.');
    await answerConfirm(el, true);
    await until(el, () => $(el, '[part="bulk-results"]') !== null, 'results');
    const results = $$(el, '[part="bulk-results"] li');
    expect(results.map((li) => li.dataset.ok)).to.deep.equal(['false', 'false', 'false']);
    // The server refuses a manager making managers: each says so; the owner was skipped.
    expect(results[0]!.textContent).to.match(/failed/);
    expect(results[2]!.textContent).to.contain(`${owner.name} skipped: not allowed`);
    expect(server.userAs('manager', first.id)!.role).to.equal('agent');
  });
});
