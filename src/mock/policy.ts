/**
 * The mock's whole access policy, as pure functions of the preset, the actor and the target.
 * Every handler asks these functions; `allowedActions` on users and `capabilities` on `/me` are
 * computed from the very same checks, so what the UI offers and what the server accepts agree.
 *
 * Rules:
 * - Who may manage users at all comes from the role's rules: `always` (unless a blocking
 *   restriction such as "no workspace settings" is on), by the `users` permission (view; create →
 *   invite and resend; edit → edit, suspend, reactivate; delete → remove; manage → role
 *   templates), or `never`.
 * - An actor may act only on users whose role it may assign (`Role.assignable`): a lower role
 *   never touches a higher one, and a manager cannot touch another manager (`forbidden`).
 * - Nobody edits, suspends or removes themselves (`cannot_modify_self`).
 * - The last active holder of the top role cannot be removed, suspended or demoted (`last_owner`).
 * - An actor without every permission can only grant permissions it holds itself: each grant it
 *   adds, and each it takes away, must be one it holds; what the target already holds and the
 *   write leaves alone needs no justifying (`checkGrants`).
 * - Flags follow the same rule, for every actor (`checkFlags`): a flag the write turns on, or
 *   turns off, must be one the actor holds (on for the actor itself, forced by its role or
 *   granted); a flag the write leaves as it is needs no justifying, so an actor without CRM
 *   access may still save a colleague who has it. Refusals are `forbidden` with a
 *   `flags.<id>` / `not_grantable` field error.
 * - Flags forced by a role are always on while the user holds that role. A stored flag is the
 *   user's effective value; on a role change, flags the old role forced and the new one does not
 *   are dropped (off) unless the same write sets them: a demoted admin keeps CRM access only
 *   when the demoting write grants it explicitly. What the role change brings this way (forced
 *   on, or dropped) is the consequence of the role, which `checkChangeRole` governs; the flag
 *   rule judges only what the write sets beyond it.
 * - `allowedActions.editPermissions` is true only when the actor could change some grant of the
 *   target: it may edit the target, the workspace has permissions, the target's role does not
 *   hold every permission already, and the actor holds every permission or at least one grant
 *   (each grant it holds is one it could add, or remove where the target has it). A write whose
 *   permissions change nothing is a no-op the server accepts either way.
 * - Plan-gated restrictions are refused on other plans.
 */
import type {
  AllowedActions,
  Capabilities,
  FieldError,
  FlagValues,
  PermissionAction,
  PermissionGrants,
  RestrictionValues,
  Role,
} from '../api/types.js';
import * as grantRules from '../api/grants.js';
import type { StoredUser } from './model.js';
import type { PresetConfig } from './presets.js';
import { topRole } from './presets.js';
import { ProblemError, fieldError, invalid } from './problems.js';

/** What the policy needs to know about the workspace beyond the two users involved. */
export interface PolicyContext {
  config: PresetConfig;
  plan: string;
  /** Active users holding a role. */
  activeCount(role: string): number;
  /** A role template's permissions, or undefined when there is no such template. */
  templatePermissions(id: string): PermissionGrants | undefined;
}

/** A refusal, or null when allowed. */
type Verdict = ProblemError | null;

/** What an actor may do in user management, before looking at any target. */
interface Abilities {
  view: boolean;
  invite: boolean;
  edit: boolean;
  remove: boolean;
  manageTemplates: boolean;
  export: boolean;
}

function findRole(ctx: PolicyContext, id: string): Role | undefined {
  return ctx.config.roles.find((role) => role.id === id);
}

function roleOf(ctx: PolicyContext, user: StoredUser): Role {
  const role = findRole(ctx, user.role);
  if (!role) throw new Error(`user ${user.id} holds unknown role ${user.role}`);
  return role;
}

/** Adds implied actions, drops duplicates and unknowns, sorts as the catalog (src/api/grants.ts). */
export function normalizeGrants(ctx: PolicyContext, grants: PermissionGrants): PermissionGrants {
  return grantRules.normalizeGrants(ctx.config.catalog, grants);
}

