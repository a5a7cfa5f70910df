/**
 * The mock-only invitation side over real HTTP: the outbox of emails sent, an invitation's
 * details, accepting it (live to every open table), its refusals, expiring a link, the
 * workspace's plan and seat limit, and the outbox across a restart.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import type { Page, Problem, Seats, User, Workspace } from '../../src/api/types.js';
import { fileStorage } from '../../src/mock/file-storage.js';
import { createMockServer, memoryStorage } from '../../src/mock/index.js';
import type { InvitationDetails, MockOptions, OutboxEmail } from '../../src/mock/index.js';
import { listen } from '../../src/mock/node-server.js';
import type { RunningMock } from '../../src/mock/node-server.js';
import { Contract } from '../conformance/contract.js';
import { NOW, openEvents } from './helpers.js';

interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** A mock on a free port with a clock the test moves; stopped after each test. */
let running: RunningMock[] = [];
afterEach(async () => {
  await Promise.all(running.map((r) => r.close()));
  running = [];
});

async function start(options: MockOptions = {}) {
  const clock = { now: NOW };
  const mock = createMockServer({ preset: 'all', now: () => clock.now, ...options });
  const server = await listen(mock);
  running.push(server);
  const request = async <T>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<Answer<T>> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: (text && res.headers.get('content-type')?.includes('json')
        ? JSON.parse(text)
        : text) as T,
    };
  };
  const outbox = async () =>
    (await request<{ items: OutboxEmail[] }>('GET', '/mock/outbox')).body.items;
  /** Invites `email` as the first persona; returns the user and the email it was sent. */
  const invite = async (email: string, extra: Record<string, unknown> = {}) => {
    const token = mock.tokens[0]!;
    const role = mock.preset === 'tenant' ? 'user' : 'agent';
    const res = await request<User>('POST', '/invitations', { email, role, ...extra }, token);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const mail = (await outbox()).find((m) => m.userId === res.body.id)!;
    return { user: res.body, mail };
  };
  const accept = (token: string, body?: unknown) =>
    request<{ user: User } | Problem>(
      'POST',
      `/mock/invitations/${encodeURIComponent(token)}/accept`,
      body,
    );
  return { mock, server, clock, request, outbox, invite, accept };
}

const problem = (answer: Answer<unknown>) => answer.body as Problem;

describe('GET /mock/outbox', () => {
  it('records the invitation email newest first, without a token, as an invitee reads it', async () => {
    const { request, outbox, invite } = await start();
    const before = await outbox();
    const { user, mail } = await invite('ana.new@example.com', { name: 'Ana Nowak' });
    const items = await outbox();
    assert.equal(items.length, before.length + 1);
    assert.equal(items[0]!.id, mail.id, 'newest first');
    assert.deepEqual(
      {
        kind: mail.kind,
        userId: mail.userId,
        to: mail.to,
        name: mail.name,
        state: mail.state,
        sentAt: mail.sentAt,
        expiresAt: mail.expiresAt,
      },
      {
        kind: 'invitation',
        userId: user.id,
        to: 'ana.new@example.com',
        name: 'Ana Nowak',
        state: 'pending',
        sentAt: user.invitedAt,
        expiresAt: user.inviteExpiresAt,
      },
    );
    assert.match(mail.token, /^[A-Za-z0-9_-]{43}$/, '32 random bytes');
    assert.ok(mail.acceptUrl.includes(mail.token));
    assert.equal(mail.subject, 'Sofía Martínez invited you to join Initech');
    for (const words of [
      'Hello Ana Nowak,',
      'Sofía Martínez invited you to join Initech with the Agent role.',
      mail.acceptUrl,
      'The link works until Sunday, 8 June 2025 at 12:00 UTC.',
      'ask Sofía Martínez to send you a new invitation',
    ])
      assert.ok(mail.text.includes(words), `the text says ${JSON.stringify(words)}`);
    const tokens = new Set([...items.map((m) => m.token)]);
    assert.equal(tokens.size, items.length, 'every link has its own token');
    const one = await request<{ items: OutboxEmail[] }>('GET', `/mock/outbox?userId=${user.id}`);
    assert.deepEqual(
      one.body.items.map((m) => m.id),
      [mail.id],
    );
  });

  it('starts with the seeded colleagues’ pending invitations, one of them expired', async () => {
    const { mock, outbox } = await start({ preset: 'workspace' });
    const invited = mock.usersAs('owner').filter((u) => u.status === 'invited');
    const items = await outbox();
    assert.deepEqual(items.map((m) => m.userId).sort(), invited.map((u) => u.id).sort());
    assert.deepEqual(
      items.map((m) => m.state).filter((s) => s === 'expired'),
      ['expired'],
    );
    assert.ok(items.every((m) => m.invitedBy === 'Sofía Martínez'));
  });

  it('uses the acceptUrl option for the link', async () => {
    const { invite } = await start({ acceptUrl: 'http://demo.test/#accept={token}' });
    const { mail } = await invite('link@example.com');
    assert.equal(mail.acceptUrl, `http://demo.test/#accept=${mail.token}`);
    assert.throws(() => createMockServer({ acceptUrl: 'http://demo.test/' }), /\{token\}/);
  });

  it('is served by the in-page mock too (relative URLs, no token)', async () => {
    const mock = createMockServer({ preset: 'tenant' });
    const res = await mock.fetch('/api/v1/mock/outbox');
    assert.equal(res.status, 200);
    const { items } = (await res.json()) as { items: OutboxEmail[] };
    assert.ok(items.length > 0);
    const details = await mock.fetch(`/api/v1/mock/invitations/${items[0]!.token}`);
    assert.equal(details.status, 200);
    mock.close();
  });
});

