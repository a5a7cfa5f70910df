/**
 * Authentication and the read-only model: `/workspace`, `/me`, `/roles`, `/permissions`.
 * Builds the {@link Env} every later group relies on.
 */
import type { Me, PermissionCatalog, Role, Workspace } from '../../../src/api/types.js';
import { allGrants, normalizeGrants } from '../../../src/api/grants.js';
import { emailFactory, type Env } from '../env.js';
import { type Harness, expect } from '../harness.js';
import type { ApiClient, Persona } from '../http.js';

const PERSONAS: readonly Persona[] = ['admin', 'secondAdmin', 'limited', 'noAccess', 'noExport'];

/** Runs the checks; returns undefined when the basics fail and nothing else can be checked. */
export async function checkReference(h: Harness, api: ApiClient): Promise<Env | undefined> {
  h.group('Authentication');
  await h.check('GET /me without credentials → 401 unauthenticated', async (t) => {
    t.expectProblem(
      await t.send('anonymous', { method: 'GET', path: '/me' }),
      401,
      'unauthenticated',
    );
  });
  await h.check('GET /users with an unknown token → 401 unauthenticated', async (t) => {
    const res = await t.send('unknown-token', { method: 'GET', path: '/users' });
    t.expectProblem(res, 401, 'unauthenticated');
  });
  await h.check('GET /events without credentials → 401 unauthenticated', async (t) => {
    t.expectProblem(
      await t.send('anonymous', { method: 'GET', path: '/events' }),
      401,
      'unauthenticated',
    );
  });

  h.group('Workspace, actor, roles, catalog');
  let workspace: Workspace | undefined;
  let roles: Role[] | undefined;
  let catalog: PermissionCatalog | undefined;
  const me: Partial<Record<Persona, Me>> = {};

  await h.check('GET /workspace describes seats and features', async (t) => {
    const res = await t.send('admin', { method: 'GET', path: '/workspace' });
    t.expectStatus(res, 200);
    workspace = res.body as Workspace;
    const { used, limit } = workspace.seats;
    expect(limit === null || used <= limit, `seats.used ${used} exceeds seats.limit ${limit}`);
  });
  await h.check('GET /roles declares ranked roles that assign known roles', async (t) => {
    const res = await t.send('admin', { method: 'GET', path: '/roles' });
    t.expectStatus(res, 200);
    const items = (res.body as { items: Role[] }).items;
    expect(items.length > 0, 'no roles declared');
    const ids = new Set(items.map((r) => r.id));
    expect(ids.size === items.length, 'role ids are not unique');
    for (const role of items) {
      const unknown = role.assignable.filter((id) => !ids.has(id));
      expect(unknown.length === 0, `role ${role.id} assigns unknown roles ${unknown.join(', ')}`);
    }
    roles = [...items].sort((a, b) => b.rank - a.rank);
  });
  await h.check('GET /permissions: actions and implications are consistent', async (t) => {
    const res = await t.send('admin', { method: 'GET', path: '/permissions' });
    t.expectStatus(res, 200);
    catalog = res.body as PermissionCatalog;
    const actions = new Set(catalog.actions.map((a) => a.id));
    for (const a of catalog.actions) {
      expect(
        a.implies.every((x) => actions.has(x)),
        `action ${a.id} implies an unknown action`,
      );
    }
    const moduleIds = new Set(catalog.modules.map((m) => m.id));
    for (const m of catalog.modules) {
      expect(!m.parent || moduleIds.has(m.parent), `module ${m.id} has unknown parent ${m.parent}`);
    }
    const flagIds = new Set(catalog.flags.map((f) => f.id));
    for (const flag of workspace?.features.flags ?? []) {
      expect(flagIds.has(flag), `features.flags names ${flag}, absent from the catalog`);
    }
  });
  for (const persona of PERSONAS) {
    if (!api.has(persona)) continue;
    await h.check(`GET /me as ${persona}`, async (t) => {
      const res = await t.send(persona, { method: 'GET', path: '/me' });
      t.expectStatus(res, 200);
      const body = res.body as Me;
      me[persona] = body;
      const self = body.user.allowedActions;
      expect(
        !self.edit && !self.revoke && !self.suspend,
        'the actor may edit, suspend or revoke itself',
      );
      expectPersonaShape(persona, body, roles);
    });
  }
  if (catalog) await checkGrantable(h, catalog, roles, me);
  if (!workspace || !roles || !catalog || !me.admin) return undefined;

  const topRole = roles[0]!;
  const adminRoles = new Set(me.admin.capabilities.inviteRoles);
  const inviteRole = [...roles].reverse().find((r) => adminRoles.has(r.id));
  if (!inviteRole) {
    h.skip('everything that invites users', 'the admin persona may not invite any role');
    return undefined;
  }
  return { api, workspace, roles, catalog, me, topRole, inviteRole, email: emailFactory() };
}

/**
 * `capabilities.grantable` is optional; when a server gives it, it must be normalised to the
 * catalog (known categories, declared actions, implied actions included), everything for a
 * role holding every permission, and nothing for a persona that may not manage users.
 */
async function checkGrantable(
  h: Harness,
  catalog: PermissionCatalog,
  roles: Role[] | undefined,
  me: Partial<Record<Persona, Me>>,
): Promise<void> {
  for (const [persona, body] of Object.entries(me)) {
    const grantable = body.capabilities.grantable;
    if (grantable === undefined) continue;
    await h.check(`GET /me as ${persona}: capabilities.grantable is normalised`, async () => {
      expect(
        JSON.stringify(grantable) === JSON.stringify(normalizeGrants(catalog, grantable)),
        `grantable ${JSON.stringify(grantable)} is not normalised to the catalog`,
      );
      if (roles?.find((role) => role.id === body.user.role)?.allPermissions) {
        expect(
          JSON.stringify(grantable) === JSON.stringify(allGrants(catalog)),
          `${persona} holds every permission but may not grant every one`,
        );
      }
      if (persona === 'noAccess')
        expect(Object.keys(grantable).length === 0, 'the no-access persona may grant permissions');
    });
  }
}

/** What each persona's `GET /me` must say for the persona to be what its flag claims. */
function expectPersonaShape(persona: Persona, me: Me, roles: Role[] | undefined): void {
  const top = roles?.[0];
  const caps = me.capabilities;
  if (persona === 'admin' || persona === 'secondAdmin') {
    expect(
      me.user.role === top?.id,
      `${persona} holds ${me.user.role}, not the top role ${top?.id}`,
    );
    expect(caps.viewUsers, `${persona} may not view users`);
  }
  if (persona === 'admin') {
    expect(caps.inviteRoles.includes(me.user.role), 'the admin may not invite its own role');
  }
  if (persona === 'limited') {
    expect(caps.viewUsers, 'the limited persona may not view users');
    expect(caps.inviteRoles.length > 0, 'the limited persona may not invite anyone');
    expect(
      top && !caps.inviteRoles.includes(top.id),
      'the limited persona may invite the top role',
    );
  }
  if (persona === 'noAccess') {
    expect(!caps.viewUsers, 'the no-access persona may view users');
    expect(caps.inviteRoles.length === 0, 'the no-access persona may invite');
  }
  if (persona === 'noExport') expect(!caps.export, 'the no-export persona may export');
}
