import { expect, fixture, html } from '@open-wc/testing';
import { displayName } from '../../../src/api/rules.js';
import type { User } from '../../../src/api/types.js';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import { loadAll, search } from '../../../src/store/index.js';
import { clientAs, mockStore } from '../../store/mock-helpers.js';
import { hostileStrings, pwned } from '../hostile.js';
import { $, $$, mountTable, openMenu, rowOf, rows, settledTable, track } from './helpers.js';

/**
 * Checks that rows hold their fixed height and no content widens anything: the grid is as
 * wide as its header (the columns' widths), every row too, no cell overflows its row.
 */
function expectLayoutHolds(el: UsersTable): void {
  const grid = el.shadowRoot!.querySelector<HTMLElement>('[role="grid"]')!;
  const header = el.shadowRoot!.querySelector('[part="header-row"]')!.getBoundingClientRect();
  expect(grid.scrollWidth, 'no sideways overflow').to.be.at.most(
    Math.max(grid.clientWidth, Math.ceil(header.width)),
  );
  for (const row of rows(el))
    expect(row.getBoundingClientRect().width, 'rows as wide as the header').to.be.closeTo(
      header.width,
      1,
    );
  const heights = new Set(rows(el).map((row) => Math.round(row.getBoundingClientRect().height)));
  expect([...heights], 'every row the same height').to.have.length(1);
  for (const row of rows(el))
    for (const cell of row.querySelectorAll('[role="gridcell"]'))
      expect(cell.getBoundingClientRect().right).to.be.at.most(
        row.getBoundingClientRect().right + 1,
      );
}

describe('<users-table> with hostile data', () => {
  it('renders hostile names from the server as text, runs nothing, and keeps its layout', async () => {
    const { server, store } = mockStore({ preset: 'workspace' }, 'owner', { pageSize: 25 });
    track(server);
    const owner = clientAs(server, 'owner');
    // The mock caps names at 200 characters; longer ones are tested in the next test.
    const names = { ...hostileStrings, long: 'W'.repeat(200) };
    const invited: Record<string, User> = {};
    for (const [key, name] of Object.entries(names))
      invited[key] = await owner.invite({
        email: `${key.toLowerCase()}@acme.test`,
        name,
        role: 'agent',
      });
    invited.longEmail = await owner.invite({
      email: `${'x'.repeat(60)}@${'long-domain-'.repeat(4)}acme.test`,
      role: 'agent',
    });
    const el = await fixture<UsersTable>(html`<users-table .store=${store}></users-table>`);
    await settledTable(el, store);
    for (const [key, user] of Object.entries(invited)) {
      await search(store, user.email);
      await el.updateComplete;
      const row = rowOf(el, user.id);
      expect(row, key).to.exist;
      // As displayName shows it: the name (else the email), isolated when it holds bidi controls.
      expect(row!.querySelector('[part="name"]')!.textContent, key).to.equal(displayName(user));
      expect(row!.querySelector('.cell.email')!.textContent!.trim(), key).to.equal(user.email);
      expect(
        row!.querySelector('[part="actions-button"]')!.getAttribute('aria-label'),
        key,
      ).to.equal(`Actions for ${displayName(user)}`);
      expect(
        row!.querySelectorAll('b, script, img:not([part="avatar-image"])'),
        key,
      ).to.have.length(0);
      expectLayoutHolds(el);
    }
    // All of them at once, and their menus.
    await search(store, '');
    await el.updateComplete;
    await openMenu(el, invited.markup!.id);
    expect($(el, '[role="menu"]')!.getAttribute('aria-label')).to.equal(
      `Actions for ${names.markup}`,
    );
    expect(pwned()).to.be.false;
  });

  it('renders hostile emails and very long names a misbehaving server sends, as text', async () => {
    const { server, store } = mockStore({ preset: 'workspace' }, 'owner', { pageSize: 100 });
    track(server);
    await loadAll(store);
    const template = store.$rows.get().find((u) => u.allowedActions.revoke)!;
    const hostile = Object.entries(hostileStrings).map(([key, text], i) => ({
      ...template,
      id: `hostile_${key}`,
      name: key === 'long' ? text : `${text}`,
      email: `${text}@acme.test`,
      avatarUrl: i === 0 ? 'javascript:window.__rosterPwned=1' : null,
    }));
    store.$users.set(Object.fromEntries(hostile.map((u) => [u.id, u])));
    store.$order.set(hostile.map((u) => u.id));
    const el = await fixture<UsersTable>(html`<users-table .store=${store}></users-table>`);
    await el.updateComplete;
    for (const user of hostile) {
      const row = rowOf(el, user.id)!;
      expect(row.querySelector('[part="name"]')!.textContent).to.equal(displayName(user));
      expect(row.querySelector('.cell.email')!.textContent!.trim()).to.equal(user.email.trim());
    }
    expect($$(el, 'script')).to.have.length(0);
    expectLayoutHolds(el);
    expect(pwned()).to.be.false;
    await expect(el).to.be.accessible();
  });

  it('names a user by their email when a misbehaving server sends a blank name', async () => {
    const { server, store } = mockStore({ preset: 'workspace' }, 'owner', { pageSize: 100 });
    track(server);
    await loadAll(store);
    const template = store.$rows.get().find((u) => u.allowedActions.revoke)!;
    const blank = { ...template, id: 'blank', name: ' \t ', email: 'blank@acme.test' };
    store.$users.set({ blank });
    store.$order.set(['blank']);
    const el = await fixture<UsersTable>(html`<users-table .store=${store}></users-table>`);
    await el.updateComplete;
    const row = rowOf(el, 'blank')!;
    expect(row.querySelector('[part="name"]')!.textContent).to.equal('blank@acme.test');
    expect(row.querySelector('[part="actions-button"]')!.getAttribute('aria-label')).to.equal(
      'Actions for blank@acme.test',
    );
  });

  it('echoes a hostile search in the no-results state as text', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    await search(store, hostileStrings.markup);
    await el.updateComplete;
    expect($(el, '[part="state"] .state-title')!.textContent!.trim()).to.equal(
      `No users match “${hostileStrings.markup}”`,
    );
    expect($$(el, '[part="state"] b, [part="state"] img')).to.have.length(0);
    expect(pwned()).to.be.false;
  });
});
