/**
 * The access fields shared by the invite and edit dialogs: the role picker (only the roles the
 * actor may give, each with its description), and for the chosen role its advanced
 * restrictions, the role template picker and the per-user flags, all as the server declares
 * them. Stateless templates: the dialog owns the {@link AccessValue} and re-renders on change.
 *
 * Errors are keyed by the server's field paths: `role`, `roleTemplateId`,
 * `restrictions.<id>`, `flags.<id>`.
 */
import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type {
  FlagValues,
  PermissionCatalog,
  PermissionGrants,
  RestrictionDefinition,
  RestrictionValues,
  Role,
  RoleTemplate,
  Workspace,
} from '../../api/types.js';
import { roleChangeEffects, roleChangeLines } from '../../api/role-change.js';
import type { RoleHolder } from '../../api/role-change.js';
import type { RosterGrantsChangeEvent } from '../../events.js';
import { getLocale } from '../../i18n/localization.js';
import type { RosterStore } from '../../store/index.js';

/** What the access fields edit. */
export interface AccessValue {
  role: string;
  roleTemplateId: string | null;
  flags: FlagValues;
  restrictions: RestrictionValues;
}

/** Options of {@link renderRolePicker}. */
export interface RolePickerOptions {
  roles: Role[];
  /** Role ids that may be chosen; the others are not offered. */
  allowed: readonly string[];
  value: string;
  disabled?: boolean;
  error?: string;
  onChange: (role: string) => void;
  /** The group's legend; default "Access level". */
  label?: string;
  /** What choosing this role clears, said under the roles (see {@link roleChangeNote}). */
  note?: string;
}

/** Options of {@link renderAccessFields}. */
export interface AccessFieldsOptions {
  role: Role;
  workspace: Workspace;
  catalog: PermissionCatalog | null;
  templates: RoleTemplate[];
  value: AccessValue;
  disabled?: boolean;
  /** Messages by field path (`roleTemplateId`, `restrictions.<id>`, `flags.<id>`). */
  errors?: Partial<Record<string, string>>;
  /**
   * The flags the actor holds itself (`me.user.flags`): it may turn on or off only those, as
   * the server refuses the others; they show disabled with the reason.
   */
  held?: FlagValues;
  onChange: (next: AccessValue) => void;
}

/** The plan names that unlock a plan-gated restriction, or null when this plan has it. */
function missingPlans(definition: RestrictionDefinition, workspace: Workspace): string | null {
  const { plans } = definition;
  if (!plans || plans.length === 0 || plans.includes(workspace.plan)) return null;
  const locale = getLocale();
  const names = plans.map((plan) => plan.charAt(0).toLocaleUpperCase(locale) + plan.slice(1));
  return new Intl.ListFormat(locale, { type: 'disjunction' }).format(names);
}

/**
 * The role's restrictions in use on this workspace (none without `workspace`), leaving out a
 * choice with no options: it has nothing to choose, so it is neither shown nor sent.
 */
export function restrictionsOf(role: Role, workspace: Workspace | null): RestrictionDefinition[] {
  return workspace?.features.restrictions
    ? role.restrictions.filter((d) => d.kind === 'flag' || d.options?.length)
    : [];
}

/** Whether templates apply to this role (roles holding every permission need none). */
function templatesApply(role: Role, workspace: Workspace): boolean {
  return workspace.features.roleTemplates && !role.allPermissions;
}

/**
 * Defaults for a role: restriction defaults, forced flags on, other flags off, no template.
 * With `previous` (switching role), keeps what still fits: restriction values the new role
 * declares alike (and the plan allows), flag values, and the template. Given the role
 * `previous` was for, flags that role forced on are not carried over (they were not chosen).
 */
export function defaultAccess(
  role: Role,
  workspace: Workspace,
  previous?: AccessValue,
  previousRole?: Role,
): AccessValue {
  const restrictions: RestrictionValues = {};
  for (const definition of restrictionsOf(role, workspace)) {
    const kept = previous?.restrictions[definition.id];
    const fits =
      kept !== undefined &&
      !missingPlans(definition, workspace) &&
      (definition.kind === 'flag'
        ? typeof kept === 'boolean'
        : definition.options?.some((option) => option.value === kept) === true);
    restrictions[definition.id] = fits ? kept : definition.default;
  }
  const flags: FlagValues = {};
  for (const id of workspace.features.flags) {
    const chosen = !previousRole?.forcedFlags.includes(id) && (previous?.flags[id] ?? false);
    flags[id] = role.forcedFlags.includes(id) || chosen;
  }
  return {
    role: role.id,
    roleTemplateId: templatesApply(role, workspace) ? (previous?.roleTemplateId ?? null) : null,
    flags,
    restrictions,
  };
}

