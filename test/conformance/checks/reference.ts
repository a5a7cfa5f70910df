/**
 * Authentication and the read-only model: `/workspace`, `/me`, `/roles`, `/permissions`.
 * Builds the {@link Env} every later group reads: each part is kept when its answer is valid,
 * and a later check needing a missing part is skipped on its own with the reason.
 */
import type { Me, PermissionCatalog, Role, Workspace } from '../../../src/api/types.js';
import { allGrants, normalizeGrants } from '../../../src/api/grants.js';
import { emailFactory, type Env } from '../env.js';
import { type Harness, expect } from '../harness.js';
import {
  PERSONAS,
  PERSONA_FLAGS,
  type ApiClient,
  type ApiResponse,
  type Persona,
} from '../http.js';

/** The role with the highest rank (the order the server lists them in does not matter). */
export function highestRank(roles: readonly Role[]): Role | undefined {
  return roles.reduce<Role | undefined>(
    (top, r) => (top && top.rank >= r.rank ? top : r),
    undefined,
  );
}

/** Personas whose `GET /me` is compared with the top role. */
const RANKED: readonly Persona[] = ['admin', 'secondAdmin', 'limited'];

/** Personas whose `GET /me` must say `viewUsers: true`. */
const VIEWERS: readonly Persona[] = ['admin', 'secondAdmin', 'limited', 'readOnly'];

/** Personas who may change no one: they invite no role and may grant nothing. */
const CHANGES_NO_ONE: readonly Persona[] = ['noAccess', 'readOnly'];

/** `the no-access persona`: a persona as the report names it. */
const named = (persona: Persona) => `the ${PERSONA_FLAGS[persona]} persona`;

/** Whether an answer can be built on: 200 and valid against the contract. */
const usable = (res: ApiResponse) => res.status === 200 && res.contractIssues.length === 0;

/** Runs the checks; returns what they learnt, with whatever could not be read left out. */
export async function checkReference(h: Harness, api: ApiClient): Promise<Env> {
  h.group('Authentication');
  await h.check('GET /me without credentials → 401 unauthenticated', async (t) => {
    t.expectProblem(
      await t.send('anonymous', { method: 'GET', path: '/me' }),
      401,
      'unauthenticated',
    );
  });
  await h.check('GET /users with unknown credentials → 401 unauthenticated', async (t) => {
    const res = await t.send('unknown-credentials', { method: 'GET', path: '/users' });
    t.expectProblem(res, 401, 'unauthenticated');
  });
  await h.check('GET /events without credentials → 401 unauthenticated', async (t) => {
    const { answer } = await t.connectEvents('anonymous');
    t.expectProblem(answer, 401, 'unauthenticated');
  });

  h.group('Workspace, actor, roles, catalog');
  const env: Env = { api, me: {}, why: {}, email: emailFactory() };

  await h.check('GET /workspace describes seats and features', async (t) => {
    const res = await t.send('admin', { method: 'GET', path: '/workspace' });
    t.expectStatus(res, 200);
    if (usable(res)) env.workspace = res.body as Workspace;
    const seats = (res.body as Partial<Workspace> | undefined)?.seats;
    // Allowed: a limit lowered below the seats in use removes nobody.
    if (seats && seats.limit !== null && seats.used > seats.limit)
      t.note(`seats.used ${seats.used} is over seats.limit ${seats.limit}`);
  });
  await h.check('GET /roles declares ranked roles that assign known roles', async (t) => {
    const res = await t.send('admin', { method: 'GET', path: '/roles' });
    t.expectStatus(res, 200);
    const items = (res.body as { items: Role[] }).items;
    expect(items.length > 0, 'expected at least one role, got none', res);
    if (usable(res)) env.roles = [...items].sort((a, b) => b.rank - a.rank);
    const ids = items.map((r) => r.id);
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(
      repeated.length === 0,
      `expected unique role ids, got ${repeated.join(', ')} again`,
      res,
    );
    const unknown = items.flatMap((role) =>
      role.assignable.filter((id) => !ids.includes(id)).map((id) => `${role.id} → ${id}`),
    );
    expect(
      unknown.length === 0,
      `expected assignable to name declared roles, got ${unknown.join(', ')}`,
      res,
    );
  });
  env.topRole = highestRank(env.roles ?? []);

  await h.check('GET /permissions: actions and implications are consistent', async (t) => {
    const res = await t.send('admin', { method: 'GET', path: '/permissions' });
    t.expectStatus(res, 200);
    const catalog = res.body as PermissionCatalog;
    if (usable(res)) env.catalog = catalog;
    const actions = new Set(catalog.actions.map((a) => a.id));
    const badImplies = catalog.actions.flatMap((a) =>
      a.implies.filter((x) => !actions.has(x)).map((x) => `${a.id} → ${x}`),
    );
    expect(
      badImplies.length === 0,
      `expected implies to name declared actions, got ${badImplies.join(', ')}`,
      res,
    );
    const moduleIds = new Set(catalog.modules.map((m) => m.id));
    const orphans = catalog.modules.filter((m) => m.parent && !moduleIds.has(m.parent));
    expect(
      orphans.length === 0,
      `expected module parents to be declared modules, got ${orphans.map((m) => `${m.id} → ${m.parent}`).join(', ')}`,
      res,
    );
    const flagIds = new Set(catalog.flags.map((f) => f.id));
    const undeclared = (env.workspace?.features.flags ?? []).filter((f) => !flagIds.has(f));
    expect(
      undeclared.length === 0,
      `expected every features.flags entry in the catalog's flags, got ${undeclared.join(', ')} missing`,
      res,
    );
  });

  for (const persona of PERSONAS) {
    if (!api.has(persona)) continue;
    await h.check(`GET /me as ${persona}`, async (t) => {
      const res = await t.send(persona, { method: 'GET', path: '/me' });
      t.expectStatus(res, 200);
      const body = res.body as Me;
      if (usable(res)) env.me[persona] = body;
      const self = body.user.allowedActions;
      const onSelf = (['edit', 'suspend', 'revoke'] as const).filter((a) => self[a]);
      expect(
        onSelf.length === 0,
        `expected user.allowedActions to refuse the actor itself, got ${onSelf.join(', ')} true`,
        res,
      );
      expectPersonaShape(persona, body, env, res);
      if (!env.topRole && RANKED.includes(persona)) t.note('top role not compared: needs `/roles`');
      if (!env.workspace && persona === 'readOnly')
        t.note('export and manageTemplates not compared: needs GET /workspace');
    });
  }
  if (env.catalog) await checkGrantable(h, env);
  pickInviteRole(env);
  return env;
}