/** The user's own grants plus its template's, normalised. */
function effectivePermissions(ctx: PolicyContext, user: StoredUser): PermissionGrants {
  const template = user.roleTemplateId ? ctx.templatePermissions(user.roleTemplateId) : undefined;
  return grantRules.effectiveGrants(ctx.config.catalog, { template, own: user.permissions });
}

/** Whether a user holds an action on a category (roles with every permission hold them all). */
function holds(
  ctx: PolicyContext,
  user: StoredUser,
  category: string,
  action: PermissionAction,
): boolean {
  return (
    roleOf(ctx, user).allPermissions ||
    (effectivePermissions(ctx, user)[category]?.includes(action) ?? false)
  );
}

/** What an actor may do in user management at all. */
export function abilities(ctx: PolicyContext, actor: StoredUser): Abilities {
  const { features } = ctx.config;
  const role = roleOf(ctx, actor);
  const rules = ctx.config.rules[role.id];
  const restricted = (id: string | undefined) =>
    id !== undefined && actor.restrictions[id] === true;
  const none: Abilities = {
    view: false,
    invite: false,
    edit: false,
    remove: false,
    manageTemplates: false,
    export: false,
  };
  if (!rules || rules.users === 'never' || restricted(rules.usersBlockedBy)) return none;
  const byPermission = rules.users === 'permission';
  const can = (action: PermissionAction) => !byPermission || holds(ctx, actor, 'users', action);
  const view = can('view');
  if (!view) return none;
  return {
    view,
    invite: can('create'),
    edit: can('edit'),
    remove: can('delete'),
    manageTemplates:
      features.roleTemplates && (role.allPermissions || holds(ctx, actor, 'users', 'manage')),
    export: features.export && rules.export && !restricted(rules.exportBlockedBy),
  };
}

/** Roles the actor may give (invite as, or change to). */
function assignableRoles(ctx: PolicyContext, actor: StoredUser): string[] {
  return roleOf(ctx, actor).assignable.filter((id) => findRole(ctx, id) !== undefined);
}

/** `GET /me` capabilities. */
export function capabilities(ctx: PolicyContext, actor: StoredUser): Capabilities {
  const able = abilities(ctx, actor);
  return {
    viewUsers: able.view,
    inviteRoles: able.invite ? assignableRoles(ctx, actor) : [],
    export: able.export,
    manageTemplates: able.manageTemplates,
    grantable: grantable(ctx, actor, able),
  };
}

/**
 * What the actor may grant (`capabilities.grantable`): everything for a role holding every
 * permission, else what it holds itself; nothing when it may neither edit users nor manage
 * templates, or the workspace has no fine-grained permissions.
 */
function grantable(ctx: PolicyContext, actor: StoredUser, able: Abilities): PermissionGrants {
  if (!ctx.config.features.permissions || !(able.edit || able.invite || able.manageTemplates))
    return {};
  return roleOf(ctx, actor).allPermissions
    ? grantRules.allGrants(ctx.config.catalog)
    : effectivePermissions(ctx, actor);
}

const forbidden = (detail: string, errors?: FieldError[]) =>
  new ProblemError('forbidden', detail, errors);

/** May the actor list and read users? */
export function checkViewUsers(ctx: PolicyContext, actor: StoredUser): Verdict {
  return abilities(ctx, actor).view
    ? null
    : forbidden('You may not view the users of this workspace.');
}

export function checkExport(ctx: PolicyContext, actor: StoredUser): Verdict {
  return abilities(ctx, actor).export ? null : forbidden('You may not export users.');
}

export function checkManageTemplates(ctx: PolicyContext, actor: StoredUser): Verdict {
  return abilities(ctx, actor).manageTemplates
    ? null
    : forbidden('You may not manage role templates.');
}

/** May the actor invite someone with this role? */
export function checkInvite(ctx: PolicyContext, actor: StoredUser, roleId: string): Verdict {
  const able = abilities(ctx, actor);
  if (!able.invite) return forbidden('You may not invite users.');
  if (!findRole(ctx, roleId))
    return invalid([fieldError('role', 'unknown_role', `There is no role "${roleId}".`)]);
  if (!assignableRoles(ctx, actor).includes(roleId)) {
    return new ProblemError('role_not_assignable', `You may not give the role "${roleId}".`, [
      fieldError('role', 'role_not_assignable', `You may not give the role "${roleId}".`),
    ]);
  }
  return null;
}

