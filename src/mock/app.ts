/**
 * The HTTP face of the mock: Hono routes over Web-standard Request/Response, so the same code
 * serves Node (`cli.ts`) and a browser page (`createMockServer().fetch`). Handlers stay thin:
 * they read the request, call the workspace and format the answer. Besides the contract, the
 * mock-only routes under `/mock/` (the outbox, invitation links, the workspace's plan and seat
 * limit) take no token: a real backend has none of them.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { streamSSE } from 'hono/streaming';
import type { SSEStreamingApi } from 'hono/streaming';
import type { Me, Page, User } from '../api/types.js';
import { encodeCursor, parseListQuery } from './cursor.js';
import { csvStream, exportColumns } from './csv.js';
import type { HubEvent } from './events.js';
import type { Faults } from './faults.js';
import { parseIdempotencyKey, parseIfMatch } from './inputs.js';
import type { StoredUser } from './model.js';
import * as policy from './policy.js';
import { ProblemError, problemResponse } from './problems.js';
import { readJson } from './validate.js';
import { BASE_PATH } from './base-path.js';
import type { MockWorkspace } from './workspace.js';


type Env = { Variables: { actor: StoredUser } };

interface AppOptions {
  allowedOrigins: string[];
  faults: Faults;
  /** Aborted by `MockServer.close()`, which also closes the hub (ending the open event streams). */
  closed: AbortSignal;
}

const etag = (version: number) => `"${version}"`;

