/**
 * The fields of each answer the elements rely on, and what stands in when a backend leaves one
 * out or sends it with another type. A broken answer must not leave dead buttons or an empty
 * menu behind: the field gets an empty stand-in (an absent list is empty, an absent permission
 * is "not allowed"), and the breach is reported once, naming the schema and the field
 * (openapi.yaml has the full contract; the conformance suite checks all of it).
 */
import { RosterContractError } from './errors.js';
import type { FailedRequest } from './errors.js';

/**
 * What each field must be: a JSON type (`string`, `number`, `boolean`, `array`, `object`, or
 * alternatives such as `number|null`), the shape of a nested object, or `[shape]` for a list
 * of such objects.
 */
export interface Shape {
  readonly [field: string]: string | Shape | readonly [Shape];
}

const Seats: Shape = { used: 'number', limit: 'number|null' };
const AllowedActions: Shape = {
  edit: 'boolean',
  changeRole: 'array',
  editEmail: 'boolean',
  editPermissions: 'boolean',
  suspend: 'boolean',
  reactivate: 'boolean',
  resendInvitation: 'boolean',
  revoke: 'boolean',
};
const User: Shape = {
  id: 'string',
  email: 'string',
  name: 'string',
  role: 'string',
  status: 'string',
  flags: 'object',
  restrictions: 'object',
  permissions: 'object',
  online: 'boolean',
  version: 'number',
  allowedActions: AllowedActions,
};
const RoleTemplate: Shape = {
  id: 'string',
  name: 'string',
  permissions: 'object',
  userCount: 'number',
  version: 'number',
};
const Role: Shape = {
  id: 'string',
  name: 'string',
  rank: 'number',
  assignable: 'array',
  modules: 'object',
  restrictions: 'array',
  forcedFlags: 'array',
  allPermissions: 'boolean',
};

/** The answers' shapes, by their schema names in openapi.yaml (lists as `…List`). */
export const SHAPES = {
  Workspace: {
    name: 'string',
    seats: Seats,
    features: {
      presence: 'boolean',
      roleTemplates: 'boolean',
      permissions: 'boolean',
      suspension: 'boolean',
      reassignOnRevoke: 'boolean',
      export: 'boolean',
      restrictions: 'boolean',
      flags: 'array',
      removal: 'string',
    },
  },
  Me: {
    user: User,
    capabilities: {
      viewUsers: 'boolean',
      inviteRoles: 'array',
      export: 'boolean',
      manageTemplates: 'boolean',
    },
  },
  User,
  UserPage: { items: [User], nextCursor: 'string|null', total: 'number' },
  RoleList: { items: [Role] },
  PermissionCatalog: { modules: 'array', categories: 'array', actions: 'array', flags: 'array' },
  RoleTemplate,
  RoleTemplateList: { items: [RoleTemplate] },
  // Live events' payloads, by event name.
  presence: { userId: 'string', online: 'boolean' },
  'user.created': { user: User },
  'user.updated': { user: User },
  'user.removed': { userId: 'string' },
  seats: Seats,
  'template.created': { template: RoleTemplate },
  'template.updated': { template: RoleTemplate },
  'template.removed': { templateId: 'string' },
} satisfies Record<string, Shape>;

/** A schema name of {@link SHAPES}. */
export type ShapeName = keyof typeof SHAPES;

/** Receives one breach: the field's dotted path (`items[].role`) and the type wanted. */
type Report = (field: string, expected: string) => void;

/**
 * Checks `value` against `shape` in place: a field that is absent or of another type is
 * replaced by an empty stand-in (`''`, `0`, `false`, `[]`, `{}`, or `null` where allowed) and
 * reported. The fields of a stand-in object are filled without further reports.
 */
function conform(value: Record<string, unknown>, shape: Shape, report: Report, path = ''): void {
  for (const [key, want] of Object.entries(shape)) {
    const field = path + key;
    const expected = typeof want === 'string' ? want : Array.isArray(want) ? 'array' : 'object';
    let got = value[key];
    const ok = expected.split('|').includes(typeOf(got));
    if (!ok) {
      report(field, expected);
      got = value[key] = expected.includes('null')
        ? null
        : ({ string: '', number: 0, boolean: false, array: [] }[expected] ?? {});
    }
    if (Array.isArray(want))
      for (const [i, item] of (got as unknown[]).entries())
        conform(
          typeOf(item) === 'object'
            ? (item as Record<string, unknown>)
            : ((got as unknown[])[i] = {}),
          want[0],
          report,
          `${field}[].`,
        );
    else if (typeof want === 'object')
      conform(got as Record<string, unknown>, want as Shape, ok ? report : () => {}, `${field}.`);
  }
}

/** The JSON type of a parsed value: `string`, `number`, `boolean`, `null`, `array` or `object`. */
function typeOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

/**
 * Makes the checker of one client or event stream: `check(name, body, info)` returns `body`
 * made to fit the named shape (a body that is not an object becomes `{}`) and whether it broke
 * the contract, and calls `onBreach` with a {@link RosterContractError} for each breach not
 * reported before (logged to the console too: it names the request, the schema, the field and the type).
 */
export function contractChecker(onBreach?: (error: RosterContractError) => void) {
  const reported = new Set<string>();
  return <T>(name: ShapeName, body: unknown, info: FailedRequest): [value: T, broken: boolean] => {
    const holder = { [name]: body };
    let broken = false;
    conform(holder, { [name]: SHAPES[name] }, (field, expected) => {
      broken = true;
      if (reported.has(field)) return;
      reported.add(field);
      const error = new RosterContractError(info, field, expected);
      console.error(error.message);
      onBreach?.(error);
    });
    return [holder[name] as T, broken];
  };
}
