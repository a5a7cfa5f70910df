/**
 * Inactive accounts in `<users-table>`: the server-side inactivity filter (shown when the
 * server declares `features.inactiveFilter`), combined with search and the other filters and
 * carried by the export; the Last login column sorted by `lastLoginAt`; bulk suspend and
 * reactivate of the selection with a result per user; and all of it over 100,000 users.
 */
import { expect } from '@open-wc/testing';
import type { User } from '../../../src/api/types.js';
import type { RosterBeforeActionEvent } from '../../../src/events.js';
import { search, setFilter } from '../../../src/store/index.js';
import { canSelect } from '../../../src/elements/users-table/columns.js';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import { requestedUrls } from '../../store/mock-helpers.js';
import {
  $,
  $$,
  answerConfirm,
  headers,
  mountTable,
  openConfirm,
  rowOf,
  rows,
  until,
} from './helpers.js';

const DAY = 86_400_000;

/** The query of the latest `GET /users` page request. */
function lastListQuery(): URLSearchParams {
  const url = requestedUrls.filter((u) => /\/users(\?|$)/.test(new URL(u).pathname + '?')).at(-1)!;
  return new URL(url).searchParams;
}

function inactiveFilter(el: UsersTable): HTMLSelectElement | null {
  return $(el, '[part="inactive-filter"]') as HTMLSelectElement | null;
}

async function chooseInactive(el: UsersTable, value: string): Promise<void> {
  const select = inactiveFilter(el)!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await until(el, () => !el.store!.$paging.get().loading, 'filtered page');
}

function bulkButton(el: UsersTable, label: RegExp): HTMLButtonElement {
  return $$(el, '[part="bulk-bar"] button').find((b) =>
    label.test(b.textContent!.trim()),
  )! as HTMLButtonElement;
}

/** When a user was last seen active, as the filter reads it. */
function lastSeen(user: User): number | null {
  const at = user.lastActiveAt ?? user.lastLoginAt;
  return at === null ? null : Date.parse(at);
}

describe('<users-table> inactivity filter', () => {
  it('is offered only when the server declares it', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const select = inactiveFilter(el)!;
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal([
      'Any activity',
      'Not active for 30 days',
      'Not active for 90 days',
      'Not active for 180 days',
      'Not active for 1 year',
      'Never signed in',
    ]);
    expect(select.getAttribute('aria-label')).to.equal('Filter by inactivity');
    const workspace = store.$workspace.get()!;
    store.$workspace.set({
      ...workspace,
      features: { ...workspace.features, inactiveFilter: undefined },
    });
    await el.updateComplete;
    expect(inactiveFilter(el)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('sends inactive=90 with the search and the status filter, and shows only such users', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner', {
      storeOptions: { pageSize: 100 },
    });
    await search(store, 'a');
    await setFilter(store, { status: 'active' });
    await chooseInactive(el, '90');
    const query = lastListQuery();
    expect(query.get('inactive')).to.equal('90');
    expect(query.get('q')).to.equal('a');
    expect(query.get('status')).to.equal('active');
    expect(store.$query.get().inactive).to.equal(90);
    const shown = store.$rows.get();
    expect(shown.length).to.be.greaterThan(0);
    for (const user of shown) {
      expect(user.status).to.equal('active');
      const seen = lastSeen(user);
      if (seen !== null) expect(seen, user.email).to.be.below(Date.now() - 90 * DAY + 60_000);
    }
    // Never signed in: every invited user, and active users who never did.
    await setFilter(store, { status: null });
    await chooseInactive(el, 'never');
    expect(lastListQuery().get('inactive')).to.equal('never');
    expect(store.$rows.get().every((u) => u.lastLoginAt === null)).to.equal(true);
  });

  it('the export carries the same filters', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    await chooseInactive(el, '30');
    await setFilter(store, { role: 'agent' });
    el.saveFile = () => undefined;
    const queries: Record<string, string>[] = [];
    el.addEventListener('roster-before-export', (event: RosterBeforeActionEvent<'export'>) =>
      queries.push(event.detail.query),
    );
    $(el, '[part="export-button"]')!.click();
    await until(el, () => $(el, '[part="toast"]')!.textContent!.includes('Exported'), 'exported');
    const url = new URL(requestedUrls.filter((u) => u.includes('/users/export')).at(-1)!);
    expect(url.searchParams.get('inactive')).to.equal('30');
    expect(url.searchParams.get('role')).to.equal('agent');
    expect(queries).to.deep.equal([{ sort: 'name', role: 'agent', inactive: '30' }]);
  });

  it('says so when nobody is inactive that long, and clears the filter', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    // Every active owner has signed in.
    await setFilter(store, { role: 'owner', status: 'active' });
    await chooseInactive(el, 'never');
    await until(el, () => $(el, '[part="state"]') !== null, 'empty state');
    expect($(el, '[part="state"]')!.textContent).to.contain(
      'No inactive users match these filters',
    );
    $(el, '[part="clear-search-button"]')!.click();
    await until(el, () => store.$rows.get().length > 1, 'everyone back');
    expect(store.$query.get()).to.include({ inactive: null, role: null, status: null });
  });

  it('sorts the Last login column by lastLoginAt, most recent first', async () => {
    const { el, store } = await mountTable({ preset: 'tenant' }, 'admin');
    expect(headers(el).some((text) => text.startsWith('Last login'))).to.equal(true);
    const header = $$(el, '[part="sort-button"]').find((b) =>
      b.textContent!.includes('Last login'),
    )!;
    header.click();
    await until(
      el,
      () => store.$query.get().sort === '-lastLoginAt' && !store.$paging.get().loading,
      'sorted',
    );
    expect(lastListQuery().get('sort')).to.equal('-lastLoginAt');
    const times = store.$rows.get().map((u) => (u.lastLoginAt ? Date.parse(u.lastLoginAt) : -1));
    expect(times).to.deep.equal([...times].sort((a, b) => b - a));
  });
});

