/**
 * The cells of `<users-table>`'s grid: the column headers and a user's row, one cell per
 * column as `columns.ts` declares them. Plain templates: the element decides when a row renders
 * again (`guard`), from what the {@link RowContext} holds.
 */
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { displayName } from '../../api/rules.js';
import type { Role, RoleTemplate, Sort, User } from '../../api/types.js';
import { renderRoleName } from '../parts/access-fields.js';
import { renderAvatar } from '../parts/avatar.js';
import { renderRelativeTime } from '../parts/clock.js';
import { renderStatus } from '../parts/status-badge.js';
import { hasActions } from './columns.js';
import type { Column } from './columns.js';
import type { SelectionController } from './selection.js';

/** A user's row of the grid, as {@link renderRow} renders it (the "more" row has no `data-id`). */
export const ROW = '.body .row[data-id]';

/** What a row's cells read besides their user: the same for every row of one render. */
export interface RowContext {
  /** Whether the workspace shows presence (the avatar's dot; last activity, not last sign-in). */
  presence: boolean | undefined;
  /** The role templates, for the template column. */
  templates: readonly RoleTemplate[];
  /** The users with a change in flight, by id. */
  busy: Readonly<Record<string, true>>;
  /** The signed-in user's id (their row says "You" and has no actions). */
  selfId: string | null;
  /** The clock's time, for relative times and status details. */
  now: number;
  /** The ids `hide-columns` names. */
  hidden: ReadonlySet<string>;
  /** The roles as `/roles` lists them (a user's role may be missing: shown by its id). */
  roles: readonly Role[];
  selection: SelectionController;
  /** The user whose row menu is open, or null. */
  menuOpenFor: string | null;
}

/** The column headers, the avatar's and the name's in the same sticky group as in the rows. */
export function renderHeaders(
  columns: Column[],
  sort: Sort,
  selection: SelectionController,
  onSort: (column: Column) => void,
): unknown[] {
  return withLead(columns, (column) => renderHeader(column, sort, selection, onSort));
}

/** A column header: the select-all checkbox, a sort button (with `aria-sort`), or the label. */
function renderHeader(
  column: Column,
  sort: Sort,
  selection: SelectionController,
  onSort: (column: Column) => void,
): TemplateResult {
  const direction = !column.sort
    ? null
    : sort === column.sort
      ? 'ascending'
      : sort === `-${column.sort}`
        ? 'descending'
        : null;
  let content: unknown;
  if (column.kind === 'select') content = selection.renderSelectAll();
  else if (column.kind === 'avatar' || column.kind === 'actions')
    content = html`<span class="visually-hidden">${column.label}</span>`;
  else if (column.sort)
    content = html`<button
      class="sort"
      part="sort-button"
      type="button"
      @click=${() => onSort(column)}
    >
      <span class="text">${column.label}</span
      ><span class="sort-icon" aria-hidden="true"
        >${direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}</span
      >
    </button>`;
  else content = html`<span class="text">${column.label}</span>`;
  return html`<div
    class="cell ${kindClass(column)}"
    part="columnheader"
    role="columnheader"
    aria-sort=${direction ?? nothing}
  >
    ${content}
  </div>`;
}

/** A user's row; `active` holds the grid's tab stop. */
export function renderRow(
  user: User,
  index: number,
  columns: Column[],
  active: boolean,
  cx: RowContext,
): TemplateResult {
  const busy = cx.busy[user.id] === true;
  const selectable = cx.selection.anySelectable;
  return html`<div
    class="row"
    part="row"
    role="row"
    tabindex=${active ? 0 : -1}
    data-id=${user.id}
    data-index=${index}
    aria-rowindex=${index + 2}
    aria-selected=${selectable ? (cx.selection.has(user.id) ? 'true' : 'false') : nothing}
    aria-busy=${busy ? 'true' : 'false'}
  >
    ${withLead(columns, (column) => renderCell(column, user, cx))}
  </div>`;
}

