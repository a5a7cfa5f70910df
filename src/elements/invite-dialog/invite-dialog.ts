import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { PropertyDeclarations, PropertyValues } from 'lit';
import { isRosterHttpError } from '../../api/errors.js';
import { actionLabels, vetoSentence } from '../../api/messages.js';
import type { InvitationInput, PermissionGrants, Role, User, Workspace } from '../../api/types.js';
import { RosterController } from '../../context/store-controller.js';
import { RosterErrorEvent, withActionEvents } from '../../events.js';
import { plural } from '../../i18n/localization.js';
import { invite, loadAll, lookUpEmails, lookupOf } from '../../store/index.js';
import type { InviteResult, Lookup } from '../../store/index.js';
import {
  accessPaths,
  accessStyles,
  defaultAccess,
  renderAccessFields,
  renderGrants,
  renderRolePicker,
  roleChangeNote,
} from '../parts/access-fields.js';
import type { AccessValue } from '../parts/access-fields.js';
import { RosterDialog, deepActiveElement } from '../parts/dialog.js';
import { chipWords, failureText } from '../parts/failure-text.js';
import { AddressChips, MAX_PER_SEND, addressChipsStyles } from './address-chips.js';
import type { Chip, ChipRefusal } from './address-chips.js';
import { inviteStyles } from './invite-dialog.styles.js';

/** How `<invite-dialog>` closed: `users` are the people invited during this opening. */
export type InviteOutcome = { status: 'invited' | 'cancelled'; users: User[] };

const LOOKUP_DELAY_MS = 250;

const lower = (email: string) => email.toLowerCase();

/**
 * Invites one or many people: an email field that turns typed or pasted lists into chips
 * (each checked: format, listed twice, already a user), an access level picker offering only
 * the roles the actor may invite, the chosen role's restrictions, template and flags, optional
 * fine-grained permissions for a role relying on them (behind "Refine permissions": an
 * embedded `<permission-matrix>`, only grantable cells editable; sent with every invitation
 * of the batch), seat awareness, and per-address results. Successful addresses leave the
 * field; failures stay with their reason, and sending again never invites anyone twice.
 *
 * ```js
 * const { status, users } = await document.querySelector('invite-dialog').show();
 * ```
 *
 * @customElement invite-dialog
 * @summary Dialog that invites people by email, with access level, restrictions and seats.
 *
 * @fires roster-before-invite - Cancelable, before sending; `detail.invitations` are about to be sent.
 * @fires roster-invite - After a send where at least one invitation succeeded; `detail.users` are the new users.
 * @fires roster-error - For each invitation that failed; `message` says why.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart header - The header with the heading and close button.
 * @csspart heading - The heading.
 * @csspart close-button - The × button.
 * @csspart body - The scrolling body.
 * @csspart footer - The footer with the buttons.
 * @csspart emails - The box holding the chips and the email input.
 * @csspart email-input - The email text input.
 * @csspart chips - The list of addresses.
 * @csspart chip - One address; flagged ones also carry `chip-invalid`.
 * @csspart chip-invalid - A flagged address: not sent until fixed or removed.
 * @csspart chip-edit - The address button (Enter or click edits it; Delete removes it).
 * @csspart chip-remove - The remove button of an address.
 * @csspart chip-error - Why an address is flagged, or why the last send refused it (sent again).
 * @csspart seats - The seats-left line.
 * @csspart limit-message - Why sending is blocked (seats or too many addresses).
 * @csspart keep-first-button - Keeps the first addresses when there are too many to send.
 * @csspart clear-button - Removes every address.
 * @csspart alert - The summary of failures (and load failures).
 * @csspart success - The summary of invitations sent.
 * @csspart progress - "Sending N invitations…".
 * @csspart role-picker - The access level radio group.
 * @csspart role-option - One role of the access level group.
 * @csspart restrictions - The chosen role's advanced restrictions.
 * @csspart restriction - One restriction (a checkbox row, or a radio group for a choice).
 * @csspart restriction-option - One option of a choice restriction.
 * @csspart restriction-reason - Why a restriction is disabled (its plan).
 * @csspart template-picker - The role template field.
 * @csspart template-select - The role template `<select>`.
 * @csspart flags - The per-user flags (e.g. CRM access).
 * @csspart flag - One per-user flag.
 * @csspart flag-reason - Why a flag cannot be changed.
 * @csspart flag-forced - A flag the role always has, said in a line (no checkbox).
 * @csspart field-error - A server error under an access field.
 * @csspart permissions - The optional Permissions field.
 * @csspart refine-button - Shows or hides the permissions (`aria-expanded`).
 * @csspart permission-matrix - The embedded `<permission-matrix>`.
 * @csspart cancel-button - The Cancel (or, after some were invited, Close) button.
 * @csspart send-button - The Send button; its label says how many.
 *
 * @cssprop --roster-chip-background - Background of an address chip.
 * @cssprop --roster-chip-max-size - Widest an address chip grows.
 * @cssprop --roster-chips-max-block-size - Tallest the address box grows before scrolling.
 */
