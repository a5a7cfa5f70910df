import { expect, fixture, html } from '@open-wc/testing';
import { applyEvent, createRosterStore, loadAll, search } from '../../../src/store/index.js';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import { $now } from '../../../src/elements/parts/clock.js';
import { clientAs, mockStore } from '../../store/mock-helpers.js';
import { $, $$, headers, mountTable, rowOf, rows, settledTable, track, until } from './helpers.js';

describe('<users-table> columns', () => {
  it('shows the columns of the workspace model: presence, last active, no templates or flags', async () => {
    const { el } = await mountTable({ preset: 'workspace' }, 'owner');
    expect(headers(el).map((text) => text.replace(/[▲▼↕]/g, ''))).to.deep.equal([
      '',
      'Picture',
      'Name',
      'Email',
      'Role',
      'Status',
      'Last active',
      'Actions',
    ]);
    expect($$(el, '[part="presence"]').length).to.equal(rows(el).length);
    await expect(el).to.be.accessible();
  });

  it('shows the columns of the tenant model: role template, CRM access, last login, no presence', async () => {
    const { el, server } = await mountTable({ preset: 'tenant' }, 'admin');
    const texts = headers(el).map((text) => text.replace(/[▲▼↕]/g, ''));
    expect(texts).to.include.members(['Role template', 'CRM access', 'Last login']);
    expect(texts).not.to.include('Last active');
    expect($$(el, '[part="presence"]')).to.have.length(0);
    // A CRM-access cell says Yes or No as the user's flag says.
    const user = server.usersAs('admin').find((u) => rowOf(el, u.id))!;
    const cells = [...rowOf(el, user.id)!.querySelectorAll('[role="gridcell"]')];
    const crm = cells[texts.indexOf('CRM access')]!;
    expect(crm.textContent!.trim()).to.equal(user.flags.crmAccess ? 'Yes' : 'No');
    await expect(el).to.be.accessible();
  });

  it('hides the columns named in hide-columns', async () => {
    const { el } = await mountTable({ preset: 'workspace' }, 'owner', {
      attributes: { hideColumns: 'email last-active' },
    });
    const texts = headers(el).join(' ');
    expect(texts).not.to.contain('Email');
    expect(texts).not.to.contain('Last active');
    expect(rows(el)[0]!.querySelectorAll('[role="gridcell"]')).to.have.length(6);
  });

  it('renders the role, the status with an invitation expiry, and a relative time with the exact one', async () => {
    const { el, server, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const invited = server.usersAs('owner').find((u) => u.status === 'invited')!;
    await import('../../../src/store/index.js').then(({ setFilter }) =>
      setFilter(store, { status: 'invited' }),
    );
    await until(el, () => rowOf(el, invited.id) !== null, 'invited row shown');
    const row = rowOf(el, invited.id)!;
    expect(row.querySelector('[part="status"]')!.textContent).to.match(/Pending/);
    expect(row.querySelector('[part="status-detail"]')!.textContent).to.match(/expires|expired/);
    const active = server.usersAs('owner').find((u) => u.status === 'active' && u.lastActiveAt)!;
    await import('../../../src/store/index.js').then(({ setFilter }) =>
      setFilter(store, { status: null }),
    );
    await until(el, () => rows(el).length > 1, 'rows back');
    const time = $$(el, 'time[part="time"]')[0]!;
    expect(time.getAttribute('title')).to.be.a('string').and.not.be.empty;
    expect(time.textContent).to.match(/ago|just now|yesterday|last|now/);
    expect(active).to.exist;
  });

  it('keeps relative times current as the clock ticks', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const user = store.$rows.get()[0]!;
    applyEvent(store, {
      id: '1',
      type: 'presence',
      data: { userId: user.id, online: false, lastActiveAt: new Date($now.get()).toISOString() },
    });
    await el.updateComplete;
    const time = () => rowOf(el, user.id)!.querySelector('time')!;
    expect(time().textContent).to.match(/^just now/);
    const exact = time().getAttribute('title');
    const real = $now.get();
    try {
      $now.set(real + 5 * 60_000);
      await el.updateComplete;
      expect(time().textContent).to.match(/^5 minutes ago/);
      expect(time().getAttribute('title'), 'the exact time stays').to.equal(exact);
    } finally {
      $now.set(real);
    }
  });

  it('shows initials for users without a picture and never a broken image', async () => {
    const { el } = await mountTable({ preset: 'tenant' }, 'admin');
    for (const avatar of $$(el, '[part="avatar"]')) {
      expect(avatar.querySelector('[part="avatar-initials"]')!.textContent!.trim()).not.to.equal(
        '',
      );
    }
  });

  it('says "You" on the signed-in user\'s row and offers no action or selection on it', async () => {
    const { el, server, store } = await mountTable({ preset: 'workspace' }, 'owner');
    await search(store, 'sofia.martinez');
    await el.updateComplete;
    const self = rowOf(el, server.userIdOf('owner'))!;
    expect(self).to.exist;
    expect(self.querySelector('[part="you"]')!.textContent).to.equal('You');
    expect(self.querySelector('[part="actions-button"]')).to.equal(null);
    expect(self.querySelector('[part="select"]')).to.equal(null);
  });

  it('moves the presence dot live', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'owner');
    const user = server.usersAs('owner').find((u) => rowOf(el, u.id) && !u.online)!;
    const dot = () => rowOf(el, user.id)!.querySelector('[part="presence"]')!;
    expect(dot().getAttribute('data-online')).to.equal('false');
    applyEvent(store, {
      id: '1',
      type: 'presence',
      data: { userId: user.id, online: true, lastActiveAt: new Date().toISOString() },
    });
    await el.updateComplete;
    expect(dot().getAttribute('data-online')).to.equal('true');
    expect(rowOf(el, user.id)!.querySelector('time')!.textContent).to.match(/just now/);
  });
});

