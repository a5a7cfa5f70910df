/**
 * `GET /users` and `GET /users/{id}`: paging, search, filters (the inactivity filter where
 * declared), sort, query validation, ETags and the per-user `allowedActions` as different
 * personas see them.
 */
import { USER_STATUSES } from '../../../src/api/types.js';
import type { Page, User } from '../../../src/api/types.js';
import { need, type Env } from '../env.js';
import { type Check, type Harness, expect, skip } from '../harness.js';
import type { ApiResponse, Sender } from '../http.js';

/** Walks stop here, so the suite stays quick against a server with very many users. */
const MAX_WALK = 2_000;
/** A walk also stops after this many pages (a server may send empty pages with a cursor). */
const MAX_PAGES = 500;

/** Walks every page of a query; returns the users in order and the `total` the server gave. */
export async function walk(
  t: Check,
  query: Record<string, string | number>,
  sender: Sender = 'admin',
): Promise<{ users: User[]; total: number }> {
  const users: User[] = [];
  let cursor: string | null = null;
  let total: number;
  let pages = 0;
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
  } while (cursor && users.length < MAX_WALK && ++pages < MAX_PAGES);
  return { users, total };
}

/** A page holding fewer than `limit` items must be the last one (nextCursor null). */
function expectShortPageIsLast(res: ApiResponse, limit: number): void {
  const page = res.body as Page<User>;
  expect(
    page.items.length <= limit,
    `expected at most ${limit} items, got ${page.items.length}`,
    res,
  );
  expect(
    page.items.length === Math.min(limit, page.total) || page.nextCursor !== null,
    `expected ${Math.min(limit, page.total)} items of total ${page.total}, or a nextCursor for the rest; got ${page.items.length} and nextCursor null`,
    res,
  );
}

