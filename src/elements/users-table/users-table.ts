import { msg, str } from '@lit/localize';
import { html, noChange, nothing } from 'lit';
import type { PropertyDeclarations, PropertyValues, TemplateResult } from 'lit';
import { Directive, directive } from 'lit/directive.js';
import type { Part } from 'lit/directive.js';
import { repeat } from 'lit/directives/repeat.js';
import { actionLabels, removeUsers, vetoSentence } from '../../api/messages.js';
import { displayName } from '../../api/rules.js';
import { roleChangeEffects, roleChangeLines } from '../../api/role-change.js';
import type { PermissionCatalog, Sort, User, UserPatch, Workspace } from '../../api/types.js';
import { RosterController } from '../../context/store-controller.js';
import { RosterErrorEvent, RosterOpenUserEvent } from '../../events.js';
import { withActionEvents } from '../../events.js';
import { getLocale, plural } from '../../i18n/localization.js';
import type { PluralForms } from '../../i18n/localization.js';
import {
  exportCsv,
  loadAll,
  loadMore,
  refresh,
  resendInvitation,
  setSort,
  updateUser,
} from '../../store/index.js';
import type { RosterStore } from '../../store/index.js';
import { inBatches } from '../../store/mutations.js';
import { controls } from '../../styles/controls.js';
import { tokens } from '../../styles/tokens.js';
import { avatarStyles } from '../parts/avatar.js';
import { $now, relativeTimeStyles } from '../parts/clock.js';
import { seatMeterStyles } from '../parts/seat-meter.js';
import { statusStyles } from '../parts/status-badge.js';
import type { EditOutcome } from '../edit-user-dialog/edit-user-dialog.js';
import type { InviteOutcome } from '../invite-dialog/invite-dialog.js';
import type { RevokeOutcome } from '../revoke-dialog/revoke-dialog.js';
import { RosterElement } from '../roster-element.js';
import { ROW, renderHeaders, renderMessageRow, renderRow } from './cells.js';
import type { RowContext } from './cells.js';
import { canSelect, columnsFor } from './columns.js';
import type { Column } from './columns.js';
import { DialogController } from './dialogs.js';
import { FeedbackController, errorText } from './feedback.js';
import type { BulkResult } from './feedback.js';
import { saveDownload } from './download.js';
import { RowFocusController } from './row-focus.js';
import { RowMenuController } from './row-menu.js';
import { RowWindowController } from './row-window.js';
import { SelectionController } from './selection.js';
import { renderEmpty, renderNoAccess, renderSkeleton, renderState } from './states.js';
import { ToolbarController, formatBytes } from './toolbar.js';
import { usersTableStyles } from './users-table.styles.js';

const noop = () => undefined;

