/**
 * The mock's CORS over real HTTP, held to what docs/backend-guide.md tells a cookie backend on
 * another origin to send: the guide's header blocks are read here, so the guide and the mock
 * cannot disagree. With configured origins: the exact origin and credentials on preflights, on
 * errors and on the event stream; another origin gets nothing. With the default `*`: no
 * credentials.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createMockServer } from '../../src/mock/index.js';
import { listen } from '../../src/mock/node-server.js';
import type { RunningMock } from '../../src/mock/node-server.js';
import { fixedNow } from './helpers.js';

const guide = readFileSync(new URL('../../docs/backend-guide.md', import.meta.url), 'utf8');

/** The comma-separated values the guide gives for `header` (its first mention in a block). */
function guideList(header: string): string[] {
  const line = new RegExp(`^${header}: (.+)$`, 'm').exec(guide);
  assert.ok(line, `docs/backend-guide.md gives ${header}`);
  return line[1]!.split(',').map((value) => value.trim().toLowerCase());
}

/** The comma-separated values of a response header, lower-cased. */
const listOf = (headers: Headers, name: string) =>
  (headers.get(name) ?? '')
    .split(',')
    .map((value) => value.trim().toLowerCase())
    .filter(Boolean);

const APP = 'https://app.example.com';

describe('CORS for a page on another origin', () => {
  let running: RunningMock;
  before(async () => {
    const mock = createMockServer({
      allowedOrigins: [APP],
      rateLimit: { requests: 3, perMs: 60_000 },
      now: fixedNow,
      simulatePresence: false,
    });
    running = await listen(mock);
  });
  after(() => running.close());

  const from = (origin: string, init: RequestInit = {}, path = '/me') =>
    fetch(`${running.url}${path}`, {
      ...init,
      headers: { Origin: origin, ...(init.headers as Record<string, string> | undefined) },
    });

  it('answers a preflight with the exact origin, credentials and what the guide lists', async () => {
    const requested = guideList('Access-Control-Allow-Headers');
    assert.ok(requested.includes('if-match') && requested.includes('last-event-id'));
    const res = await from(APP, {
      method: 'OPTIONS',
      headers: {
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': requested.join(','),
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), APP);
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
    const methods = listOf(res.headers, 'access-control-allow-methods');
    for (const method of guideList('Access-Control-Allow-Methods'))
      assert.ok(methods.includes(method), `allows ${method}: ${methods.join(', ')}`);
    const allowed = listOf(res.headers, 'access-control-allow-headers');
    for (const header of [...requested, 'authorization'])
      assert.ok(allowed.includes(header), `allows ${header}: ${allowed.join(', ')}`);
    assert.ok(listOf(res.headers, 'vary').includes('origin'), 'Vary: Origin');
  });

  it('sends the origin, credentials and exposed headers on errors too', async () => {
    const exposed = guideList('Access-Control-Expose-Headers');
    assert.deepEqual(exposed, ['etag', 'retry-after']);
    const answers = [
      await from(APP), // 401: no token
      await from(APP, { headers: { Authorization: 'Bearer owner' } }, '/nowhere'), // 404
      await from(
        APP,
        {
          method: 'POST',
          headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
          body: '{"email":',
        },
        '/invitations',
      ), // 400
    ];
    assert.deepEqual(
      answers.map((res) => res.status),
      [401, 404, 400],
    );
    for (const res of answers) {
      await res.body?.cancel();
      assert.equal(res.headers.get('access-control-allow-origin'), APP, `${res.status}`);
      assert.equal(res.headers.get('access-control-allow-credentials'), 'true', `${res.status}`);
      const shown = listOf(res.headers, 'access-control-expose-headers');
      for (const header of exposed) assert.ok(shown.includes(header), `${res.status} ${header}`);
    }
  });

  it('lets the page read Retry-After on a 429', async () => {
    let res: Response;
    do {
      res = await from(APP, { headers: { Authorization: 'Bearer manager' } });
      await res.body?.cancel();
    } while (res.status === 200);
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers.get('retry-after')) > 0);
    assert.ok(listOf(res.headers, 'access-control-expose-headers').includes('retry-after'));
  });

  it('opens the event stream with the same headers', async () => {
    const abort = new AbortController();
    const res = await from(
      APP,
      {
        headers: { Authorization: 'Bearer owner2', 'Last-Event-ID': '0' },
        signal: abort.signal,
      },
      '/events',
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), APP);
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
    abort.abort();
  });

  it('gives another origin no CORS headers, on a preflight or an answer', async () => {
    const evil = 'https://evil.example.net';
    const preflight = await from(evil, {
      method: 'OPTIONS',
      headers: { 'Access-Control-Request-Method': 'PATCH' },
    });
    const answer = await from(evil, { headers: { Authorization: 'Bearer agent' } });
    for (const res of [preflight, answer]) {
      await res.body?.cancel();
      assert.equal(res.headers.get('access-control-allow-origin'), null);
    }
  });
});

describe('CORS with the default, any origin', () => {
  it('sends * and no Allow-Credentials, which a cookie backend must not copy', async () => {
    const running = await listen(createMockServer({ now: fixedNow, simulatePresence: false }));
    try {
      const res = await fetch(`${running.url}/me`, {
        headers: { Origin: APP, Authorization: 'Bearer owner' },
      });
      await res.body?.cancel();
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.equal(res.headers.get('access-control-allow-credentials'), null);
    } finally {
      await running.close();
    }
  });
});