export class InviteDialog extends RosterDialog<InviteOutcome> {
  // Which fields below are reactive (Lit adds the base class's to these).
  static override properties: PropertyDeclarations = {
    access: { state: true },
    accessBefore: { state: true },
    grants: { state: true },
    refining: { state: true },
    fieldErrors: { state: true },
    alert: { state: true },
    sentMessage: { state: true },
    sending: { state: true },
    seatsFullAt: { state: true },
    role: { attribute: false },
  };
  static override styles = [...RosterDialog.styles, accessStyles, addressChipsStyles, inviteStyles];

  #roster = new RosterController(this, {
    select: (s) => [s.$me, s.$workspace, s.$roles, s.$catalog, s.$templates, s.$users, s.$load],
    load: true,
  });
  #addresses = new AddressChips(this, {
    known: () => {
      const known = new Map(this.#lookups);
      for (const user of Object.values(this.#roster.store?.$users.get() ?? {}))
        known.set(lower(user.email), lookupOf(user));
      return known;
    },
    busy: () => this.busy,
    onAdd: () => {
      this.alert = '';
      this.#scheduleLookups();
    },
    onClear: () => (this.alert = ''),
    onSubmit: () => void this.#handleSend(),
  });
  /** What the server said about addresses, by lower-cased email. */
  #lookups = new Map<string, Lookup>();
  #lookupTimer?: ReturnType<typeof setTimeout>;
  #lookupAbort?: AbortController;
  /** People invited during this opening. */
  #invited: User[] = [];

  private access: AccessValue | null = null;
  /** The access before the latest change of role (what that change may have cleared). */
  private accessBefore: AccessValue | null = null;
  /** Own grants for the invitations, beyond the role and template. */
  private grants: PermissionGrants = {};
  /** The permissions are shown ("Refine permissions" pressed). */
  private refining = false;
  /** Server field errors on the access fields, by field path. */
  private fieldErrors: Record<string, string> = {};
  private alert = '';
  private sentMessage = '';
  private sending = 0;
  /** The server said no seat is left; trusted until the workspace's seats change. */
  private seatsFullAt: object | null = null;

  /**
   * Role id chosen when the dialog opens (when the actor may invite it). A property only: it
   * stands in for the ARIA `role` reflection, so no `role` attribute lands on the host.
   */
  override role: string | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopLookups();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const roles = this.#allowedRoles();
    const current = roles.find((role) => role.id === this.access?.role);
    const workspace = this.#roster.store?.$workspace.get();
    if (!current && roles.length > 0 && workspace) {
      // The preselected role, else the least powerful one the actor may give.
      const role = roles.find((r) => r.id === this.role) ?? roles[roles.length - 1]!;
      this.access = defaultAccess(role, workspace);
    }
  }

  protected override cancelOutcome(): InviteOutcome {
    return { status: 'cancelled', users: this.#invited };
  }

  protected override reset(): void {
    this.#stopLookups();
    this.#lookups = new Map();
    this.#addresses.reset();
    this.access = this.accessBefore = null;
    this.grants = {};
    this.refining = false;
    this.fieldErrors = {};
    this.alert = this.sentMessage = '';
    this.sending = 0;
    this.seatsFullAt = null;
    this.#invited = [];
  }

  /** Closes the dialog (see `RosterDialog.close`), stopping address lookups. */
  override close(outcome?: InviteOutcome): void {
    this.#stopLookups();
    super.close(outcome);
  }

  /** Roles the actor may invite, in the server's order (highest first). */
  #allowedRoles(): Role[] {
    const allowed = this.#roster.store?.$me.get()?.capabilities.inviteRoles ?? [];
    return (this.#roster.store?.$roles.get() ?? []).filter((role) => allowed.includes(role.id));
  }

  /** Whether invitations with role `id` may carry grants. */
  #grantsApply(id: string | undefined, workspace: Workspace | null | undefined): boolean {
    const role = this.#roster.store?.$roles.get().find((r) => r.id === id);
    return !!workspace?.features.permissions && role?.allPermissions === false;
  }

  /** The paths of the access fields shown, where a server's field error is marked. */
  #accessFields(): string[] {
    const store = this.#roster.store;
    const workspace = store?.$workspace.get();
    const role = store?.$roles.get().find((r) => r.id === this.access?.role);
    return store && role && workspace
      ? ['role', ...accessPaths(role, workspace, store.$templates.get())]
      : [];
  }

  /** Seats left, or null without a limit. */
  #seatsLeft(): number | null {
    const seats = this.#roster.store?.$workspace.get()?.seats;
    if (!seats || seats.limit === null) return null;
    if (this.seatsFullAt === seats) return 0;
    return Math.max(0, seats.limit - seats.used);
  }

  /** Most invitations sendable now: the per-send maximum, or fewer when fewer seats are left. */
  #cap(): number {
    return Math.min(MAX_PER_SEND, this.#seatsLeft() ?? MAX_PER_SEND);
  }

  /** The invitation for one address; built the same way each time, so a retry reuses its key. */
  #invitationFor(email: string, access: AccessValue, workspace: Workspace | null): InvitationInput {
    const input: InvitationInput = { email: email.trim(), role: access.role };
    if (workspace?.features.roleTemplates && access.roleTemplateId)
      input.roleTemplateId = access.roleTemplateId;
    if (Object.keys(access.flags).length > 0) input.flags = access.flags;
    if (Object.keys(access.restrictions).length > 0) input.restrictions = access.restrictions;
    if (this.#grantsApply(access.role, workspace) && Object.keys(this.grants).length > 0)
      input.permissions = this.grants;
    return input;
  }

  /** Marks each sent chip with its result: successes leave, failures stay with their reason. */
  #applyResults(sent: Chip[], results: InviteResult[]): void {
    const failed = new Map<Chip, ChipRefusal>();
    const fieldErrors: Record<string, string> = {};
    const shown = this.#accessFields();
    const reasons = new Set<string>();
    let invited = 0;
    results.forEach((result, i) => {
      const chip = sent[i]!;
      if (result.ok) {
        invited++;
        this.#invited = [...this.#invited, result.user];
        return;
      }
      const { error } = result;
      let message = failureText(error, chipWords());
      let emailError = isRosterHttpError(error, 'email_taken');
      if (isRosterHttpError(error, 'validation_failed')) {
        // Said on the chip in the server's words: the address's errors, and those about a
        // field the form does not show (else "check the access settings", which are marked).
        const said: string[] = [];
        for (const field of error.fieldErrors) {
          if (field.field === 'email') {
            emailError = true;
            said.push(
              field.code === 'invalid_email' ? msg('Not a valid email address') : field.message,
            );
          } else if (shown.includes(field.field)) fieldErrors[field.field] = field.message;
          else said.push(field.message);
        }
        if (said.length > 0) message = said.join('; ');
      }
      if (isRosterHttpError(error, 'seat_limit_reached'))
        this.seatsFullAt = this.#roster.store?.$workspace.get()?.seats ?? null;
      if (isRosterHttpError(error, 'email_taken')) this.#lookups.set(lower(chip.email), 'member');
      failed.set(chip, { error: message, emailError });
      reasons.add(message);
      this.dispatchEvent(new RosterErrorEvent(error.userMessage, error, 'invite'));
    });
    this.#addresses.settle(sent, failed);
    this.fieldErrors = fieldErrors;
    this.sentMessage =
      invited === 0
        ? ''
        : plural(invited, (c) => ({
            one: msg(str`${c} invitation sent.`),
            other: msg(str`${c} invitations sent.`),
          }));
    const notSent = results.length - invited;
    // A server's own detail may be a whole sentence: its full stop would double the summary's.
    const why = [...reasons].map((reason) => reason.replace(/\.$/, '')).join('; ');
    this.alert =
      notSent === 0
        ? ''
        : plural(notSent, (c) => ({
            one: msg(str`${c} invitation was not sent: ${why}.`),
            other: msg(str`${c} invitations were not sent: ${why}.`),
          }));
  }

  #scheduleLookups(): void {
    clearTimeout(this.#lookupTimer);
    this.#lookupTimer = setTimeout(() => void this.#runLookups(), LOOKUP_DELAY_MS);
  }

  #stopLookups(): void {
    clearTimeout(this.#lookupTimer);
    this.#lookupAbort?.abort();
    this.#lookupAbort = undefined;
  }

  /** Looks up the addresses not asked about yet (`lookUpEmails`); found users show on chips. */
  async #runLookups(): Promise<void> {
    const store = this.#roster.store;
    const emails = this.#addresses.chips
      .map((chip) => lower(chip.email))
      .filter((email) => !this.#lookups.has(email));
    if (!store || !this.isOpen || emails.length === 0) return;
    this.#lookupAbort?.abort();
    const abort = (this.#lookupAbort = new AbortController());
    await lookUpEmails(store, emails, {
      signal: abort.signal,
      onAnswers: (answers) => {
        for (const [email, lookup] of answers) this.#lookups.set(email, lookup);
        // Only a found user changes what the chips show.
        if ([...answers.values()].some((lookup) => lookup !== 'free')) this.requestUpdate();
      },
    });
  }

  /** "Sending N invitations…", said by the progress line and the Send button. */
  #sendingText(): string {
    return plural(this.sending, (c) => ({
      one: msg(str`Sending ${c} invitation…`),
      other: msg(str`Sending ${c} invitations…`),
    }));
  }

  #handleRoleChange(id: string): void {
    const roles = this.#allowedRoles();
    const role = roles.find((r) => r.id === id);
    const workspace = this.#roster.store?.$workspace.get();
    if (!role || !workspace) return;
    const previous = this.access ?? undefined;
    this.accessBefore = this.access;
    const before = this.#roster.store?.$roles.get().find((r) => r.id === previous?.role);
    this.#handleAccessChange(defaultAccess(role, workspace, previous, before));
  }

  /** New access values: refusals that were about the access (not the address) no longer hold. */
  #handleAccessChange(next: AccessValue, grants = this.grants): void {
    this.access = next;
    this.grants = grants;
    this.fieldErrors = {};
    this.#addresses.clearAccessRefusals();
  }

  #handleSubmit(event: Event): void {
    event.preventDefault();
    void this.#handleSend();
  }

  async #handleSend(): Promise<void> {
    const store = this.#roster.store;
    if (this.busy || !store || !this.access) return;
    const chips = this.#addresses.takeSendable();
    if (chips.length === 0) {
      this.alert = msg('Add at least one valid email address.');
      this.#addresses.focus();
      return;
    }
    if (chips.length > this.#cap()) return;
    const { access } = this;
    const workspace = store.$workspace.get();
    const invitations = chips.map((chip) => this.#invitationFor(chip.email, access, workspace));
    this.alert = this.sentMessage = '';
    this.sending = invitations.length;
    const focused = deepActiveElement();
    const results = await this.whileBusy(() =>
      withActionEvents(
        this,
        'invite',
        { invitations },
        () => invite(store, invitations),
        (done) => {
          const users = done.flatMap((r) => (r.ok ? [r.user] : []));
          return users.length > 0 ? { users } : null;
        },
      ),
    );
    this.sending = 0;
    if (!results) this.alert = vetoSentence(actionLabels.inviteAll());
    if (!results || !this.isOpen) return;
    this.#applyResults(chips, results);
    if (this.#addresses.chips.length === 0) {
      this.close({ status: 'invited', users: this.#invited });
      return;
    }
    await this.updateComplete;
    if (focused?.isConnected) focused.focus();
    else this.#addresses.focus();
  }

  protected override renderHeading() {
    return msg('Invite people');
  }

  protected override renderBody() {
    const store = this.#roster.store;
    const load = store?.$load.get();
    return html`
      <form id="invite-form" novalidate @submit=${this.#handleSubmit}>
        ${this.#addresses.render({ cap: this.#cap(), seats: this.#renderSeats() })}
        <div class="messages">
          <div role="status">
            ${
              this.sentMessage
                ? html`<p class="success" part="success">${this.sentMessage}</p>`
                : nothing
            }
            ${
              this.sending
                ? html`<p class="progress" part="progress">${this.#sendingText()}</p>`
                : nothing
            }
          </div>
          <div role="alert">
            ${this.alert ? html`<p class="alert" part="alert">${this.alert}</p>` : nothing}
          </div>
        </div>
        ${
          load?.error && !store?.$me.get()
            ? html`<p class="alert" role="alert" part="alert">
                ${load.error.userMessage}
                <button
                  type="button"
                  class="button"
                  @click=${() => store && void loadAll(store).catch(() => undefined)}
                >
                  ${msg('Try again')}
                </button>
              </p>`
            : this.#renderAccess()
        }
      </form>
    `;
  }

  protected override renderFooter() {
    const sendable = this.#addresses.checks.filter((check) => check.sendable).length;
    const blocked =
      !this.access ||
      sendable > this.#cap() ||
      (this.#roster.store?.$me.get()?.capabilities.inviteRoles.length ?? 0) === 0;
    const label = this.busy
      ? this.#sendingText()
      : sendable === 0
        ? msg('Send invitations')
        : plural(sendable, (c) => ({
            one: msg(str`Send ${c} invitation`),
            other: msg(str`Send ${c} invitations`),
          }));
    return html`
      ${this.renderCancel(this.#invited.length > 0 ? msg('Close') : undefined)}
      <button
        type="submit"
        form="invite-form"
        class="button primary"
        part="send-button"
        ?disabled=${blocked && !this.busy}
        aria-disabled=${this.busy ? 'true' : 'false'}
      >
        ${label}
      </button>
    `;
  }
  #renderSeats() {
    const left = this.#seatsLeft();
    return html`<span class="hint seats" part="seats" ?data-full=${left === 0}
      >${
        left === null
          ? msg('No seat limit')
          : plural(left, (c) => ({
              one: msg(str`${c} seat left`),
              other: msg(str`${c} seats left`),
            }))
      }</span
    >`;
  }

  #renderAccess() {
    const store = this.#roster.store;
    const workspace = store?.$workspace.get();
    const roles = store?.$roles.get() ?? [];
    const allowed = store?.$me.get()?.capabilities.inviteRoles;
    if (!store || !workspace || !allowed) return html`<p class="hint">${msg('Loading…')}</p>`;
    if (allowed.length === 0)
      return html`<p class="alert" part="alert">${msg('You may not invite people.')}</p>`;
    const access = this.access;
    const role = roles.find((r) => r.id === access?.role);
    return html`
      ${renderRolePicker({
        roles,
        allowed,
        value: access?.role ?? '',
        disabled: this.busy,
        error: this.fieldErrors['role'],
        onChange: (id) => this.#handleRoleChange(id),
        note: roleChangeNote(
          this.accessBefore,
          access?.role ?? '',
          roles,
          workspace,
          store.$templates.get(),
        ),
      })}
      ${
        role && access
          ? renderAccessFields({
              role,
              workspace,
              catalog: store.$catalog.get(),
              templates: store.$templates.get(),
              value: access,
              disabled: this.busy,
              errors: this.fieldErrors,
              held: store.$me.get()?.user.flags,
              onChange: (next) => this.#handleAccessChange(next),
            })
          : nothing
      }
      ${
        role && access && this.#grantsApply(role.id, workspace)
          ? this.#renderPermissions(role, access)
          : nothing
      }
    `;
  }

  #renderPermissions(role: Role, access: AccessValue) {
    const open = this.refining;
    return html`<div class="field" part="permissions">
      <button
        type="button"
        class="button"
        part="refine-button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${open ? 'invite-permissions' : nothing}
        @click=${() => (this.refining = !open)}
      >
        ${msg('Refine permissions')}
      </button>
      ${
        open
          ? renderGrants({
              store: this.#roster.store!,
              role,
              templateId: access.roleTemplateId,
              value: this.grants,
              id: 'invite-permissions',
              onChange: (grants) => this.#handleAccessChange(access, grants),
            })
          : nothing
      }
    </div>`;
  }
}
