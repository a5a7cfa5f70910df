/**
 * Input checking for the mock: request bodies (size, JSON, shape), emails, names and permission
 * grants. Everything here only reads; nothing is changed until a whole request has passed.
 * Field error codes: `required`, `unknown_field`, `invalid_type`, `invalid_email`, `too_long`,
 * `invalid_characters` (control characters, lone surrogates), `blank`, `too_deep`,
 * `unknown_category`, `unknown_action`.
 */
import { MAX_NAME_LENGTH, isValidEmail } from '../api/rules.js';
import type { FieldError, PermissionAction, PermissionGrants } from '../api/types.js';
import type { PresetConfig } from './presets.js';
import { ProblemError, fieldError, invalid } from './problems.js';

/** Largest accepted request body. */
const MAX_BODY_BYTES = 64 * 1024;
/** Deepest nesting of arrays and objects accepted in a body; the contract's go three deep. */
const MAX_DEPTH = 16;

/**
 * Reads a request body as JSON. Refused, in this order: more than 64 KB (413); a body not
 * labelled as JSON (415: a page on another site may send a `text/plain` body without a CORS
 * preflight, so a cookie-authenticated backend must not read one); bytes that are not UTF-8, an
 * empty body and text that is not JSON (400 `bad_request`, a syntax error: RFC 9110
 * §15.5.1); nesting deeper than {@link MAX_DEPTH} (422, field `body`). A leading byte-order mark
 * is skipped, as RFC 8259 §8.1 lets a parser do. An empty body is accepted when `empty` says
 * what it stands for (an optional body). Well-formed JSON of the wrong shape (`null`, an array)
 * is for the caller's {@link BodyReader} to refuse (422).
 */
export async function readJson(request: Request, empty?: unknown): Promise<unknown> {
  const bytes = await readBytes(request);
  if (bytes.byteLength > 0) checkMediaType(request.headers.get('content-type'));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw malformed('The body is not valid UTF-8.');
  }
  if (text.trim() === '') {
    if (empty !== undefined) return empty;
    throw malformed('The body is empty: send a JSON object.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw malformed(`The body is not valid JSON (${(error as Error).message}).`);
  }
  if (nestsDeeper(value, MAX_DEPTH))
    throw invalid([
      fieldError('body', 'too_deep', `Arrays and objects nest more than ${MAX_DEPTH} levels deep.`),
    ]);
  return value;
}

