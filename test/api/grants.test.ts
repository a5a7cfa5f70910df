import { expect } from '@open-wc/testing';
import {
  allGrants,
  closureOf,
  diffGrants,
  effectiveGrants,
  mergeGrants,
  missingToGrant,
  normalizeGrants,
  toggleGrant,
} from '../../src/api/grants.js';
import type { GrantsCatalog } from '../../src/api/grants.js';
import type { PermissionAction, PermissionGrants } from '../../src/api/types.js';
import { getPreset } from '../../src/mock/presets.js';

const catalog: GrantsCatalog = getPreset('tenant').catalog;
/** A catalog whose categories declare fewer actions than the catalog defines. */
const narrow: GrantsCatalog = {
  actions: catalog.actions,
  categories: [
    { id: 'reports', name: 'Reports', description: '', actions: ['view', 'manage'] },
    { id: 'files', name: 'Files', description: '', actions: ['delete', 'view'] },
  ],
};
/** Hostile input comes as JSON: anything may be in it. */
const hostile = (value: unknown) => value as PermissionGrants;

describe('grants rules (src/api/grants.ts)', () => {
  describe('closureOf', () => {
    it('follows implies transitively', () => {
      expect([...closureOf(catalog, 'manage')].sort()).to.deep.equal([
        'create',
        'delete',
        'edit',
        'manage',
        'view',
      ]);
      expect([...closureOf(catalog, 'edit')].sort()).to.deep.equal(['edit', 'view']);
      expect([...closureOf(catalog, 'view')]).to.deep.equal(['view']);
    });

    it('ends on cycles and self-implication', () => {
      const cyclic: GrantsCatalog = {
        categories: [{ id: 'c', name: 'C', description: '', actions: ['view', 'edit', 'manage'] }],
        actions: [
          { id: 'view', name: 'View', implies: ['edit'] },
          { id: 'edit', name: 'Edit', implies: ['view', 'edit'] },
          { id: 'manage', name: 'Manage', implies: ['manage', 'edit'] },
        ],
      };
      expect([...closureOf(cyclic, 'view')].sort()).to.deep.equal(['edit', 'view']);
      expect(normalizeGrants(cyclic, { c: ['manage'] })).to.deep.equal({
        c: ['view', 'edit', 'manage'],
      });
      // Clearing view clears everything that implies it, edit (and manage through edit).
      const cleared = toggleGrant(
        cyclic,
        { c: ['manage'] },
        { category: 'c', action: 'view' },
        false,
      );
      expect(cleared.grants).to.deep.equal({});
    });

    it('knows an unknown action as itself only', () => {
      expect([...closureOf(catalog, 'fly')]).to.deep.equal(['fly']);
    });
  });

  describe('normalizeGrants', () => {
    it('adds implied actions, orders as the catalog and drops duplicates', () => {
      expect(
        normalizeGrants(catalog, { users: ['manage', 'manage'], analytics: ['edit', 'view'] }),
      ).to.deep.equal({
        users: ['view', 'create', 'edit', 'delete', 'manage'],
        analytics: ['view', 'edit'],
      });
    });

    it('drops unknown categories, unknown actions, undeclared actions and empty entries', () => {
      const result = normalizeGrants(
        narrow,
        hostile(
          JSON.parse(
            '{"nope":["view"],"reports":["edit","fly","manage"],"files":[],"__proto__":["view"]}',
          ),
        ),
      );
      // manage implies create/edit/delete, which reports does not declare.
      expect(result).to.deep.equal({ reports: ['view', 'manage'] });
    });

    it('survives values that are not lists', () => {
      expect(
        normalizeGrants(catalog, hostile({ users: 'view', analytics: null, settings: {} })),
      ).to.deep.equal({});
    });

    it('gives nothing for an empty catalog', () => {
      const empty: GrantsCatalog = { categories: [], actions: [] };
      expect(normalizeGrants(empty, { users: ['view'] })).to.deep.equal({});
      expect(allGrants(empty)).to.deep.equal({});
      expect(toggleGrant(empty, {}, { category: 'users', action: 'view' }, true)).to.deep.equal({
        grants: {},
        also: [],
      });
    });
  });

  describe('merging sources', () => {
    it('gives everything to a role holding every permission', () => {
      const all = effectiveGrants(catalog, { allPermissions: true, own: {} });
      expect(Object.keys(all)).to.have.length(catalog.categories.length);
      expect(all.users).to.deep.equal(['view', 'create', 'edit', 'delete', 'manage']);
    });

    it('unites template and own grants', () => {
      expect(
        effectiveGrants(catalog, {
          template: { conversations: ['edit'] },
          own: { conversations: ['create'], analytics: ['view'] },
        }),
      ).to.deep.equal({ conversations: ['view', 'create', 'edit'], analytics: ['view'] });
      expect(mergeGrants(catalog)).to.deep.equal({});
      expect(mergeGrants(catalog, hostile({ users: 5 }), { users: ['view'] })).to.deep.equal({
        users: ['view'],
      });
    });
  });

  describe('toggleGrant', () => {
    it('granting manage brings what it implies, and says so', () => {
      const result = toggleGrant(catalog, {}, cell('users', 'manage'), true);
      expect(result.grants).to.deep.equal({
        users: ['view', 'create', 'edit', 'delete', 'manage'],
      });
      expect(result.also.map((c) => c.action)).to.deep.equal(['view', 'create', 'edit', 'delete']);
    });

    it('granting edit when view is held says nothing else changed', () => {
      const result = toggleGrant(catalog, { users: ['view'] }, cell('users', 'edit'), true);
      expect(result.grants).to.deep.equal({ users: ['view', 'edit'] });
      expect(result.also).to.deep.equal([]);
    });

    it('clearing view clears everything that implies it', () => {
      const result = toggleGrant(
        catalog,
        { users: ['manage'], analytics: ['view'] },
        cell('users', 'view'),
        false,
      );
      expect(result.grants).to.deep.equal({ analytics: ['view'] });
      expect(result.also.map((c) => c.action)).to.deep.equal([
        'create',
        'edit',
        'delete',
        'manage',
      ]);
    });

    it('clearing edit clears manage but keeps view, create and delete', () => {
      const result = toggleGrant(catalog, { users: ['manage'] }, cell('users', 'edit'), false);
      expect(result.grants).to.deep.equal({ users: ['view', 'create', 'delete'] });
      expect(result.also).to.deep.equal([cell('users', 'manage')]);
    });

    it('ignores a category or action the catalog lacks', () => {
      expect(toggleGrant(catalog, {}, cell('nope', 'view'), true).grants).to.deep.equal({});
      expect(toggleGrant(narrow, {}, cell('files', 'edit'), true).grants).to.deep.equal({});
    });

    it('does not change its input', () => {
      const grants = { users: ['view', 'edit'] as PermissionAction[] };
      toggleGrant(catalog, grants, cell('users', 'view'), false);
      expect(grants).to.deep.equal({ users: ['view', 'edit'] });
    });
  });

  describe('diffGrants', () => {
    it('lists added and removed actions per changed category', () => {
      expect(
        diffGrants(
          { users: ['view', 'edit'], analytics: ['view'] },
          { users: ['view', 'create'], settings: ['view'], analytics: ['view'] },
        ),
      ).to.deep.equal({
        users: { added: ['create'], removed: ['edit'] },
        settings: { added: ['view'], removed: [] },
      });
      expect(diffGrants({}, {})).to.deep.equal({});
    });
  });

  describe('missingToGrant', () => {
    it('names what the actor lacks of a cell and what it implies', () => {
      const grantable = { users: ['view', 'create', 'edit', 'delete'] as PermissionAction[] };
      expect(missingToGrant(catalog, grantable, cell('users', 'edit'))).to.deep.equal([]);
      expect(missingToGrant(catalog, grantable, cell('users', 'manage'))).to.deep.equal(['manage']);
      expect(missingToGrant(catalog, grantable, cell('analytics', 'edit'))).to.deep.equal([
        'view',
        'edit',
      ]);
    });

    it('for a held cell, names the held actions clearing it takes away that the actor lacks', () => {
      const grantable = { users: ['view', 'create', 'edit', 'delete'] as PermissionAction[] };
      const held = normalizeGrants(catalog, { users: ['manage'], analytics: ['view'] });
      expect(missingToGrant(catalog, grantable, cell('users', 'view'), held)).to.deep.equal([
        'manage',
      ]);
      expect(missingToGrant(catalog, grantable, cell('users', 'edit'), held)).to.deep.equal([
        'manage',
      ]);
      expect(missingToGrant(catalog, grantable, cell('analytics', 'view'), held)).to.deep.equal([
        'view',
      ]);
      const mine = { users: ['view', 'edit'] as PermissionAction[] };
      expect(missingToGrant(catalog, grantable, cell('users', 'view'), mine)).to.deep.equal([]);
    });

    it('lets everything through when the server does not say', () => {
      expect(missingToGrant(catalog, undefined, cell('users', 'manage'))).to.deep.equal([]);
    });
  });
});

function cell(category: string, action: PermissionAction) {
  return { category, action };
}
