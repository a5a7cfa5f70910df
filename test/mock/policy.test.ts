/**
 * The access policy as a matrix: every persona of every preset × every action × every kind of
 * target, against the expected allow/deny and error code. Each persona's profile below is written
 * from the seeds (who may view, invite, export, manage templates, and which roles it manages);
 * each cell is checked three ways: the policy's answer as `allowedActions`/`capabilities`, the HTTP
 * answer of a denial (with state unchanged), and the HTTP answer of an allowed action.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allGrants } from '../../src/api/grants.js';
import type { Capabilities, Me, PermissionGrants, User } from '../../src/api/types.js';
import { createMockServer } from '../../src/mock/index.js';
import type { MockServer, PresetName } from '../../src/mock/index.js';
import { getPreset } from '../../src/mock/presets.js';
import { call, codeOf, fixedNow, patchUser, stateOf } from './helpers.js';

interface Profile {
  view: boolean;
  invite: string[];
  /** true, false, or 'absent' when the feature is off (404). */
  export: boolean | 'absent';
  templates: boolean | 'absent';
  /** Roles whose holders this persona may edit, suspend, resend to, remove. */
  manages: string[];
}

const NOTHING = { view: false, invite: [], manages: [] };
const OWNER: Profile = {
  view: true,
  invite: ['owner', 'manager', 'agent'],
  export: true,
  templates: 'absent',
  manages: ['owner', 'manager', 'agent'],
};
const MANAGER: Profile = {
  view: true,
  invite: ['agent'],
  export: true,
  templates: 'absent',
  manages: ['agent'],
};

const PROFILES: Record<PresetName, Record<string, Profile>> = {
  workspace: {
    owner: OWNER,
    owner2: OWNER,
    manager: MANAGER,
    'manager-restricted': { ...NOTHING, export: false, templates: 'absent' },
    agent: { ...NOTHING, export: false, templates: 'absent' },
  },
  tenant: {
    admin: {
      view: true,
      invite: ['admin', 'user'],
      export: 'absent',
      templates: true,
      manages: ['admin', 'user'],
    },
    'user-manager': {
      view: true,
      invite: ['user'],
      export: 'absent',
      templates: false,
      manages: ['user'],
    },
    // Sees the list (users: view) and may change nobody: the read-only table.
    'user-viewer': { ...NOTHING, view: true, export: 'absent', templates: false },
    user: { ...NOTHING, export: 'absent', templates: false },
  },
  all: {
    owner: { ...OWNER, templates: true },
    owner2: { ...OWNER, templates: true },
    manager: { ...MANAGER, templates: false },
    'manager-restricted': { ...NOTHING, export: false, templates: false },
    agent: { ...NOTHING, export: false, templates: false },
  },
};

type TargetKind = 'self' | 'same role' | 'higher role' | 'lower role' | 'invited' | 'suspended';
const TARGET_KINDS: TargetKind[] = [
  'self',
  'same role',
  'higher role',
  'lower role',
  'invited',
  'suspended',
];
type Action = 'edit' | `changeRole:${string}` | 'suspend' | 'reactivate' | 'resend' | 'revoke';

function rankOf(preset: PresetName, role: string): number {
  return getPreset(preset).roles.find((r) => r.id === role)!.rank;
}

/** Picks a seeded user of each kind for a persona (undefined when none exists, e.g. above the top). */
function targetsFor(server: MockServer, preset: PresetName, token: string): Map<TargetKind, User> {
  const users = server.usersAs(token === 'agent' || token === 'user' ? server.tokens[0]! : token);
  const me = users.find((user) => user.id === server.userIdOf(token))!;
  const personaIds = new Set(server.tokens.map((t) => server.userIdOf(t)));
  const roles = getPreset(preset).roles;
  const lowest = roles.at(-1)!.id;
  const others = users.filter((user) => !personaIds.has(user.id));
  const find = (test: (user: User) => boolean) => others.find(test);
  const result = new Map<TargetKind, User>();
  result.set('self', me);
  const pick = (kind: TargetKind, user: User | undefined) => user && result.set(kind, user);
  pick(
    'same role',
    find((u) => u.role === me.role && u.status === 'active'),
  );
  pick(
    'higher role',
    find((u) => rankOf(preset, u.role) > rankOf(preset, me.role) && u.status === 'active'),
  );
  pick(
    'lower role',
    find((u) => rankOf(preset, u.role) < rankOf(preset, me.role) && u.status === 'active'),
  );
  pick(
    'invited',
    find((u) => u.status === 'invited' && u.role === lowest),
  );
  pick(
    'suspended',
    find((u) => u.status === 'suspended' && u.role === lowest),
  );
  return result;
}