/**
 * The "Settings → Users" list: every user of the workspace with avatar and presence, name,
 * email, role (and role template), status, flags and last activity, as the server's model
 * declares them; search, filters, sort, the seat meter, invitation and CSV export; per-row
 * actions exactly as the server allows them; bulk resend, role change, suspend, reactivate
 * and revoke, each with a result per user; live updates. A promotion, or a role change that
 * drops restrictions, a template or a flag, asks first and says what changes.
 *
 * Rows are windowed: only the visible rows (plus a few) are in the DOM, inside a scroll
 * container whose body is as tall as all loaded rows. Rows have one fixed height
 * (`--roster-row-height`), so the window is plain arithmetic: a lean windowing beats
 * `@lit-labs/virtualizer` here (about 10 KB gzip for measuring variable rows we do not
 * have), and the DOM size stays bounded however many pages are loaded. The next page loads
 * when the window nears the end of the loaded rows. Scrolling renders only when the window
 * changes; a row renders again only when its user or its state changes, and the element of a
 * row scrolled out is reused for a row scrolled in, so scrolling creates no elements. A row
 * scrolled out of the window loses the focus (its element shows another user).
 *
 * It is an ARIA grid: one tab stop (the active row, roving tabindex); ↑ ↓ PageUp PageDown
 * Home End move between rows, Enter opens the user, → (← in RTL) reaches the row's actions
 * (Tab leaves the grid), Escape returns to the row, Space selects. The row menu is one
 * popover per table (↑ ↓ Home End, Escape returns to its button).
 *
 * The dialogs it opens live in its shadow root and fire their own events, which bubble out of
 * it: `roster-before-invite`/`roster-invite` (`<invite-dialog>`), `roster-before-update`/
 * `roster-update` (`<edit-user-dialog>`), `roster-before-revoke`/`roster-revoke`
 * (`<revoke-dialog>`, one pair per user, also in bulk). When a dialog closes, the focus goes
 * back to the control that opened it while that still shows the same user; once the user is
 * gone, to the row now in its place (the previous row if it was last; the search field when
 * no row is left), and after a bulk removal to the bulk bar or the active row. That row
 * becomes the tab stop.
 *
 * @customElement users-table
 * @summary The users list: columns from the server's model, search, filters, sort, seats,
 * row and bulk actions, live updates, windowed for large workspaces.
 *
 * @fires {RosterOpenUserEvent} roster-open-user - A person opened a user (Enter on a row, a click on the name, or Edit). Cancelable: prevent it to show the user your own way instead of the edit dialog.
 * @fires {RosterSelectionChangeEvent} roster-selection-change - The selected rows changed.
 * @fires {RosterBeforeActionEvent} roster-before-update - Before a role change, once per user in bulk (cancelable).
 * @fires {RosterActionEvent} roster-update - After a role change was saved.
 * @fires {RosterBeforeActionEvent} roster-before-suspend - Before suspending a user, once per user in bulk (cancelable).
 * @fires {RosterActionEvent} roster-suspend - After a user was suspended.
 * @fires {RosterBeforeActionEvent} roster-before-reactivate - Before reactivating a user, once per user in bulk (cancelable).
 * @fires {RosterActionEvent} roster-reactivate - After a user was reactivated.
 * @fires {RosterBeforeActionEvent} roster-before-resend-invitation - Before resending an invitation, once per user in bulk (cancelable).
 * @fires {RosterActionEvent} roster-resend-invitation - After an invitation was resent.
 * @fires {RosterBeforeActionEvent} roster-before-export - Before the CSV export (cancelable).
 * @fires {RosterActionEvent} roster-export - After the CSV file was saved.
 * @fires {RosterErrorEvent} roster-error - A load or an action failed; `message` is the sentence shown.
 *
 * @csspart base - The wrapper of everything.
 * @csspart toolbar - Search, filters, seats, invite and export.
 * @csspart search - The search field.
 * @csspart search-clear - The button clearing the search.
 * @csspart role-filter - The role filter.
 * @csspart status-filter - The status filter.
 * @csspart inactive-filter - The inactivity filter (when the server has it).
 * @csspart seats - The seat meter and its note.
 * @csspart seat-note - Why inviting is disabled at the seat limit.
 * @csspart invite-button - The Invite button.
 * @csspart export-button - The Export to CSV button.
 * @csspart live-status - Says when live updates are interrupted.
 * @csspart bulk-bar - The bar of bulk actions on the selected rows.
 * @csspart bulk-role - The bulk bar's choice of the new role for the selected users.
 * @csspart bulk-results - Per-user results of a bulk action.
 * @csspart alert - An inline failure message.
 * @csspart toast - Result messages (a polite live region).
 * @csspart grid - The scrolling grid.
 * @csspart header-row - The row of column headers.
 * @csspart columnheader - One column header.
 * @csspart sort-button - A header's sort button.
 * @csspart select-all - The checkbox selecting every loaded row.
 * @csspart row - One user's row.
 * @csspart cell - One cell.
 * @csspart name - A user's display name.
 * @csspart you - The "You" badge of the signed-in user's row.
 * @csspart select - A row's selection checkbox.
 * @csspart actions-button - A row's actions button.
 * @csspart more - The row saying more users are loading.
 * @csspart menu - The row actions menu.
 * @csspart menu-item - An item of the row actions menu.
 * @csspart skeleton - A placeholder row while the first page loads.
 * @csspart state - The message of an empty, no-results, failed or forbidden state.
 * @csspart retry-button - Retries a failed load.
 * @csspart clear-search-button - Clears the search and filters in the no-results state.
 * @csspart avatar - A user's avatar (also `avatar-image`, `avatar-initials`, `presence`).
 * @csspart status - A user's status badge (also `status-detail`).
 * @csspart time - A relative time.
 * @csspart seat-meter - The seat meter (also `seat-meter-label`, `seat-meter-bar`).
 *
 * @cssprop --roster-table-height - Height of the scrolling grid. Default `32rem`.
 * @cssprop --roster-row-height - Height of every row. Default `3.5rem`.
 * @cssprop --roster-color-selected - Background of selected rows and the bulk bar.
 * @cssprop --roster-color-skeleton - Colour of the loading placeholders.
 * @cssprop --roster-avatar-text - Avatar initials and the presence dot's ring (every avatar tone is AA with it).
 * @cssprop --roster-color-online - Fill of the presence dot when online (3:1 with the ring).
 * @cssprop --roster-color-offline - Line of the hollow presence dot when offline (3:1 with the ring).
 */
