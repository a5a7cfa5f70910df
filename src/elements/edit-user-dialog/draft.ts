/**
 * The pure part of `<edit-user-dialog>`: the form's values ({@link Draft}), the patch and the
 * changes in words from a user to a draft ({@link diff}), the side-by-side rows of a conflict
 * ({@link conflictRows}), and the checks of the edited fields ({@link validate}). Plain
 * functions of their inputs: no element, no store.
 */
import { msg, str } from '@lit/localize';
import { diffGrants, normalizeGrants } from '../../api/grants.js';
import type {
  PermissionCatalog,
  PermissionGrants,
  RestrictionDefinition,
  Role,
  RoleTemplate,
  User,
  UserPatch,
  UserStatus,
  Workspace,
} from '../../api/types.js';
import { MAX_NAME_LENGTH, isValidEmail } from '../../api/rules.js';
import { formatNumber } from '../../i18n/localization.js';
import { restrictionsOf } from '../parts/access-fields.js';
import type { AccessValue } from '../parts/access-fields.js';
import { actionNames, grantChange } from '../parts/grant-words.js';
import { statusLabel } from '../parts/status-badge.js';

/** The form's values. */
export interface Draft {
  name: string;
  email: string;
  status: UserStatus;
  access: AccessValue;
  /** The user's own permission grants. */
  permissions: PermissionGrants;
}

/** One changed field, in words. */
export interface Change {
  field: string;
  label: string;
  from: string;
  to: string;
  /** The review's line when it is not `label: from → to` (a permission category's). */
  text?: string;
}

/** One row of the conflict table: a field, as in my version and in the current one. */
export interface ConflictRow {
  field: string;
  label: string;
  yours: string;
  current: string;
}

/** What naming the changes needs: the workspace's features, roles, templates and flags. */
export interface DiffContext {
  workspace: Workspace | null;
  roles: readonly Role[];
  templates: readonly RoleTemplate[];
  catalog: PermissionCatalog | null;
}

/** A role's name, or its id when the server did not declare it. */
export const roleName = (roles: readonly Role[], id: string): string =>
  roles.find((role) => role.id === id)?.name ?? id;

/** The form's values for `user`, as they are (copies: editing them leaves `user` alone). */
export const draftOf = (user: User): Draft => ({
  name: user.name,
  email: user.email,
  status: user.status,
  access: {
    role: user.role,
    roleTemplateId: user.roleTemplateId,
    flags: { ...user.flags },
    restrictions: { ...user.restrictions },
  },
  permissions: user.permissions,
});

/**
 * `theirs` with the fields of `mine` (a patch) applied again; given the `base` it was made
 * from, only the permission categories `mine` changed are taken from it (like flags).
 */
export const reapply = (theirs: User, mine: UserPatch, base?: User): Draft => {
  const draft = draftOf(theirs);
  const grants = mine.permissions;
  const mineChanged = grants && base ? diffGrants(base.permissions, grants) : undefined;
  const permissions =
    grants && mineChanged
      ? Object.fromEntries(
          [...new Set([...Object.keys(grants), ...Object.keys(theirs.permissions)])].flatMap(
            (id) => {
              const actions = (mineChanged[id] ? grants : theirs.permissions)[id];
              return actions?.length ? [[id, actions]] : [];
            },
          ),
        )
      : (grants ?? draft.permissions);
  const roleChanged = mine.role !== undefined && mine.role !== theirs.role;
  return {
    name: mine.name ?? draft.name,
    email: mine.email ?? draft.email,
    status: mine.status ?? draft.status,
    access: {
      role: mine.role ?? draft.access.role,
      roleTemplateId:
        mine.roleTemplateId !== undefined ? mine.roleTemplateId : draft.access.roleTemplateId,
      flags: { ...draft.access.flags, ...mine.flags },
      restrictions: roleChanged
        ? { ...mine.restrictions }
        : { ...draft.access.restrictions, ...mine.restrictions },
    },
    permissions,
  };
};

/** A text field was edited: compared untrimmed first, so stray spaces alone are no change. */
const edited = (value: string, was: string): boolean => value !== was && value.trim() !== was;