describe('<users-table> bulk suspend and reactivate', () => {
  it('suspends the selected users it may, after a confirm, reports the others as skipped', async () => {
    const { el, store, server } = await mountTable({ preset: 'tenant' }, 'admin', {
      storeOptions: { pageSize: 100 },
    });
    // From the rows on screen (a selection keeps only rows in the view).
    const candidates = rows(el).map((row) => store.$users.get()[row.dataset.id!]!);
    const active = candidates.filter((u) => u.allowedActions.suspend).slice(0, 2);
    const other = candidates.find(
      (u) => !u.allowedActions.suspend && u.allowedActions.revoke && u.status !== 'active',
    )!;
    expect(other, 'a selectable user who cannot be suspended').to.exist;
    const chosen = [...active, other];
    for (const user of chosen)
      rowOf(el, user.id)!.querySelector<HTMLElement>('[part="select"]')!.click();
    await el.updateComplete;
    const events: string[] = [];
    el.addEventListener('roster-before-suspend', (event) => events.push(event.detail.user.id));
    bulkButton(el, /^Suspend 2 users$/).click();
    const dialog = await openConfirm(el);
    expect(dialog.shadowRoot!.querySelector('[part="heading"]')!.textContent).to.equal(
      'Suspend 2 users?',
    );
    expect(dialog.shadowRoot!.textContent).to.contain('1 selected user is skipped.');
    await answerConfirm(el, true);
    await until(el, () => $(el, '[part="bulk-results"]') !== null, 'results');
    const lines = $$(el, '[part="bulk-results"] li');
    expect(lines.map((li) => li.dataset.ok)).to.deep.equal(['true', 'true', 'false']);
    expect(lines[2]!.textContent).to.contain('skipped');
    // Why, in words: an account already suspended says so; an invitation is not allowed.
    expect(lines[2]!.textContent).to.contain(
      other.status === 'suspended' ? 'already suspended' : 'not allowed',
    );
    expect(events).to.have.members(active.map((u) => u.id));
    for (const user of active)
      expect(server.userAs('admin', user.id)!.status).to.equal('suspended');
    expect(server.userAs('admin', other.id)!.status).to.equal(other.status);
    // And back: reactivate needs no confirm.
    bulkButton(el, /^Reactivate \d+ users$/).click();
    await until(
      el,
      () => active.every((u) => server.userAs('admin', u.id)!.status === 'active'),
      'reactivated',
    );
  });

  it('says a skipped user is already suspended, not that it is not allowed', async () => {
    const { el, store } = await mountTable({ preset: 'tenant' }, 'admin', {
      storeOptions: { pageSize: 100 },
    });
    const candidates = rows(el).map((row) => store.$users.get()[row.dataset.id!]!);
    const suspended = candidates.find((u) => u.status === 'suspended' && u.allowedActions.revoke);
    const active = candidates.find((u) => u.allowedActions.suspend)!;
    expect(suspended, 'a suspended user on screen').to.exist;
    for (const user of [active, suspended!])
      rowOf(el, user.id)!.querySelector<HTMLElement>('[part="select"]')!.click();
    await el.updateComplete;
    bulkButton(el, /^Suspend 1 user$/).click();
    await answerConfirm(el, true);
    await until(el, () => $(el, '[part="bulk-results"]') !== null, 'results');
    const lines = $$(el, '[part="bulk-results"] li');
    expect(lines.at(-1)!.textContent).to.contain('already suspended');
  });

  it('cancelling the confirm suspends nobody', async () => {
    const { el, store, server } = await mountTable({ preset: 'tenant' }, 'admin');
    const user = store.$rows.get().find((u) => u.allowedActions.suspend)!;
    await search(store, user.email);
    await until(el, () => rowOf(el, user.id) !== null, 'row');
    rowOf(el, user.id)!.querySelector<HTMLElement>('[part="select"]')!.click();
    await el.updateComplete;
    bulkButton(el, /^Suspend 1 user$/).click();
    await answerConfirm(el, false);
    await until(el, () => $(el, 'roster-confirm-dialog') === null, 'closed');
    expect(server.userAs('admin', user.id)!.status).to.equal('active');
  });
});