export class UsersTable extends RosterElement {
  // Which fields below are reactive (Lit adds the base class's to these).
  static override properties: PropertyDeclarations = {
    hideColumns: { attribute: 'hide-columns' },
    saveFile: { attribute: false },
  };
  static override styles = [
    tokens,
    controls,
    avatarStyles,
    relativeTimeStyles,
    statusStyles,
    seatMeterStyles,
    usersTableStyles,
  ];

  readonly #roster = new RosterController(this, {
    select: (s) => [
      s.$me,
      s.$workspace,
      s.$roles,
      s.$catalog,
      s.$templates,
      s.$rows,
      s.$query,
      s.$paging,
      s.$load,
      s.$export,
      s.$busy,
      s.$live,
      // The relative times ("5 minutes ago") follow the clock.
      $now,
    ],
    live: true,
    load: true,
    onStore: (s) => this.#handleStore(s),
  });
  readonly #rowWindow = new RowWindowController(this, { store: () => this.#roster.store });
  readonly #rowFocus = new RowFocusController(this, {
    rows: () => this.#rows,
    user: (id) => this.#userById(id),
    rowWindow: this.#rowWindow,
    onOpen: (user) => void this.#openUser(user),
    onSelect: (user, range) => {
      if (canSelect(user, this.#selfId)) this.#selection.toggle(user, range);
    },
  });
  readonly #selection = new SelectionController(this, {
    rows: () => this.#rows,
    selfId: () => this.#selfId,
    user: (id) => this.#userById(id),
  });
  readonly #menu = new RowMenuController(this, {
    user: (id) => this.#userById(id),
    roleName: (id) => this.#roleName(id),
    removal: () => this.#removal,
    onChoose: (user, item) => this.#handleMenuChoice(user, item),
  });
  readonly #feedback = new FeedbackController(this);
  readonly #dialogs = new DialogController(this, {
    store: () => this.#roster.store,
    returnFocus: (origin) => this.#rowFocus.returnFocus(origin),
  });
  readonly #toolbar = new ToolbarController(this, {
    store: () => this.#roster.store,
    atSeatLimit: () => this.#atSeatLimit,
    invite: () => void this.invite(),
    export: () => void this.#handleExport(),
  });
  /** The columns and what they were computed from. */
  #columnsMemo: { key: unknown[]; columns: Column[]; hidden: Set<string> } | null = null;
  /** The last load error reported with `roster-error` (each is reported once). */
  #reportedError: unknown = null;

  /** Space-separated ids of columns to hide: `avatar name email role template status last-active actions`, a flag id (e.g. `crmAccess`), or `flags`. */
  hideColumns = '';

  /** How an exported CSV file is saved; default a browser download. */
  saveFile?: (file: Blob, filename: string) => void;

  /** DOM work after rendering only; no reactive state is set here. */
  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#reportLoadError();
  }

  /** Opens the invite dialog (when the actor may invite and a seat is free). */
  async invite(): Promise<void> {
    if (!this.#roster.store?.$me.get()?.capabilities.inviteRoles.length || this.#atSeatLimit)
      return;
    const { users } = await this.#dialogs.show<InviteOutcome>({ kind: 'invite' });
    // Also after a cancel: invitations sent before it stand.
    const [first] = users;
    if (first)
      this.#feedback.showToast(
        users.length === 1
          ? msg(str`Invitation sent to ${first.email}`)
          : plural(users.length, (c) => ({
              one: msg(str`${c} invitation sent`),
              other: msg(str`${c} invitations sent`),
            })),
      );
  }

  /** Clears the selection. */
  clearSelection(): void {
    this.#selection.clear();
  }

  get #rows(): readonly User[] {
    return this.#roster.store?.$rows.get() ?? [];
  }

  get #selfId(): string | null {
    return this.#roster.store?.$me.get()?.user.id ?? null;
  }

  get #atSeatLimit(): boolean {
    const seats = this.#roster.store?.$workspace.get()?.seats;
    return !!seats && seats.limit !== null && seats.used >= seats.limit;
  }

  get #removal(): 'revoke' | 'delete' {
    return this.#roster.store?.$workspace.get()?.features.removal ?? 'revoke';
  }

  #roleName(id: string): string {
    return this.#roster.store?.$roles.get().find((role) => role.id === id)?.name ?? id;
  }

  #userById(id: string | null | undefined): User | undefined {
    return id ? this.#roster.store?.$users.get()[id] : undefined;
  }

  /** Fires `roster-open-user`; unless the host prevents it, opens the edit dialog. */
  async #openUser(user: User): Promise<void> {
    if (!this.dispatchEvent(new RosterOpenUserEvent(user))) return;
    if (!user.allowedActions.edit) return;
    const outcome = await this.#dialogs.show<EditOutcome>({ kind: 'edit', user });
    if (outcome.status === 'saved')
      this.#feedback.showToast(msg(str`Changes to ${displayName(outcome.user)} saved`));
  }

  async #revokeUsers(users: User[]): Promise<void> {
    if (users.length === 0) return;
    const outcome = await this.#dialogs.show<RevokeOutcome>({ kind: 'revoke', users });
    if (outcome.status !== 'revoked') return;
    const byId = new Map(users.map((user) => [user.id, user]));
    const results = outcome.results.map((result) => {
      const user = byId.get(result.userId);
      const who = user ? displayName(user) : result.userId;
      return {
        userId: result.userId,
        ok: result.ok,
        // The dialog's own sentence first: who received the contacts, or why it failed.
        text:
          result.message ??
          (result.ok
            ? this.#removal === 'delete'
              ? msg(str`${who}: deleted`)
              : msg(str`${who}: access revoked`)
            : msg(str`${who}: not removed`)),
      };
    });
    this.#feedback.showOutcome(results, (done, c) => ({
      one: msg(str`${done} of ${c} user removed`),
      other: msg(str`${done} of ${c} users removed`),
    }));
    this.#selection.drop(new Set(results.filter((r) => r.ok).map((r) => r.userId)));
  }

  #confirm(heading: string, lines: string[], confirm: string): Promise<boolean> {
    return this.#dialogs.show<boolean>({ kind: 'confirm', heading, lines, confirm });
  }

  /**
   * Changes the role of one user (the row menu) or of the selected users (the bulk bar: those
   * whose `allowedActions.changeRole` allows it). A promotion, and a change dropping
   * restrictions, a template or a flag, asks first, saying what changes as the server decides
   * it (`roleChangeEffects`); so does every bulk change, saying how many are skipped.
   */
  async #changeRole(users: User[], roleId: string, bulk: boolean): Promise<void> {
    const store = this.#roster.store;
    const roles = store?.$roles.get() ?? [];
    const to = roles.find((role) => role.id === roleId);
    if (!store || !to) return;
    const features = store.$workspace.get()?.features;
    const can = (user: User) => user.allowedActions.changeRole.includes(roleId);
    const changes = users.filter(can).map((user) => ({
      user,
      // Never null: `to` is among the roles.
      effects: roleChangeEffects(user, roleId, roles, features)!,
    }));
    const skipped = users.filter((user) => !can(user));
    const [only] = changes;
    const heading = bulk
      ? plural(changes.length, (c) => ({
          one: msg(str`Change the role of ${c} user to ${to.name}?`),
          other: msg(str`Change the role of ${c} users to ${to.name}?`),
        }))
      : msg(str`Change ${only ? displayName(only.user) : ''}'s role to ${to.name}?`);
    const flags = store.$catalog.get()?.flags;
    // A promotion says what the new role is (when the server describes it); then what changes
    // besides the role.
    const lines = [
      ...(to.description.trim() && changes.some((change) => change.effects.promotion)
        ? [msg(str`${to.name}: ${to.description}`)]
        : []),
      ...roleChangeLines(
        changes,
        store.$templates.get(),
        (id) => flags?.find((flag) => flag.id === id)?.name ?? id,
      ),
      ...skippedLine(skipped.length),
    ];
    if (
      !only ||
      ((bulk || only.effects.needsConfirm) &&
        !(await this.#confirm(heading, lines, msg(str`Change role to ${to.name}`))))
    )
      return;
    await this.#perUser(
      'update',
      changes.map((change) => change.user),
      skipped.map((user) =>
        skip(user, user.role === roleId ? msg(str`already ${to.name}`) : msg('not allowed')),
      ),
      (_, index) => changes[index]!.effects.patch,
      (user) => msg(str`${displayName(user)} is now ${to.name}`),
      usersChanged,
    );
  }

  /**
   * Suspends (asking first when `ask`) or reactivates those of `users` the server allows it
   * for; the others are reported as skipped.
   */
  async #setStatus(users: User[], suspending: boolean, ask: boolean): Promise<void> {
    const can = (user: User) => user.allowedActions[suspending ? 'suspend' : 'reactivate'];
    const todo = users.filter(can);
    const skipped = users.filter((user) => !can(user));
    const heading = plural(todo.length, (c) => ({
      one: msg(str`Suspend ${c} user?`),
      other: msg(str`Suspend ${c} users?`),
    }));
    if (
      ask &&
      !(await this.#confirm(heading, skippedLine(skipped.length), suspendUsers(todo.length)))
    )
      return;
    await this.#perUser(
      suspending ? 'suspend' : 'reactivate',
      todo,
      skipped.map((user) =>
        skip(
          user,
          user.status === (suspending ? 'suspended' : 'active')
            ? suspending
              ? msg('already suspended')
              : msg('already active')
            : msg('not allowed'),
        ),
      ),
      () => ({ status: suspending ? 'suspended' : 'active' }),
      (user) =>
        suspending
          ? msg(str`${displayName(user)} suspended`)
          : msg(str`${displayName(user)} reactivated`),
      usersChanged,
    );
  }

  /**
   * Saves a change to each of `users` (`patchOf`, sent with the user's version; without it,
   * resends their invitations), a few at a time, each with its own events; then says how it
   * went: one user by a toast (an alert when it failed), more by a result per user (the
   * `skipped` ones after them) and a toast counting them (`counted`).
   */
  async #perUser(
    action: 'update' | 'suspend' | 'reactivate' | 'resend-invitation',
    users: User[],
    skipped: BulkResult[],
    patchOf: ((user: User, index: number) => UserPatch) | null,
    done: (user: User) => string,
    counted: (done: string, count: string) => PluralForms,
  ): Promise<void> {
    const store = this.#roster.store;
    if (!store) return;
    this.#feedback.showAlert('');
    const results = await inBatches(users, async (user, index): Promise<BulkResult> => {
      const patch = patchOf?.(user, index);
      let text = vetoSentence(
        (action === 'resend-invitation' ? actionLabels.resend : actionLabels.updateUser)(
          displayName(user),
        ),
      );
      let error: unknown = null;
      try {
        const result = await withActionEvents(
          this,
          action,
          action === 'update' && patch ? { user, patch } : { user },
          () =>
            patch
              ? updateUser(store, user.id, patch)
              : resendInvitation(store, user.id).then((sent) => ({
                  status: 'ok' as const,
                  user: sent,
                })),
          (saved) => (saved.status === 'ok' ? { user: saved.user } : null),
        );
        if (result?.status === 'ok') return { userId: user.id, ok: true, text: done(result.user) };
        if (!result) return { userId: user.id, ok: false, text };
        text = msg(
          str`Someone else changed ${displayName(result.theirs)} in the meantime, so your change was not saved. The list now shows the latest version.`,
        );
      } catch (failure) {
        error = failure;
        text = errorText(failure);
      }
      this.dispatchEvent(new RosterErrorEvent(text, error, action));
      return { userId: user.id, ok: false, text };
    });
    this.#feedback.showOutcome([...results, ...skipped], counted);
  }

  /** Resends the invitations of `users`, then says how it went. */
  #resend(users: User[]): Promise<void> {
    return this.#perUser(
      'resend-invitation',
      users,
      [],
      null,
      (sent) =>
        sent.inviteExpiresAt
          ? msg(
              str`Invitation resent to ${sent.email} — expires ${formatDate(sent.inviteExpiresAt)}`,
            )
          : msg(str`Invitation resent to ${sent.email}`),
      (done, c) => ({
        one: msg(str`${done} of ${c} invitation resent`),
        other: msg(str`${done} of ${c} invitations resent`),
      }),
    );
  }

  #reportLoadError(): void {
    const store = this.#roster.store;
    if (!store) return;
    const error = store.$paging.get().error ?? store.$load.get().error;
    if (!error || error === this.#reportedError) return;
    this.#reportedError = error;
    this.dispatchEvent(new RosterErrorEvent(error.userMessage, error, 'load'));
  }

  /** The visible columns, the same array while nothing they depend on changed. */
  #columns(workspace: Workspace | null, catalog: PermissionCatalog | null): Column[] {
    const selectable = this.#selection.anySelectable;
    const key = [workspace, catalog, this.hideColumns, selectable, getLocale()];
    if (this.#columnsMemo && same(this.#columnsMemo.key, key)) return this.#columnsMemo.columns;
    const hidden = new Set(this.hideColumns.split(/\s+/).filter(Boolean));
    const columns = columnsFor(workspace, catalog, hidden, selectable);
    this.#columnsMemo = { key, columns, hidden };
    return columns;
  }

  #handleStore(store: RosterStore): void {
    this.#toolbar.showQuery(store.$query.get().q);
  }

  /** Acts on the row menu's item `id` for `user`. */
  #handleMenuChoice(user: User, id: string): void {
    this.#feedback.showAlert('');
    if (id === 'edit') void this.#openUser(user);
    else if (id.startsWith('role:')) void this.#changeRole([user], id.slice(5), false);
    else if (id === 'suspend' || id === 'reactivate')
      void this.#setStatus([user], id === 'suspend', false);
    else if (id === 'revoke') void this.#revokeUsers([user]);
    else if (id === 'resend') void this.#resend([user]);
  }

  #handleScroll(event: Event): void {
    this.#rowWindow.scrolled((event.currentTarget as HTMLElement).scrollTop);
    this.#menu.close(false);
  }

  #handleGridClick(event: MouseEvent): void {
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>(ROW);
    if (!row) return;
    const user = this.#userById(row.dataset.id);
    if (!user) return;
    this.#rowFocus.activate(user.id);
    const action = target.closest<HTMLElement>('[data-action]')?.dataset.action;
    if (action === 'select') this.#selection.toggle(user, event.shiftKey);
    else if (action === 'menu')
      void this.#menu.toggle(target.closest<HTMLElement>('button')!, user.id);
    else if (action === 'open') void this.#openUser(user);
    else if (target === row || !target.closest('button, input, time, a')) row.focus();
  }

  #handleSort(column: Column): void {
    const store = this.#roster.store;
    if (!store || !column.sort) return;
    const sort = store.$query.get().sort;
    const key = column.sort;
    const next: Sort =
      sort === key
        ? `-${key}`
        : sort === `-${key}`
          ? key
          : column.descendingFirst
            ? `-${key}`
            : key;
    void setSort(store, next).catch(noop);
  }

  async #handleExport(): Promise<void> {
    const store = this.#roster.store;
    if (!store || store.$export.get().loading) return;
    const { q, role, status, inactive, sort } = store.$query.get();
    const query: Record<string, string> = { sort };
    if (q) query.q = q;
    if (role) query.role = role;
    if (status) query.status = status;
    if (inactive !== null) query.inactive = String(inactive);
    const rows = store.$paging.get().total;
    try {
      const file = await withActionEvents(
        this,
        'export',
        { query },
        () => exportCsv(store),
        () => ({ rows }),
      );
      if (!file) this.#feedback.showToast(vetoSentence(actionLabels.exportUsers()));
      if (file) (this.saveFile ?? saveDownload)(file, 'users.csv');
      if (file)
        this.#feedback.showToast(
          rows === null
            ? msg(str`Export ready (${formatBytes(file.size)})`)
            : plural(rows, (c) => ({
                one: msg(str`Exported ${c} user (${formatBytes(file.size)})`),
                other: msg(str`Exported ${c} users (${formatBytes(file.size)})`),
              })),
        );
    } catch (error) {
      this.#feedback.fail(error, 'export');
    }
  }

  #handleBulkResend(): void {
    void this.#resend(this.#selection.users.filter((user) => user.allowedActions.resendInvitation));
  }

  #handleBulkRole(): void {
    const role = this.renderRoot.querySelector<HTMLSelectElement>('[part="bulk-role"]')?.value;
    if (role) void this.#changeRole(this.#selection.users, role, true);
  }

  #handleBulkRevoke(): void {
    void this.#revokeUsers(this.#selection.users.filter((user) => user.allowedActions.revoke));
  }

  #handleRetry(): void {
    const store = this.#roster.store;
    if (!store) return;
    this.#reportedError = null;
    void (store.$me.get() ? refresh(store) : loadAll(store)).catch(noop);
  }

  #handleRetryMore(): void {
    const store = this.#roster.store;
    if (store) void loadMore(store).catch(noop);
  }

  override render() {
    const store = this.#roster.store;
    if (!store)
      return html`<div class="base" part="base">
        ${renderState(
          msg('Not connected'),
          msg('Set the base-url attribute, or place this element inside a <roster-provider>.'),
        )}
      </div>`;
    const me = store.$me.get();
    const load = store.$load.get();
    const paging = store.$paging.get();
    const rows = store.$rows.get();
    const retry = () => this.#handleRetry();
    let body: unknown;
    if (!me && load.error)
      body = renderState(msg('Users could not be loaded'), load.error.userMessage, retry);
    else if (!me || (me.capabilities.viewUsers && paging.loading && rows.length === 0))
      body = renderSkeleton();
    else if (!me.capabilities.viewUsers) body = renderNoAccess(store);
    else if (paging.error && rows.length === 0)
      body = renderState(msg('Users could not be loaded'), paging.error.userMessage, retry);
    else body = this.#renderGrid(rows);
    const canView = !!me?.capabilities.viewUsers;
    return html`<div class="base" part="base">
      ${canView ? this.#toolbar.render() : nothing} ${this.#renderBulkBar()}
      ${this.#feedback.renderResults()} ${this.#feedback.renderAlert()} ${body}
      ${this.#feedback.renderToast()} ${this.#menu.render()} ${this.#dialogs.render()}
    </div>`;
  }

  #renderBulkBar(): TemplateResult | typeof nothing {
    const selected = this.#selection.users;
    if (selected.length === 0) return nothing;
    const resendable = selected.filter((user) => user.allowedActions.resendInvitation).length;
    const revocable = selected.filter((user) => user.allowedActions.revoke).length;
    const suspendable = selected.filter((user) => user.allowedActions.suspend).length;
    const reactivatable = selected.filter((user) => user.allowedActions.reactivate).length;
    const roles = (this.#roster.store?.$roles.get() ?? []).filter((role) =>
      selected.some((user) => user.allowedActions.changeRole.includes(role.id)),
    );
    return html`<div
      class="bulk"
      part="bulk-bar"
      role="toolbar"
      aria-label=${msg('Selected users')}
    >
      <span
        >${plural(selected.length, (c) => ({
          one: msg(str`${c} user selected`),
          other: msg(str`${c} users selected`),
        }))}</span
      >
      ${
        resendable > 0
          ? html`<button class="button" type="button" @click=${this.#handleBulkResend}>
              ${plural(resendable, (c) => ({
                one: msg(str`Resend ${c} invitation`),
                other: msg(str`Resend ${c} invitations`),
              }))}
            </button>`
          : nothing
      }
      ${
        roles.length > 0
          ? html`<select
                class="select filter"
                part="bulk-role"
                aria-label=${msg('New role for the selected users')}
              >
                ${roles.map((role) => html`<option value=${role.id}>${role.name}</option>`)}
              </select>
              <button class="button" type="button" @click=${this.#handleBulkRole}>
                ${msg('Change role')}
              </button>`
          : nothing
      }
      ${
        suspendable > 0
          ? html`<button
              class="button"
              type="button"
              @click=${() => this.#setStatus(selected, true, true)}
            >
              ${suspendUsers(suspendable)}
            </button>`
          : nothing
      }
      ${
        reactivatable > 0
          ? html`<button
              class="button"
              type="button"
              @click=${() => this.#setStatus(selected, false, false)}
            >
              ${plural(reactivatable, (c) => ({
                one: msg(str`Reactivate ${c} user`),
                other: msg(str`Reactivate ${c} users`),
              }))}
            </button>`
          : nothing
      }
      ${
        revocable > 0
          ? html`<button class="button danger" type="button" @click=${this.#handleBulkRevoke}>
              ${removeUsers(revocable, this.#removal === 'delete')}
            </button>`
          : nothing
      }
      <button class="button quiet" type="button" @click=${this.clearSelection}>
        ${msg('Clear selection')}
      </button>
    </div>`;
  }

  #renderGrid(rows: readonly User[]): TemplateResult {
    const store = this.#roster.store!;
    const paging = store.$paging.get();
    const workspace = store.$workspace.get();
    const columns = this.#columns(workspace, store.$catalog.get());
    const count = this.#rowWindow.count;
    const { first, end } = this.#rowWindow.layout();
    const activeId = this.#rowFocus.currentActiveId;
    const slice = rows.slice(first, Math.min(end, rows.length));
    const keys = this.#rowWindow.slotKeys(slice, this.#dialogs.openedFrom);
    const busy = store.$busy.get();
    const templates = store.$templates.get();
    const now = $now.get();
    const cells: RowContext = {
      presence: workspace?.features.presence,
      templates,
      busy,
      selfId: this.#selfId,
      now,
      hidden: this.#columnsMemo?.hidden ?? new Set(),
      roles: store.$roles.get(),
      selection: this.#selection,
      menuOpenFor: this.#menu.openFor,
    };
    // What every row shows besides its own state: a row renders again only when one changes.
    const shared = [
      columns,
      store.$me.get(),
      workspace,
      templates,
      store.$roles.get(),
      now,
      this.hideColumns,
      getLocale(),
    ];
    const sort = store.$query.get().sort;
    const total = paging.total ?? rows.length;
    const showMore = paging.nextCursor !== null && end > rows.length;
    return html`<div
      class="grid"
      part="grid"
      role="grid"
      aria-label=${msg('Users')}
      aria-rowcount=${total + 1}
      aria-busy=${paging.loading ? 'true' : 'false'}
      aria-multiselectable=${this.#selection.anySelectable ? 'true' : nothing}
      @scroll=${this.#handleScroll}
      @click=${this.#handleGridClick}
      @keydown=${(event: KeyboardEvent) => this.#rowFocus.keydown(event)}
    >
      <div class="head" role="rowgroup">
        <div class="row" role="row" part="header-row" aria-rowindex="1">
          ${renderHeaders(columns, sort, this.#selection, (c) => this.#handleSort(c))}
        </div>
      </div>
      <div class="body" role="rowgroup" data-rows=${count} data-first=${first}>
        ${repeat(
          slice,
          (_, offset) => keys[offset],
          (user, offset) => {
            const index = first + offset;
            const active = user.id === activeId;
            const selected = this.#selection.has(user.id);
            const menu = this.#menu.openFor === user.id;
            const deps = [user, index, active, selected, busy[user.id], menu, ...shared];
            return unchanged(deps, () => renderRow(user, index, columns, active, cells));
          },
        )}
        ${
          rows.length === 0
            ? renderMessageRow(renderEmpty(store.$query.get(), () => this.#toolbar.clearAll()))
            : nothing
        }
        ${
          showMore
            ? html`<div class="row more" part="more" role="row" aria-rowindex=${rows.length + 2}>
                <div role="gridcell">
                  ${
                    paging.error
                      ? html`${paging.error.userMessage}
                          <button class="button" type="button" @click=${this.#handleRetryMore}>
                            ${msg('Retry')}
                          </button>`
                      : msg('Loading more users…')
                  }
                </div>
              </div>`
            : nothing
        }
      </div>
    </div>`;
  }
}

/** A bulk result line of a user left out of a bulk action, and why. */
function skip(user: User, why: string): BulkResult {
  return { userId: user.id, ok: false, text: msg(str`${displayName(user)} skipped: ${why}`) };
}

/** The note of a bulk confirm on the selected users the action cannot apply to. */
function skippedLine(count: number): string[] {
  return count > 0
    ? [
        plural(count, (c) => ({
          one: msg(str`${c} selected user is skipped.`),
          other: msg(str`${c} selected users are skipped.`),
        })),
      ]
    : [];
}

/** The toast of a bulk change: "3 of 4 users changed". */
function usersChanged(done: string, count: string): PluralForms {
  return {
    one: msg(str`${done} of ${count} user changed`),
    other: msg(str`${done} of ${count} users changed`),
  };
}

/** "Suspend 3 users": the bulk bar's button and the confirm's. */
function suspendUsers(count: number): string {
  return plural(count, (c) => ({
    one: msg(str`Suspend ${c} user`),
    other: msg(str`Suspend ${c} users`),
  }));
}

/** Whether two lists hold the same items. */
function same(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * `render()` again only when an item of `deps` changed since this part last rendered (Lit's
 * `guard` for a list, using `same`).
 */
const unchanged = directive(
  class extends Directive {
    #deps: readonly unknown[] = [];
    render(_deps: readonly unknown[], render: () => unknown): unknown {
      return render();
    }
    override update(_part: Part, [deps, render]: Parameters<this['render']>): unknown {
      if (same(this.#deps, deps)) return noChange;
      this.#deps = deps;
      return render();
    }
  },
);

/** A date in the current locale, e.g. "3 Dec 2026". */
function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium' }).format(new Date(iso));
}
