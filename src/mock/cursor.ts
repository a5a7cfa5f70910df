/**
 * The query of `GET /users` and `GET /users/export`: parsing and checking the parameters, and the
 * opaque keyset cursors. A cursor is base64url JSON holding the sort, a fingerprint of the filters
 * and the sort position of the last row sent, so a page boundary stays right when rows are
 * inserted or removed between pages.
 */
import { SORT_KEYS, USER_STATUSES } from '../api/types.js';
import type { FieldError, SortKey, UserStatus } from '../api/types.js';
import { fieldError, invalid } from './problems.js';
import { UserStore, foldText } from './user-store.js';
import type { SortTuple, UserFilter } from './user-store.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const MAX_QUERY_LENGTH = 200;
/** `inactive=N` takes 1 to this many days (ten years). */
export const MAX_INACTIVE_DAYS = 3650;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A checked list query. */
interface ListQuery {
  filter: UserFilter;
  sort: SortKey;
  descending: boolean;
  after: SortTuple | null;
  limit: number;
}

interface CursorBody {
  v: 1;
  s: string;
  f: string;
  k: SortTuple;
}

/** The filters a cursor belongs to; `inactive` by its parameter (the cutoff moves with the clock). */
function fingerprint(filter: UserFilter): string {
  const { inactive } = filter;
  const parts = [filter.q, filter.role ?? '', filter.status ?? ''];
  if (inactive) parts.push(inactive === 'never' ? 'never' : String(inactive.days));
  return JSON.stringify(parts);
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(
    Uint8Array.from(binary, (c) => c.charCodeAt(0)),
  );
}

/** The cursor that continues after `tuple` for this query. */
export function encodeCursor(query: ListQuery, tuple: SortTuple): string {
  const body: CursorBody = {
    v: 1,
    s: `${query.descending ? '-' : ''}${query.sort}`,
    f: fingerprint(query.filter),
    k: tuple,
  };
  return toBase64Url(JSON.stringify(body));
}

function decodeCursor(
  raw: string,
  sort: string,
  filter: UserFilter,
  key: SortKey,
): SortTuple | FieldError {
  const bad = (message: string) => fieldError('cursor', 'invalid_cursor', message);
  let body: unknown;
  try {
    body = JSON.parse(fromBase64Url(raw));
  } catch {
    return bad('The cursor is malformed: pass back a nextCursor unchanged.');
  }
  const types = UserStore.tupleTypes(key);
  if (
    typeof body !== 'object' ||
    body === null ||
    (body as CursorBody).v !== 1 ||
    !Array.isArray((body as CursorBody).k) ||
    (body as CursorBody).k.length !== types.length ||
    !(body as CursorBody).k.every((item, index) => typeof item === types[index])
  ) {
    return bad('The cursor is malformed: pass back a nextCursor unchanged.');
  }
  const cursor = body as CursorBody;
  if (cursor.s !== sort || cursor.f !== fingerprint(filter)) {
    return bad('The cursor belongs to another sort or filter: start again without a cursor.');
  }
  return cursor.k;
}

/** What a list query is checked against. */
interface ListContext {
  /** Role ids of the workspace. */
  roles: readonly string[];
  /** Whether the server takes `inactive` (`features.inactiveFilter`). */
  inactiveFilter: boolean;
  /** Milliseconds since the epoch: `inactive=N` counts its days back from here. */
  now: number;
}

/**
 * Reads `inactive`: `never`, or a whole number of days from 1 to 3650 in decimal digits (`30`,
 * not `30.0` or `3e1`). Empty is none, like the other filters.
 */
function parseInactive(
  raw: string | null,
  context: ListContext,
  errors: FieldError[],
): UserFilter['inactive'] {
  if (raw === null || raw === '') return undefined;
  if (!context.inactiveFilter) {
    errors.push(
      fieldError('inactive', 'not_supported', 'This server does not filter by inactivity.'),
    );
    return undefined;
  }
  if (raw === 'never') return 'never';
  const days = /^\d{1,8}$/.test(raw) ? Number(raw) : NaN;
  if (days >= 1 && days <= MAX_INACTIVE_DAYS) return { days, before: context.now - days * DAY_MS };
  errors.push(
    fieldError(
      'inactive',
      /^-?\d+$/.test(raw) ? 'out_of_range' : 'invalid',
      `Must be a whole number of days from 1 to ${MAX_INACTIVE_DAYS}, or "never".`,
    ),
  );
  return undefined;
}

/**
 * Reads `q`, `role`, `status`, `inactive`, `sort`, `cursor` and `limit` (the export ignores
 * `cursor` and `limit`). Every bad parameter is a field error naming it.
 */
export function parseListQuery(
  params: URLSearchParams,
  context: ListContext,
  paged = true,
): ListQuery {
  const { roles } = context;
  const errors: FieldError[] = [];
  const q = params.get('q') ?? '';
  if (q.length > MAX_QUERY_LENGTH)
    errors.push(fieldError('q', 'too_long', `At most ${MAX_QUERY_LENGTH} characters.`));
  const filter: UserFilter = { q: foldText(q.trim()) };
  const role = params.get('role');
  if (role !== null && role !== '') {
    if (roles.includes(role)) filter.role = role;
    else errors.push(fieldError('role', 'invalid_choice', `Must be one of: ${roles.join(', ')}.`));
  }
  const status = params.get('status');
  if (status !== null && status !== '') {
    if ((USER_STATUSES as readonly string[]).includes(status)) filter.status = status as UserStatus;
    else
      errors.push(
        fieldError('status', 'invalid_choice', `Must be one of: ${USER_STATUSES.join(', ')}.`),
      );
  }
  const inactive = parseInactive(params.get('inactive'), context, errors);
  if (inactive) filter.inactive = inactive;
  const rawSort = params.get('sort') || 'name';
  const descending = rawSort.startsWith('-');
  const sortKey = descending ? rawSort.slice(1) : rawSort;
  const sort = (SORT_KEYS as readonly string[]).includes(sortKey)
    ? (sortKey as SortKey)
    : undefined;
  if (!sort)
    errors.push(
      fieldError(
        'sort',
        'invalid_choice',
        `Must be one of: ${SORT_KEYS.join(', ')}, optionally with a "-" prefix.`,
      ),
    );
  let limit = DEFAULT_LIMIT;
  const rawLimit = params.get('limit');
  if (paged && rawLimit !== null) {
    limit = /^\d{1,4}$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT))
      errors.push(
        fieldError('limit', 'out_of_range', `Must be a whole number from 1 to ${MAX_LIMIT}.`),
      );
  }
  let after: SortTuple | null = null;
  const rawCursor = params.get('cursor');
  if (paged && rawCursor !== null && rawCursor !== '' && sort) {
    const decoded = decodeCursor(rawCursor, rawSort, filter, sort);
    if (Array.isArray(decoded)) after = decoded;
    else errors.push(decoded);
  }
  if (errors.length > 0 || !sort) throw invalid(errors);
  return { filter, sort, descending, after, limit };
}
