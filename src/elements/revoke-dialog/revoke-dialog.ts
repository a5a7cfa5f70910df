import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { PropertyDeclarations } from 'lit';
import { isRosterHttpError } from '../../api/errors.js';
import { actionLabels, removeUsers, vetoSentence } from '../../api/messages.js';
import { displayName } from '../../api/rules.js';
import type { User } from '../../api/types.js';
import { RosterController } from '../../context/store-controller.js';
import { RosterErrorEvent, withActionEvents } from '../../events.js';
import { formatNumber, plural } from '../../i18n/localization.js';
import { findUsers, revoke } from '../../store/index.js';
import type { RosterStore } from '../../store/index.js';
import { accessStyles } from '../parts/access-fields.js';
import { avatarStyles } from '../parts/avatar.js';
import { RosterDialog, renderPerson } from '../parts/dialog.js';
import { failureText, refusesField, removalWords } from '../parts/failure-text.js';
import { revokeDialogStyles } from './revoke-dialog.styles.js';
import { UserPicker, userPickerStyles } from './user-picker.js';

/** One user's result of a revoke dialog. */
export interface RevokeResult {
  userId: string;
  ok: boolean;
  /**
   * Why it failed, or the sentence of a success worth more than "removed" (who received the
   * contacts: "Ana Lima was removed. Their 12 contacts now belong to Bo Chen.", or "already
   * removed").
   */
  message?: string;
}

/** What `show()` resolves to. */
export type RevokeOutcome =
  { status: 'revoked'; results: RevokeResult[] } | { status: 'cancelled' };

/** Where one user stands in this opening of the dialog. */
interface Entry {
  state: 'done' | 'failed' | 'stopped';
  message?: string;
}

/** Most users the list shows (a bulk of 1,000 says how many more). */
const LIST_LIMIT = 50;
/** Longest name shown in the heading (the body shows it whole, clamped by CSS). */
const HEADING_NAME = 60;
/**
 * `text` cut to `max` characters and an ellipsis, then a PDI: it closes an isolated name's FSI
 * (see displayName) and, with no isolate open, does nothing.
 */