/** Runs the group. */
export async function checkUsersList(h: Harness, env: Env): Promise<void> {
  h.group('Listing users');
  const all: User[] = [];
  let walked = false;
  /** Every user, for checks that compare against the whole list. */
  const everyone = () => {
    if (!walked) skip('needs the whole list of users (the pagination check failed)');
    return all;
  };

  await h.check('GET /users: default page of at most 50, total counts all', async (t) => {
    const res = await t.send('admin', { method: 'GET', path: '/users' });
    t.expectStatus(res, 200);
    const page = res.body as Page<User>;
    expect(
      page.total >= page.items.length,
      `expected total ≥ ${page.items.length} (the page), got ${page.total}`,
      res,
    );
    expectShortPageIsLast(res, 50);
  });

  await h.check('pagination walks every page once, no duplicate, count = total', async (t) => {
    const first = await t.send('admin', { method: 'GET', path: '/users', query: { limit: 1 } });
    t.expectStatus(first, 200);
    expectShortPageIsLast(first, 1);
    const expected = (first.body as Page<User>).total;
    const limit = Math.max(1, Math.min(200, Math.ceil(expected / 6)));
    const { users, total } = await walk(t, { limit });
    const ids = users.map((u) => u.id);
    const repeated = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
    expect(
      repeated.length === 0,
      `expected each user once across pages of ${limit}, got ${repeated.join(', ')} more than once`,
    );
    if (total <= MAX_WALK)
      expect(
        users.length === total,
        `expected ${total} users (total) across pages of ${limit}, got ${users.length}`,
      );
    t.note(`${users.length} users in pages of ${limit}`);
    all.push(...users);
    walked = true;
  });

  await h.check('limit=200 is accepted and honoured', async (t) => {
    const res = await t.send('admin', { method: 'GET', path: '/users', query: { limit: 200 } });
    t.expectStatus(res, 200);
    expectShortPageIsLast(res, 200);
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

  await h.check('sort=-email is sort=email reversed', async (t) => {
    if (everyone().length >= MAX_WALK) skip(`more than ${MAX_WALK} users to compare`);
    const ascending = await walk(t, { sort: 'email', limit: 200 });
    const descending = await walk(t, { sort: '-email', limit: 200 });
    const a = ascending.users.map((u) => u.email);
    const d = descending.users.map((u) => u.email).reverse();
    expect(
      a.length === d.length,
      `expected as many users sorted by -email as by email (${a.length}), got ${d.length}`,
    );
    const at = a.findIndex((email, i) => email !== d[i]);
    expect(
      at === -1,
      `expected sort=-email to be sort=email backwards; at position ${at} sort=email has ${a[at]}, sort=-email reversed has ${d[at]}`,
    );
  });

  await checkLastLoginSort(h, everyone);
  await checkInactiveFilter(h, env, everyone);

  await h.check('search q is case-insensitive over name and email', async (t) => {
    const users = everyone();
    expect(users.length > 0, 'expected some user to search for, got an empty list');
    const target = users.find((u) => /^[A-Za-z]{4,}/.test(u.name)) ?? users[0]!;
    const source = /^[A-Za-z]{4,}/.test(target.name) ? target.name : target.email;
    const fragment = source.slice(1, 4);
    const q = swapCase(fragment);
    const found = (await walk(t, { q, limit: 200 })).users;
    expect(
      found.some((u) => u.id === target.id),
      `expected q=${q} to find ${target.email} (${target.name}), got ${found.length} others`,
    );
    const needle = fragment.toLowerCase();
    const strays = found.filter(
      (u) => !u.name.toLowerCase().includes(needle) && !u.email.toLowerCase().includes(needle),
    );
    expect(
      strays.length === 0,
      `expected only users containing "${needle}", got ${strays.map((u) => `${u.email} (${u.name})`).join(', ')}`,
    );
    t.note(`q=${q}: ${found.length} match(es)`);
  });

  await h.check("role filter: every role's users hold it, totals add up", async (t) => {
    const { roles } = need(env, 'roles');
    const overall = (await walk(t, { limit: 1 })).total;
    let sum = 0;
    for (const role of roles) {
      const res = await t.send('admin', {
        method: 'GET',
        path: '/users',
        query: { role: role.id, limit: 200 },
      });
      t.expectStatus(res, 200);
      const page = res.body as Page<User>;
      const others = page.items.filter((u) => u.role !== role.id);
      expect(
        others.length === 0,
        `expected only role ${role.id}, got ${others.map((u) => `${u.email} (${u.role})`).join(', ')}`,
        res,
      );
      sum += page.total;
    }
    // A user may hold a role /roles does not declare; those are in no declared role's total.
    const declared = new Set(roles.map((r) => r.id));
    const undeclared = walked ? all.filter((u) => !declared.has(u.role)).length : 0;
    expect(
      sum + undeclared === overall,
      `expected the role totals${undeclared ? ` plus ${undeclared} user(s) in undeclared roles` : ''} to add up to ${overall}, got ${sum + undeclared}`,
    );
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
      const others = page.items.filter((u) => u.status !== status);
      expect(
        others.length === 0,
        `expected only status ${status}, got ${others.map((u) => `${u.email} (${u.status})`).join(', ')}`,
        res,
      );
      sum += page.total;
    }
    expect(sum === overall, `expected the status totals to add up to ${overall}, got ${sum}`);
  });

  await h.check('GET /users/{id} returns the user with ETag "<version>"', async (t) => {
    const listed = everyone().find((u) => u.id !== env.me.admin?.user.id);
    expect(listed, 'expected a user besides the admin to read, got none');
    const res = await t.send('admin', {
      method: 'GET',
      path: '/users/{id}',
      params: { id: listed.id },
    });
    t.expectStatus(res, 200);
    const user = res.body as User;
    expect(
      user.id === listed.id && user.email === listed.email,
      `expected ${listed.id} (${listed.email}), got ${user.id} (${user.email})`,
      res,
    );
    expect(
      res.headers.get('etag') === `"${user.version}"`,
      `expected ETag "${user.version}", got ${res.headers.get('etag')}`,
      res,
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
    const { me } = need(env, 'me.admin');
    const self = everyone().find((u) => u.id === me.admin.user.id);
    expect(self, `expected the admin ${me.admin.user.id} in the list, got no such user`);
    expect(
      !self.allowedActions.edit && !self.allowedActions.revoke,
      `expected edit and revoke false on the admin itself, got edit ${self.allowedActions.edit}, revoke ${self.allowedActions.revoke}`,
    );
  });

  await h.check(
    "the limited persona's changeRole offers only roles its role may assign",
    async (t) => {
      const { me, roles } = need(env, 'me.limited', 'roles');
      const role = roles.find((r) => r.id === me.limited.user.role);
      if (!role) skip(`the limited persona's role ${me.limited.user.role} is not in /roles`);
      const assignable = new Set(role.assignable);
      const { users } = await walk(t, { limit: 200 }, 'limited');
      const bad = users.flatMap((u) =>
        u.allowedActions.changeRole
          .filter((r) => !assignable.has(r))
          .map((r) => `${u.email} → ${r}`),
      );
      expect(
        bad.length === 0,
        `expected changeRole within ${role.id}'s assignable [${role.assignable.join(', ')}], got ${bad.join(', ')}`,
      );
    },
  );

  await h.check('GET /users as a persona who may not view users → 403 forbidden', async (t) => {
    need(env, 'noAccess');
    t.expectProblem(await t.send('noAccess', { method: 'GET', path: '/users' }), 403, 'forbidden');
  });
}

/** `sort=lastLoginAt` / `-lastLoginAt`: by the time, never signed in as the oldest. */
async function checkLastLoginSort(h: Harness, everyone: () => User[]): Promise<void> {
  await h.check(
    'sort=lastLoginAt and -lastLoginAt are ordered, never signed in oldest',
    async (t) => {
      if (everyone().length >= MAX_WALK) skip(`more than ${MAX_WALK} users to compare`);
      for (const sort of ['lastLoginAt', '-lastLoginAt']) {
        t.step(`sort=${sort}`);
        const { users, total } = await walk(t, { sort, limit: 200 });
        expect(users.length === total, `expected ${total} users (total), walked ${users.length}`);
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
            `expected ${sort.startsWith('-') ? 'newest' : 'oldest'} first, got ${users[i - 1]!.email} (${users[i - 1]!.lastLoginAt}) before ${users[i]!.email} (${users[i]!.lastLoginAt})`,
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
async function checkInactiveFilter(h: Harness, env: Env, everyone: () => User[]): Promise<void> {
  if (env.workspace && !env.workspace.features.inactiveFilter) {
    h.skip('GET /users?inactive=', 'the server does not declare features.inactiveFilter');
    return;
  }
  /** The whole list when it was walked and is complete, else undefined. */
  const complete = () => {
    const users = everyone();
    return users.length < MAX_WALK ? users : undefined;
  };

  await h.check('inactive=never returns only (and every) user who never signed in', async (t) => {
    need(env, 'features.inactiveFilter');
    const { users, total } = await walk(t, { inactive: 'never', limit: 200 });
    const signedIn = users.filter((u) => u.lastLoginAt !== null);
    expect(
      signedIn.length === 0,
      `expected only lastLoginAt null, got ${signedIn.map((u) => `${u.email} (${u.lastLoginAt})`).join(', ')}`,
    );
    const all = complete();
    if (all) {
      const want = all.filter((u) => u.lastLoginAt === null).length;
      expect(total === want, `expected total ${want} (users who never signed in), got ${total}`);
      expect(users.length === total, `expected ${total} users (total), walked ${users.length}`);
    }
    t.note(`${total} never signed in`);
  });

  for (const days of [1, 30, 365]) {
    await h.check(
      `inactive=${days} returns only users with no activity in ${days} day${days === 1 ? '' : 's'}`,
      async (t) => {
        need(env, 'features.inactiveFilter');
        const started = Date.now();
        const { users, total } = await walk(t, { inactive: days, limit: 200 });
        const cutoff = started - days * DAY_MS;
        const activeAt = (u: User) => u.lastActiveAt ?? u.lastLoginAt;
        const recent = users.filter((u) => {
          const at = activeAt(u);
          return at !== null && Date.parse(at) >= cutoff + CLOCK_SLACK_MS;
        });
        expect(
          recent.length === 0,
          `expected no activity since ${new Date(cutoff).toISOString()}, got ${recent.map((u) => `${u.email} (active ${activeAt(u)})`).join(', ')}`,
        );
        const all = complete();
        if (all) {
          const missing = all.filter((u) => {
            const at = activeAt(u);
            const inactive = at === null || Date.parse(at) < cutoff - CLOCK_SLACK_MS;
            return inactive && !users.some((found) => found.id === u.id);
          });
          expect(
            missing.length === 0,
            `expected every user inactive since ${new Date(cutoff).toISOString()}, got these left out: ${missing.map((u) => `${u.email} (active ${activeAt(u) ?? 'never'})`).join(', ')}`,
          );
        }
        t.note(`${total} inactive`);
      },
    );
  }

  await h.check('inactive combines with status and the other filters', async (t) => {
    need(env, 'features.inactiveFilter');
    const { users } = await walk(t, { inactive: 'never', status: 'invited', limit: 200 });
    const strays = users.filter((u) => u.status !== 'invited' || u.lastLoginAt !== null);
    expect(
      strays.length === 0,
      `expected invited users who never signed in, got ${strays.map((u) => `${u.email} (${u.status}, last login ${u.lastLoginAt})`).join(', ')}`,
    );
    const all = complete();
    if (all) {
      const invited = all.filter((u) => u.status === 'invited').length;
      expect(
        users.length === invited,
        `expected all ${invited} invited users (none has signed in), got ${users.length}`,
      );
    }
  });

  for (const value of ['0', '-1', '3651', '1.5', 'abc']) {
    await h.check(`GET /users?inactive=${value} → 422 validation_failed (inactive)`, async (t) => {
      need(env, 'features.inactiveFilter');
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