/** An error line with an id for `aria-describedby`, or nothing. */
export function errorLine(id: string, message: string | undefined) {
  return message
    ? html`<span class="error" id=${id} part="field-error">${message}</span>`
    : nothing;
}

/** Ids joined for `aria-describedby`, skipping the absent ones (no attribute when none). */
export function describedBy(
  ...ids: (string | false | null | undefined)[]
): string | typeof nothing {
  return ids.filter(Boolean).join(' ') || nothing;
}

/**
 * A role's name as the server declares it; a role `/roles` does not list (the contract allows
 * it) by its id, marked: muted, "unknown role" as its tooltip and for screen readers.
 */
export function renderRoleName(roles: readonly Role[], id: string): string | TemplateResult {
  const name = roles.find((role) => role.id === id)?.name;
  if (name !== undefined) return name;
  const unknown = msg('unknown role');
  return html`<span class="hint" title=${unknown}
    >${id}<span class="visually-hidden"> (${unknown})</span></span
  >`;
}

/**
 * Radio group (fieldset + legend "Access level") of the roles in `allowed` (in `roles` order),
 * each with its description; roles not allowed are not offered. An allowed id `roles` does not
 * list (e.g. the role a user holds now) comes first, disabled and said to be unknown: it can
 * be kept or left, not chosen.
 */
export function renderRolePicker(o: RolePickerOptions): TemplateResult {
  const known = o.roles.filter((role) => o.allowed.includes(role.id));
  const option = (id: string, name: string, description: string, unknown?: boolean) => html`
    <label class="option" part="role-option">
      <input
        type="radio"
        name="role"
        .value=${id}
        .checked=${id === o.value}
        ?disabled=${unknown}
        aria-describedby="role-${id}-description"
        @change=${() => o.onChange(id)}
      />
      <span class="option-text">
        <span class="option-name">${name}</span>
        <span class="hint" id="role-${id}-description">${description}</span>
      </span>
    </label>
  `;
  return html`
    <fieldset
      class="group"
      part="role-picker"
      role="radiogroup"
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${describedBy(o.error && 'role-error')}
      ?disabled=${o.disabled}
    >
      <legend class="label">${o.label ?? msg('Access level')}</legend>
      ${o.allowed
        .filter((id) => !o.roles.some((role) => role.id === id))
        .map((id) => option(id, id, msg('unknown role'), true))}
      ${
        known.length === 0
          ? html`<p class="hint">${msg('You may not give any role.')}</p>`
          : known.map((role) => option(role.id, role.name, role.description))
      }
      <span class="hint" part="role-change" role="status">${o.note}</span>
      ${errorLine('role-error', o.error)}
    </fieldset>
  `;
}

/**
 * What changing `from`'s role to `to` clears besides the role, as the server does it, in the
 * words of {@link roleChangeLines} ("Restrictions removed: No data export.", "Role template
 * cleared: Analyst."); '' when nothing. Said where the role is chosen.
 */
export function roleChangeNote(
  from: RoleHolder | null | undefined,
  to: string,
  roles: readonly Role[],
  workspace: Workspace,
  templates: readonly RoleTemplate[],
): string {
  const effects = from && roleChangeEffects(from, to, roles, workspace.features);
  return effects ? roleChangeLines([{ user: from, effects }], templates).join(' ') : '';
}

/**
 * The field paths {@link renderAccessFields} shows for `role` (where a server's field error
 * is marked); a dialog says an error about any other field at form level, never drops it.
 */
export function accessPaths(
  role: Role,
  workspace: Workspace,
  templates: readonly RoleTemplate[],
): string[] {
  return [
    ...restrictionsOf(role, workspace).map((d) => `restrictions.${d.id}`),
    ...(templatesApply(role, workspace) && templates.length > 0 ? ['roleTemplateId'] : []),
    ...workspace.features.flags
      .filter((id) => !role.forcedFlags.includes(id))
      .map((id) => `flags.${id}`),
  ];
}

