/** The inactivity filter of `GET /users` and the export, the `lastLoginAt` sort, the seeded spread. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page, Problem, User, Workspace } from '../../src/api/types.js';
import { createMockServer } from '../../src/mock/index.js';
import type { MockServer } from '../../src/mock/index.js';
import { listen } from '../../src/mock/node-server.js';
import type { RunningMock } from '../../src/mock/node-server.js';
import { NOW, fixedNow } from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;
const owner = { Authorization: 'Bearer owner' };

/** Milliseconds of the user's last sign of activity, or null when it never signed in. */
const activity = (user: User) => {
  const at = user.lastActiveAt ?? user.lastLoginAt;
  return at === null ? null : Date.parse(at);
};
const inactiveFor =
  (days: number, now = NOW) =>
  (user: User) => {
    const at = activity(user);
    return at === null || at < now - days * DAY;
  };
const ids = (users: User[]) => users.map((u) => u.id).sort();

/** Every page of a query over HTTP; the users in order and the first page's total. */
async function walk(base: string, query: string): Promise<{ users: User[]; total: number }> {
  const users: User[] = [];
  let cursor: string | null = null;
  let total = -1;
  for (let page = 0; page < 1000; page++) {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res = await fetch(`${base}/users?${query}${suffix}`, { headers: owner });
    assert.equal(res.status, 200, await res.clone().text());
    const body = (await res.json()) as Page<User>;
    if (total === -1) total = body.total;
    users.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return { users, total };
  }
  throw new Error('too many pages');
}

describe('GET /users?inactive= over HTTP', () => {
  let running: RunningMock;
  let mock: MockServer;
  let all: User[];
  before(async () => {
    mock = createMockServer({ preset: 'all', users: 600, now: fixedNow });
    running = await listen(mock);
    all = mock.usersAs('owner');
  });
  after(() => running.close());

  it('inactive=never returns exactly the users who never signed in, in pages', async () => {
    const want = all.filter((u) => u.lastLoginAt === null);
    assert.ok(
      want.some((u) => u.status === 'active'),
      'some active users never signed in',
    );
    assert.ok(want.some((u) => u.status === 'invited'));
    const { users, total } = await walk(running.url, 'inactive=never&limit=17');
    assert.deepEqual(ids(users), ids(want));
    assert.equal(total, want.length);
    assert.equal(new Set(users.map((u) => u.id)).size, users.length, 'no user twice');
  });

  for (const days of [1, 30, 90, 365, 3650]) {
    it(`inactive=${days} returns exactly the users with no activity in ${days} days`, async () => {
      const want = all.filter(inactiveFor(days));
      const { users, total } = await walk(running.url, `inactive=${days}&limit=50`);
      assert.deepEqual(ids(users), ids(want));
      assert.equal(total, want.length);
      if (days === 90)
        assert.ok(
          want.some((u) => activity(u) !== null),
          'some dormant users',
        );
    });
  }

  it('combines with q, role, status and a sort, keeping the sort order across pages', async () => {
    const q = 'a';
    const want = all
      .filter(inactiveFor(60))
      .filter((u) => u.role === 'agent' && u.status === 'active')
      .filter((u) => `${u.name}\n${u.email}`.toLowerCase().includes(q));
    assert.ok(want.length > 3, `${want.length} matches`);
    const { users, total } = await walk(
      running.url,
      `inactive=60&q=${q}&role=agent&status=active&sort=-lastLoginAt&limit=3`,
    );
    assert.deepEqual(ids(users), ids(want));
    assert.equal(total, want.length);
    const logins = users.map((u) => u.lastLoginAt ?? '');
    assert.deepEqual(logins, [...logins].sort().reverse(), 'newest sign-in first');
  });

  for (const bad of ['0', '-1', '3651', '1.5', 'abc', 'Never', '1e2', ' 30']) {
    it(`refuses inactive=${JSON.stringify(bad)} with 422 validation_failed on inactive`, async () => {
      for (const path of ['/users', '/users/export']) {
        const res = await fetch(`${running.url}${path}?inactive=${encodeURIComponent(bad)}`, {
          headers: owner,
        });
        assert.equal(res.status, 422, path);
        assert.equal(res.headers.get('content-type'), 'application/problem+json');
        const problem = (await res.json()) as Problem;
        assert.equal(problem.code, 'validation_failed');
        assert.deepEqual(
          problem.errors?.map((e) => e.field),
          ['inactive'],
        );
        assert.match(problem.errors![0]!.message, /1 to 3650.*never/);
      }
    });
  }

  it('refuses a cursor from another inactivity filter', async () => {
    const first = await fetch(`${running.url}/users?inactive=30&limit=5`, { headers: owner });
    const { nextCursor } = (await first.json()) as Page<User>;
    assert.ok(nextCursor);
    for (const other of ['inactive=31', 'inactive=never', '']) {
      const res: Response = await fetch(`${running.url}/users?${other}&limit=5&cursor=${nextCursor}`, {
        headers: owner,
      });
      assert.equal(res.status, 422, other);
      assert.equal(((await res.json()) as Problem).errors?.[0]?.field, 'cursor');
    }
  });

  it('exports the filtered set, every page of it', async () => {
    const want = all.filter((u) => u.lastLoginAt === null && u.status === 'active');
    const res = await fetch(`${running.url}/users/export?inactive=never&status=active`, {
      headers: owner,
    });
    assert.equal(res.status, 200);
    const lines = (await res.text()).split('\r\n').filter(Boolean);
    assert.equal(lines.length, want.length + 1);
    for (const user of want)
      assert.ok(
        lines.some((line) => line.includes(user.email)),
        `${user.email} is in the export`,
      );
  });

  it('sorts by lastLoginAt, never signed in first (ascending) or last (descending)', async () => {
    for (const sort of ['lastLoginAt', '-lastLoginAt']) {
      const { users } = await walk(running.url, `sort=${sort}&limit=200`);
      assert.equal(users.length, all.length);
      const keys = users.map((u) => u.lastLoginAt ?? '');
      const sorted = [...keys].sort();
      assert.deepEqual(keys, sort === 'lastLoginAt' ? sorted : sorted.reverse(), sort);
    }
  });
});

