import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { PropertyDeclarations, TemplateResult } from 'lit';
import { live } from '../parts/live.js';
import { isRosterHttpError } from '../../api/errors.js';
import { actionLabels, vetoSentence } from '../../api/messages.js';
import { topRole } from '../../api/rules.js';
import type { User, UserPatch } from '../../api/types.js';
import { RosterController } from '../../context/store-controller.js';
import { RosterErrorEvent, withActionEvents } from '../../events.js';
import type { RosterAction } from '../../events.js';
import { checkFresh, resendInvitation, updateUser } from '../../store/index.js';
import type { RosterStore, UpdateResult } from '../../store/index.js';
import {
  accessPaths,
  accessStyles,
  defaultAccess,
  describedBy,
  errorLine,
  renderAccessFields,
  renderGrants,
  renderRoleName,
  renderRolePicker,
  roleChangeNote,
} from '../parts/access-fields.js';
import { avatarStyles } from '../parts/avatar.js';
import { formatExact } from '../parts/clock.js';
import { RosterDialog, renderPerson } from '../parts/dialog.js';
import { editWords, failureText } from '../parts/failure-text.js';
import { renderStatus, statusLabel, statusStyles } from '../parts/status-badge.js';
import { conflictRows, diff, draftOf, reapply, roleName, validate } from './draft.js';
import type { DiffContext, Draft } from './draft.js';
import { editUserStyles } from './edit-user-dialog.styles.js';

/** How an `<edit-user-dialog>` closed: saved (with the user as the server has it) or not. */
export type EditOutcome = { status: 'saved'; user: User } | { status: 'cancelled' };

/** The first control marked invalid (or inside a group marked so). */
const INVALID = "[aria-invalid='true']:is(input, select), [aria-invalid='true'] input:checked";

/**
 * Changes one user: exactly what the server allows the signed-in user to change about them
 * (`allowedActions`): name, email, role, status (active ⇄ suspended), role template, flags,
 * restrictions and, for a role relying on fine-grained permissions, the user's own grants (an
 * embedded `<permission-matrix>`: what the chosen role and template give shown locked, cells
 * the actor may not grant disabled; read-only without `editPermissions`); resends a pending
 * invitation. Every save is reviewed first ("Role: Agent →
 * Manager") and sent with `If-Match`; when someone else changed the user meanwhile, both
 * versions are shown side by side and the admin picks "Use current version" or "Apply my
 * changes again": nothing is ever overwritten silently. The signed-in user, users it may not
 * manage, and the last holder of the top role get a read-only view or locked fields with the
 * reason. Set `user` (and `store`, unless a provider or `base-url` says which API), then
 * `await dialog.show()`.
 *
 * Events: a save that only changes the status fires `roster-before-suspend` /
 * `roster-suspend` (or `…-reactivate`) with `{ user }`; every other save fires
 * `roster-before-update` with `{ user, patch }` and `roster-update` with `{ user }` (the saved
 * user). Calling `preventDefault()` on a before-event sends nothing and keeps the dialog open.
 *
 * @customElement edit-user-dialog
 * @summary Edit one user's access, review the change, and save it safely.
 *
 * @fires roster-before-update - Cancelable, before a save: `{ user, patch }`.
 * @fires roster-update - After a save: `{ user }` as saved.
 * @fires roster-before-suspend - Cancelable, before a save that only suspends: `{ user }`.
 * @fires roster-suspend - After such a save: `{ user }`.
 * @fires roster-before-reactivate - Cancelable, before a save that only reactivates: `{ user }`.
 * @fires roster-reactivate - After such a save: `{ user }`.
 * @fires roster-before-resend-invitation - Cancelable, before resending: `{ user }`.
 * @fires roster-resend-invitation - After resending: `{ user }` with the new `inviteExpiresAt`.
 * @fires roster-error - A save or resend failed: `message` is the sentence shown.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart header - The heading row.
 * @csspart heading - The title.
 * @csspart close-button - The × button.
 * @csspart body - The scrolling content.
 * @csspart footer - The button row.
 * @csspart user - Who is being edited (avatar, name, email, status).
 * @csspart form - The form.
 * @csspart name-input - Name.
 * @csspart email-input - Email.
 * @csspart field-error - A field's error message.
 * @csspart role-picker - Role radios.
 * @csspart status-picker - Active / Suspended radios.
 * @csspart restrictions - Advanced restrictions.
 * @csspart template-picker - Role template.
 * @csspart flags - Per-user flags.
 * @csspart flag-forced - A flag the role always has, said in a line (no checkbox).
 * @csspart permissions - The Permissions field (also in the read-only view).
 * @csspart permission-matrix - Its embedded `<permission-matrix>`.
 * @csspart all-permissions - Instead of the matrix, that the role holds every permission.
 * @csspart invitation - The pending invitation and resend.
 * @csspart resend-button - Resend invitation.
 * @csspart resend-notice - What the last resend did (beside its button).
 * @csspart explanation - Why something cannot be changed.
 * @csspart facts - The read-only summary of the user's access.
 * @csspart notice - Polite status messages (resent, not saved…).
 * @csspart alert - The error message.
 * @csspart review - The review step.
 * @csspart changes - The list of changes.
 * @csspart conflict - The side-by-side comparison table.
 * @csspart cancel-button - Cancel.
 * @csspart review-button - Review changes.
 * @csspart back-button - Back to editing.
 * @csspart save-button - Save changes.
 * @csspart use-current-button - Use current version.
 * @csspart apply-again-button - Apply my changes again.
 * @csspart done-button - Close (read-only).
 * @csspart avatar - The user's avatar.
 * @csspart status - The user's status badge.
 *
 * @cssprop --roster-color-warning - Edge of the "changed meanwhile" warning.
 * @cssprop --roster-color-success - Confirmation text (invitation resent).
 * @cssprop --roster-color-danger - Errors.
 * @cssprop --roster-color-surface-alt - Notes, table heads and the footer.
 */
