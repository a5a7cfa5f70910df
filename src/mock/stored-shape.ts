/**
 * Checks that data read back from a storage has the shapes of `model.ts`, so that a hand-edited or
 * foreign file is refused at start naming the field that is wrong, instead of serving users with
 * ids like `u_NaN`. Browser-safe. Each shape lists every field of its type (the compiler checks
 * that none is missing), so a field added to the model needs its check here.
 */
import { USER_STATUSES } from '../api/types.js';
import type * as model from './model.js';
import type { StoredEmail } from './outbox.js';
import { PRESET_NAMES } from './presets.js';

/** A value that does not have its shape; `at` is its path, e.g. `state.users[3].email`. */
export class ShapeError extends Error {
  constructor(
    readonly at: string,
    expected: string,
    found: unknown,
  ) {
    super(`${at} must be ${expected} (found ${describe(found)}).`);
    this.name = 'ShapeError';
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 40 ? `${json.slice(0, 40)}…` : json;
}

type Check = (value: unknown, at: string) => void;

const is =
  (expected: string, test: (value: unknown) => boolean): Check =>
  (value, at) => {
    if (!test(value)) throw new ShapeError(at, expected, value);
  };
const isString = (value: unknown) => typeof value === 'string';
const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
const string = is('a string', isString);
const stringOrNull = is('a string or null', (value) => value === null || isString(value));
const boolean = is('true or false', (value) => typeof value === 'boolean');
const count = is('a whole number ≥ 0', isCount);
const oneOf = (values: readonly unknown[]) =>
  is(`one of ${values.map((value) => JSON.stringify(value)).join(', ')}`, (value) =>
    values.includes(value),
  );
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const object = is('an object', isObject);

const record =
  (check: Check): Check =>
  (value, at) => {
    object(value, at);
    for (const [key, item] of Object.entries(value as object)) check(item, `${at}.${key}`);
  };

const list =
  (check: Check): Check =>
  (value, at) => {
    if (!Array.isArray(value)) throw new ShapeError(at, 'an array', value);
    value.forEach((item, index) => check(item, `${at}[${index}]`));
  };

/** An object with these fields (every field of `T`, so none is forgotten). */
const fields =
  <T>(shape: { [K in keyof T]-?: Check }): Check =>
  (value, at) => {
    object(value, at);
    for (const [key, check] of Object.entries<Check>(shape))
      check((value as Record<string, unknown>)[key], `${at}.${key}`);
  };

const grants = record(list(string));

const user = fields<model.StoredUser>({
  id: string,
  email: string,
  name: string,
  avatarUrl: stringOrNull,
  role: string,
  roleTemplateId: stringOrNull,
  status: oneOf(USER_STATUSES),
  flags: record(boolean),
  restrictions: record(is('true, false or a string', (v) => typeof v === 'boolean' || isString(v))),
  permissions: grants,
  team: stringOrNull,
  assignedContacts: count,
  online: boolean,
  lastActiveAt: stringOrNull,
  lastLoginAt: stringOrNull,
  invitedAt: stringOrNull,
  inviteExpiresAt: stringOrNull,
  createdAt: string,
  updatedAt: string,
  version: count,
});

const template = fields<model.StoredTemplate>({
  id: string,
  name: string,
  description: string,
  permissions: grants,
  createdAt: string,
  updatedAt: string,
  version: count,
});

const idempotency = fields<model.IdempotencyEntry>({
  actorId: string,
  key: string,
  body: string,
  status: count,
  response: () => {},
  at: is('a time in milliseconds', Number.isFinite),
});

const counters = fields<model.Counters>({ user: count, template: count });
const seatLimit = is('a whole number ≥ 0 or null', (value) => value === null || isCount(value));

/** A field that data files from before it was added lack. */
const optional =
  (check: Check): Check =>
  (value, at) => {
    if (value !== undefined) check(value, at);
  };

const email = fields<StoredEmail>({
  id: string,
  kind: oneOf(['invitation', 'resent']),
  userId: string,
  to: string,
  name: stringOrNull,
  role: string,
  invitedBy: stringOrNull,
  token: string,
  sentAt: string,
  expiresAt: string,
  state: oneOf(['pending', 'accepted', 'superseded', 'expired', 'revoked']),
});

const state = fields<model.PersistedState>({
  format: oneOf(['roster-mock']),
  version: oneOf([1]),
  preset: oneOf(PRESET_NAMES),
  seatLimit,
  plan: optional(string),
  personas: record(string),
  users: list(user),
  templates: list(template),
  idempotency: list(idempotency),
  counters,
  outbox: optional(list(email)),
});

/** The check of each kind of change (beside its `kind`). */
const changeFields: { [K in model.Change['kind']]: Check } = {
  user: fields({ user }),
  userRemoved: fields({ id: string }),
  template: fields({ template }),
  templateRemoved: fields({ id: string }),
  idempotency: fields({ entry: idempotency }),
  counters: fields({ counters }),
  seatLimit: fields({ seatLimit }),
  plan: fields({ plan: string }),
  email: fields({ email }),
};
const kinds = Object.keys(changeFields) as model.Change['kind'][];

const change: Check = (value, at) => {
  fields({ kind: oneOf(kinds) })(value, at);
  changeFields[(value as model.Change).kind](value, at);
};

/** Throws a `ShapeError` unless `value` is a `PersistedState`. */
export function checkState(value: unknown, at = 'state'): asserts value is model.PersistedState {
  state(value, at);
}

/** Throws a `ShapeError` unless `value` is a list of `Change`s. */
export function checkChanges(value: unknown, at = 'changes'): asserts value is model.Change[] {
  list(change)(value, at);
}
