/**
 * `GET /users` and `GET /users/{id}`: paging, search, filters, sort, query validation, ETags
 * and the per-user `allowedActions` as different personas see them.
 */
import { USER_STATUSES } from '../../../src/api/types.js';
import type { Page, User } from '../../../src/api/types.js';
import type { Env } from '../env.js';
import { type Check, type Harness, expect } from '../harness.js';
import type { Sender } from '../http.js';

/** Walks stop here, so the suite stays quick against a server with very many users. */
const MAX_WALK = 2_000;

/** Walks every page of a query; returns the users in order and the `total` the server gave. */
async function walk(
  t: Check,
  query: Record<string, string | number>,
  sender: Sender = 'admin',
): Promise<{ users: User[]; total: number }> {
  const users: User[] = [];
  let cursor: string | null = null;
  let total: number;
  do {
    const res = await t.send(sender, {
      method: 'GET',
      path: '/users',
      query: { ...query, ...(cursor ? { cursor } : {}) },
    });
    t.expectStatus(res, 200);
    const page = res.body as Page<User>;
    total = page.total;
    users.push(...page.items);
    cursor = page.nextCursor;
    expect(!cursor || page.items.length > 0, 'a page with no items has a nextCursor');
  } while (cursor && users.length < MAX_WALK);
  return { users, total };
}

