/** The mock over its fetch: auth, CORS, errors, bad input, concurrency, versions, idempotency. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Problem, User } from '../../src/api/types.js';
import { createMockServer } from '../../src/mock/index.js';
import { call, codeOf, fixedNow, patchUser, stateOf } from './helpers.js';

const server = () => createMockServer({ preset: 'all', now: fixedNow });

describe('transport', () => {
  it('answers CORS preflights without credentials, allowing the contract headers', async () => {
    const s = server();
    const res = await s.fetch('http://mock.test/api/v1/users/u_3', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://app.test',
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'authorization,if-match',
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    for (const header of [
      'Authorization',
      'If-Match',
      'Idempotency-Key',
      'Last-Event-ID',
      'Content-Type',
    ]) {
      assert.match(res.headers.get('access-control-allow-headers') ?? '', new RegExp(header));
    }
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /ETag.*Retry-After/);
    s.close();
  });

  it('restricts CORS to the configured origins', async () => {
    const s = createMockServer({ allowedOrigins: ['http://good.test'], now: fixedNow });
    const good = await s.fetch('http://m/api/v1/me', {
      headers: { Origin: 'http://good.test', Authorization: 'Bearer owner' },
    });
    const bad = await s.fetch('http://m/api/v1/me', {
      headers: { Origin: 'http://evil.test', Authorization: 'Bearer owner' },
    });
    assert.equal(good.headers.get('access-control-allow-origin'), 'http://good.test');
    assert.equal(bad.headers.get('access-control-allow-origin'), null);
    s.close();
  });

  it('answers 401 problem+json without or with an unknown token', async () => {
    const s = server();
    for (const token of [null, 'nobody']) {
      const answer = await call<Problem>(s, token, 'GET', '/users');
      assert.equal(answer.status, 401);
      assert.equal(answer.headers.get('content-type'), 'application/problem+json');
      assert.equal(answer.body.code, 'unauthenticated');
      assert.deepEqual(Object.keys(answer.body).sort(), [
        'code',
        'detail',
        'instance',
        'status',
        'title',
        'type',
      ]);
    }
    s.close();
  });

  it('answers unknown routes and ids with 404 not_found', async () => {
    const s = server();
    assert.equal(codeOf(await call(s, 'owner', 'GET', '/nope')), 'not_found');
    assert.equal(codeOf(await call(s, 'owner', 'GET', '/users/u_999999')), 'not_found');
    assert.equal(codeOf(await call(s, 'owner', 'DELETE', '/role-templates/tpl_999')), 'not_found');
    assert.equal((await s.fetch('http://m/other')).status, 404);
    s.close();
  });

  it('refuses bodies over 64 KB with 413, declared or streamed', async () => {
    const s = server();
    const before = stateOf(s);
    const huge = JSON.stringify({
      email: 'x@example.com',
      role: 'agent',
      name: 'a'.repeat(70_000),
    });
    assert.equal(codeOf(await call(s, 'owner', 'POST', '/invitations', huge)), 'payload_too_large');
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(5000)));
        controller.close();
      },
    });
    const res = await s.fetch('http://m/api/v1/invitations', {
      method: 'POST',
      headers: { Authorization: 'Bearer owner' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 413);
    assert.equal(stateOf(s), before);
    s.close();
  });

  it('applies the rate limit per token with Retry-After', async () => {
    let now = fixedNow();
    const s = createMockServer({ rateLimit: { requests: 2, perMs: 10_000 }, now: () => now });
    assert.equal((await call(s, 'owner', 'GET', '/me')).status, 200);
    assert.equal((await call(s, 'owner', 'GET', '/me')).status, 200);
    const limited = await call(s, 'owner', 'GET', '/me');
    assert.equal(codeOf(limited), 'rate_limited');
    assert.equal(limited.headers.get('retry-after'), '10');
    assert.equal(
      (await call(s, 'manager', 'GET', '/me')).status,
      200,
      'other tokens are counted apart',
    );
    now += 10_000;
    assert.equal((await call(s, 'owner', 'GET', '/me')).status, 200);
    s.close();
  });

  it('fails the configured share of requests with 500 or a hang until aborted', async () => {
    const s = createMockServer({ failRate: 1, seed: 7, now: fixedNow });
    const outcomes = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), 30);
      const res = await s.fetch('http://m/api/v1/me', {
        headers: { Authorization: 'Bearer owner' },
        signal: abort.signal,
      });
      clearTimeout(timer);
      assert.equal(res.status, 500);
      outcomes.add(abort.signal.aborted ? 'hang' : 'error');
    }
    assert.deepEqual([...outcomes].sort(), ['error', 'hang']);
    s.close();
  });
});

describe('bad input changes nothing', () => {
  const cases: [
    string,
    string,
    string,
    unknown,
    Record<string, string>,
    string,
    string | undefined,
  ][] = [
    ['malformed JSON', 'POST', '/invitations', '{"email":', {}, 'bad_request', undefined],
    ['a non-object body', 'POST', '/invitations', '[1,2]', {}, 'validation_failed', 'body'],
    [
      'an unknown field',
      'POST',
      '/invitations',
      { email: 'a@example.com', role: 'agent', admin: true },
      {},
      'validation_failed',
      'admin',
    ],
    [
      'a wrong type',
      'POST',
      '/invitations',
      { email: 42, role: 'agent' },
      {},
      'validation_failed',
      'email',
    ],
    [
      'an invalid email',
      'POST',
      '/invitations',
      { email: 'not an email', role: 'agent' },
      {},
      'validation_failed',
      'email',
    ],
    [
      'a too long email',
      'POST',
      '/invitations',
      { email: `${'a'.repeat(250)}@example.com`, role: 'agent' },
      {},
      'validation_failed',
      'email',
    ],
    [
      'a control character in a name',
      'POST',
      '/invitations',
      { email: 'c@example.com', name: 'a\u0007b', role: 'agent' },
      {},
      'validation_failed',
      'name',
    ],
    [
      'a too long name',
      'POST',
      '/invitations',
      { email: 'c@example.com', name: 'n'.repeat(201), role: 'agent' },
      {},
      'validation_failed',
      'name',
    ],
    [
      'a lone surrogate in a name',
      'POST',
      '/invitations',
      '{"email":"c@example.com","name":"a\\ud800b","role":"agent"}',
      {},
      'validation_failed',
      'name',
    ],
    [
      'a lone surrogate in an email',
      'POST',
      '/invitations',
      '{"email":"c\\udc00@example.com","role":"agent"}',
      {},
      'validation_failed',
      'email',
    ],
    [
      'a lone surrogate in a role',
      'POST',
      '/invitations',
      '{"email":"c@example.com","role":"agent\\ud800"}',
      {},
      'validation_failed',
      'role',
    ],
    [
      'a lone surrogate in a template id',
      'POST',
      '/invitations',
      '{"email":"c@example.com","role":"agent","roleTemplateId":"tpl_\\udbff"}',
      {},
      'validation_failed',
      'roleTemplateId',
    ],
    [
      'a lone surrogate in a restriction value',
      'POST',
      '/invitations',
      '{"email":"c@example.com","role":"agent","restrictions":{"contactVisibility":"\\ud800"}}',
      {},
      'validation_failed',
      'restrictions.contactVisibility',
    ],
    [
      'a lone surrogate in a PATCHed name',
      'PATCH',
      '/users/u_3',
      '{"name":"\\udfffX"}',
      { 'If-Match': '"1"' },
      'validation_failed',
      'name',
    ],
    [
      'a lone surrogate in a template name',
      'POST',
      '/role-templates',
      '{"name":"Sales \\ud83d","permissions":{}}',
      {},
      'validation_failed',
      'name',
    ],
    [
      'a lone surrogate in a template description',
      'POST',
      '/role-templates',
      '{"name":"Sales","description":"\\ude00 team","permissions":{}}',
      {},
      'validation_failed',
      'description',
    ],
    [
      'an unknown role',
      'POST',
      '/invitations',
      { email: 'c@example.com', role: 'god' },
      {},
      'validation_failed',
      'role',
    ],
    [
      'a taken email (other case, spaces)',
      'POST',
      '/invitations',
      { email: '  AIKO.tanaka@ACME.test ', role: 'agent' },
      {},
      'email_taken',
      'email',
    ],
    [
      'an unknown permission',
      'POST',
      '/invitations',
      { email: 'c@example.com', role: 'agent', permissions: { space: ['view'] } },
      {},
      'validation_failed',
      'permissions.space',
    ],
    [
      'an unknown flag',
      'POST',
      '/invitations',
      { email: 'c@example.com', role: 'agent', flags: { vip: true } },
      {},
      'validation_failed',
      'flags.vip',
    ],
    [
      'a bad restriction choice',
      'POST',
      '/invitations',
      { email: 'c@example.com', role: 'agent', restrictions: { contactVisibility: 'nobody' } },
      {},
      'validation_failed',
      'restrictions.contactVisibility',
    ],
    [
      'an unknown template',
      'POST',
      '/invitations',
      { email: 'c@example.com', role: 'agent', roleTemplateId: 'tpl_404' },
      {},
      'validation_failed',
      'roleTemplateId',
    ],
    [
      'a PATCH without If-Match',
      'PATCH',
      '/users/u_3',
      { name: 'X' },
      {},
      'validation_failed',
      'If-Match',
    ],
    [
      'a malformed If-Match',
      'PATCH',
      '/users/u_3',
      { name: 'X' },
      { 'If-Match': 'one' },
      'validation_failed',
      'If-Match',
    ],
    [
      'a stale If-Match',
      'PATCH',
      '/users/u_3',
      { name: 'X' },
      { 'If-Match': '"9"' },
      'version_conflict',
      undefined,
    ],
    [
      'a weak If-Match (strong comparison)',
      'PATCH',
      '/users/u_3',
      { name: 'X' },
      { 'If-Match': 'W/"1"' },
      'version_conflict',
      undefined,
    ],
    [
      'an If-Match with a leading zero',
      'PATCH',
      '/users/u_3',
      { name: 'X' },
      { 'If-Match': '"01"' },
      'version_conflict',
      undefined,
    ],
    [
      'a weak If-Match on DELETE',
      'DELETE',
      '/users/u_3',
      undefined,
      { 'If-Match': 'W/"1"' },
      'version_conflict',
      undefined,
    ],
    [
      'a bad status',
      'PATCH',
      '/users/u_3',
      { status: 'deleted' },
      { 'If-Match': '"1"' },
      'validation_failed',
      'status',
    ],
    [
      'an unknown user',
      'PATCH',
      '/users/u_0',
      { name: 'X' },
      { 'If-Match': '"1"' },
      'not_found',
      undefined,
    ],
    [
      'a bad reassignment (self)',
      'DELETE',
      '/users/u_3?reassignTo=u_3',
      undefined,
      {},
      'validation_failed',
      'reassignTo',
    ],
    [
      'a bad reassignment (unknown)',
      'DELETE',
      '/users/u_3?reassignTo=u_0',
      undefined,
      {},
      'validation_failed',
      'reassignTo',
    ],
    ['a bad cursor', 'GET', '/users?cursor=%%%', undefined, {}, 'validation_failed', 'cursor'],
    [
      'a forged cursor',
      'GET',
      `/users?cursor=${btoa('{"v":1,"s":"name","f":"x","k":[1]}')}`,
      undefined,
      {},
      'validation_failed',
      'cursor',
    ],
    ['a bad sort', 'GET', '/users?sort=password', undefined, {}, 'validation_failed', 'sort'],
    ['a bad limit', 'GET', '/users?limit=0', undefined, {}, 'validation_failed', 'limit'],
    ['a too large limit', 'GET', '/users?limit=201', undefined, {}, 'validation_failed', 'limit'],
    [
      'a bad status filter',
      'GET',
      '/users?status=gone',
      undefined,
      {},
      'validation_failed',
      'status',
    ],
    ['a bad role filter', 'GET', '/users?role=god', undefined, {}, 'validation_failed', 'role'],
    [
      'resending to an active user',
      'POST',
      '/users/u_3/resend-invitation',
      undefined,
      {},
      'not_invited',
      undefined,
    ],
    [
      'a blank template name',
      'POST',
      '/role-templates',
      { name: '  ', permissions: {} },
      {},
      'validation_failed',
      'name',
    ],
  ];
  for (const [what, method, path, body, headers, code, field] of cases) {
    it(`${what} → ${code}${field ? ` on ${field}` : ''}`, async () => {
      const s = server();
      const before = stateOf(s);
      const answer = await call<Problem>(s, 'owner', method, path, body, headers);
      assert.equal(answer.body.code, code, JSON.stringify(answer.body));
      assert.equal(answer.headers.get('content-type'), 'application/problem+json');
      if (field)
        assert.ok(
          answer.body.errors?.some((error) => error.field === field),
          JSON.stringify(answer.body.errors),
        );
      assert.equal(stateOf(s), before);
      s.close();
    });
  }
});

describe('races and retries', () => {
  it('200 concurrent invitations of 100 emails into 20 free seats create exactly 20 users', async () => {
    const probe = server();
    const used = probe.seats().used;
    probe.close();
    const s = createMockServer({ preset: 'all', seatLimit: used + 20, now: fixedNow });
    const seatsSeen: number[] = [];
    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const answer = await call<User>(s, 'owner', 'POST', '/invitations', {
          email: `person${i % 100}@example.com`,
          role: 'agent',
        });
        seatsSeen.push(s.seats().used);
        return answer;
      }),
    );
    const created = answers.filter((a) => a.status === 201);
    assert.equal(created.length, 20);
    assert.equal(new Set(created.map((a) => a.body.email)).size, 20);
    assert.ok(
      answers.every(
        (a) => a.status === 201 || ['seat_limit_reached', 'email_taken'].includes(codeOf(a)!),
      ),
    );
    assert.ok(Math.max(...seatsSeen) <= used + 20);
    assert.deepEqual(s.seats(), { used: used + 20, limit: used + 20 });
    const emails = s.usersAs('owner').map((u) => u.email.toLowerCase());
    assert.equal(new Set(emails).size, emails.length, 'no duplicate email');
    s.close();
  });

  it('replays an invitation retried with the same Idempotency-Key, and refuses the key for another body', async () => {
    const s = server();
    const body = { email: 'retry@example.com', role: 'agent', name: 'Retry' };
    const headers = { 'Idempotency-Key': 'key-1' };
    const [first, second] = await Promise.all([
      call<User>(s, 'owner', 'POST', '/invitations', body, headers),
      call<User>(
        s,
        'owner',
        'POST',
        '/invitations',
        { name: 'Retry', role: 'agent', email: 'retry@example.com' },
        headers,
      ),
    ]);
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(second.body.id, first.body.id);
    const seats = s.seats().used;
    const again = await call<User>(s, 'owner', 'POST', '/invitations', body, headers);
    assert.deepEqual(again.body, first.body);
    assert.equal(s.seats().used, seats, 'no second user');
    const reused = await call<Problem>(
      s,
      'owner',
      'POST',
      '/invitations',
      { ...body, email: 'other@example.com' },
      headers,
    );
    assert.equal(reused.body.code, 'validation_failed');
    assert.equal(reused.body.errors?.[0]?.field, 'Idempotency-Key');
    s.close();
  });

  it('two concurrent PATCHes with the same If-Match: one wins, the other gets 412, the winner intact', async () => {
    const s = server();
    const target = s.userAs('owner', 'u_3')!;
    const [a, b] = await Promise.all([
      patchUser(s, 'owner', target, { name: 'Winner A' }),
      patchUser(s, 'owner2', target, { name: 'Winner B' }),
    ]);
    const statuses = [a.status, b.status].sort();
    assert.deepEqual(statuses, [200, 412]);
    const winner = a.status === 200 ? a : b;
    assert.equal(winner.headers.get('etag'), `"${target.version + 1}"`);
    assert.equal(s.userAs('owner', 'u_3')!.name, winner.body.name);
    const read = await call<User>(s, 'owner', 'GET', '/users/u_3');
    assert.equal(read.headers.get('etag'), `"${target.version + 1}"`);
    s.close();
  });

  it('moves contacts to the reassignee on revoke and frees the seat', async () => {
    const s = server();
    const users = s.usersAs('owner');
    const leaving = users.find(
      (u) => u.role === 'agent' && u.status === 'active' && u.assignedContacts > 0,
    )!;
    const receiver = users.find((u) => u.role === 'manager' && u.status === 'active')!;
    const seats = s.seats().used;
    assert.equal(
      (await call(s, 'owner', 'DELETE', `/users/${leaving.id}?reassignTo=${receiver.id}`)).status,
      204,
    );
    assert.equal(
      s.userAs('owner', receiver.id)!.assignedContacts,
      receiver.assignedContacts + leaving.assignedContacts,
    );
    assert.equal(s.userAs('owner', leaving.id), undefined);
    assert.equal(s.seats().used, seats - 1);
    s.close();
  });

  it('resends an invitation with a new expiry', async () => {
    let now = fixedNow();
    const s = createMockServer({ now: () => now });
    const invited = s.usersAs('owner').find((u) => u.status === 'invited' && u.role === 'agent')!;
    now += 60_000;
    const answer = await call<User>(s, 'owner', 'POST', `/users/${invited.id}/resend-invitation`);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.inviteExpiresAt, new Date(now + 7 * 24 * 3600_000).toISOString());
    assert.equal(answer.body.version, invited.version + 1);
    s.close();
  });
});