/** Builds the Hono app serving the contract for one workspace. */
export function createApp(ws: MockWorkspace, options: AppOptions): Hono<Env> {
  const app = new Hono<Env>();

  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(error, c.req.path);
    console.error('roster mock: unexpected error', error);
    return problemResponse(
      new ProblemError('internal', 'The mock server failed unexpectedly.'),
      c.req.path,
    );
  });
  app.notFound((c) =>
    problemResponse(
      new ProblemError('not_found', `No route for ${c.req.method} ${c.req.path}.`),
      c.req.path,
    ),
  );

  const anyOrigin = options.allowedOrigins.includes('*');
  app.use(
    '*',
    cors({
      origin: anyOrigin ? '*' : options.allowedOrigins,
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: [
        'Authorization',
        'Content-Type',
        'If-Match',
        'Idempotency-Key',
        'Last-Event-ID',
      ],
      exposeHeaders: ['ETag', 'Retry-After', 'Location', 'Content-Disposition'],
      maxAge: 600,
      credentials: !anyOrigin,
    }),
  );
  app.use('*', async (c, next) => {
    await options.faults.apply(c.req.raw);
    await next();
  });

  // Mounted before the contract's routes, whose token check would otherwise answer first.
  app.route(`${BASE_PATH}/mock`, mockOnly(ws));

  const api = new Hono<Env>();
  api.use('*', async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '');
    const actor = match?.[1] ? ws.authenticate(match[1]) : undefined;
    if (!actor) {
      throw new ProblemError(
        'unauthenticated',
        'Send Authorization: Bearer <token> with a known persona token.',
        undefined,
        {
          'WWW-Authenticate': 'Bearer realm="roster-mock"',
        },
      );
    }
    c.set('actor', actor);
    await next();
  });

  const actor = (c: Context<Env>) => c.get('actor');
  const userJson = (c: Context<Env>, user: StoredUser, status: 200 | 201 = 200) => {
    c.header('ETag', etag(user.version));
    return c.json(ws.view(actor(c), user), status);
  };

  api.get('/workspace', (c) => c.json(ws.workspace()));
  api.get('/me', (c) => {
    const me: Me = {
      user: ws.view(actor(c), actor(c)),
      capabilities: policy.capabilities(ws, actor(c)),
    };
    return c.json(me);
  });
  api.get('/roles', (c) => c.json({ items: ws.config.roles }));
  api.get('/permissions', (c) => c.json(ws.config.catalog));

  api.get('/role-templates', (c) => {
    if (!ws.config.features.roleTemplates)
      throw new ProblemError('not_found', 'This workspace has no role templates.');
    const able = policy.abilities(ws, actor(c));
    if (!able.view && !able.manageTemplates)
      throw new ProblemError('forbidden', 'You may not view role templates.');
    return c.json({ items: ws.listTemplates() });
  });
  api.post('/role-templates', async (c) => {
    const template = ws.createTemplate(actor(c), await readJson(c.req.raw));
    c.header('ETag', etag(template.version));
    return c.json(template, 201);
  });
  api.patch('/role-templates/:id', async (c) => {
    const ifMatch = parseIfMatch(c.req.header('If-Match') ?? null);
    const template = ws.patchTemplate(
      actor(c),
      c.req.param('id'),
      await readJson(c.req.raw),
      ifMatch,
    );
    c.header('ETag', etag(template.version));
    return c.json(template);
  });
  api.delete('/role-templates/:id', (c) => {
    ws.deleteTemplate(actor(c), c.req.param('id'));
    return c.body(null, 204);
  });

  api.get('/users', (c) => {
    throwIf(policy.checkViewUsers(ws, actor(c)));
    const query = parseListQuery(new URL(c.req.url).searchParams, ws.listContext());
    const { items, more } = ws.users.page(
      query.filter,
      query.sort,
      query.descending,
      query.after,
      query.limit,
    );
    const last = items.at(-1);
    const page: Page<User> = {
      items: items.map((user) => ws.view(actor(c), user)),
      nextCursor: more && last ? encodeCursor(query, ws.users.tupleOf(query.sort, last)) : null,
      total: ws.users.count(query.filter),
    };
    return c.json(page);
  });
  api.get('/users/export', (c) => {
    if (!ws.config.features.export)
      throw new ProblemError('not_found', 'This workspace does not export users.');
    throwIf(policy.checkExport(ws, actor(c)));
    const query = parseListQuery(new URL(c.req.url).searchParams, ws.listContext(), false);
    const users = [...ws.users.walk(query.filter, query.sort, query.descending)];
    const columns = exportColumns(ws.config, (id) => ws.templateName(id));
    return new Response(csvStream(columns, users), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="users.csv"',
      },
    });
  });
  api.get('/users/:id', (c) => {
    const user = ws.getUserFor(actor(c), c.req.param('id'));
    return userJson(c, user);
  });
  api.patch('/users/:id', async (c) => {
    const ifMatch = parseIfMatch(c.req.header('If-Match') ?? null);
    const body = await readJson(c.req.raw);
    return userJson(c, ws.patchUser(actor(c), c.req.param('id'), body, ifMatch));
  });
  api.delete('/users/:id', (c) => {
    const header = c.req.header('If-Match');
    const reassignTo = c.req.query('reassignTo');
    ws.removeUser(
      actor(c),
      c.req.param('id'),
      reassignTo || undefined,
      header === undefined ? undefined : parseIfMatch(header),
    );
    return c.body(null, 204);
  });
  api.post('/users/:id/resend-invitation', (c) =>
    userJson(c, ws.resendInvitation(actor(c), c.req.param('id'))),
  );
  api.post('/invitations', async (c) => {
    const key = parseIdempotencyKey(c.req.header('Idempotency-Key') ?? null);
    const body = await readJson(c.req.raw);
    const outcome = ws.invite(actor(c), body, key);
    c.header('ETag', etag(outcome.body.version));
    c.header('Location', `${BASE_PATH}/users/${outcome.body.id}`);
    return c.json(outcome.body, outcome.status === 201 ? 201 : 200);
  });

  api.get('/events', (c) => {
    const actorId = actor(c).id;
    const lastEventId = c.req.header('Last-Event-ID');
    return streamSSE(c, (stream) =>
      serveEvents(ws, stream, actorId, lastEventId, c.req.raw.signal, options.closed),
    );
  });

  app.route(BASE_PATH, api);
  return app;
}

/**
 * The mock-only routes: no token (the invitation token is the credential), so that a demo can
 * play the invitee, and a test can set the stage, without being anyone.
 */
