import { expect } from '@open-wc/testing';
import { createClient } from '../../src/api/client.js';
import {
  isAbortError,
  isRosterHttpError,
  isRosterNetworkError,
  isRosterTimeoutError,
} from '../../src/api/errors.js';
import type { RosterHttpError } from '../../src/api/errors.js';
import { fakeFetch, json, problem } from './fake-fetch.js';
import type { Step } from './fake-fetch.js';

const BASE = 'https://api.example.test/api/v1';
const page = { items: [], nextCursor: null, total: 0 };

/** A client over a fake fetch with tiny backoff so retry tests stay fast. */
function clientFor(
  steps: Step[] | Parameters<typeof fakeFetch>[0],
  options: Partial<Parameters<typeof createClient>[0]> = {},
) {
  const fake = fakeFetch(steps);
  const client = createClient({
    baseUrl: BASE,
    fetch: fake.fetch,
    retry: { limit: 2, backoff: 1 },
    ...options,
  });
  return { client, calls: fake.calls };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createClient', () => {
  it('sends static headers and calls getHeaders before every request', async () => {
    let token = 0;
    const { client, calls } = clientFor([json(page)], {
      headers: { 'X-Tenant': 't1' },
      getHeaders: async () => ({ Authorization: `Bearer token-${++token}` }),
    });
    await client.listUsers();
    await client.listUsers({ q: 'ana', role: 'agent' });
    expect(calls.map((call) => call.headers.get('Authorization'))).to.deep.equal([
      'Bearer token-1',
      'Bearer token-2',
    ]);
    expect(calls[0]!.headers.get('X-Tenant')).to.equal('t1');
    expect(calls[1]!.url).to.equal(`${BASE}/users?q=ana&role=agent`);
  });

  it('asks getHeaders again for each retry', async () => {
    let token = 0;
    const { client, calls } = clientFor([problem(503, 'internal'), json(page)], {
      getHeaders: () => ({ Authorization: `Bearer ${++token}` }),
    });
    await client.listUsers();
    expect(calls.map((call) => call.headers.get('Authorization'))).to.deep.equal([
      'Bearer 1',
      'Bearer 2',
    ]);
  });

  it('turns a problem answer into a RosterHttpError that says what was being done', async () => {
    const { client } = clientFor([
      problem(409, 'seat_limit_reached', { detail: 'All 20 seats are taken.' }),
    ]);
    const error = (await rejection(
      client.invite({ email: 'ana@example.com', role: 'agent' }),
    )) as RosterHttpError;
    expect(isRosterHttpError(error, 'seat_limit_reached')).to.equal(true);
    expect(error.status).to.equal(409);
    expect(error.detail).to.equal('All 20 seats are taken.');
    expect(error.userMessage).to.equal('Inviting ana@example.com failed: seat limit reached');
    expect(error.message).to.contain(`POST ${BASE}/invitations`);
  });

  it("shows the server's own detail for a code the contract does not define (the set is open)", async () => {
    const { client } = clientFor([
      problem(403, 'trial_restriction', {
        detail: 'Invitations are disabled while the trial lasts.',
      }),
      problem(409, 'quota_exceeded', { detail: '  ' }),
      problem(503, 'maintenance', { detail: '' }),
    ]);
    const withDetail = (await rejection(
      client.invite({ email: 'ana@example.com', role: 'agent' }, { idempotencyKey: 'k1' }),
    )) as RosterHttpError;
    expect(withDetail.code).to.equal('trial_restriction');
    expect(withDetail.userMessage).to.equal(
      'Inviting ana@example.com failed: Invitations are disabled while the trial lasts.',
    );
    const blank = (await rejection(
      client.invite({ email: 'bo@example.com', role: 'agent' }, { idempotencyKey: 'k2' }),
    )) as RosterHttpError;
    expect(blank.userMessage).to.equal(
      'Inviting bo@example.com failed: the server refused it (HTTP 409)',
    );
    const server = (await rejection(client.resendInvitation('u1'))) as RosterHttpError;
    expect(server.userMessage).to.equal(
      'Resending the invitation to u1 failed: the server had a problem (HTTP 503)',
    );
  });

  it('keeps per-field errors and Retry-After', async () => {
    const { client } = clientFor([
      problem(422, 'validation_failed', {
        errors: [{ field: 'email', code: 'invalid_email', message: 'Not an email' }],
      }),
    ]);
    const error = (await rejection(
      client.invite({ email: 'nope', role: 'agent' }),
    )) as RosterHttpError;
    expect(error.fieldErrors).to.deep.equal([
      { field: 'email', code: 'invalid_email', message: 'Not an email' },
    ]);

    const limited = clientFor([problem(429, 'rate_limited', {}, { 'Retry-After': '7' })], {
      retry: false,
    });
    const rateError = (await rejection(limited.client.getMe())) as RosterHttpError;
    expect(rateError.code).to.equal('rate_limited');
    expect(rateError.retryAfter).to.equal(7);
  });

  it('makes a clear error of an HTML error page and of unreadable JSON', async () => {
    const html = new Response('<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>', {
      status: 502,
      headers: { 'Content-Type': 'text/html' },
    });
    const { client } = clientFor([html], { retry: false });
    const error = (await rejection(client.getWorkspace())) as RosterHttpError;
    expect(isRosterHttpError(error, 'internal')).to.equal(true);
    expect(error.status).to.equal(502);
    expect(error.problem).to.equal(null);
    expect(error.detail).to.equal('502 Bad Gateway nginx');
    expect(error.userMessage).to.equal(
      'Loading the plan and seats failed: the server had a problem (HTTP 502)',
    );

    const garbage = clientFor([
      new Response('{"items": [', { status: 200, headers: { 'Content-Type': 'application/json' } }),
    ]);
    const parseError = await rejection(garbage.client.listRoles());
    expect(isRosterHttpError(parseError)).to.equal(true);
  });

  it('retries a GET on network errors up to the limit, then fails with a network error', async () => {
    const { client, calls } = clientFor([{ networkError: true }]);
    const error = await rejection(client.getMe());
    expect(isRosterNetworkError(error)).to.equal(true);
    expect(calls).to.have.length(3);
    expect((error as Error).message).to.contain(`GET ${BASE}/me`);
  });

  it('retries a GET on 502, 503, 504 and 429, but not on 500 or 4xx', async () => {
    for (const status of [502, 503, 504, 429]) {
      const { client, calls } = clientFor([problem(status, 'internal'), json(page)]);
      await client.listUsers();
      expect(calls, `status ${status}`).to.have.length(2);
    }
    for (const status of [500, 404, 403]) {
      const { client, calls } = clientFor([
        problem(status, status === 500 ? 'internal' : 'not_found'),
        json(page),
      ]);
      await rejection(client.listUsers());
      expect(calls, `status ${status}`).to.have.length(1);
    }
  });

  it('honours Retry-After, capped by maxDelay', async () => {
    const { client, calls } = clientFor(
      [problem(429, 'rate_limited', {}, { 'Retry-After': '3600' }), json(page)],
      {
        retry: { limit: 1, backoff: 1, maxDelay: 30 },
      },
    );
    const started = performance.now();
    await client.listUsers();
    const waited = performance.now() - started;
    expect(calls).to.have.length(2);
    expect(waited).to.be.within(25, 1000);
  });

  it('reads Retry-After as an HTTP date too, and a cancel during the wait stops the retry', async () => {
    const soon = new Date(Date.now() + 1000).toUTCString();
    const { client, calls } = clientFor(
      [problem(503, 'internal', {}, { 'Retry-After': soon }), json(page)],
      { retry: { limit: 1, backoff: 1, maxDelay: 5000 } },
    );
    const controller = new AbortController();
    const pending = client.getMe({ signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).to.have.length(1);
    controller.abort();
    expect(isAbortError(await rejection(pending))).to.equal(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).to.have.length(1);
  });

  it('times out even a fetch that ignores its signal', async () => {
    const client = createClient({
      baseUrl: BASE,
      fetch: () => new Promise<Response>(() => undefined),
      timeout: 30,
      retry: false,
    });
    expect(isRosterTimeoutError(await rejection(client.getMe()))).to.equal(true);
  });

  it('times out the wait for the answer only: a stream keeps flowing past the timeout', async () => {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode('event: seats\n'));
        await new Promise((resolve) => setTimeout(resolve, 120));
        controller.enqueue(encoder.encode('data: {}\n\n'));
        controller.close();
      },
    });
    const { client } = clientFor([new Response(body)], { timeout: 40 });
    const response = await client.openEvents({ signal: new AbortController().signal });
    expect(await response.text()).to.equal('event: seats\ndata: {}\n\n');
  });

  it('never retries a PATCH or a DELETE', async () => {
    const { client, calls } = clientFor([problem(503, 'internal')]);
    await rejection(client.updateUser('u1', { role: 'agent' }, 3));
    await rejection(client.revokeUser('u1'));
    expect(calls.map((call) => call.method)).to.deep.equal(['PATCH', 'DELETE']);
  });

  it('sends If-Match with the version on PATCH', async () => {
    const { client, calls } = clientFor([json({ id: 'u1' })]);
    await client.updateUser('u1', { role: 'agent' }, 3);
    expect(calls[0]!.headers.get('If-Match')).to.equal('"3"');
    expect(JSON.parse(calls[0]!.body)).to.deep.equal({ role: 'agent' });
  });

  it('retries an invitation with one Idempotency-Key, and reuses it when sent again', async () => {
    const { client, calls } = clientFor([{ networkError: true }]);
    const input = { email: 'ana@example.com', role: 'agent' };
    await rejection(client.invite(input));
    await rejection(client.invite({ ...input }));
    expect(calls).to.have.length(6);
    const keys = new Set(calls.map((call) => call.headers.get('Idempotency-Key')));
    expect(keys.size).to.equal(1);
    expect([...keys][0]).to.match(/^[0-9a-f-]{36}$/);
  });

  it('uses a new key for a changed invitation and after a definite answer', async () => {
    const { client, calls } = clientFor((call) =>
      call.body.includes('"manager"')
        ? problem(403, 'role_not_assignable')
        : json({ id: 'u9' }, 201),
    );
    const input = { email: 'ana@example.com', role: 'agent' };
    await client.invite(input);
    await client.invite(input);
    await rejection(client.invite({ ...input, role: 'manager' }));
    await rejection(client.invite({ ...input, role: 'manager' }));
    const keys = calls.map((call) => call.headers.get('Idempotency-Key'));
    expect(new Set(keys).size).to.equal(4);
  });

  it('times out a hung request with a timeout error', async () => {
    const { client } = clientFor([{ hang: true }], { timeout: 40, retry: false });
    const started = performance.now();
    const error = await rejection(client.getMe());
    expect(isRosterTimeoutError(error)).to.equal(true);
    expect(performance.now() - started).to.be.below(1000);
    expect((error as Error).message).to.contain('took too long');
  });

  it('refuses credentials in the base URL and never puts headers in URLs', async () => {
    expect(() => createClient({ baseUrl: 'https://user:secret@api.example.test/v1' })).to.throw(
      /never in the base URL/,
    );
    const { client, calls } = clientFor([json(page)], {
      getHeaders: () => ({ Authorization: 'Bearer s3cret' }),
    });
    await client.listUsers({ q: 'x' });
    await client.exportUsers({ role: 'agent' });
    for (const call of calls) expect(call.url).not.to.contain('s3cret');
  });

  it('sends revoke reassignment and events resume headers', async () => {
    const { client, calls } = clientFor([new Response(null, { status: 204 })]);
    await client.revokeUser('u 1', { reassignTo: 'u2' });
    expect(calls[0]!.url).to.equal(`${BASE}/users/u%201?reassignTo=u2`);
    const controller = new AbortController();
    await client.openEvents({ signal: controller.signal, lastEventId: '41' });
    expect(calls[1]!.headers.get('Last-Event-ID')).to.equal('41');
    expect(calls[1]!.headers.get('Accept')).to.equal('text/event-stream');
    controller.abort();
  });
});
