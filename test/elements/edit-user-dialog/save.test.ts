import { expect } from '@open-wc/testing';
import type {
  RosterActionEvent,
  RosterBeforeActionEvent,
  RosterErrorEvent,
} from '../../../src/events.js';
import { formatExact } from '../../../src/elements/parts/clock.js';
import {
  changes,
  choose,
  click,
  focused,
  idle,
  input,
  open,
  part,
  setup,
  text,
  until,
  activeAgent,
} from './helpers.js';

const WORKSPACE = { preset: 'workspace' } as const;
const ALL = { preset: 'all' } as const;

describe('<edit-user-dialog> saving', () => {
  it('changes a role: review shows it, save updates store and server, events carry details', async () => {
    const s = await setup(WORKSPACE, 'owner');
    const olga = s.byName('Olga Petrova');
    const before: RosterBeforeActionEvent<'update'>[] = [];
    const after: RosterActionEvent<'update'>[] = [];
    s.el.addEventListener('roster-before-update', (e) => before.push(e));
    document.addEventListener(
      'roster-update',
      (e) => after.push(e as RosterActionEvent<'update'>),
      {
        once: true,
      },
    );
    const { outcome } = await open(s, olga);
    await choose(s.el, 'role', 'manager');
    expect(text(s.el, 'restrictions'), 'the new role’s restrictions').to.contain(
      'No workspace settings',
    );
    await click(s.el, 'review-button');
    expect(text(s.el, 'heading')).to.equal('Review changes');
    expect(changes(s.el)).to.deep.equal(['Role: Agent → Manager']);
    expect(focused()).to.equal(part(s.el, 'changes'));
    expect(s.net.patches, 'nothing sent before confirming').to.have.length(0);
    await expect(s.el).to.be.accessible();
    await click(s.el, 'save-button');
    const result = await outcome;
    expect(result.status).to.equal('saved');
    expect(s.net.patches).to.have.length(1);
    expect(s.net.patches[0]!.ifMatch).to.equal(`"${olga.version}"`);
    expect(s.net.patches[0]!.body).to.deep.equal({
      role: 'manager',
      restrictions: {
        noWorkspaceSettings: false,
        noContactDeletion: false,
        noDataExport: false,
        noIntegrations: false,
      },
    });
    expect(s.server.userAs('owner', olga.id)!.role).to.equal('manager');
    expect(s.store.$users.get()[olga.id]!.role).to.equal('manager');
    expect(before).to.have.length(1);
    expect(before[0]!.cancelable).to.be.true;
    expect(before[0]!.detail.user.id).to.equal(olga.id);
    expect(before[0]!.detail.patch.role).to.equal('manager');
    expect(after).to.have.length(1);
    expect(after[0]!.detail.user).to.deep.equal(s.server.userAs('owner', olga.id));
    expect(result).to.deep.equal({ status: 'saved', user: after[0]!.detail.user });
    expect(focused(), 'focus back on the opener').to.equal(s.opener);
  });

  it('reviews every kind of change in words (email, status, template, flag, restriction)', async () => {
    const s = await setup(ALL, 'owner');
    const agent = s.find(
      (u) =>
        activeAgent(u) &&
        u.flags['crmAccess'] === false &&
        u.roleTemplateId === null &&
        u.restrictions['contactVisibility'] === 'all',
    );
    const template = s.store.$templates.get()[0]!;
    const { outcome } = await open(s, agent);
    const email = part<HTMLInputElement>(s.el, 'email-input')!;
    email.value = 'new.address@initech.test';
    email.dispatchEvent(new Event('input'));
    await s.el.updateComplete;
    await choose(s.el, 'edit-status', 'suspended');
    const select = part<HTMLSelectElement>(s.el, 'template-select')!;
    select.value = template.id;
    select.dispatchEvent(new Event('change'));
    await s.el.updateComplete;
    input(s.el, 'flags.crmAccess')!.click();
    await s.el.updateComplete;
    await choose(s.el, 'restrictions.contactVisibility', 'self');
    await click(s.el, 'review-button');
    expect(changes(s.el)).to.deep.equal([
      `Email: ${agent.email} → new.address@initech.test`,
      'Status: Active → Suspended',
      `Role template: None → ${template.name}`,
      'CRM access: Off → On',
      'Contact visibility: All contacts → Themselves only',
    ]);
    expect(text(s.el, 'review')).to.contain('will not be able to sign in until reactivated');
    await click(s.el, 'save-button');
    expect((await outcome).status).to.equal('saved');
    const saved = s.server.userAs('owner', agent.id)!;
    expect(saved.email).to.equal('new.address@initech.test');
    expect(saved.status).to.equal('suspended');
    expect(saved.roleTemplateId).to.equal(template.id);
    expect(saved.flags['crmAccess']).to.be.true;
    expect(saved.restrictions['contactVisibility']).to.equal('self');
  });

  it('Back returns to the form with the edits kept', async () => {
    const s = await setup(WORKSPACE, 'owner');
    await open(s, s.byName('Olga Petrova'));
    await choose(s.el, 'role', 'manager');
    await click(s.el, 'review-button');
    await click(s.el, 'back-button');
    expect(input(s.el, 'role', 'manager')!.checked).to.be.true;
    expect(focused()).to.equal(part(s.el, 'review-button'));
    await choose(s.el, 'role', 'agent');
    expect(part<HTMLButtonElement>(s.el, 'review-button')!.disabled, 'back to no change').to.be
      .true;
  });

  it('a vetoed before-event sends nothing and keeps the dialog open', async () => {
    const s = await setup(WORKSPACE, 'owner');
    const olga = s.byName('Olga Petrova');
    const after: Event[] = [];
    s.el.addEventListener('roster-before-update', (e) => e.preventDefault());
    s.el.addEventListener('roster-update', (e) => after.push(e));
    await open(s, olga);
    await choose(s.el, 'role', 'manager');
    await click(s.el, 'review-button');
    await click(s.el, 'save-button');
    await idle(s.el);
    expect(s.net.patches).to.have.length(0);
    expect(after).to.have.length(0);
    expect(s.el.open).to.be.true;
    expect(text(s.el, 'notice')).to.equal(
      'Saving changes to Olga Petrova was not allowed by this page.',
    );
    expect(s.server.userAs('owner', olga.id)!.role).to.equal('agent');
    expect(s.store.$users.get()[olga.id]!.role).to.equal('agent');
  });

  it('a status-only save fires roster-before-suspend / roster-suspend (not update)', async () => {
    const s = await setup(ALL, 'owner');
    const agent = s.find(activeAgent);
    const fired: string[] = [];
    for (const type of ['roster-before-update', 'roster-update', 'roster-before-suspend'] as const)
      s.el.addEventListener(type, (e) => fired.push(e.type));
    let suspended: RosterActionEvent<'suspend'> | undefined;
    s.el.addEventListener('roster-suspend', (e) => (suspended = e));
    const { outcome } = await open(s, agent);
    await choose(s.el, 'edit-status', 'suspended');
    await click(s.el, 'review-button');
    expect(changes(s.el)).to.deep.equal(['Status: Active → Suspended']);
    await click(s.el, 'save-button');
    await outcome;
    expect(fired).to.deep.equal(['roster-before-suspend']);
    expect(suspended!.detail.user.status).to.equal('suspended');
    expect(s.net.patches[0]!.body).to.deep.equal({ status: 'suspended' });
  });

  it('a vetoed suspend sends nothing', async () => {
    const s = await setup(ALL, 'owner');
    s.el.addEventListener('roster-before-suspend', (e) => e.preventDefault());
    await open(s, s.find(activeAgent));
    await choose(s.el, 'edit-status', 'suspended');
    await click(s.el, 'review-button');
    await click(s.el, 'save-button');
    await idle(s.el);
    expect(s.net.patches).to.have.length(0);
    expect(s.el.open).to.be.true;
  });

  it('resends an invitation and shows the new expiry', async () => {
    const s = await setup(ALL, 'owner');
    const invited = s.find((u) => u.status === 'invited' && u.allowedActions.resendInvitation);
    const events: (RosterBeforeActionEvent<'resend-invitation'> | RosterActionEvent)[] = [];
    s.el.addEventListener('roster-before-resend-invitation', (e) => events.push(e));
    s.el.addEventListener('roster-resend-invitation', (e) => events.push(e));
    await open(s, invited);
    await choose(s.el, 'role', 'manager');
    await click(s.el, 'resend-button');
    await idle(s.el);
    const fresh = s.server.userAs('owner', invited.id)!;
    expect(fresh.inviteExpiresAt).not.to.equal(invited.inviteExpiresAt);
    // Said beside the button (the top of a long form may be scrolled away).
    expect(text(s.el, 'resend-notice')).to.equal(
      `Invitation sent again; it expires ${formatExact(fresh.inviteExpiresAt!)}.`,
    );
    expect(part(s.el, 'resend-notice')!.getAttribute('role')).to.equal('status');
    expect(part(s.el, 'invitation')!.contains(part(s.el, 'resend-notice'))).to.be.true;
    expect(events.map((e) => e.type)).to.deep.equal([
      'roster-before-resend-invitation',
      'roster-resend-invitation',
    ]);
    expect((events[1] as RosterActionEvent<'resend-invitation'>).detail.user).to.deep.equal(fresh);
    expect(s.store.$users.get()[invited.id]!.inviteExpiresAt).to.equal(fresh.inviteExpiresAt);
    // The edit made before resending is kept and still saves (no false conflict).
    expect(input(s.el, 'role', 'manager')!.checked).to.be.true;
    await click(s.el, 'review-button');
    await click(s.el, 'save-button');
    await until(() => !s.el.open, 'saved');
    expect(s.server.userAs('owner', invited.id)!.role).to.equal('manager');
  });

  it('says only "Invitation sent again." when the answer has no expiry', async () => {
    const s = await setup(ALL, 'owner');
    const invited = s.find((u) => u.status === 'invited' && u.allowedActions.resendInvitation);
    await open(s, invited);
    // A backend whose invitations do not expire answers with inviteExpiresAt null.
    s.net.failures.push(() =>
      Response.json({ ...invited, version: invited.version + 1, inviteExpiresAt: null }),
    );
    await click(s.el, 'resend-button');
    await idle(s.el);
    expect(s.net.writes).to.have.length(1);
    expect(text(s.el, 'resend-notice')).to.equal('Invitation sent again.');
  });

  it('says "Sending…" on the resend button while the resend is in flight', async () => {
    const s = await setup(ALL, 'owner');
    const invited = s.find((u) => u.status === 'invited' && u.allowedActions.resendInvitation);
    await open(s, invited);
    const release = s.net.hold();
    await click(s.el, 'resend-button');
    await s.el.updateComplete;
    const button = part<HTMLButtonElement>(s.el, 'resend-button')!;
    expect(button.textContent!.trim()).to.equal('Sending…');
    expect(button.disabled).to.be.true;
    release();
    await idle(s.el);
    expect(part(s.el, 'resend-button')!.textContent!.trim()).to.equal('Resend invitation');
    expect(text(s.el, 'resend-notice')).to.contain('Invitation sent again');
  });

  it('a vetoed resend sends nothing', async () => {
    const s = await setup(ALL, 'owner');
    const invited = s.find((u) => u.status === 'invited' && u.allowedActions.resendInvitation);
    s.el.addEventListener('roster-before-resend-invitation', (e) => e.preventDefault());
    await open(s, invited);
    await click(s.el, 'resend-button');
    await idle(s.el);
    expect(s.net.writes).to.have.length(0);
    expect(text(s.el, 'resend-notice')).to.equal(
      `Resending the invitation to ${invited.name.trim() || invited.email} was not allowed by this page.`,
    );
  });

  it('an untouched value with stray spaces is no change', async () => {
    const s = await setup(ALL, 'owner');
    const agent = s.find(activeAgent);
    s.store.$users.setKey(agent.id, { ...agent, name: `  ${agent.name} ` });
    await open(s, agent);
    expect(part<HTMLButtonElement>(s.el, 'review-button')!.disabled).to.be.true;
  });

  it('a refused resend is explained', async () => {
    const s = await setup(ALL, 'owner');
    const invited = s.find((u) => u.status === 'invited' && u.allowedActions.resendInvitation);
    const errors: RosterErrorEvent[] = [];
    s.el.addEventListener('roster-error', (e) => errors.push(e));
    s.net.failures.push('not_invited');
    await open(s, invited);
    await click(s.el, 'resend-button');
    await idle(s.el);
    const who = invited.name || invited.email;
    expect(text(s.el, 'alert')).to.equal(
      `${who} is no longer waiting for an invitation, so none was sent.`,
    );
    expect(errors[0]!.action).to.equal('resend-invitation');
    await expect(s.el).to.be.accessible();
  });
});
