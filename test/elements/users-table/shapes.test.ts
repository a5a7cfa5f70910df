/**
 * `<users-table>` with shapes the contract allows that the mock never sends (issue 12): a user
 * whose role `/roles` does not list, and someone online without a time of last activity.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { User } from '../../../src/api/types.js';
import type { EditUserDialog } from '../../../src/elements/edit-user-dialog/edit-user-dialog.js';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import { mockStore, recordingFetch } from '../../store/mock-helpers.js';
import type { MockServer } from '../../store/mock-helpers.js';
import { reshaping, unknownRole } from '../shapes.js';
import { $, $$, rowOf, settledTable, track, until } from './helpers.js';

/** A table acting as the owner of `preset` over a mock whose answers pass `changes` first. */
async function mountReshaped(
  changes: Parameters<typeof reshaping>[1],
  preset: 'workspace' | 'all' = 'workspace',
) {
  const holder: { server?: MockServer } = {};
  const fetch = reshaping((input, init) => recordingFetch(holder.server!)(input, init), changes);
  const { server, store } = mockStore({ preset }, 'owner', { pageSize: 50 }, { fetch });
  holder.server = track(server);
  const el = await fixture<UsersTable>(html`<users-table .store=${store}></users-table>`);
  await settledTable(el, store);
  return { el, store, server };
}

const byName = (server: MockServer, name: string): User =>
  server.usersAs('owner').find((user) => user.name === name)!;

/** A cell's text of a user's row, whitespace collapsed. */
const cellText = (el: UsersTable, id: string, kind: string) =>
  rowOf(el, id)!.querySelector(`.cell.${kind}`)!.textContent!.replace(/\s+/g, ' ').trim();

describe('<users-table> with shapes the contract allows', () => {
  describe('a role /roles does not list', () => {
    const email = 'aiko.tanaka@acme.test';

    it('shows it by its id, marked as unknown, and filters and sorts as before', async () => {
      const { el, store, server } = await mountReshaped(unknownRole(email));
      const aiko = byName(server, 'Aiko Tanaka');
      expect(aiko.email).to.equal(email);
      const cell = rowOf(el, aiko.id)!.querySelector('.cell.role')!;
      expect(cellText(el, aiko.id, 'role')).to.equal('auditor (unknown role)');
      expect(cell.querySelector('[title="unknown role"]')).to.exist;
      const known = server.usersAs('owner').find((user) => user.role === 'agent')!;
      expect(cellText(el, known.id, 'role')).to.equal('Agent');
      await expect(el).to.be.accessible();

      // The filter offers the roles /roles lists; filtering by one of them, then by none.
      const filter = $(el, '[part="role-filter"]') as HTMLSelectElement;
      expect([...filter.options].map((o) => o.value)).to.deep.equal([
        '',
        'owner',
        'manager',
        'agent',
      ]);
      filter.value = 'agent';
      filter.dispatchEvent(new Event('change'));
      await until(
        el,
        () => store.$query.get().role === 'agent' && !store.$paging.get().loading,
        'agents',
      );
      expect(rowOf(el, aiko.id)).to.be.null;
      expect(store.$rows.get().every((user) => user.role === 'agent')).to.be.true;
      filter.value = '';
      filter.dispatchEvent(new Event('change'));
      await until(
        el,
        () => store.$query.get().role === null && !store.$paging.get().loading,
        'all',
      );
      expect(cellText(el, aiko.id, 'role')).to.equal('auditor (unknown role)');

      const header = $$(el, '[role="columnheader"]').find((c) => c.textContent!.includes('Role'))!;
      header.querySelector('button')!.click();
      await until(
        el,
        () => store.$query.get().sort === 'role' && !store.$paging.get().loading,
        'sorted',
      );
      expect(header.getAttribute('aria-sort')).to.equal('ascending');
      expect(cellText(el, aiko.id, 'role')).to.equal('auditor (unknown role)');
    });

    it('opens such a user for editing, and a known role can be given', async () => {
      const { el, store, server } = await mountReshaped(unknownRole(email));
      const aiko = byName(server, 'Aiko Tanaka');
      rowOf(el, aiko.id)!.querySelector<HTMLElement>('[part="name"]')!.click();
      await el.updateComplete;
      const dialog = $(el, '#dialog') as EditUserDialog;
      await until(el, () => !!dialog.shadowRoot?.querySelector('dialog[open]'), 'edit dialog');
      await dialog.updateComplete;
      const radio = (value: string) =>
        dialog.shadowRoot!.querySelector<HTMLInputElement>(`input[name="role"][value="${value}"]`)!;
      expect(radio('auditor').checked && radio('auditor').disabled).to.be.true;
      radio('agent').click();
      await dialog.updateComplete;
      dialog.shadowRoot!.querySelector<HTMLButtonElement>('[part="review-button"]')!.click();
      await dialog.updateComplete;
      dialog.shadowRoot!.querySelector<HTMLButtonElement>('[part="save-button"]')!.click();
      await until(el, () => server.userAs('owner', aiko.id)!.role === 'agent', 'saved');
      await until(el, () => cellText(el, aiko.id, 'role') === 'Agent', 'the row follows');
      expect(store.$users.get()[aiko.id]!.role).to.equal('agent');
    });
  });

  describe('online with no time of last activity', () => {
    it('says Active now beside the online dot, not Never', async () => {
      const online = (page: { items: User[] }) => {
        page.items[0] = { ...page.items[0]!, online: true, lastActiveAt: null };
        page.items[1] = { ...page.items[1]!, online: false, lastActiveAt: null };
      };
      const { el, store } = await mountReshaped({ '/users': online }, 'all');
      const [first, second] = store.$rows.get();
      expect(cellText(el, first!.id, 'last-active')).to.equal('Active now');
      expect(rowOf(el, first!.id)!.querySelector('[part="presence"]')!.textContent).to.equal(
        'Online',
      );
      expect(cellText(el, second!.id, 'last-active')).to.equal('Never');
      expect(rowOf(el, first!.id)!.querySelector('time')).to.be.null;
      await expect(el).to.be.accessible();
    });
  });
});
