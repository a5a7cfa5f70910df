/** CSV export of users: RFC 4180 quoting, and cells a spreadsheet would run as a formula defused. */
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
 * One cell: values starting with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'`
 * so spreadsheets show them as text; cells with a quote, comma or line break are quoted.
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header line and one line per user, CRLF-terminated. */
export function* csvLines(users: Iterable<StoredUser>): IterableIterator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  for (const user of users)
    yield `${CSV_COLUMNS.map((column) => csvCell(user[column])).join(',')}\r\n`;
}
