/**
 * The read-only persona: someone who may view users and change no one. The list answers it,
 * every user's `allowedActions` offers it nothing, and each write it tries (invite, edit,
 * remove, resend an invitation, create a role template) is refused with `403 forbidden` and
 * leaves the server as it was. What its `GET /me` must say is checked with the other personas.
 */
import type { AllowedActions, Page, RoleTemplate, User } from '../../../src/api/types.js';
import { getUser, invite, need, seats, type Env } from '../env.js';
import { type Check, type Harness, expect } from '../harness.js';
import { summarise, type ApiRequest } from '../http.js';
import { patch, remove } from './edit-remove.js';
import { walk } from './users-list.js';

/**
 * What `allowedActions` offers, one entry per action: `edit`, `changeRole [user]`. Every member
 * counts, so a server's own actions beside the contract's are judged too.
 */
function offeredActions(actions: AllowedActions): string[] {
  return Object.entries(actions).flatMap(([name, value]: [string, unknown]) => {
    if (Array.isArray(value)) return value.length ? [`${name} [${value.join(', ')}]`] : [];
    return value === false ? [] : [name];
  });
}

/** What a refused write must leave alone, by name: compared member by member. */
type State = Record<string, unknown>;

/** `name "A" → "B"` for each member that differs (the first few), or none. */
function differences(before: State, after: State): string[] {
  const shown = (value: unknown) => (value === undefined ? 'absent' : summarise(value, 80));
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  const listed = changed.slice(0, 3).map((k) => `${k} ${shown(before[k])} → ${shown(after[k])}`);
  return changed.length > 3 ? [...listed, `${changed.length - 3} more members`] : listed;
}

/** A user as the admin reads it now: the read's status, then its members, presence left out. */
async function userState(t: Check, id: string): Promise<State> {
  const res = await t.send('admin', { method: 'GET', path: '/users/{id}', params: { id } });
  const read = { 'GET /users/{id} as the admin': res.status };
  if (res.status !== 200) return read;
  return { ...read, ...(res.body as User), online: undefined, lastActiveAt: undefined };
}

/** A write the read-only persona tries: the request, and the state it must leave alone. */
interface Write {
  /** What the check is called: `<name> as the read-only persona → 403 forbidden, nothing changed`. */
  name: string;
  /**
   * Prepares the target (as the admin; skips, with {@link need}, when the server lacks what it
   * takes) and says what to send and what to compare before and after.
   */
  prepare(t: Check, env: Env): Promise<{ request: ApiRequest; state: () => Promise<State> }>;
}

/** A write aimed at a user the admin has just invited (the suite changes no one else). */
const onInvitedUser =
  (build: (user: User, etag: string) => ApiRequest): Write['prepare'] =>
  async (t, env) => {
    const user = await invite(t, env, { label: 'readonlytarget' });
    const { etag } = await getUser(t, user.id);
    return { request: build(user, etag), state: () => userState(t, user.id) };
  };

const WRITES: Write[] = [
  {
    name: 'POST /invitations',
    prepare: async (t, env) => {
      const email = env.email('readonly');
      const role = need(env, 'inviteRole').inviteRole.id;
      const body = { email, name: 'Conformance read-only', role };
      return {
        request: { method: 'POST', path: '/invitations', body },
        state: async () => {
          const found = await t.send('admin', {
            method: 'GET',
            path: '/users',
            query: { q: email },
          });
          t.expectStatus(found, 200);
          const { used } = await seats(t);
          return { [`users with ${email}`]: (found.body as Page<User>).total, 'seats.used': used };
        },
      };
    },
  },
  {
    name: 'PATCH /users/{id} with its If-Match',
    prepare: onInvitedUser((user, etag) => patch(user.id, { name: 'Read-only write' }, etag)),
  },
  {
    name: 'DELETE /users/{id}',
    prepare: onInvitedUser((user) => remove(user.id)),
  },
  {
    name: 'POST /users/{id}/resend-invitation to an invited user',
    prepare: onInvitedUser((user) => ({
      method: 'POST',
      path: '/users/{id}/resend-invitation',
      params: { id: user.id },
    })),
  },
  {
    name: 'POST /role-templates',
    prepare: async (t, env) => {
      need(env, 'features.roleTemplates');
      const name = 'Conformance read-only template';
      return {
        request: { method: 'POST', path: '/role-templates', body: { name, permissions: {} } },
        state: async () => {
          const res = await t.send('admin', { method: 'GET', path: '/role-templates' });
          t.expectStatus(res, 200);
          const items = (res.body as { items: RoleTemplate[] }).items;
          return { [`templates named ${name}`]: items.filter((tpl) => tpl.name === name).length };
        },
      };
    },
  },
];

/** Runs the group. */
export async function checkReadOnly(h: Harness, env: Env): Promise<void> {
  h.group('Read-only persona');

  await h.check(
    'GET /users and /users/{id} as the read-only persona → 200, allowedActions refuse everything',
    async (t) => {
      need(env, 'readOnly');
      const { users } = await walk(t, { limit: 200 }, 'readOnly');
      expect(users.length > 0, 'expected the list to hold at least the persona itself, got none');
      t.step(`read ${users[0]!.id} as the read-only persona`);
      const { user } = await getUser(t, users[0]!.id, 'readOnly');
      const offered = [...users, user].flatMap((u) =>
        offeredActions(u.allowedActions).map((a) => `${u.email}: ${a}`),
      );
      expect(
        offered.length === 0,
        `expected allowedActions to offer the read-only persona nothing on ${users.length} users, got ${offered.length} offers: ${offered.slice(0, 8).join(', ')}${offered.length > 8 ? ', …' : ''}`,
      );
    },
  );

  for (const write of WRITES) {
    await h.check(
      `${write.name} as the read-only persona → 403 forbidden, nothing changed`,
      async (t) => {
        need(env, 'readOnly');
        const { request, state } = await write.prepare(t, env);
        t.step('read the state before, as the admin');
        const before = await state();
        t.step('the write, as the read-only persona');
        t.expectProblem(await t.send('readOnly', request), 403, 'forbidden');
        t.step('read the state after, as the admin');
        const changed = differences(before, await state());
        expect(
          changed.length === 0,
          `expected the refused write to change nothing, got ${changed.join(', ')}`,
        );
      },
    );
  }
}
