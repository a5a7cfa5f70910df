import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type {
  RosterActionEvent,
  RosterBeforeActionEvent,
  RosterErrorEvent,
} from '../../../src/events.js';
import type { ErrorCode, User } from '../../../src/api/types.js';
import { problem, problemOf } from '../problem.js';
import type { Failure, Setup } from './helpers.js';
import { confirmButton, focused, open, part, parts, radio, setup, text } from './helpers.js';

const WORKSPACE = { preset: 'workspace' } as const;
const TENANT = { preset: 'tenant' } as const;

async function clickConfirm(s: Setup): Promise<void> {
  confirmButton(s.el)!.click();
  await s.el.updateComplete;
}

describe('<revoke-dialog>', () => {
  describe('product A (workspace: revoke)', () => {
    it('says who loses access, that it cannot be undone and what happens to the contacts', async () => {
      const s = await setup(WORKSPACE, 'owner');
      const ana = s.byName('Aaliyah Johnson');
      await open(s, [ana]);
      expect(text(s.el, 'heading')).to.equal("Revoke Aaliyah Johnson's access?");
      expect(text(s.el, 'who')).to.contain('Aaliyah Johnson').and.contain(ana.email);
      expect(text(s.el, 'semantics')).to.contain(
        'They lose access to Acme Support; their organisation account remains.',
      );
      expect(text(s.el, 'semantics')).to.contain('This cannot be undone.');
      expect(text(s.el, 'contacts')).to.contain(
        `Aaliyah Johnson has ${ana.assignedContacts} assigned contacts.`,
      );
      expect(radio(s.el, 'unassigned').checked).to.be.true;
      expect(radio(s.el, 'reassign').checked).to.be.false;
      expect(text(s.el, 'confirm-button')).to.equal('Revoke access');
      // The destructive button is not where focus starts.
      expect(focused()).to.equal(radio(s.el, 'unassigned'));
      expect(part(s.el, 'dialog')!.getAttribute('aria-labelledby')).to.equal('heading');
      await expect(s.el).to.be.accessible();
    });

    it('revokes, leaving the contacts unassigned, and updates table and seats', async () => {
      const s = await setup(WORKSPACE, 'owner');
      const ana = s.byName('Aaliyah Johnson');
      const seats = s.store.$workspace.get()!.seats.used;
      const before: RosterBeforeActionEvent<'revoke'>[] = [];
      const after: RosterActionEvent<'revoke'>[] = [];
      s.el.addEventListener('roster-before-revoke', (e) => before.push(e));
      s.el.parentElement!.addEventListener('roster-revoke', (e) => after.push(e));
      const { outcome } = await open(s, [ana]);
      await clickConfirm(s);
      expect(await outcome).to.deep.equal({
        status: 'revoked',
        results: [{ userId: ana.id, ok: true }],
      });
      expect(s.server.userAs('owner', ana.id)).to.be.undefined;
      expect(s.store.$users.get()[ana.id]).to.be.undefined;
      expect(s.store.$workspace.get()!.seats.used).to.equal(seats - 1);
      expect(s.server.seats().used).to.equal(seats - 1);
      expect(s.net.deletes).to.have.length(1);
      expect(s.net.deletes[0]).not.to.contain('reassignTo');
      expect(before).to.have.length(1);
      expect(before[0]!.cancelable).to.be.true;
      expect(before[0]!.detail.user.id).to.equal(ana.id);
      expect(before[0]!.detail.reassignTo).to.be.null;
      expect(after.map((e) => e.detail)).to.deep.equal([{ userId: ana.id, reassignTo: null }]);
      expect(s.el.open).to.be.false;
      expect(document.activeElement).to.equal(s.opener);
    });

    it('reassigns the contacts to the chosen user', async () => {
      const s = await setup(WORKSPACE, 'owner');
      const ana = s.byName('Aaliyah Johnson');
      const heir = s.byName('Aiko Tanaka');
      const { outcome } = await open(s, [ana]);
      radio(s.el, 'reassign').click();
      await s.el.updateComplete;
      expect(confirmButton(s.el)!.disabled, 'no receiver yet').to.be.true;
      expect(text(s.el, 'contacts')).to.contain('Choose who receives the contacts to continue.');
      const input = part<HTMLInputElement>(s.el, 'picker-input')!;
      input.focus();
      await sendKeys({ type: 'Aiko' });
      await waitUntil(() => parts(s.el, 'option').length === 1, 'one match');
      parts(s.el, 'option')[0]!.click();
      await s.el.updateComplete;
      expect(text(s.el, 'chosen')).to.contain('Aiko Tanaka');
      expect(confirmButton(s.el)!.disabled).to.be.false;
      await clickConfirm(s);
      // The result says who received the contacts (the table shows it as its toast).
      expect(await outcome).to.deep.equal({
        status: 'revoked',
        results: [
          {
            userId: ana.id,
            ok: true,
            message: `Aaliyah Johnson was removed. Their ${ana.assignedContacts} contacts now belong to Aiko Tanaka.`,
          },
        ],
      });
      expect(s.net.deletes[0]).to.contain(`reassignTo=${heir.id}`);
      expect(s.server.userAs('owner', ana.id)).to.be.undefined;
      expect(s.server.userAs('owner', heir.id)!.assignedContacts).to.equal(
        heir.assignedContacts + ana.assignedContacts,
      );
      // The store re-read the heir shown in the table.
      expect(s.store.$users.get()[heir.id]?.assignedContacts).to.equal(
        heir.assignedContacts + ana.assignedContacts,
      );
    });

    it('reassigns the contacts of several users to one receiver', async () => {
      const s = await setup(WORKSPACE, 'owner');
      const [a, b] = ['Amara Nwosu', 'Björn Ångström'].map(s.byName) as [User, User];
      const heir = s.byName('Olga Petrova');
      const { outcome } = await open(s, [a, b]);
      radio(s.el, 'reassign').click();
      await s.el.updateComplete;
      part<HTMLInputElement>(s.el, 'picker-input')!.focus();
      await sendKeys({ type: 'Olga' });
      await waitUntil(() => parts(s.el, 'option').length === 1, 'one match');
      parts(s.el, 'option')[0]!.click();
      await s.el.updateComplete;
      await clickConfirm(s);
      expect((await outcome).status).to.equal('revoked');
      expect(s.net.deletes.every((url) => url.includes(`reassignTo=${heir.id}`))).to.be.true;
      expect(s.server.userAs('owner', heir.id)!.assignedContacts).to.equal(
        heir.assignedContacts + a.assignedContacts + b.assignedContacts,
      );
    });

    it('is completed with the keyboard alone, and focus returns to the opener', async () => {
      const s = await setup(WORKSPACE, 'owner');
      const ana = s.byName('Aaliyah Johnson');
      const heir = s.byName('Aiko Tanaka');
      let outcome: Promise<unknown> | undefined;
      s.opener.addEventListener('click', () => (outcome = s.el.show()));
      s.el.users = [ana];
      s.opener.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focused() === radio(s.el, 'unassigned'), 'first radio focused');
      await sendKeys({ press: 'ArrowDown' });
      await s.el.updateComplete;
      expect(radio(s.el, 'reassign').checked).to.be.true;
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal(part(s.el, 'picker-input'));
      await sendKeys({ type: 'aiko' });
      await waitUntil(() => parts(s.el, 'option').length === 1, 'one match');
      await sendKeys({ press: 'ArrowDown' });
      await s.el.updateComplete;
      const input = part<HTMLInputElement>(s.el, 'picker-input')!;
      expect(input.getAttribute('aria-expanded')).to.equal('true');
      expect(input.getAttribute('aria-activedescendant')).to.equal(parts(s.el, 'option')[0]!.id);
      await expect(s.el).to.be.accessible();
      await sendKeys({ press: 'Enter' });
      await s.el.updateComplete;
      expect(s.net.deletes, 'Enter in the picker does not confirm').to.have.length(0);
      expect(text(s.el, 'chosen')).to.contain('Aiko Tanaka');
      expect(focused()).to.equal(part(s.el, 'change-button'));
      await sendKeys({ press: 'Tab' }); // Cancel
      expect(focused()).to.equal(part(s.el, 'cancel-button'));
      await sendKeys({ press: 'Tab' }); // Confirm
      expect(focused()).to.equal(confirmButton(s.el));
      await sendKeys({ press: 'Enter' });
      expect(await outcome).to.include({ status: 'revoked' });
      expect(s.net.deletes).to.have.length(1);
      expect(s.net.deletes[0]).to.contain(`reassignTo=${heir.id}`);
      expect(document.activeElement).to.equal(s.opener);
    });

    it('keeps focus inside while open', async () => {
      const s = await setup(WORKSPACE, 'owner');
      await open(s, [s.byName('Aaliyah Johnson')]);
      const inside = (node: Element | null) => !!node && s.el.shadowRoot!.contains(node);
      for (let i = 0; i < 8; i++) {
        await sendKeys({ press: 'Tab' });
        expect(inside(focused()), `Tab ${i + 1}`).to.be.true;
      }
      await sendKeys({ down: 'Shift' });
      try {
        for (let i = 0; i < 8; i++) {
          await sendKeys({ press: 'Tab' });
          expect(inside(focused()), `Shift+Tab ${i + 1}`).to.be.true;
        }
      } finally {
        await sendKeys({ up: 'Shift' });
      }
    });

    it('closes on Escape, cancelled, with focus back on the opener', async () => {
      const s = await setup(WORKSPACE, 'owner');
      const { outcome } = await open(s, [s.byName('Aaliyah Johnson')]);
      await sendKeys({ press: 'Escape' });
      expect(await outcome).to.deep.equal({ status: 'cancelled' });
      expect(document.activeElement).to.equal(s.opener);
      expect(s.net.deletes).to.have.length(0);
    });

    it('is busy while working: Escape ignored, controls disabled, then closes', async () => {
      const s = await setup(WORKSPACE, 'owner');
      const ana = s.byName('Aaliyah Johnson');
      const release = s.net.hold();
      const { outcome } = await open(s, [ana]);
      confirmButton(s.el)!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => s.net.deletes.length === 1, 'DELETE sent');
      await s.el.updateComplete;
      expect(part(s.el, 'dialog')!.getAttribute('aria-busy')).to.equal('true');
      expect(text(s.el, 'confirm-button')).to.equal('Revoking…');
      expect(confirmButton(s.el)!.getAttribute('aria-disabled')).to.equal('true');
      expect(part<HTMLButtonElement>(s.el, 'cancel-button')!.disabled).to.be.true;
      expect(part<HTMLButtonElement>(s.el, 'close-button')!.disabled).to.be.true;
      expect(part<HTMLFieldSetElement>(s.el, 'reassign')!.disabled).to.be.true;
      await sendKeys({ press: 'Escape' });
      await s.el.updateComplete;
      expect(s.el.open, 'Escape ignored while busy').to.be.true;
      confirmButton(s.el)!.click(); // a second press sends nothing more
      await expect(s.el).to.be.accessible();
      release();
      expect((await outcome).status).to.equal('revoked');
      expect(s.net.deletes).to.have.length(1);
      expect(document.activeElement).to.equal(s.opener);
    });

    it('asks for a receiver before confirming, and Enter in the picker never confirms', async () => {
      const s = await setup(WORKSPACE, 'owner');
      await open(s, [s.byName('Aaliyah Johnson')]);
      radio(s.el, 'reassign').click();
      await s.el.updateComplete;
      expect(confirmButton(s.el)!.disabled).to.be.true;
      part<HTMLInputElement>(s.el, 'picker-input')!.focus();
      await sendKeys({ press: 'Enter' });
      await sendKeys({ type: 'zzzz-nobody' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => text(s.el, 'picker').includes('No matching users'), 'no match');
      await sendKeys({ press: 'Enter' });
      expect(s.net.deletes).to.have.length(0);
      expect(s.el.open).to.be.true;
      radio(s.el, 'unassigned').click();
      await s.el.updateComplete;
      expect(confirmButton(s.el)!.disabled, 'unassigned needs no receiver').to.be.false;
    });

    it('fires roster-before-revoke; a veto sends nothing', async () => {
      const s = await setup(WORKSPACE, 'owner');
      const ana = s.byName('Aaliyah Johnson');
      const veto = (event: Event) => event.preventDefault();
      s.el.addEventListener('roster-before-revoke', veto);
      const { outcome } = await open(s, [ana]);
      await clickConfirm(s);
      await waitUntil(() => part(s.el, 'results'), 'reported');
      expect(s.net.deletes).to.have.length(0);
      expect(text(s.el, 'results')).to.equal(
        'Removing Aaliyah Johnson was not allowed by this page.',
      );
      expect(s.server.userAs('owner', ana.id)).to.exist;
      expect(s.store.$users.get()[ana.id]).to.exist;
      s.el.removeEventListener('roster-before-revoke', veto);
      await clickConfirm(s); // Try again, no longer vetoed
      expect((await outcome).status).to.equal('revoked');
      expect(s.net.deletes).to.have.length(1);
    });
  });

  describe('product B (tenant: delete)', () => {
    it('says the account is deleted, records kept, seat freed; no reassignment', async () => {
      const s = await setup(TENANT, 'admin');
      const amara = s.byName('Amara Nwosu');
      const used = s.store.$workspace.get()!.seats.used;
      const { outcome } = await open(s, [amara]);
      expect(text(s.el, 'heading')).to.equal('Delete Amara Nwosu?');
      expect(text(s.el, 'semantics')).to.contain(
        'Their account is deleted and their seat freed; their records are kept for audit.',
      );
      expect(text(s.el, 'contacts')).to.contain('They will be left unassigned.');
      expect(s.el.shadowRoot!.querySelector('input[type=radio]')).to.be.null;
      expect(text(s.el, 'confirm-button')).to.equal('Delete user');
      expect(focused()).to.equal(part(s.el, 'cancel-button'));
      await expect(s.el).to.be.accessible();
      await clickConfirm(s);
      expect((await outcome).status).to.equal('revoked');
      expect(s.server.userAs('admin', amara.id)).to.be.undefined;
      expect(s.store.$workspace.get()!.seats.used).to.equal(used - 1);
      expect(s.net.deletes[0]).not.to.contain('reassignTo');
    });

    it('refuses to open a confirm for yourself, in words', async () => {
      const s = await setup(TENANT, 'admin');
      const me = s.store.$me.get()!.user;
      await open(s, [me]);
      expect(text(s.el, 'refusal')).to.equal("You can't delete your own account.");
      expect(confirmButton(s.el)).to.be.null;
      expect(focused()).to.equal(part(s.el, 'cancel-button'));
      await expect(s.el).to.be.accessible();
    });
  });

  describe('guards and errors', () => {
    it('explains a user you may not remove, with no confirm button', async () => {
      const s = await setup(WORKSPACE, 'manager');
      const owner = s.server.usersAs('manager').find((u) => u.role === 'owner')!;
      expect(owner.allowedActions.revoke).to.be.false;
      const { outcome } = await open(s, [owner]);
      expect(text(s.el, 'refusal')).to.equal(`You're not allowed to remove ${owner.name}.`);
      expect(confirmButton(s.el)).to.be.null;
      await expect(s.el).to.be.accessible();
      part<HTMLButtonElement>(s.el, 'cancel-button')!.click();
      expect(await outcome).to.deep.equal({ status: 'cancelled' });
    });

    it("says you can't revoke your own access", async () => {
      const s = await setup(WORKSPACE, 'owner');
      await open(s, [s.store.$me.get()!.user]);
      expect(text(s.el, 'refusal')).to.equal("You can't revoke your own access.");
      expect(confirmButton(s.el)).to.be.null;
    });

    const cases: [string, Failure, (name: string) => string][] = [
      [
        'last_owner',
        'last_owner',
        (name) => `${name} is the only Manager left, and there must always be one.`,
      ],
      ['cannot_modify_self', 'cannot_modify_self', () => "You can't revoke your own access."],
      ['forbidden', 'forbidden', (name) => `You're not allowed to remove ${name}.`],
      ['network', 'network', (name) => `Removing ${name} failed: the server could not be reached.`],
      [
        'internal',
        'internal',
        (name) => `Removing ${name} failed: the server had a problem (HTTP 500).`,
      ],
      [
        'unauthenticated',
        'unauthenticated',
        () => 'you are not signed in, or your session has expired',
      ],
      ['rate_limited', 'rate_limited', () => 'too many requests; try again in a moment'],
      [
        "a code of the backend's own: the server's detail",
        // Not a contract code (the set is open), so not in the ErrorCode type.
        () => problem('trial_restriction' as ErrorCode, 403),
        () => 'Refused: trial_restriction',
      ],
      [
        "a field error of the backend's own: the server's message",
        () =>
          problemOf({
            code: 'validation_failed',
            status: 422,
            detail: 'Invalid',
            errors: [
              { field: 'legalHold', code: 'on_hold', message: 'They are under legal hold.' },
            ],
          }),
        (name) => `Removing ${name} failed: They are under legal hold.`,
      ],
    ];
    for (const [label, failure, expected] of cases) {
      it(`shows ${label} in words, restores the row and fires roster-error`, async () => {
        const s = await setup(WORKSPACE, 'owner');
        const ana = s.byName('Aaliyah Johnson');
        s.net.failures.set('*', failure);
        const errors: RosterErrorEvent[] = [];
        s.el.addEventListener('roster-error', (e) => errors.push(e));
        await open(s, [ana]);
        await clickConfirm(s);
        await waitUntil(() => part(s.el, 'results'), 'error shown');
        expect(part(s.el, 'results')!.getAttribute('role')).to.equal('alert');
        expect(text(s.el, 'results')).to.contain(expected(ana.name));
        if (failure === 'network') expect(text(s.el, 'results')).to.contain('Nothing is lost');
        expect(errors).to.have.length(1);
        expect(errors[0]!.action).to.equal('revoke');
        expect(errors[0]!.message).to.equal(text(s.el, 'results'));
        expect(s.el.open).to.be.true;
        expect(s.store.$users.get()[ana.id], 'row restored').to.exist;
        expect(text(s.el, 'confirm-button')).to.equal('Try again');
        await expect(s.el).to.be.accessible();
      });
    }

    it('shows a timeout in words; nothing is lost and a retry works', async () => {
      const s = await setup(WORKSPACE, 'owner', { timeout: 100 });
      const ana = s.byName('Aaliyah Johnson');
      const release = s.net.hold();
      const { outcome } = await open(s, [ana]);
      await clickConfirm(s);
      await waitUntil(() => part(s.el, 'results'), 'timeout shown', { timeout: 3000 });
      expect(text(s.el, 'results')).to.contain(
        'Removing Aaliyah Johnson failed: the server took too long to answer.',
      );
      expect(text(s.el, 'results')).to.contain('Nothing is lost');
      release();
      await waitUntil(() => !s.store.$busy.get()[ana.id], 'store settled');
      await clickConfirm(s);
      expect((await outcome).status).to.equal('revoked');
      expect(s.server.userAs('owner', ana.id)).to.be.undefined;
    });

    it('treats not_found as already removed', async () => {
      const s = await setup(WORKSPACE, 'owner');
      const ana = s.byName('Aaliyah Johnson');
      const { outcome } = await open(s, [ana]);
      // Someone else removed Ana meanwhile.
      s.server.fetch(`/api/v1/users/${ana.id}`, {
        method: 'DELETE',
        headers: { Authorization: 'Bearer owner2' },
      });
      await waitUntil(() => !s.server.userAs('owner', ana.id), 'gone');
      await clickConfirm(s);
      expect(await outcome).to.deep.equal({
        status: 'revoked',
        results: [{ userId: ana.id, ok: true, message: 'Aaliyah Johnson was already removed.' }],
      });
      expect(s.store.$users.get()[ana.id]).to.be.undefined;
    });

    it('shows a refused receiver (validation_failed) on the picker', async () => {
      const s = await setup(WORKSPACE, 'owner');
      const ana = s.byName('Aaliyah Johnson');
      const heir = s.byName('Aiko Tanaka');
      await open(s, [ana]);
      radio(s.el, 'reassign').click();
      await s.el.updateComplete;
      part<HTMLInputElement>(s.el, 'picker-input')!.focus();
      await sendKeys({ type: 'Aiko' });
      await waitUntil(() => parts(s.el, 'option').length === 1, 'one match');
      parts(s.el, 'option')[0]!.click();
      // The receiver is removed by someone else before the confirm: the real mock refuses.
      await s.server.fetch(`/api/v1/users/${heir.id}`, {
        method: 'DELETE',
        headers: { Authorization: 'Bearer owner2' },
      });
      await clickConfirm(s);
      await waitUntil(() => text(s.el, 'picker').includes('Choose another'), 'on the picker');
      expect(text(s.el, 'picker')).to.contain(
        'Choose another active user to receive the contacts.',
      );
      expect(s.server.userAs('owner', ana.id), 'not removed').to.exist;
      part<HTMLButtonElement>(s.el, 'change-button')!.click();
      await s.el.updateComplete;
      expect(focused()).to.equal(part(s.el, 'picker-input'));
      expect(confirmButton(s.el)!.disabled).to.be.true;
    });

    it('removes 3 users, reports one failure per user, and retries only that one', async () => {
      const s = await setup(WORKSPACE, 'owner');
      const users = ['Amara Nwosu', 'Björn Ångström', 'Dmitri Ivanov'].map(s.byName);
      const [a, b, c] = users as [(typeof users)[0], (typeof users)[0], (typeof users)[0]];
      s.net.failures.set(b.id, 'internal');
      const { outcome } = await open(s, users);
      expect(text(s.el, 'heading')).to.equal('Revoke access of 3 users?');
      expect(text(s.el, 'confirm-button')).to.equal('Revoke 3 users');
      expect(text(s.el, 'contacts')).to.contain(
        `They have ${a.assignedContacts + b.assignedContacts + c.assignedContacts} assigned contacts in all.`,
      );
      await clickConfirm(s);
      await waitUntil(() => part(s.el, 'results'), 'partial failure shown');
      expect(text(s.el, 'results')).to.contain('2 of 3 users removed.');
      const notes = parts(s.el, 'person').map((li) => li.textContent!.replace(/\s+/g, ' '));
      expect(notes[0]).to.contain('Removed');
      expect(notes[1]).to.contain('the server had a problem');
      expect(notes[2]).to.contain('Removed');
      expect(s.server.userAs('owner', a.id)).to.be.undefined;
      expect(s.server.userAs('owner', b.id)).to.exist;
      expect(s.server.userAs('owner', c.id)).to.be.undefined;
      expect(text(s.el, 'cancel-button')).to.equal('Close');
      await expect(s.el).to.be.accessible();
      s.net.failures.clear();
      await clickConfirm(s);
      expect(await outcome).to.deep.equal({
        status: 'revoked',
        results: [
          { userId: a.id, ok: true },
          { userId: b.id, ok: true },
          { userId: c.id, ok: true },
        ],
      });
      expect(s.net.deletes).to.have.length(4);
    });

    it('skips, in a bulk, the users the actor may not remove', async () => {
      const s = await setup(WORKSPACE, 'manager');
      const list = s.server.usersAs('manager');
      const owner = list.find((u) => u.role === 'owner')!;
      const agent = list.find((u) => u.role === 'agent' && u.status === 'active')!;
      const { outcome } = await open(s, [agent, owner]);
      expect(text(s.el, 'who')).to.contain(`Skipped: You're not allowed to remove ${owner.name}.`);
      expect(text(s.el, 'confirm-button')).to.equal('Revoke access');
      await clickConfirm(s);
      expect(await outcome).to.deep.equal({
        status: 'revoked',
        results: [
          { userId: agent.id, ok: true },
          { userId: owner.id, ok: false, message: `You're not allowed to remove ${owner.name}.` },
        ],
      });
      expect(s.net.deletes).to.have.length(1);
    });

    it('resolves revoked (not cancelled) when closed after a partial success', async () => {
      const s = await setup(WORKSPACE, 'owner');
      const [a, b] = ['Amara Nwosu', 'Björn Ångström'].map(s.byName) as [
        ReturnType<Setup['byName']>,
        ReturnType<Setup['byName']>,
      ];
      s.net.failures.set(b.id, 'forbidden');
      const { outcome } = await open(s, [a, b]);
      await clickConfirm(s);
      await waitUntil(() => part(s.el, 'results'), 'partial');
      await sendKeys({ press: 'Escape' });
      expect(await outcome).to.deep.equal({
        status: 'revoked',
        results: [
          { userId: a.id, ok: true },
          { userId: b.id, ok: false, message: `You're not allowed to remove ${b.name}.` },
        ],
      });
    });
  });
});
