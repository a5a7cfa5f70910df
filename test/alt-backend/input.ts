/**
 * Reading what clients send: JSON bodies (size, syntax, well-formed Unicode), invitation and
 * patch bodies field by field, `If-Match`, and the list query with its opaque cursors.
 */
import { createHash } from 'node:crypto';
import type { FieldError, UserPatch, UserStatus } from '../../src/api/types.js';
import { SORT_KEYS, USER_STATUSES } from '../../src/api/types.js';
import { roleOf } from './model.js';
import { Refusal, invalid } from './problems.js';

const MAX_BODY_BYTES = 64 * 1024;
const MAX_NAME = 120;
/** With the `u` flag, a surrogate matches only when it is not half of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** The WHATWG rule for `<input type=email>`, as openapi.yaml's `Email` schema states it. */
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

type Json = Record<string, unknown>;

/**
 * The body as JSON, refused in the contract's order: `413` past 64 KB, `415` unless sent as
 * JSON (a cookie-authenticated server must not read a `text/plain` body: any page can send
 * one), `400 bad_request` for bytes that are not UTF-8 JSON, `422` for a lone surrogate.
 */
export async function readJson(request: Request): Promise<unknown> {
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES)
    throw new Refusal(413, 'payload_too_large', `The body is over ${MAX_BODY_BYTES} bytes.`);
  const type = request.headers.get('Content-Type') ?? 'none';
  if (!/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type))
    throw new Refusal(415, 'unsupported_media_type', `Send JSON as application/json, not ${type}.`);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new Refusal(400, 'bad_request', `The body is not JSON: ${(error as Error).message}`);
  }
  const broken = illFormed(body, '');
  if (broken !== undefined)
    throw invalid([error(broken || 'body', 'invalid_characters', 'Text has a lone surrogate.')]);
  return body;
}

