/** The edit dialog's pure part: drafts, the patch and its words, conflicts and the checks. */
import { expect } from '@open-wc/testing';
import type { Role, RoleTemplate } from '../../../src/api/types.js';
import {
  conflictRows,
  diff,
  draftOf,
  reapply,
  roleName,
  validate,
} from '../../../src/elements/edit-user-dialog/draft.js';
import type { DiffContext, Draft } from '../../../src/elements/edit-user-dialog/draft.js';
import { makeUser, makeWorkspace } from '../../store/fixtures.js';
import { hostileStrings } from '../hostile.js';

function makeRole(id: string, name: string, overrides: Partial<Role> = {}): Role {
  return {
    id,
    name,
    description: '',
    rank: 1,
    assignable: [],
    modules: {},
    restrictions: [],
    forcedFlags: [],
    allPermissions: false,
    ...overrides,
  };
}

const exportRestriction = {
  id: 'noExport',
  name: 'No data export',
  description: '',
  kind: 'flag' as const,
  default: false,
};
const visibility = {
  id: 'visibility',
  name: 'Contact visibility',
  description: '',
  kind: 'choice' as const,
  options: [
    { value: 'all', name: 'All contacts' },
    { value: 'own', name: 'Own contacts' },
  ],
  default: 'all',
};

const workspace = makeWorkspace(3);
workspace.features.flags = ['crm'];
const context: DiffContext = {
  workspace,
  roles: [
    makeRole('manager', 'Manager', { restrictions: [visibility] }),
    makeRole('agent', 'Agent', { restrictions: [exportRestriction, visibility] }),
  ],
  // Only what naming a template needs.
  templates: [{ id: 't1', name: 'Support' } as RoleTemplate],
  catalog: {
    modules: [],
    categories: [],
    actions: [],
    flags: [{ id: 'crm', name: 'CRM access', description: '' }],
  },
};
const bare: DiffContext = { workspace: null, roles: [], templates: [], catalog: null };

const ana = makeUser('ana', { name: 'Ana', email: 'ana@example.com' });
const edit = (change: Partial<Draft>): Draft => ({ ...draftOf(ana), ...change });
const words = (draft: Draft, ctx = context) =>
  diff(ana, draft, ctx).changes.map((c) => `${c.label}: ${c.from} → ${c.to}`);