describe('<users-table> states', () => {
  it('shows skeleton rows during the first load', async () => {
    const { server, store } = mockStore({ preset: 'workspace', latency: 150 }, 'owner');
    track(server);
    const el = await fixture<UsersTable>(html`<users-table .store=${store}></users-table>`);
    expect($$(el, '[part="skeleton"]').length).to.be.greaterThan(0);
    expect($(el, '[role="status"]')!.textContent).to.contain('Loading users');
    await expect(el).to.be.accessible();
    await settledTable(el, store);
    expect($$(el, '[part="skeleton"]')).to.have.length(0);
    expect(rows(el).length).to.be.greaterThan(0);
  });

  it('shows an empty workspace', async () => {
    // A store filled directly (as a host or a bench may): a workspace of nobody but oneself,
    // seen with no rows.
    const { server, store: loaded } = mockStore({ preset: 'workspace' }, 'owner');
    track(server);
    await loadAll(loaded);
    const store = createRosterStore(clientAs(server, 'owner'));
    store.$me.set(loaded.$me.get());
    store.$workspace.set(loaded.$workspace.get());
    store.$roles.set(loaded.$roles.get());
    store.$paging.set({
      loading: false,
      loadingMore: false,
      error: null,
      nextCursor: null,
      total: 0,
    });
    const el = await fixture<UsersTable>(html`<users-table .store=${store}></users-table>`);
    expect($(el, '[part="state"]')!.textContent).to.contain('No users yet');
    // Inside the grid, under its header (the table keeps its shape).
    expect($(el, '[role="grid"] .body [part="state"]') !== null, 'the state in the body').to.be
      .true;
    expect($(el, '[part="header-row"]') !== null, 'the header row').to.be.true;
    await expect(el).to.be.accessible();
  });

  it('shows "no results" with a way to clear the search', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const input = $(el, 'input[type="search"]') as HTMLInputElement;
    input.value = 'zzzz-nobody-qqq';
    input.dispatchEvent(new Event('input'));
    await until(el, () => store.$query.get().q !== '' && !store.$paging.get().loading, 'searched');
    await until(el, () => $(el, '[part="state"]') !== null, 'no results shown');
    expect($(el, '[part="state"]')!.textContent).to.contain('No users match “zzzz-nobody-qqq”');
    await expect(el).to.be.accessible();
    $(el, '[part="clear-search-button"]')!.click();
    await until(el, () => rows(el).length > 0, 'rows back');
    expect(input.value).to.equal('');
    expect(store.$query.get().q).to.equal('');
  });

  it('shows a failed load with a retry button that recovers', async () => {
    let down = true;
    const { server, store } = mockStore(
      { preset: 'workspace' },
      'owner',
      {},
      {
        retry: { limit: 0, backoff: 1 },
      },
    );
    track(server);
    const flaky = createRosterStore(
      clientAs(server, 'owner', {
        retry: { limit: 0, backoff: 1 },
        fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
          down
            ? Promise.reject(new TypeError('Failed to fetch'))
            : server.fetch(new Request(input, init))) as typeof fetch,
      }),
      { pageSize: 25 },
    );
    expect(store).to.exist;
    const errors: string[] = [];
    const el = await fixture<UsersTable>(
      html`<users-table
        .store=${flaky}
        @roster-error=${(event: Event) => errors.push((event as ErrorEvent).message)}
      ></users-table>`,
    );
    await settledTable(el, flaky);
    expect($(el, '[part="state"]')!.textContent).to.contain('could not be loaded');
    expect(errors.length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
    down = false;
    $(el, '[part="retry-button"]')!.click();
    await until(el, () => rows(el).length > 0, 'rows after retry');
  });

  it('explains to an actor who may not view users, instead of an empty table', async () => {
    for (const [preset, persona] of [
      ['workspace', 'agent'],
      ['workspace', 'manager-restricted'],
      ['tenant', 'user'],
    ] as const) {
      const { el } = await mountTable({ preset }, persona);
      expect($(el, '[role="grid"]'), persona).to.equal(null);
      expect($(el, '[part="state"]')!.textContent, persona).to.contain('cannot view the users');
      expect($(el, '[part="toolbar"]'), persona).to.equal(null);
      await expect(el).to.be.accessible();
    }
  });

  it('shows a lost live connection discreetly, and clears it once reconnected', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const status = $(el, '[part="live-status"]')!;
    expect(status.textContent!.trim()).to.equal('');
    store.$live.set('reconnecting');
    await el.updateComplete;
    expect(status.getAttribute('role')).to.equal('status');
    expect(status.textContent).to.contain('reconnecting');
    await expect(el).to.be.accessible();
    store.$live.set('open');
    await el.updateComplete;
    expect(status.textContent!.trim()).to.equal('');
  });
});
