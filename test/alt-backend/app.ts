/**
 * The HTTP side: session-cookie sign-in, CORS with credentials for the allowed origins, and
 * the contract's endpoints under `/api/v1`. Anything this server does not offer (role
 * templates, export) falls through to `404 not_found`, as the contract asks of a server
 * without the feature.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { cors } from 'hono/cors';
import { streamSSE } from 'hono/streaming';
import type { SSEMessage } from 'hono/streaming';
import type { User } from '../../src/api/types.js';
import { ChangeFeed, type Change, type Logged } from './events.js';
import { cursorAt, ifMatches, invitationInput, listQuery, patchInput, readJson } from './input.js';
import type { ListQuery } from './input.js';
import {
  INVITE_DAYS,
  PERSONAS,
  ROLES,
  SEAT_LIMIT,
  type Account,
  allowedActions,
  capabilitiesOf,
  mayManage,
  newAccount,
  roleOf,
  seedAccounts,
  userView,
  workspaceOf,
} from './model.js';
import { Refusal, invalid, problemResponse } from './problems.js';

/** Addresses the `team` plan may not invite: the refusal the elements do not know. */
const PERSONAL_DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com'];
const KEEP_ALIVE_MS = 15_000;

type Env = { Variables: { actor: Account } };

/** A fresh backend's Hono app; `allowedOrigins` is read at each request. */
export function createAltBackend(allowedOrigins: readonly string[] = []) {
  const users = new Map(seedAccounts().map((account) => [account.id, account]));
  /** Session id → account id. */
  const sessions = new Map<string, string>();
  /** `<actor id> <Idempotency-Key>` → the body's digest and the first answer. */
  const replays = new Map<string, { digest: string; user: User }>();
  const feed = new ChangeFeed();
  const app = new Hono<Env>();

  const seats = () => ({ used: users.size, limit: SEAT_LIMIT });
  /** Refuses an address someone of the organisation already has (stored lower-cased). */
  const ensureFree = (email: string) => {
    if ([...users.values()].some((user) => user.email === email))
      throw new Refusal(409, 'email_taken', `${email} is already in this organisation.`);
  };
  const publishUser = (name: 'user.created' | 'user.updated', user: Account) =>
    feed.publish({ name, user: { ...user } });

  app.onError((error, c) => {
    if (error instanceof Refusal) return problemResponse(error, c.req.path);
    console.error(error);
    return problemResponse(new Refusal(500, 'internal', 'Something broke; try again.'), c.req.path);
  });
  app.notFound((c) =>
    problemResponse(new Refusal(404, 'not_found', `Nothing at ${c.req.path}.`), c.req.path),
  );

  /**
   * `GET /auth/login?as=<persona>[&return=<url>]`: signs in as one of the test personas with an
   * HttpOnly session cookie, and goes back to `return` when it is on an allowed origin.
   */
  app.get('/auth/login', (c) => {
    const email = PERSONAS[c.req.query('as') as keyof typeof PERSONAS];
    const account = [...users.values()].find((user) => user.email === email);
    if (!account) throw new Refusal(401, 'unauthenticated', 'No such persona.');
    const sid = randomUUID();
    sessions.set(sid, account.id);
    // A deployment adds `Secure`; these tests run over plain HTTP.
    setCookie(c, 'sid', sid, { httpOnly: true, sameSite: 'Lax', path: '/' });
    const back = c.req.query('return');
    if (back && URL.canParse(back) && allowedOrigins.includes(new URL(back).origin))
      return c.redirect(back, 303);
    return c.body(null, 204);
  });

  app.use(
    '/api/v1/*',
    cors({
      origin: (origin) => (allowedOrigins.includes(origin) ? origin : null),
      credentials: true,
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowHeaders: ['Content-Type', 'If-Match', 'Idempotency-Key', 'Last-Event-ID'],
      exposeHeaders: ['ETag', 'Location', 'Retry-After'],
      maxAge: 600,
    }),
  );

  // Who is asking: the session's account, if it may still sign in. A cookie travels with any
  // request to this host, so writes from a page on a foreign origin are refused outright.
  app.use('/api/v1/*', async (c, next) => {
    const origin = c.req.header('Origin');
    if (c.req.method !== 'GET' && origin && !allowedOrigins.includes(origin))
      throw new Refusal(403, 'forbidden', `Requests from ${origin} are not accepted.`);
    const actor = users.get(sessions.get(getCookie(c, 'sid') ?? '') ?? '');
    if (!actor || actor.status !== 'active')
      throw new Refusal(401, 'unauthenticated', 'Sign in to manage people.');
    c.set('actor', actor);
    await next();
  });

  /** The actor, when it may view users at all. */
  const viewer = (c: Context<Env>): Account => {
    const actor = c.get('actor');
    if (!capabilitiesOf(actor).viewUsers)
      throw new Refusal(403, 'forbidden', 'Your role does not show other people.');
    return actor;
  };

  /** The user of the path's `id`, for an actor who may view users. */
  const target = (c: Context<Env>): { actor: Account; user: Account } => {
    const actor = viewer(c);
    const id = c.req.param('id') ?? '';
    const user = users.get(id);
    if (!user) throw new Refusal(404, 'not_found', `No person with id "${id}".`);
    return { actor, user };
  };

  /** As {@link target}, for an actor who may change that user. */
  const managed = (c: Context<Env>): { actor: Account; user: Account } => {
    const { actor, user } = target(c);
    if (actor.id === user.id)
      throw new Refusal(403, 'cannot_modify_self', 'Ask another admin to change your own access.');
    if (!mayManage(actor, user))
      throw new Refusal(403, 'forbidden', `You may not change ${user.name || user.email}.`);
    return { actor, user };
  };

  /** A user answer with its version as ETag. */
  const withTag = (c: Context<Env>, user: User, status: 200 | 201 = 200) => {
    c.header('ETag', `"${user.version}"`);
    return c.json(user, status);
  };

  const api = new Hono<Env>();

  api.get('/workspace', (c) => c.json(workspaceOf(seats())));
  api.get('/me', (c) => {
    const actor = c.get('actor');
    return c.json({ user: userView(actor, actor), capabilities: capabilitiesOf(actor) });
  });
  api.get('/roles', (c) => c.json({ items: ROLES }));
  api.get('/permissions', (c) =>
    c.json({
      modules: [
        { id: 'inbox', name: 'Shared inbox' },
        { id: 'reports', name: 'Reports' },
        { id: 'settings', name: 'Settings' },
      ],
      categories: [],
      actions: [],
      flags: [],
    }),
  );

  api.get('/users', (c) => {
    const actor = viewer(c);
    const query = listQuery(new URL(c.req.url).searchParams);
    const matching = [...users.values()].filter((user) => matches(user, query));
    matching.sort(order(query.sort));
    const end = query.offset + query.limit;
    return c.json({
      items: matching.slice(query.offset, end).map((user) => userView(user, actor)),
      nextCursor: end < matching.length ? cursorAt(end, query) : null,
      total: matching.length,
    });
  });

  api.get('/users/:id', (c) => {
    const { actor, user } = target(c);
    return withTag(c, userView(user, actor));
  });

  api.post('/invitations', async (c) => {
    const actor = c.get('actor');
    const body = await readJson(c.req.raw);
    const key = c.req.header('Idempotency-Key');
    if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key))
      throw invalid([field('Idempotency-Key', 'invalid_key', 'Use 1–255 visible characters.')]);
    const replayKey = key && `${actor.id} ${key}`;
    const digest = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    const kept = replayKey ? replays.get(replayKey) : undefined;
    if (kept && kept.digest !== digest)
      throw invalid([field('Idempotency-Key', 'key_reused', 'This key came with another body.')]);
    if (kept) return created(c, kept.user);
    const caps = capabilitiesOf(actor);
    if (caps.inviteRoles.length === 0)
      throw new Refusal(403, 'forbidden', 'Your role may not invite anyone.');
    const input = invitationInput(body);
    if (!caps.inviteRoles.includes(input.role))
      throw new Refusal(
        403,
        'role_not_assignable',
        `You may not invite people as ${roleOf(input.role)?.name ?? input.role}.`,
      );
    const domain = input.email.split('@')[1]!;
    if (PERSONAL_DOMAINS.includes(domain))
      throw new Refusal(
        403,
        'plan_restriction',
        `The Team plan invites work addresses only, not personal ones such as ${domain}. Use a work address, or ask an organisation admin to move to the Business plan.`,
        undefined,
        'Not on your plan',
      );
    ensureFree(input.email);
    if (users.size >= SEAT_LIMIT)
      throw new Refusal(
        409,
        'seat_limit_reached',
        `All ${SEAT_LIMIT} seats are taken. Delete someone first.`,
      );
    const account = newAccount(input);
    users.set(account.id, account);
    publishUser('user.created', account);
    feed.publish({ name: 'seats', seats: seats() });
    const answer = userView(account, actor);
    if (replayKey) replays.set(replayKey, { digest, user: answer });
    return created(c, answer);
  });

  /** The 201 of an invitation (or its replay). */
  const created = (c: Context<Env>, user: User) => {
    c.header('Location', `/api/v1/users/${user.id}`);
    return withTag(c, user, 201);
  };

  api.patch('/users/:id', async (c) => {
    const { actor, user } = managed(c);
    const body = await readJson(c.req.raw);
    const match = ifMatches(c.req.header('If-Match'), user.version);
    if (match === undefined)
      throw invalid([field('If-Match', 'required', 'Send the ETag you read as If-Match.')]);
    const patch = patchInput(body);
    if (!match)
      throw new Refusal(412, 'version_conflict', 'Someone changed this person meanwhile; reload.');
    const may = allowedActions(actor, user);
    if (
      patch.role !== undefined &&
      patch.role !== user.role &&
      !may.changeRole.includes(patch.role)
    )
      throw new Refusal(403, 'role_not_assignable', `You may not give the role ${patch.role}.`);
    if (patch.email !== undefined && patch.email !== user.email) {
      if (!may.editEmail)
        throw invalid([
          field('email', 'email_locked', 'Only a pending invitation’s address can change.'),
        ]);
      ensureFree(patch.email);
    }
    if (patch.status !== undefined && patch.status !== user.status) {
      const allowed = patch.status === 'suspended' ? may.suspend : may.reactivate;
      if (!allowed)
        throw invalid([
          field('status', 'not_yet_active', 'An invited person becomes active by accepting.'),
        ]);
    }
    const changed: Account = {
      ...user,
      ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
      version: user.version + 1,
      updatedAt: new Date().toISOString(),
    };
    users.set(user.id, changed);
    publishUser('user.updated', changed);
    return withTag(c, userView(changed, actor));
  });

  api.delete('/users/:id', (c) => {
    const { user } = managed(c);
    if (c.req.query('reassignTo') !== undefined)
      throw invalid([field('reassignTo', 'not_supported', 'Contacts are not reassigned here.')]);
    if (ifMatches(c.req.header('If-Match'), user.version) === false)
      throw new Refusal(412, 'version_conflict', 'Someone changed this person meanwhile; reload.');
    users.delete(user.id);
    feed.publish({ name: 'user.removed', userId: user.id });
    feed.publish({ name: 'seats', seats: seats() });
    return c.body(null, 204);
  });

  api.post('/users/:id/resend-invitation', (c) => {
    const { actor, user } = managed(c);
    if (user.status !== 'invited')
      throw new Refusal(409, 'not_invited', `${user.email} has already joined.`);
    const now = Date.now();
    const resent: Account = {
      ...user,
      inviteExpiresAt: new Date(now + INVITE_DAYS * 86_400_000).toISOString(),
      updatedAt: new Date(now).toISOString(),
      version: user.version + 1,
    };
    users.set(user.id, resent);
    publishUser('user.updated', resent);
    return withTag(c, userView(resent, actor));
  });

  api.get('/events', (c) => {
    const actor = viewer(c);
    const lastId = c.req.header('Last-Event-ID');
    return streamSSE(c, async (stream) => {
      let stop = () => {};
      const ended = new Promise<void>((resolve) => (stop = resolve));
      stream.onAbort(stop);
      // Writes are chained, so that the backlog and live changes go out in order, none lost.
      let writing = Promise.resolve();
      const write = (message: SSEMessage) => {
        writing = writing.then(() => stream.writeSSE(message)).catch(stop);
      };
      const send = ({ id, change }: Logged) => {
        const self = users.get(actor.id);
        // The listener's account was deleted (or suspended): its stream ends.
        if (self?.status !== 'active') return stop();
        write({ id, event: change.name, data: JSON.stringify(payload(change, self)) });
      };
      const backlog = lastId === undefined ? [] : feed.since(lastId);
      if (backlog) backlog.forEach(send);
      else write({ id: feed.head, event: 'resync', data: '{}' });
      const unlisten = feed.listen(send);
      const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
      await ended;
      clearInterval(keepAlive);
      unlisten();
    });
  });

  app.route('/api/v1', api);
  return app;
}