/** The expected problem code of an action (null = allowed), from the profile. */
function expected(
  preset: PresetName,
  profile: Profile,
  kind: TargetKind,
  target: User,
  action: Action,
): string | null {
  const features = getPreset(preset).features;
  if (!profile.view) return 'forbidden';
  if (kind === 'self') return 'cannot_modify_self';
  if (!profile.manages.includes(target.role)) return 'forbidden';
  if (action.startsWith('changeRole:'))
    return profile.invite.includes(action.slice(11)) ? null : 'role_not_assignable';
  if (action === 'suspend' || action === 'reactivate') {
    if (!features.suspension) return 'validation_failed';
    return target.status === (action === 'suspend' ? 'active' : 'suspended')
      ? null
      : 'validation_failed';
  }
  if (action === 'resend') return target.status === 'invited' ? null : 'not_invited';
  return null;
}

function allowedByServer(user: User, action: Action): boolean {
  const a = user.allowedActions;
  if (action.startsWith('changeRole:')) return a.changeRole.includes(action.slice(11));
  return {
    edit: a.edit,
    suspend: a.suspend,
    reactivate: a.reactivate,
    resend: a.resendInvitation,
    revoke: a.revoke,
  }[action as 'edit'];
}

async function perform(server: MockServer, token: string, target: User, action: Action) {
  switch (action) {
    case 'edit':
      return patchUser(server, token, target, { name: `${target.name} (edited)` });
    case 'suspend':
      return patchUser(server, token, target, { status: 'suspended' });
    case 'reactivate':
      return patchUser(server, token, target, { status: 'active' });
    case 'resend':
      return call(server, token, 'POST', `/users/${target.id}/resend-invitation`);
    case 'revoke':
      return call(server, token, 'DELETE', `/users/${target.id}`);
    default:
      return patchUser(server, token, target, { role: action.slice(11) });
  }
}

/**
 * `capabilities.grantable`: everything for a role holding every permission (where permissions
 * exist), what the persona holds when it may edit users, else nothing.
 */
function expectedGrantable(preset: PresetName, token: string, role: string): PermissionGrants {
  const config = getPreset(preset);
  if (!config.features.permissions) return {};
  if (config.roles.find((r) => r.id === role)?.allPermissions) return allGrants(config.catalog);
  return token === 'user-manager'
    ? { conversations: ['view'], users: ['view', 'create', 'edit', 'delete'] }
    : {};
}

const fresh = (preset: PresetName) => createMockServer({ preset, now: fixedNow });