/** The shared gate of every action on an existing user. */
function checkTarget(
  ctx: PolicyContext,
  actor: StoredUser,
  target: StoredUser,
  ability: keyof Abilities,
): Verdict {
  const able = abilities(ctx, actor);
  if (!able.view) return forbidden('You may not manage the users of this workspace.');
  if (actor.id === target.id)
    return new ProblemError('cannot_modify_self', 'You cannot change or remove your own access.');
  if (!able[ability]) return forbidden('You may not do this to users.');
  if (!assignableRoles(ctx, actor).includes(target.role)) {
    return forbidden(`You may not manage users with the role "${target.role}".`);
  }
  return null;
}

/** True when the user is the only active holder of the top role. */
function isLastTopHolder(ctx: PolicyContext, target: StoredUser): boolean {
  const top = topRole(ctx.config).id;
  return target.role === top && target.status === 'active' && ctx.activeCount(top) <= 1;
}

const lastOwner = (ctx: PolicyContext) =>
  new ProblemError(
    'last_owner',
    `The workspace must keep at least one active ${topRole(ctx.config).name.toLowerCase()}.`,
  );

export function checkEdit(ctx: PolicyContext, actor: StoredUser, target: StoredUser): Verdict {
  return checkTarget(ctx, actor, target, 'edit');
}

export function checkChangeRole(
  ctx: PolicyContext,
  actor: StoredUser,
  target: StoredUser,
  roleId: string,
): Verdict {
  const denied = checkEdit(ctx, actor, target);
  if (denied) return denied;
  if (roleId === target.role) return null;
  if (!findRole(ctx, roleId))
    return invalid([fieldError('role', 'unknown_role', `There is no role "${roleId}".`)]);
  if (!assignableRoles(ctx, actor).includes(roleId)) {
    return new ProblemError('role_not_assignable', `You may not give the role "${roleId}".`, [
      fieldError('role', 'role_not_assignable', `You may not give the role "${roleId}".`),
    ]);
  }
  return isLastTopHolder(ctx, target) ? lastOwner(ctx) : null;
}

export function checkEditEmail(ctx: PolicyContext, actor: StoredUser, target: StoredUser): Verdict {
  const denied = checkEdit(ctx, actor, target);
  if (denied) return denied;
  return ctx.config.emailEditable
    ? null
    : forbidden('Emails cannot be changed here: invite the new address instead.', [
        fieldError('email', 'not_editable', 'The email cannot be changed.'),
      ]);
}

const unsupported = (field: string, what: string) =>
  invalid([fieldError(field, 'not_supported', `This workspace does not support ${what}.`)]);

/** May the actor set this user's own permission grants (given the role it will hold)? */
export function checkEditPermissions(
  ctx: PolicyContext,
  actor: StoredUser,
  target: StoredUser,
  roleId = target.role,
): Verdict {
  const denied = checkEdit(ctx, actor, target);
  if (denied) return denied;
  if (!ctx.config.features.permissions)
    return unsupported('permissions', 'fine-grained permissions');
  return findRole(ctx, roleId)?.allPermissions
    ? invalid([
        fieldError('permissions', 'not_applicable', 'This role holds every permission already.'),
      ])
    : null;
}

function checkStatusChange(
  ctx: PolicyContext,
  actor: StoredUser,
  target: StoredUser,
  from: 'active' | 'suspended',
): Verdict {
  const denied = checkEdit(ctx, actor, target);
  if (denied) return denied;
  if (!ctx.config.features.suspension) return unsupported('status', 'suspension');
  if (target.status !== from) {
    return invalid([
      fieldError(
        'status',
        'invalid_transition',
        `Only ${from} users can be ${from === 'active' ? 'suspended' : 'reactivated'}.`,
      ),
    ]);
  }
  return from === 'active' && isLastTopHolder(ctx, target) ? lastOwner(ctx) : null;
}

export function checkSuspend(ctx: PolicyContext, actor: StoredUser, target: StoredUser): Verdict {
  return checkStatusChange(ctx, actor, target, 'active');
}

