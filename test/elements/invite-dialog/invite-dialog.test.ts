import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type {
  RosterActionEvent,
  RosterBeforeActionEvent,
  RosterErrorEvent,
} from '../../../src/events.js';
import {
  $,
  $$,
  addEmails,
  alertText,
  chipEmails,
  chipMessage,
  focused,
  input,
  lookupsSettled,
  openInvite,
  problem,
  sendButton,
} from './helpers.js';

const roleOptions = (el: Parameters<typeof input>[0]) =>
  $$<HTMLInputElement>(el, '[part="role-picker"] input[type="radio"]').map((radio) => radio.value);

describe('<invite-dialog>', () => {
  describe('opening and closing', () => {
    it('opens as a labelled modal with the focus in the email field', async () => {
      const { el } = await openInvite();
      const dialog = $<HTMLDialogElement>(el, 'dialog');
      expect(dialog.open).to.be.true;
      expect(dialog.matches(':modal')).to.be.true;
      expect($(el, '#heading').textContent).to.contain('Invite people');
      expect(focused()).to.equal(input(el));
      expect($(el, 'label[for="emails"]').textContent).to.contain('Email addresses');
      await expect(el).to.be.accessible();
    });

    it('leaves no gap for empty messages, and keeps addresses in their own direction', async () => {
      const { el } = await openInvite();
      const messages = $(el, '[role="status"]').parentElement!;
      expect(getComputedStyle(messages).position, 'empty: out of the layout').to.equal('absolute');
      el.dir = 'rtl';
      await addEmails(el, 'ana@example.com', 'not-an-address');
      expect($(el, '[part="chip-edit"]').getAttribute('dir')).to.equal('auto');
      // English (or data) inside an RTL page: "2 addresses…" must not read "addresses… 2".
      const flagged = $(el, '[part="chip-error"]');
      expect(getComputedStyle(flagged).unicodeBidi).to.equal('plaintext');
      expect(getComputedStyle($(el, '[part="seats"]')).unicodeBidi).to.equal('plaintext');
    });

    it('closes on Escape, resolves cancelled and gives the focus back to the opener', async () => {
      const { el, opener, outcome } = await openInvite();
      await sendKeys({ press: 'Escape' });
      expect(await outcome).to.deep.equal({ status: 'cancelled', users: [] });
      expect($<HTMLDialogElement>(el, 'dialog').open).to.be.false;
      expect(document.activeElement).to.equal(opener);
    });

    it('closes with the Cancel button', async () => {
      const { el, opener, outcome } = await openInvite();
      $(el, '[part="cancel-button"]').click();
      expect((await outcome).status).to.equal('cancelled');
      expect(document.activeElement).to.equal(opener);
    });

    it('starts afresh at each opening', async () => {
      const { el, outcome } = await openInvite();
      await addEmails(el, 'ana@example.com');
      el.close();
      await outcome;
      void el.show();
      await el.updateComplete;
      expect(chipEmails(el)).to.deep.equal([]);
      el.close();
    });
  });

  describe('loading', () => {
    it('loads what it needs itself, and offers to try again when that fails', async () => {
      let down = true;
      const { el, store } = await openInvite({
        mock: { preset: 'workspace' },
        intercept: (request) =>
          down && new URL(request.url).pathname.endsWith('/me')
            ? problem('internal', 500)
            : undefined,
      });
      await waitUntil(() => alertText(el) !== '', 'the load failure is shown');
      expect(alertText(el)).to.contain('Loading your account failed');
      await addEmails(el, 'early@example.com');
      expect(sendButton(el).disabled).to.be.true;
      await expect(el).to.be.accessible();
      down = false;
      $$<HTMLButtonElement>(el, 'p[part="alert"] button')[0]!.click();
      await waitUntil(() => store.$me.get() !== null);
      await el.updateComplete;
      expect(roleOptions(el)).to.deep.equal(['owner', 'manager', 'agent']);
      expect(chipEmails(el)).to.deep.equal(['early@example.com']);
    });
  });

  describe('access level', () => {
    it('offers an owner every role, each with its description, agent chosen first', async () => {
      const { el, store } = await openInvite({ mock: { preset: 'workspace' }, persona: 'owner' });
      expect(roleOptions(el)).to.deep.equal(['owner', 'manager', 'agent']);
      const checked = $<HTMLInputElement>(el, '[part="role-picker"] input:checked');
      expect(checked.value).to.equal('agent');
      const agent = store.$roles.get().find((role) => role.id === 'agent')!;
      expect($(el, '[part="role-picker"]').textContent).to.contain(agent.description);
      expect($(el, '[part="role-picker"] legend').textContent).to.contain('Access level');
    });

    it('offers a manager agents only', async () => {
      const { el } = await openInvite({ mock: { preset: 'workspace' }, persona: 'manager' });
      expect(roleOptions(el)).to.deep.equal(['agent']);
    });

    it('offers a tenant admin both roles and a user-manager users only', async () => {
      const admin = await openInvite({ mock: { preset: 'tenant' }, persona: 'admin' });
      expect(roleOptions(admin.el)).to.deep.equal(['admin', 'user']);
      admin.el.close();
      const manager = await openInvite({ mock: { preset: 'tenant' }, persona: 'user-manager' });
      expect(roleOptions(manager.el)).to.deep.equal(['user']);
    });

    it('says so when the actor may not invite anyone', async () => {
      const { el } = await openInvite({ mock: { preset: 'workspace' }, persona: 'agent' });
      expect(el.shadowRoot!.textContent).to.contain('You may not invite people.');
      await addEmails(el, 'ana@example.com');
      expect(sendButton(el).disabled).to.be.true;
      await expect(el).to.be.accessible();
    });

    it('preselects the role given as property', async () => {
      const { el } = await openInvite({ mock: { preset: 'workspace' }, role: 'manager' });
      expect($<HTMLInputElement>(el, '[part="role-picker"] input:checked').value).to.equal(
        'manager',
      );
      expect(el.hasAttribute('role')).to.be.false;
    });

    it("shows the chosen role's restrictions, the plan-gated one disabled with why", async () => {
      const { el } = await openInvite({ mock: { preset: 'workspace' } });
      const restrictions = $(el, '[part="restrictions"]');
      expect(restrictions.textContent).to.contain('Contact visibility');
      expect(restrictions.textContent).to.contain('Their team and themselves');
      expect(restrictions.textContent).to.contain('Themselves only');
      const mask = $<HTMLInputElement>(el, 'input[name="restrictions.maskContactInfo"]');
      expect(mask.disabled).to.be.true;
      expect(restrictions.textContent).to.contain('Available on the Advanced or Enterprise plan.');
      // Switching to manager shows the manager's restrictions instead.
      $<HTMLInputElement>(el, 'input[name="role"][value="manager"]').click();
      await el.updateComplete;
      expect($(el, '[part="restrictions"]').textContent).to.contain('No data export');
      expect(el.shadowRoot!.querySelector('input[name="restrictions.maskContactInfo"]')).to.be.null;
    });

    it('sends the chosen role, restrictions, template and flags', async () => {
      const { el, server, outcome } = await openInvite({ mock: { preset: 'all' } });
      $<HTMLInputElement>(el, 'input[name="restrictions.contactVisibility"][value="self"]').click();
      await el.updateComplete;
      $<HTMLInputElement>(el, 'input[name="flags.crmAccess"]').click();
      await el.updateComplete;
      const select = $<HTMLSelectElement>(el, '[part="template-picker"] select');
      select.value = select.options[1]!.value;
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
      await addEmails(el, 'new.agent@example.com');
      sendButton(el).click();
      const { status, users } = await outcome;
      expect(status).to.equal('invited');
      const stored = server.usersAs('owner').find((u) => u.email === 'new.agent@example.com')!;
      expect(stored.role).to.equal('agent');
      expect(stored.restrictions['contactVisibility']).to.equal('self');
      expect(stored.flags['crmAccess']).to.be.true;
      expect(stored.roleTemplateId).to.equal(select.options[1]!.value);
      expect(users.map((u) => u.id)).to.deep.equal([stored.id]);
    });

    it('says admins always have CRM access (tenant), no toggle, and lets it be chosen for users', async () => {
      const { el } = await openInvite({ mock: { preset: 'tenant' }, persona: 'admin' });
      const crm = () => $<HTMLInputElement>(el, 'input[name="flags.crmAccess"]');
      expect(crm().disabled).to.be.false;
      expect(crm().checked).to.be.false;
      expect(el.shadowRoot!.querySelector('[part="template-picker"]')).to.exist;
      $<HTMLInputElement>(el, 'input[name="role"][value="admin"]').click();
      await el.updateComplete;
      // Seed 003: admins get CRM access and no toggle; a line says so.
      expect(el.shadowRoot!.querySelector('input[name="flags.crmAccess"]')).to.be.null;
      expect($(el, '[part="flag-forced"]').textContent!.trim()).to.equal(
        'Users with the Admin role always have CRM access.',
      );
      // Admins hold every permission: no template to pick.
      expect(el.shadowRoot!.querySelector('[part="template-picker"]')).to.be.null;
      // Back to user: CRM access was forced, not chosen, so it is off again.
      $<HTMLInputElement>(el, 'input[name="role"][value="user"]').click();
      await el.updateComplete;
      expect(crm().checked).to.be.false;
      expect(crm().disabled).to.be.false;
      $<HTMLInputElement>(el, 'input[name="role"][value="admin"]').click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  });

  describe('keyboard only', () => {
    it('types addresses, picks a role with arrows and sends with Enter', async () => {
      const { el, opener, server, outcome } = await openInvite({ mock: { preset: 'workspace' } });
      await sendKeys({ type: 'ana@example.com, bob@example.com' });
      await el.updateComplete;
      expect(chipEmails(el)).to.deep.equal(['ana@example.com']);
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(chipEmails(el)).to.deep.equal(['ana@example.com', 'bob@example.com']);
      // Tab to the access level radio group, then choose Manager (one up from Agent).
      for (let i = 0; i < 5 && (focused() as HTMLInputElement | null)?.name !== 'role'; i++)
        await sendKeys({ press: 'Tab' });
      expect((focused() as HTMLInputElement).value).to.equal('agent');
      await sendKeys({ press: 'ArrowUp' });
      await el.updateComplete;
      expect((focused() as HTMLInputElement).value).to.equal('manager');
      expect($(el, '[part="restrictions"]').textContent).to.contain('No contact deletion');
      // A restriction with Space.
      await sendKeys({ press: 'Tab' });
      expect((focused() as HTMLInputElement).name).to.equal('restrictions.noWorkspaceSettings');
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(sendButton(el).textContent!.trim()).to.equal('Send 2 invitations');
      // Back to the email field, Enter on the empty field sends.
      input(el).focus();
      await sendKeys({ press: 'Enter' });
      const result = await outcome;
      expect(result.status).to.equal('invited');
      expect(result.users.map((u) => u.email).sort()).to.deep.equal([
        'ana@example.com',
        'bob@example.com',
      ]);
      const ana = server.usersAs('owner').find((u) => u.email === 'ana@example.com')!;
      expect(ana.role).to.equal('manager');
      expect(ana.restrictions['noWorkspaceSettings']).to.be.true;
      expect(document.activeElement).to.equal(opener);
    });

    it('tabs to the Send button and presses it', async () => {
      const { el, outcome } = await openInvite({ mock: { preset: 'tenant' }, persona: 'admin' });
      await sendKeys({ type: 'carla@example.com' });
      for (let i = 0; i < 20 && focused() !== sendButton(el); i++) await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal(sendButton(el));
      expect(sendButton(el).textContent!.trim()).to.equal('Send 1 invitation');
      await sendKeys({ press: 'Enter' });
      expect((await outcome).users.map((u) => u.email)).to.deep.equal(['carla@example.com']);
    });

    it('keeps the focus inside the dialog while open', async () => {
      const { el } = await openInvite({ mock: { preset: 'workspace' } });
      for (let i = 0; i < 30; i++) {
        await sendKeys({ press: 'Tab' });
        const active = focused();
        expect(active && el.shadowRoot!.contains(active), `Tab ${i}`).to.be.true;
      }
    });

    it('moves between chips with arrows, edits with Enter and removes with Delete', async () => {
      const { el } = await openInvite();
      await addEmails(el, 'a@example.com', 'b@example.com', 'c@example.com');
      input(el).focus();
      await sendKeys({ press: 'ArrowLeft' });
      expect(focused()!.getAttribute('aria-label')).to.equal('Edit c@example.com');
      await sendKeys({ press: 'ArrowLeft' });
      expect(focused()!.getAttribute('aria-label')).to.equal('Edit b@example.com');
      await sendKeys({ press: 'Delete' });
      await el.updateComplete;
      expect(chipEmails(el)).to.deep.equal(['a@example.com', 'c@example.com']);
      expect(focused()!.getAttribute('aria-label')).to.equal('Edit c@example.com');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(chipEmails(el)).to.deep.equal(['a@example.com']);
      expect(focused()).to.equal(input(el));
      expect(input(el).value).to.equal('c@example.com');
      // Only one chip is a tab stop.
      expect($$(el, '[part="chip-edit"][tabindex="0"]')).to.have.length(1);
    });
  });

  describe('addresses', () => {
    it('turns typed separators and pasted lists into chips', async () => {
      const { el } = await openInvite();
      await sendKeys({ type: 'one@example.com;two@example.com ' });
      await el.updateComplete;
      expect(chipEmails(el)).to.deep.equal(['one@example.com', 'two@example.com']);
      await addEmails(el, 'three@example.com\nfour@example.com');
      expect(chipEmails(el)).to.have.length(4);
      expect(input(el).value).to.equal('');
      expect($(el, '[part="chips"]').getAttribute('role')).to.equal('list');
      expect($$(el, '[part~="chip"]').every((li) => li.tagName === 'LI')).to.be.true;
    });

    it('turns the typed address into a chip when the field loses focus', async () => {
      const { el } = await openInvite();
      await sendKeys({ type: 'dora@example.com' });
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      expect(chipEmails(el)).to.deep.equal(['dora@example.com']);
    });

    it('flags invalid addresses and duplicates, and does not send them', async () => {
      const { el, traffic } = await openInvite({ mock: { preset: 'workspace' } });
      await addEmails(el, 'not-an-email', 'ok@example.com', 'OK@example.com');
      expect(chipMessage(el, 'not-an-email')).to.equal('Not a valid email address');
      expect(chipMessage(el, 'ok@example.com')).to.equal('');
      expect(chipMessage(el, 'OK@example.com')).to.equal('Listed twice');
      expect($(el, '#emails-flagged').textContent).to.contain('2 addresses need attention');
      expect(input(el).getAttribute('aria-invalid')).to.equal('true');
      expect(input(el).getAttribute('aria-describedby')).to.contain('emails-flagged');
      const chip = $$(el, '[part~="chip-invalid"] [part="chip-edit"]')[0]!;
      const messageId = chip.getAttribute('aria-describedby')!;
      expect(el.shadowRoot!.getElementById(messageId)!.textContent).to.contain('Not a valid');
      expect(sendButton(el).textContent!.trim()).to.equal('Send 1 invitation');
      await expect(el).to.be.accessible();
      sendButton(el).click();
      await waitUntil(() => traffic.invitations === 1);
      await waitUntil(() => chipEmails(el).length === 2);
      expect(chipEmails(el)).to.deep.equal(['not-an-email', 'OK@example.com']);
    });

    it('flags people who are already users before sending', async () => {
      const { el, store, server, traffic } = await openInvite({ mock: { preset: 'workspace' } });
      const loaded = new Set(Object.keys(store.$users.get()));
      const all = server.usersAs('owner');
      const shown = all.find((u) => loaded.has(u.id) && u.status !== 'invited')!;
      const unloaded = all.find((u) => !loaded.has(u.id) && u.status === 'active')!;
      const pending = all.find((u) => u.status === 'invited')!;
      expect(unloaded, 'a user beyond the loaded page').to.exist;
      await addEmails(el, shown.email.toUpperCase(), unloaded.email, pending.email);
      expect(chipMessage(el, shown.email.toUpperCase())).to.equal('Already a member');
      await lookupsSettled(el);
      expect(chipMessage(el, unloaded.email)).to.equal('Already a member');
      expect(chipMessage(el, pending.email)).to.equal('Already invited');
      expect(sendButton(el).disabled).to.be.false; // the button stays, sending nothing flagged
      sendButton(el).click();
      await el.updateComplete;
      expect(traffic.invitations).to.equal(0);
      expect(alertText(el)).to.contain('Add at least one valid email address.');
    });

    it('removes the last chip with Backspace and a chip with its remove button', async () => {
      const { el } = await openInvite();
      await addEmails(el, 'a@example.com', 'b@example.com', 'c@example.com');
      input(el).focus();
      await sendKeys({ press: 'Backspace' });
      await el.updateComplete;
      expect(chipEmails(el)).to.deep.equal(['a@example.com', 'b@example.com']);
      const remove = $$(el, '[part="chip-remove"]')[0]!;
      expect(remove.getAttribute('aria-label')).to.equal('Remove a@example.com');
      remove.click();
      await el.updateComplete;
      expect(chipEmails(el)).to.deep.equal(['b@example.com']);
    });

    it('edits a flagged chip back into the field on click', async () => {
      const { el } = await openInvite();
      await addEmails(el, 'bad@@example.com');
      $(el, '[part="chip-edit"]').click();
      await el.updateComplete;
      expect(chipEmails(el)).to.deep.equal([]);
      expect(input(el).value).to.equal('bad@@example.com');
    });
  });

  describe('events', () => {
    it('fires a cancelable roster-before-invite with the invitations, then roster-invite', async () => {
      const { el, outcome } = await openInvite({ mock: { preset: 'workspace' } });
      const before: RosterBeforeActionEvent<'invite'>[] = [];
      const after: RosterActionEvent<'invite'>[] = [];
      el.addEventListener('roster-before-invite', (e) => before.push(e), { once: true });
      el.addEventListener('roster-invite', (e) => after.push(e), { once: true });
      await addEmails(el, 'eva@example.com');
      sendButton(el).click();
      const { users } = await outcome;
      expect(before).to.have.length(1);
      expect(before[0]!.cancelable).to.be.true;
      expect(before[0]!.composed).to.be.true;
      expect(before[0]!.detail.invitations).to.deep.equal([
        {
          email: 'eva@example.com',
          role: 'agent',
          restrictions: { contactVisibility: 'all', hideWorkflows: false, maskContactInfo: false },
        },
      ]);
      expect(after).to.have.length(1);
      expect(after[0]!.detail.users).to.deep.equal(users);
    });

    it('sends nothing when the host vetoes, keeps everything, and says so', async () => {
      const { el, traffic } = await openInvite({ mock: { preset: 'workspace' } });
      const veto = (event: Event) => event.preventDefault();
      el.addEventListener('roster-before-invite', veto);
      let after = 0;
      el.addEventListener('roster-invite', () => after++);
      await addEmails(el, 'vetoed@example.com');
      sendButton(el).click();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await el.updateComplete;
      expect(traffic.invitations).to.equal(0);
      expect(after).to.equal(0);
      expect(el.open).to.be.true;
      expect(chipEmails(el)).to.deep.equal(['vetoed@example.com']);
      expect(sendButton(el).disabled).to.be.false;
      expect(alertText(el)).to.equal('Sending the invitations was not allowed by this page.');
      el.removeEventListener('roster-before-invite', veto);
    });

    it('fires roster-error for each failed invitation', async () => {
      const { el } = await openInvite({
        mock: { preset: 'workspace' },
        intercept: (request) => (request.method === 'POST' ? Response.error() : undefined),
      });
      const errors: RosterErrorEvent[] = [];
      el.addEventListener('roster-error', (e) => errors.push(e));
      await addEmails(el, 'x@example.com', 'y@example.com');
      sendButton(el).click();
      await waitUntil(() => errors.length === 2);
      expect(errors[0]!.action).to.equal('invite');
      expect(errors.map((e) => e.message).join()).to.contain('Inviting x@example.com failed');
    });
  });
});