describe('edit-user-dialog draft', () => {
  describe('draftOf', () => {
    it('copies the access, so editing the draft leaves the user alone', () => {
      const user = makeUser('u', { flags: { crm: true }, restrictions: { noExport: true } });
      const draft = draftOf(user);
      draft.access.flags['crm'] = false;
      draft.access.restrictions['noExport'] = false;
      expect(user.flags).to.deep.equal({ crm: true });
      expect(user.restrictions).to.deep.equal({ noExport: true });
    });
  });

  describe('diff', () => {
    it('finds no change in an untouched draft', () => {
      expect(diff(ana, draftOf(ana), context)).to.deep.equal({ patch: {}, changes: [] });
    });

    it('ignores stray spaces around an unchanged name or email, and trims a changed one', () => {
      expect(words(edit({ name: '  Ana ', email: ' ana@example.com ' }))).to.deep.equal([]);
      const { patch } = diff(ana, edit({ name: ' Ana B. ' }), context);
      expect(patch).to.deep.equal({ name: 'Ana B.' });
    });

    it('names a blank name "None" on either side', () => {
      expect(words(edit({ name: '   ' }))).to.deep.equal(['Name: Ana → None']);
      const nameless = makeUser('x', { name: '' });
      expect(diff(nameless, { ...draftOf(nameless), name: 'X' }, context).changes[0]).to.include({
        from: 'None',
        to: 'X',
      });
    });

    it('changes a role by name and sends every restriction of the new role', () => {
      const draft = edit({ access: { ...draftOf(ana).access, role: 'manager' } });
      const { patch, changes } = diff(ana, draft, context);
      expect(changes.map((c) => `${c.label}: ${c.from} → ${c.to}`)).to.deep.equal([
        'Role: Agent → Manager',
      ]);
      expect(patch).to.deep.equal({ role: 'manager', restrictions: { visibility: 'all' } });
    });

    it('falls back to ids for roles, templates and flags the server did not declare', () => {
      const user = makeUser('u', { role: 'ghost', roleTemplateId: 'gone' });
      const draft: Draft = {
        ...draftOf(user),
        access: { ...draftOf(user).access, role: 'phantom', roleTemplateId: null },
      };
      expect(diff(user, draft, context).changes.map((c) => [c.from, c.to])).to.deep.equal([
        ['ghost', 'phantom'],
        ['gone', 'None'],
      ]);
    });

    it('words status, template, flags and restrictions', () => {
      const draft = edit({
        status: 'suspended',
        access: {
          role: 'agent',
          roleTemplateId: 't1',
          flags: { crm: true },
          restrictions: { noExport: true, visibility: 'own' },
        },
      });
      expect(words(draft)).to.deep.equal([
        'Status: Active → Suspended',
        'Role template: None → Support',
        'CRM access: Off → On',
        'No data export: Off → On',
        'Contact visibility: All contacts → Own contacts',
      ]);
      expect(diff(ana, draft, context).patch).to.deep.equal({
        status: 'suspended',
        roleTemplateId: 't1',
        flags: { crm: true },
        restrictions: { noExport: true, visibility: 'own' },
      });
    });

    it('leaves out what the workspace does not have (no features, no roles)', () => {
      const draft = edit({
        access: { role: 'agent', roleTemplateId: 't1', flags: { crm: true }, restrictions: {} },
      });
      expect(words(draft, bare)).to.deep.equal([]);
    });

    it('never patches the status to invited', () => {
      expect(diff(ana, edit({ status: 'invited' }), context).patch).to.deep.equal({});
    });

    it('shows an unknown choice value as it is', () => {
      const draft = edit({
        access: { ...draftOf(ana).access, restrictions: { visibility: 'team' } },
      });
      expect(words(draft)).to.deep.equal(['Contact visibility: All contacts → team']);
    });

    it('keeps hostile text as plain text', () => {
      const draft = edit({ name: hostileStrings.markup });
      expect(diff(ana, draft, context).changes[0]!.to).to.equal(hostileStrings.markup);
    });
  });

  describe('reapply', () => {
    it('puts my fields on top of theirs, keeping their other changes', () => {
      const theirs = { ...ana, name: 'Ana (theirs)', flags: { crm: true }, version: 2 };
      const draft = reapply(theirs, { email: 'new@example.com', flags: { other: true } });
      expect(draft.name).to.equal('Ana (theirs)');
      expect(draft.email).to.equal('new@example.com');
      expect(draft.access.flags).to.deep.equal({ crm: true, other: true });
    });

    it('takes only my restrictions when my change is to another role', () => {
      const theirs = { ...ana, restrictions: { noExport: true }, version: 2 };
      const draft = reapply(theirs, { role: 'manager', restrictions: { visibility: 'own' } });
      expect(draft.access.restrictions).to.deep.equal({ visibility: 'own' });
      expect(
        reapply(theirs, { restrictions: { visibility: 'own' } }).access.restrictions,
      ).to.deep.equal({ noExport: true, visibility: 'own' });
    });

    it('can clear the template again', () => {
      const theirs = { ...ana, roleTemplateId: 't1', version: 2 };
      expect(reapply(theirs, { roleTemplateId: null }).access.roleTemplateId).to.be.null;
      expect(reapply(theirs, {}).access.roleTemplateId).to.equal('t1');
    });
  });

  describe('conflictRows', () => {
    it('lists each field either side changed, with both versions', () => {
      const theirs = { ...ana, name: 'Ana T.', role: 'manager', version: 2 };
      const rows = conflictRows(ana, { name: 'Ana M.', status: 'suspended' }, theirs, context);
      expect(rows.map((r) => [r.label, r.yours, r.current])).to.deep.equal([
        ['Name', 'Ana M.', 'Ana T.'],
        ['Status', 'Suspended', 'Active'],
        ['Role', 'Agent', 'Manager'],
      ]);
    });

    it('is empty when neither side changed anything', () => {
      expect(conflictRows(ana, {}, ana, context)).to.deep.equal([]);
    });
  });

  describe('validate', () => {
    it('checks only what was edited', () => {
      const invalid = makeUser('u', { name: 'x'.repeat(300), email: 'not an email' });
      expect(validate(invalid, draftOf(invalid))).to.deep.equal({});
    });

    it('refuses a name too long or with control characters', () => {
      expect(validate(ana, edit({ name: 'a'.repeat(201) }))['name']).to.equal(
        'Use at most 200 characters (this has 201).',
      );
      expect(validate(ana, edit({ name: 'a\tb' }))['name']).to.equal(
        'Remove the control characters (tabs, line breaks…).',
      );
      expect(validate(ana, edit({ name: 'a'.repeat(200) }))).to.deep.equal({});
      expect(validate(ana, edit({ name: hostileStrings.emoji }))).to.deep.equal({});
    });

    it('refuses an empty, multiple, too long or malformed email', () => {
      const email = (value: string) => validate(ana, edit({ email: value }))['email'];
      expect(email('  ')).to.equal('Enter an email address.');
      expect(email('a@example.com, b@example.com')).to.equal('Enter one email address only.');
      expect(email(`${'a'.repeat(250)}@x.io`)).to.equal(
        'Enter a valid email address, like name@example.com.',
      );
      expect(email(hostileStrings.attribute)).to.equal('Enter one email address only.');
      expect(email('ana@')).to.equal('Enter a valid email address, like name@example.com.');
      expect(email(' new@example.com ')).to.be.undefined;
    });
  });

  it('names roles by their id when unknown', () => {
    expect(roleName(context.roles, 'agent')).to.equal('Agent');
    expect(roleName(context.roles, 'ghost')).to.equal('ghost');
  });
});