describe('GET /mock/invitations/{token}', () => {
  it('says what an acceptance page shows', async () => {
    const { request, invite } = await start();
    const { mail } = await invite('details@example.com', { name: 'Dee Tails' });
    const res = await request<InvitationDetails>('GET', `/mock/invitations/${mail.token}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      token: mail.token,
      state: 'pending',
      email: 'details@example.com',
      name: 'Dee Tails',
      workspace: { id: 'ws_initech', name: 'Initech' },
      role: 'agent',
      roleName: 'Agent',
      invitedBy: 'Sofía Martínez',
      expiresAt: mail.expiresAt,
    });
  });

  it('answers an unknown token with 404 not_found', async () => {
    const { request } = await start();
    const res = await request('GET', '/mock/invitations/not-a-token');
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.equal(problem(res).code, 'not_found');
  });
});

describe('POST /mock/invitations/{token}/accept', () => {
  it('makes the user active and signed in now, live on every open stream', async () => {
    const { mock, server, clock, invite, accept, outbox, request } = await start();
    const { user, mail } = await invite('joiner@example.com');
    const streams = await Promise.all(['owner', 'manager'].map((t) => openEvents(server.url, t)));
    try {
      clock.now += 60_000;
      const res = await accept(mail.token, { name: '  Jo Iner ' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const joined = (res.body as { user: User }).user;
      const at = new Date(clock.now).toISOString();
      assert.deepEqual(
        {
          id: joined.id,
          name: joined.name,
          status: joined.status,
          online: joined.online,
          lastLoginAt: joined.lastLoginAt,
          lastActiveAt: joined.lastActiveAt,
          version: joined.version,
        },
        {
          id: user.id,
          name: 'Jo Iner',
          status: 'active',
          online: true,
          lastLoginAt: at,
          lastActiveAt: at,
          version: user.version + 1,
        },
      );
      assert.equal(res.headers.get('etag'), `"${joined.version}"`);
      for (const stream of streams) {
        const updated = await stream.until(
          (e) => e.event === 'user.updated' && (e.data as { user: User }).user.id === user.id,
          'user.updated',
        );
        assert.equal((updated.data as { user: User }).user.status, 'active');
        assert.equal((updated.data as { user: User }).user.lastLoginAt, at);
        const presence = await stream.until(
          (e) => e.event === 'presence' && (e.data as { userId: string }).userId === user.id,
          'presence',
        );
        assert.deepEqual(presence.data, { userId: user.id, online: true, lastActiveAt: at });
        const seats = await stream.until((e) => e.event === 'seats', 'seats');
        assert.deepEqual(seats.data as Seats, mock.seats());
      }
      assert.equal((await outbox()).find((m) => m.id === mail.id)?.state, 'accepted');
      // Signed in now: no longer among those who never signed in.
      const never = await request<Page<User>>(
        'GET',
        '/users?inactive=never&limit=200',
        undefined,
        'owner',
      );
      assert.ok(!never.body.items.some((u) => u.id === user.id));
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('takes no body, keeping the name the inviter gave; stays offline without presence', async () => {
    const { invite, accept } = await start({ preset: 'tenant' });
    const { mail } = await invite('named@example.com', { name: 'Given Name' });
    const res = await accept(mail.token);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const { user } = res.body as { user: User };
    assert.equal(user.name, 'Given Name');
    assert.equal(user.online, false, 'the tenant preset has no presence');
    assert.deepEqual(user.allowedActions.changeRole, [], 'seen as the new user sees itself');
  });

  it('asks for a name when the invitation has none', async () => {
    const { mock, invite, accept } = await start();
    const { user, mail } = await invite('nameless@example.com');
    for (const body of [undefined, {}, { name: '   ' }]) {
      const res = await accept(mail.token, body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.deepEqual(
        problem(res).errors?.map((e) => e.field),
        ['name'],
      );
    }
    assert.equal(problem(await accept(mail.token, { nickname: 'x' })).code, 'validation_failed');
    assert.equal(mock.userAs('owner', user.id)?.status, 'invited', 'nothing changed');
  });

  it('refuses a link accepted already, or of a user revoked since, with 409 not_invited', async () => {
    const { invite, accept, request, outbox } = await start();
    const first = await invite('twice@example.com', { name: 'Twice' });
    assert.equal((await accept(first.mail.token)).status, 200);
    const again = await accept(first.mail.token);
    assert.equal(again.status, 409);
    assert.equal(problem(again).code, 'not_invited');
    assert.match(problem(again).detail, /already accepted.*sign in to Initech/);

    const gone = await invite('gone@example.com', { name: 'Gone' });
    assert.equal(
      (await request('DELETE', `/users/${gone.user.id}`, undefined, 'owner')).status,
      204,
    );
    assert.equal((await outbox()).find((m) => m.id === gone.mail.id)?.state, 'revoked');
    const refused = await accept(gone.mail.token);
    assert.equal(refused.status, 409);
    assert.equal(problem(refused).code, 'not_invited');
    assert.match(problem(refused).detail, /withdrawn.*Ask Sofía Martínez/);
  });

  it('refuses a link a newer invitation replaced with 410 invitation_superseded', async () => {
    const { mock, invite, accept, request, outbox } = await start();
    const { user, mail } = await invite('resent@example.com', { name: 'Re Sent' });
    const resent = await request<User>(
      'POST',
      `/users/${user.id}/resend-invitation`,
      undefined,
      'manager',
    );
    assert.equal(resent.status, 200);
    const emails = (await outbox()).filter((m) => m.userId === user.id);
    assert.deepEqual(
      emails.map((m) => [m.kind, m.state]),
      [
        ['resent', 'pending'],
        ['invitation', 'superseded'],
      ],
    );
    assert.equal(emails[0]!.invitedBy, 'Aiko Tanaka', 'sent again by the manager');
    assert.equal(emails[0]!.subject, 'New invitation: join Initech');
    assert.match(emails[0]!.text, /earlier invitation no longer works/);
    assert.equal(emails[0]!.expiresAt, resent.body.inviteExpiresAt);
    const old = await accept(mail.token);
    assert.equal(old.status, 410);
    assert.equal(problem(old).code, 'invitation_superseded');
    assert.match(problem(old).detail, /newer invitation was sent to resent@example\.com/);
    assert.equal(mock.userAs('owner', user.id)?.status, 'invited');
    assert.equal((await accept(emails[0]!.token)).status, 200);
  });

  it('refuses an expired link with 410 invitation_expired, saying whom to ask', async () => {
    const { mock, clock, invite, accept } = await start();
    const { user, mail } = await invite('late@example.com', { name: 'Late' });
    clock.now = Date.parse(mail.expiresAt);
    const res = await accept(mail.token);
    assert.equal(res.status, 410);
    assert.equal(problem(res).code, 'invitation_expired');
    assert.equal(
      problem(res).detail,
      'This invitation expired on Sunday, 8 June 2025 at 12:00 UTC. Ask Sofía Martínez to send a new one.',
    );
    assert.equal(mock.userAs('owner', user.id)?.status, 'invited');
  });

  it('refuses an unknown token with 404 not_found', async () => {
    const { accept } = await start();
    const res = await accept('x'.repeat(43), { name: 'Nobody' });
    assert.equal(res.status, 404);
    assert.equal(problem(res).code, 'not_found');
  });

  it('never lets accepted users exceed the seat limit, even when it was lowered', async () => {
    const { mock, invite, accept, request } = await start();
    const mails = [];
    for (let n = 0; n < 4; n++)
      mails.push((await invite(`seat${n}@example.com`, { name: `S ${n}` })).mail);
    const members = () => mock.usersAs('owner').filter((u) => u.status !== 'invited').length;
    const before = members();
    // Room for two more members; four invitees accept at once.
    const lowered = await request<Workspace>('PATCH', '/mock/workspace', { seatLimit: before + 2 });
    assert.equal(lowered.status, 200);
    assert.equal(lowered.body.seats.limit, before + 2);
    const answers = await Promise.all(mails.map((m) => accept(m.token)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 409, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    assert.equal(problem(refused).code, 'seat_limit_reached');
    assert.match(
      problem(refused).detail,
      /All \d+ seats of Initech are taken\. Ask Sofía Martínez/,
    );
    assert.equal(members(), before + 2);
    await request('PATCH', '/mock/workspace', { seatLimit: null });
    const late = mails.find((_, i) => answers[i]!.status === 409)!;
    assert.equal((await accept(late.token)).status, 200, 'accepted once a seat is free');
  });
});

describe('POST /mock/invitations/{token}/expire', () => {
  it('expires the link and the user’s invitation now, and says so live', async () => {
    const { server, clock, invite, accept, request, outbox } = await start();
    const { user, mail } = await invite('soon@example.com', { name: 'Soon' });
    const stream = await openEvents(server.url, 'owner');
    try {
      clock.now += 3_600_000;
      const res = await request('POST', `/mock/invitations/${mail.token}/expire`);
      assert.equal(res.status, 204);
      const at = new Date(clock.now).toISOString();
      const updated = await stream.until((e) => e.event === 'user.updated', 'user.updated');
      assert.equal((updated.data as { user: User }).user.inviteExpiresAt, at);
      const email = (await outbox()).find((m) => m.id === mail.id)!;
      assert.deepEqual([email.state, email.expiresAt], ['expired', at]);
      assert.equal(problem(await accept(mail.token, { name: 'Soon' })).code, 'invitation_expired');
      assert.equal((await request('POST', `/mock/invitations/${mail.token}/expire`)).status, 204);
      // A resend gives a fresh link.
      await request('POST', `/users/${user.id}/resend-invitation`, undefined, 'owner');
      const fresh = (await outbox()).find((m) => m.userId === user.id && m.state === 'pending')!;
      assert.equal((await accept(fresh.token)).status, 200);
      const done = await request<Problem>('POST', `/mock/invitations/${fresh.token}/expire`);
      assert.equal(done.status, 409);
      assert.equal(done.body.code, 'not_invited');
    } finally {
      stream.close();
    }
  });
});

describe('PATCH /mock/workspace', () => {
  it('changes the plan and the seat limit, publishing seats', async () => {
    const { server, request } = await start({ preset: 'workspace' });
    const stream = await openEvents(server.url, 'owner');
    try {
      const res = await request<Workspace>('PATCH', '/mock/workspace', {
        plan: 'enterprise',
        seatLimit: 90,
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.plan, 'enterprise');
      assert.equal(res.body.seats.limit, 90);
      const seats = await stream.until((e) => e.event === 'seats', 'seats');
      assert.equal((seats.data as Seats).limit, 90);
      const read = await request<Workspace>('GET', '/workspace', undefined, 'owner');
      assert.deepEqual(read.body, res.body);
    } finally {
      stream.close();
    }
  });

  for (const [body, field] of [
    [{ plan: 'gold' }, 'plan'],
    [{ plan: 3 }, 'plan'],
    [{ seatLimit: -1 }, 'seatLimit'],
    [{ seatLimit: 2.5 }, 'seatLimit'],
    [{ seatLimit: '10' }, 'seatLimit'],
    [{ colour: 'red' }, 'colour'],
  ] as const) {
    it(`refuses ${JSON.stringify(body)} with 422 on ${field}, changing nothing`, async () => {
      const { request } = await start({ preset: 'workspace' });
      const before = await request<Workspace>('GET', '/workspace', undefined, 'owner');
      const res = await request<Problem>('PATCH', '/mock/workspace', body);
      assert.equal(res.status, 422);
      assert.deepEqual(
        res.body.errors?.map((e) => e.field),
        [field],
      );
      if ('plan' in body && typeof body.plan === 'string')
        assert.match(res.body.errors![0]!.message, /basic, advanced, enterprise/);
      const after_ = await request<Workspace>('GET', '/workspace', undefined, 'owner');
      assert.deepEqual(after_.body, before.body);
    });
  }
});

describe('the outbox across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'roster-outbox-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const kind of ['memory', 'file'] as const) {
    it(`keeps emails, their tokens and states, and the plan (${kind} storage)`, async () => {
      const storage = kind === 'memory' ? memoryStorage() : fileStorage(join(dir, 'data.json'));
      const first = await start({ preset: 'workspace', storage });
      const accepted = await first.invite('kept@example.com', { name: 'Kept' });
      const pending = await first.invite('waiting@example.com', { name: 'Waiting' });
      assert.equal((await first.accept(accepted.mail.token)).status, 200);
      await first.request('PATCH', '/mock/workspace', { plan: 'advanced' });
      const before = await first.outbox();
      await first.server.close();
      running = running.filter((r) => r !== first.server);

      const again = kind === 'memory' ? storage : fileStorage(join(dir, 'data.json'));
      const second = await start({ preset: 'workspace', storage: again });
      assert.deepEqual(await second.outbox(), before);
      const ws = await second.request<Workspace>('GET', '/workspace', undefined, 'owner');
      assert.equal(ws.body.plan, 'advanced');
      assert.equal(problem(await second.accept(accepted.mail.token)).code, 'not_invited');
      assert.equal((await second.accept(pending.mail.token)).status, 200);
    });
  }

  it('loads data saved before the outbox existed (no outbox, no plan)', async () => {
    const storage = memoryStorage();
    const seeded = createMockServer({ preset: 'workspace', storage });
    const owner = { headers: { Authorization: 'Bearer owner' } };
    const { plan } = (await (await seeded.fetch('/api/v1/workspace', owner)).json()) as Workspace;
    seeded.close();
    const data = storage.load()!;
    delete data.state.outbox;
    delete data.state.plan;
    storage.save(data.state);
    const { outbox, request } = await start({ preset: 'workspace', storage });
    assert.deepEqual(await outbox(), []);
    const ws = await request<Workspace>('GET', '/workspace', undefined, 'owner');
    assert.equal(ws.body.plan, plan, "the preset's");
  });
});

describe('the mock-only endpoints as openapi.yaml documents them', () => {
  it('answers every status with the documented shape', async () => {
    const contract = new Contract();
    const { server, invite, clock } = await start();
    const issues: string[] = [];
    const check = async (method: string, template: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.url}${path}`, {
        method,
        ...(body !== undefined
          ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }
          : {}),
      });
      const mediaType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
      const text = await res.text();
      const parsed = mediaType.includes('json') && text ? JSON.parse(text) : text || undefined;
      issues.push(
        ...contract.checkResponse(method, template, {
          status: res.status,
          headers: res.headers,
          mediaType,
          body: parsed,
        }),
      );
      return res.status;
    };
    const token = '/mock/invitations/{token}';
    const fresh = (await invite('contract@example.com', { name: 'Con Tract' })).mail.token;
    const statuses = [
      await check('GET', '/mock/outbox', '/mock/outbox'),
      await check('GET', token, `/mock/invitations/${fresh}`),
      await check('GET', token, '/mock/invitations/nope'),
      await check('POST', `${token}/accept`, `/mock/invitations/nope/accept`),
      await check('POST', `${token}/accept`, `/mock/invitations/${fresh}/accept`, { bad: 1 }),
      await check('POST', `${token}/accept`, `/mock/invitations/${fresh}/accept`),
      await check('POST', `${token}/accept`, `/mock/invitations/${fresh}/accept`),
      await check('POST', `${token}/expire`, `/mock/invitations/${fresh}/expire`),
      await check('PATCH', '/mock/workspace', '/mock/workspace', { plan: 'enterprise' }),
      await check('PATCH', '/mock/workspace', '/mock/workspace', { plan: 'free' }),
    ];
    const late = (await invite('contract.late@example.com', { name: 'Late' })).mail.token;
    statuses.push(await check('POST', `${token}/expire`, `/mock/invitations/${late}/expire`));
    clock.now += 1;
    statuses.push(await check('POST', `${token}/accept`, `/mock/invitations/${late}/accept`));
    assert.deepEqual(statuses, [200, 200, 404, 404, 422, 200, 409, 409, 200, 422, 204, 410]);
    assert.deepEqual(issues, []);
  });
});

describe('presence after an acceptance', () => {
  it('lets the simulated presence take the new member offline again', async () => {
    const { mock, invite, accept } = await start({
      preset: 'workspace',
      simulatePresence: { intervalMs: 5 },
    });
    const { user, mail } = await invite('comes.and.goes@example.com', { name: 'Comes Goes' });
    // The simulation picks among the active users: the newcomer is one of them now.
    assert.equal((await accept(mail.token)).status, 200);
    const started = Date.now();
    while (mock.userAs('owner', user.id)?.online && Date.now() - started < 10_000)
      await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(mock.userAs('owner', user.id)?.online, false, 'went offline at some point');
  });
});