function field(name: string, code: string, message: string) {
  return { field: name, code, message };
}

/** An event's data as `actor` receives it: users carry the actor's `allowedActions`. */
function payload(change: Change, actor: Account): unknown {
  switch (change.name) {
    case 'user.created':
    case 'user.updated':
      return { user: userView(change.user, actor) };
    case 'user.removed':
      return { userId: change.userId };
    case 'seats':
      return change.seats;
  }
}

function matches(user: Account, query: ListQuery): boolean {
  return (
    (!query.q || user.name.toLowerCase().includes(query.q) || user.email.includes(query.q)) &&
    (!query.role || user.role === query.role) &&
    (!query.status || user.status === query.status)
  );
}

const collator = new Intl.Collator('en', { sensitivity: 'base' });
const STATUS_ORDER = ['active', 'invited', 'suspended'];

/** The comparator of a sort key; ties go by id, and `-key` is the exact reverse. */
function order(sort: string): (a: Account, b: Account) => number {
  const key = sort.replace(/^-/, '');
  const sign = sort.startsWith('-') ? -1 : 1;
  const primary = (a: Account, b: Account): number => {
    switch (key) {
      case 'name':
        return collator.compare(a.name, b.name);
      case 'role':
        return (roleOf(a.role)?.rank ?? 0) - (roleOf(b.role)?.rank ?? 0);
      case 'status':
        return STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status);
      default: {
        // email, lastActiveAt, lastLoginAt: never signed in ('') sorts as the oldest.
        const value = (user: Account) => String(user[key as 'email'] ?? '');
        return value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : 0;
      }
    }
  };
  return (a, b) => sign * (primary(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
