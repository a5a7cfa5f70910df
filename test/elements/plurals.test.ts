/**
 * Every counted message says 0, 1 and 2 rightly (defect: "Revoke 1 users"): each family of
 * messages with a count, through `plural()` and `Intl.PluralRules`.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { RosterHttpError } from '../../src/api/errors.js';
import { removeUsers } from '../../src/api/messages.js';
import { editWords, failureText } from '../../src/elements/parts/failure-text.js';
import { renderSeatMeter } from '../../src/elements/parts/seat-meter.js';
import { plural } from '../../src/i18n/localization.js';
import { search, setFilter } from '../../src/store/index.js';
import { addEmails, openInvite, sendButton } from './invite-dialog/helpers.js';
import { part, renderPart } from './parts/part-host.js';
import { open, setup, text } from './revoke-dialog/helpers.js';
import { setup as setupTemplates } from './role-templates/helpers.js';
import { $, $$, mountTable, rowOf, until } from './users-table/helpers.js';
import type { UsersTable } from '../../src/elements/users-table/users-table.js';

const users = (c: string) => ({ one: `${c} user`, other: `${c} users` });

describe('plurals', () => {
  it('picks the form Intl.PluralRules names for the locale, the count formatted', () => {
    expect([0, 1, 2, 1000].map((n) => plural(n, users))).to.deep.equal([
      '0 users',
      '1 user',
      '2 users',
      '1,000 users',
    ]);
    // A translation's `other` with forms for more categories: English picks its `other=`.
    const forms = (c: string) => ({
      one: `${c} item`,
      other: `zero=none|few=# few|other=${c} items`,
    });
    expect(plural(2, forms)).to.equal('2 items');
    expect(plural(0, forms)).to.equal('0 items');
  });

  it('words removal buttons: Revoke 1 user, Delete 2 users', () => {
    expect(removeUsers(1, false)).to.equal('Revoke 1 user');
    expect(removeUsers(2, false)).to.equal('Revoke 2 users');
    expect(removeUsers(1, true)).to.equal('Delete 1 user');
    expect(removeUsers(2, true)).to.equal('Delete 2 users');
  });

  it('counts seats: 0 and 1 with no limit, 1 of 1 seat, 3 of 5 seats', async () => {
    const label = async (used: number, limit: number | null) =>
      part(await renderPart(renderSeatMeter({ used, limit })), 'seat-meter-label').textContent;
    expect(await label(0, null)).to.equal('0 seats · no limit');
    expect(await label(1, null)).to.equal('1 seat · no limit');
    expect(await label(1, 1)).to.equal('1 of 1 seat');
    expect(await label(3, 5)).to.equal('3 of 5 seats');
  });

  it('waits 1 second, or 2 seconds, after rate limiting', () => {
    const limited = (retryAfter: number) =>
      new RosterHttpError(
        { action: 'Saving', method: 'PATCH', url: 'https://roster.test/api/v1/users/u1' },
        429,
        { type: 'about:blank', code: 'rate_limited', status: 429 },
        retryAfter,
      );
    const words = editWords({ who: 'Ana', role: 'Agent', lastOwner: '' });
    expect(failureText(limited(1), words)).to.equal(
      'Too many requests. Wait 1 second, then try again.',
    );
    expect(failureText(limited(2), words)).to.equal(
      'Too many requests. Wait 2 seconds, then try again.',
    );
  });

  describe('<users-table>', () => {
    const select = async (el: UsersTable, ids: string[]) => {
      for (const id of ids)
        rowOf(el, id)!
          .querySelector<HTMLInputElement>('[part="select"]')!
          .dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      await el.updateComplete;
    };
    const bar = (el: UsersTable) =>
      $$(el, '[part="bulk-bar"] span, [part="bulk-bar"] button').map((node) =>
        node.textContent!.replace(/\s+/g, ' ').trim(),
      );

    it('says 1 user selected, Revoke 1 user and Resend 1 invitation; 2 users for two', async () => {
      const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
      await setFilter(store, { status: 'invited' });
      await el.updateComplete;
      const invited = store.$rows
        .get()
        .filter((u) => u.allowedActions.revoke && u.allowedActions.resendInvitation);
      await select(el, [invited[0]!.id]);
      expect(bar(el)).to.include.members([
        '1 user selected',
        'Resend 1 invitation',
        'Revoke 1 user',
      ]);
      await select(el, [invited[1]!.id]);
      expect(bar(el)).to.include.members([
        '2 users selected',
        'Resend 2 invitations',
        'Revoke 2 users',
      ]);
      await expect(el).to.be.accessible();
    });

    it('says Delete 1 user where removal deletes (tenant)', async () => {
      const { el, store } = await mountTable({ preset: 'tenant' }, 'admin');
      const user = store.$rows.get().find((u) => u.allowedActions.revoke)!;
      await select(el, [user.id]);
      expect(bar(el)).to.include('Delete 1 user');
    });

    it('says Exported 1 user, and Exported 2 users', async () => {
      const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
      el.saveFile = () => undefined;
      const exported = async (q: string) => {
        await search(store, q);
        await el.updateComplete;
        const toast = () => $(el, '[part="toast"]')!.textContent!;
        const before = toast();
        $(el, '[part="export-button"]')!.click();
        await until(el, () => toast() !== before && toast().includes('Exported'), 'toast');
        return toast().replace(/ \(.*/, '');
      };
      const total = store.$paging.get().total!;
      expect(await exported('')).to.equal(`Exported ${total} users`);
      expect(await exported(store.$rows.get()[0]!.email)).to.equal('Exported 1 user');
    });
  });

  describe('<revoke-dialog>', () => {
    it('counts the heading, the contacts and the results in their forms', async () => {
      const s = await setup({ preset: 'workspace' }, 'owner');
      const [a, b] = s.server
        .usersAs('owner')
        .filter((u) => u.allowedActions.revoke && u.status === 'active');
      await open(s, [
        { ...a!, assignedContacts: 1 },
        { ...b!, assignedContacts: 0 },
      ]);
      expect(text(s.el, 'heading')).to.equal('Revoke access of 2 users?');
      expect(text(s.el, 'contacts')).to.contain('They have 1 assigned contact in all.');
      expect(text(s.el, 'confirm-button')).to.equal('Revoke 2 users');
      s.net.failures.set(b!.id, 'internal');
      s.el.shadowRoot!.querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
      await waitUntil(() => text(s.el, 'results') !== '', 'results');
      expect(text(s.el, 'results')).to.equal(
        '1 of 2 users removed. 1 was not removed: see the list above, then try again.',
      );
    });

    it('says one user has 1 assigned contact, and that it now belongs to the receiver', async () => {
      const s = await setup({ preset: 'workspace' }, 'owner');
      const ana = s.byName('Aaliyah Johnson');
      const { outcome } = await open(s, [{ ...ana, assignedContacts: 1 }]);
      expect(text(s.el, 'contacts')).to.contain('Aaliyah Johnson has 1 assigned contact.');
      s.el.shadowRoot!.querySelector<HTMLInputElement>('input[value="reassign"]')!.click();
      await s.el.updateComplete;
      s.el.shadowRoot!.querySelector<HTMLInputElement>('[part="picker-input"]')!.focus();
      await sendKeys({ type: 'Aiko' });
      await waitUntil(() => s.el.shadowRoot!.querySelector('[part="option"]'), 'a match');
      s.el.shadowRoot!.querySelector<HTMLElement>('[part="option"]')!.click();
      await s.el.updateComplete;
      s.el.shadowRoot!.querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
      const { results } = (await outcome) as { results: { message?: string }[] };
      expect(results[0]!.message).to.equal(
        'Aaliyah Johnson was removed. Their 1 contact now belongs to Aiko Tanaka.',
      );
    });
  });

  describe('<invite-dialog>', () => {
    it('says Send 1 invitation, 1 seat left, 2 ready and 1 address needs attention, and keeping only the first address', async () => {
      const { el, store } = await openInvite({
        mock: { preset: 'tenant', seatLimit: 1000 },
        persona: 'admin',
      });
      const used = store.$workspace.get()!.seats.used;
      store.$workspace.set({
        ...store.$workspace.get()!,
        seats: { used, limit: used + 1 },
      });
      await el.updateComplete;
      const shown = (selector: string) =>
        el.shadowRoot!.querySelector(selector)!.textContent!.replace(/\s+/g, ' ').trim();
      expect(shown('[part="seats"]')).to.equal('1 seat left');
      await addEmails(el, 'one@example.com');
      expect(sendButton(el).textContent!.trim()).to.equal('Send 1 invitation');
      await addEmails(el, 'two@example.com');
      expect(shown('[part="limit-message"]')).to.equal(
        'Not enough seats left: remove 1 address, or free seats first.',
      );
      expect(shown('[part="keep-first-button"]')).to.equal('Keep only the first address');
      await addEmails(el, 'not-an-email');
      expect(shown('#emails-flagged')).to.equal(
        '2 addresses are ready to send. 1 address needs attention and will not be sent: fix or remove it.',
      );
      store.$workspace.set({ ...store.$workspace.get()!, seats: { used, limit: used + 5 } });
      await el.updateComplete;
      expect(shown('[part="seats"]')).to.equal('5 seats left');
      expect(sendButton(el).textContent!.trim()).to.equal('Send 2 invitations');
    });
  });

  describe('<role-templates>', () => {
    it('says No users, 1 user and 2 users per template', async () => {
      const s = await setupTemplates({ preset: 'tenant' }, 'admin');
      const [a, b, c] = s.store.$templates.get();
      s.store.$templates.set([
        { ...a!, userCount: 0 },
        { ...b!, userCount: 1 },
        { ...c!, userCount: 2 },
      ]);
      await s.el.updateComplete;
      const counts = [...s.el.shadowRoot!.querySelectorAll('[part="count"]')].map((p) =>
        p.textContent!.trim(),
      );
      expect(counts).to.deep.equal(['No users', '1 user', '2 users']);
    });
  });
});
