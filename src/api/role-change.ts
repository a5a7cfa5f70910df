/**
 * What changing a user's role changes besides the role, as the server decides it (the mock's
 * `planPatch` and `resolveFlags`/`resolveRestrictions` in src/mock/): a dialog says it before
 * the change is sent ("Her restrictions (No data export) will be removed"), and sends the
 * patch that leads there.
 *
 * On a role change the server
 * - resets restrictions to the new role's defaults: a restriction the user holds away from its
 *   default is lifted (the new role does not define it, or starts it afresh);
 * - turns on the flags the new role forces, and turns off the flags the old role forced and the
 *   new one does not (they were the role's, not a grant);
 * - keeps the role template, which does not apply to a role holding every permission: the
 *   patch clears it then (`roleTemplateId: null`), as the invite and edit dialogs do.
 */
import { msg, str } from '@lit/localize';
import { getLocale } from '../i18n/localization.js';
import type {
  FlagValues,
  RestrictionDefinition,
  RestrictionValues,
  Role,
  RoleTemplate,
  UserPatch,
  WorkspaceFeatures,
} from './types.js';

/** What a role change reads of a user (a `User`, or a dialog's draft of one). */
export interface RoleHolder {
  role: string;
  roleTemplateId: string | null;
  flags: FlagValues;
  restrictions: RestrictionValues;
}

/** A restriction the change lifts, with the value the user held. */
export interface DroppedRestriction {
  definition: RestrictionDefinition;
  value: RestrictionValues[string];
}

/** What changing a user's role to another changes. */
export interface RoleChangeEffects {
  /** The role held now (undefined when the roles do not list it). */
  from: Role | undefined;
  /** The role changed to. */
  to: Role;
  /** The new role ranks higher than the current one. */
  promotion: boolean;
  /** Restrictions the user holds that the change removes. */
  droppedRestrictions: DroppedRestriction[];
  /** The user's role template is cleared (the new role holds every permission). */
  clearsTemplate: boolean;
  /** Flag ids the new role forces on that the user does not hold now. */
  flagsOn: string[];
  /** Flag ids on only because the current role forced them: off after the change. */
  flagsOff: string[];
  /**
   * Whether a person should confirm first: a promotion, or anything changing beyond the role
   * (restrictions, template, flags). A plain demotion or sideways change needs no confirm.
   */
  needsConfirm: boolean;
  /** The `PATCH /users/{id}` body making the change (the role, and the template when cleared). */
  patch: UserPatch;
}

/** The parts of `features` a role change depends on (all considered on when omitted). */
export type RoleChangeFeatures = Pick<
  WorkspaceFeatures,
  'restrictions' | 'roleTemplates' | 'flags'
>;

/**
 * What changing `user`'s role to `toRoleId` changes; null when `roles` has no such role. With
 * `features` (the workspace's), restrictions, templates and flags count only when in use.
 *
 * @example
 * const effects = roleChangeEffects(user, 'owner', store.$roles.get(), workspace.features);
 * if (effects?.clearsTemplate) say(msg('The role template will be cleared.'));
 */
export function roleChangeEffects(
  user: RoleHolder,
  toRoleId: string,
  roles: readonly Role[],
  features?: RoleChangeFeatures,
): RoleChangeEffects | null {
  const to = roles.find((role) => role.id === toRoleId);
  if (!to) return null;
  const from = roles.find((role) => role.id === user.role);
  const changed = to !== from;
  const definitions = (role: Role | undefined) =>
    (changed && features?.restrictions !== false && role?.restrictions) || [];
  const droppedRestrictions = definitions(from).flatMap((definition) => {
    const value = user.restrictions[definition.id] ?? definition.default;
    const next = definitions(to).find((d) => d.id === definition.id) ?? definition;
    return value === next.default ? [] : [{ definition, value }];
  });
  // Flags in use (all, without `features`) among `ids` that the user holds (`on`) or not.
  const flags = (ids: string[], on: boolean) =>
    ids.filter(
      (id) => (!features || features.flags.includes(id)) && (user.flags[id] === true) === on,
    );
  const flagsOn = flags(to.forcedFlags, false);
  const flagsOff = changed
    ? flags(
        (from?.forcedFlags ?? []).filter((id) => !to.forcedFlags.includes(id)),
        true,
      )
    : [];
  const clearsTemplate =
    to.allPermissions && user.roleTemplateId !== null && features?.roleTemplates !== false;
  const promotion = changed && to.rank > (from?.rank ?? -Infinity);
  return {
    from,
    to,
    promotion,
    droppedRestrictions,
    clearsTemplate,
    flagsOn,
    flagsOff,
    needsConfirm:
      promotion ||
      clearsTemplate ||
      droppedRestrictions.length + flagsOn.length + flagsOff.length > 0,
    patch: clearsTemplate ? { role: to.id, roleTemplateId: null } : { role: to.id },
  };
}

/**
 * How a dropped restriction is named to people: a flag by its name ("No data export"), a
 * choice by its name and the option held ("Contact visibility: Themselves only").
 */
export function restrictionLabel({ definition, value }: DroppedRestriction): string {
  if (definition.kind === 'flag') return definition.name;
  const option = definition.options?.find((o) => o.value === value);
  const held = option?.name ?? String(value);
  return msg(str`${definition.name}: ${held}`);
}

/** One user's role change: whose, and what it changes. */
export interface RoleChange {
  user: RoleHolder;
  effects: RoleChangeEffects;
}

/**
 * What these role changes change besides the role, a sentence each in the server's words
 * (restriction, template and flag names), a name shared by several changes said once:
 * "Restrictions removed: No data export.", "Role template cleared: Analyst.", "Turned on: CRM
 * access.", "Turned off: CRM access.". The flags are said only given `flagName` (the invite and
 * edit dialogs show them as fields of their own). Every place a role change is chosen or
 * confirmed says it in these words, so nothing is dropped silently.
 */
export function roleChangeLines(
  changes: readonly RoleChange[],
  templates: readonly RoleTemplate[],
  flagName?: (id: string) => string,
): string[] {
  const list = (pick: (change: RoleChange) => string[]) => {
    const items = changes.flatMap(pick);
    return items.length > 0 ? new Intl.ListFormat(getLocale()).format(new Set(items)) : '';
  };
  const flags = (key: 'flagsOn' | 'flagsOff') =>
    flagName ? list(({ effects }) => effects[key].map(flagName)) : '';
  const dropped = list(({ effects }) => effects.droppedRestrictions.map(restrictionLabel));
  const cleared = list(({ user, effects }) =>
    effects.clearsTemplate
      ? [templates.find((t) => t.id === user.roleTemplateId)?.name ?? String(user.roleTemplateId)]
      : [],
  );
  const on = flags('flagsOn');
  const off = flags('flagsOff');
  return [
    dropped && msg(str`Restrictions removed: ${dropped}.`),
    cleared && msg(str`Role template cleared: ${cleared}.`),
    on && msg(str`Turned on: ${on}.`),
    off && msg(str`Turned off: ${off}.`),
  ].filter((line): line is string => !!line);
}
