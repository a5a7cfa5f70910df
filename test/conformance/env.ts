/**
 * What the suite learns about the server before the behaviour checks: the workspace and its
 * features, the declared roles and catalog, and who each persona is. Checks read it to decide what
 * to exercise and what to skip.
 */
import type {
  InvitationInput,
  Me,
  PermissionCatalog,
  Role,
  User,
  Workspace,
} from '../../src/api/types.js';
import type { ApiClient, Persona, Sender } from './http.js';
import { type Check, expect } from './harness.js';

/** The server as the reference checks found it. */
export interface Env {
  api: ApiClient;
  workspace: Workspace;
  /** Highest rank first. */
  roles: Role[];
  catalog: PermissionCatalog;
  /** `GET /me` for every persona a token was given for. */
  me: Partial<Record<Persona, Me>>;
  /** The role with the highest rank (owner / admin). */
  topRole: Role;
  /** The lowest-ranked role the admin persona may invite: what test users get. */
  inviteRole: Role;
  /** A fresh address under example.com (reserved, so no real mail goes anywhere). */
  email(label: string): string;
}

/** Makes the email generator of one run. */
export function emailFactory(): (label: string) => string {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  let n = 0;
  return (label) => `roster-conformance-${run}-${++n}-${label}@example.com`;
}

/** Reads the `Me` of a persona the run has, or fails the check. */
export function meOf(env: Env, persona: Persona): Me {
  const me = env.me[persona];
  expect(me, `no GET /me answer for persona ${persona}`);
  return me;
}

/** Invites a user (201 expected) and returns it; the check removes it when it ends. */
export async function invite(
  t: Check,
  env: Env,
  input: Partial<InvitationInput> & { label?: string } = {},
  sender: Sender = 'admin',
): Promise<User> {
  const { label = 'user', ...rest } = input;
  const body: InvitationInput = {
    email: env.email(label),
    name: `Conformance ${label}`,
    role: env.inviteRole.id,
    ...rest,
  };
  const res = await t.send(sender, { method: 'POST', path: '/invitations', body });
  t.expectStatus(res, 201);
  return res.body as User;
}

/** Reads one user with its ETag. */
export async function getUser(t: Check, id: string): Promise<{ user: User; etag: string }> {
  const res = await t.send('admin', { method: 'GET', path: '/users/{id}', params: { id } });
  t.expectStatus(res, 200);
  const etag = res.headers.get('etag');
  expect(etag, 'GET /users/{id} has no ETag');
  return { user: res.body as User, etag };
}

/** The seats as `GET /workspace` reports them now. */
export async function seats(t: Check): Promise<Workspace['seats']> {
  const res = await t.send('admin', { method: 'GET', path: '/workspace' });
  t.expectStatus(res, 200);
  return (res.body as Workspace).seats;
}
