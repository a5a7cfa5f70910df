import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { PropertyDeclarations } from 'lit';
import { isRosterHttpError } from '../../api/errors.js';
import { actionLabels, vetoSentence } from '../../api/messages.js';
import type { PermissionCatalog, RoleTemplate } from '../../api/types.js';
import { RosterController } from '../../context/store-controller.js';
import { RosterErrorEvent, withActionEvents } from '../../events.js';
import type { ActionDetails, BeforeActionDetails, RosterAction } from '../../events.js';
import { plural } from '../../i18n/localization.js';
import {
  PENDING_TEMPLATE,
  createTemplate,
  deleteTemplate,
  duplicateTemplate,
  loadTemplates,
  updateTemplate,
} from '../../store/index.js';
import { controls } from '../../styles/controls.js';
import { tokens } from '../../styles/tokens.js';
import { button } from '../parts/button.js';
import { failureText } from '../parts/failure-text.js';
import { actionNames } from '../parts/grant-words.js';
import type { FailureWords } from '../parts/failure-text.js';
import { RosterElement } from '../roster-element.js';
import { roleTemplatesStyles } from './role-templates.styles.js';
import type { RoleTemplateDialog, TemplateFailure, TemplateFields } from './template-dialog.js';

/** The failure sentences about template `name`. */
function templateWords(name: string): FailureWords {
  const kept = msg('Nothing was changed; try again.');
  return {
    codes: {
      forbidden: () => msg("You're not allowed to manage role templates."),
      not_found: () => msg(str`${name} no longer exists: someone deleted it.`),
      version_conflict: () =>
        msg(str`Someone changed ${name} meanwhile. Its current version is shown; try again.`),
      // Every field's message, so none is lost (a field the dialog does not show included).
      validation_failed: (error) =>
        error.fieldErrors.map((field) => field.message).join(' ') ||
        msg('Some values were not accepted.'),
    },
    reason: (reason) => msg(str`The server refused: ${reason}. ${kept}`),
    network: msg(str`The server could not be reached. ${kept}`),
    timeout: msg(str`The server took too long to answer. ${kept}`),
    unexpected: msg(str`Something went wrong. ${kept}`),
  };
}

/**
 * The Role templates section of a Users screen: each reusable permission set with its
 * description, how many users hold it and a compact view of its grants. Someone who may manage
 * templates (`capabilities.manageTemplates`) creates, renames and describes, duplicates and
 * deletes them (saying how many users lose the template), and edits their grants with
 * `<permission-matrix mode="grants">` when it is registered; others see the list read-only.
 * Changes show at once wherever a template is named (the users table too) and come live from
 * other sessions.
 *
 * @customElement role-templates
 * @summary Lists, creates, edits, duplicates and deletes role templates.
 *
 * @fires roster-before-create-template - Cancelable, before creating; `detail: { input }`.
 * @fires roster-create-template - After creating; `detail: { template }`.
 * @fires roster-before-update-template - Cancelable, before a rename or new description; `detail: { template, patch }`.
 * @fires roster-update-template - After saving; `detail: { template }`.
 * @fires roster-before-duplicate-template - Cancelable, before copying; `detail: { template }`.
 * @fires roster-duplicate-template - After copying; `detail: { source, template }`.
 * @fires roster-before-delete-template - Cancelable, before deleting; `detail: { template }`.
 * @fires roster-delete-template - After deleting; `detail: { templateId }`.
 * @fires roster-error - When an action or the load failed; `message` is the sentence shown.
 *
 * @csspart section - The whole section.
 * @csspart header - Heading, intro and the create button.
 * @csspart heading - The section heading.
 * @csspart intro - What role templates are.
 * @csspart create-button - The New template button.
 * @csspart state - A message instead of the list (off, loading, failed, empty).
 * @csspart retry-button - Retry after a failed load.
 * @csspart list - The list of templates.
 * @csspart template - One template.
 * @csspart name - Its name.
 * @csspart description - Its description.
 * @csspart count - How many users hold it.
 * @csspart grants - Its grants, in short.
 * @csspart actions - Its action buttons.
 * @csspart edit-button - Edit name and description.
 * @csspart grants-button - Show or hide its grants editor.
 * @csspart duplicate-button - Copy it.
 * @csspart delete-button - Delete it.
 * @csspart matrix - Its grants editor.
 * @csspart alert - The last action's failure.
 *
 * @cssprop --roster-color-surface - Background of each template.
 * @cssprop --roster-color-border - Borders.
 * @cssprop --roster-color-text-muted - Counts, grants and descriptions.
 * @cssprop --roster-color-danger - The delete button and failures.
 * @cssprop --roster-space-3 - Padding of each template.
 */
export class RoleTemplates extends RosterElement {
  // Which fields below are reactive (Lit adds the base class's to these).
  static override properties: PropertyDeclarations = {
    failure: { state: true },
    editing: { state: true },
    busy: { state: true },
  };
  static override styles = [tokens, controls, roleTemplatesStyles];