/** Options of {@link renderCheckOption}. */
interface CheckOptionOptions {
  /** The field path: the checkbox's id and name, and the prefix of its description, reason and error ids. */
  field: string;
  part: string;
  name: string;
  description: string;
  checked: boolean;
  disabled: boolean;
  /** Why the checkbox is disabled (an element with id `<field>-reason`), or nothing. */
  reason: TemplateResult | typeof nothing;
  error: string | undefined;
  onChange: (checked: boolean) => void;
}

/** A checkbox row with its name, description, the reason it is disabled, and its error. */
function renderCheckOption(o: CheckOptionOptions): TemplateResult {
  const { field, error } = o;
  return html`
    <div class="option ${o.disabled ? 'disabled' : ''}" part=${o.part}>
      <input
        type="checkbox"
        id=${field}
        name=${field}
        .checked=${o.checked}
        ?disabled=${o.disabled}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy(
          `${field}-description`,
          o.reason !== nothing && `${field}-reason`,
          error && `${field}-error`,
        )}
        @change=${(event: Event) => o.onChange((event.target as HTMLInputElement).checked)}
      />
      <span class="option-text">
        <label class="option-name" for=${field}>${o.name}</label>
        <span class="hint" id="${field}-description">${o.description}</span>
        ${o.reason} ${errorLine(`${field}-error`, error)}
      </span>
    </div>
  `;
}

/** One restriction: a checkbox for a flag, a radio group for a choice. */
function renderRestriction(definition: RestrictionDefinition, o: AccessFieldsOptions) {
  const field = `restrictions.${definition.id}`;
  const error = o.errors?.[field];
  const errorId = `${field}-error`;
  const reasonId = `${field}-reason`;
  const descriptionId = `${field}-description`;
  const plans = missingPlans(definition, o.workspace);
  const disabled = o.disabled || plans !== null;
  const value = o.value.restrictions[definition.id] ?? definition.default;
  const set = (next: boolean | string) =>
    o.onChange({ ...o.value, restrictions: { ...o.value.restrictions, [definition.id]: next } });
  const reason = plans
    ? html`<span class="hint reason" id=${reasonId} part="restriction-reason"
        >${msg(str`Available on the ${plans} plan.`)}</span
      >`
    : nothing;
  if (definition.kind === 'flag') {
    return renderCheckOption({
      field,
      part: 'restriction',
      name: definition.name,
      description: definition.description,
      checked: value === true,
      disabled,
      reason,
      error,
      onChange: set,
    });
  }
  return html`
    <fieldset
      class="group nested"
      part="restriction"
      role="radiogroup"
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${describedBy(descriptionId, plans && reasonId, error && errorId)}
      ?disabled=${disabled}
    >
      <legend class="option-name">${definition.name}</legend>
      <span class="hint" id=${descriptionId}>${definition.description}</span>
      ${definition.options!.map(
        (option) => html`
          <label class="option" part="restriction-option">
            <input
              type="radio"
              name=${field}
              .value=${option.value}
              .checked=${option.value === value}
              @change=${() => set(option.value)}
            />
            <span class="option-text">
              <span>${option.name}</span>
              ${
                option.description ? html`<span class="hint">${option.description}</span>` : nothing
              }
            </span>
          </label>
        `,
      )}
      ${reason} ${errorLine(errorId, error)}
    </fieldset>
  `;
}

function renderTemplatePicker(o: AccessFieldsOptions) {
  if (!templatesApply(o.role, o.workspace) || o.templates.length === 0) return nothing;
  const error = o.errors?.['roleTemplateId'];
  const chosen = o.templates.find((template) => template.id === o.value.roleTemplateId);
  return html`
    <div class="field" part="template-picker">
      <label class="label" for="roleTemplateId">${msg('Role template')}</label>
      <select
        class="select"
        id="roleTemplateId"
        name="roleTemplateId"
        part="template-select"
        ?disabled=${o.disabled}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy('roleTemplateId-hint', error && 'roleTemplateId-error')}
        @change=${(event: Event) => {
          const id = (event.target as HTMLSelectElement).value;
          o.onChange({ ...o.value, roleTemplateId: id === '' ? null : id });
        }}
      >
        <option value="" ?selected=${!chosen}>${msg('None')}</option>
        ${o.templates.map(
          (template) =>
            html`<option .value=${template.id} ?selected=${template === chosen}>
              ${template.name}
            </option>`,
        )}
      </select>
      <span class="hint" id="roleTemplateId-hint"
        >${chosen?.description || msg("A template's permissions apply on top of the role.")}</span
      >
      ${errorLine('roleTemplateId-error', error)}
    </div>
  `;
}

