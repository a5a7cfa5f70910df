/** Persistence: the CLI with --data survives kill -9; corrupt files are reported and left alone. */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { User } from '../../src/api/types.js';
import { fileStorage } from '../../src/mock/file-storage.js';
import { createMockServer, memoryStorage } from '../../src/mock/index.js';
import { call, fixedNow } from './helpers.js';

const CLI = new URL('../../src/mock/cli.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'roster-mock-'));
const children: ChildProcess[] = [];
after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function start(args: string[]): {
  child: ChildProcess;
  url: Promise<string>;
  exit: Promise<{ code: number | null; stderr: string }>;
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, '--port', '0', '--no-presence', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stderr })),
  );
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /at (http:\/\/\S+\/api\/v1)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exit.then(({ code }) => reject(new Error(`mock exited (${code}): ${stderr}`)));
  });
  url.catch(() => {}); // awaited only by tests that expect the server to start
  return { child, url, exit };
}

const api = async (
  url: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json', ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as unknown) };
};

describe('--data FILE', () => {
  it('keeps every answered write across kill -9 and restart', async () => {
    const data = join(dir, 'roster.json');
    const first = start(['--preset', 'workspace', '--data', data]);
    const url = await first.url;
    const invited = (
      await api(url, 'POST', '/invitations', {
        email: 'kept@example.com',
        role: 'agent',
        name: 'Kept',
      })
    ).body as User;
    const target = (await api(url, 'GET', '/users/u_3')).body as User;
    assert.equal(
      (
        await api(
          url,
          'PATCH',
          '/users/u_3',
          { name: 'Renamed' },
          { 'If-Match': `"${target.version}"` },
        )
      ).status,
      200,
    );
    assert.equal((await api(url, 'DELETE', '/users/u_4')).status, 204);
    first.child.kill('SIGKILL');
    await first.exit;

    const second = start(['--data', data]);
    const again = await second.url;
    assert.equal(
      ((await api(again, 'GET', `/users/${invited.id}`)).body as User).email,
      'kept@example.com',
    );
    assert.equal(((await api(again, 'GET', '/users/u_3')).body as User).name, 'Renamed');
    assert.equal((await api(again, 'GET', '/users/u_4')).status, 404);
    const next = (
      await api(again, 'POST', '/invitations', { email: 'after@example.com', role: 'agent' })
    ).body as User;
    assert.notEqual(next.id, invited.id, 'ids keep counting after a restart');
    second.child.kill('SIGKILL');
    await second.exit;
  });

  it('reports a corrupt data file with its path and leaves it untouched', async () => {
    const data = join(dir, 'corrupt.json');
    writeFileSync(data, '{"format":"roster-mock-data", oops');
    const { exit } = start(['--data', data]);
    const { code, stderr } = await exit;
    assert.equal(code, 1);
    assert.ok(stderr.includes(data), stderr);
    assert.match(stderr, /not valid JSON/);
    assert.equal(readFileSync(data, 'utf8'), '{"format":"roster-mock-data", oops');
  });

  it('refuses writes while the disk is full, keeps serving, and restarts with every answered one', async (t) => {
    // A full disk, simulated with the file size limit of the running server (RLIMIT_FSIZE; Node
    // ignores SIGXFSZ, so write() returns short and then fails with EFBIG, as with ENOSPC).
    try {
      execFileSync('prlimit', ['--version']);
    } catch {
      t.skip('needs prlimit (util-linux)');
      return;
    }
    const data = join(dir, 'full.json');
    const server = start(['--preset', 'workspace', '--data', data]);
    const url = await server.url;
    const fsize = (limit: string) =>
      execFileSync('prlimit', ['--pid', String(server.child.pid), `--fsize=${limit}:`]);
    const invite = async (email: string, at = url) =>
      (await api(at, 'POST', '/invitations', { email, role: 'agent' })).status;
    const answered: string[] = [];
    const refused: string[] = [];
    const burst = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const email = `burst${i}@example.com`;
        const status = await invite(email);
        assert.ok(status === 201 || status === 500, `${email}: ${status}`);
        (status === 201 ? answered : refused).push(email);
      }
    };
    await burst(0, 4);
    // Room for half a line: the next write is torn, the ones after it fail outright.
    fsize(String(statSync(`${data}.journal`).size + 40));
    await burst(4, 8);
    assert.deepEqual(
      refused,
      [4, 5, 6, 7].map((i) => `burst${i}@example.com`),
    );
    const list = (await api(url, 'GET', '/users?q=burst')).body as { items: User[] };
    assert.equal(list.items.length, 4, 'a refused write changes nothing in memory');
    fsize('unlimited');
    await burst(8, 12);
    assert.equal(await invite('burst5@example.com'), 201, 'a refused invitation can be retried');
    answered.push('burst5@example.com');
    assert.equal(answered.length, 9);
    server.child.kill('SIGKILL');
    await server.exit;

    const again = start(['--data', data]);
    const restarted = await again.url;
    const kept = (await api(restarted, 'GET', '/users?q=burst&limit=100')).body as {
      items: User[];
    };
    assert.deepEqual(
      kept.items.map((user) => user.email).sort(),
      [...answered].sort(),
      'every answered write and no refused one',
    );
    assert.equal(
      await invite('after@example.com', restarted),
      201,
      'ids keep counting without a clash',
    );
    again.child.kill('SIGKILL');
    await again.exit;
  });

  it('exits 2 on bad flags', async () => {
    const { code, stderr } = await start(['--fail-rate', '7']).exit;
    assert.equal(code, 2);
    assert.match(stderr, /--fail-rate/);
  });
});

