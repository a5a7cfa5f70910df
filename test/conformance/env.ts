/**
 * What the suite learns about the server before the behaviour checks: the workspace and its
 * features, the declared roles and catalog, and who each persona is. Any part may be unknown
 * (its reference check failed): each check declares what it needs with {@link need}, and is
 * skipped on its own, with the reason, when something it needs is missing.
 */
import type {
  InvitationInput,
  Me,
  PermissionAction,
  PermissionCatalog,
  Role,
  User,
  Workspace,
  WorkspaceFeatures,
} from '../../src/api/types.js';
import { PERSONA_FLAGS, type ApiClient, type Persona, type Sender } from './http.js';
import { type Check, expect, skip } from './harness.js';

/** The parts of the server the reference checks read, each known only when its answer was valid. */
export interface Known {
  workspace: Workspace;
  /** Highest rank first. */
  roles: Role[];
  catalog: PermissionCatalog;
  /** The role with the highest rank (owner / admin). */
  topRole: Role;
  /** The lowest-ranked role the admin persona may invite: what test users get. */
  inviteRole: Role;
}

/** A boolean feature of `GET /workspace`. */
type Feature = {
  [K in keyof WorkspaceFeatures]-?: WorkspaceFeatures[K] extends boolean | undefined ? K : never;
}[keyof WorkspaceFeatures];

/**
 * What a check may need: a part of {@link Known}; a persona's credentials (`limited`); a
 * persona's `GET /me` (`me.limited`); a feature the workspace declares on (`features.export`).
 */
export type Need = keyof Known | Persona | `me.${Persona}` | `features.${Feature}`;

type PersonaOf<K> = K extends `me.${infer P extends Persona}` ? P : never;

/** The env as a check that needs `K` sees it: those parts are there. */
export type Ready<K extends Need> = Env &
  Pick<Known, Extract<K, keyof Known>> & { me: Record<PersonaOf<K>, Me> };

/** The server as the reference checks found it. */
export interface Env extends Partial<Known> {
  api: ApiClient;
  /** `GET /me` for every persona whose answer was valid. */
  me: Partial<Record<Persona, Me>>;
  /** Why a part of {@link Known} is missing, when the reason is more than "its check failed". */
  why: Partial<Record<keyof Known, string>>;
  /** A fresh address under example.com (reserved, so no real mail goes anywhere). */
  email(label: string): string;
}

/** Makes the email generator of one run. */
export function emailFactory(): (label: string) => string {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  let n = 0;
  return (label) => `roster-conformance-${run}-${++n}-${label}@example.com`;
}

/** Why the reference checks could not give a part, when it is missing. */
const MISSING: Record<keyof Known, string> = {
  workspace: 'needs GET /workspace (its check failed)',
  roles: 'needs GET /roles (its check failed)',
  catalog: 'needs GET /permissions (its check failed)',
  topRole: 'needs `/roles` to know the top role',
  inviteRole: 'needs `/roles` and GET /me for the admin persona to pick a role to invite',
};

function reasonFor(env: Env, need: Need): string | undefined {
  if (need.startsWith('features.')) {
    const feature = need.slice('features.'.length) as Feature;
    if (!env.workspace) return `needs GET /workspace to read features.${feature}`;
    return env.workspace.features[feature] ? undefined : `features.${feature} is off`;
  }
  if (need.startsWith('me.')) {
    const persona = need.slice('me.'.length) as Persona;
    return (
      reasonFor(env, persona) ??
      (env.me[persona] ? undefined : `needs GET /me for the ${persona} persona (its check failed)`)
    );
  }
  if (need in PERSONA_FLAGS) {
    const flag = PERSONA_FLAGS[need as Persona];
    return env.api.has(need as Persona)
      ? undefined
      : `no --${flag}-token, --${flag}-header or --${flag}-cookie given`;
  }
  const part = need as keyof Known;
  return env[part] ? undefined : (env.why[part] ?? MISSING[part]);
}

/** Why a check needing `needs` cannot run, or undefined when it can. */
export function lack(env: Env, ...needs: Need[]): string | undefined {
  const reasons = [...new Set(needs.map((n) => reasonFor(env, n)).filter((r) => r !== undefined))];
  return reasons.length ? reasons.join('; ') : undefined;
}

/** The env with what the check needs, or the check is skipped saying what is missing. */
export function need<K extends Need>(env: Env, ...needs: K[]): Ready<K> {
  const why = lack(env, ...needs);
  if (why) skip(why);
  return env as Ready<K>;
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
    role: rest.role ?? need(env, 'inviteRole').inviteRole.id,
    ...rest,
  };
  const res = await t.send(sender, { method: 'POST', path: '/invitations', body });
  t.expectStatus(res, 201);
  return res.body as User;
}

/** Reads one user with its ETag. */
export async function getUser(
  t: Check,
  id: string,
  sender: Sender = 'admin',
): Promise<{ user: User; etag: string }> {
  const res = await t.send(sender, { method: 'GET', path: '/users/{id}', params: { id } });
  t.expectStatus(res, 200);
  const etag = res.headers.get('etag');
  expect(etag, 'expected an ETag header, got none', res);
  return { user: res.body as User, etag };
}

/** The seats as `GET /workspace` reports them now. */
export async function seats(t: Check): Promise<Workspace['seats']> {
  const res = await t.send('admin', { method: 'GET', path: '/workspace' });
  t.expectStatus(res, 200);
  return (res.body as Workspace).seats;
}

/**
 * A grant the admin persona may give: a category and one of its actions, within
 * `capabilities.grantable` when the server says what that is; undefined when there is none.
 */
export function grantableAction(
  env: Env,
): { category: string; action: PermissionAction } | undefined {
  const grantable = env.me.admin?.capabilities.grantable;
  for (const category of env.catalog?.categories ?? []) {
    const action = category.actions.find(
      (a) => grantable === undefined || grantable[category.id]?.includes(a),
    );
    if (action) return { category: category.id, action };
  }
  return undefined;
}
