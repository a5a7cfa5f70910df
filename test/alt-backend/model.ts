/**
 * The organisation this backend serves, in memory: three roles of its own, sixty people, and
 * who may do what to whom. Written from openapi.yaml and CONTRACT.md only; its choices differ
 * from the bundled mock's on purpose wherever the contract leaves room (ids, ranks, names,
 * which features exist, extra fields on every object).
 */
import { randomUUID } from 'node:crypto';
import type {
  AllowedActions,
  Capabilities,
  Role,
  Seats,
  User,
  UserStatus,
  Workspace,
} from '../../src/api/types.js';

/** Members of this server's own on its objects: the contract says nothing of them. */
interface RoleExtras {
  colour: string;
  billable: boolean;
}
interface AccountExtras {
  externalRef: string;
  locale: string;
}

/** A stored person: a `User` without the actor-dependent `allowedActions`. */
export type Account = Omit<User, 'allowedActions'> & AccountExtras;

/**
 * The roles, highest rank first. Who may view users is who may assign a role (`assignable`
 * not empty); a `viewer` manages nobody and sees nobody.
 */
export const ROLES: readonly (Role & RoleExtras)[] = [
  {
    id: 'org_admin',
    name: 'Organisation admin',
    description: 'Runs the organisation: people, billing and settings.',
    rank: 300,
    assignable: ['org_admin', 'member', 'viewer'],
    modules: { inbox: 'full', reports: 'full', settings: 'full' },
    restrictions: [],
    forcedFlags: [],
    allPermissions: true,
    colour: '#6d28d9',
    billable: true,
  },
  {
    id: 'member',
    name: 'Member',
    description: 'Works the shared inbox and may bring in viewers.',
    rank: 200,
    assignable: ['viewer'],
    modules: { inbox: 'full', reports: 'full', settings: 'none' },
    restrictions: [],
    forcedFlags: [],
    allPermissions: false,
    colour: '#0f766e',
    billable: true,
  },
  {
    id: 'viewer',
    name: 'Viewer',
    description: 'Reads reports; sees no one else.',
    rank: 100,
    assignable: [],
    modules: { inbox: 'none', reports: 'full', settings: 'none' },
    restrictions: [],
    forcedFlags: [],
    allPermissions: false,
    colour: '#64748b',
    billable: false,
  },
];

export const TOP_ROLE = ROLES[0]!;

/** The role of this id, if declared. */
export function roleOf(id: string): (Role & RoleExtras) | undefined {
  return ROLES.find((role) => role.id === id);
}

/** Everything optional is off except suspension; removal deletes the account. */
export function workspaceOf(seats: Seats): Workspace & { region: string; billingEmail: string } {
  return {
    id: WORKSPACE_ID,
    name: 'Northwind Trading',
    plan: 'team',
    seats,
    features: {
      presence: false,
      roleTemplates: false,
      permissions: false,
      suspension: true,
      reassignOnRevoke: false,
      export: false,
      restrictions: false,
      flags: [],
      removal: 'delete',
    },
    region: 'eu-north',
    billingEmail: 'billing@northwind.test',
  };
}
const WORKSPACE_ID = randomUUID();

/** How many seats the plan has. */
export const SEAT_LIMIT = 75;
/** How long an invitation works. */
export const INVITE_DAYS = 14;
const DAY_MS = 86_400_000;

/** Whether `actor` may manage `user`: never itself, and only holders of roles it may assign. */
export function mayManage(actor: Account, user: Account): boolean {
  return actor.id !== user.id && (roleOf(actor.role)?.assignable.includes(user.role) ?? false);
}

/** What `actor` may do to `user`. No per-user permissions here, so `editPermissions` is off. */
export function allowedActions(actor: Account, user: Account): AllowedActions {
  const manage = mayManage(actor, user);
  const assignable = roleOf(actor.role)?.assignable ?? [];
  return {
    edit: manage,
    changeRole: manage ? assignable.filter((role) => role !== user.role) : [],
    // An address can be corrected while the invitation is pending; after that it is the person's.
    editEmail: manage && user.status === 'invited',
    editPermissions: false,
    suspend: manage && user.status === 'active',
    reactivate: manage && user.status === 'suspended',
    resendInvitation: manage && user.status === 'invited',
    revoke: manage,
  };
}

