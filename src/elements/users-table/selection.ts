/**
 * The row selection of `<users-table>`: the selected user ids, shift-click ranges from the
 * last row clicked, the select-all checkbox (checked or indeterminate from the counts),
 * dropping ids whose rows left, and `roster-selection-change` on every change. A
 * ReactiveController with its own state and the templates of its checkboxes.
 */
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { LitElement, ReactiveController, TemplateResult } from 'lit';
import { live } from '../parts/live.js';
import { displayName } from '../../api/rules.js';
import type { User } from '../../api/types.js';
import { RosterSelectionChangeEvent } from '../../events.js';
import { canSelect } from './columns.js';

export interface SelectionOptions {
  /** The loaded rows, in order. */
  rows: () => readonly User[];
  /** The signed-in user's id (never selectable), or null. */
  selfId: () => string | null;
  /** A known user by id (the selection may name users no longer among the rows until pruned). */
  user: (id: string) => User | undefined;
}

export class SelectionController implements ReactiveController {
  /** Selected user ids. */
  #selected: ReadonlySet<string> = new Set();
  /** The last row whose checkbox was clicked, for shift-click ranges. */
  #lastSelected: string | null = null;
  /** The rows the selection was last pruned for (to notice when they change). */
  #prunedFor: readonly User[] = [];
  /** Rows `anySelectable` last looked at, for which signed-in user, and its value. */
  #selectableFor: readonly User[] | null = null;
  #selectableSelf: string | null = null;
  #selectable = false;
  /** The last result of `count`. */
  #countCache?: {
    rows: readonly User[];
    selected: ReadonlySet<string>;
    chosen: number;
    of: number;
  };

  readonly #host: LitElement;
  readonly #options: SelectionOptions;

  constructor(host: LitElement, options: SelectionOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Before each render: ids whose rows left the list are no longer selected. */
  hostUpdate(): void {
    const rows = this.#options.rows();
    if (rows === this.#prunedFor) return;
    this.#prunedFor = rows;
    if (this.#selected.size === 0) return;
    const shown = new Set(rows.map((user) => user.id));
    const kept = new Set([...this.#selected].filter((id) => shown.has(id)));
    if (kept.size !== this.#selected.size) this.#set(kept);
  }

  /** Whether user `id` is selected. */
  has(id: string): boolean {
    return this.#selected.has(id);
  }

  /** The selected users, in the order they were selected. */
  get users(): User[] {
    return [...this.#selected].flatMap((id) => this.#options.user(id) ?? []);
  }

  /**
   * Whether the actor can select anyone (else there is no select column): true from the first
   * selectable row loaded for this signed-in user on, so a search that leaves only rows
   * nobody can select keeps the column and the layout.
   */
  get anySelectable(): boolean {
    const rows = this.#options.rows();
    const self = this.#options.selfId();
    if (self !== this.#selectableSelf) {
      this.#selectableSelf = self;
      this.#selectable = false;
      this.#selectableFor = null;
    }
    if (!this.#selectable && this.#selectableFor !== rows) {
      this.#selectable = rows.some((user) => canSelect(user, self));
      this.#selectableFor = rows;
    }
    return this.#selectable;
  }

  /** Selects `user` or unselects it; with `range`, every selectable row up to the last one clicked. */
  toggle(user: User, range: boolean): void {
    const rows = this.#options.rows();
    const next = new Set(this.#selected);
    const on = !next.has(user.id);
    const from =
      range && this.#lastSelected ? rows.findIndex((u) => u.id === this.#lastSelected) : -1;
    const to = rows.findIndex((u) => u.id === user.id);
    if (from >= 0 && to >= 0) {
      const self = this.#options.selfId();
      for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
        const other = rows[i]!;
        if (!canSelect(other, self)) continue;
        if (on) next.add(other.id);
        else next.delete(other.id);
      }
    } else if (on) next.add(user.id);
    else next.delete(user.id);
    this.#lastSelected = user.id;
    this.#set(next);
  }

  /** Unselects these users (e.g. once removed). */
  drop(ids: ReadonlySet<string>): void {
    if (ids.size > 0) this.#set(new Set([...this.#selected].filter((id) => !ids.has(id))));
  }

  /** Clears the selection. */
  clear(): void {
    this.#set(new Set());
  }

  #set(selected: ReadonlySet<string>): void {
    this.#selected = selected;
    this.#host.requestUpdate();
    this.#host.dispatchEvent(new RosterSelectionChangeEvent([...selected]));
  }

  /** How many loaded rows are selected, of how many selectable (cached: rows may be many). */
  #count(rows: readonly User[]): { chosen: number; of: number } {
    const cache = this.#countCache;
    if (cache?.rows === rows && cache.selected === this.#selected) return cache;
    const self = this.#options.selfId();
    let chosen = 0;
    let of = 0;
    for (const user of rows) {
      if (!canSelect(user, self)) continue;
      of++;
      if (this.#selected.has(user.id)) chosen++;
    }
    this.#countCache = { rows, selected: this.#selected, chosen, of };
    return this.#countCache;
  }

  #handleSelectAll(event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    const self = this.#options.selfId();
    this.#set(
      checked
        ? new Set(
            this.#options
              .rows()
              .filter((user) => canSelect(user, self))
              .map((user) => user.id),
          )
        : new Set(),
    );
  }

  /**
   * The header's checkbox: checked when every selectable row is, indeterminate when some are,
   * disabled when no row shown can be.
   */
  renderSelectAll(): TemplateResult {
    const { chosen, of } = this.#count(this.#options.rows());
    return html`<input
      type="checkbox"
      part="select-all"
      aria-label=${msg('Select all loaded users')}
      ?disabled=${of === 0}
      .checked=${chosen > 0 && chosen === of}
      .indeterminate=${chosen > 0 && chosen < of}
      @change=${(event: Event) => this.#handleSelectAll(event)}
    />`;
  }

  /**
   * A row's checkbox (nothing for a user who cannot be selected), out of the tab order (Space
   * on the row selects). The grid's click selects (`data-action="select"`, with shift for
   * ranges) and the box shows the selection (`live`). Its own toggle is not prevented:
   * Chromium puts a prevented click's box back after the event, after the re-render that
   * runs between its listeners, so the box stayed empty.
   */
  renderCheckbox(user: User): TemplateResult | typeof nothing {
    if (!canSelect(user, this.#options.selfId())) return nothing;
    return html`<input
      type="checkbox"
      part="select"
      data-action="select"
      tabindex="-1"
      aria-label=${msg(str`Select ${displayName(user)}`)}
      .checked=${live(this.#selected.has(user.id))}
    />`;
  }
}