/** The body's bytes, refusing more than {@link MAX_BODY_BYTES}, declared or streamed. */
async function readBytes(request: Request): Promise<Uint8Array> {
  const tooLarge = () =>
    new ProblemError('payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        // Not cancel(): over HTTP that resets the connection before the 413 is read. The rest of
        // the body is the transport's to discard (node-server.ts drains it, within bounds).
        reader.releaseLock();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function malformed(detail: string): ProblemError {
  return new ProblemError('bad_request', detail);
}

/**
 * Refuses a `Content-Type` other than `application/json` or a `+json` type
 * (`application/merge-patch+json`), parameters aside; a missing one too.
 */
function checkMediaType(header: string | null): void {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || /^application\/[\w.-]+\+json$/.test(type)) return;
  throw new ProblemError(
    'unsupported_media_type',
    `Send the body as application/json (it came as ${type || 'no Content-Type'}).`,
    undefined,
    { Accept: 'application/json' },
  );
}

/** Whether arrays and objects in `value` nest more than `limit` deep; walked without recursion. */
function nestsDeeper(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Collects field errors while reading a JSON object: each getter checks one field's type and
 * records an error rather than throwing, so one answer lists every problem.
 */
export class BodyReader {
  readonly errors: FieldError[] = [];
  /** Fields already refused for lone surrogates: their getters read nothing more. */
  private readonly malformed = new Set<string>();

  constructor(
    readonly body: JsonObject,
    allowed: readonly string[],
  ) {
    for (const [key, value] of Object.entries(body)) {
      if (!allowed.includes(key))
        this.errors.push(fieldError(key, 'unknown_field', `Unknown field "${key}".`));
      else if (!isWellFormed(value)) {
        this.malformed.add(key);
        this.errors.push(
          fieldError(
            malformedAt(key, value),
            'invalid_characters',
            'Must be valid Unicode text (no lone surrogates).',
          ),
        );
      }
    }
  }

  /** Starts reading a body that must be a JSON object with only the allowed keys. */
  static of(value: unknown, allowed: readonly string[]): BodyReader {
    if (!isObject(value))
      throw invalid([fieldError('body', 'invalid_type', 'The body must be a JSON object.')]);
    return new BodyReader(value, allowed);
  }

  has(key: string): boolean {
    return Object.hasOwn(this.body, key);
  }

  string(key: string, required = false): string | undefined {
    const value = this.body[key];
    if (value === undefined) {
      if (required) this.errors.push(fieldError(key, 'required', `"${key}" is required.`));
      return undefined;
    }
    if (typeof value !== 'string') return this.wrongType(key, 'a string');
    return this.malformed.has(key) ? undefined : value;
  }

  /** A string or null (e.g. `roleTemplateId`). */
  nullableString(key: string): string | null | undefined {
    return this.body[key] === null ? null : this.string(key);
  }

  /** An object whose values all have the given type (e.g. flags: booleans). */
  record<T>(
    key: string,
    guard: (value: unknown) => value is T,
    expected: string,
  ): Record<string, T> | undefined {
    const value = this.body[key];
    if (value === undefined || this.malformed.has(key)) return undefined;
    if (!isObject(value)) return this.wrongType(key, 'an object');
    let ok = true;
    for (const [name, item] of Object.entries(value)) {
      if (!guard(item)) {
        ok = false;
        this.errors.push(fieldError(`${key}.${name}`, 'invalid_type', `Must be ${expected}.`));
      }
    }
    return ok ? (value as Record<string, T>) : undefined;
  }

  /** Throws a `validation_failed` with every error collected so far, if any. */
  done(): void {
    if (this.errors.length > 0) throw invalid(this.errors);
  }

  private wrongType(key: string, expected: string): undefined {
    this.errors.push(fieldError(key, 'invalid_type', `"${key}" must be ${expected}.`));
    return undefined;
  }
}

/** A lone surrogate (JSON lets `"\ud800"` through): not text, and not storable as UTF-8. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether every string in a JSON value, keys included, is well-formed UTF-16. */
function isWellFormed(value: unknown): boolean {
  if (typeof value === 'string') return !LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.every(isWellFormed);
  if (isObject(value))
    return Object.entries(value).every(([key, item]) => isWellFormed(key) && isWellFormed(item));
  return true;
}

/**
 * The field to name for a malformed value: `key`, or `key.name` for a value inside an object
 * (`restrictions.contactVisibility`, `permissions.users`); a malformed name itself names `key`.
 */
function malformedAt(key: string, value: unknown): string {
  if (!isObject(value)) return key;
  const inner = Object.entries(value).find(
    ([name, item]) => isWellFormed(name) && !isWellFormed(item),
  );
  return inner ? `${key}.${inner[0]}` : key;
}

export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
export const isFlagOrChoice = (value: unknown): value is boolean | string =>
  typeof value === 'boolean' || typeof value === 'string';
const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Trims an email and checks it; returns it trimmed (case kept) or records an error. */
export function checkEmail(raw: string, errors: FieldError[], field = 'email'): string {
  const email = raw.trim();
  if (!isValidEmail(email)) {
    errors.push(
      fieldError(field, 'invalid_email', 'Enter a valid email address (name@example.com).'),
    );
  }
  return email;
}

/** Trims a display name and checks it: at most 200 characters, no control characters. */
export function checkName(
  raw: string,
  errors: FieldError[],
  field = 'name',
  allowEmpty = true,
): string {
  const name = raw.trim();
  if (name.length > MAX_NAME_LENGTH)
    errors.push(fieldError(field, 'too_long', `At most ${MAX_NAME_LENGTH} characters.`));
  else if (/\p{Cc}/u.test(name))
    errors.push(fieldError(field, 'invalid_characters', 'Control characters are not allowed.'));
  else if (!allowEmpty && name === '')
    errors.push(fieldError(field, 'blank', 'Must not be blank.'));
  return name;
}

/** Checks permission grants against the catalog (shape, categories, actions). */
export function checkGrants(
  config: PresetConfig,
  value: unknown,
  errors: FieldError[],
  field = 'permissions',
): PermissionGrants | undefined {
  if (!isObject(value)) {
    errors.push(fieldError(field, 'invalid_type', 'Must be an object of category → actions.'));
    return undefined;
  }
  const before = errors.length;
  for (const [category, actions] of Object.entries(value)) {
    const definition = config.catalog.categories.find((c) => c.id === category);
    if (!definition) {
      errors.push(
        fieldError(
          `${field}.${category}`,
          'unknown_category',
          `There is no permission category "${category}".`,
        ),
      );
    } else if (!isStringArray(actions)) {
      errors.push(fieldError(`${field}.${category}`, 'invalid_type', 'Must be a list of actions.'));
    } else {
      for (const action of actions) {
        if (!definition.actions.includes(action as PermissionAction)) {
          errors.push(
            fieldError(
              `${field}.${category}`,
              'unknown_action',
              `"${action}" is not an action of ${category}.`,
            ),
          );
        }
      }
    }
  }
  return errors.length === before ? (value as PermissionGrants) : undefined;
}
