/**
 * The Roster REST contract as TypeScript types: the one source of truth shared by the client,
 * the store, the mock server and the tests. `openapi.yaml` documents the same shapes for
 * backend teams; the conformance suite checks that the two agree.
 */

/** Lifecycle of a user in a workspace. */
export type UserStatus = 'invited' | 'active' | 'suspended';
export const USER_STATUSES: readonly UserStatus[] = ['invited', 'active', 'suspended'];

/** How a role reaches a module: always, when the owner allows it (a restriction), or never. */
export type ModuleAccess = 'full' | 'optional' | 'none';

/** Fine-grained actions on a permission category. */
export type PermissionAction = 'view' | 'create' | 'edit' | 'delete' | 'manage';

/** Per-user grants: category id → the actions granted on it. */
export type PermissionGrants = Record<string, PermissionAction[]>;

/** A value of a restriction: a flag is on/off, a choice holds one option's value. */
export type RestrictionValue = boolean | string;

/** Per-user restriction values, keyed by restriction id. */
export type RestrictionValues = Record<string, RestrictionValue>;

/** Per-user boolean flags (e.g. CRM access), keyed by flag id. */
export type FlagValues = Record<string, boolean>;

/** A restriction the server lets an admin put on users of one role. */
export interface RestrictionDefinition {
  id: string;
  name: string;
  description: string;
  kind: 'flag' | 'choice';
  /** For `choice`: the options, the first one meaning "no restriction". */
  options?: { value: string; name: string; description?: string }[];
  /** The value a new user gets when none is given. */
  default: RestrictionValue;
  /** When set, only workspaces on one of these plans may use it; others see it disabled. */
  plans?: string[];
  /** The module an `optional` access in the module chart depends on, when any. */
  module?: string;
}

/** A role as the server declares it. Higher rank = more power. */
export interface Role {
  id: string;
  name: string;
  description: string;
  rank: number;
  /** Role ids a holder of this role may give to others (invite or change to). */
  assignable: string[];
  /** Module chart: module id → access. */
  modules: Record<string, ModuleAccess>;
  /** Restrictions that may be put on users holding this role. */
  restrictions: RestrictionDefinition[];
  /** Flag ids that are always on for this role and cannot be turned off. */
  forcedFlags: string[];
  /** True when the role holds every permission (e.g. admin); otherwise grants apply. */
  allPermissions: boolean;
}

export interface PermissionCategory {
  id: string;
  name: string;
  description: string;
  actions: PermissionAction[];
}

export interface PermissionActionDefinition {
  id: PermissionAction;
  name: string;
  /** Actions that granting this one implies (e.g. `edit` implies `view`). */
  implies: PermissionAction[];
}

export interface FlagDefinition {
  id: string;
  name: string;
  description: string;
  /** The module an `optional` access in the module chart depends on, when any (CRM → crm). */
  module?: string;
}

export interface ModuleDefinition {
  id: string;
  name: string;
  /** Optional parent module id, for nested rows such as Workspace Settings → Users. */
  parent?: string;
}

/** `GET /permissions`: everything the permission and module UIs render. */
export interface PermissionCatalog {
  modules: ModuleDefinition[];
  categories: PermissionCategory[];
  actions: PermissionActionDefinition[];
  flags: FlagDefinition[];
}

