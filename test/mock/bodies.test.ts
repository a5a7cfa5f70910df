/**
 * Request bodies over real HTTP, on every endpoint that takes one: a syntax error is
 * `400 bad_request` (RFC 9110 §15.5.1), well-formed JSON of the wrong shape is
 * `422 validation_failed`, a body not sent as JSON is `415 unsupported_media_type`; each is
 * problem+json, readable cross-origin, and changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Problem, RoleTemplate, User } from '../../src/api/types.js';
import { createMockServer } from '../../src/mock/index.js';
import type { MockServer, OutboxEmail } from '../../src/mock/index.js';
import { listen } from '../../src/mock/node-server.js';
import type { RunningMock } from '../../src/mock/node-server.js';
import { fixedNow, stateOf } from './helpers.js';

const JSON_TYPE = { 'Content-Type': 'application/json' };

/** A body as sent: text (a Content-Type of its own is set) or raw bytes (none). */
type Bytes = string | Uint8Array<ArrayBuffer>;

interface Endpoint {
  name: string;
  method: string;
  /** The path under the base URL (found once the server is up). */
  path: () => string;
  headers: () => Record<string, string>;
  /** A body the endpoint accepts. */
  valid: () => unknown;
}

interface Answer {
  status: number;
  headers: Headers;
  body: Problem & Record<string, unknown>;
}