const clip = (text: string, max: number): string => {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…\u2069` : text;
};

/**
 * Confirms removing one or many users: revoking their workspace access (their organisation
 * account remains) or deleting them (records kept for audit, seat freed), as the server's
 * `features.removal` says. Their assigned contacts become unassigned, or go to a user chosen
 * in a search picker when the server supports reassignment. Each user is removed through
 * the store (the table and seat meter update) with a vetoable `roster-before-revoke`; a
 * partial failure keeps the dialog open with per-user results and a retry.
 *
 * `show()` resolves to `{ status: 'revoked', results }` once every user is removed, or when
 * the dialog is closed after some were; else to `{ status: 'cancelled' }`.
 *
 * @customElement revoke-dialog
 * @summary Confirms revoking or deleting users, with contact reassignment.
 *
 * @fires roster-before-revoke - Cancelable, once per user before the request; `detail: { user, reassignTo }`.
 * @fires roster-revoke - After a user was removed; `detail: { userId, reassignTo }`.
 * @fires roster-error - When removing a user failed; `message` is the sentence shown.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart header - The header (heading and close button).
 * @csspart heading - The heading.
 * @csspart close-button - The × button.
 * @csspart body - The body.
 * @csspart footer - The footer.
 * @csspart who - The list of users being removed.
 * @csspart person - One user of that list.
 * @csspart semantics - What removing means, and that it cannot be undone.
 * @csspart contacts - What happens to their assigned contacts.
 * @csspart reassign - The unassign/reassign choice (a radio group).
 * @csspart picker - The user picker (search or chosen user).
 * @csspart picker-input - The picker's search field.
 * @csspart listbox - The picker's list of matching users.
 * @csspart option - One matching user.
 * @csspart chosen - The chosen user.
 * @csspart change-button - The button to choose another user.
 * @csspart refusal - Why the users cannot be removed (no confirm then).
 * @csspart results - The summary of a partly failed removal.
 * @csspart cancel-button - The Cancel (or Close) button.
 * @csspart confirm-button - The destructive confirm button.
 * @csspart avatar - A user's avatar.
 *
 * @cssprop --roster-revoke-list-size - Height limit of the list of users before it scrolls (12rem).
 * @cssprop --roster-picker-list-size - Height limit of the picker's list of users (14rem).
 * @cssprop --roster-color-danger - Colour of the confirm button and errors.
 */
export class RevokeDialog extends RosterDialog<RevokeOutcome> {
  // Which fields below are reactive (Lit adds the base class's to these).
  static override properties: PropertyDeclarations = {
    reassign: { state: true },
    entries: { state: true },
    reassignError: { state: true },
    users: { attribute: false },
  };
  static override styles = [
    ...RosterDialog.styles,
    accessStyles,
    avatarStyles,
    revokeDialogStyles,
    userPickerStyles,
  ];

  #roster = new RosterController(this, {
    select: (s) => [s.$me, s.$workspace, s.$roles],
    load: true,
  });
  #picker = new UserPicker(this, {
    id: 'heir',
    search: (q, signal) => this.#searchHeirs(q, signal),
    accepts: (user) => user.status === 'active' && !this.users.some((u) => u.id === user.id),
    onChange: () => {
      this.reassignError = '';
      this.requestUpdate();
    },
  });

  /** Whether the contacts go to a chosen user (else they become unassigned). */
  private reassign = false;
  /** Per-user results of this opening, by user id. */
  private entries: ReadonlyMap<string, Entry> = new Map();
  /** The server refused the chosen receiver of the contacts. */
  private reassignError = '';

  /** The users to remove (one, or many for a bulk removal). */
  users: User[] = [];

  /** The one user to remove: a shortcut that sets `users` to `[user]`. */
  get user(): User | undefined {
    return this.users[0];
  }
  set user(user: User | undefined) {
    this.users = user ? [user] : [];
  }

  protected override cancelOutcome(): RevokeOutcome {
    const results = this.#results();
    return results.some((result) => result.ok)
      ? { status: 'revoked', results }
      : { status: 'cancelled' };
  }

  protected override reset(): void {
    this.reassign = false;
    this.entries = new Map();
    this.reassignError = '';
    this.#picker.reset();
  }

  get #removal(): 'revoke' | 'delete' {
    return this.#roster.store?.$workspace.get()?.features.removal ?? 'revoke';
  }

  get #canReassign(): boolean {
    return this.#roster.store?.$workspace.get()?.features.reassignOnRevoke ?? false;
  }

  /** The users the actor may remove (the others are listed with the reason). */
  get #removable(): User[] {
    return this.users.filter((user) => !this.#refusal(user));
  }

  /** Removable users not removed yet. */
  get #remaining(): User[] {
    return this.#removable.filter((user) => this.entries.get(user.id)?.state !== 'done');
  }

  #results(): RevokeResult[] {
    return this.users.flatMap((user): RevokeResult[] => {
      const refusal = this.#refusal(user);
      if (refusal) return [{ userId: user.id, ok: false, message: refusal }];
      const entry = this.entries.get(user.id);
      if (!entry) return [];
      const result: RevokeResult = { userId: user.id, ok: entry.state === 'done' };
      return entry.message ? [{ ...result, message: entry.message }] : [result];
    });
  }

  /** Why the actor cannot remove `user` (as the server told it), or null. */
  #refusal(user: User): string | null {
    if (user.id === this.#roster.store?.$me.get()?.user.id) return this.#selfMessage();
    if (!user.allowedActions.revoke)
      return msg(str`You're not allowed to remove ${displayName(user)}.`);
    return null;
  }

  #selfMessage(): string {
    return this.#removal === 'delete'
      ? msg("You can't delete your own account.")
      : msg("You can't revoke your own access.");
  }

  /** The sentence for a failed removal of `user`. */
  #describe(error: unknown, user: User): string {
    const role =
      this.#roster.store?.$roles.get().find((r) => r.id === user.role)?.name ?? user.role;
    return failureText(
      error,
      removalWords({ name: displayName(user), role, self: this.#selfMessage() }),
    );
  }

  #searchHeirs(q: string, signal: AbortSignal): Promise<User[]> {
    const store = this.#roster.store;
    if (!store) return Promise.resolve([]);
    // Ask for a few more than shown, as the users being removed are filtered out.
    const limit = Math.min(100, 20 + this.users.length);
    return findUsers(store, q, { status: 'active', limit, signal });
  }

  /**
   * Removes one user, their contacts going to `heir` (null: left unassigned); resolves to its
   * entry (and whether to stop the batch).
   */
  async #removeOne(
    store: RosterStore,
    user: User,
    heir: User | null,
  ): Promise<Entry & { halt?: boolean }> {
    const reassignTo = heir?.id ?? null;
    const who = displayName(user);
    try {
      const sent = await withActionEvents(
        this,
        'revoke',
        { user, reassignTo },
        () => revoke(store, user.id, reassignTo ? { reassignTo } : {}).then(() => true),
        () => ({ userId: user.id, reassignTo }),
      );
      if (!sent) return { state: 'stopped', message: vetoSentence(actionLabels.revoke(who)) };
      const to = heir && displayName(heir);
      return heir && user.assignedContacts
        ? {
            state: 'done',
            message: plural(user.assignedContacts, (c) => ({
              one: msg(str`${who} was removed. Their ${c} contact now belongs to ${to}.`),
              other: msg(str`${who} was removed. Their ${c} contacts now belong to ${to}.`),
            })),
          }
        : { state: 'done' };
    } catch (error) {
      if (isRosterHttpError(error, 'not_found'))
        return { state: 'done', message: msg(str`${who} was already removed.`) };
      const message = this.#describe(error, user);
      this.dispatchEvent(new RosterErrorEvent(message, error, 'revoke'));
      // A refused receiver would be refused for every user: stop and show it on the picker.
      if (refusesField(error, 'reassignTo')) {
        this.reassignError = message;
        return { state: 'failed', message, halt: true };
      }
      return { state: 'failed', message };
    }
  }

  /** Whether Confirm may be pressed now (ignoring `busy`, which only marks it). */
  #confirmable(): boolean {
    return this.#remaining.length > 0 && !this.#needsReceiver();
  }

  /** "Reassign" is chosen but nobody to receive the contacts yet. */
  #needsReceiver(): boolean {
    return this.reassign && this.#showsChoice() && !this.#picker.chosen;
  }

  /** Assigned contacts of the users still to remove. */
  #contactCount(): number {
    return this.#remaining.reduce((sum, user) => sum + (user.assignedContacts || 0), 0);
  }

  #showsChoice(): boolean {
    return this.#canReassign && this.#contactCount() > 0;
  }

  /**
   * The users the list shows: all up to {@link LIST_LIMIT}; beyond, those with something to
   * say first (refused, failed), then the others, up to the limit.
   */
  #listed(): User[] {
    if (this.users.length <= LIST_LIMIT) return this.users;
    const flagged = (user: User) =>
      !!this.#refusal(user) || (this.entries.get(user.id)?.state ?? 'done') !== 'done';
    const shown = new Set(
      [...this.users.filter(flagged), ...this.users.filter((user) => !flagged(user))].slice(
        0,
        LIST_LIMIT,
      ),
    );
    return this.users.filter((user) => shown.has(user));
  }

  async #handleConfirm(): Promise<void> {
    const store = this.#roster.store;
    const todo = this.#remaining;
    if (this.busy || !store || !this.#confirmable()) return;
    const heir = (this.reassign && this.#showsChoice() && this.#picker.chosen) || null;
    this.reassignError = '';
    await this.whileBusy(async () => {
      for (const user of todo) {
        const entry = await this.#removeOne(store, user, heir);
        this.entries = new Map(this.entries).set(user.id, entry);
        if (entry.halt || !this.open) break;
      }
    });
    if (this.open && this.#remaining.length === 0)
      this.close({ status: 'revoked', results: this.#results() });
  }

  #handleChoice(event: Event): void {
    this.reassign = (event.target as HTMLInputElement).value === 'reassign';
    this.reassignError = '';
  }

  protected override renderHeading(): string {
    const [first] = this.users;
    const deleting = this.#removal === 'delete';
    if (this.users.length === 1 && first) {
      const name = clip(displayName(first), HEADING_NAME);
      return deleting ? msg(str`Delete ${name}?`) : msg(str`Revoke ${name}'s access?`);
    }
    const count = this.users.length;
    if (count === 0) return deleting ? msg('Delete users') : msg('Revoke access');
    return plural(count, (c) =>
      deleting
        ? { one: msg(str`Delete ${c} user?`), other: msg(str`Delete ${c} users?`) }
        : {
            one: msg(str`Revoke access of ${c} user?`),
            other: msg(str`Revoke access of ${c} users?`),
          },
    );
  }

  protected override renderBody(): unknown {
    const removable = this.#removable;
    if (removable.length === 0) return html`${this.#renderWho()}${this.#renderRefusal()}`;
    return html`
      ${this.#renderWho()}
      <p part="semantics">
        ${
          this.#removal === 'delete'
            ? msg(
                'Their account is deleted and their seat freed; their records are kept for audit.',
              )
            : msg(
                str`They lose access to ${this.#roster.store?.$workspace.get()?.name}; their organisation account remains.`,
              )
        }
        <span class="permanent">${msg('This cannot be undone.')}</span>
      </p>
      ${this.#renderContacts()} ${this.#renderResults()}
    `;
  }

  protected override renderFooter(): unknown {
    const pending = this.#remaining.length;
    const anyDone = [...this.entries.values()].some((entry) => entry.state === 'done');
    const cancel = this.renderCancel(anyDone || pending === 0 ? msg('Close') : undefined);
    if (this.#removable.length === 0) return cancel;
    const deleting = this.#removal === 'delete';
    const retry = this.entries.size > 0;
    const label = this.busy
      ? deleting
        ? msg('Deleting…')
        : msg('Revoking…')
      : retry
        ? msg('Try again')
        : pending === 1
          ? deleting
            ? msg('Delete user')
            : msg('Revoke access')
          : removeUsers(pending, deleting);
    return html`${cancel}
      <button
        class="button danger"
        part="confirm-button"
        type="button"
        aria-disabled=${this.busy}
        aria-describedby=${this.#needsReceiver() ? 'pick-hint' : nothing}
        ?disabled=${!this.busy && !this.#confirmable()}
        @click=${this.#handleConfirm}
      >
        ${label}
      </button>`;
  }
  #renderWho(): unknown {
    const listed = this.#listed();
    const more = this.users.length - listed.length;
    // Focusable (to scroll by keys) from two users on: with their notes, two may overflow at 320 px.
    return html`<ul
      class="who"
      part="who"
      aria-label=${msg('Users to remove')}
      tabindex=${this.users.length > 1 ? '0' : nothing}
    >
      ${listed.map((user) => {
        const refusal = this.users.length > 1 ? this.#refusal(user) : null;
        const entry = this.entries.get(user.id);
        const note = refusal
          ? html`<span class="note skipped">${msg('Skipped:')} ${refusal}</span>`
          : entry && this.users.length > 1
            ? html`<span class="note ${entry.state === 'done' ? 'done' : 'failed'}"
                >${entry.state === 'done' ? (entry.message ?? msg('Removed')) : entry.message}</span
              >`
            : nothing;
        return html`<li class="person-row" part="person">${renderPerson(user, note)}</li>`;
      })}
      ${more > 0 ? html`<li class="hint">${msg(str`…and ${formatNumber(more)} more.`)}</li>` : nothing}
    </ul>`;
  }

  #renderRefusal(): unknown {
    const [first] = this.users;
    const text = !first
      ? msg('No user to remove.')
      : this.users.length === 1
        ? this.#refusal(first)
        : msg("You can't remove any of these users.");
    return html`<p class="alert" part="refusal">${text}</p>`;
  }

  #renderContacts(): unknown {
    const count = this.#contactCount();
    if (count === 0) return nothing;
    const only = this.#remaining.length === 1 ? this.#remaining[0] : undefined;
    const name = only ? displayName(only) : '';
    const sentence = plural(count, (c) =>
      only
        ? {
            one: msg(str`${name} has ${c} assigned contact.`),
            other: msg(str`${name} has ${c} assigned contacts.`),
          }
        : {
            one: msg(str`They have ${c} assigned contact in all.`),
            other: msg(str`They have ${c} assigned contacts in all.`),
          },
    );
    if (!this.#showsChoice())
      return html`<p part="contacts">${sentence} ${msg('They will be left unassigned.')}</p>`;
    return html`<div class="field contacts" part="contacts">
      <p id="contacts-count">${sentence}</p>
      <fieldset
        class="group"
        part="reassign"
        aria-describedby="contacts-count"
        ?disabled=${this.busy}
      >
        <legend class="label">${msg('What should happen to them?')}</legend>
        <label class="option">
          <input
            type="radio"
            name="contacts"
            value="unassigned"
            .checked=${!this.reassign}
            @change=${this.#handleChoice}
          />
          <span>${msg('Leave them unassigned')}</span>
        </label>
        <label class="option">
          <input
            type="radio"
            name="contacts"
            value="reassign"
            .checked=${this.reassign}
            @change=${this.#handleChoice}
          />
          <span>${msg('Reassign them to…')}</span>
        </label>
        ${
          this.reassign
            ? html`${this.#picker.render({
                label: msg('User who receives the contacts'),
                disabled: this.busy,
                error: this.reassignError,
              })}
              ${
                this.#picker.chosen
                  ? nothing
                  : html`<p class="hint" id="pick-hint">
                      ${msg('Choose who receives the contacts to continue.')}
                    </p>`
              }`
            : nothing
        }
      </fieldset>
    </div>`;
  }

  #renderResults(): unknown {
    const attempted = this.#removable.filter((user) => this.entries.has(user.id));
    const failed = attempted.filter((user) => this.entries.get(user.id)?.state !== 'done');
    if (failed.length === 0 || this.busy) return nothing;
    if (this.#removable.length === 1) {
      const [only] = failed;
      return html`<p class="alert" part="results" role="alert">
        ${only ? this.entries.get(only.id)?.message : nothing}
      </p>`;
    }
    const done = this.#removable.length - this.#remaining.length;
    const total = this.#removable.length;
    return html`<p class="alert" part="results" role="alert">
      ${plural(total, (c) => ({
        one: msg(str`${formatNumber(done)} of ${c} user removed.`),
        other: msg(str`${formatNumber(done)} of ${c} users removed.`),
      }))}
      ${plural(this.#remaining.length, (c) => ({
        one: msg(str`${c} was not removed: see the list above, then try again.`),
        other: msg(str`${c} were not removed: see the list above, then try again.`),
      }))}
    </p>`;
  }
}