/** The patch from `base` to `draft`, and each change in words. */
export function diff(
  base: User,
  draft: Draft,
  context: DiffContext,
): { patch: UserPatch; changes: Change[] } {
  const { workspace, roles, templates, catalog } = context;
  const patch: UserPatch = {};
  const changes: Change[] = [];
  const none = msg('None');
  const onOff = (value: unknown) => (value === true ? msg('On') : msg('Off'));
  const add = (field: string, label: string, from: string, to: string) =>
    changes.push({ field, label, from, to });

  if (edited(draft.name, base.name)) {
    patch.name = draft.name.trim();
    add('name', msg('Name'), base.name || none, patch.name || none);
  }
  if (edited(draft.email, base.email)) {
    patch.email = draft.email.trim();
    add('email', msg('Email'), base.email, patch.email);
  }
  const { role } = draft.access;
  const roleChanged = role !== base.role;
  if (roleChanged) {
    patch.role = role;
    add('role', msg('Role'), roleName(roles, base.role), roleName(roles, role));
  }
  if (draft.status !== base.status && draft.status !== 'invited') {
    patch.status = draft.status;
    add('status', msg('Status'), statusLabel(base.status), statusLabel(draft.status));
  }
  if (workspace?.features.roleTemplates && draft.access.roleTemplateId !== base.roleTemplateId) {
    const named = (id: string | null) =>
      id === null ? none : (templates.find((template) => template.id === id)?.name ?? id);
    patch.roleTemplateId = draft.access.roleTemplateId;
    add(
      'roleTemplateId',
      msg('Role template'),
      named(base.roleTemplateId),
      named(draft.access.roleTemplateId),
    );
  }
  for (const id of workspace?.features.flags ?? []) {
    const from = base.flags[id] === true;
    const to = draft.access.flags[id] === true;
    if (from === to) continue;
    patch.flags = { ...patch.flags, [id]: to };
    const label = catalog?.flags.find((flag) => flag.id === id)?.name ?? id;
    add(`flags.${id}`, label, onOff(from), onOff(to));
  }
  const chosen = roles.find((r) => r.id === role);
  const describe = (definition: RestrictionDefinition, value: unknown) =>
    definition.kind === 'flag'
      ? onOff(value)
      : (definition.options!.find((option) => option.value === value)?.name ?? String(value));
  for (const definition of chosen ? restrictionsOf(chosen, workspace) : []) {
    const from = base.restrictions[definition.id] ?? definition.default;
    const to = draft.access.restrictions[definition.id] ?? definition.default;
    // A new role starts from its defaults on the server: send every value then.
    if (roleChanged || from !== to)
      patch.restrictions = { ...patch.restrictions, [definition.id]: to };
    if (from !== to)
      add(
        `restrictions.${definition.id}`,
        definition.name,
        describe(definition, from),
        describe(definition, to),
      );
  }
  const grantsApply = chosen?.allPermissions === false;
  if (workspace?.features.permissions && catalog && grantsApply) {
    const names = (ids: readonly string[]) => actionNames(catalog, ids) || none;
    const was = normalizeGrants(catalog, base.permissions);
    const now = normalizeGrants(catalog, draft.permissions);
    const changed = diffGrants(was, now);
    for (const { id, name } of catalog.categories) {
      if (!changed[id]) continue;
      patch.permissions = now;
      const label = msg(str`${name} permissions`);
      changes.push({
        field: `permissions.${id}`,
        label,
        from: names(was[id] ?? []),
        to: names(now[id] ?? []),
        text: msg(str`${label}: ${grantChange(catalog, changed[id])}`),
      });
    }
  }
  return { patch, changes };
}

/**
 * The conflict table: every field that my change (`mine`, re-applied) or theirs (`theirs`)
 * touched since `base`, with its value in each version.
 */
export function conflictRows(
  base: User,
  mine: UserPatch,
  theirs: User,
  context: DiffContext,
): ConflictRow[] {
  const my = diff(base, reapply(base, mine), context).changes;
  const their = diff(base, draftOf(theirs), context).changes;
  const rows = new Map<string, ConflictRow>();
  for (const change of my)
    rows.set(change.field, { ...change, yours: change.to, current: change.from });
  for (const change of their) {
    const row = rows.get(change.field);
    rows.set(change.field, {
      field: change.field,
      label: row?.label ?? change.label,
      yours: row?.yours ?? change.from,
      current: change.to,
    });
  }
  return [...rows.values()];
}

/** Checks the fields the admin changed; messages by field. */
export function validate(base: User, draft: Draft): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = draft.name.trim();
  if (edited(draft.name, base.name)) {
    if (name.length > MAX_NAME_LENGTH)
      errors['name'] = msg(
        str`Use at most ${formatNumber(MAX_NAME_LENGTH)} characters (this has ${formatNumber(name.length)}).`,
      );
    else if (/\p{Cc}/u.test(name))
      errors['name'] = msg('Remove the control characters (tabs, line breaks…).');
  }
  const email = draft.email.trim();
  if (edited(draft.email, base.email)) {
    if (email === '') errors['email'] = msg('Enter an email address.');
    else if (/[\s,;]/.test(email)) errors['email'] = msg('Enter one email address only.');
    else if (!isValidEmail(email))
      errors['email'] = msg('Enter a valid email address, like name@example.com.');
  }
  return errors;
}
