/**
 * CSV export of users: RFC 4180 quoting, and cells a spreadsheet would split or run as a formula
 * defused.
 */
import type { StoredUser } from './model.js';

/** Columns of the export, in order. */
const CSV_COLUMNS = [
  'id',
  'name',
  'email',
  'role',
  'status',
  'team',
  'assignedContacts',
  'lastActiveAt',
  'lastLoginAt',
  'invitedAt',
  'createdAt',
] as const satisfies readonly (keyof StoredUser)[];

/**
 * A cell a spreadsheet would run as a formula: one starting with `=`, `+`, `-` or `@` (or their
 * full-width forms), also behind whitespace or invisible characters (zero-width spaces, word
 * joiners, byte-order marks, bidi controls, control characters), which a spreadsheet may skip;
 * and one starting with a tab, a carriage return or NUL.
 */
const FORMULA = /^[\s\p{Cc}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\0]/u;

/** What splits a cell: a quote, a line break, or a separator (a comma; a semicolon or tab in spreadsheets set to them). */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/**
 * One cell, after OWASP's CSV-injection guidance
 * (https://owasp.org/www-community/attacks/CSV_Injection): a cell that could start a formula
 * gets a leading `'`, so spreadsheets show it as text; a cell with a separator, quote or line
 * break is quoted, its quotes doubled (RFC 4180).
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (FORMULA.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header line and one line per user, CRLF-terminated. */
export function* csvLines(users: Iterable<StoredUser>): IterableIterator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  for (const user of users)
    yield `${CSV_COLUMNS.map((column) => csvCell(user[column])).join(',')}\r\n`;
}

/** Rows per chunk of `csvStream`: about 80 KB, a millisecond or two of work. */
const ROWS_PER_CHUNK = 500;

/** Node's `setImmediate`, absent in browsers (and from the browser build's types). */
const { setImmediate: immediate } = globalThis as { setImmediate?: (run: () => void) => void };

/** Resolves on a later turn of the event loop, after pending I/O (setImmediate where there is one). */
const nextTurn = () =>
  new Promise<void>((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));

/**
 * The export as UTF-8 bytes, `ROWS_PER_CHUNK` lines per chunk, produced as the reader pulls and
 * waiting a turn of the event loop between chunks: a socket that takes every chunk at once would
 * otherwise have the whole file built in one go, holding up every other request (and every other
 * export) until it is done.
 */
export function csvStream(users: Iterable<StoredUser>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const lines = csvLines(users);
  let started = false;
  let cancelled = false;
  return new ReadableStream({
    async pull(controller) {
      if (started) await nextTurn();
      started = true;
      if (cancelled) return;
      let chunk = '';
      for (let n = 0; n < ROWS_PER_CHUNK; n++) {
        const next = lines.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    cancel() {
      cancelled = true;
    },
  });
}