describe('<users-table> bulk revoke of inactive accounts', () => {
  it('removes the selected users of the filtered view through <revoke-dialog>', async () => {
    const { el, store, server } = await mountTable({ preset: 'tenant' }, 'admin');
    await chooseInactive(el, 'never');
    const total = store.$paging.get().total!;
    const chosen = rows(el)
      .map((row) => store.$users.get()[row.dataset.id!]!)
      .filter((u) => u.allowedActions.revoke)
      .slice(0, 2);
    expect(chosen).to.have.length(2);
    for (const user of chosen)
      rowOf(el, user.id)!.querySelector<HTMLElement>('[part="select"]')!.click();
    await el.updateComplete;
    bulkButton(el, /^Delete 2 users$/).click();
    await until(el, () => $(el, 'revoke-dialog') !== null, 'dialog');
    const dialog = $(el, 'revoke-dialog') as HTMLElement & { users: User[] };
    expect(dialog.users.map((u) => u.id)).to.deep.equal(chosen.map((u) => u.id));
    await until(
      el,
      () => !!dialog.shadowRoot?.querySelector('[part="confirm-button"]:not([disabled])'),
      'confirm ready',
    );
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
    await until(el, () => $(el, '[part="bulk-results"]') !== null, 'results');
    expect($$(el, '[part="bulk-results"] li').map((li) => li.dataset.ok)).to.deep.equal([
      'true',
      'true',
    ]);
    for (const user of chosen) expect(server.userAs('admin', user.id)).to.equal(undefined);
    expect(store.$paging.get().total).to.equal(total - 2);
    expect(store.$query.get().inactive).to.equal('never');
  });
});

describe('<users-table> inactive accounts at 100,000 users', () => {
  it('filters server-side and paged, then suspends the selected page with a result per user', async function () {
    this.timeout(60_000);
    const { el, store, server } = await mountTable(
      { preset: 'all', users: 100_000, simulatePresence: false },
      'owner',
      { storeOptions: { pageSize: 50 } },
    );
    expect(store.$paging.get().total).to.be.greaterThan(100_000);
    await chooseInactive(el, '180');
    const query = lastListQuery();
    expect(query.get('inactive')).to.equal('180');
    expect(query.get('limit')).to.equal('50');
    const total = store.$paging.get().total!;
    expect(total).to.be.greaterThan(50).and.below(100_000);
    expect(store.$rows.get()).to.have.length(50);
    expect(store.$paging.get().nextCursor).to.be.a('string');
    // Every user shown is inactive that long (the server filtered, not the page).
    for (const user of store.$rows.get()) {
      const seen = lastSeen(user);
      if (seen !== null) expect(seen).to.be.below(Date.now() - 180 * DAY + 60_000);
    }
    ($(el, '[part="select-all"]') as HTMLInputElement).click();
    await el.updateComplete;
    const self = server.userIdOf('owner');
    const selected = store.$rows.get().filter((u) => canSelect(u, self));
    const suspendable = selected.filter((u) => u.allowedActions.suspend);
    expect(suspendable.length).to.be.greaterThan(10);
    const patches: string[] = [];
    el.addEventListener('roster-before-suspend', (event) => patches.push(event.detail.user.id));
    bulkButton(el, /^Suspend \d+ users$/).click();
    await answerConfirm(el, true);
    await until(el, () => $(el, '[part="bulk-results"]') !== null, 'results', 30_000);
    const lines = $$(el, '[part="bulk-results"] li');
    expect(lines).to.have.length(selected.length);
    expect(lines.filter((li) => li.dataset.ok === 'true')).to.have.length(suspendable.length);
    expect(patches).to.have.members(suspendable.map((u) => u.id));
    for (const user of suspendable)
      expect(server.userAs('owner', user.id)!.status).to.equal('suspended');
    // The rows on screen say Suspended (they stay in the filtered view).
    const shown = rows(el).filter((row) => suspendable.some((u) => u.id === row.dataset.id));
    expect(shown.length).to.be.greaterThan(0);
    for (const row of shown)
      expect(row.querySelector('[part="status"]')!.textContent).to.contain('Suspended');
  });
});