  #roster = new RosterController(this, {
    select: (s) => [s.$me, s.$workspace, s.$load, s.$catalog, s.$templates, s.$templatesState],
    live: true,
    load: true,
  });

  /** The last failure, said under the list. */
  private failure = '';
  /** Template whose grants editor is open. */
  private editing: string | null = null;
  /** Ids with a duplicate or delete in flight. */
  private busy: ReadonlySet<string> = new Set();

  /** The dialog (rendered from the first render on). */
  get #dialog(): RoleTemplateDialog {
    return this.renderRoot.querySelector('role-template-dialog')!;
  }

  get #canManage(): boolean {
    return this.#roster.store?.$me.get()?.capabilities.manageTemplates ?? false;
  }

  /**
   * Runs one action on the template `name` with its events; resolves to what to say when it
   * failed (also fired as `roster-error` and shown under the list) or was vetoed (`label`
   * names the action then), or null.
   */
  async #act<A extends RosterAction, R>(
    action: A,
    name: string,
    label: (name: string) => string,
    before: BeforeActionDetails[A],
    run: () => Promise<R>,
    after: (result: R) => ActionDetails[A],
  ): Promise<TemplateFailure | null> {
    this.failure = '';
    try {
      const done = await withActionEvents(this, action, before, run, after);
      return done === undefined ? { message: vetoSentence(label(name)) } : null;
    } catch (error) {
      const message = failureText(error, templateWords(name));
      this.dispatchEvent(new RosterErrorEvent(message, error, action));
      const store = this.#roster.store;
      if (store && isRosterHttpError(error, 'version_conflict'))
        loadTemplates(store).catch(() => undefined);
      // The dialog's own fields only: a refusal of another field is said without one.
      const field = isRosterHttpError(error, 'validation_failed')
        ? error.fieldErrors.find((e) => e.field === 'name' || e.field === 'description')?.field
        : undefined;
      return { message, field: field as TemplateFailure['field'] };
    }
  }

  /** Opens the dialog; `run` sends what it gathered. */
  #openDialog(
    mode: RoleTemplateDialog['mode'],
    template: RoleTemplate | undefined,
    run: (fields: TemplateFields) => Promise<TemplateFailure | null>,
  ): Promise<unknown> {
    const templates = this.#roster.store?.$templates.get() ?? [];
    Object.assign(this.#dialog, {
      mode,
      template,
      run,
      takenNames: new Set(templates.map((t) => t.name.toLowerCase())),
    });
    return this.#dialog.show();
  }

  #handleCreate(): void {
    const store = this.#roster.store;
    if (!store) return;
    void this.#openDialog('create', undefined, ({ name, description }) => {
      const input = { name, description, permissions: {} };
      return this.#act(
        'create-template',
        name,
        actionLabels.createTemplate,
        { input },
        () => createTemplate(store, input),
        (template) => ({ template }),
      );
    });
  }

  #handleEdit(template: RoleTemplate): void {
    const store = this.#roster.store;
    if (!store) return;
    void this.#openDialog('edit', template, ({ name, description }) => {
      const patch = {
        ...(name !== template.name ? { name } : {}),
        ...(description !== template.description ? { description } : {}),
      };
      if (Object.keys(patch).length === 0) return Promise.resolve(null);
      return this.#act(
        'update-template',
        template.name,
        actionLabels.updateTemplate,
        { template, patch },
        () => updateTemplate(store, template.id, patch),
        (saved) => ({ template: saved }),
      );
    });
  }

  async #handleDuplicate(source: RoleTemplate): Promise<void> {
    const store = this.#roster.store;
    if (!store) return;
    this.busy = new Set(this.busy).add(source.id);
    const failure = await this.#act(
      'duplicate-template',
      source.name,
      actionLabels.duplicateTemplate,
      { template: source },
      () => duplicateTemplate(store, source.id, (name) => msg(str`Copy of ${name}`)),
      (template) => ({ source, template }),
    );
    this.#settle(source.id, failure);
  }

  async #handleDelete(template: RoleTemplate): Promise<void> {
    const store = this.#roster.store;
    if (!store) return;
    const outcome = await this.#openDialog('delete', template, () =>
      this.#act(
        'delete-template',
        template.name,
        actionLabels.deleteTemplate,
        { template },
        () => deleteTemplate(store, template.id).then(() => true),
        () => ({ templateId: template.id }),
      ),
    );
    // Its buttons are gone: the focus goes to the section's heading.
    if (outcome === 'done') this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }

  #settle(id: string, failure: TemplateFailure | null): void {
    const busy = new Set(this.busy);
    busy.delete(id);
    this.busy = busy;
    this.failure = failure?.message ?? '';
  }

  #handleRetry(): void {
    const store = this.#roster.store;
    if (store) loadTemplates(store).catch(() => undefined);
  }

  override render() {
    return html`<section class="section" part="section" aria-labelledby="heading">
      <header class="header" part="header">
        <div class="titles">
          <h2 id="heading" class="heading" part="heading" tabindex="-1">
            ${msg('Role templates')}
          </h2>
          <p class="hint" part="intro">
            ${msg("Reusable sets of permissions, given on top of a user's base role.")}
          </p>
        </div>
        ${
          this.#canManage && this.#roster.store?.$workspace.get()?.features.roleTemplates
            ? button('create-button', msg('New template'), () => this.#handleCreate(), 'primary')
            : nothing
        }
      </header>
      ${this.#renderContent()}
      ${this.failure ? html`<p class="alert" part="alert" role="alert">${this.failure}</p>` : nothing}
      <role-template-dialog .store=${this.#roster.store ?? undefined}></role-template-dialog>
    </section>`;
  }

  #renderContent(): unknown {
    const store = this.#roster.store;
    const state = (text: string, retry = false) =>
      html`<div class="state" part="state" role=${retry ? 'alert' : 'status'}>
        <p>${text}</p>
        ${retry ? button('retry-button', msg('Retry'), () => this.#handleRetry()) : nothing}
      </div>`;
    if (!store) return state(msg('Not connected: set base-url or use a <roster-provider>.'));
    const workspace = store.$workspace.get();
    const templates = store.$templates.get();
    const { loading, error } = store.$templatesState.get();
    if (!workspace)
      return state(store.$load.get().error?.userMessage ?? msg('Loading role templates…'));
    if (!workspace.features.roleTemplates)
      return state(msg('There are no role templates: the plan or server does not offer them.'));
    if (templates.length === 0 && error)
      return isRosterHttpError(error, 'forbidden')
        ? state(msg("You're not allowed to see the role templates."))
        : state(failureText(error, templateWords('')), true);
    if (templates.length === 0)
      return state(
        loading
          ? msg('Loading role templates…')
          : this.#canManage
            ? msg('No role templates yet. Create one to give a set of permissions in one step.')
            : msg('No role templates yet.'),
      );
    const catalog = store.$catalog.get();
    return html`<ul class="list" part="list" aria-labelledby="heading">
      ${templates.map((template) => this.#renderTemplate(template, catalog))}
    </ul>`;
  }

  #renderTemplate(template: RoleTemplate, catalog: PermissionCatalog | null): unknown {
    const pending = template.id.startsWith(PENDING_TEMPLATE);
    const busy = pending || this.busy.has(template.id);
    const count = template.userCount;
    const open = this.editing === template.id;
    const action = (part: string, label: string, onClick: () => void, expanded?: boolean) =>
      button(part, label, onClick, '', busy, `${label}: ${template.name}`, expanded);
    return html`<li class="template" part="template" aria-busy=${busy}>
      <div class="summary">
        <h3 class="name" part="name">${template.name}</h3>
        ${template.description ? html`<p class="description" part="description">${template.description}</p>` : nothing}
        <p class="hint" part="count">
          ${
            pending
              ? msg('Saving…')
              : count === 0
                ? msg('No users')
                : plural(count, (c) => ({
                    one: msg(str`${c} user`),
                    other: msg(str`${c} users`),
                  }))
          }
        </p>
        <p class="hint grants" part="grants">${grantsText(template, catalog)}</p>
      </div>
      ${
        this.#canManage
          ? html`<div class="actions" part="actions">
              ${action('edit-button', msg('Edit'), () => this.#handleEdit(template))}
              ${
                customElements.get('permission-matrix')
                  ? action(
                      'grants-button',
                      msg('Permissions'),
                      () => (this.editing = open ? null : template.id),
                      open,
                    )
                  : nothing
              }
              ${action('duplicate-button', msg('Duplicate'), () => void this.#handleDuplicate(template))}
              ${action('delete-button', msg('Delete'), () => void this.#handleDelete(template))}
            </div>`
          : nothing
      }
      ${
        open
          ? html`<permission-matrix
              class="matrix"
              part="matrix"
              mode="grants"
              .templateId=${template.id}
              .store=${this.#roster.store ?? undefined}
            ></permission-matrix>`
          : nothing
      }
    </li>`;
  }
}

/** "Conversations: view, edit · Analytics: view", in the catalog's order and names. */
function grantsText(template: RoleTemplate, catalog: PermissionCatalog | null): string {
  const categories = catalog?.categories ?? [];
  const at = (id: string) => categories.findIndex((c) => c.id === id);
  const parts = Object.entries(template.permissions)
    .filter(([, actions]) => actions.length > 0)
    .sort(([a], [b]) => at(a) - at(b))
    .map(([id, actions]) => `${categories[at(id)]?.name ?? id}: ${actionNames(catalog, actions)}`);
  return parts.join(' · ') || msg('No permissions');
}