for (const preset of ['workspace', 'tenant', 'all'] as const) {
  describe(`policy matrix: preset ${preset}`, () => {
    const roles = getPreset(preset).roles.map((role) => role.id);
    const actions: Action[] = [
      'edit',
      ...roles.map((role) => `changeRole:${role}` as const),
      'suspend',
      'reactivate',
      'resend',
      'revoke',
    ];

    for (const [token, profile] of Object.entries(PROFILES[preset])) {
      it(`${token}: workspace-wide capabilities and their HTTP answers`, async () => {
        const server = fresh(preset);
        const me = (await call<Me>(server, token, 'GET', '/me')).body;
        const capabilities: Capabilities = {
          viewUsers: profile.view,
          inviteRoles: profile.invite,
          export: profile.export === true,
          manageTemplates: profile.templates === true,
        };
        const { grantable, ...declared } = me.capabilities;
        assert.deepEqual(declared, capabilities);
        assert.deepEqual(grantable, expectedGrantable(preset, token, me.user.role));
        assert.equal((await call(server, token, 'GET', '/users')).status, profile.view ? 200 : 403);
        const exported = await call(server, token, 'GET', '/users/export');
        assert.equal(
          exported.status,
          profile.export === 'absent' ? 404 : profile.export ? 200 : 403,
        );
        const template = await call(server, token, 'POST', '/role-templates', {
          name: 'Matrix',
          permissions: {},
        });
        assert.equal(
          template.status,
          profile.templates === 'absent' ? 404 : profile.templates ? 201 : 403,
        );
        for (const role of roles) {
          const before = stateOf(server);
          const answer = await call(server, token, 'POST', '/invitations', {
            email: `matrix-${role}@example.com`,
            role,
          });
          const want =
            !profile.view || profile.invite.length === 0
              ? 'forbidden'
              : profile.invite.includes(role)
                ? undefined
                : 'role_not_assignable';
          assert.equal(codeOf(answer), want, `${token} invites ${role}`);
          if (want) assert.equal(stateOf(server), before, 'a refused invitation changes nothing');
        }
        server.close();
      });

      for (const kind of TARGET_KINDS) {
        it(`${token} × ${kind}: every action`, async (t) => {
          const server = fresh(preset);
          const target = targetsFor(server, preset, token).get(kind);
          if (!target) {
            server.close();
            return t.skip(`no ${kind} user exists for ${token}`);
          }
          for (const action of actions) {
            if (action === `changeRole:${target.role}`) continue;
            const want = expected(preset, profile, kind, target, action);
            if (profile.view) {
              const seen: User = server.userAs(token, target.id)!;
              assert.equal(
                allowedByServer(seen, action),
                want === null,
                `allowedActions.${action} of ${token} on ${kind}`,
              );
            }
            // PATCH is declarative: asking for the status a user already has is a successful no-op.
            const noOp: boolean =
              want === 'validation_failed' &&
              target.status === { suspend: 'suspended', reactivate: 'active' }[action as 'suspend'];
            const wantHttp: string | null = noOp ? null : want;
            const probe = want === null ? fresh(preset) : server;
            const before = stateOf(probe);
            const answer = await perform(
              probe,
              token,
              probe.userAs(probe.tokens[0]!, target.id)!,
              action,
            );
            assert.equal(
              codeOf(answer) ?? null,
              wantHttp,
              `HTTP ${action} by ${token} on ${kind} (${target.role}, ${target.status})`,
            );
            if (want === null)
              assert.notEqual(stateOf(probe), before, `${action} changed something`);
            else assert.equal(stateOf(probe), before, `a refused ${action} changes nothing`);
            if (probe !== server) probe.close();
          }
          server.close();
        });
      }
    }
  });
}

