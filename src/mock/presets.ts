/**
 * The mock's presets: which roles, modules, restrictions, permissions and features a workspace has,
 * and which personas (tokens) sign in to it. `workspace` follows seed product A (owner > manager >
 * agent, restrictions, module chart), `tenant` seed product B (admin > user, fine-grained
 * permissions, templates, suspension, CRM flag, user limit), `all` the A roles with every feature on.
 */
import type {
  FlagDefinition,
  ModuleAccess,
  ModuleDefinition,
  PermissionAction,
  PermissionActionDefinition,
  PermissionCatalog,
  PermissionCategory,
  PermissionGrants,
  RestrictionDefinition,
  RestrictionValues,
  Role,
  WorkspaceFeatures,
} from '../api/types.js';
import { topRole as highestRole } from '../api/rules.js';

export type PresetName = 'workspace' | 'tenant' | 'all';
export const PRESET_NAMES: readonly PresetName[] = ['workspace', 'tenant', 'all'];

/**
 * How holders of a role reach user management, beyond what `Role` declares:
 * `always` (subject to `usersBlockedBy`), by the `users` permission grants, or never.
 */
interface RoleRules {
  users: 'always' | 'permission' | 'never';
  /** A flag restriction that, when on, takes user management away (e.g. no workspace settings). */
  usersBlockedBy?: string;
  /** May export users (when the export feature is on), subject to `exportBlockedBy`. */
  export: boolean;
  exportBlockedBy?: string;
}

/** A seeded signed-in identity: its token is `token`. */
interface PersonaSpec {
  token: string;
  name: string;
  email: string;
  role: string;
  team: string | null;
  restrictions?: RestrictionValues;
  permissions?: PermissionGrants;
}

export interface PresetConfig {
  name: PresetName;
  /** `plan` is the one it starts on (`PATCH /mock/workspace` changes it). */
  workspace: { id: string; name: string; plan: string };
  /** The plans the workspace may be on, cheapest first. */
  plans: string[];
  /** Seat limit when the options do not override it (null = unlimited). */
  seatLimit: number | null;
  features: WorkspaceFeatures;
  /** Highest rank first: this order is also the `role` sort order. */
  roles: Role[];
  rules: Record<string, RoleRules>;
  catalog: PermissionCatalog;
  /** Whether an allowed editor may change a user's email (product B yes, product A no). */
  emailEditable: boolean;
  personas: PersonaSpec[];
  teams: string[];
}

const ACTIONS: PermissionActionDefinition[] = [
  { id: 'view', name: 'View', implies: [] },
  { id: 'create', name: 'Create', implies: ['view'] },
  { id: 'edit', name: 'Edit', implies: ['view'] },
  { id: 'delete', name: 'Delete', implies: ['view'] },
  { id: 'manage', name: 'Manage', implies: ['view', 'create', 'edit', 'delete'] },
];
const ALL_ACTIONS: PermissionAction[] = ACTIONS.map((action) => action.id);

const CATEGORIES: PermissionCategory[] = [
  ['conversations', 'Conversations', 'Chat, voice and email conversations.'],
  ['settings', 'Settings', 'Branding, channels and organisation settings.'],
  ['users', 'Users', 'Inviting, editing and removing users, and role templates.'],
  ['analytics', 'Analytics', 'Dashboards and reports.'],
  ['integrations', 'Integrations', 'CRM connections and other third-party integrations.'],
  ['experiments', 'Experiments', 'Tests that change routing, playbooks or assistant behaviour.'],
].map(([id, name, description]) => ({
  id: id!,
  name: name!,
  description: description!,
  actions: ALL_ACTIONS,
}));

const CRM_FLAG: FlagDefinition = {
  id: 'crmAccess',
  name: 'CRM access',
  description: 'May view and update CRM records.',
  module: 'crm',
};

const WORKSPACE_MODULES: ModuleDefinition[] = [
  { id: 'dashboard', name: 'Dashboard' },
  { id: 'contacts', name: 'Contacts' },
  { id: 'messages', name: 'Messages' },
  { id: 'shortcuts', name: 'Shortcuts' },
  { id: 'broadcasts', name: 'Broadcasts' },
  { id: 'reports', name: 'Reports' },
  { id: 'settings', name: 'Workspace settings' },
  ...[
    ['general', 'General'],
    ['users', 'Users'],
    ['teams', 'Teams'],
    ['channels', 'Channels'],
    ['contactFields', 'Contact fields'],
    ['integrations', 'Integrations'],
    ['snippets', 'Snippets'],
    ['files', 'Files'],
    ['dataExport', 'Data export'],
  ].map(([id, name]) => ({ id: `settings.${id!}`, name: name!, parent: 'settings' })),
  { id: 'profile', name: 'User profile' },
  { id: 'notifications', name: 'Notification preferences' },
];

/** Builds a module chart: every module `fallback`, except the listed ones. */
function chart(
  modules: ModuleDefinition[],
  fallback: ModuleAccess,
  except: Record<string, ModuleAccess> = {},
): Record<string, ModuleAccess> {
  return Object.fromEntries(modules.map((module) => [module.id, except[module.id] ?? fallback]));
}