export class EditUserDialog extends RosterDialog<EditOutcome> {
  // Which fields below are reactive (Lit adds the base class's to these).
  static override properties: PropertyDeclarations = {
    base: { state: true },
    draft: { state: true },
    step: { state: true },
    conflict: { state: true },
    error: { state: true },
    fieldErrors: { state: true },
    notice: { state: true },
    gone: { state: true },
    lastOwnerRefused: { state: true },
    resending: { state: true },
    resent: { state: true },
    user: { attribute: false },
  };
  static override styles = [
    ...RosterDialog.styles,
    accessStyles,
    avatarStyles,
    statusStyles,
    editUserStyles,
  ];

  #roster = new RosterController(this, {
    select: (s) => [s.$me, s.$users, s.$roles, s.$workspace, s.$catalog, s.$templates, s.$load],
    load: true,
  });

  /** The user as it was when editing started (changes and `If-Match` are relative to it). */
  private base?: User;
  private draft?: Draft;
  private step: 'form' | 'review' | 'conflict' = 'form';
  /** The refused change and the server's version, while the conflict is shown. */
  private conflict?: { mine: UserPatch; theirs: User };
  private error = '';
  /** Messages by field path (`email`, `role`, `restrictions.<id>`…). */
  private fieldErrors: Record<string, string> = {};
  private notice = '';
  /** The user no longer exists on the server. */
  private gone = false;
  /** The server refused with `last_owner`. */
  private lastOwnerRefused = false;
  /** A resend is in flight (its button says so). */
  private resending = false;
  /** The outcome of the last resend, shown beside its button (the top notice may be scrolled away). */
  private resent = '';

  /** The user to edit; set before `show()`. The dialog then follows the store's copy. */
  user?: User;

  override willUpdate(): void {
    // Someone else changed the user while the form is untouched: simply follow them.
    const current = this.#current;
    if (
      this.isOpen &&
      !this.busy &&
      this.step === 'form' &&
      current &&
      this.base &&
      this.draft &&
      current.version > this.base.version &&
      diff(this.base, this.draft, this.#context).changes.length === 0
    ) {
      this.base = current;
      this.draft = draftOf(current);
    }
  }

  protected override cancelOutcome(): EditOutcome {
    return { status: 'cancelled' };
  }

  protected override reset(): void {
    this.base = undefined;
    const user = this.#current;
    this.base = user;
    this.draft = user && draftOf(user);
    this.step = 'form';
    this.conflict = undefined;
    this.error = this.notice = '';
    this.fieldErrors = {};
    this.gone = this.lastOwnerRefused = false;
    this.resent = '';
  }

  /** The user as now known: the store's live copy, else the copy this dialog holds. */
  get #current(): User | undefined {
    const id = this.user?.id;
    return (id && this.#roster.store?.$users.get()[id]) || this.base || this.user;
  }

  /** The workspace-wide data the form needs is loaded. */
  get #ready(): boolean {
    const store = this.#roster.store;
    return !!store?.$me.get() && !!store.$workspace.get() && store.$roles.get().length > 0;
  }

  /** Names of what the user holds, for sentences. */
  get #words() {
    const roles = this.#roster.store?.$roles.get() ?? [];
    const top = topRole(roles);
    const named = (user?: User) => (user ? user.name.trim() || user.email : '');
    return {
      roles,
      top,
      who: named(this.#current),
      /** Who it was when editing started. */
      was: named(this.base),
      roleName: (id: string) => roleName(roles, id),
    };
  }

  /** True when this is the only active holder of the top role (inferred, or said by the server). */
  get #lastOwner(): boolean {
    const user = this.#current;
    const me = this.#roster.store?.$me.get();
    const { top } = this.#words;
    if (this.lastOwnerRefused) return true;
    if (!user || !me || !top || user.role !== top.id || user.status !== 'active') return false;
    const a = user.allowedActions;
    // The actor may give other roles, yet none to this user: the server protects its last owner.
    return (
      a.edit && a.changeRole.length === 0 && me.capabilities.inviteRoles.some((r) => r !== top.id)
    );
  }

  /** What naming the changes needs, as the store has it now. */
  get #context(): DiffContext {
    const store = this.#roster.store;
    return {
      workspace: store?.$workspace.get() ?? null,
      roles: store?.$roles.get() ?? [],
      templates: store?.$templates.get() ?? [],
      catalog: store?.$catalog.get() ?? null,
    };
  }

  /** What may be changed about `user` (the current user). */
  #allowed(user: User) {
    const a = user.allowedActions;
    const base = this.base ?? user;
    const suspension = !!this.#roster.store?.$workspace.get()?.features.suspension;
    const status =
      suspension &&
      base.status !== 'invited' &&
      (base.status === 'active' ? a.suspend : a.reactivate);
    const self = this.#roster.store?.$me.get()?.user.id === user.id;
    const any = a.edit || a.editEmail || a.changeRole.length > 0 || status;
    return { ...a, status, self, any: any && !self };
  }

  /** Focuses the first match of `selector` once rendered. */
  async #focusSoon(...selectors: string[]): Promise<void> {
    await this.updateComplete;
    for (const selector of selectors) {
      const target = this.renderRoot.querySelector<HTMLElement>(selector);
      if (target) return target.focus();
    }
  }

  #setDraft(change: Partial<Draft>): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, ...change };
    if (this.error && !this.gone) this.error = '';
    this.notice = '';
  }

  /** Shows a failure in words (inline, and as `roster-error`), keeping every edit. */
  #showError(error: unknown, action: RosterAction): void {
    const { who, roleName } = this.#words;
    const role = roleName(this.draft?.access.role ?? '');
    let message = failureText(error, editWords({ who, role, lastOwner: this.#lastOwnerText() }));
    const fields: Record<string, string> = {};
    if (isRosterHttpError(error, 'last_owner')) {
      // Role and status go back to what they are; the other edits stay.
      this.lastOwnerRefused = true;
      if (this.base && this.draft) {
        const { status, access } = draftOf(this.base);
        this.draft = { ...this.draft, status, access };
        this.step = 'form';
      }
    } else if (isRosterHttpError(error, 'not_found')) {
      this.gone = true;
    } else if (isRosterHttpError(error, 'role_not_assignable')) {
      fields['role'] = message;
    } else if (isRosterHttpError(error, 'email_taken')) {
      fields['email'] = message;
    } else if (isRosterHttpError(error, 'validation_failed')) {
      const shown = this.#formFields();
      const other: string[] = [];
      for (const field of error.fieldErrors) {
        const text =
          field.code === 'invalid_email'
            ? msg('Enter a valid email address, like name@example.com.')
            : field.message;
        if (shown.includes(field.field)) fields[field.field] ??= text;
        else other.push(text);
      }
      // The server's words for a field the form does not show ("see the marked fields" only if any).
      if (other.length > 0)
        message = (Object.keys(fields).length > 0 ? [message, ...other] : other).join(' ');
    }
    this.error = message;
    this.fieldErrors = fields;
    const failed = new RosterErrorEvent(message, error, action);
    this.dispatchEvent(failed);
    const onField = Object.keys(fields).length > 0;
    if (onField) this.step = 'form';
    void this.#focusSoon(...(onField ? [INVALID] : []), '.alert');
  }

  /** The paths of the fields the form shows now, where a server's field error is marked. */
  #formFields(): (string | false)[] {
    const user = this.#current;
    const { workspace, roles, templates } = this.#context;
    const role = roles.find((r) => r.id === this.draft?.access.role);
    const may = user && this.#allowed(user);
    return may?.any
      ? [
          may.edit && 'name',
          may.editEmail && 'email',
          may.changeRole.length > 0 && !this.#lastOwner && 'role',
          may.status && 'status',
          ...(may.edit && role && workspace ? accessPaths(role, workspace, templates) : []),
        ]
      : [];
  }

  #lastOwnerText(): string {
    const { who, top } = this.#words;
    const topName = top?.name ?? '';
    return msg(
      str`${who} is the only active ${topName}, so their role and status can't change. Give someone else the ${topName} role first.`,
    );
  }

  /** Sends `patch` (after the before-event) and shows the outcome. */
  async #save(patch: UserPatch): Promise<void> {
    const store = this.#roster.store;
    const base = this.base;
    if (!store || !base) return;
    this.error = this.notice = '';
    this.fieldErrors = {};
    const status = Object.keys(patch).length === 1 ? patch.status : undefined;
    const action = !status ? 'update' : status === 'suspended' ? 'suspend' : 'reactivate';
    const run = async (): Promise<UpdateResult> => {
      // Not in the view: check its version first, since the store would send the latest one.
      const theirs = await checkFresh(store, base);
      return theirs
        ? { status: 'conflict', mine: patch, theirs }
        : updateUser(store, base.id, patch);
    };
    const after = (result: UpdateResult) => (result.status === 'ok' ? { user: result.user } : null);
    try {
      const result = await this.whileBusy(() =>
        action === 'update'
          ? withActionEvents(this, action, { user: base, patch }, run, after)
          : withActionEvents(this, action, { user: base }, run, after),
      );
      if (!result) {
        this.notice = vetoSentence(actionLabels.updateUser(this.#words.was));
        void this.#focusSoon('[part=save-button]');
      } else if (result.status === 'ok') {
        this.close({ status: 'saved', user: result.user });
      } else {
        this.#showConflict(result.mine, result.theirs);
      }
    } catch (error) {
      this.#showError(error, action);
    }
  }

  #showConflict(mine: UserPatch, theirs: User): void {
    this.conflict = { mine, theirs };
    this.step = 'conflict';
    void this.#focusSoon('.conflict-intro');
  }

  #handleSubmit(event: Event): void {
    event.preventDefault();
    const { base, draft } = this;
    if (!base || !draft || this.busy) return;
    const errors = validate(base, draft);
    this.fieldErrors = errors;
    if (Object.keys(errors).length > 0) {
      void this.#focusSoon(INVALID);
      return;
    }
    if (diff(base, draft, this.#context).changes.length === 0) return;
    this.step = 'review';
    void this.#focusSoon('.changes');
  }

  #handleConfirm(): void {
    const { base, draft } = this;
    const current = this.#current;
    // Busy: the button keeps the focus (aria-disabled, as in the other dialogs) but does nothing.
    if (!base || !draft || !current || this.busy) return;
    const { patch } = diff(base, draft, this.#context);
    // The store already has a newer copy: compare before sending anything.
    if (current.version > base.version) this.#showConflict(patch, current);
    else void this.#save(patch);
  }

  #handleBack(): void {
    this.step = 'form';
    void this.#focusSoon("[part='review-button']");
  }

  #handleUseCurrent(): void {
    if (!this.conflict) return;
    const { theirs } = this.conflict;
    this.base = theirs;
    this.draft = draftOf(theirs);
    this.conflict = undefined;
    this.step = 'form';
    this.notice = msg('Showing the current version; your changes were discarded.');
    void this.#focusSoon('.notice');
  }

  #handleApplyAgain(): void {
    if (!this.conflict) return;
    const { mine, theirs } = this.conflict;
    const draft = reapply(theirs, mine, this.base);
    this.base = theirs;
    this.draft = draft;
    this.conflict = undefined;
    this.step = 'form';
    const { patch, changes } = diff(theirs, draft, this.#context);
    if (changes.length === 0) {
      this.notice = msg('The current version already has your changes.');
      void this.#focusSoon('.notice');
      return;
    }
    this.step = 'review';
    void this.#save(patch);
  }

  #handleRole(role: string): void {
    const store = this.#roster.store;
    const definition = this.#words.roles.find((r) => r.id === role);
    const workspace = store?.$workspace.get();
    if (!definition || !workspace || !this.draft || !this.base) return;
    const previous =
      role === this.base.role
        ? { ...this.draft.access, restrictions: this.base.restrictions }
        : this.draft.access;
    // Flags the role being left forced on are not the person's choice: they do not carry over.
    const left = this.#words.roles.find((r) => r.id === this.draft?.access.role);
    this.#setDraft({ access: defaultAccess(definition, workspace, previous, left) });
  }

  async #handleResend(): Promise<void> {
    const store = this.#roster.store;
    const user = this.#current;
    if (!store || !user) return;
    this.error = this.notice = this.resent = '';
    this.resending = true;
    try {
      const result = await this.whileBusy(() =>
        withActionEvents(
          this,
          'resend-invitation',
          { user },
          () => resendInvitation(store, user.id),
          (sent) => ({ user: sent }),
        ),
      );
      if (!result) {
        this.resent = vetoSentence(actionLabels.resend(this.#words.who));
      } else {
        // Only the invitation changed: keep the edits, now relative to the new version.
        if (this.base && result.version === this.base.version + 1)
          this.base = {
            ...this.base,
            version: result.version,
            invitedAt: result.invitedAt,
            inviteExpiresAt: result.inviteExpiresAt,
            updatedAt: result.updatedAt,
          };
        const expires = result.inviteExpiresAt;
        this.resent = expires
          ? msg(str`Invitation sent again; it expires ${formatExact(expires)}.`)
          : msg('Invitation sent again.');
      }
      void this.#focusSoon("[part='resend-button']");
    } catch (error) {
      this.#showError(error, 'resend-invitation');
    } finally {
      this.resending = false;
    }
  }

  protected override renderHeading(): string {
    if (this.step === 'review') return msg('Review changes');
    if (this.step === 'conflict') return msg('Someone else changed this user');
    const user = this.#current;
    return user && this.#ready && this.#allowed(user).any ? msg('Edit user') : msg('User access');
  }

  protected override renderBody(): unknown {
    const store = this.#roster.store;
    const { base, draft, conflict } = this;
    const user = this.#current;
    if (!user || !base || !draft || !store)
      return html`<p class="alert" role="alert" part="alert">
        ${
          user && base && draft
            ? msg('This dialog has no Roster API: give it a store, a base-url or a provider.')
            : msg('No user to show.')
        }
      </p>`;
    const loadError = store.$load.get().error;
    const body = !this.#ready
      ? loadError
        ? html`<p class="alert" role="alert" part="alert">${loadError.userMessage}</p>`
        : html`<p role="status">${msg('Loading…')}</p>`
      : this.gone
        ? nothing
        : this.step === 'review'
          ? this.#renderReview(base, draft)
          : this.step === 'conflict' && conflict
            ? this.#renderConflict(base, conflict)
            : this.#allowed(user).any
              ? this.#renderForm(store, user, base, draft)
              : this.#renderReadOnly(store, user);
    return html`
      <div class="person-row" part="user">
        ${renderPerson(user)} ${renderStatus(user, Date.now())}
      </div>
      ${
        this.error
          ? html`<p class="alert" role="alert" part="alert" tabindex="-1">${this.error}</p>`
          : nothing
      }
      <p class="notice" role="status" part="notice" tabindex="-1">${this.notice}</p>
      ${body}
    `;
  }

  protected override renderFooter(): unknown {
    const { base, draft } = this;
    const user = this.#current;
    if (!user || !base || !draft || !this.#ready || this.gone || !this.#allowed(user).any)
      return this.renderCancel(msg('Close'), 'done-button');
    if (this.step === 'review')
      return html`
        ${this.renderButton(msg('Back'), 'back-button', () => this.#handleBack())}
        <button
          class="button primary"
          type="button"
          part="save-button"
          aria-disabled=${this.busy ? 'true' : 'false'}
          @click=${this.#handleConfirm}
        >
          ${this.busy ? msg('Saving…') : msg('Save changes')}
        </button>
      `;
    if (this.step === 'conflict')
      return html`
        ${this.renderCancel()}
        ${this.renderButton(msg('Use current version'), 'use-current-button', () =>
          this.#handleUseCurrent(),
        )}
        ${this.renderButton(
          msg('Apply my changes again'),
          'apply-again-button',
          () => this.#handleApplyAgain(),
          'primary',
        )}
      `;
    const count = diff(base, draft, this.#context).changes.length;
    return html`
      ${
        count === 0
          ? html`<span class="hint footer-hint" id="edit-no-changes"
              >${msg('No changes yet.')}</span
            >`
          : nothing
      }
      ${this.renderCancel()}
      <button
        class="button primary"
        type="submit"
        form="edit-form"
        part="review-button"
        ?disabled=${this.busy || count === 0}
      >
        ${msg('Review changes')}
      </button>
    `;
  }
  #renderExplanation(text: string): TemplateResult {
    return html`<p class="note" part="explanation">${text}</p>`;
  }

  #renderReadOnly(store: RosterStore, user: User): TemplateResult {
    const { who, top, roleName, roles } = this.#words;
    const me = store.$me.get();
    const reason = this.#allowed(user).self
      ? msg(
          str`You can't change your own access. Ask another ${top?.name ?? ''} or someone else who manages users.`,
        )
      : !me?.capabilities.viewUsers
        ? msg(str`You don't manage users, so you can only view ${who}.`)
        : !me.capabilities.inviteRoles.includes(user.role)
          ? msg(
              str`Your role can't manage users with the ${roleName(user.role)} role, so you can only view ${who}.`,
            )
          : msg(str`You don't have permission to change ${who}.`);
    const workspace = store.$workspace.get();
    const template = store.$templates.get().find((t) => t.id === user.roleTemplateId);
    const flags = store.$catalog.get()?.flags ?? [];
    return html`
      ${this.#renderExplanation(reason)}
      <dl class="facts" part="facts">
        <dt>${msg('Role')}</dt>
        <dd>${renderRoleName(roles, user.role)}</dd>
        <dt>${msg('Status')}</dt>
        <dd>${statusLabel(user.status)}</dd>
        <dt>${msg('Email')}</dt>
        <dd>${user.email}</dd>
        ${
          workspace?.features.roleTemplates
            ? html`<dt>${msg('Role template')}</dt>
                <dd>${template?.name ?? msg('None')}</dd>`
            : nothing
        }
        ${(workspace?.features.flags ?? []).map(
          (id) =>
            html`<dt>${flags.find((flag) => flag.id === id)?.name ?? id}</dt>
              <dd>${user.flags[id] ? msg('On') : msg('Off')}</dd>`,
        )}
      </dl>
      ${this.#renderPermissions(store, user)} ${this.#renderInvitation(user)}
    `;
  }

  /** The user's grants (read-only without a `draft`), when the workspace has permissions. */
  #renderPermissions(store: RosterStore, user: User, draft?: Draft): unknown {
    const { access, permissions } = draft ?? draftOf(user);
    const { roles } = this.#words;
    const role = roles.find((r) => r.id === access.role);
    if (!role || !store.$workspace.get()?.features.permissions) return nothing;
    const a = user.allowedActions;
    // Refused only because the role held every permission: a new role may take grants.
    const fromAll = !!roles.find((r) => r.id === this.base?.role)?.allPermissions;
    const may = a.editPermissions || (fromAll && a.changeRole.includes(role.id));
    return html`<div class="field" part="permissions">
      <span class="label">${msg('Permissions')}</span>
      ${renderGrants({
        store,
        role,
        templateId: access.roleTemplateId,
        value: permissions,
        readonly: !draft || !may,
        onChange: (grants) => this.#setDraft({ permissions: grants }),
      })}
    </div>`;
  }

  #renderInvitation(user: User): unknown {
    if (user.status !== 'invited') return nothing;
    const expires = user.inviteExpiresAt;
    const expired = expires !== null && Date.parse(expires) <= Date.now();
    return html`
      <div class="field" part="invitation">
        <span class="label" id="edit-invitation">${msg('Invitation')}</span>
        <span
          >${
            expires === null
              ? msg('Pending')
              : expired
                ? msg(str`Expired on ${formatExact(expires)}`)
                : msg(str`Pending; expires ${formatExact(expires)}`)
          }</span
        >
        ${
          user.allowedActions.resendInvitation
            ? html`<span
                >${this.renderButton(
                  this.resending ? msg('Sending…') : msg('Resend invitation'),
                  'resend-button',
                  () => void this.#handleResend(),
                )}</span
              >`
            : nothing
        }
        <p class="notice" part="resend-notice" role="status">${this.resent}</p>
      </div>
    `;
  }

  #renderTextField(
    field: 'name' | 'email',
    label: string,
    value: string,
    hint?: string,
  ): TemplateResult {
    const error = this.fieldErrors[field];
    return html`
      <div class="field">
        <label class="label" for="edit-${field}">${label}</label>
        <input
          id="edit-${field}"
          class="input"
          part="${field}-input"
          type=${field === 'email' ? 'email' : 'text'}
          autocomplete="off"
          spellcheck="false"
          .value=${live(value)}
          ?disabled=${this.busy}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedBy(hint && `edit-${field}-hint`, error && `edit-${field}-error`)}
          @input=${(event: Event) =>
            this.#setDraft({ [field]: (event.target as HTMLInputElement).value })}
        />
        ${hint ? html`<span class="hint" id="edit-${field}-hint">${hint}</span>` : nothing}
        ${errorLine(`edit-${field}-error`, error)}
      </div>
    `;
  }

  #renderForm(store: RosterStore, user: User, base: User, draft: Draft): TemplateResult {
    const may = this.#allowed(user);
    const workspace = store.$workspace.get();
    const { roles, was } = this.#words;
    const role = roles.find((r) => r.id === draft.access.role);
    const lastOwner = this.#lastOwner;
    const stale = user.version > base.version;
    return html`
      ${
        stale
          ? html`<p class="warning" part="explanation">
              ${msg(
                str`While you were editing, someone else changed ${was}. When you save, you will see both versions first.`,
              )}
            </p>`
          : nothing
      }
      ${
        // Not twice: after a refusal the alert above already says it.
        lastOwner && this.error !== this.#lastOwnerText()
          ? this.#renderExplanation(this.#lastOwnerText())
          : nothing
      }
      <form id="edit-form" part="form" novalidate @submit=${this.#handleSubmit}>
        ${may.edit ? this.#renderTextField('name', msg('Name'), draft.name) : nothing}
        ${
          may.editEmail
            ? this.#renderTextField(
                'email',
                msg('Email'),
                draft.email,
                msg('They will sign in with this address.'),
              )
            : may.edit
              ? html`<p class="hint">
                  ${msg(
                    "The email can't be changed here. To use another address, invite it and remove this user.",
                  )}
                </p>`
              : nothing
        }
        ${
          may.changeRole.length > 0 && !lastOwner
            ? renderRolePicker({
                roles,
                allowed: [base.role, ...may.changeRole],
                value: draft.access.role,
                disabled: this.busy,
                error: this.fieldErrors['role'],
                onChange: (id) => this.#handleRole(id),
                label: msg('Role'),
                note: workspace
                  ? roleChangeNote(
                      base,
                      draft.access.role,
                      roles,
                      workspace,
                      store.$templates.get(),
                    )
                  : '',
              })
            : html`<div class="field">
                <span class="label">${msg('Role')}</span
                ><span>${renderRoleName(roles, base.role)}</span>
              </div>`
        }
        ${
          may.status || (lastOwner && workspace?.features.suspension && base.status !== 'invited')
            ? this.#renderStatusPicker(draft, !may.status || lastOwner)
            : nothing
        }
        ${
          may.edit && role && workspace
            ? renderAccessFields({
                role,
                workspace,
                catalog: store.$catalog.get(),
                templates: store.$templates.get(),
                value: draft.access,
                disabled: this.busy,
                errors: this.fieldErrors,
                held: store.$me.get()?.user.flags,
                onChange: (access) => this.#setDraft({ access }),
              })
            : nothing
        }
        ${this.#renderPermissions(store, user, draft)} ${this.#renderInvitation(user)}
      </form>
    `;
  }

  #renderStatusPicker(draft: Draft, locked: boolean): TemplateResult {
    const error = this.fieldErrors['status'];
    const hints = {
      active: msg('Can sign in and work as usual.'),
      suspended: msg("Can't sign in or act; their records and seat are kept."),
    };
    return html`
      <fieldset
        class="group"
        part="status-picker"
        ?disabled=${this.busy || locked}
        aria-describedby=${describedBy(error && 'edit-status-error')}
      >
        <legend class="label">${msg('Status')}</legend>
        ${(['active', 'suspended'] as const).map(
          (status) => html`
            <label class="option">
              <input
                type="radio"
                name="edit-status"
                value=${status}
                .checked=${draft.status === status}
                @change=${() => this.#setDraft({ status })}
              />
              <span class="option-text">
                <span class="option-name">${statusLabel(status)}</span>
                <span class="hint">${hints[status]}</span>
              </span>
            </label>
          `,
        )}
        ${errorLine('edit-status-error', error)}
      </fieldset>
    `;
  }

  #renderReview(base: User, draft: Draft): TemplateResult {
    const { changes } = diff(base, draft, this.#context);
    const { who } = this.#words;
    return html`
      <section class="changes-box" part="review">
        <p id="edit-review-intro">${msg(str`These changes will be saved for ${who}:`)}</p>
        <ul class="changes" part="changes" tabindex="-1" aria-labelledby="edit-review-intro">
          ${changes.map(
            (change) =>
              html`<li>
                ${change.text ?? msg(str`${change.label}: ${change.from} → ${change.to}`)}
              </li>`,
          )}
        </ul>
        ${
          draft.status === 'suspended' && base.status !== 'suspended'
            ? this.#renderExplanation(
                msg(str`${who} will not be able to sign in until reactivated.`),
              )
            : nothing
        }
      </section>
    `;
  }

  #renderConflict(base: User, conflict: { mine: UserPatch; theirs: User }): TemplateResult {
    const { was } = this.#words;
    return html`
      <p class="warning conflict-intro" part="explanation" tabindex="-1">
        ${msg(
          str`After you opened this dialog, someone else changed ${was}. Nothing was saved. Compare both versions, then keep the current one or apply your changes on top of it.`,
        )}
      </p>
      <table class="conflict" part="conflict">
        <caption class="visually-hidden">
          ${msg('Your version and the current version')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${msg('Field')}</th>
            <th scope="col">${msg('Your version')}</th>
            <th scope="col">${msg('Current version')}</th>
          </tr>
        </thead>
        <tbody>
          ${conflictRows(base, conflict.mine, conflict.theirs, this.#context).map(
            ({ label, yours, current }) =>
              html`<tr>
                <th scope="row">${label}</th>
                <td>${yours}</td>
                <td ?data-differs=${yours !== current}>${current}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    `;
  }
}
