/**
 * The conformance suite itself, run against the mock behind small deliberately broken (or
 * deliberately different) fronts: a failed early check leaves later checks running or skipped
 * one by one with their reasons, every problem is printed with its request, expectation and
 * answer, header and cookie credentials reach the server, and shapes the contract allows pass.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { createMockServer, type MockOptions } from '../../src/mock/index.js';
import { parseCli } from '../conformance/cli.js';
import { mergeAuth, type Auth } from '../conformance/http.js';
import { runConformance, type Counts } from '../conformance/suite.js';

/** A front: sees each request, may change it, answer it itself or change the answer. */
type Front = (request: Request, next: (request: Request) => Promise<Response>) => Promise<Response>;

/** The workspace preset's personas, by bearer token. */
const TOKENS: Auth = mergeAuth(
  {},
  {
    admin: 'owner',
    secondAdmin: 'owner2',
    limited: 'manager',
    noAccess: 'agent',
    noExport: 'manager-restricted',
  },
);

interface Run {
  counts: Counts;
  lines: string[];
  /** The report lines of the check whose name starts with `name` (its status line first). */
  block(name: string): string[];
}

/** Serves the mock behind `front` on a free port, runs the suite against it and stops both. */
async function runBehind(
  front: Front,
  auth: Auth = TOKENS,
  options: MockOptions = {},
): Promise<Run> {
  const mock = createMockServer({ preset: 'workspace', ...options });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve(
      {
        fetch: (request: Request) => front(request, (r) => mock.fetch(r)),
        port: 0,
        hostname: '127.0.0.1',
      },
      () => resolve(started),
    );
  });
  const { port } = server.address() as AddressInfo;
  const lines: string[] = [];
  try {
    const counts = await runConformance({
      baseUrl: `http://127.0.0.1:${port}/api/v1`,
      auth,
      log: (line) => lines.push(line),
    });
    return { counts, lines, block: (name) => blockOf(lines, name) };
  } finally {
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    mock.close();
  }
}

const STATUS_LINE = /^ {2}(PASS|FAIL|SKIP) {2}/;

function blockOf(lines: string[], name: string): string[] {
  const start = lines.findIndex((l) => STATUS_LINE.test(l) && l.slice(8).startsWith(name));
  assert.notEqual(start, -1, `no check named "${name}" in the report:\n${lines.join('\n')}`);
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('          '));
  return lines.slice(start, end === -1 ? undefined : end);
}

const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, detail: code, code }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

/** The same request with other headers (its body read once, so it can be sent again). */
async function withHeaders(request: Request, change: (headers: Headers) => void): Promise<Request> {
  const headers = new Headers(request.headers);
  change(headers);
  const body = ['GET', 'HEAD'].includes(request.method) ? undefined : await request.text();
  return new Request(request.url, {
    method: request.method,
    headers,
    body,
    signal: request.signal,
  });
}

/** Rewrites every JSON answer's body. */
async function rewriteJson(res: Response, change: (body: unknown) => unknown): Promise<Response> {
  if (!(res.headers.get('content-type') ?? '').includes('application/json')) return res;
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  const body = JSON.stringify(change(await res.json()));
  return new Response(body, { status: res.status, headers });
}

