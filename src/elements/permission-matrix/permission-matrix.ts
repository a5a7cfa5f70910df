import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { PropertyDeclarations } from 'lit';
import { isRosterHttpError } from '../../api/errors.js';
import { actionLabels, vetoSentence } from '../../api/messages.js';
import {
  diffGrants,
  effectiveGrants,
  holds,
  mergeGrants,
  missingToGrant,
  normalizeGrants,
  toggleGrant,
} from '../../api/grants.js';
import type { GrantCell } from '../../api/grants.js';
import type {
  ModuleDefinition,
  PermissionCatalog,
  PermissionGrants,
  Role,
  RoleTemplate,
  User,
} from '../../api/types.js';
import { RosterController } from '../../context/store-controller.js';
import { RosterErrorEvent, RosterGrantsChangeEvent, withActionEvents } from '../../events.js';
import { loadTemplates, updateTemplate, updateUser } from '../../store/index.js';
import { controls } from '../../styles/controls.js';
import { tokens } from '../../styles/tokens.js';
import { displayName } from '../../api/rules.js';
import { button } from '../parts/button.js';
import { failureText } from '../parts/failure-text.js';
import { actionNames, grantChange } from '../parts/grant-words.js';
import type { FailureWords } from '../parts/failure-text.js';
import { RosterElement } from '../roster-element.js';
import { GridKeys } from './grid-keys.js';
import { permissionMatrixStyles } from './permission-matrix.styles.js';

/** What is edited in grants mode, and where its inherited grants come from. */
interface Subject {
  user?: User;
  template?: RoleTemplate;
  /** Grants held through the role or the base template, locked, and who gives them. */
  inherited: PermissionGrants;
  source: string;
  /** The grants saved on the server (what the summary compares with). */
  saved: PermissionGrants;
  readOnly: boolean;
  /** Changes when the subject or its saved version changes. */
  key: string;
}

/** Whether a cell is in the group of `category` (a row) or of `action` (a column), or any. */
const within = (category?: string, action?: string) => (cell: GrantCell) =>
  (!category || cell.category === category) && (!action || cell.action === action);

/** Every cell of the catalog: each category × the actions it declares. */
const cellsOf = (catalog: PermissionCatalog): GrantCell[] =>
  catalog.categories.flatMap((c) => c.actions.map((action) => ({ category: c.id, action })));

/**
 * Who may do what, as the server declares it, in one table.
 *
 * `mode="roles"` (the default) is the access chart: the catalog's modules (sub-modules
 * grouped under their parent) × the roles, highest rank first; each cell says "has access",
 * "can be allowed" (with the restriction that governs it, on hover, on focus and as a
 * footnote) or "no access", exactly as `GET /roles` says.
 *
 * `mode="grants"` edits fine-grained permissions (categories × the actions each declares) of
 * one user (`.user`) or one role template (`template-id`). Choosing an action adds what it
 * implies and clearing one clears what implies it, and a note says what else changed. Grants
 * the user holds through its role or template are checked and locked, naming their source;
 * cells the actor may not grant (`capabilities.grantable`), or not clear (held ones whose
 * clearing takes away what it does not hold), are disabled with the reason; all
 * are read-only when the actor may not edit (`allowedActions.editPermissions`, or
 * `capabilities.manageTemplates` for a template). Arrow keys move between cells, Home/End
 * and Ctrl+Home/End to the ends, Space toggles. A summary lists the changes before Save, which
 * sends them through the store, vetoable; a refused save restores the saved grants and says why.
 *
 * Embedded in a dialog: set `embedded` (no Save, no summary), give the grants being edited
 * as `.value` and, for a draft, `base-role` / `base-template-id` (the role and template the
 * grants add to, e.g. the role chosen in an invite); listen to `roster-grants-change`,
 * whose `grants` (also `.value`) are the new own grants to include in the dialog's save.
 *
 * @customElement permission-matrix
 * @summary The module access chart of the roles, or a user's or template's permission grants.
 *
 * @fires roster-before-update-permissions - Cancelable, before saving; `detail: { user, templateId, permissions }`.
 * @fires roster-update-permissions - After saving; `detail: { user, template }` as the server returned them.
 * @fires roster-grants-change - Embedded: the grants being edited changed; `grants`.
 * @fires roster-error - Saving failed; `message` is the sentence shown.
 *
 * @csspart region - The scrolling region around the table.
 * @csspart table - The table.
 * @csspart column-header - A role (roles) or action (grants) column header.
 * @csspart row-header - A module or category row header.
 * @csspart cell - A cell.
 * @csspart icon - The icon of a chart cell.
 * @csspart checkbox - A grant, row or column checkbox.
 * @csspart legend - What the chart's icons mean.
 * @csspart footnotes - What governs each "can be allowed" cell (a restriction, a flag or a permission).
 * @csspart tooltip - The restriction shown on hover or focus.
 * @csspart note - Read-only or locked grants, and what else a toggle changed.
 * @csspart summary - The changes to save.
 * @csspart error - Why a save failed.
 * @csspart footer - The Save and Discard buttons.
 * @csspart save-button - Save.
 * @csspart discard-button - Discard.
 *
 * @cssprop --roster-matrix-full-color - Icon of "has access" (success colour).
 * @cssprop --roster-matrix-optional-color - Icon of "can be allowed" (warning colour).
 * @cssprop --roster-matrix-none-color - Icon of "no access" (muted text colour).
 * @cssprop --roster-matrix-header-size - Least width of the first column (9rem).
 */