describe('file storage', () => {
  it('compacts the journal into the snapshot and drops a torn last line', async () => {
    const data = join(dir, 'compact.json');
    const storage = fileStorage(data, { compactEvery: 3 });
    const s = createMockServer({ preset: 'tenant', storage, now: fixedNow });
    for (let i = 0; i < 5; i++)
      assert.equal(
        (
          await call(s, 'admin', 'POST', '/invitations', {
            email: `c${i}@example.com`,
            role: 'user',
          })
        ).status,
        201,
      );
    s.close();
    const journal = readFileSync(`${data}.journal`, 'utf8');
    assert.equal(journal.trim().split('\n').length, 2, 'three lines were folded into the snapshot');
    appendFileSync(`${data}.journal`, '{"seq":99,"chan');
    const restarted = createMockServer({ storage: fileStorage(data), now: fixedNow });
    assert.equal(restarted.preset, 'tenant');
    const emails = restarted.usersAs('admin').map((u) => u.email);
    for (let i = 0; i < 5; i++) assert.ok(emails.includes(`c${i}@example.com`));
    assert.ok(readFileSync(`${data}.journal`, 'utf8').endsWith('\n'), 'the torn line is gone');
    restarted.close();
  });

  it('answers a write whose compaction fails, and compacts on a later one', async () => {
    const data = join(dir, 'compact-fails.json');
    const storage = fileStorage(data, { compactEvery: 2 });
    const s = createMockServer({ preset: 'tenant', storage, now: fixedNow });
    const temp = `${data}.tmp-${process.pid}`;
    mkdirSync(temp); // the new snapshot cannot be written
    const invite = async (i: number) =>
      (await call(s, 'admin', 'POST', '/invitations', { email: `f${i}@example.com`, role: 'user' }))
        .status;
    for (let i = 0; i < 3; i++) assert.equal(await invite(i), 201);
    assert.equal(readFileSync(`${data}.journal`, 'utf8').trim().split('\n').length, 3);
    rmSync(temp, { recursive: true });
    assert.equal(await invite(3), 201);
    assert.equal(readFileSync(`${data}.journal`, 'utf8'), '', 'folded into the snapshot');
    s.close();
    const restarted = createMockServer({ storage: fileStorage(data), now: fixedNow });
    const emails = restarted.usersAs('admin').map((u) => u.email);
    for (let i = 0; i < 4; i++) assert.ok(emails.includes(`f${i}@example.com`));
    restarted.close();
  });

  it('refuses a journal line that is damaged in the middle', () => {
    const data = join(dir, 'damaged.json');
    const s = createMockServer({ storage: fileStorage(data), now: fixedNow });
    s.close();
    writeFileSync(`${data}.journal`, 'garbage\n{"seq":1,"changes":[]}\n');
    assert.throws(
      () => createMockServer({ storage: fileStorage(data) }),
      /damaged\.json\.journal: line 1/,
    );
  });

  it('drops an unterminated last line even when it parses (it was never acknowledged)', () => {
    const data = join(dir, 'unterminated.json');
    createMockServer({ storage: fileStorage(data), now: fixedNow }).close();
    writeFileSync(`${data}.journal`, '{"seq":1,"changes":[{"kind":"seatLimit","seatLimit":1}]}');
    const s = createMockServer({ storage: fileStorage(data), now: fixedNow });
    assert.notEqual(s.seats().limit, 1);
    s.close();
    assert.equal(readFileSync(`${data}.journal`, 'utf8'), '');
  });

  it('refuses a damaged last line that was written whole (acknowledged)', () => {
    const data = join(dir, 'damaged-last.json');
    createMockServer({ storage: fileStorage(data), now: fixedNow }).close();
    writeFileSync(`${data}.journal`, '{"seq":1,"changes":[]}\n{"seq":2,"chan\n');
    assert.throws(
      () => createMockServer({ storage: fileStorage(data) }),
      /damaged-last\.json\.journal: line 2/,
    );
  });

  it('restores the same state from a memory storage', async () => {
    const storage = memoryStorage();
    const s = createMockServer({ storage, now: fixedNow });
    await call(s, 'owner', 'POST', '/invitations', { email: 'mem@example.com', role: 'agent' });
    s.close();
    const again = createMockServer({ storage, now: fixedNow });
    assert.ok(again.usersAs('owner').some((u) => u.email === 'mem@example.com'));
    again.close();
  });
});