describe('the inactivity filter follows the clock and the users', () => {
  it('counts against the current time, not a cached total', async () => {
    let now = NOW;
    const s = createMockServer({ preset: 'tenant', now: () => now });
    const count = async (query: string) => {
      const res = await s.fetch(`/api/v1/users?${query}&limit=1`, {
        headers: { Authorization: 'Bearer admin' },
      });
      return ((await res.json()) as Page<User>).total;
    };
    const before = await count('inactive=7');
    now += 60 * DAY;
    const later = await count('inactive=7');
    const everyone = s.usersAs('admin').length;
    assert.ok(later > before, `${before} → ${later}`);
    assert.equal(later, s.usersAs('admin').filter(inactiveFor(7, now)).length);
    now += 4000 * DAY;
    assert.equal(await count('inactive=3650'), everyone);
    s.close();
  });
});

describe('at 100,000 users', () => {
  it('answers filtered pages and totals quickly, walking a filter with its cursors', async () => {
    const s = createMockServer({ preset: 'all', users: 100_000, now: fixedNow });
    const timed = async (query: string) => {
      const started = performance.now();
      const res = await s.fetch(`/api/v1/users?${query}`, { headers: owner });
      const page = (await res.json()) as Page<User>;
      return { page, ms: performance.now() - started };
    };
    const slowest: [string, number][] = [];
    for (const query of [
      'inactive=never',
      'inactive=30',
      'inactive=365&sort=-lastLoginAt',
      'inactive=90&q=ana&status=active',
      'inactive=1&sort=email&role=agent',
    ]) {
      const { page, ms } = await timed(query);
      assert.equal(page.items.length, Math.min(50, page.total));
      slowest.push([query, ms]);
    }
    for (const [query, ms] of slowest) assert.ok(ms < 3000, `${query}: ${Math.round(ms)} ms`);
    let { page } = await timed('inactive=365&limit=200');
    let seen = page.items.length;
    const started = performance.now();
    while (page.nextCursor) {
      ({ page } = await timed(`inactive=365&limit=200&cursor=${page.nextCursor}`));
      seen += page.items.length;
    }
    assert.equal(seen, page.total);
    const perPage = (performance.now() - started) / Math.ceil(seen / 200);
    assert.ok(perPage < 500, `${Math.round(perPage)} ms a page`);
    s.close();
  });
});

describe('features and seeded data', () => {
  for (const preset of ['workspace', 'tenant', 'all'] as const) {
    it(`the ${preset} preset declares features.inactiveFilter and seeds a spread of activity`, async () => {
      const s = createMockServer({ preset, now: fixedNow });
      const token = s.tokens[0]!;
      const res = await s.fetch('/api/v1/workspace', {
        headers: { Authorization: `Bearer ${token}` },
      });
      assert.equal(((await res.json()) as Workspace).features.inactiveFilter, true);
      const users = s.usersAs(token);
      const ages = users.map(activity).map((at) => (at === null ? null : (NOW - at) / DAY));
      assert.ok(ages.filter((age) => age !== null && age < 1).length >= 10, 'recent');
      assert.ok(
        ages.filter((age) => age !== null && age >= 30 && age <= 401).length >= 5,
        'dormant',
      );
      const never = users.filter((u) => u.lastLoginAt === null);
      assert.ok(never.filter((u) => u.status === 'active').length >= 2, 'active, never signed in');
      assert.ok(never.filter((u) => u.status === 'invited').length >= 3, 'invited');
      for (const persona of s.tokens)
        assert.notEqual(s.userAs(token, s.userIdOf(persona))!.lastLoginAt, null, persona);
      const again = createMockServer({ preset, now: fixedNow });
      assert.deepEqual(again.usersAs(token), users, 'the same seed gives the same users');
      again.close();
      s.close();
    });
  }

  it('generated users (--users) spread their activity too', () => {
    const s = createMockServer({ preset: 'all', users: 2000, now: fixedNow });
    const generated = s.usersAs('owner').filter((u) => /^user\d+@/.test(u.email));
    const share = (test: (u: User) => boolean) => generated.filter(test).length / generated.length;
    assert.ok(share((u) => u.lastLoginAt === null && u.status === 'active') > 0.03);
    assert.ok(share(inactiveFor(90)) > 0.15);
    assert.ok(share((u) => !inactiveFor(1)(u)) > 0.3);
    s.close();
  });
});
