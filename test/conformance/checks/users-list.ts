/**
 * `GET /users` and `GET /users/{id}`: paging, search, filters (the inactivity filter where
 * declared), sort, query validation, ETags and the per-user `allowedActions` as different
 * personas see them.
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

  await checkLastLoginSort(h, all);
  await checkInactiveFilter(h, env, all);

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

/** `sort=lastLoginAt` / `-lastLoginAt`: by the time, never signed in as the oldest. */
async function checkLastLoginSort(h: Harness, all: User[]): Promise<void> {
  if (all.length >= MAX_WALK) {
    h.skip('sort=lastLoginAt is ordered', `more than ${MAX_WALK} users to compare`);
    return;
  }
  await h.check(
    'sort=lastLoginAt and -lastLoginAt are ordered, never signed in oldest',
    async (t) => {
      for (const sort of ['lastLoginAt', '-lastLoginAt']) {
        const { users, total } = await walk(t, { sort, limit: 200 });
        expect(users.length === total, `walked ${users.length} of ${total} sorted by ${sort}`);
        // A missing time sorts as the oldest: an empty string sorts before every timestamp.
        const times = users.map((u) => (u.lastLoginAt === null ? '' : Date.parse(u.lastLoginAt)));
        for (let i = 1; i < times.length; i++) {
          const [a, b] = [times[i - 1]!, times[i]!];
          const ordered =
            sort === 'lastLoginAt'
              ? !(a > b || (a !== '' && b === ''))
              : !(a < b || (a === '' && b !== ''));
          expect(
            ordered,
            `sort=${sort}: ${users[i - 1]!.email} (${users[i - 1]!.lastLoginAt}) before ${users[i]!.email} (${users[i]!.lastLoginAt})`,
          );
        }
      }
    },
  );
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Clocks differ: a user within this much of the cutoff counts either way. */
const CLOCK_SLACK_MS = 5 * 60 * 1000;

/** `inactive=<days>|never`, when the server declares `features.inactiveFilter`. */
async function checkInactiveFilter(h: Harness, env: Env, all: User[]): Promise<void> {
  if (!env.workspace.features.inactiveFilter) {
    h.skip('GET /users?inactive=', 'the server does not declare features.inactiveFilter');
    return;
  }
  const complete = all.length < MAX_WALK;

  await h.check('inactive=never returns only (and every) user who never signed in', async (t) => {
    const { users, total } = await walk(t, { inactive: 'never', limit: 200 });
    const signedIn = users.find((u) => u.lastLoginAt !== null);
    expect(
      !signedIn,
      `inactive=never returned ${signedIn?.email}, last login ${signedIn?.lastLoginAt}`,
    );
    if (complete) {
      const want = all.filter((u) => u.lastLoginAt === null).length;
      expect(total === want, `inactive=never: total ${total}, but ${want} users never signed in`);
      expect(users.length === total, `walked ${users.length}, total says ${total}`);
    }
    t.note(`${total} never signed in`);
  });

  for (const days of [1, 30, 365]) {
    await h.check(
      `inactive=${days} returns only users with no activity in ${days} day${days === 1 ? '' : 's'}`,
      async (t) => {
        const started = Date.now();
        const { users, total } = await walk(t, { inactive: days, limit: 200 });
        const cutoff = started - days * DAY_MS;
        const recent = users.find((u) => {
          const at = u.lastActiveAt ?? u.lastLoginAt;
          return at !== null && Date.parse(at) >= cutoff + CLOCK_SLACK_MS;
        });
        expect(
          !recent,
          `inactive=${days} returned ${recent?.email}, active ${recent?.lastActiveAt ?? recent?.lastLoginAt}`,
        );
        if (complete) {
          const missing = all.find((u) => {
            const at = u.lastActiveAt ?? u.lastLoginAt;
            const inactive = at === null || Date.parse(at) < cutoff - CLOCK_SLACK_MS;
            return inactive && !users.some((found) => found.id === u.id);
          });
          expect(
            !missing,
            `inactive=${days} left out ${missing?.email}, inactive since ${missing?.lastActiveAt ?? missing?.lastLoginAt ?? 'ever'}`,
          );
        }
        t.note(`${total} inactive`);
      },
    );
  }

  await h.check('inactive combines with status and the other filters', async (t) => {
    const { users } = await walk(t, { inactive: 'never', status: 'invited', limit: 200 });
    const stray = users.find((u) => u.status !== 'invited' || u.lastLoginAt !== null);
    expect(!stray, `inactive=never&status=invited returned ${stray?.email} (${stray?.status})`);
    if (complete) {
      const invited = all.filter((u) => u.status === 'invited').length;
      expect(
        users.length === invited,
        `${users.length} of ${invited} invited users (none has signed in)`,
      );
    }
  });

  for (const value of ['0', '-1', '3651', '1.5', 'abc']) {
    await h.check(`GET /users?inactive=${value} → 422 validation_failed (inactive)`, async (t) => {
      const res = await t.send('admin', {
        method: 'GET',
        path: '/users',
        query: { inactive: value },
      });
      t.expectProblem(res, 422, 'validation_failed', 'inactive');
    });
  }
}

function swapCase(text: string): string {
  return [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
}