describe('conformance suite', () => {
  it('keeps checking after GET /roles fails: each later check runs or says what it lacks', async () => {
    const run = await runBehind((request, next) =>
      new URL(request.url).pathname === '/api/v1/roles'
        ? Promise.resolve(problem(500, 'internal'))
        : next(request),
    );
    const report = run.lines.join('\n');
    assert.doesNotMatch(report, /every later group/);
    assert.match(run.block('GET /roles declares')[0]!, /^ {2}FAIL/);
    assert.deepEqual(run.block('POST /invitations → 201'), [
      '  SKIP  POST /invitations → 201 invited user, one more seat used: needs `/roles` and GET /me for the admin persona to pick a role to invite',
    ]);
    assert.match(
      run.block('limited persona inviting the top role')[0]!,
      /SKIP .*: needs `\/roles` to know the top role$/,
    );
    assert.match(run.block("role filter: every role's users")[0]!, /SKIP .*: needs GET \/roles/);
    // What needs no role still runs, in every later group.
    for (const name of [
      'GET /users?limit=0 → 422',
      'PATCH an unknown user → 404',
      'DELETE yourself → 403',
      'GET /users/{unknown} → 404',
      'an unknown Last-Event-ID gets resync',
      'malformed JSON or an empty body → 400',
    ])
      assert.match(run.block(name)[0]!, /^ {2}PASS/, name);
    assert.equal(run.counts.failed, 1, report);
    assert.ok(run.counts.passed > 25, report);
  });

  it('prints every failure whole: its step, request, expectation and answer', async () => {
    const fieldsDropped = [
      'team',
      'assignedContacts',
      'online',
      'lastActiveAt',
      'lastLoginAt',
      'invitedAt',
      'createdAt',
      'updatedAt',
    ];
    const run = await runBehind(async (request, next) => {
      const url = new URL(request.url);
      const admin = request.headers.get('authorization') === 'Bearer owner';
      // A limit of 0 is let through as the default page.
      if (url.searchParams.get('limit') === '0') {
        url.searchParams.delete('limit');
        return next(new Request(url, request));
      }
      // The Idempotency-Key is forgotten: a replay is a second invitation (409 email_taken).
      if (request.method === 'POST' && url.pathname.endsWith('/invitations'))
        return next(await withHeaders(request, (h) => h.delete('idempotency-key')));
      // The no-access and limited personas hear the owner's stream.
      if (
        url.pathname.endsWith('/events') &&
        /Bearer (agent|manager)$/.test(request.headers.get('authorization') ?? '')
      )
        return next(await withHeaders(request, (h) => h.set('authorization', 'Bearer owner')));
      const res = await next(request);
      // `?limit=200` alone, as the admin: users lose eight required fields.
      if (admin && url.search === '?limit=200')
        return rewriteJson(res, (page) => {
          for (const user of (page as { items: Record<string, unknown>[] }).items)
            for (const field of fieldsDropped) delete user[field];
          return page;
        });
      return res;
    });

    const limit0 = run.block('GET /users?limit=0 → 422');
    assert.match(limit0[0]!, /^ {2}FAIL/);
    assert.match(limit0[1]!, /^ {10}request: GET \/api\/v1\/users\?limit=0 as admin$/);
    assert.match(
      limit0[2]!,
      /^ {10}expected 422 validation_failed with errors\[\] naming "limit", got 200 application\/json \{"items":/,
    );

    const replay = run.block('Idempotency-Key replay');
    assert.equal(replay[1], '          at step: replay: same key, same body');
    assert.match(
      replay[2]!,
      /^ {10}request: POST \/api\/v1\/invitations as admin, Idempotency-Key: conformance-\S+, body \{"email":"roster-conformance-\S+-idem@example\.com","role":"agent"\}$/,
    );
    assert.match(
      replay[3]!,
      /^ {10}expected 201, got 409 email_taken ".+" \[email: email_taken\]$/,
    );

    const page = run.block('limit=200 is accepted');
    for (const field of fieldsDropped)
      assert.ok(
        page.includes(
          `          contract: GET /users → 200: /items/* must have required property '${field}' (first in GET /api/v1/users?limit=200 as admin)`,
        ),
        `${field} missing from:\n${page.join('\n')}`,
      );
    assert.doesNotMatch(run.lines.join('\n'), /… and \d+ more/);

    const noAccess = run.block('GET /events as a persona who may not view users');
    assert.match(noAccess[0]!, /^ {2}FAIL/);
    assert.match(
      noAccess.join('\n'),
      /expected no event about users other than itself \(\S+\), got user\.created #\d+ about \S+, user\.updated #\d+ about \S+, user\.removed #\d+ about \S+/,
    );
    const limited = run.block("the limited persona's stream");
    assert.match(limited[0]!, /^ {2}FAIL/);
    assert.match(
      limited.join('\n'),
      /expected user\.created to carry allowedActions as GET \/users\/\{id\} gives them to the limited persona, \{.+\}, got \{.+\}/,
    );
  });

  it('passes a backend that takes headers and cookies, with no expiry and roles lowest first', async () => {
    const seen = { bearer: 0, events: [] as string[] };
    const nullExpiry = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(nullExpiry);
      if (!value || typeof value !== 'object') return value;
      const copy = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nullExpiry(v)]));
      if ('inviteExpiresAt' in copy) copy['inviteExpiresAt'] = null;
      return copy;
    };
    /** Signs in by X-Api-Key or the session cookie; a bearer token is refused. */
    const signIn = async (request: Request, next: (r: Request) => Promise<Response>) => {
      if (request.headers.has('authorization')) {
        seen.bearer++;
        return problem(401, 'unauthenticated');
      }
      const key = request.headers.get('x-api-key');
      const session = /(?:^|;\s*)session=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
      const token = key ?? session;
      if (new URL(request.url).pathname.endsWith('/events'))
        seen.events.push(key ? `key ${key}` : `cookie ${request.headers.get('cookie')}`);
      if (!token) return next(request);
      return next(await withHeaders(request, (h) => h.set('authorization', `Bearer ${token}`)));
    };
    const run = await runBehind(
      async (request, next) => {
        const res = await signIn(request, next);
        if (new URL(request.url).pathname.endsWith('/roles'))
          return rewriteJson(res, (body) => ({
            items: [...(body as { items: unknown[] }).items].reverse(),
          }));
        return rewriteJson(res, nullExpiry);
      },
      {
        admin: { headers: { 'X-Api-Key': 'owner', 'X-Tenant': 'acme' } },
        secondAdmin: { cookie: 'session=owner2; theme=dark' },
        limited: { headers: { 'X-Api-Key': 'manager' } },
        noAccess: { cookie: 'session=agent' },
        noExport: { headers: { 'X-Api-Key': 'manager-restricted' } },
      },
    );
    assert.equal(run.counts.failed, 0, run.lines.join('\n'));
    assert.equal(seen.bearer, 0);
    for (const credential of [
      'cookie session=owner2; theme=dark',
      'cookie session=agent',
      'key owner',
    ])
      assert.ok(seen.events.includes(credential), `${credential} not in ${seen.events.join(', ')}`);
    assert.match(run.block('GET /users with unknown credentials')[0]!, /^ {2}PASS/);
    assert.match(run.block('GET /me as admin')[0]!, /^ {2}PASS/);
    assert.match(run.block('limited persona inviting the top role')[0]!, /^ {2}PASS/);
  });

  it('accepts seats in use over the limit: only invitations are refused', async () => {
    const run = await runBehind((request, next) => next(request), TOKENS, { seatLimit: 2 });
    assert.match(
      run.block('GET /workspace describes')[0]!,
      /PASS .*\(seats\.used \d+ is over seats\.limit 2\)$/,
    );
    assert.match(run.block('inviting past the user limit')[0]!, /PASS .*\(filled 0 seat\(s\)\)$/);
    const failures = run.lines.filter((l) => l.startsWith('  FAIL'));
    assert.ok(failures.length > 0);
    for (const failure of failures) {
      const block = run.block(failure.slice(8));
      assert.ok(
        block.some((l) => l.includes('got 409 seat_limit_reached')),
        block.join('\n'),
      );
    }
  });
});