/** What `actor` may do workspace-wide. */
export function capabilitiesOf(actor: Account): Capabilities {
  const assignable = roleOf(actor.role)?.assignable ?? [];
  return {
    viewUsers: assignable.length > 0,
    inviteRoles: [...assignable],
    export: false,
    manageTemplates: false,
  };
}

/** `user` as `actor` sees it. */
export function userView(user: Account, actor: Account): User & AccountExtras {
  return { ...user, allowedActions: allowedActions(actor, user) };
}

/** A new account, as an invitation or the seed makes it. */
export function newAccount(
  fields: Pick<Account, 'email' | 'name' | 'role'> & Partial<Account>,
  now = Date.now(),
): Account {
  const at = new Date(now).toISOString();
  return {
    id: randomUUID(),
    avatarUrl: null,
    roleTemplateId: null,
    status: 'invited',
    flags: {},
    restrictions: {},
    permissions: {},
    team: null,
    assignedContacts: 0,
    online: false,
    lastActiveAt: null,
    lastLoginAt: null,
    invitedAt: at,
    inviteExpiresAt: new Date(now + INVITE_DAYS * DAY_MS).toISOString(),
    createdAt: at,
    updatedAt: at,
    version: 1,
    externalRef: `hr-${1000 + Math.floor(Math.random() * 9000)}`,
    locale: 'en-GB',
    ...fields,
  };
}

/** The sign-in names the test sessions use, and who they are. */
export const PERSONAS = {
  admin: 'greta@northwind.test',
  admin2: 'tomas@northwind.test',
  member: 'priya@northwind.test',
  viewer: 'kofi@northwind.test',
} as const;
export type PersonaName = keyof typeof PERSONAS;

const TEAMS = ['Customer care', 'Finance', 'Logistics', 'Operations'];
/** name, address at northwind.test, role, status, team, days since joining. */
type Person = [string, string, string, UserStatus, string | null, number];
const PEOPLE: Person[] = [
  ['Greta Lindqvist', 'greta', 'org_admin', 'active', 'Operations', 400],
  ['Tomás Ibarra', 'tomas', 'org_admin', 'active', 'Finance', 380],
  ['Priya Raman', 'priya', 'member', 'active', 'Customer care', 300],
  ['Kofi Mensah', 'kofi', 'viewer', 'active', 'Finance', 250],
  ['Aiko Tanaka', 'aiko', 'member', 'active', 'Customer care', 200],
  ['Lars Øberg', 'lars', 'member', 'active', 'Logistics', 180],
  ['Nadia Haddad', 'nadia', 'viewer', 'active', null, 120],
  ['Owen Price', 'owen', 'member', 'suspended', 'Logistics', 90],
  ['Zuzana Horváth', 'zuzana', 'viewer', 'active', 'Operations', 60],
  ['Mateo Rossi', 'mateo', 'member', 'invited', null, 3],
  ['', 'sam', 'viewer', 'invited', null, 1],
  // Enough more that a list takes two pages of the elements' 50: the cursors get walked.
  ...['Amir', 'Beatriz', 'Chen', 'Dmitri', 'Elena', 'Farah', 'Gustav'].flatMap((first, i) =>
    ['Kowalski', 'Nakamura', 'Okafor', 'Petrov', 'Quinn', 'Santos', 'Varga'].map(
      (last, j): Person => [
        `${first} ${last}`,
        `${first}.${last}`.toLowerCase(),
        (i + j) % 3 ? 'viewer' : 'member',
        'active',
        TEAMS[(i + j) % TEAMS.length]!,
        30 + 7 * i + j,
      ],
    ),
  ),
];

/** The people of the organisation at start. */
export function seedAccounts(now = Date.now()): Account[] {
  return PEOPLE.map(([name, local, role, status, team, days], i) => {
    const joined = now - days * DAY_MS;
    const account = newAccount(
      { email: `${local}@northwind.test`, name, role, status, team },
      joined,
    );
    if (status === 'invited') return account;
    const lastLogin = new Date(now - (i + 1) * 3 * 3_600_000).toISOString();
    return {
      ...account,
      assignedContacts: 5 * i,
      lastLoginAt: lastLogin,
      inviteExpiresAt: null,
      updatedAt: lastLogin,
    };
  });
}
