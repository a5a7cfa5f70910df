/** Persistence: the CLI with --data survives kill -9; corrupt files are reported and left alone. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { User } from '../../src/api/types.js';
import { fileStorage } from '../../src/mock/file-storage.js';
import { createMockServer, memoryStorage } from '../../src/mock/index.js';
import { call, fixedNow } from './helpers.js';

const CLI = new URL('../../src/mock/cli.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'roster-mock-'));
after(() => rmSync(dir, { recursive: true, force: true }));

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