describe('conformance command line', () => {
  it('takes a token, repeated headers and cookies per persona', () => {
    assert.deepEqual(
      parseCli([
        '--base-url=http://x.test/api/v1',
        '--admin-header',
        'X-Api-Key: k1',
        '--admin-header',
        'X-Tenant:  acme ',
        '--no-access-cookie',
        'session=a',
        '--no-access-cookie',
        'csrf=b',
        '--token-limited=T',
        '--header-no-export',
        'X-Api-Key: k2',
      ]),
      {
        baseUrl: 'http://x.test/api/v1',
        auth: {
          admin: { headers: { 'X-Api-Key': 'k1', 'X-Tenant': 'acme' } },
          limited: { token: 'T' },
          noAccess: { cookie: 'session=a; csrf=b' },
          noExport: { headers: { 'X-Api-Key': 'k2' } },
        },
      },
    );
  });

  it('refuses a header without a name, missing admin credentials and unknown flags', () => {
    const error = (args: string[]) => {
      const parsed = parseCli(args);
      return 'error' in parsed ? parsed.error : undefined;
    };
    assert.match(
      error(['--base-url', 'u', '--admin-header', 'no colon'])!,
      /--admin-header "no colon": expected 'Name: value'/,
    );
    assert.match(error(['--base-url', 'u', '--admin-header', ': v'])!, /expected 'Name: value'/);
    assert.match(error(['--base-url', 'u', '--limited-token', 'T'])!, /admin persona .* required/);
    assert.match(
      error(['--base-url', 'u', '--admin-token', 'T', '--boss-token', 'B'])!,
      /boss-token/,
    );
    assert.deepEqual(parseCli(['--help']), { help: true });
  });

  it('merges the older tokens under auth', () => {
    assert.deepEqual(
      mergeAuth(
        { admin: { cookie: 's=1' }, limited: { token: 'L2' } },
        { admin: 'A', limited: 'L' },
      ),
      { admin: { token: 'A', cookie: 's=1' }, limited: { token: 'L2' } },
    );
  });
});
