/**
 * Role templates on the mock: `userCount` as holders come and go, the delete rule (holders are
 * detached, keeping their own grants), and the `template.*` events over real HTTP.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createParser } from 'eventsource-parser';
import type { RoleTemplate, User } from '../../src/api/types.js';
import { createMockServer } from '../../src/mock/index.js';
import type { MockServer } from '../../src/mock/index.js';
import { listen } from '../../src/mock/node-server.js';
import type { RunningMock } from '../../src/mock/node-server.js';
import { call, fixedNow, patchUser } from './helpers.js';

const tenant = () => createMockServer({ preset: 'tenant', now: fixedNow, simulatePresence: false });

async function templates(server: MockServer, token = 'admin'): Promise<RoleTemplate[]> {
  return (await call<{ items: RoleTemplate[] }>(server, token, 'GET', '/role-templates')).body
    .items;
}

const countOf = async (server: MockServer, id: string) =>
  (await templates(server)).find((t) => t.id === id)?.userCount;

const holders = (server: MockServer, id: string) =>
  server.usersAs('admin').filter((user) => user.roleTemplateId === id);

describe('role templates: userCount', () => {
  it('counts the seeded holders of each template, and 0 for a new one', async () => {
    const s = tenant();
    for (const template of await templates(s))
      assert.equal(template.userCount, holders(s, template.id).length, template.name);
    const created = await call<RoleTemplate>(s, 'admin', 'POST', '/role-templates', {
      name: 'Fresh',
      permissions: {},
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.userCount, 0);
    s.close();
  });

  it('follows invitations, moves between templates and removals', async () => {
    const s = tenant();
    const [first, second] = await templates(s);
    assert.ok(first && second);
    const invited = await call<User>(s, 'admin', 'POST', '/invitations', {
      email: 'counted@example.com',
      role: 'user',
      roleTemplateId: first.id,
    });
    assert.equal(invited.status, 201);
    assert.equal(await countOf(s, first.id), first.userCount + 1);
    const moved = await patchUser(s, 'admin', invited.body, { roleTemplateId: second.id });
    assert.equal(moved.status, 200);
    assert.equal(await countOf(s, first.id), first.userCount);
    assert.equal(await countOf(s, second.id), second.userCount + 1);
    const removed = await call(s, 'admin', 'DELETE', `/users/${invited.body.id}`);
    assert.equal(removed.status, 204);
    assert.equal(await countOf(s, second.id), second.userCount);
    s.close();
  });
});

describe('role templates: deleting one', () => {
  it('detaches its holders (new version, own grants kept) and 404s a second time', async () => {
    const s = tenant();
    const template = (await templates(s)).find((t) => t.userCount > 0);
    assert.ok(template, 'a seeded template has holders');
    const before = holders(s, template.id);
    const res = await call(s, 'admin', 'DELETE', `/role-templates/${template.id}`);
    assert.equal(res.status, 204);
    const users = new Map(s.usersAs('admin').map((user) => [user.id, user]));
    for (const was of before) {
      const now = users.get(was.id)!;
      assert.equal(now.roleTemplateId, null);
      assert.equal(now.version, was.version + 1);
      assert.deepEqual(now.permissions, was.permissions, 'own grants kept');
      assert.equal(now.role, was.role, 'base role kept');
    }
    const again = await call(s, 'admin', 'DELETE', `/role-templates/${template.id}`);
    assert.equal(again.status, 404);
    s.close();
  });

  it('refuses a persona without manageTemplates (403) and changes nothing', async () => {
    const s = tenant();
    const [template] = await templates(s);
    assert.ok(template);
    const res = await call(s, 'user', 'DELETE', `/role-templates/${template.id}`);
    assert.equal(res.status, 403);
    assert.equal((await templates(s)).length, 3);
    s.close();
  });
});

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Reads `GET /events` over HTTP as `token` while `act` runs, until `done` says enough. */
async function listenWhile(
  url: string,
  token: string,
  act: () => Promise<void>,
  done: (events: SseEvent[]) => boolean,
): Promise<SseEvent[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 3000);
  const res = await fetch(`${url}/events`, {
    headers: { Authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  assert.equal(res.status, 200);
  const events: SseEvent[] = [];
  const parser = createParser({
    onEvent: ({ event, data }) => {
      if (event) events.push({ event, data: JSON.parse(data || '{}') });
    },
  });
  const acting = act();
  const read = async () => {
    for await (const chunk of res.body!.pipeThrough(new TextDecoderStream())) {
      parser.feed(chunk);
      if (done(events)) return;
    }
  };
  // The timer's abort ends a stream that never says enough; the assertions then tell.
  await read().catch((error: unknown) => assert.ok(abort.signal.aborted, String(error)));
  clearTimeout(timer);
  abort.abort();
  await acting;
  return events;
}

describe('role templates: live events over HTTP', () => {
  let mock: MockServer;
  let running: RunningMock;
  before(async () => {
    mock = createMockServer({ preset: 'tenant', simulatePresence: false });
    running = await listen(mock);
  });
  after(() => running.close());

  const send = (method: string, path: string, body?: unknown, headers = {}) =>
    fetch(`${running.url}${path}`, {
      method,
      headers: { Authorization: 'Bearer admin', 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('sends template.created, template.updated (edit and count) and template.removed', async () => {
    let id = '';
    let userId = '';
    const events = await listenWhile(
      running.url,
      'user-manager',
      async () => {
        const created = (await (
          await send('POST', '/role-templates', { name: 'Live one', permissions: {} })
        ).json()) as RoleTemplate;
        id = created.id;
        await send('PATCH', `/role-templates/${id}`, { name: 'Live two' }, { 'If-Match': '"1"' });
        const invited = (await (
          await send('POST', '/invitations', {
            email: 'live-template@example.com',
            role: 'user',
            roleTemplateId: id,
          })
        ).json()) as User;
        userId = invited.id;
        assert.equal((await send('DELETE', `/role-templates/${id}`)).status, 204);
      },
      (seen) => seen.some((e) => e.event === 'user.updated' && e.data['user'] !== undefined),
    );
    const mine = events.filter((e) => e.event.startsWith('template.'));
    assert.deepEqual(
      mine.map((e) => e.event),
      ['template.created', 'template.updated', 'template.updated', 'template.removed'],
    );
    const [created, renamed, counted, removed] = mine.map((e) => e.data);
    assert.equal((created!['template'] as RoleTemplate).name, 'Live one');
    assert.equal((renamed!['template'] as RoleTemplate).name, 'Live two');
    assert.equal((counted!['template'] as RoleTemplate).userCount, 1);
    assert.deepEqual(removed, { templateId: id });
    const detached = events.find((e) => e.event === 'user.updated')!.data['user'] as User;
    assert.equal(detached.id, userId);
    assert.equal(detached.roleTemplateId, null);
  });

  it('sends no template events to a persona who may not list templates', async () => {
    const events = await listenWhile(
      running.url,
      'user',
      async () => {
        await send('POST', '/role-templates', { name: 'Unseen', permissions: {} });
        // Everyone hears `seats`: once it comes, anything sent for the template came before.
        await send('POST', '/invitations', { email: 'after-unseen@example.com', role: 'user' });
      },
      (seen) => seen.some((e) => e.event === 'seats'),
    );
    assert.ok(
      events.some((e) => e.event === 'seats'),
      'the stream was open',
    );
    assert.equal(events.filter((e) => e.event.startsWith('template.')).length, 0);
  });
});
