import { expect } from '@open-wc/testing';
import { restrictionLabel, roleChangeEffects, roleChangeLines } from '../../src/api/role-change.js';
import type { RoleHolder } from '../../src/api/role-change.js';
import type { RoleTemplate, User } from '../../src/api/types.js';
import { createMockServer } from '../../src/mock/index.js';
import { getPreset } from '../../src/mock/presets.js';
import { clientAs } from '../store/mock-helpers.js';

const all = getPreset('all');
const tenant = getPreset('tenant');
const workspace = getPreset('workspace');

const holder = (over: Partial<RoleHolder>): RoleHolder => ({
  role: 'manager',
  roleTemplateId: null,
  flags: {},
  restrictions: {},
  ...over,
});

describe('roleChangeEffects (src/api/role-change.ts)', () => {
  it('is null for a role the roles do not list', () => {
    expect(roleChangeEffects(holder({}), 'nobody', all.roles)).to.equal(null);
  });

  it('a promotion asks to confirm, even with nothing dropped', () => {
    const effects = roleChangeEffects(holder({ role: 'agent' }), 'manager', workspace.roles)!;
    expect(effects.promotion).to.equal(true);
    expect(effects.droppedRestrictions).to.deep.equal([]);
    expect(effects.needsConfirm).to.equal(true);
    expect(effects.patch).to.deep.equal({ role: 'manager' });
  });

  it('a plain demotion with nothing held needs no confirm', () => {
    const effects = roleChangeEffects(
      holder({ restrictions: { noDataExport: false } }),
      'agent',
      workspace.roles,
      workspace.features,
    )!;
    expect(effects.promotion).to.equal(false);
    expect(effects.needsConfirm).to.equal(false);
    expect(effects.patch).to.deep.equal({ role: 'agent' });
  });

  it('names the restrictions the change lifts (flags and choices held away from the default)', () => {
    const manager = holder({
      restrictions: { noDataExport: true, noIntegrations: false, noContactDeletion: true },
    });
    const toAgent = roleChangeEffects(manager, 'agent', workspace.roles, workspace.features)!;
    expect(toAgent.promotion).to.equal(false);
    expect(toAgent.droppedRestrictions.map((d) => d.definition.id)).to.deep.equal([
      'noContactDeletion',
      'noDataExport',
    ]);
    expect(toAgent.droppedRestrictions.map(restrictionLabel)).to.deep.equal([
      'No contact deletion',
      'No data export',
    ]);
    expect(toAgent.needsConfirm).to.equal(true);

    const agent = holder({ role: 'agent', restrictions: { contactVisibility: 'self' } });
    const up = roleChangeEffects(agent, 'manager', workspace.roles, workspace.features)!;
    expect(up.droppedRestrictions.map(restrictionLabel)).to.deep.equal([
      'Contact visibility: Themselves only',
    ]);
  });

  it('ignores restrictions when the workspace has none in use', () => {
    const manager = holder({ restrictions: { noDataExport: true } });
    const effects = roleChangeEffects(manager, 'agent', workspace.roles, {
      ...workspace.features,
      restrictions: false,
    })!;
    expect(effects.droppedRestrictions).to.deep.equal([]);
    expect(effects.needsConfirm).to.equal(false);
  });

  it('tenant: making a user with a template an Admin clears the template and forces CRM access', () => {
    const user = holder({ role: 'user', roleTemplateId: 'tpl_1', flags: { crmAccess: false } });
    const effects = roleChangeEffects(user, 'admin', tenant.roles, tenant.features)!;
    expect(effects.promotion).to.equal(true);
    expect(effects.clearsTemplate).to.equal(true);
    expect(effects.flagsOn).to.deep.equal(['crmAccess']);
    expect(effects.flagsOff).to.deep.equal([]);
    expect(effects.patch).to.deep.equal({ role: 'admin', roleTemplateId: null });
    // Without a template, nothing to clear.
    const plain = roleChangeEffects({ ...user, roleTemplateId: null }, 'admin', tenant.roles)!;
    expect(plain.clearsTemplate).to.equal(false);
    expect(plain.patch).to.deep.equal({ role: 'admin' });
  });

  it('tenant: demoting an Admin turns off the CRM access the role forced', () => {
    const admin = holder({ role: 'admin', flags: { crmAccess: true } });
    const effects = roleChangeEffects(admin, 'user', tenant.roles, tenant.features)!;
    expect(effects.promotion).to.equal(false);
    expect(effects.flagsOff).to.deep.equal(['crmAccess']);
    expect(effects.needsConfirm).to.equal(true);
    // A flag not in use on the workspace does not count.
    const none = roleChangeEffects(admin, 'user', tenant.roles, { ...tenant.features, flags: [] })!;
    expect(none.flagsOff).to.deep.equal([]);
    expect(none.needsConfirm).to.equal(false);
  });

  it('the same role changes nothing', () => {
    const effects = roleChangeEffects(
      holder({ restrictions: { noDataExport: true } }),
      'manager',
      workspace.roles,
    )!;
    expect(effects.promotion).to.equal(false);
    expect(effects.droppedRestrictions).to.deep.equal([]);
    expect(effects.needsConfirm).to.equal(false);
  });

  it('predicts what the mock server does to the user', async () => {
    const server = createMockServer({
      preset: 'all',
      latency: 0,
      seed: 5,
      simulatePresence: false,
    });
    const client = clientAs(server, 'owner');
    const [roles, workspaceInfo, page] = await Promise.all([
      client.listRoles(),
      client.getWorkspace(),
      client.listUsers({ role: 'manager', limit: 200 }),
    ]);
    const manager = page.items.find(
      (user) => user.allowedActions.changeRole.includes('owner') && user.status === 'active',
    ) as User;
    expect(manager, 'a manager the owner may promote').to.not.equal(undefined);
    const restricted = await client.updateUser(
      manager.id,
      { restrictions: { noDataExport: true }, flags: { crmAccess: false } },
      manager.version,
    );
    const effects = roleChangeEffects(restricted, 'owner', roles, workspaceInfo.features)!;
    expect(effects.droppedRestrictions.map((d) => d.definition.id)).to.deep.equal(['noDataExport']);
    expect(effects.flagsOn).to.deep.equal(['crmAccess']);
    const owner = await client.updateUser(manager.id, effects.patch, restricted.version);
    expect(owner.restrictions).to.deep.equal({});
    expect(owner.flags).to.deep.equal({ crmAccess: true });

    const back = roleChangeEffects(owner, 'manager', roles, workspaceInfo.features)!;
    expect(back.flagsOff).to.deep.equal(['crmAccess']);
    const demoted = await client.updateUser(manager.id, back.patch, owner.version);
    expect(demoted.flags).to.deep.equal({ crmAccess: false });
    server.close();
  });
});

