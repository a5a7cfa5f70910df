/**
 * The windowing of `<users-table>`'s grid: which rows are in the DOM. It measures the row
 * height, header and viewport (a ResizeObserver on the grid), follows the scroll offset,
 * renders only when the window changes, keeps the top row in place when rows come or go (and
 * starts a new query at the top), gives each shown user a row slot that is reused when the
 * user scrolls out, writes the window's geometry to a CSP-safe constructed stylesheet where
 * CSS lacks typed `attr()`, and fetches the next page as the window nears the end. A
 * ReactiveController: the host renders the rows it names.
 */
import type { LitElement, ReactiveController } from 'lit';
import type { User } from '../../api/types.js';
import { loadMore } from '../../store/index.js';
import type { RosterStore } from '../../store/index.js';
import { indexOf, rowWindow, scrollToShow } from './grid.js';
import type { RowWindow } from './grid.js';

/** Rows before the end of the loaded ones at which the next page is fetched. */
const LOAD_AHEAD = 20;
/** Whether CSS reads numbers from attributes (`attr(… type(<number>))`): then no stylesheet is rewritten per scroll. */
const TYPED_ATTR = CSS.supports('x: attr(x type(*))');

const noop = () => undefined;

export interface RowWindowOptions {
  /** The store whose rows, paging and query the grid shows, or null. */
  store: () => RosterStore | null;
}

export class RowWindowController implements ReactiveController {
  /** The window's geometry where CSS lacks typed `attr()` (see the styles): CSP-safe. */
  readonly #geometry = new CSSStyleSheet();
  #geometryText = '';
  #resizeObserver?: ResizeObserver;
  /** The grid element the resize observer watches. */
  #observed: HTMLElement | null = null;
  /** Measured row height, header height and grid viewport height, in px. */
  #rowHeight = 56;
  #headerHeight = 0;
  #viewport = 800;
  /** Scroll offset of the grid body, in px (drives the window; not reactive: see `scrolled`). */
  #offset = 0;
  /** The window of the last render. */
  #last: RowWindow = { first: 0, end: 0 };
  /** Where the grid scrolls after an update (to keep its top row in place), or null. */
  #scrollTarget: number | null = null;
  /**
   * Row slots by user id (the rows' keys): a user keeps its row element while shown, and the
   * element of a row scrolled out shows a row scrolled in, so scrolling creates no DOM.
   */
  #slots = new Map<string, number>();
  /** The slots of the last render, in order, and how many exist. */
  #slotOrder: number[] = [];
  #slotCount = 0;
  /** The rows of the last render (to notice when they change). */
  #renderedRows: readonly User[] = [];
  /** The query of the last render: a new one starts at the top. */
  #renderedQuery: unknown = null;

  readonly #host: LitElement;
  readonly #options: RowWindowOptions;