function mockOnly(ws: MockWorkspace): Hono {
  const mock = new Hono();
  mock.get('/outbox', (c) => c.json({ items: ws.listOutbox(c.req.query('userId') || undefined) }));
  mock.get('/invitations/:token', (c) => c.json(ws.invitation(c.req.param('token'))));
  mock.post('/invitations/:token/accept', async (c) => {
    const user = ws.acceptInvitation(c.req.param('token'), await readJson(c.req.raw, {}));
    c.header('ETag', etag(user.version));
    return c.json({ user: ws.view(user, user) });
  });
  mock.post('/invitations/:token/expire', (c) => {
    ws.expireInvitation(c.req.param('token'));
    return c.body(null, 204);
  });
  mock.patch('/workspace', async (c) => c.json(ws.patchWorkspace(await readJson(c.req.raw))));
  return mock;
}

function throwIf(verdict: ProblemError | null): void {
  if (verdict) throw verdict;
}

/** The SSE `data` of a hub event for one listening actor, or null when it may not see it. */
function render(
  ws: MockWorkspace,
  actor: StoredUser,
  event: HubEvent,
): { event: string; data: string; id: string } | null {
  const id = String(event.id);
  const mayView = (userId: string) =>
    userId === actor.id || policy.checkViewUsers(ws, actor) === null;
  switch (event.type) {
    case 'presence': {
      const { userId, online, lastActiveAt } = event;
      return mayView(userId)
        ? { event: event.type, id, data: JSON.stringify({ userId, online, lastActiveAt }) }
        : null;
    }
    case 'user.created':
    case 'user.updated':
      return mayView(event.user.id)
        ? { event: event.type, id, data: JSON.stringify({ user: ws.view(actor, event.user) }) }
        : null;
    case 'user.removed':
      return mayView(event.userId)
        ? { event: event.type, id, data: JSON.stringify({ userId: event.userId }) }
        : null;
    case 'seats':
      return { event: event.type, id, data: JSON.stringify(event.seats) };
    case 'template.created':
    case 'template.updated':
    case 'template.removed': {
      // Whoever may list the templates hears of their changes.
      const able = policy.abilities(ws, actor);
      if (!able.view && !able.manageTemplates) return null;
      const data =
        event.type === 'template.removed'
          ? { templateId: event.templateId }
          : { template: event.template };
      return { event: event.type, id, data: JSON.stringify(data) };
    }
  }
}

/** Runs one event stream until the client goes away or the server closes. */
async function serveEvents(
  ws: MockWorkspace,
  stream: SSEStreamingApi,
  actorId: string,
  lastEventId: string | undefined,
  request: AbortSignal,
  closed: AbortSignal,
): Promise<void> {
  let chain: Promise<unknown> = stream.write('retry: 3000\n: connected\n\n');
  let finish = () => {};
  const ended = new Promise<void>((resolve) => (finish = resolve));
  const send = (event: HubEvent) => {
    const actor = ws.users.get(actorId);
    if (!actor || actor.status !== 'active') return finish();
    const message = render(ws, actor, event);
    if (message) chain = chain.then(() => stream.writeSSE(message));
  };
  const unsubscribe = ws.hub.subscribe({
    event: send,
    ping: () => (chain = chain.then(() => stream.write(': keep-alive\n\n'))),
    close: finish,
  });
  if (lastEventId !== undefined) {
    const missed = ws.hub.since(lastEventId.trim());
    if (missed) missed.forEach(send);
    else
      chain = chain.then(() =>
        stream.writeSSE({ event: 'resync', id: String(ws.hub.currentId), data: '{}' }),
      );
  }
  stream.onAbort(finish);
  request.addEventListener('abort', finish, { once: true });
  // No listener on `closed`, which every stream shares (past ten, Node warns of a leak):
  // the hub ends open streams when the server closes; one opened after that ends here.
  if (request.aborted || closed.aborted) finish();
  await ended;
  unsubscribe();
  request.removeEventListener('abort', finish);
  await Promise.race([chain, Promise.resolve()]);
}
