import { css } from 'lit';
import { visuallyHidden } from '../../styles/controls.js';

/**
 * Styles of `<users-table>`. Rows are all `--_r-row-height` tall (the windowing relies on
 * it). The window's geometry is two numbers, rows in the scroll area and the index of the
 * first rendered row: read from the body's `data-rows` / `data-first` attributes where CSS
 * has typed `attr()` (no style is rewritten per scroll), else from `--_r-rows` / `--_r-first`
 * that the element writes into its own constructed stylesheet. Never a style attribute
 * (strict CSP). Columns are flex items with fixed bases and least widths, so header and rows
 * line up without measuring; where the least widths do not fit, the grid scrolls sideways
 * with the avatar and name held at the inline start. A container query on the host (the
 * table's own width, not the page's) narrows the name column on small tables.
 */
export const usersTableStyles = css`
  :host {
    --_r-table-height: var(--roster-table-height, 32rem);
    --_r-selected: var(--roster-color-selected, light-dark(#eef4ff, #1e3a5f));
    --_r-skeleton: var(--roster-color-skeleton, light-dark(#e6e9ed, #374151));
    display: block;
    container: users-table / inline-size;
  }

  .base {
    display: grid;
    gap: var(--_r-space-3);
    min-inline-size: 0;
  }

  /* Toolbar */
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_r-space-2);
  }
  .search {
    position: relative;
    display: flex;
    flex: 1 1 12rem;
    align-items: center;
    min-inline-size: 0;
  }
  .search .input {
    padding-inline-end: var(--_r-control-height);
  }
  .search .input::-webkit-search-cancel-button {
    display: none;
  }
  .search-clear {
    position: absolute;
    inset-inline-end: 0;
    inline-size: var(--_r-control-height);
    padding: 0;
  }
  .filter {
    flex: 0 1 10rem;
    inline-size: auto;
  }
  .seats {
    display: grid;
    gap: var(--_r-space-1);
    justify-items: start;
  }
  .spacer {
    flex: 1 0 0;
  }
  .note {
    color: var(--_r-text-muted);
    font-size: var(--_r-font-size-small);
  }
  .live {
    color: var(--_r-warning);
    font-size: var(--_r-font-size-small);
  }
  /* Empty live regions stay in the accessibility tree (so their next message is read). */
  .live:empty,
  .toast:empty {
    ${visuallyHidden}
    padding: 0;
    border: 0;
  }

  /* Bulk bar and results */
  .bulk {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_r-space-2);
    padding: var(--_r-space-2) var(--_r-space-3);
    border-radius: var(--_r-radius);
    background: var(--_r-selected);
  }
  .results {
    display: grid;
    gap: var(--_r-space-1);
    margin: 0;
    padding: var(--_r-space-2) var(--_r-space-3);
    border: 1px solid var(--_r-border);
    border-radius: var(--_r-radius);
    list-style: none;
    overflow-wrap: anywhere;
  }
  .results [data-ok='false'] {
    color: var(--_r-danger);
  }
  .alert {
    display: flex;
    align-items: center;
    gap: var(--_r-space-2);
    overflow-wrap: anywhere;
  }
  .alert > span {
    flex: 1;
  }

  /* The grid: a scroll container with a sticky header and a windowed body. Columns keep a
     useful least width; where they do not fit, the grid scrolls sideways in its own box and
     the avatar and name stay at the inline start (.lead), so every column stays reachable. */
  .grid {
    position: relative;
    block-size: var(--_r-table-height);
    overflow: auto;
    overscroll-behavior: contain;
    border: 1px solid var(--_r-border);
    border-radius: var(--_r-radius);
    background: var(--_r-surface);
  }
  /* Loading shows as a bar under the header, not by fading the rows: faded text would fall
     below AA contrast while it is still being read. */
  .grid[aria-busy='true'] .head {
    box-shadow: inset 0 -3px 0 var(--_r-ink);
  }
  .head {
    position: sticky;
    inset-block-start: 0;
    z-index: 2;
    background: var(--_r-surface-alt);
    border-block-end: 1px solid var(--_r-border);
  }
  /* As wide as the columns' least widths add up to, or as the grid when wider. */
  .head,
  .body {
    inline-size: max-content;
    min-inline-size: 100%;
  }
  .body {
    box-sizing: border-box;
    block-size: calc(var(--_r-rows, 0) * var(--_r-row-height));
    padding-block-start: calc(var(--_r-first, 0) * var(--_r-row-height));
  }
  @supports (x: attr(x type(*))) {
    .body {
      block-size: calc(attr(data-rows type(<number>), 0) * var(--_r-row-height));
      padding-block-start: calc(attr(data-first type(<number>), 0) * var(--_r-row-height));
    }
  }
  .row,
  .lead {
    display: flex;
    align-items: center;
    gap: var(--_r-space-2);
  }
  .row {
    box-sizing: border-box;
    block-size: var(--_r-row-height);
    padding-inline: var(--_r-space-3);
    border-block-end: 1px solid var(--_r-border);
    background: var(--_r-surface);
  }
  .head .row {
    block-size: auto;
    min-block-size: var(--_r-control-height);
    border: 0;
    background: none;
    font-weight: 600;
  }
  .body .row:focus-visible {
    outline-offset: -2px;
  }
  .body .row[aria-selected='true'] {
    background: var(--_r-selected);
  }
  .body .row[aria-busy='true'] {
    background: var(--_r-surface-alt);
    cursor: progress;
  }
  .row.more {
    justify-content: center;
    color: var(--_r-text-muted);
  }
  /* No rows: the message fills the body (which has no row height to add up) below the header. */
  .body:has(> .message) {
    block-size: auto;
  }
  .row.message {
    position: sticky;
    inset-inline-start: 0;
    block-size: auto;
    min-block-size: 12rem;
    max-inline-size: calc(100cqi - 2px);
    border: 0;
  }
  .message-cell {
    flex: 1;
  }
  .message .state {
    border: 0;
  }
  /* The row's own background, so the columns scrolling under it do not show through; it
     spans the gaps beside it, so held at the edge it keeps a gap on each side, and leaves the
     row's focus ring (2px inside its edge) uncovered. */
  .lead {
    position: sticky;
    inset-inline-start: 0;
    z-index: 1;
    flex: 2 1 0;
    align-self: stretch;
    margin: 2px calc(-1 * var(--_r-space-2));
    padding-inline: var(--_r-space-2);
    background: inherit;
  }
  .head .lead {
    background: var(--_r-surface-alt);
  }

  /* Each cell is as wide as its column's share, never under its least width (--_r-col); its
     content never widens it (contain), so every row and the header line up. */
  .cell {
    display: flex;
    align-items: center;
    gap: var(--_r-space-2);
    flex: 1 1 0;
    min-inline-size: var(--_r-col);
    overflow: hidden;
    contain: inline-size;
  }
  .text,
  .name-text {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    unicode-bidi: plaintext;
  }
  .cell.pick,
  .cell.avatar,
  .cell.actions {
    flex: none;
  }
  .cell.pick {
    --_r-col: var(--_r-space-6);
  }
  .cell.avatar {
    --_r-col: var(--_r-avatar-size);
    overflow: visible;
  }
  .cell.name {
    --_r-col: 8rem;
    flex-grow: 2;
  }
  .cell.email {
    --_r-col: 11rem;
    flex-grow: 2;
  }
  /* A name or an address wraps (two lines fit a row) rather than being cut. */
  .body .name-text,
  .body .cell.email .text {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    white-space: normal;
    overflow-wrap: anywhere;
    line-height: 1.25;
  }
  .cell.role,
  .cell.flag {
    --_r-col: 5.5rem;
  }
  .cell.template,
  .cell.status {
    --_r-col: 6.5rem;
  }
  /* Room for the time's focus tooltip, which shows under it. */
  .cell.last-active {
    --_r-col: 7rem;
    overflow: visible;
  }
  /* A label wraps rather than being cut (the header row is as tall as it needs). */
  .head .text {
    white-space: normal;
  }
  .cell.status {
    flex-grow: 1.5;
  }
  .cell.actions {
    --_r-col: var(--_r-control-height);
    overflow: visible;
  }
  .name-text {
    cursor: pointer;
    font-weight: 600;
  }
  .you {
    flex: none;
    padding-inline: var(--_r-space-1);
    border-radius: var(--_r-radius);
    background: var(--_r-surface-alt);
    color: var(--_r-text-muted);
    font-size: var(--_r-font-size-small);
  }
  .muted {
    color: var(--_r-text-muted);
  }
  .sort {
    display: inline-flex;
    align-items: center;
    gap: var(--_r-space-1);
    min-inline-size: 0;
    padding: 0;
    border: 0;
    background: none;
    font-weight: inherit;
    cursor: pointer;
  }
  .sort-icon {
    color: var(--_r-text-muted);
  }
  .actions-button {
    inline-size: var(--_r-control-height);
    padding: 0;
    font-size: var(--_r-font-size-large);
  }
  .actions-button[aria-expanded='true'] {
    anchor-name: --roster-row-menu;
  }
  input[type='checkbox'] {
    margin: 0;
    accent-color: var(--_r-ink);
  }

  /* Skeleton and states */
  .skeleton {
    display: flex;
    align-items: center;
    gap: var(--_r-space-3);
    block-size: var(--_r-row-height);
    padding-inline: var(--_r-space-3);
    border-block-end: 1px solid var(--_r-border);
  }
  .skeleton span {
    block-size: var(--_r-space-3);
    flex: 1;
    border-radius: var(--_r-radius);
    background: var(--_r-skeleton);
  }
  .skeleton span:first-child {
    flex: 0 0 var(--_r-avatar-size);
    block-size: var(--_r-avatar-size);
    border-radius: 50%;
  }
  .state {
    display: grid;
    justify-items: center;
    gap: var(--_r-space-3);
    padding: var(--_r-space-6) var(--_r-space-4);
    border: 1px dashed var(--_r-border);
    border-radius: var(--_r-radius);
    text-align: center;
    overflow-wrap: anywhere;
  }
  .state-title {
    margin: 0;
    font-size: var(--_r-font-size-large);
  }
  .state p {
    margin: 0;
  }

  /* The row menu: one popover per table, anchored to the expanded actions button. */
  .menu {
    position-anchor: --roster-row-menu;
    position-area: block-end span-inline-start;
    position-try-fallbacks:
      flip-block,
      flip-inline,
      flip-block flip-inline;
    margin: var(--_r-space-1) 0;
    min-inline-size: 12rem;
    max-inline-size: min(20rem, 90vw);
    padding: var(--_r-space-1);
  }
  .menu:popover-open {
    display: grid;
  }
  .menu-item {
    display: block;
    padding: var(--_r-space-2) var(--_r-space-3);
    border: 0;
    border-radius: var(--_r-radius);
    background: none;
    text-align: start;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .menu-item:hover,
  .menu-item:focus {
    background: var(--_r-surface-alt);
  }
  .menu-item.danger {
    color: var(--_r-danger);
  }

  .toast {
    padding: var(--_r-space-2) var(--_r-space-3);
    border-inline-start: 4px solid var(--_r-success);
    border-radius: var(--_r-radius);
    background: var(--_r-surface-alt);
    overflow-wrap: anywhere;
  }

  /* Narrow: the name column gives up some width to the columns scrolling beside it. */
  @container users-table (max-width: 30rem) {
    .row {
      padding-inline: var(--_r-space-2);
    }
    .cell.name {
      --_r-col: 7rem;
    }
  }
`;