const flag = (
  id: string,
  name: string,
  description: string,
  extra: Partial<RestrictionDefinition> = {},
) =>
  ({
    id,
    name,
    description,
    kind: 'flag',
    default: false,
    ...extra,
  }) satisfies RestrictionDefinition;

const MANAGER_RESTRICTIONS: RestrictionDefinition[] = [
  flag(
    'noWorkspaceSettings',
    'No workspace settings',
    'Cannot open or change workspace settings, users or channels.',
    { module: 'settings' },
  ),
  flag('noContactDeletion', 'No contact deletion', 'Cannot delete contacts.'),
  flag('noDataExport', 'No data export', 'Cannot export data from any module.', {
    module: 'settings.dataExport',
  }),
  flag('noIntegrations', 'No integrations', 'Cannot connect integrations.', {
    module: 'settings.integrations',
  }),
];

const AGENT_RESTRICTIONS: RestrictionDefinition[] = [
  {
    id: 'contactVisibility',
    name: 'Contact visibility',
    description: 'Which contacts the agent sees in the inbox and contact views.',
    kind: 'choice',
    options: [
      { value: 'all', name: 'All contacts' },
      {
        value: 'teamAndSelf',
        name: 'Their team and themselves',
        description: 'Contacts assigned to their team or to them.',
      },
      { value: 'self', name: 'Themselves only', description: 'Only contacts assigned to them.' },
    ],
    default: 'all',
  },
  flag('hideWorkflows', 'Hide workflows', 'The workflows button is hidden in messages.', {
    module: 'shortcuts',
  }),
  flag(
    'maskContactInfo',
    'Mask phone number and email',
    "Contacts' phone numbers and emails are partly hidden.",
    // As the seed page that lists both plans has it (001); the other (000) says Enterprise only.
    { plans: ['advanced', 'enterprise'] },
  ),
];

const SETTINGS_CHILDREN = WORKSPACE_MODULES.filter((module) => module.parent === 'settings');

function workspaceRoles(allFeatures: boolean): Role[] {
  return [
    {
      id: 'owner',
      name: 'Owner',
      description: 'Every module and workspace setting; invites and manages every role.',
      rank: 3,
      assignable: ['owner', 'manager', 'agent'],
      modules: chart(WORKSPACE_MODULES, 'full'),
      restrictions: [],
      forcedFlags: allFeatures ? ['crmAccess'] : [],
      allPermissions: true,
    },
    {
      id: 'manager',
      name: 'Manager',
      description:
        'Every module; workspace settings unless restricted; invites and manages agents.',
      rank: 2,
      assignable: ['agent'],
      modules: chart(WORKSPACE_MODULES, 'full', {
        settings: 'optional',
        ...Object.fromEntries(SETTINGS_CHILDREN.map((module) => [module.id, 'optional' as const])),
      }),
      restrictions: MANAGER_RESTRICTIONS,
      forcedFlags: [],
      allPermissions: false,
    },
    {
      id: 'agent',
      name: 'Agent',
      description: 'Answers messages; no access to user management.',
      rank: 1,
      assignable: [],
      modules: chart(WORKSPACE_MODULES, 'none', {
        messages: 'full',
        shortcuts: 'optional',
        profile: 'full',
        notifications: 'full',
      }),
      restrictions: AGENT_RESTRICTIONS,
      forcedFlags: [],
      allPermissions: false,
    },
  ];
}

const WORKSPACE_RULES: Record<string, RoleRules> = {
  owner: { users: 'always', export: true },
  manager: {
    users: 'always',
    usersBlockedBy: 'noWorkspaceSettings',
    export: true,
    exportBlockedBy: 'noDataExport',
  },
  agent: { users: 'never', export: false },
};

const WORKSPACE_PERSONAS: PersonaSpec[] = [
  {
    token: 'owner',
    name: 'Sofía Martínez',
    email: 'sofia.martinez@acme.test',
    role: 'owner',
    team: null,
  },
  {
    token: 'owner2',
    name: 'Jonas Müller',
    email: 'jonas.mueller@acme.test',
    role: 'owner',
    team: null,
  },
  {
    token: 'manager',
    name: 'Aiko Tanaka',
    email: 'aiko.tanaka@acme.test',
    role: 'manager',
    team: 'Support',
  },
  {
    token: 'manager-restricted',
    name: 'Rahul Verma',
    email: 'rahul.verma@acme.test',
    role: 'manager',
    team: 'Sales',
    restrictions: { noWorkspaceSettings: true, noDataExport: true },
  },
  {
    token: 'agent',
    name: 'Olga Petrova',
    email: 'olga.petrova@acme.test',
    role: 'agent',
    team: 'Support',
  },
];

const TEAMS = ['Support', 'Sales', 'Onboarding', 'Billing', 'Escalations'];

/** Product A's plans (seeds 000–001). */
const WORKSPACE_PLANS = ['basic', 'advanced', 'enterprise'];