function renderFlags(o: AccessFieldsOptions) {
  const ids = o.workspace.features.flags;
  if (ids.length === 0) return nothing;
  return html`
    <fieldset class="group" part="flags">
      <legend class="label">${msg('Access')}</legend>
      ${ids.map((id) => {
        const field = `flags.${id}`;
        const definition = o.catalog?.flags.find((flag) => flag.id === id);
        const name = definition?.name ?? id;
        // A flag the role forces is no choice: said in a line, with no checkbox (seed 003).
        if (o.role.forcedFlags.includes(id))
          return html`<p class="hint" part="flag-forced">
            ${msg(str`Users with the ${o.role.name} role always have ${name}.`)}
          </p>`;
        const reason =
          o.held && o.held[id] !== true
            ? msg(str`Only someone who has ${name} can change it.`)
            : '';
        return renderCheckOption({
          field,
          part: 'flag',
          name,
          description: definition?.description ?? '',
          checked: o.value.flags[id] === true,
          disabled: !!o.disabled || !!reason,
          reason: reason
            ? html`<span class="hint reason" id="${field}-reason" part="flag-reason"
                >${reason}</span
              >`
            : nothing,
          error: o.errors?.[field],
          onChange: (checked) =>
            o.onChange({ ...o.value, flags: { ...o.value.flags, [id]: checked } }),
        });
      })}
    </fieldset>
  `;
}

/**
 * The chosen role's restrictions (flag → checkbox, choice → radio group; plan-gated ones
 * disabled with the reason), the role template picker (when the workspace has templates and
 * the role does not hold every permission; "None" allowed), and the per-user flags (names
 * from the catalog; a flag the role forces is a line saying so, not a checkbox).
 */
export function renderAccessFields(o: AccessFieldsOptions): TemplateResult {
  const restrictions = restrictionsOf(o.role, o.workspace);
  return html`
    ${
      restrictions.length > 0
        ? html`
            <fieldset class="group" part="restrictions">
              <legend class="label">${msg(str`Advanced restrictions for ${o.role.name}`)}</legend>
              ${restrictions.map((definition) => renderRestriction(definition, o))}
            </fieldset>
          `
        : nothing
    }
    ${renderTemplatePicker(o)} ${renderFlags(o)}
  `;
}

/** Options of {@link renderGrants}. */
export interface GrantsOptions {
  store: RosterStore;
  role: Role;
  /** The template chosen in the form, whose grants show as inherited. */
  templateId: string | null;
  /** The own grants being edited. */
  value: PermissionGrants;
  readonly?: boolean;
  id?: string;
  onChange: (grants: PermissionGrants) => void;
}

/**
 * The grants of a draft: an embedded `<permission-matrix>` over the chosen role and template
 * (what they give shown locked, cells the actor may not grant disabled); for a role holding
 * every permission, a sentence saying so.
 */
export function renderGrants(o: GrantsOptions): TemplateResult {
  return o.role.allPermissions
    ? html`<p class="hint" part="all-permissions">
        ${msg(str`The ${o.role.name} role holds every permission.`)}
      </p>`
    : html`<permission-matrix
        id=${o.id ?? nothing}
        part="permission-matrix"
        mode="grants"
        embedded
        .store=${o.store}
        .value=${o.value}
        base-role=${o.role.id}
        base-template-id=${o.templateId ?? ''}
        ?readonly=${o.readonly}
        @roster-grants-change=${(event: RosterGrantsChangeEvent) => o.onChange(event.grants)}
      ></permission-matrix>`;
}

export const accessStyles = css`
  .group {
    display: grid;
    gap: var(--_r-space-2);
    margin: 0;
    padding: var(--_r-space-2) var(--_r-space-3) var(--_r-space-3);
    border: 1px solid var(--_r-border);
    border-radius: var(--_r-radius);
    min-inline-size: 0;
  }
  .group.nested {
    border-style: dashed;
  }
  .group > legend {
    padding-inline: var(--_r-space-1);
  }
  .option {
    display: flex;
    align-items: flex-start;
    gap: var(--_r-space-2);
  }
  .option input {
    margin: 0;
    margin-block-start: 0.2em;
    flex: none;
  }
  .option-text {
    display: grid;
    min-inline-size: 0;
  }
  .option-name {
    font-weight: 600;
  }
  fieldset:disabled .option,
  .option.disabled {
    color: var(--_r-text-muted);
  }
  .reason {
    font-style: italic;
  }
`;