/** The lowest-ranked role the admin may invite, or why there is none. */
function pickInviteRole(env: Env): void {
  const admin = env.me.admin;
  if (!env.roles || !admin) return;
  const invitable = new Set(admin.capabilities.inviteRoles);
  env.inviteRole = [...env.roles].reverse().find((r) => invitable.has(r.id));
  if (!env.inviteRole) env.why.inviteRole = 'the admin persona may invite no declared role';
}

/**
 * `capabilities.grantable` is optional; when a server gives it, it must be normalised to the
 * catalog (known categories, declared actions, implied actions included), everything for a
 * role holding every permission, and nothing for a persona that may not manage users.
 */
async function checkGrantable(h: Harness, env: Env): Promise<void> {
  const catalog = env.catalog!;
  for (const [persona, body] of Object.entries(env.me)) {
    const grantable = body.capabilities.grantable;
    if (grantable === undefined) continue;
    await h.check(`GET /me as ${persona}: capabilities.grantable is normalised`, async () => {
      const normal = normalizeGrants(catalog, grantable);
      expect(
        JSON.stringify(grantable) === JSON.stringify(normal),
        `expected grantable normalised to the catalog, ${JSON.stringify(normal)}, got ${JSON.stringify(grantable)}`,
      );
      if (env.roles?.find((role) => role.id === body.user.role)?.allPermissions) {
        const all = allGrants(catalog);
        expect(
          JSON.stringify(grantable) === JSON.stringify(all),
          `${persona} holds every permission: expected grantable ${JSON.stringify(all)}, got ${JSON.stringify(grantable)}`,
        );
      }
      if (CHANGES_NO_ONE.includes(persona as Persona))
        expect(
          Object.keys(grantable).length === 0,
          `expected {} for ${named(persona as Persona)}, got ${JSON.stringify(grantable)}`,
        );
    });
  }
}

/** What each persona's `GET /me` must say for the persona to be what its flag claims. */
function expectPersonaShape(
  persona: Persona,
  me: Me,
  env: Pick<Env, 'topRole' | 'workspace'>,
  res: ApiResponse,
): void {
  const caps = me.capabilities;
  const top = env.topRole;
  const is = (condition: boolean, message: string) => expect(condition, message, res);
  if (persona === 'admin' || persona === 'secondAdmin') {
    if (top)
      is(
        me.user.role === top.id,
        `expected ${persona} to hold the top role ${top.id}, got ${me.user.role}`,
      );
  }
  if (VIEWERS.includes(persona))
    is(caps.viewUsers, `expected capabilities.viewUsers true for ${named(persona)}, got false`);
  if (persona === 'limited') {
    is(
      caps.inviteRoles.length > 0,
      'expected the limited persona to invite some role, got inviteRoles []',
    );
    if (top)
      is(
        !caps.inviteRoles.includes(top.id),
        `expected the limited persona's inviteRoles without the top role ${top.id}, got [${caps.inviteRoles.join(', ')}]`,
      );
  }
  if (persona === 'noAccess')
    is(
      !caps.viewUsers,
      'expected capabilities.viewUsers false for the no-access persona, got true',
    );
  if (CHANGES_NO_ONE.includes(persona))
    is(
      caps.inviteRoles.length === 0,
      `expected inviteRoles [] for ${named(persona)}, got [${caps.inviteRoles.join(', ')}]`,
    );
  const refused = (capability: 'export' | 'manageTemplates') =>
    is(
      !caps[capability],
      `expected capabilities.${capability} false for ${named(persona)}, got true`,
    );
  if (persona === 'noExport') refused('export');
  if (persona === 'readOnly') {
    if (env.workspace?.features.export) refused('export');
    if (env.workspace?.features.roleTemplates) refused('manageTemplates');
  }
}