/** A reusable permission set, applied on top of a user's base role. */
export interface RoleTemplate {
  id: string;
  name: string;
  description: string;
  permissions: PermissionGrants;
  /**
   * How many users hold this template (any status). Derived by the server: it changes when
   * users are invited with it, moved to or off it, or removed, without a new `version`.
   */
  userCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface RoleTemplateInput {
  name: string;
  description?: string;
  permissions: PermissionGrants;
}

export interface Seats {
  used: number;
  /** null when the plan has no user limit. */
  limit: number | null;
}

/** Which optional parts of the contract this server supports. */
export interface WorkspaceFeatures {
  presence: boolean;
  roleTemplates: boolean;
  permissions: boolean;
  suspension: boolean;
  reassignOnRevoke: boolean;
  export: boolean;
  restrictions: boolean;
  /**
   * Whether `GET /users` and `GET /users/export` take the `inactive` filter. Optional: absent
   * means no (the elements then offer no inactivity filter).
   */
  inactiveFilter?: boolean;
  /** Ids of per-user flags in use (see the catalog's `flags`). */
  flags: string[];
  /**
   * What removing a user means: `revoke` takes workspace access away (their organisation
   * membership remains); `delete` removes the account (records kept for audit).
   */
  removal: 'revoke' | 'delete';
}

export interface Workspace {
  id: string;
  name: string;
  plan: string;
  seats: Seats;
  features: WorkspaceFeatures;
}

/** What the actor may do to one user. The elements show exactly these actions. */
export interface AllowedActions {
  edit: boolean;
  /** Roles the actor may change this user to (excluding the current one). */
  changeRole: string[];
  editEmail: boolean;
  editPermissions: boolean;
  suspend: boolean;
  reactivate: boolean;
  resendInvitation: boolean;
  revoke: boolean;
}

export interface User {
  id: string;
  email: string;
  name: string;
  avatarUrl: string | null;
  role: string;
  roleTemplateId: string | null;
  status: UserStatus;
  flags: FlagValues;
  restrictions: RestrictionValues;
  permissions: PermissionGrants;
  team: string | null;
  /** How many contacts are assigned to this user (what reassignment on revoke moves). */
  assignedContacts: number;
  online: boolean;
  lastActiveAt: string | null;
  lastLoginAt: string | null;
  invitedAt: string | null;
  inviteExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  allowedActions: AllowedActions;
}

/** What the actor may do workspace-wide. */
export interface Capabilities {
  viewUsers: boolean;
  /** Role ids the actor may invite; empty when it may not invite. */
  inviteRoles: string[];
  export: boolean;
  manageTemplates: boolean;
  /**
   * What the actor may grant to users and role templates (normalised: implied actions
   * included). Absent when the server does not say: a client then lets the person try and
   * shows the server's refusal (`forbidden` with `not_grantable` field errors).
   */
  grantable?: PermissionGrants;
}

export interface Me {
  user: User;
  capabilities: Capabilities;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

export type SortKey = 'name' | 'email' | 'lastActiveAt' | 'lastLoginAt' | 'role' | 'status';
export const SORT_KEYS: readonly SortKey[] = [
  'name',
  'email',
  'lastActiveAt',
  'lastLoginAt',
  'role',
  'status',
];
/** A sort key, `-` prefixed for descending. */
export type Sort = SortKey | `-${SortKey}`;

/** Query of `GET /users` and `GET /users/export`. */
export interface UsersQuery {
  q?: string;
  role?: string;
  status?: UserStatus;
  /**
   * Inactive accounts only (needs `features.inactiveFilter`): a number of days matches users
   * with no activity in that many days (`lastActiveAt`, else `lastLoginAt`, older than now
   * minus N days, or none: never signed in); `never` matches users who never signed in
   * (`lastLoginAt` null, which includes every invited user).
   */
  inactive?: number | 'never';
  sort?: Sort;
  cursor?: string;
  limit?: number;
}

export interface InvitationInput {
  email: string;
  name?: string;
  role: string;
  roleTemplateId?: string | null;
  flags?: FlagValues;
  restrictions?: RestrictionValues;
  permissions?: PermissionGrants;
}

/** Body of `PATCH /users/{id}`: only what changes. */
export interface UserPatch {
  name?: string;
  email?: string;
  role?: string;
  status?: 'active' | 'suspended';
  roleTemplateId?: string | null;
  flags?: FlagValues;
  restrictions?: RestrictionValues;
  permissions?: PermissionGrants;
}

/** The error codes the contract defines; the mock sends only these. */
export type ErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'cannot_modify_self'
  | 'role_not_assignable'
  | 'not_found'
  | 'email_taken'
  | 'seat_limit_reached'
  | 'last_owner'
  | 'not_invited'
  | 'version_conflict'
  | 'validation_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal';

/**
 * A problem's `code` as a client must read it: the set is open, so a backend may send its
 * own codes (`trial_restriction`…); clients fall back on the status and the server's `detail`.
 */
export type ProblemCode = ErrorCode | (string & {});

export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  cannot_modify_self: 403,
  role_not_assignable: 403,
  not_found: 404,
  email_taken: 409,
  seat_limit_reached: 409,
  last_owner: 409,
  not_invited: 409,
  version_conflict: 412,
  validation_failed: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
};

export interface FieldError {
  /** The input field, as a dotted path (`email`, `restrictions.contactVisibility`). */
  field: string;
  code: string;
  message: string;
}

/** RFC 9457 problem details, as every error answer carries. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  errors?: FieldError[];
  instance?: string;
}

/** Live events on `GET /events`, by SSE event name. */
export interface EventPayloads {
  presence: { userId: string; online: boolean; lastActiveAt: string | null };
  'user.created': { user: User };
  'user.updated': { user: User };
  'user.removed': { userId: string };
  seats: Seats;
  /** A template was created, changed, or its `userCount` changed. */
  'template.created': { template: RoleTemplate };
  'template.updated': { template: RoleTemplate };
  /** A template was deleted; its holders come as `user.updated` with `roleTemplateId: null`. */
  'template.removed': { templateId: string };
  resync: Record<string, never>;
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = [
  'presence',
  'user.created',
  'user.updated',
  'user.removed',
  'seats',
  'template.created',
  'template.updated',
  'template.removed',
  'resync',
];

/** A decoded live event. */
export type LiveEvent = {
  [K in EventName]: { id: string; type: K; data: EventPayloads[K] };
}[EventName];