export class PermissionMatrix extends RosterElement {
  // Which fields below are reactive (Lit adds the base class's to these).
  static override properties: PropertyDeclarations = {
    note: { state: true },
    error: { state: true },
    busy: { state: true },
    tip: { state: true },
    mode: { reflect: true },
    user: { attribute: false },
    templateId: { attribute: 'template-id' },
    value: { attribute: false },
    embedded: { type: Boolean, reflect: true },
    readonly: { type: Boolean, reflect: true },
    baseRole: { attribute: 'base-role' },
    baseTemplateId: { attribute: 'base-template-id' },
  };
  static override styles = [tokens, controls, permissionMatrixStyles];

  #roster = new RosterController(this, {
    select: (s) => [s.$me, s.$roles, s.$catalog, s.$templates, s.$users, s.$load],
    load: true,
  });
  #keys = new GridKeys(this);
  #syncedKey?: string;
  /** The saved grants of the subject as last synced. */
  #lastSaved: PermissionGrants = {};
  /** The own grants being edited (normalised); synced from the subject at each render. */
  #own: PermissionGrants = {};
  /** The last `value` taken in. */
  #valueSeen?: PermissionGrants;

  /** What else the last toggle changed, or that a save went through. */
  private note = '';
  private error = '';
  private busy = false;
  /** The restriction shown by the tooltip. */
  private tip = '';

  /** `roles`: the module chart of every role; `grants`: a user's or template's grants. */
  mode: 'roles' | 'grants' = 'roles';
  /** Grants mode: the user whose own grants are edited. */
  user?: User;
  /** Grants mode: the role template whose grants are edited (instead of a user's). */
  templateId?: string;
  /** The own grants being edited; set it to start from a draft. Reading gives the current. */
  value?: PermissionGrants;
  /** In a dialog: no Save and no summary; changes fire `roster-grants-change`. */
  embedded = false;
  /** Show the grants without letting them change. */
  readonly = false;
  /** The role the grants add to, instead of the user's (a dialog's draft). */
  baseRole?: string;
  /** The role template the grants add to, instead of the user's (`''` for none). */
  baseTemplateId?: string;

  /**
   * Takes in the subject's saved grants when it (or its version) changed, keeping edits of an
   * unchanged subject, and a new `.value`. Called by render: the store is known only then.
   */
  #sync(catalog: PermissionCatalog): Subject {
    const subject = this.#subject(catalog);
    if (subject.key !== this.#syncedKey) {
      const other = this.#syncedKey?.split('@')[0] !== subject.key.split('@')[0];
      if (other || JSON.stringify(this.#own) === JSON.stringify(this.#lastSaved))
        this.#own = subject.saved;
      this.#lastSaved = subject.saved;
      this.#syncedKey = subject.key;
      if (other && (this.note || this.error)) this.note = this.error = '';
    }
    if (this.value && this.value !== this.#valueSeen) {
      this.#valueSeen = this.value;
      this.#own = normalizeGrants(catalog, this.value);
    }
    return subject;
  }

  #subject(catalog: PermissionCatalog): Subject {
    const store = this.#roster.store;
    const me = store?.$me.get();
    const templates = store?.$templates.get() ?? [];
    if (this.templateId) {
      const template = templates.find((t) => t.id === this.templateId);
      return {
        template,
        inherited: {},
        source: '',
        saved: normalizeGrants(catalog, template?.permissions ?? {}),
        readOnly: this.readonly || !template || !me?.capabilities.manageTemplates,
        key: `t:${this.templateId}@${template?.version}`,
      };
    }
    const user = this.user && (store?.$users.get()[this.user.id] ?? this.user);
    const role = store?.$roles.get().find((r) => r.id === (this.baseRole ?? user?.role));
    const baseId = this.baseTemplateId ?? user?.roleTemplateId;
    const base = baseId ? templates.find((t) => t.id === baseId) : undefined;
    return {
      user,
      inherited: effectiveGrants(catalog, {
        allPermissions: role?.allPermissions,
        template: base?.permissions,
      }),
      source: role?.allPermissions
        ? msg(str`From role ${role.name}`)
        : base
          ? msg(str`From template ${base.name}`)
          : '',
      saved: normalizeGrants(catalog, user?.permissions ?? {}),
      readOnly:
        this.readonly || (user ? !user.allowedActions.editPermissions : !!role?.allPermissions),
      key: `u:${user?.id}@${user?.version}`,
    };
  }

  #category(catalog: PermissionCatalog, id: string): string {
    return catalog.categories.find((c) => c.id === id)?.name ?? id;
  }

  /** Why a cell cannot be changed, said beside it; '' when nothing but read-only stops it. */
  #lock(catalog: PermissionCatalog, subject: Subject, cell: GrantCell): string {
    if (holds(subject.inherited, cell.category, cell.action)) return subject.source;
    if (subject.readOnly) return '';
    const missing = missingToGrant(
      catalog,
      this.#roster.store?.$me.get()?.capabilities.grantable,
      cell,
      this.#own,
    );
    return missing.length > 0
      ? msg(
          str`You don't hold ${actionNames(catalog, missing)} on ${this.#category(catalog, cell.category)} yourself.`,
        )
      : '';
  }

  /** Sets `cells` on or off (each with what it implies), and says what else changed. */
  #apply(catalog: PermissionCatalog, cells: GrantCell[], on: boolean): void {
    let grants = this.#own;
    const also: GrantCell[] = [];
    for (const cell of cells) {
      const result = toggleGrant(catalog, grants, cell, on);
      grants = result.grants;
      also.push(...result.also);
    }
    const extra = new Map<string, string[]>();
    for (const { category, action } of also)
      if (!cells.some((c) => c.category === category && c.action === action))
        extra.set(category, [...(extra.get(category) ?? []), action]);
    const list = [...extra]
      .map(
        ([category, ids]) => `${this.#category(catalog, category)}: ${actionNames(catalog, ids)}`,
      )
      .join('; ');
    this.note = !list ? '' : on ? msg(str`Also added ${list}.`) : msg(str`Also removed ${list}.`);
    this.error = '';
    this.#own = grants;
    this.requestUpdate();
    if (this.embedded) {
      this.value = this.#valueSeen = grants;
      this.dispatchEvent(new RosterGrantsChangeEvent(grants));
    }
  }

  #words(): FailureWords {
    return {
      codes: {
        forbidden: (error) =>
          error.fieldErrors.some((f) => f.code === 'not_grantable')
            ? msg('Not saved: you may only grant permissions you hold yourself.')
            : msg("Not saved: you're not allowed to change these permissions."),
        version_conflict: () =>
          msg('Not saved: someone changed this meanwhile. The saved permissions are shown.'),
        not_found: () => msg('Not saved: this no longer exists.'),
      },
      reason: (reason) => msg(str`Not saved: ${reason}.`),
      network: msg('Not saved: the server could not be reached.'),
      timeout: msg('Not saved: the server took too long to answer.'),
      unexpected: msg('Not saved: something went wrong.'),
    };
  }

  #handleClick(event: Event): void {
    // Disabled cells stay focusable (aria-disabled) so their reason can be read: no toggling.
    if ((event.target as Element).getAttribute('aria-disabled') === 'true') event.preventDefault();
  }

  #handleChange(event: Event): void {
    const input = event.target as HTMLInputElement;
    const catalog = this.#roster.store?.$catalog.get();
    if (!catalog || this.busy) return;
    const subject = this.#subject(catalog);
    const { category, action } = input.dataset;
    const cells = this.#editable(catalog, subject).filter(within(category, action));
    const on =
      category && action
        ? input.checked
        : !cells.every((cell) => holds(this.#own, cell.category, cell.action));
    this.#apply(catalog, cells, on);
  }

  /** Cells the person may change. */
  #editable(catalog: PermissionCatalog, subject: Subject): GrantCell[] {
    if (subject.readOnly) return [];
    return cellsOf(catalog).filter((cell) => !this.#lock(catalog, subject, cell));
  }

  #handleDiscard(): void {
    this.#own = this.#lastSaved;
    this.note = this.error = '';
    this.requestUpdate();
  }

  async #handleSave(): Promise<void> {
    const store = this.#roster.store;
    const catalog = store?.$catalog.get();
    if (!store || !catalog || this.busy) return;
    const { user, template } = this.#subject(catalog);
    const permissions = this.#own;
    this.busy = true;
    this.note = this.error = '';
    try {
      const result = await withActionEvents(
        this,
        'update-permissions',
        { user: user ?? null, templateId: template?.id ?? null, permissions },
        async () =>
          template
            ? { template: await updateTemplate(store, template.id, { permissions }) }
            : await updateUser(store, user!.id, { permissions }),
        (r) =>
          'status' in r
            ? r.status === 'ok'
              ? { user: r.user, template: null }
              : null
            : { user: null, template: r.template },
      );
      if (!result)
        this.note = vetoSentence(
          template
            ? actionLabels.updateTemplate(template.name)
            : actionLabels.updateUser(displayName(user!)),
        );
      else if ('status' in result && result.status === 'conflict') {
        const who = displayName(result.theirs);
        this.#fail(
          result,
          msg(str`Not saved: someone changed ${who} meanwhile. The saved permissions are shown.`),
        );
      } else this.note = msg('Permissions saved.');
    } catch (error) {
      this.#fail(error, failureText(error, this.#words()));
      if (template && isRosterHttpError(error, 'version_conflict'))
        loadTemplates(store).catch(() => undefined);
    } finally {
      this.busy = false;
    }
  }

  #fail(error: unknown, message: string): void {
    this.#own = this.#lastSaved;
    this.error = message;
    this.dispatchEvent(new RosterErrorEvent(message, error, 'update-permissions'));
  }

  #handleTip(event: MouseEvent | FocusEvent): void {
    const over = event.type === 'mouseover' || event.type === 'focusin';
    const node = (over ? event.target : event.relatedTarget) as Element | null;
    const target = node?.closest<HTMLElement>('[data-tip]');
    const tip = this.renderRoot.querySelector<HTMLElement>('[popover]');
    const open = tip?.matches(':popover-open');
    this.tip = target?.dataset.tip ?? '';
    if (target && !open) tip?.showPopover();
    if (!target && open) tip?.hidePopover();
  }

  protected override render(): unknown {
    const store = this.#roster.store;
    const catalog = store?.$catalog.get();
    if (!catalog) {
      return store?.$load.get().error
        ? html`<p class="alert" part="error" role="alert">
            ${msg('The permissions could not be loaded.')}
          </p>`
        : html`<p class="hint">${msg('Loading…')}</p>`;
    }
    return this.mode === 'grants' ? this.#renderGrants(catalog) : this.#renderChart(catalog);
  }

  #renderChart(catalog: PermissionCatalog): unknown {
    const roles = [...(this.#roster.store?.$roles.get() ?? [])].sort((a, b) => b.rank - a.rank);
    const ids = new Set(catalog.modules.map((m) => m.id));
    const groups: [ModuleDefinition, number][][] = [];
    const seen = new Set<string>();
    const walk = (module: ModuleDefinition, depth: number) => {
      if (seen.has(module.id)) return;
      seen.add(module.id);
      if (depth === 0) groups.push([]);
      groups.at(-1)!.push([module, depth]);
      for (const child of catalog.modules) if (child.parent === module.id) walk(child, depth + 1);
    };
    for (const m of catalog.modules) if (!m.parent || !ids.has(m.parent)) walk(m, 0);
    for (const m of catalog.modules) walk(m, 0);
    if (roles.length === 0 || groups.length === 0)
      return html`<p class="hint">${msg('The server declares no module chart.')}</p>`;
    /** The footnotes' texts, in order of first use. */
    const notes: string[] = [];
    /**
     * What governs a module a role "can be allowed": the restriction on it (its own, else its
     * parent's; a bounded walk, so a cycle in a server's catalog cannot hang it), else the flag
     * or the permission category that opens it.
     */
    const governs = (role: Role, module: string | undefined, hops = ids.size): string | null => {
      if (module === undefined || hops < 0) return null;
      const restriction = role.restrictions.find((r) => r.module === module);
      if (restriction)
        return msg(
          str`${role.name}: depends on the restriction “${restriction.name}”. ${restriction.description}`,
        );
      const flag = catalog.flags.find((f) => f.module === module);
      if (flag) return msg(str`${role.name}: when “${flag.name}” is on for the user.`);
      const category = catalog.categories.find((c) => c.id === module);
      if (category)
        return msg(str`${role.name}: when the user is given permissions on ${category.name}.`);
      return governs(role, catalog.modules.findLast((m) => m.id === module)?.parent, hops - 1);
    };
    const noteOf = (role: Role, module: string): number => {
      const text = governs(role, module);
      if (text === null) return 0;
      const at = notes.indexOf(text);
      return at >= 0 ? at + 1 : notes.push(text);
    };
    const icons = { full: '✓', optional: '○', none: '✕' } as const;
    const labels = {
      full: msg('Has access'),
      optional: msg('Can be allowed'),
      none: msg('No access'),
    };
    const body = groups.map(
      (group) =>
        html`<tbody>
          ${group.map(
            ([module, depth]) =>
              html`<tr class=${depth ? 'sub' : ''}>
                <th scope="row" part="row-header">
                  ${depth ? html`<span class="visually-hidden">${group[0]![0].name}: </span>` : nothing}${module.name}
                </th>
                ${roles.map((role) => {
                  const raw = role.modules[module.id];
                  const access = raw === 'full' || raw === 'optional' ? raw : 'none';
                  const n = access === 'optional' ? noteOf(role, module.id) : 0;
                  const content = html`<span class="icon ${access}" part="icon" aria-hidden="true"
                      >${icons[access]}</span
                    ><span class="visually-hidden">${labels[access]}</span>`;
                  return html`<td part="cell" data-access=${access}>
                    ${
                      n
                        ? html`<span
                            class="opt"
                            tabindex="0"
                            data-tip=${notes[n - 1]!}
                            aria-describedby="fn-${n}"
                            >${content}<sup aria-hidden="true">${n}</sup></span
                          >`
                        : content
                    }
                  </td>`;
                })}
              </tr>`,
          )}
        </tbody>`,
    );
    return html`
      <ul class="legend" part="legend" aria-label=${msg('Legend')}>
        ${(['full', 'optional', 'none'] as const).map(
          (a) =>
            html`<li>
              <span class="icon ${a}" aria-hidden="true">${icons[a]}</span> ${labels[a]}
            </li>`,
        )}
      </ul>
      <div
        class="region"
        part="region"
        role="region"
        aria-label=${msg('Module access by role')}
        tabindex="0"
        @mouseover=${this.#handleTip}
        @mouseout=${this.#handleTip}
        @focusin=${this.#handleTip}
        @focusout=${this.#handleTip}
      >
        <table part="table">
          <caption class="visually-hidden">
            ${msg('Module access by role')}
          </caption>
          <thead>
            <tr>
              <th scope="col" part="column-header">${msg('Module')}</th>
              ${roles.map((role) => html`<th scope="col" part="column-header">${role.name}</th>`)}
            </tr>
          </thead>
          ${body}
        </table>
      </div>
      ${
        notes.length
          ? html`<ol
              class="notes hint"
              part="footnotes"
              aria-label=${msg('What each "can be allowed" depends on')}
            >
              ${notes.map((note, i) => html`<li id="fn-${i + 1}">${note}</li>`)}
            </ol>`
          : nothing
      }
      <div class="popup tip" part="tooltip" role="tooltip" popover="manual">${this.tip}</div>
    `;
  }

  #renderGrants(catalog: PermissionCatalog): unknown {
    const { categories } = catalog;
    if (categories.length === 0)
      return html`<p class="hint">${msg('The server declares no fine-grained permissions.')}</p>`;
    const subject = this.#sync(catalog);
    const actions = catalog.actions.filter((a) => categories.some((c) => c.actions.includes(a.id)));
    const effective = mergeGrants(catalog, subject.inherited, this.#own);
    const editable = this.#editable(catalog, subject);
    /** The checkbox of a row (`category`) or column (`action`): on when all its cells are. */
    const group = (r: number, c: number, label: string, category?: string, action?: string) => {
      const mine = editable.filter(within(category, action));
      const pool = mine.length ? mine : cellsOf(catalog).filter(within(category, action));
      const on = pool.filter((x) => holds(effective, x.category, x.action)).length;
      return html`<input
        type="checkbox"
        part="checkbox"
        data-r=${r}
        data-c=${c}
        data-category=${category ?? nothing}
        data-action=${action ?? nothing}
        aria-label=${label}
        aria-disabled=${mine.length && !this.busy ? nothing : 'true'}
        .checked=${on > 0 && on === pool.length}
        .indeterminate=${on > 0 && on < pool.length}
      />`;
    };
    const diff = Object.entries(diffGrants(subject.saved, this.#own));
    const inheritedAny = Object.keys(subject.inherited).length > 0;
    return html`
      ${
        inheritedAny || subject.readOnly
          ? html`<p class="hint" part="note">
              ${
                inheritedAny
                  ? msg(str`Locked boxes are held through the role or template: ${subject.source}.`)
                  : msg("You can't change these permissions.")
              }
            </p>`
          : nothing
      }
      <div
        class="region"
        part="region"
        role="region"
        aria-label=${msg('Permissions')}
        @click=${this.#handleClick}
        @change=${this.#handleChange}
        @keydown=${this.#keys.handleKey}
        @focusin=${this.#keys.handleFocus}
      >
        <table part="table">
          <caption class="visually-hidden">
            ${subject.template?.name ?? (subject.user ? displayName(subject.user) : msg('Permissions'))}
          </caption>
          <thead>
            <tr>
              <th scope="col" part="column-header">${msg('Category')}</th>
              ${actions.map(
                (a, c) =>
                  html`<th scope="col" part="column-header">
                    <label
                      >${a.name}
                      ${group(0, c + 1, msg(str`${a.name} on every category`), undefined, a.id)}</label
                    >
                  </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${categories.map(
              (category, r) =>
                html`<tr>
                  <th scope="row" part="row-header">
                    <label
                      >${group(r + 1, 0, msg(str`Every action on ${category.name}`), category.id)}
                      ${category.name}</label
                    >
                  </th>
                  ${actions.map((a, c) => {
                    if (!category.actions.includes(a.id)) return html`<td part="cell"></td>`;
                    const cell = { category: category.id, action: a.id };
                    const why = this.#lock(catalog, subject, cell);
                    const id = `why-${r}-${c}`;
                    return html`<td part="cell">
                      <input
                        type="checkbox"
                        part="checkbox"
                        data-r=${r + 1}
                        data-c=${c + 1}
                        data-category=${category.id}
                        data-action=${a.id}
                        aria-label=${`${a.name}: ${category.name}`}
                        aria-disabled=${why || subject.readOnly || this.busy ? 'true' : nothing}
                        aria-describedby=${why ? id : nothing}
                        title=${why || nothing}
                        ?data-locked=${holds(subject.inherited, category.id, a.id)}
                        .checked=${holds(effective, category.id, a.id)}
                      />${why ? html`<span class="visually-hidden" id=${id}>${why}</span>` : nothing}
                    </td>`;
                  })}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <p class="hint" part="note" role="status">${this.note}</p>
      ${this.error ? html`<p class="alert" part="error" role="alert">${this.error}</p>` : nothing}
      ${this.embedded || subject.readOnly ? nothing : this.#renderSave(catalog, diff)}
    `;
  }

  #renderSave(
    catalog: PermissionCatalog,
    diff: [string, { added: string[]; removed: string[] }][],
  ): unknown {
    return html`
      ${
        diff.length
          ? html`<div class="summary" part="summary">
              <p class="label">${msg('Changes to save')}</p>
              <ul>
                ${diff.map(
                  ([id, change]) =>
                    html`<li>${this.#category(catalog, id)}: ${grantChange(catalog, change)}</li>`,
                )}
              </ul>
            </div>`
          : nothing
      }
      <div class="footer" part="footer">
        ${
          diff.length
            ? button('discard-button', msg('Discard'), this.#handleDiscard, '', this.busy)
            : nothing
        }
        ${button(
          'save-button',
          this.busy ? msg('Saving…') : msg('Save permissions'),
          this.#handleSave,
          'primary',
          !diff.length || this.busy,
        )}
      </div>
    `;
  }
}