describe('policy rules beyond the matrix', () => {
  it('refuses to demote, suspend or remove the last active owner', async () => {
    const server = fresh('all');
    const owner2 = server.userAs('owner', server.userIdOf('owner2'))!;
    assert.equal((await patchUser(server, 'owner', owner2, { status: 'suspended' })).status, 200);
    // owner2 suspended: "owner" is now the only active owner. Nobody else may touch it, and it may
    // not touch itself; the pure policy still guards it, as an owner acting on a suspended actor shows.
    const { checkRevoke, checkSuspend, checkChangeRole } = await import('../../src/mock/policy.js');
    const { MockWorkspace } = await import('../../src/mock/workspace.js');
    const { seedState } = await import('../../src/mock/seed.js');
    const config = getPreset('workspace');
    const ws = new MockWorkspace(
      config,
      seedState(config, { seed: 1, users: 0, seatLimit: undefined, now: fixedNow() }),
      fixedNow,
      undefined,
    );
    const owners = [...ws.users.all()].filter(
      (user) => user.role === 'owner' && user.status === 'active',
    );
    for (const extra of owners.slice(1)) ws.users.put({ ...extra, status: 'invited' });
    const last = owners[0]!;
    const otherOwner = { ...owners[1]!, status: 'active' as const };
    assert.equal(checkRevoke(ws, otherOwner, last)?.code, 'last_owner');
    assert.equal(checkChangeRole(ws, otherOwner, last, 'manager')?.code, 'last_owner');
    assert.equal(
      checkSuspend(ws, otherOwner, last)?.code,
      'validation_failed',
      'workspace has no suspension',
    );
    server.close();
  });

  it('forces the CRM flag on for admins and refuses plan-gated restrictions', async () => {
    const tenant = fresh('tenant');
    const invited = await call<User>(tenant, 'admin', 'POST', '/invitations', {
      email: 'new.admin@example.com',
      role: 'admin',
      flags: { crmAccess: false },
    });
    assert.equal(invited.status, 201);
    assert.equal(invited.body.flags['crmAccess'], true);
    const workspace = fresh('workspace');
    const masked = await call(workspace, 'owner', 'POST', '/invitations', {
      email: 'masked@example.com',
      role: 'agent',
      restrictions: { maskContactInfo: true },
    });
    assert.equal(codeOf(masked), 'validation_failed');
    assert.deepEqual(
      (masked.body as { errors: { field: string; code: string }[] }).errors.map((e) => [
        e.field,
        e.code,
      ]),
      [['restrictions.maskContactInfo', 'plan_required']],
    );
    tenant.close();
    workspace.close();
  });

  it('lets a user-manager grant only the permissions it holds', async () => {
    const server = fresh('tenant');
    const ok = await call(server, 'user-manager', 'POST', '/invitations', {
      email: 'a@example.com',
      role: 'user',
      permissions: { users: ['view'] },
    });
    assert.equal(ok.status, 201);
    const escalation = await call(server, 'user-manager', 'POST', '/invitations', {
      email: 'b@example.com',
      role: 'user',
      permissions: { users: ['manage'] },
    });
    assert.equal(codeOf(escalation), 'forbidden');
    server.close();
  });

  it('lets a user-manager save a colleague holding more than it does, changing only what it holds', async () => {
    const server = fresh('tenant');
    const me = (await call<Me>(server, 'user-manager', 'GET', '/me')).body;
    const own = me.capabilities.grantable ?? {};
    const lacks = (grants: PermissionGrants) =>
      Object.entries(grants).find(([category, actions]) =>
        actions.some((action) => !own[category]?.includes(action)),
      );
    const colleague = server
      .usersAs('user-manager')
      .find((user) => user.role === 'user' && user.id !== me.user.id && lacks(user.permissions));
    assert.ok(colleague, 'the tenant seed has a user holding grants the user-manager lacks');
    const [category, actions] = lacks(colleague.permissions)!;
    // Adds users:view (held by the user-manager) and keeps the rest as it is.
    const kept = { ...colleague.permissions, users: ['view' as const] };
    const saved = await patchUser(server, 'user-manager', colleague, { permissions: kept });
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.body.permissions[category], actions);
    // Taking away a grant it does not hold is refused, naming the category.
    const stripped = { ...kept, [category]: [] };
    const refused = await patchUser(server, 'user-manager', saved.body, { permissions: stripped });
    assert.equal(codeOf(refused), 'forbidden');
    const errors = (refused.body as unknown as { errors: { field: string; code: string }[] })
      .errors;
    assert.deepEqual(
      errors.map((error) => [error.field, error.code]),
      [[`permissions.${category}`, 'not_grantable']],
    );
    server.close();
  });
});

// ── Flags: "grant only what you hold", the demotion case, and editPermissions' truth ─────────

const FLAG = 'crmAccess';
type FlagOp = 'grant' | 'remove' | 'keep';

/** Personas whose `allowedActions.editPermissions` is true on the users they may edit. */
const EDITS_PERMISSIONS: Record<PresetName, string[]> = {
  workspace: [],
  tenant: ['admin', 'user-manager'],
  all: ['owner', 'owner2'],
};

const fieldErrors = (answer: { body: unknown }) =>
  ((answer.body as { errors?: { field: string; code: string }[] }).errors ?? []).map((e) => [
    e.field,
    e.code,
  ]);

/** Turns the persona's flag off, as the top persona (possible when its role does not force it). */
async function withoutFlag(server: MockServer, token: string): Promise<void> {
  const top = server.tokens[0]!;
  const persona = server.userAs(top, server.userIdOf(token))!;
  const answer = await patchUser(server, top, persona, { flags: { [FLAG]: false } });
  assert.equal(answer.status, 200, `${top} turns ${FLAG} off for ${token}`);
  assert.equal(answer.body.flags[FLAG], false);
}

/**
 * A non-persona active user of the lowest role the persona manages (else of the lowest role),
 * whose role forces no flag, with the flag on or off.
 */
function flagTarget(server: MockServer, preset: PresetName, token: string, on: boolean) {
  const config = getPreset(preset);
  const profile = PROFILES[preset][token]!;
  const role =
    [...config.roles].reverse().find((r) => profile.manages.includes(r.id)) ?? config.roles.at(-1)!;
  const personaIds = new Set(server.tokens.map((t) => server.userIdOf(t)));
  return server
    .usersAs(server.tokens[0]!)
    .find(
      (user) =>
        !personaIds.has(user.id) &&
        user.role === role.id &&
        !role.forcedFlags.includes(FLAG) &&
        user.status === 'active' &&
        (!config.features.flags.includes(FLAG) || (user.flags[FLAG] === true) === on),
    );
}