export function checkReactivate(
  ctx: PolicyContext,
  actor: StoredUser,
  target: StoredUser,
): Verdict {
  return checkStatusChange(ctx, actor, target, 'suspended');
}

export function checkResend(ctx: PolicyContext, actor: StoredUser, target: StoredUser): Verdict {
  const denied = checkTarget(ctx, actor, target, 'invite');
  if (denied) return denied;
  return target.status === 'invited'
    ? null
    : new ProblemError('not_invited', 'This user is not waiting on an invitation.');
}

export function checkRevoke(ctx: PolicyContext, actor: StoredUser, target: StoredUser): Verdict {
  return (
    checkTarget(ctx, actor, target, 'remove') ??
    (isLastTopHolder(ctx, target) ? lastOwner(ctx) : null)
  );
}

/**
 * An actor without every permission may only change grants it holds itself: each grant it
 * adds, and each it takes away, must be one it holds. What the user (or template) already has
 * (`held`) and the change leaves alone is never the actor's to justify, so a user manager can
 * save a colleague who holds more than it does, as long as it touches only what it holds.
 */
export function checkGrants(
  ctx: PolicyContext,
  actor: StoredUser,
  grants: PermissionGrants,
  field: string,
  held: PermissionGrants = {},
): Verdict {
  if (roleOf(ctx, actor).allPermissions) return null;
  const own = effectivePermissions(ctx, actor);
  const errors: FieldError[] = [];
  const changes = grantRules.diffGrants(normalizeGrants(ctx, held), normalizeGrants(ctx, grants));
  for (const [category, { added, removed }] of Object.entries(changes)) {
    const missing = [...added, ...removed].filter((action) => !own[category]?.includes(action));
    if (missing.length > 0) {
      errors.push(
        fieldError(
          `${field}.${category}`,
          'not_grantable',
          `You do not hold ${missing.join(', ')} on ${category} yourself.`,
        ),
      );
    }
  }
  return errors.length > 0
    ? forbidden('You may only grant or take away permissions you hold yourself.', errors)
    : null;
}

/**
 * Whether the actor holds any grant it could add or take away (every permission, or at least
 * one action): an actor holding none can only send grants that change nothing.
 */
function holdsAnyGrant(ctx: PolicyContext, actor: StoredUser): boolean {
  return (
    roleOf(ctx, actor).allPermissions || Object.keys(effectivePermissions(ctx, actor)).length > 0
  );
}

/** Whether a user holds a flag: forced on by its role, or on for it. */
function holdsFlag(ctx: PolicyContext, user: StoredUser, id: string): boolean {
  return roleOf(ctx, user).forcedFlags.includes(id) || user.flags[id] === true;
}

/**
 * The flag rule (like `checkGrants`): each flag whose value differs between `brought` (what the
 * target would hold after the write's role change alone, see `resolveFlags` without `given`)
 * and `after` (what the write leads to) is one the write turns on or off, and must be one the
 * actor holds. Flags the write leaves alone, and what a role change forces or drops, need no
 * justifying.
 */
export function checkFlags(
  ctx: PolicyContext,
  actor: StoredUser,
  brought: FlagValues,
  after: FlagValues,
): Verdict {
  const errors = ctx.config.features.flags
    .filter((id) => (brought[id] === true) !== (after[id] === true) && !holdsFlag(ctx, actor, id))
    .map((id) =>
      fieldError(
        `flags.${id}`,
        'not_grantable',
        `You do not hold ${flagName(ctx, id)} yourself, so you may not turn it on or off.`,
      ),
    );
  return errors.length > 0
    ? forbidden('You may only turn on or off flags you hold yourself.', errors)
    : null;
}

const flagName = (ctx: PolicyContext, id: string) =>
  ctx.config.catalog.flags.find((flag) => flag.id === id)?.name ?? id;