describe('roleChangeLines (src/api/role-change.ts)', () => {
  // Only the id and the name are read.
  const templates = [{ id: 'tpl_1', name: 'Analyst' } as RoleTemplate];

  it('says each effect once, in one wording; the flags only given a namer', () => {
    const user = holder({ role: 'user', roleTemplateId: 'tpl_1', flags: { crmAccess: false } });
    const effects = roleChangeEffects(user, 'admin', tenant.roles, tenant.features)!;
    const twice = [
      { user, effects },
      { user, effects },
    ];
    expect(roleChangeLines(twice, templates)).to.deep.equal(['Role template cleared: Analyst.']);
    expect(roleChangeLines(twice, templates, (id) => id.toUpperCase())).to.deep.equal([
      'Role template cleared: Analyst.',
      'Turned on: CRMACCESS.',
    ]);
    const back = holder({ role: 'admin', flags: { crmAccess: true } });
    const demotion = roleChangeEffects(back, 'user', tenant.roles, tenant.features)!;
    expect(roleChangeLines([{ user: back, effects: demotion }], [], String)).to.deep.equal([
      'Turned off: crmAccess.',
    ]);
  });

  it('names the restrictions removed across users, listed once each', () => {
    const a = holder({ restrictions: { noDataExport: true } });
    const b = holder({ restrictions: { noDataExport: true, noContactDeletion: true } });
    const change = (user: RoleHolder) => ({
      user,
      effects: roleChangeEffects(user, 'agent', workspace.roles, workspace.features)!,
    });
    expect(roleChangeLines([change(a), change(b)], [])).to.deep.equal([
      'Restrictions removed: No data export and No contact deletion.',
    ]);
    expect(roleChangeLines([change(holder({}))], [])).to.deep.equal([]);
  });
});
