/** `GET /users` pagination, search, filters and sorts, and the CSV export. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SORT_KEYS } from '../../src/api/types.js';
import type { Page, User } from '../../src/api/types.js';
import { csvCell } from '../../src/mock/csv.js';
import { createMockServer } from '../../src/mock/index.js';
import type { MockServer } from '../../src/mock/index.js';
import { call, codeOf, fixedNow } from './helpers.js';
import { spawnMock } from './spawn-mock.js';
import type { ChildMock } from './spawn-mock.js';

async function walk(
  s: MockServer,
  query: string,
  between?: (page: number) => Promise<void>,
): Promise<User[]> {
  const seen: User[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const answer = await call<Page<User>>(s, 'owner', 'GET', `/users?${query}${suffix}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    seen.push(...answer.body.items);
    cursor = answer.body.nextCursor;
    if (!cursor) return seen;
    await between?.(page);
  }
  throw new Error('too many pages');
}

describe('GET /users', () => {
  const s = createMockServer({ users: 500, now: fixedNow });
  const all = s.usersAs('owner');
  after(() => s.close());

  for (const key of SORT_KEYS) {
    for (const sort of [key, `-${key}`]) {
      it(`walks every user exactly once sorted by ${sort}`, async () => {
        const seen = await walk(s, `sort=${sort}&limit=37`);
        assert.equal(seen.length, all.length);
        assert.equal(new Set(seen.map((u) => u.id)).size, all.length);
      });
    }
  }

  it('sorts names accent-insensitively and lastActiveAt newest first with -lastActiveAt', async () => {
    const byActivity = (
      await call<Page<User>>(s, 'owner', 'GET', '/users?sort=-lastActiveAt&limit=200')
    ).body.items;
    for (let i = 1; i < byActivity.length; i++) {
      assert.ok((byActivity[i - 1]!.lastActiveAt ?? '') >= (byActivity[i]!.lastActiveAt ?? ''));
    }
    const byRole = (await call<Page<User>>(s, 'owner', 'GET', '/users?sort=role&limit=200')).body
      .items;
    assert.equal(byRole[0]!.role, 'owner');
  });

  it('finds users by name or email, case- and accent-insensitively, with the right total', async () => {
    const page = (
      await call<Page<User>>(s, 'owner', 'GET', `/users?q=${encodeURIComponent('ZOE')}`)
    ).body;
    assert.deepEqual(
      page.items.map((u) => u.name),
      ['Zoë Lefèvre'],
    );
    assert.equal(page.total, 1);
    const cyrillic = (
      await call<Page<User>>(s, 'owner', 'GET', `/users?q=${encodeURIComponent('анна')}`)
    ).body;
    assert.ok(cyrillic.items.some((u) => u.name === 'Анна Смирнова'));
    const byEmail = (await call<Page<User>>(s, 'owner', 'GET', '/users?q=ACME.TEST&limit=200'))
      .body;
    assert.equal(byEmail.total, all.filter((u) => u.email.includes('acme.test')).length);
  });

  it('filters by role and status together', async () => {
    const seen = await walk(s, 'role=agent&status=invited&limit=5');
    const want = all.filter((u) => u.role === 'agent' && u.status === 'invited');
    assert.ok(want.length > 0);
    assert.deepEqual(seen.map((u) => u.id).sort(), want.map((u) => u.id).sort());
    const first = (
      await call<Page<User>>(s, 'owner', 'GET', '/users?role=agent&status=invited&limit=5')
    ).body;
    assert.equal(first.total, want.length);
  });

  it('refuses a cursor from another sort or filter', async () => {
    const first = (await call<Page<User>>(s, 'owner', 'GET', '/users?sort=name&limit=5')).body;
    const other = await call(s, 'owner', 'GET', `/users?sort=email&cursor=${first.nextCursor}`);
    assert.equal(codeOf(other), 'validation_failed');
  });
});

describe('pages stay right while users come and go', () => {
  for (const sort of ['name', '-lastActiveAt', 'role']) {
    it(`every user present throughout is seen exactly once (sort ${sort})`, async () => {
      const s = createMockServer({ users: 300, now: fixedNow });
      const initial = new Set(s.usersAs('owner').map((u) => u.id));
      const removed = new Set<string>();
      const seen = await walk(s, `sort=${sort}&limit=25`, async (page) => {
        await call(s, 'owner', 'POST', '/invitations', {
          email: `new${page}@example.com`,
          role: 'agent',
          name: `Aaron ${page}`,
        });
        const victim = s
          .usersAs('owner')
          .find((u) => u.role === 'agent' && !removed.has(u.id) && u.name.startsWith('Z'));
        if (victim) {
          removed.add(victim.id);
          assert.equal((await call(s, 'owner', 'DELETE', `/users/${victim.id}`)).status, 204);
        }
      });
      const ids = seen.map((u) => u.id);
      assert.equal(new Set(ids).size, ids.length, 'no user twice');
      for (const id of initial) if (!removed.has(id)) assert.ok(ids.includes(id), `${id} seen`);
      s.close();
    });
  }
});

describe('GET /users/export', () => {
  it('exports every matching user (all pages), quoted and with formulas neutralised', async () => {
    const s = createMockServer({ users: 400, now: fixedNow });
    await call(s, 'owner', 'POST', '/invitations', {
      email: 'formula@example.com',
      role: 'agent',
      name: '=HYPERLINK("http://x","click, me")',
    });
    await call(s, 'owner', 'POST', '/invitations', {
      email: 'plus@example.com',
      role: 'agent',
      name: '+1 "quoted", ok',
    });
    const res = await s.fetch('http://m/api/v1/users/export?role=agent', {
      headers: { Authorization: 'Bearer owner' },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    const text = await res.text();
    assert.ok(text.includes(`"'=HYPERLINK(""http://x"",""click, me"")"`));
    assert.ok(text.includes(`"'+1 ""quoted"", ok"`));
    const agents = s.usersAs('owner').filter((u) => u.role === 'agent').length;
    assert.equal(text.split('\r\n').filter(Boolean).length, agents + 1);
    assert.ok(agents > 200, 'more than one page');
    s.close();
  });

  it('neutralises every dangerous first character', () => {
    for (const start of [
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      '\0',
      '\uFF1D',
      '\uFF0B',
      '\uFF0D',
      '\uFF20',
    ])
      assert.ok(
        csvCell(`${start}x`).replace(/^"/, '').startsWith(`'${start}`),
        JSON.stringify(start),
      );
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a-b=c'), 'a-b=c', 'only a first character counts');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(42), '42');
  });

  it('neutralises formulas behind invisible or blank characters', () => {
    const invisible = [
      '\u200B', // zero-width space
      '\u200C', // zero-width non-joiner
      '\u200D', // zero-width joiner
      '\u2060', // word joiner
      '\uFEFF', // byte-order mark
      '\u00AD', // soft hyphen
      '\u200E', // left-to-right mark
      '\u200F', // right-to-left mark
      '\u202A', // left-to-right embedding
      '\u202E', // right-to-left override
      '\u2066', // left-to-right isolate
      '\u2069', // pop directional isolate
      '\u061C', // Arabic letter mark
      ' ',
      '\u00A0', // no-break space
      '\u3000', // ideographic space
      '\n',
      '\u000B', // vertical tab
      '\u0001',
    ];
    for (const lead of invisible)
      for (const formula of ['=1+1', '@SUM(A1)', '+1', '-1'])
        assert.ok(
          csvCell(`${lead}${formula}`).replace(/^"/, '').startsWith(`'${lead}${formula}`),
          JSON.stringify(lead + formula),
        );
    assert.equal(csvCell('\u200B\u2060\uFEFF=cmd|x!A1'), "'\u200B\u2060\uFEFF=cmd|x!A1");
    assert.equal(csvCell('\u200Bplain'), '\u200Bplain', 'invisible characters alone are left');
  });

  it('quotes every cell holding a separator, quote or line break, doubling quotes', () => {
    assert.equal(csvCell('Bob;=1+1'), '"Bob;=1+1"', 'a semicolon, for spreadsheets set to it');
    assert.equal(csvCell('Bob,=1+1'), '"Bob,=1+1"');
    assert.equal(csvCell('Bob\t=1+1'), '"Bob\t=1+1"');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('two\r\nlines'), '"two\r\nlines"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('=A1;"x"'), `"'=A1;""x"""`);
    assert.equal(csvCell('\t=1;2'), `"'\t=1;2"`);
  });

  describe('over HTTP with 100,000 users (the mock in a child process)', () => {
    let mock: ChildMock;
    const owner = { Authorization: 'Bearer owner' };
    before(async () => {
      mock = await spawnMock(['--users', '100000']);
    });
    after(() => mock?.stop());

    /** Reads one export, noting in `log` when its first bytes came and when it ended. */
    async function exportInto(log: string[], name: string, onFirstBytes?: () => void) {
      const res = await fetch(`${mock.url}/users/export`, {
        headers: owner,
        signal: AbortSignal.timeout(30_000),
      });
      assert.equal(res.status, 200);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      for (let n = 0; n < 1_000_000; n++) {
        const { value, done } = await reader.read();
        if (done) break;
        if (!text) {
          log.push(`${name} started`);
          onFirstBytes?.();
        }
        text += value;
      }
      log.push(`${name} ended`);
      return text;
    }

    const total = async () => {
      const res = await fetch(`${mock.url}/users?limit=1`, { headers: owner });
      return ((await res.json()) as Page<User>).total;
    };

    it('answers GET /me while an export is being sent', async () => {
      const log: string[] = [];
      let me: Promise<void> | undefined;
      const text = await exportInto(log, 'export', () => {
        me = fetch(`${mock.url}/me`, { headers: owner, signal: AbortSignal.timeout(30_000) })
          .then((res) => res.text())
          .then(() => void log.push('me answered'));
      });
      await me;
      assert.deepEqual(log, ['export started', 'me answered', 'export ended']);
      assert.equal(
        text.split('\r\n').length,
        (await total()) + 2,
        'header, every user, final CRLF',
      );
    });

    it('interleaves concurrent exports, each complete and identical', async () => {
      const log: string[] = [];
      const [a, b] = await Promise.all([exportInto(log, 'a'), exportInto(log, 'b')]);
      assert.ok(a.length > 10_000_000, `${a.length} characters`);
      assert.ok(a === b, 'both exports are the same file');
      assert.equal(a.split('\r\n').length, (await total()) + 2);
      assert.deepEqual(log.slice(0, 2).sort(), ['a started', 'b started'], log.join(', '));
    });
  });

  it('is refused to actors without the export right', async () => {
    const s = createMockServer({ preset: 'workspace', now: fixedNow });
    assert.equal(codeOf(await call(s, 'manager-restricted', 'GET', '/users/export')), 'forbidden');
    s.close();
  });
});
