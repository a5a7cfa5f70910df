import { expect } from '@open-wc/testing';
import type { User } from '../../../src/api/types.js';
import { $, input, open, options, part, setup, text } from './helpers.js';

const WORKSPACE = { preset: 'workspace' } as const;
const TENANT = { preset: 'tenant' } as const;
const ALL = { preset: 'all' } as const;

const active = (role: string) => (user: User) =>
  user.role === role && user.status === 'active' && user.allowedActions.edit;

describe('<edit-user-dialog> offers what the server allows', () => {
  it('owner editing a manager (workspace): name, every role, restrictions; no email or status', async () => {
    const s = await setup(WORKSPACE, 'owner');
    const aiko = s.byName('Aiko Tanaka');
    await open(s, aiko);
    expect(text(s.el, 'heading')).to.equal('Edit user');
    expect(text(s.el, 'user')).to.contain('Aiko Tanaka').and.contain(aiko.email);
    expect(part<HTMLInputElement>(s.el, 'name-input')!.value).to.equal('Aiko Tanaka');
    expect(part(s.el, 'email-input'), 'emails are not editable in product A').to.be.null;
    expect(text(s.el, 'form')).to.contain("The email can't be changed here.");
    expect(options(s.el, 'role')).to.deep.equal(['owner', 'manager', 'agent']);
    expect(input(s.el, 'role', 'manager')!.checked).to.be.true;
    expect(part(s.el, 'status-picker'), 'no suspension in product A').to.be.null;
    expect(text(s.el, 'restrictions')).to.contain('No workspace settings');
    expect(part(s.el, 'template-picker')).to.be.null;
    expect(part<HTMLButtonElement>(s.el, 'review-button')!.disabled, 'nothing changed').to.be.true;
    expect(text(s.el, 'footer')).to.contain('No changes yet.');
    await expect(s.el).to.be.accessible();
  });

  it('owner editing an agent (all features): email, status, template and CRM access too', async () => {
    const s = await setup(ALL, 'owner');
    const agent = s.find(active('agent'));
    await open(s, agent);
    expect(part<HTMLInputElement>(s.el, 'email-input')!.value).to.equal(agent.email);
    expect(options(s.el, 'role')).to.deep.equal(['owner', 'manager', 'agent']);
    expect(options(s.el, 'edit-status')).to.deep.equal(['active', 'suspended']);
    expect(input(s.el, 'edit-status', 'active')!.checked).to.be.true;
    expect(part(s.el, 'template-picker')).to.exist;
    expect(text(s.el, 'flags')).to.contain('CRM access');
    expect(text(s.el, 'restrictions')).to.contain('Contact visibility');
    await expect(s.el).to.be.accessible();
  });

  it('manager editing an agent: no other role to give, restrictions editable', async () => {
    const s = await setup(WORKSPACE, 'manager');
    const olga = s.byName('Olga Petrova');
    expect(olga.allowedActions.changeRole).to.deep.equal([]);
    await open(s, olga);
    expect(text(s.el, 'heading')).to.equal('Edit user');
    expect(options(s.el, 'role'), 'no role picker').to.deep.equal([]);
    expect(text(s.el, 'form')).to.contain('Role').and.contain('Agent');
    expect(text(s.el, 'restrictions')).to.contain('Hide workflows');
    await expect(s.el).to.be.accessible();
  });

  it('manager opening an owner: read-only, with the reason', async () => {
    const s = await setup(WORKSPACE, 'manager');
    await open(s, s.byName('Sofía Martínez'));
    expect(text(s.el, 'heading')).to.equal('User access');
    expect(part(s.el, 'form')).to.be.null;
    expect(text(s.el, 'explanation')).to.equal(
      "Your role can't manage users with the Owner role, so you can only view Sofía Martínez.",
    );
    expect(text(s.el, 'facts')).to.contain('Owner').and.contain('Active');
    expect(text(s.el, 'footer')).to.equal('Close');
    await expect(s.el).to.be.accessible();
  });

  it('agent: cannot edit anyone, and is told why', async () => {
    const s = await setup(WORKSPACE, 'agent');
    const aiko = s.server.usersAs('agent').find((user) => user.name === 'Aiko Tanaka')!;
    await open(s, aiko);
    expect(part(s.el, 'form')).to.be.null;
    expect(text(s.el, 'explanation')).to.equal(
      "You don't manage users, so you can only view Aiko Tanaka.",
    );
    await expect(s.el).to.be.accessible();
  });

  it('own user: no editing, ask someone else', async () => {
    const s = await setup(ALL, 'owner');
    await open(s, s.byName('Sofía Martínez'));
    expect(part(s.el, 'form')).to.be.null;
    expect(text(s.el, 'explanation')).to.equal(
      "You can't change your own access. Ask another Owner or someone else who manages users.",
    );
    await expect(s.el).to.be.accessible();
  });

  it('tenant user-manager editing a user: email, status, template, CRM; no role choice', async () => {
    const s = await setup(TENANT, 'user-manager');
    const user = s.find(
      (u) => u.role === 'user' && u.status === 'active' && u.name !== 'Kwame Mensah',
    );
    await open(s, user);
    expect(part(s.el, 'email-input')).to.exist;
    expect(options(s.el, 'role')).to.deep.equal([]);
    expect(options(s.el, 'edit-status')).to.deep.equal(['active', 'suspended']);
    expect(part(s.el, 'template-picker')).to.exist;
    expect(text(s.el, 'flags')).to.contain('CRM access');
    expect(part(s.el, 'restrictions'), 'no restrictions in product B').to.be.null;
    await expect(s.el).to.be.accessible();
  });

  it('tenant user-manager opening an admin: read-only', async () => {
    const s = await setup(TENANT, 'user-manager');
    await open(s, s.byName('Maria Kowalska'));
    expect(part(s.el, 'form')).to.be.null;
    expect(text(s.el, 'explanation')).to.contain(
      "Your role can't manage users with the Admin role",
    );
    await expect(s.el).to.be.accessible();
  });

  it('tenant admin editing an admin: CRM access is said, with no checkbox', async () => {
    const s = await setup(TENANT, 'admin');
    const admin = s.find((u) => u.role === 'admin' && u.allowedActions.edit);
    await open(s, admin);
    expect(input(s.el, 'flags.crmAccess')).to.be.null;
    expect(text(s.el, 'flags')).to.equal(
      'Access Users with the Admin role always have CRM access.',
    );
    expect(options(s.el, 'role')).to.deep.equal(['admin', 'user']);
  });

  it('suspended user: status offers reactivation', async () => {
    const s = await setup(TENANT, 'admin');
    const user = s.find((u) => u.status === 'suspended' && u.allowedActions.reactivate);
    await open(s, user);
    expect(input(s.el, 'edit-status', 'suspended')!.checked).to.be.true;
    expect($(s.el, 'fieldset[part~="status-picker"]')!.hasAttribute('disabled')).to.be.false;
  });

  it('invited user: no status choice, the invitation and its expiry instead', async () => {
    const s = await setup(ALL, 'owner');
    const invited = s.find(
      (u) =>
        u.status === 'invited' &&
        u.allowedActions.resendInvitation &&
        Date.parse(u.inviteExpiresAt!) > Date.now(),
    );
    await open(s, invited);
    expect(part(s.el, 'status-picker')).to.be.null;
    expect(text(s.el, 'invitation')).to.contain('Pending; expires');
    expect(part(s.el, 'resend-button')).to.exist;
  });
});