/** What the actor may do to one user: exactly what the checks above allow. */
export function allowedActions(
  ctx: PolicyContext,
  actor: StoredUser,
  target: StoredUser,
): AllowedActions {
  const ok = (verdict: Verdict) => verdict === null;
  const edit = ok(checkEdit(ctx, actor, target));
  return {
    edit,
    changeRole: edit
      ? assignableRoles(ctx, actor).filter(
          (role) => role !== target.role && ok(checkChangeRole(ctx, actor, target, role)),
        )
      : [],
    editEmail: ok(checkEditEmail(ctx, actor, target)),
    editPermissions: ok(checkEditPermissions(ctx, actor, target)) && holdsAnyGrant(ctx, actor),
    suspend: ok(checkSuspend(ctx, actor, target)),
    reactivate: ok(checkReactivate(ctx, actor, target)),
    resendInvitation: ok(checkResend(ctx, actor, target)),
    revoke: ok(checkRevoke(ctx, actor, target)),
  };
}

/**
 * Checks restriction values for a role and fills in defaults: unknown ids, wrong types, unknown
 * choices and plan-gated restrictions on another plan are `validation_failed` on that field.
 * `base` holds current values kept unless overridden.
 */
export function resolveRestrictions(
  ctx: PolicyContext,
  roleId: string,
  given: RestrictionValues | undefined,
  base: RestrictionValues = {},
): RestrictionValues | ProblemError {
  const role = findRole(ctx, roleId);
  const definitions = ctx.config.features.restrictions ? (role?.restrictions ?? []) : [];
  const errors: FieldError[] = [];
  if (given && !ctx.config.features.restrictions && Object.keys(given).length > 0) {
    return unsupported('restrictions', 'restrictions');
  }
  for (const id of Object.keys(given ?? {})) {
    if (!definitions.some((definition) => definition.id === id)) {
      errors.push(
        fieldError(
          `restrictions.${id}`,
          'unknown_restriction',
          `The role "${roleId}" has no restriction "${id}".`,
        ),
      );
    }
  }
  const result: RestrictionValues = {};
  for (const definition of definitions) {
    const field = `restrictions.${definition.id}`;
    const value = given?.[definition.id] ?? base[definition.id] ?? definition.default;
    if (definition.kind === 'flag' && typeof value !== 'boolean') {
      errors.push(fieldError(field, 'invalid_type', 'Must be true or false.'));
    } else if (
      definition.kind === 'choice' &&
      !definition.options?.some((option) => option.value === value)
    ) {
      errors.push(
        fieldError(
          field,
          'invalid_choice',
          `Must be one of: ${definition.options?.map((o) => o.value).join(', ')}.`,
        ),
      );
    } else if (
      definition.plans &&
      !definition.plans.includes(ctx.plan) &&
      value !== definition.default
    ) {
      if (given?.[definition.id] !== undefined) {
        errors.push(
          fieldError(field, 'plan_required', `Needs the ${definition.plans.join(' or ')} plan.`),
        );
      }
      result[definition.id] = definition.default;
      continue;
    }
    result[definition.id] = value;
  }
  return errors.length > 0 ? invalid(errors) : result;
}

/**
 * Checks flag values and fills in the rest: unknown flags are `validation_failed`; flags the role
 * forces are on whatever was asked; the others take the value given, else the one in `base`,
 * else off. `baseRole` is the role `base` was held under: a flag it forced (and `roleId` does
 * not) is not carried over from `base`, since it was the role's, not a grant (so a demoted admin
 * loses CRM access unless `given` turns it on).
 */
export function resolveFlags(
  ctx: PolicyContext,
  roleId: string,
  given: FlagValues | undefined,
  base: FlagValues = {},
  baseRole?: string,
): FlagValues | ProblemError {
  const known = ctx.config.features.flags;
  const errors = Object.keys(given ?? {})
    .filter((id) => !known.includes(id))
    .map((id) => fieldError(`flags.${id}`, 'unknown_flag', `There is no flag "${id}".`));
  if (errors.length > 0) return invalid(errors);
  const forced = findRole(ctx, roleId)?.forcedFlags ?? [];
  const wasForced = baseRole === undefined ? [] : (findRole(ctx, baseRole)?.forcedFlags ?? []);
  const kept = (id: string) => (wasForced.includes(id) ? undefined : base[id]);
  return Object.fromEntries(
    known.map((id) => [id, forced.includes(id) || (given?.[id] ?? kept(id) ?? false)]),
  );
}