describe('a data file of the wrong shape', () => {
  /** A fresh data file, its snapshot changed by `edit`; returns the path. */
  const dataFile = (name: string, edit: (file: Record<string, unknown>) => void = () => {}) => {
    const data = join(dir, `${name}.json`);
    createMockServer({ preset: 'workspace', storage: fileStorage(data), now: fixedNow }).close();
    const file = JSON.parse(readFileSync(data, 'utf8')) as Record<string, unknown>;
    edit(file);
    writeFileSync(data, JSON.stringify(file));
    return data;
  };
  const state = (file: Record<string, unknown>) => file.state as Record<string, unknown>;
  const refuses = (data: string, field: RegExp) => {
    const before = readFileSync(data, 'utf8');
    assert.throws(
      () => createMockServer({ storage: fileStorage(data), now: fixedNow }),
      (error: Error) => {
        assert.equal(error.name, 'FileStorageError');
        assert.ok(error.message.startsWith(data), error.message);
        assert.match(error.message, field);
        return true;
      },
    );
    assert.equal(readFileSync(data, 'utf8'), before, 'the file is left as it was');
  };

  it('refuses counters without numbers', () => {
    refuses(
      dataFile('counters', (file) => (state(file).counters = {})),
      /state\.counters\.user/,
    );
  });

  it('refuses a user that is an empty object', () => {
    refuses(
      dataFile('user-empty', (file) => (state(file).users = [{}])),
      /state\.users\[0\]\.id/,
    );
  });

  it('refuses a user that is null', () => {
    refuses(
      dataFile('user-null', (file) => (state(file).users = [null])),
      /state\.users\[0\]/,
    );
  });

  it('refuses personas that are null', () => {
    refuses(
      dataFile('personas', (file) => (state(file).personas = null)),
      /state\.personas/,
    );
  });

  it('refuses a journal that is a directory', () => {
    const data = dataFile('journal-dir');
    rmSync(`${data}.journal`, { force: true });
    mkdirSync(`${data}.journal`);
    assert.throws(
      () => createMockServer({ storage: fileStorage(data) }),
      /journal-dir\.json\.journal: .*directory/,
    );
  });

  it('refuses a journalSeq beyond the journal', () => {
    const data = dataFile('seq-beyond', (file) => (file.journalSeq = 10));
    writeFileSync(`${data}.journal`, '{"seq":1,"changes":[]}\n{"seq":2,"changes":[]}\n');
    refuses(data, /journalSeq 10 .*sequence 2/);
  });

  it('refuses a journal change of the wrong shape, naming its line and field', () => {
    const data = dataFile('change');
    writeFileSync(`${data}.journal`, '{"seq":1,"changes":[{"kind":"user","user":{}}]}\n');
    assert.throws(
      () => createMockServer({ storage: fileStorage(data) }),
      /change\.json\.journal: line 1: changes\[0\]\.user\.id/,
    );
  });

  it('exits 1 from the CLI naming the file and the field', async () => {
    const data = dataFile(
      'cli-shape',
      (file) => (state(file).counters = { user: 'x', template: 1 }),
    );
    const run = start(['--data', data]);
    run.url.then(
      () => run.child.kill('SIGKILL'), // it must not start
      () => {},
    );
    const { code, stderr } = await run.exit;
    assert.equal(code, 1);
    assert.ok(stderr.includes(data), stderr);
    assert.match(stderr, /state\.counters\.user/);
  });
});