describe('request bodies over HTTP', () => {
  let mock: MockServer;
  let running: RunningMock;
  let user: User;
  let template: RoleTemplate;
  let token: string;

  before(async () => {
    mock = createMockServer({ preset: 'all', now: fixedNow, simulatePresence: false });
    running = await listen(mock);
    user = mock.usersAs('owner').find((u) => u.status === 'active' && u.allowedActions.edit)!;
    const templates = await send('GET', '/role-templates', undefined, {});
    template = (templates.body as unknown as { items: RoleTemplate[] }).items[0]!;
    const outbox = await send('GET', '/mock/outbox', undefined, {});
    token = (outbox.body as unknown as { items: OutboxEmail[] }).items.find(
      (email) => email.state === 'pending',
    )!.token;
  });
  after(() => running.close());

  /** Sends `body` as is (a string or bytes) with exactly `headers` besides the token. */
  async function send(
    method: string,
    path: string,
    body: Bytes | undefined,
    headers: Record<string, string>,
  ): Promise<Answer> {
    const res = await fetch(`${running.url}${path}`, {
      method,
      headers: { Authorization: 'Bearer owner', ...headers },
      ...(body === undefined ? {} : { body }),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: (text ? JSON.parse(text) : {}) as Answer['body'],
    };
  }

  const endpoints: Endpoint[] = [
    {
      name: 'POST /invitations',
      method: 'POST',
      path: () => '/invitations',
      headers: () => ({}),
      valid: () => ({ email: 'bodies@example.com', role: 'agent' }),
    },
    {
      name: 'PATCH /users/{id}',
      method: 'PATCH',
      path: () => `/users/${user.id}`,
      headers: () => ({ 'If-Match': '*' }),
      valid: () => ({ name: 'Renamed' }),
    },
    {
      name: 'POST /role-templates',
      method: 'POST',
      path: () => '/role-templates',
      headers: () => ({}),
      valid: () => ({ name: 'Bodies', permissions: {} }),
    },
    {
      name: 'PATCH /role-templates/{id}',
      method: 'PATCH',
      path: () => `/role-templates/${template.id}`,
      headers: () => ({ 'If-Match': '*' }),
      valid: () => ({ name: 'Renamed' }),
    },
    {
      name: 'PATCH /mock/workspace',
      method: 'PATCH',
      path: () => '/mock/workspace',
      headers: () => ({}),
      valid: () => ({ seatLimit: 500 }),
    },
    {
      name: 'POST /mock/invitations/{token}/accept',
      method: 'POST',
      path: () => `/mock/invitations/${token}/accept`,
      headers: () => ({}),
      valid: () => ({ name: 'Accepted' }),
    },
  ];

  /** Sends a refused body and checks the problem, and that nothing changed. */
  async function refused(
    endpoint: Endpoint,
    body: Bytes | undefined,
    headers: Record<string, string>,
    expected: { status: number; code: string; field?: string; fieldCode?: string },
  ): Promise<Answer> {
    const before = stateOf(mock);
    const answer = await send(endpoint.method, endpoint.path(), body, {
      ...endpoint.headers(),
      ...headers,
    });
    const what = `${endpoint.name}: ${JSON.stringify(answer.body)}`;
    assert.equal(answer.status, expected.status, what);
    assert.equal(answer.headers.get('content-type'), 'application/problem+json', what);
    assert.equal(answer.body.code, expected.code, what);
    assert.equal(answer.body.status, expected.status, what);
    assert.ok(answer.body.detail.length > 0, what);
    if (expected.field) {
      const error = answer.body.errors?.find((e) => e.field === expected.field);
      assert.ok(error, what);
      if (expected.fieldCode) assert.equal(error.code, expected.fieldCode, what);
    } else {
      assert.equal(answer.body.errors, undefined, `${what}: a syntax error names no field`);
    }
    assert.equal(stateOf(mock), before, `${endpoint.name}: nothing changes`);
    return answer;
  }

  const malformed = { status: 400, code: 'bad_request' };
  const invalidOn = (field: string, fieldCode: string) => ({
    status: 422,
    code: 'validation_failed',
    field,
    fieldCode,
  });
  const syntaxErrors: [string, Bytes][] = [
    ['truncated JSON', '{"email":"a@example.com","role":'],
    ['a trailing comma', '{"name":"x",}'],
    ['single quotes', "{'name':'x'}"],
    ['an unquoted key', '{name:"x"}'],
    ['a comment', '{"name":"x"} // note'],
    ['two values', '{"name":"x"}{"name":"y"}'],
    ['NaN', '{"seatLimit":NaN}'],
    ['a raw control character in a string', '{"name":"a\u0001b"}'],
    ['two byte-order marks', '\uFEFF\uFEFF{"name":"x"}'],
    ['bytes that are not UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ['a lone UTF-8 continuation byte', new Uint8Array([0x7b, 0x7d, 0x80])],
    ['unclosed nesting 60,000 deep', '['.repeat(60_000)],
    ['a NUL byte', '\u0000'],
  ];

  for (const endpoint of endpoints) {
    describe(endpoint.name, () => {
      for (const [what, body] of syntaxErrors) {
        it(`${what} → 400 bad_request`, async () => {
          await refused(endpoint, body, JSON_TYPE, malformed);
        });
      }

      it('well-formed JSON that is not an object → 422 validation_failed on body', async () => {
        for (const body of ['null', '[]', '[1,2]', '"text"', '42', 'true'])
          await refused(endpoint, body, JSON_TYPE, invalidOn('body', 'invalid_type'));
      });

      it('nesting past 16 levels → 422 too_deep on body, at 16 the fields are read', async () => {
        const nest = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
        // 30,000 levels in 60 KB, under the size limit: refused without a stack overflow (a 500).
        for (const body of [nest(30_000), `{"name":${nest(30_000)}}`, `{"x":${nest(16)}}`])
          await refused(endpoint, body, JSON_TYPE, invalidOn('body', 'too_deep'));
        await refused(endpoint, `{"x":${nest(15)}}`, JSON_TYPE, invalidOn('x', 'unknown_field'));
      });

      it('a __proto__ key is an unknown field, not a prototype', async () => {
        const body = JSON.stringify(endpoint.valid()).replace('{', '{"__proto__":{"admin":true},');
        await refused(endpoint, body, JSON_TYPE, invalidOn('__proto__', 'unknown_field'));
      });

      it('a body not sent as JSON → 415 unsupported_media_type with Accept', async () => {
        const body = JSON.stringify(endpoint.valid());
        for (const type of [
          'text/plain',
          'text/plain;charset=UTF-8',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/jsonx',
          'text/json',
        ]) {
          const answer = await refused(
            endpoint,
            body,
            { 'Content-Type': type },
            {
              status: 415,
              code: 'unsupported_media_type',
            },
          );
          assert.equal(answer.headers.get('accept'), 'application/json');
        }
        // Bytes carry no Content-Type of their own.
        await refused(
          endpoint,
          new TextEncoder().encode(body),
          {},
          {
            status: 415,
            code: 'unsupported_media_type',
          },
        );
      });

      it('a 400 to a page on another origin carries the CORS headers, so it can read it', async () => {
        const answer = await refused(
          endpoint,
          '{',
          { ...JSON_TYPE, Origin: 'http://app.test' },
          malformed,
        );
        assert.equal(answer.headers.get('access-control-allow-origin'), '*');
      });
    });
  }

  it('an empty body is malformed where one is required, and {} where it is optional', async () => {
    for (const endpoint of endpoints.slice(0, -1)) {
      for (const body of [undefined, '', '  \n\t'])
        await refused(endpoint, body, JSON_TYPE, malformed);
    }
    const accept = endpoints.at(-1)!;
    assert.equal(accept.name, 'POST /mock/invitations/{token}/accept');
    // No name: the same answer as for `{}` (this invitation may carry the inviter's name).
    const bare = createMockServer({ preset: 'all', now: fixedNow, simulatePresence: false });
    const served = await listen(bare);
    try {
      const email = (
        (await (await fetch(`${served.url}/mock/outbox`)).json()) as { items: OutboxEmail[] }
      ).items.find((e) => e.state === 'pending' && e.name)!;
      const res = await fetch(`${served.url}/mock/invitations/${email.token}/accept`, {
        method: 'POST',
      });
      assert.equal(res.status, 200, await res.clone().text());
      assert.equal(((await res.json()) as { user: User }).user.status, 'active');
    } finally {
      await served.close();
    }
  });

  it('takes JSON media types in any case, with parameters, +json, and a leading BOM', async () => {
    const patch = endpoints.find((e) => e.name === 'PATCH /mock/workspace')!;
    for (const [type, limit] of [
      ['application/json', 501],
      ['application/json; charset=utf-8', 502],
      ['Application/JSON', 503],
      ['application/merge-patch+json', 504],
    ] as const) {
      const answer = await send('PATCH', patch.path(), `\uFEFF{"seatLimit":${limit}}`, {
        'Content-Type': type,
      });
      assert.equal(answer.status, 200, `${type}: ${JSON.stringify(answer.body)}`);
      assert.equal(mock.seats().limit, limit);
    }
  });

  it('reads a valid invitation with a BOM as without one', async () => {
    const answer = await send(
      'POST',
      '/invitations',
      `\uFEFF${JSON.stringify({ email: 'bom@example.com', role: 'agent' })}`,
      JSON_TYPE,
    );
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body['email'], 'bom@example.com');
  });

  it('checks the size first: 70 KB of text/plain is 413, not 415', async () => {
    const answer = await send('POST', '/invitations', 'x'.repeat(70_000), {
      'Content-Type': 'text/plain',
    });
    assert.equal(answer.status, 413);
    assert.equal(answer.body.code, 'payload_too_large');
  });
});
