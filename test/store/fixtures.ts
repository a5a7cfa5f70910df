/** Small builders for store tests that do not need the mock server. */
import type { User, Workspace } from '../../src/api/types.js';

/** A user with sensible defaults. */
export function makeUser(id: string, overrides: Partial<User> = {}): User {
  return {
    id,
    email: `${id}@example.com`,
    name: id.toUpperCase(),
    avatarUrl: null,
    role: 'agent',
    roleTemplateId: null,
    status: 'active',
    flags: {},
    restrictions: {},
    permissions: {},
    team: null,
    assignedContacts: 0,
    online: false,
    lastActiveAt: null,
    lastLoginAt: null,
    invitedAt: null,
    inviteExpiresAt: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    version: 1,
    allowedActions: {
      edit: true,
      changeRole: [],
      editEmail: true,
      editPermissions: false,
      suspend: true,
      reactivate: false,
      resendInvitation: false,
      revoke: true,
    },
    ...overrides,
  };
}

/** A workspace with every feature on. */
export function makeWorkspace(used: number, limit: number | null = null): Workspace {
  return {
    id: 'w1',
    name: 'Acme',
    plan: 'pro',
    seats: { used, limit },
    features: {
      presence: true,
      roleTemplates: true,
      permissions: true,
      suspension: true,
      reassignOnRevoke: true,
      export: true,
      restrictions: true,
      flags: [],
      removal: 'revoke',
    },
  };
}