for (const preset of ['workspace', 'tenant', 'all'] as const) {
  describe(`flag rules: preset ${preset}`, () => {
    const config = getPreset(preset);
    const hasFlag = config.features.flags.includes(FLAG);

    for (const [token, profile] of Object.entries(PROFILES[preset])) {
      const role = config.personas.find((p) => p.token === token)!.role;
      const forced = config.roles.find((r) => r.id === role)!.forcedFlags.includes(FLAG);
      const variants = !hasFlag ? ['n/a'] : forced ? ['holds (forced)'] : ['holds', 'lacks'];
      for (const variant of variants) {
        const holds = variant.startsWith('holds');
        const prepare = async () => {
          const server = fresh(preset);
          if (variant === 'lacks') await withoutFlag(server, token);
          return server;
        };

        it(`${token} (${variant} ${FLAG}): grant, remove and keep it on a user, by PATCH`, async () => {
          // Without the flag (workspace), "remove" sends it off and is refused the same way.
          const cases: [boolean, FlagOp][] = hasFlag
            ? [
                [false, 'grant'],
                [false, 'keep'],
                [true, 'remove'],
                [true, 'keep'],
              ]
            : [
                [false, 'grant'],
                [false, 'remove'],
                [false, 'keep'],
              ];
          for (const [on, op] of cases) {
            const server = await prepare();
            const target = flagTarget(server, preset, token, on);
            assert.ok(target, `a user with ${FLAG} ${on ? 'on' : 'off'} exists`);
            const may = profile.view && profile.manages.includes(target.role);
            const value = op === 'keep' ? on : op === 'grant';
            const body = { name: `${target.name} (flags)` };
            const patch = hasFlag || op !== 'keep' ? { ...body, flags: { [FLAG]: value } } : body;
            const want = !may
              ? 'forbidden'
              : !hasFlag && op !== 'keep'
                ? 'validation_failed'
                : op === 'keep' || holds
                  ? null
                  : 'forbidden';
            const before = stateOf(server);
            const answer = await patchUser(server, token, target, patch);
            const what = `${token} ${op}s ${FLAG} on a user who has it ${on ? 'on' : 'off'}`;
            assert.equal(codeOf(answer) ?? null, want, what);
            if (want === null) {
              if (hasFlag) assert.equal(answer.body.flags[FLAG], value, what);
            } else {
              assert.equal(stateOf(server), before, `refused: ${what} changes nothing`);
              if (may && want === 'forbidden')
                assert.deepEqual(fieldErrors(answer), [[`flags.${FLAG}`, 'not_grantable']], what);
              if (want === 'validation_failed')
                assert.deepEqual(fieldErrors(answer), [[`flags.${FLAG}`, 'unknown_flag']], what);
            }
            server.close();
          }
        });

        it(`${token} (${variant} ${FLAG}): invites with it on and off`, async () => {
          const server = await prepare();
          for (const invited of config.roles) {
            for (const value of [true, false]) {
              const forcedOn = invited.forcedFlags.includes(FLAG);
              const want =
                !profile.view || profile.invite.length === 0
                  ? 'forbidden'
                  : !profile.invite.includes(invited.id)
                    ? 'role_not_assignable'
                    : !hasFlag
                      ? 'validation_failed'
                      : value && !forcedOn && !holds
                        ? 'forbidden'
                        : null;
              const before = stateOf(server);
              const answer = await call<User>(server, token, 'POST', '/invitations', {
                email: `flag-${invited.id}-${String(value)}@example.com`,
                role: invited.id,
                flags: { [FLAG]: value },
              });
              const what = `${token} invites a ${invited.id} with ${FLAG} ${String(value)}`;
              assert.equal(codeOf(answer) ?? null, want, what);
              if (want === null) assert.equal(answer.body.flags[FLAG], value || forcedOn, what);
              else assert.equal(stateOf(server), before, `refused: ${what} changes nothing`);
              if (want === 'forbidden' && profile.invite.includes(invited.id))
                assert.deepEqual(fieldErrors(answer), [[`flags.${FLAG}`, 'not_grantable']], what);
            }
          }
          server.close();
        });

        it(`${token} (${variant} ${FLAG}): editPermissions only where it can change a grant`, async () => {
          const server = await prepare();
          const me = (await call<Me>(server, token, 'GET', '/me')).body;
          const grantable = me.capabilities.grantable ?? {};
          const users = profile.view ? server.usersAs(token) : [];
          const offered = users.filter((user) => user.allowedActions.editPermissions);
          for (const user of users) {
            const wants =
              EDITS_PERMISSIONS[preset].includes(token) &&
              user.allowedActions.edit &&
              !config.roles.find((r) => r.id === user.role)!.allPermissions;
            assert.equal(
              user.allowedActions.editPermissions,
              wants,
              `editPermissions of ${token} on ${user.role} ${user.id}`,
            );
          }
          // capabilities.grantable agrees: offered somewhere ⇒ something to grant, and back.
          assert.equal(
            offered.length > 0,
            Object.keys(grantable).length > 0 && EDITS_PERMISSIONS[preset].includes(token),
            `${token}: editPermissions offered iff grantable holds something`,
          );
          // Where edit is offered but editPermissions is not, every grant change is refused.
          const bare = users.find(
            (u) => u.allowedActions.edit && !u.allowedActions.editPermissions,
          );
          if (bare && config.features.permissions) {
            const change = {
              conversations: bare.permissions.conversations?.length ? [] : ['view'],
            };
            const answer = await patchUser(server, token, bare, {
              permissions: { ...bare.permissions, ...change },
            });
            assert.ok(
              ['forbidden', 'validation_failed'].includes(codeOf(answer) ?? ''),
              `${token} changes grants where editPermissions is false: ${codeOf(answer)}`,
            );
          }
          server.close();
        });
      }
    }

    it('demotion: a flag the old role forced is dropped unless the write grants it', async (t) => {
      const top = config.roles[0]!;
      const lower = config.roles[1]!;
      if (!top.forcedFlags.includes(FLAG)) {
        // No role forces it here: a role change carries the flags over as they are.
        const server = fresh(preset);
        const demoted = server.userAs('owner', server.userIdOf('owner2'))!;
        const answer = await patchUser(server, 'owner', demoted, { role: lower.id });
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body.flags, demoted.flags);
        server.close();
        return t.skip(`no role of ${preset} forces ${FLAG}`);
      }
      const actor = server0Token(preset);
      const cases: [string, unknown, boolean][] = [
        ['role alone', {}, false],
        ['with the flag off (as the edit dialog sends)', { flags: { [FLAG]: false } }, false],
        ['with the flag granted explicitly', { flags: { [FLAG]: true } }, true],
      ];
      for (const [label, extra, want] of cases) {
        const server = fresh(preset);
        const colleague = server
          .usersAs(actor)
          .find(
            (u) => u.role === top.id && u.id !== server.userIdOf(actor) && u.status === 'active',
          )!;
        assert.equal(colleague.flags[FLAG], true, 'the top role forces the flag on');
        const answer = await patchUser(server, actor, colleague, {
          role: lower.id,
          ...(extra as object),
        });
        assert.equal(answer.status, 200, `demotion ${label}`);
        assert.equal(answer.body.flags[FLAG], want, `demoted ${label}: ${FLAG}`);
        server.close();
      }
      // Promoted, then demoted: the forced value was never a grant.
      const server = fresh(preset);
      const plain = flagTarget(server, preset, actor, false)!;
      const promoted = await patchUser(server, actor, plain, { role: top.id });
      assert.equal(promoted.status, 200);
      assert.equal(promoted.body.flags[FLAG], true, 'promoted: forced on');
      const demoted = await patchUser(server, actor, promoted.body, { role: plain.role });
      assert.equal(demoted.status, 200);
      assert.equal(demoted.body.flags[FLAG], false, 'demoted again: off, as before');
      // Sending the forced flag off while the role forces it is a no-op (same version).
      const again = await patchUser(server, actor, demoted.body, { role: top.id });
      const forcedOff = await patchUser(server, actor, again.body, { flags: { [FLAG]: false } });
      assert.equal(forcedOff.status, 200);
      assert.equal(forcedOff.body.flags[FLAG], true, 'forced: stays on');
      assert.equal(forcedOff.body.version, again.body.version, 'nothing changed');
      server.close();
    });
  });
}

/** The top persona of a preset (holds every permission and the forced flags). */
function server0Token(preset: PresetName): string {
  return getPreset(preset).personas[0]!.token;
}
