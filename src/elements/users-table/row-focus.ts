/**
 * The roving focus of `<users-table>`'s grid: one tab stop, the active row (the one chosen
 * while it is rendered, else the first rendered); no control in a row is in the tab order, so
 * Tab leaves the grid at once. ↑ ↓ PageUp PageDown Home End move it (scrolling the row into
 * the window), → (← in RTL) enters the row's actions and Escape (or ← on a button) leaves
 * them, Enter opens the user, Space selects (the checkbox's job for the keyboard). A focused
 * row keeps the focus across changes of the rows (its user left: the row now in its place
 * takes it), and the focus is placed again after a dialog closed. A ReactiveController: it
 * decides in `hostUpdate`, moves the focus in `hostUpdated`; the host renders the active row
 * as the tab stop.
 */
import type { LitElement, ReactiveController } from 'lit';
import type { User } from '../../api/types.js';
import { ROW } from './cells.js';
import type { FocusOrigin } from './dialogs.js';
import { indexOf, targetRow } from './grid.js';
import type { RowWindowController } from './row-window.js';

export interface RowFocusOptions {
  /** The loaded rows, in order. */
  rows: () => readonly User[];
  /** A known user by id. */
  user: (id: string | undefined) => User | undefined;
  /** The grid's windowing: which rows are rendered, how far a page goes, scrolling to a row. */
  rowWindow: Pick<RowWindowController, 'grid' | 'range' | 'shown' | 'pageRows' | 'scrollToRow'>;
  /** Enter on a row. */
  onOpen: (user: User) => void;
  /** Space on a row (with Shift: `range`). */
  onSelect: (user: User, range: boolean) => void;
}

export class RowFocusController implements ReactiveController {
  /** The row chosen as the tab stop, by user id. */
  #activeId: string | null = null;
  /** The row (user id) to give the focus back to after this update, or null. */
  #refocus: string | null = null;

  readonly #host: LitElement;
  readonly #options: RowFocusOptions;

  constructor(host: LitElement, options: RowFocusOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Before rendering: the focused row keeps the focus; if its user left, the row now at its place takes it. */
  hostUpdate(): void {
    const rows = this.#options.rows();
    const focused = this.#host.shadowRoot?.activeElement?.closest<HTMLElement>(ROW);
    this.#refocus = null;
    if (!focused) return;
    const index = Number(focused.dataset.index);
    const user =
      rows[indexOf(rows, focused.dataset.id, index)] ?? rows[Math.min(index, rows.length - 1)];
    this.#refocus = user?.id ?? null;
    if (user && user.id !== focused.dataset.id) this.#activeId = user.id;
  }

  /** After rendering: the focus back on the row chosen before it. */
  hostUpdated(): void {
    this.#keepFocus();
  }

  /** The active row: the chosen one if still shown, else the first rendered. */
  get currentActiveId(): string | null {
    const rows = this.#options.rows();
    const { first, end } = this.#options.rowWindow.range;
    const active = this.#activeId;
    if (active) {
      for (let index = first; index < end; index++) if (rows[index]?.id === active) return active;
    }
    return rows[first]?.id ?? null;
  }

  /** Makes user `id`'s row the tab stop (e.g. on a click in it). */
  activate(id: string): void {
    if (id === this.#activeId) return;
    this.#activeId = id;
    this.#host.requestUpdate();
  }

  /**
   * After a dialog closed (and the change it made rendered): the dialog gave the focus back to
   * its opener, which is right while that still shows the same user. Else the focus goes to
   * that user's row, or the row now in its place (the previous one if it was last). Opened
   * outside the rows (bulk bar) with its opener gone: the bulk bar, else the active row. No
   * row left: the search field.
   */
  async returnFocus(origin: FocusOrigin): Promise<void> {
    if (!origin) return;
    await this.#host.updateComplete;
    const active = this.#host.shadowRoot?.activeElement;
    const rows = this.#options.rows();
    let index: number;
    if (origin.id === null) {
      if (active) return;
      const bar = this.#host.renderRoot.querySelector<HTMLElement>('.bulk button');
      if (bar) {
        bar.focus();
        return;
      }
      index = Math.max(
        0,
        indexOf(rows, this.currentActiveId ?? undefined, this.#options.rowWindow.shown.first),
      );
    } else {
      if (active?.closest<HTMLElement>(ROW)?.dataset.id === origin.id) return;
      index = indexOf(rows, origin.id, origin.index);
      if (index < 0) index = Math.min(origin.index, rows.length - 1);
    }
    if (rows[index]) await this.#moveTo(index);
    else this.#host.renderRoot.querySelector<HTMLElement>('.search input')?.focus();
  }

  /** The grid's keydown: moves between rows, into and out of a row's controls, opens, selects. */
  keydown(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>(ROW);
    if (!row) return;
    const user = this.#options.user(row.dataset.id);
    const index = Number(row.dataset.index);
    if (!user) return;
    const rtl = getComputedStyle(this.#host).direction === 'rtl';
    if (target !== row) {
      const back = rtl ? 'ArrowRight' : 'ArrowLeft';
      if (event.key === 'Escape' || (event.key === back && target.localName === 'button')) {
        event.preventDefault();
        row.focus();
      }
      return;
    }
    const { rowWindow } = this.#options;
    const next = targetRow(event.key, index, this.#options.rows().length, rowWindow.pageRows);
    if (next !== null) {
      event.preventDefault();
      void this.#moveTo(next);
      return;
    }
    if (event.key === (rtl ? 'ArrowLeft' : 'ArrowRight')) {
      event.preventDefault();
      (
        row.querySelector<HTMLElement>('.actions-button') ?? row.querySelector<HTMLElement>('input')
      )?.focus();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      this.#options.onOpen(user);
    } else if (event.key === ' ') {
      event.preventDefault();
      this.#options.onSelect(user, event.shiftKey);
    }
  }

  /** Scrolls row `index` into view, renders it, and focuses it. */
  async #moveTo(index: number): Promise<void> {
    const user = this.#options.rows()[index];
    if (!user || !this.#options.rowWindow.grid) return;
    this.#options.rowWindow.scrollToRow(index);
    this.activate(user.id);
    await this.#host.updateComplete;
    this.#rowElement(user.id)?.focus({ preventScroll: true });
  }

  /**
   * Gives the focus back to the row chosen in `hostUpdate` when a change removed its element
   * or gave it to another user; a row scrolled out of the window loses the focus.
   */
  #keepFocus(): void {
    const id = this.#refocus;
    const active = this.#host.shadowRoot?.activeElement as HTMLElement | null | undefined;
    const row = active?.closest<HTMLElement>(ROW);
    if (id === null || row?.dataset.id === id || (active && !row)) return;
    const target = this.#rowElement(id);
    if (target) target.focus({ preventScroll: true });
    else active?.blur();
  }

  #rowElement(id: string): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>(
      `.body .row[data-id="${CSS.escape(id)}"]`,
    );
  }
}