  constructor(host: LitElement, options: RowWindowOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#resizeObserver ??= new ResizeObserver(() => this.#measure());
    const root = this.#host.renderRoot;
    if (root instanceof ShadowRoot && !root.adoptedStyleSheets.includes(this.#geometry))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#geometry];
  }

  hostDisconnected(): void {
    this.#resizeObserver?.disconnect();
    this.#observed = null;
  }

  /**
   * Before rendering (set later, it would cost a second update): a new query is seen from its
   * top; when rows came or went, the row at the top of the viewport stays there.
   */
  hostUpdate(): void {
    const rows = this.#rows;
    const grid = this.grid;
    const query = this.#options.store()?.$query.get() ?? null;
    if (query !== this.#renderedQuery) {
      this.#renderedQuery = query;
      this.#offset = 0;
      this.#scrollTarget = 0;
    } else if (grid && this.#renderedRows !== rows && grid.scrollTop > 0) {
      const top = grid.scrollTop;
      const index = Math.floor(top / this.#rowHeight);
      const moved = indexOf(rows, this.#renderedRows[index]?.id, index);
      if (moved >= 0 && moved !== index)
        this.#offset = this.#scrollTarget = top + (moved - index) * this.#rowHeight;
    }
    this.#renderedRows = rows;
  }

  /** DOM work after rendering: watch the (new) grid, scroll it, fetch the next page if near. */
  hostUpdated(): void {
    const grid = this.grid;
    if (grid !== this.#observed) {
      this.#resizeObserver?.disconnect();
      // Its first report measures the new grid (until then: the default sizes); the body's
      // reports, a new row height (density, font size).
      for (const box of [grid, grid?.querySelector('.body')])
        if (box) this.#resizeObserver?.observe(box);
      this.#observed = grid;
    }
    if (grid && this.#scrollTarget !== null) grid.scrollTop = this.#scrollTarget;
    this.#scrollTarget = null;
    this.#maybeLoadMore();
  }

  /** The scrolling grid, when rendered. */
  get grid(): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>('.grid');
  }

  /** Rows in the scroll area: the loaded ones, plus one saying more are coming. */
  get count(): number {
    const paging = this.#options.store()?.$paging.get();
    return this.#rows.length + (paging?.nextCursor ? 1 : 0);
  }

  /** The rows to render for the current scroll offset and sizes. */
  get range(): RowWindow {
    const visible = this.#viewport - this.#headerHeight;
    return rowWindow(this.#offset, visible, this.#rowHeight, this.count);
  }

  /** The window of the last render. */
  get shown(): RowWindow {
    return this.#last;
  }

  /** How many rows PageUp and PageDown move. */
  get pageRows(): number {
    return Math.max(1, Math.floor((this.#viewport - this.#headerHeight) / this.#rowHeight) - 1);
  }

  /**
   * The window for this render, remembered as shown; where CSS lacks typed `attr()`, its
   * geometry goes to the constructed stylesheet (rewritten only when it changed).
   */
  layout(): RowWindow {
    this.#last = this.range;
    if (!TYPED_ATTR) {
      const geometry = `.body{--_r-rows:${this.count};--_r-first:${this.#last.first}}`;
      if (geometry !== this.#geometryText) this.#geometry.replaceSync(geometry);
      this.#geometryText = geometry;
    }
    return this.#last;
  }

  /**
   * The rows' keys: a slot per user, kept while the user stays in the window; users entering
   * it take the slots of those that left, in their order (so a jump moves no element). The
   * slot of user `held` (the row a dialog was opened from) is not given to another user: the
   * dialog returns the focus to its element, so it goes, and its user's row takes the focus.
   */
  slotKeys(slice: readonly User[], held: string | null): number[] {
    const kept = new Map<string, number>();
    for (const user of slice) {
      const slot = this.#slots.get(user.id);
      if (slot !== undefined) kept.set(user.id, slot);
    }
    const taken = new Set(kept.values());
    const heldSlot = held === null ? undefined : this.#slots.get(held);
    const free = this.#slotOrder.filter((slot) => !taken.has(slot) && slot !== heldSlot);
    let next = 0;
    this.#slotOrder = slice.map((user) => {
      let slot = kept.get(user.id);
      if (slot === undefined) kept.set(user.id, (slot = free[next++] ?? this.#slotCount++));
      return slot;
    });
    this.#slots = kept;
    return this.#slotOrder;
  }

  /** The grid scrolled to `top`: renders only when the window of rows changes (not per pixel). */
  scrolled(top: number): void {
    this.#offset = top;
    const { first, end } = this.range;
    if (first !== this.#last.first || end !== this.#last.end) this.#host.requestUpdate();
  }

  /** Scrolls row `index` fully into view and renders the window around it. */
  scrollToRow(index: number): void {
    const grid = this.grid;
    if (!grid) return;
    const top = scrollToShow(
      index,
      grid.scrollTop,
      grid.clientHeight,
      this.#headerHeight,
      this.#rowHeight,
    );
    if (top !== grid.scrollTop) grid.scrollTop = top;
    this.#offset = grid.scrollTop;
    this.#host.requestUpdate();
  }

  get #rows(): readonly User[] {
    return this.#options.store()?.$rows.get() ?? [];
  }

  #measure(): void {
    const grid = this.grid;
    if (!grid) return;
    const body = grid.querySelector<HTMLElement>('.body');
    const head = grid.querySelector<HTMLElement>('.head');
    const count = this.count;
    if (body && count > 0) this.#rowHeight = body.getBoundingClientRect().height / count || 56;
    this.#headerHeight = head?.getBoundingClientRect().height ?? 0;
    this.#viewport = grid.clientHeight;
    // Rows missing: render now. Rows to spare: drop them a frame later, not in the first paint.
    const { first, end } = this.range;
    if (first < this.#last.first || end > this.#last.end) this.#host.requestUpdate();
    else if (end < this.#last.end) requestAnimationFrame(() => this.#host.requestUpdate());
  }

  #maybeLoadMore(): void {
    const store = this.#options.store();
    if (!store) return;
    const paging = store.$paging.get();
    if (!paging.nextCursor || paging.loading || paging.loadingMore || paging.error) return;
    // After this update (loading changes the store at once, which would update again within it).
    if (this.range.end + LOAD_AHEAD >= this.#rows.length)
      queueMicrotask(() => void loadMore(store).catch(noop));
  }
}