/** The dotted path of the first string (or key) that is not well-formed Unicode. */
function illFormed(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (LONE_SURROGATE.test(key)) return at;
    const found = illFormed(item, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

function error(field: string, code: string, message: string): FieldError {
  return { field, code, message };
}

/** Field errors of one body, gathered so that every fault is named at once. */
class Fields {
  readonly errors: FieldError[] = [];

  constructor(
    readonly body: Json,
    allowed: readonly string[],
  ) {
    for (const key of Object.keys(body))
      if (!allowed.includes(key)) this.add(key, 'unknown_field', `"${key}" is not accepted here.`);
  }

  add(field: string, code: string, message: string): void {
    this.errors.push(error(field, code, message));
  }

  /** A string member, `required` or not; undefined when absent or of another type. */
  text(field: string, required: boolean): string | undefined {
    const value = this.body[field];
    if (value === undefined && !required) return undefined;
    if (value === undefined) this.add(field, 'required', `Give ${field}.`);
    else if (typeof value !== 'string') this.add(field, 'invalid_type', `${field} is a string.`);
    else return value;
    return undefined;
  }

  /** Refuses what this server has no use for: flags, restrictions, grants, templates. */
  none(field: string, what: string): void {
    const value = this.body[field];
    if (value === undefined || value === null) return;
    const empty = typeof value === 'object' && Object.keys(value).length === 0;
    if (!empty) this.add(field, 'not_supported', `This organisation has no ${what}.`);
  }

  done(): void {
    if (this.errors.length) throw invalid(this.errors);
  }
}

function asObject(body: unknown): Json {
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body as Json;
  throw invalid([error('body', 'invalid_type', 'The body is a JSON object.')]);
}

/** The extras every write body may carry, refused unless empty. */
function noExtras(fields: Fields): void {
  fields.none('flags', 'per-user flags');
  fields.none('restrictions', 'restrictions');
  fields.none('permissions', 'per-user permissions');
  fields.none('roleTemplateId', 'role templates');
}

/** A trimmed, lower-cased address, or a field error. */
function email(fields: Fields, required: boolean): string | undefined {
  const raw = fields.text('email', required);
  if (raw === undefined) return undefined;
  const address = raw.trim().toLowerCase();
  if (EMAIL.test(address)) return address;
  fields.add('email', 'invalid_email', 'Enter an address such as ana@example.com.');
  return undefined;
}

function name(fields: Fields): string | undefined {
  const value = fields.text('name', false)?.trim();
  if (value !== undefined && value.length > MAX_NAME)
    fields.add('name', 'name_too_long', `A name has at most ${MAX_NAME} characters.`);
  return value;
}

function role(fields: Fields, required: boolean): string | undefined {
  const value = fields.text('role', required);
  if (value !== undefined && !roleOf(value))
    fields.add('role', 'unknown_role', `There is no role "${value}".`);
  return value;
}

/** `POST /invitations`: email and role, a name optionally. */
export function invitationInput(body: unknown): { email: string; name: string; role: string } {
  const fields = new Fields(asObject(body), [
    'email',
    'name',
    'role',
    'roleTemplateId',
    'flags',
    'restrictions',
    'permissions',
  ]);
  const input = { email: email(fields, true), name: name(fields) ?? '', role: role(fields, true) };
  noExtras(fields);
  fields.done();
  return input as { email: string; name: string; role: string };
}

/** `PATCH /users/{id}`: name, email, role or status. */
export function patchInput(body: unknown): Pick<UserPatch, 'name' | 'email' | 'role' | 'status'> {
  const fields = new Fields(asObject(body), [
    'name',
    'email',
    'role',
    'status',
    'roleTemplateId',
    'flags',
    'restrictions',
    'permissions',
  ]);
  const status = fields.text('status', false);
  if (status !== undefined && status !== 'active' && status !== 'suspended')
    fields.add('status', 'invalid_value', 'status is active or suspended.');
  const patch = {
    name: name(fields),
    email: email(fields, false),
    role: role(fields, false),
    status: status as UserPatch['status'],
  };
  noExtras(fields);
  fields.done();
  return patch;
}

/**
 * Whether `If-Match` allows a write to `version`, compared strongly (RFC 9110 §13.1.1): `*`, or
 * a list of entity tags one of which is exactly `"<version>"`. Absent: undefined. Not a list
 * of entity tags: `422` naming the header.
 */
export function ifMatches(header: string | undefined, version: number): boolean | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return true;
  const tags = header.split(',').map((tag) => tag.trim());
  if (!tags.every((tag) => /^(W\/)?"[\x21\x23-\x7e]*"$/.test(tag)))
    throw invalid([error('If-Match', 'invalid_etag', 'If-Match holds entity tags such as "3".')]);
  return tags.includes(`"${version}"`);
}

/** The parsed query of `GET /users`. */
export interface ListQuery {
  q: string;
  role: string | undefined;
  status: UserStatus | undefined;
  sort: string;
  limit: number;
  offset: number;
}

const DEFAULT_LIMIT = 50;

/** Reads and checks the query; `inactive` is refused (this server has no inactivity filter). */
export function listQuery(params: URLSearchParams): ListQuery {
  const errors: FieldError[] = [];
  const limitText = params.get('limit') ?? String(DEFAULT_LIMIT);
  const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= 200))
    errors.push(error('limit', 'out_of_range', 'limit is a whole number from 1 to 200.'));
  const sort = params.get('sort') ?? 'name';
  if (!SORT_KEYS.includes(sort.replace(/^-/, '') as never))
    errors.push(error('sort', 'unknown_sort', `Cannot sort by "${sort}".`));
  const status = params.get('status') ?? undefined;
  if (status !== undefined && !USER_STATUSES.includes(status as UserStatus))
    errors.push(error('status', 'invalid_value', `There is no status "${status}".`));
  if (params.has('inactive'))
    errors.push(error('inactive', 'not_supported', 'This server has no inactivity filter.'));
  const query = {
    q: (params.get('q') ?? '').trim().toLowerCase(),
    role: params.get('role') ?? undefined,
    status: status as UserStatus | undefined,
    sort,
    limit,
    offset: 0,
  };
  const cursor = params.get('cursor');
  if (cursor !== null) {
    const offset = readCursor(cursor, query);
    if (offset === undefined)
      errors.push(error('cursor', 'invalid_cursor', 'Use a nextCursor of the same search.'));
    else query.offset = offset;
  }
  if (errors.length) throw invalid(errors);
  return query;
}

/** What a cursor is bound to: a cursor of one search does not page through another. */
function searchKey(query: ListQuery): string {
  const text = JSON.stringify([query.q, query.role, query.status, query.sort]);
  return createHash('sha256').update(text).digest('base64url').slice(0, 10);
}

/** The opaque cursor of the page starting at `offset` of this search. */
export function cursorAt(offset: number, query: ListQuery): string {
  return Buffer.from(`${offset}~${searchKey(query)}`).toString('base64url');
}

function readCursor(cursor: string, query: ListQuery): number | undefined {
  const match = /^(\d{1,9})~(.+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match || match[2] !== searchKey(query)) return undefined;
  return Number(match[1]);
}