const TENANT_MODULES: ModuleDefinition[] = [
  ...CATEGORIES.map((category) => ({ id: category.id, name: category.name })),
  { id: 'crm', name: 'CRM' },
];

function workspacePreset(): PresetConfig {
  return {
    name: 'workspace',
    // On the plan without "Mask phone number and email": PATCH /mock/workspace unlocks it.
    workspace: { id: 'ws_acme', name: 'Acme Support', plan: 'basic' },
    plans: WORKSPACE_PLANS,
    seatLimit: null,
    features: {
      presence: true,
      roleTemplates: false,
      permissions: false,
      suspension: false,
      reassignOnRevoke: true,
      export: true,
      restrictions: true,
      inactiveFilter: true,
      flags: [],
      removal: 'revoke',
    },
    roles: workspaceRoles(false),
    rules: WORKSPACE_RULES,
    catalog: { modules: WORKSPACE_MODULES, categories: [], actions: [], flags: [] },
    emailEditable: false,
    personas: WORKSPACE_PERSONAS,
    teams: TEAMS,
  };
}

function tenantPreset(): PresetConfig {
  return {
    name: 'tenant',
    workspace: { id: 'tn_globex', name: 'Globex', plan: 'business' },
    plans: ['starter', 'business', 'enterprise'],
    seatLimit: 75,
    features: {
      presence: false,
      roleTemplates: true,
      permissions: true,
      suspension: true,
      reassignOnRevoke: false,
      export: false,
      restrictions: false,
      inactiveFilter: true,
      flags: ['crmAccess'],
      removal: 'delete',
    },
    roles: [
      {
        id: 'admin',
        name: 'Admin',
        description:
          'Full control of the tenant: settings, users, analytics, integrations, experiments.',
        rank: 2,
        assignable: ['admin', 'user'],
        modules: chart(TENANT_MODULES, 'full'),
        restrictions: [],
        forcedFlags: ['crmAccess'],
        allPermissions: true,
      },
      {
        id: 'user',
        name: 'User',
        description:
          'Access through fine-grained permissions and role templates. With the users permission, may manage other users.',
        rank: 1,
        assignable: ['user'],
        modules: chart(TENANT_MODULES, 'optional'),
        restrictions: [],
        forcedFlags: [],
        allPermissions: false,
      },
    ],
    rules: {
      admin: { users: 'always', export: false },
      user: { users: 'permission', export: false },
    },
    catalog: {
      modules: TENANT_MODULES,
      categories: CATEGORIES,
      actions: ACTIONS,
      flags: [CRM_FLAG],
    },
    emailEditable: true,
    personas: [
      {
        token: 'admin',
        name: 'Maria Kowalska',
        email: 'maria.kowalska@globex.test',
        role: 'admin',
        team: null,
      },
      {
        token: 'user-manager',
        name: 'Kwame Mensah',
        email: 'kwame.mensah@globex.test',
        role: 'user',
        team: 'Operations',
        permissions: { users: ['view', 'create', 'edit', 'delete'], conversations: ['view'] },
      },
      {
        token: 'user',
        name: 'Lucía Fernández',
        email: 'lucia.fernandez@globex.test',
        role: 'user',
        team: 'Support',
        permissions: { conversations: ['view', 'create', 'edit'], analytics: ['view'] },
      },
      {
        token: 'user-viewer',
        name: 'Ingrid Solberg',
        email: 'ingrid.solberg@globex.test',
        role: 'user',
        team: 'Research',
        permissions: { users: ['view'], analytics: ['view'] },
      },
    ],
    teams: ['Support', 'Sales', 'Operations', 'Research'],
  };
}

function allPreset(): PresetConfig {
  return {
    name: 'all',
    workspace: { id: 'ws_initech', name: 'Initech', plan: 'advanced' },
    plans: WORKSPACE_PLANS,
    seatLimit: 75,
    features: {
      presence: true,
      roleTemplates: true,
      permissions: true,
      suspension: true,
      reassignOnRevoke: true,
      export: true,
      restrictions: true,
      inactiveFilter: true,
      flags: ['crmAccess'],
      removal: 'revoke',
    },
    roles: workspaceRoles(true),
    rules: WORKSPACE_RULES,
    catalog: {
      modules: WORKSPACE_MODULES,
      categories: CATEGORIES,
      actions: ACTIONS,
      flags: [CRM_FLAG],
    },
    emailEditable: true,
    personas: WORKSPACE_PERSONAS,
    teams: TEAMS,
  };
}

/** A fresh copy of a preset's configuration. */
export function getPreset(name: PresetName): PresetConfig {
  switch (name) {
    case 'workspace':
      return workspacePreset();
    case 'tenant':
      return tenantPreset();
    case 'all':
      return allPreset();
  }
}

/** The role that may do everything (highest rank): `last_owner` protects its last active holder. */
export function topRole(config: PresetConfig): Role {
  const top = highestRole(config.roles);
  if (!top) throw new Error(`preset ${config.name} declares no roles`);
  return top;
}
