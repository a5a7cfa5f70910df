/**
 * The arithmetic of `<users-table>`'s windowed grid, kept apart from the element so it reads
 * (and is tested) on its own: which slice of fixed-height rows to render, where a
 * navigation key moves the active row, and where a user is among the rows.
 */

/**
 * Rows rendered above and below the visible ones, so a fast scroll shows no gap before the
 * next render (which follows within the frame of the scroll event). Each costs layout and
 * paint on every jump, so few.
 */
const OVERSCAN = 3;

/** The slice of rows to render: `[first, end)`. */
export interface RowWindow {
  first: number;
  end: number;
}

/**
 * The rows to render for a scroll position: the visible ones plus {@link OVERSCAN} each
 * side, within `[0, count)`. `scrollTop` is measured from the first row (the sticky header
 * sits above it and scrolls with nothing); `viewport` is the height below the header.
 */
export function rowWindow(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  count: number,
): RowWindow {
  const height = Math.max(1, rowHeight);
  const top = Math.floor(Math.max(0, scrollTop) / height);
  const first = Math.max(0, Math.min(top - OVERSCAN, count - 1));
  const end = Math.min(count, top + Math.ceil(viewport / height) + OVERSCAN + 1);
  return { first, end: Math.max(first, end) };
}

/**
 * Where a key moves the active row (`null`: the key does not navigate). `pageRows` is how
 * many rows a page key skips; `count` how many rows are loaded.
 */
export function targetRow(
  key: string,
  index: number,
  count: number,
  pageRows: number,
): number | null {
  const clamp = (value: number) => Math.max(0, Math.min(count - 1, value));
  switch (key) {
    case 'ArrowDown':
      return clamp(index + 1);
    case 'ArrowUp':
      return clamp(index - 1);
    case 'PageDown':
      return clamp(index + Math.max(1, pageRows));
    case 'PageUp':
      return clamp(index - Math.max(1, pageRows));
    case 'Home':
      return 0;
    case 'End':
      return clamp(count - 1);
    default:
      return null;
  }
}

/**
 * The `scrollTop` that brings row `index` fully into a viewport of `viewport` px below a
 * sticky header of `header` px, or the current one when it is already visible.
 */
export function scrollToShow(
  index: number,
  scrollTop: number,
  viewport: number,
  header: number,
  rowHeight: number,
): number {
  const top = index * rowHeight;
  const visible = viewport - header;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + visible) return top + rowHeight - visible;
  return scrollTop;
}

/** The next item of a menu for a key (with wrap-around), or null when the key is not one. */
export function targetItem(key: string, index: number, count: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return (index + 1) % count;
    case 'ArrowUp':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** Where the row of id `id` is in `rows` (-1: not there), looking at `hint` first: it seldom moves. */
export function indexOf(
  rows: readonly { id: string }[],
  id: string | undefined,
  hint: number,
): number {
  if (id === undefined) return -1;
  return rows[hint]?.id === id ? hint : rows.findIndex((row) => row.id === id);
}