/** Runs the group. */
export async function checkUsersList(h: Harness, env: Env): Promise<void> {
  h.group('Listing users');
  const all: User[] = [];

  await h.check('GET /users: default page of at most 50, total counts all', async (t) => {
    const res = await t.send('admin', { method: 'GET', path: '/users' });
    t.expectStatus(res, 200);
    const page = res.body as Page<User>;
    expect(page.items.length <= 50, `default page has ${page.items.length} items`);
    expect(page.total >= page.items.length, 'total is smaller than the page');
    expect(page.items.length === Math.min(50, page.total), 'default page is not full');
  });

  await h.check('pagination walks every page once, no duplicate, count = total', async (t) => {
    const first = await t.send('admin', { method: 'GET', path: '/users', query: { limit: 1 } });
    t.expectStatus(first, 200);
    const expected = (first.body as Page<User>).total;
    const limit = Math.max(1, Math.min(200, Math.ceil(expected / 6)));
    const { users, total } = await walk(t, { limit });
    const ids = new Set(users.map((u) => u.id));
    expect(ids.size === users.length, `${users.length - ids.size} duplicate(s) across pages`);
    if (total <= MAX_WALK)
      expect(users.length === total, `walked ${users.length}, total says ${total}`);
    t.note(`${users.length} users in pages of ${limit}`);
    all.push(...users);
  });

  await h.check('limit=200 is accepted and honoured', async (t) => {
    const res = await t.send('admin', { method: 'GET', path: '/users', query: { limit: 200 } });
    t.expectStatus(res, 200);
    const page = res.body as Page<User>;
    expect(page.items.length === Math.min(200, page.total), `got ${page.items.length} items`);
  });

  for (const [query, field] of [
    [{ limit: 0 }, 'limit'],
    [{ limit: 201 }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ sort: 'favouriteColour' }, 'sort'],
    [{ status: 'retired' }, 'status'],
    [{ cursor: '%%not-a-cursor%%' }, 'cursor'],
  ] as const) {
    const text = new URLSearchParams(query as Record<string, string>).toString();
    await h.check(`GET /users?${text} → 422 validation_failed (${field})`, async (t) => {
      const res = await t.send('admin', { method: 'GET', path: '/users', query });
      t.expectProblem(res, 422, 'validation_failed', field);
    });
  }

  if (all.length >= MAX_WALK) {
    h.skip('sort=-email is sort=email reversed', `more than ${MAX_WALK} users to compare`);
  } else {
    await h.check('sort=-email is sort=email reversed', async (t) => {
      const ascending = await walk(t, { sort: 'email', limit: 200 });
      const descending = await walk(t, { sort: '-email', limit: 200 });
      const a = ascending.users.map((u) => u.email);
      const d = descending.users.map((u) => u.email).reverse();
      expect(a.join('\n') === d.join('\n'), 'the two orders are not each other reversed');
    });
  }

  await h.check('search q is case-insensitive over name and email', async (t) => {
    expect(all.length > 0, 'no users to search for');
    const target = all.find((u) => /^[A-Za-z]{4,}/.test(u.name)) ?? all[0]!;
    const source = /^[A-Za-z]{4,}/.test(target.name) ? target.name : target.email;
    const fragment = source.slice(1, 4);
    const q = swapCase(fragment);
    const { users } = await walk(t, { q, limit: 200 });
    expect(
      users.some((u) => u.id === target.id),
      `"${q}" does not find ${target.email}`,
    );
    const needle = fragment.toLowerCase();
    const stray = users.find(
      (u) => !u.name.toLowerCase().includes(needle) && !u.email.toLowerCase().includes(needle),
    );
    expect(!stray, `"${q}" also returned ${stray?.email}, which does not contain it`);
    t.note(`q=${q}: ${users.length} match(es)`);
  });

  await h.check("role filter: every role's users hold it, totals add up", async (t) => {
    const overall = (await walk(t, { limit: 1 })).total;
    let sum = 0;
    for (const role of env.roles) {
      const res = await t.send('admin', {
        method: 'GET',
        path: '/users',
        query: { role: role.id, limit: 200 },
      });
      t.expectStatus(res, 200);
      const page = res.body as Page<User>;
      expect(
        page.items.every((u) => u.role === role.id),
        `role=${role.id} returned another role`,
      );
      sum += page.total;
    }
    expect(sum === overall, `role totals add up to ${sum}, not ${overall}`);
  });

  await h.check("status filter: every status's users have it, totals add up", async (t) => {
    const overall = (await walk(t, { limit: 1 })).total;
    let sum = 0;
    for (const status of USER_STATUSES) {
      const res = await t.send('admin', {
        method: 'GET',
        path: '/users',
        query: { status, limit: 200 },
      });
      t.expectStatus(res, 200);
      const page = res.body as Page<User>;
      expect(
        page.items.every((u) => u.status === status),
        `status=${status} returned another status`,
      );
      sum += page.total;
    }
    expect(sum === overall, `status totals add up to ${sum}, not ${overall}`);
  });

  await h.check('GET /users/{id} returns the user with ETag "<version>"', async (t) => {
    const listed = all.find((u) => u.id !== env.me.admin?.user.id);
    expect(listed, 'no user to read');
    const res = await t.send('admin', {
      method: 'GET',
      path: '/users/{id}',
      params: { id: listed.id },
    });
    t.expectStatus(res, 200);
    const user = res.body as User;
    expect(user.id === listed.id && user.email === listed.email, 'a different user came back');
    expect(
      res.headers.get('etag') === `"${user.version}"`,
      `ETag ${res.headers.get('etag')} is not "${user.version}"`,
    );
  });

  await h.check('GET /users/{unknown} → 404 not_found', async (t) => {
    const res = await t.send('admin', {
      method: 'GET',
      path: '/users/{id}',
      params: { id: 'no-such-user-0' },
    });
    t.expectProblem(res, 404, 'not_found');
  });

  await h.check('the admin sees no edit or revoke on itself in the list', async () => {
    const self = all.find((u) => u.id === env.me.admin?.user.id);
    expect(self, 'the admin is not in the list');
    expect(
      !self.allowedActions.edit && !self.allowedActions.revoke,
      'self is editable or revocable',
    );
  });

  if (env.api.has('limited')) {
    await h.check(
      'the limited persona may not touch top-role users; changeRole stays assignable',
      async (t) => {
        const { users } = await walk(t, { limit: 200 }, 'limited');
        const assignable = new Set(
          env.roles.find((r) => r.id === env.me.limited?.user.role)?.assignable,
        );
        for (const u of users) {
          if (u.role === env.topRole.id) {
            expect(
              !u.allowedActions.edit && !u.allowedActions.revoke,
              `may edit or revoke ${u.email}`,
            );
          }
          const bad = u.allowedActions.changeRole.filter((r) => !assignable.has(r));
          expect(bad.length === 0, `may change ${u.email} to ${bad.join(', ')}, not assignable`);
        }
      },
    );
  } else {
    h.skip("limited persona's allowedActions", 'no --limited-token given');
  }

  if (env.api.has('noAccess')) {
    await h.check('GET /users as a persona who may not view users → 403 forbidden', async (t) => {
      t.expectProblem(
        await t.send('noAccess', { method: 'GET', path: '/users' }),
        403,
        'forbidden',
      );
    });
  } else {
    h.skip('GET /users → 403 forbidden', 'no --no-access-token given');
  }
}

function swapCase(text: string): string {
  return [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
}