/**
 * A row across the grid with a message instead of users (no results): the header stays, and
 * the body keeps a height of its own instead of collapsing.
 */
export function renderMessageRow(message: unknown): TemplateResult {
  return html`<div class="row message" role="row">
    <div class="message-cell" role="gridcell">${message}</div>
  </div>`;
}

/**
 * `cell` of each column, the avatar's and the name's in one `.lead` group: it stays at the
 * inline start while the grid scrolls sideways (a narrow table), so each row says whose it is.
 */
function withLead(columns: Column[], cell: (column: Column) => TemplateResult): unknown[] {
  const lead = columns.filter((column) => column.kind === 'avatar' || column.kind === 'name');
  return columns.map((column) =>
    column === lead[0]
      ? html`<div class="lead">${lead.map(cell)}</div>`
      : lead.includes(column)
        ? nothing
        : cell(column),
  );
}

/**
 * A cell of a user's row. Its controls are out of the tab order (the row is the grid's one
 * stop; → reaches them). A user without a name is named by their email in the name cell,
 * muted, and the email cell shows it to screen readers only: the address once, where the
 * name would be, which stays in view on a narrow table.
 */
function renderCell(column: Column, user: User, cx: RowContext): TemplateResult {
  const self = user.id === cx.selfId;
  const name = displayName(user);
  const nameless = !user.name.trim() && !cx.hidden.has('name');
  let content: unknown = nothing;
  switch (column.kind) {
    case 'select':
      content = cx.selection.renderCheckbox(user);
      break;
    case 'avatar':
      // Keyed by picture: a reused row never shows the previous user's picture meanwhile.
      content = keyed(user.avatarUrl ?? '', renderAvatar(user, { presence: cx.presence }));
      break;
    case 'name':
      content = html`<span
          class="name-text ${nameless ? 'muted' : ''}"
          part="name"
          data-action="open"
          title=${name}
          >${name}</span
        >${self ? html`<span class="you" part="you">${msg('You')}</span>` : nothing}`;
      break;
    case 'email': {
      // A long address wraps before its @ rather than anywhere.
      const at = Math.max(0, user.email.lastIndexOf('@'));
      content = html`<span class=${nameless ? 'visually-hidden' : 'text'} title=${user.email}
        >${user.email.slice(0, at)}<wbr />${user.email.slice(at)}</span
      >`;
      break;
    }
    case 'role':
      content = html`<span class="text">${renderRoleName(cx.roles, user.role)}</span>`;
      break;
    case 'template': {
      const template = cx.templates.find((t) => t.id === user.roleTemplateId);
      content = template
        ? html`<span class="text">${template.name}</span>`
        : html`<span class="muted" aria-hidden="true">—</span
            ><span class="visually-hidden">${msg('None')}</span>`;
      break;
    }
    case 'status':
      content = renderStatus(user, cx.now);
      break;
    case 'flag':
      content = user.flags[column.flag!]
        ? html`<span>${msg('Yes')}</span>`
        : html`<span class="muted">${msg('No')}</span>`;
      break;
    case 'last-active':
      content = renderRelativeTime(
        cx.presence ? user.lastActiveAt : user.lastLoginAt,
        cx.now,
        cx.presence && user.online,
      );
      break;
    case 'actions':
      content =
        !self && hasActions(user)
          ? html`<button
              class="button quiet actions-button"
              part="actions-button"
              type="button"
              data-action="menu"
              tabindex="-1"
              aria-haspopup="menu"
              aria-expanded=${cx.menuOpenFor === user.id ? 'true' : 'false'}
              aria-controls="menu"
              aria-label=${msg(str`Actions for ${name}`)}
            >
              ⋯
            </button>`
          : nothing;
      break;
  }
  return html`<div class="cell ${kindClass(column)}" part="cell" role="gridcell">${content}</div>`;
}

/** A cell's class from its column: the kind, but `pick` for `select` (the controls' `<select>` look). */
function kindClass(column: Column): string {
  return column.kind === 'select' ? 'pick' : column.kind;
}
