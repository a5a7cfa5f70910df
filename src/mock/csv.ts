/**
 * CSV export of users: the columns the workspace's model has, headed and worded as the table
 * says them; RFC 4180 quoting, and cells a spreadsheet would split or run as a formula defused;
 * UTF-8 behind a byte-order mark, so spreadsheet programs read "Ayşe Yılmaz" as written.
 */
import type { UserStatus } from '../api/types.js';
import type { StoredUser } from './model.js';
import type { PresetConfig } from './presets.js';

/** One column: its header and its cell for a user. */
export interface CsvColumn {
  header: string;
  cell(user: StoredUser): string | number | null;
}

/** A status in the words the table uses. */
const STATUS_WORDS: Record<UserStatus, string> = {
  invited: 'Pending',
  active: 'Active',
  suspended: 'Suspended',
};

/**
 * The columns of a workspace's export, in order: who (name, email), their access (role and
 * role template by name, status, team, one Yes/No column per flag, by the flag's name), then
 * contacts, the times (RFC 3339, UTC; `Last active` only where presence exists) and the id.
 */
export function exportColumns(
  config: PresetConfig,
  templateName: (id: string) => string | undefined,
): CsvColumn[] {
  const { features } = config;
  const roleName = new Map(config.roles.map((role) => [role.id, role.name]));
  const flagName = new Map(config.catalog.flags.map((flag) => [flag.id, flag.name]));
  const column = (header: string, cell: CsvColumn['cell']): CsvColumn => ({ header, cell });
  return [
    column('Name', (user) => user.name),
    column('Email', (user) => user.email),
    column('Role', (user) => roleName.get(user.role) ?? user.role),
    ...(features.roleTemplates
      ? [
          column('Role template', (user) =>
            user.roleTemplateId === null ? '' : (templateName(user.roleTemplateId) ?? ''),
          ),
        ]
      : []),
    column('Status', (user) => STATUS_WORDS[user.status]),
    column('Team', (user) => user.team),
    ...features.flags.map((id) =>
      column(flagName.get(id) ?? id, (user) => (user.flags[id] ? 'Yes' : 'No')),
    ),
    column('Assigned contacts', (user) => user.assignedContacts),
    ...(features.presence ? [column('Last active', (user) => user.lastActiveAt)] : []),
    column('Last login', (user) => user.lastLoginAt),
    column('Invited at', (user) => user.invitedAt),
    column('ID', (user) => user.id),
  ];
}

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

/**
 * The file as lines: a byte-order mark and the header line, then one line per user, each
 * CRLF-terminated.
 */
export function* csvLines(
  columns: readonly CsvColumn[],
  users: Iterable<StoredUser>,
): IterableIterator<string> {
  yield `\uFEFF${columns.map((column) => csvCell(column.header)).join(',')}\r\n`;
  for (const user of users)
    yield `${columns.map((column) => csvCell(column.cell(user))).join(',')}\r\n`;
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
export function csvStream(
  columns: readonly CsvColumn[],
  users: Iterable<StoredUser>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const lines = csvLines(columns, users);
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
