/**
 * Answers that break the contract: the client and the event stream use them with empty
 * stand-ins (an absent list is empty, an absent permission is "not allowed"), and report each
 * broken field once — as a RosterContractError to `onContractError` and on the console, naming
 * the request, the schema and the field.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createClient } from '../../src/api/client.js';
import type { RosterContractError } from '../../src/api/errors.js';
import { openEventStream } from '../../src/api/events.js';
import type { LiveEvent } from '../../src/api/types.js';
import { makeUser } from '../store/fixtures.js';
import { fakeFetch, json } from './fake-fetch.js';
import { recordConsoleErrors } from './console-errors.js';

const BASE = 'https://api.example.test/api/v1/';

const workspace = {
  id: 'w1',
  name: 'Acme',
  plan: 'pro',
  seats: { used: 3, limit: null },
  features: {
    presence: true,
    roleTemplates: false,
    permissions: false,
    suspension: true,
    reassignOnRevoke: false,
    export: false,
    restrictions: false,
    flags: ['crmAccess'],
    removal: 'revoke',
  },
};

/** A copy of `value` without `key`. */
function without<T extends object>(value: T, key: keyof T): Partial<T> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

/** A client answering every request with `body`, and the breaches it reported. */
function clientAnswering(body: (url: string) => unknown) {
  const breaches: RosterContractError[] = [];
  const fake = fakeFetch((call) => json(body(call.url)));
  const client = createClient({
    baseUrl: BASE,
    fetch: fake.fetch,
    onContractError: (error) => breaches.push(error),
  });
  return { client, breaches };
}

const consoleErrors = recordConsoleErrors();

describe('an answer that breaks the contract', () => {
  it('gets an empty list for an absent one, and says so once, naming the request and field', async () => {
    const { client, breaches } = clientAnswering(() => ({
      ...workspace,
      features: without(workspace.features, 'flags'),
    }));

    const first = await client.getWorkspace();
    expect(first.features.flags).to.deep.equal([]);
    expect(first.features.presence).to.equal(true);
    await client.getWorkspace();

    expect(breaches).to.have.length(1);
    const [breach] = breaches;
    expect(breach!.name).to.equal('RosterContractError');
    expect(breach!.field).to.equal('Workspace.features.flags');
    expect(breach!.expected).to.equal('array');
    expect(breach!.method).to.equal('GET');
    expect(breach!.url).to.equal(`${BASE}workspace`);
    expect(breach!.userMessage).to.equal(
      'Loading the plan and seats failed: the answer breaks the contract: Workspace.features.flags should be array',
    );
    expect(consoleErrors.lines).to.have.length(1);
    expect(consoleErrors.lines[0]).to.include(`GET ${BASE}workspace`);
    expect(consoleErrors.lines[0]).to.include('Workspace.features.flags should be array');
  });

  it('reads an absent or mistyped permission as "not allowed", once per field for a whole page', async () => {
    const users = ['a', 'b', 'c'].map((id) => ({
      ...makeUser(id),
      allowedActions: { ...without(makeUser(id).allowedActions, 'changeRole'), revoke: 'yes' },
    }));
    const { client, breaches } = clientAnswering(() => ({
      items: users,
      nextCursor: null,
      total: 3,
    }));

    const page = await client.listUsers();
    expect(page.items.map((item) => item.allowedActions.changeRole)).to.deep.equal([[], [], []]);
    expect(page.items.map((item) => item.allowedActions.revoke)).to.deep.equal([
      false,
      false,
      false,
    ]);
    // What was right is kept.
    expect(page.items.map((item) => item.allowedActions.edit)).to.deep.equal([true, true, true]);
    expect(breaches.map((breach) => breach.field)).to.deep.equal([
      'UserPage.items[].allowedActions.changeRole',
      'UserPage.items[].allowedActions.revoke',
    ]);
    expect(breaches[1]!.expected).to.equal('boolean');
  });

  it('reports a missing object once and fills all of its fields', async () => {
    const { client, breaches } = clientAnswering(() => without(workspace, 'features'));
    const answer = await client.getWorkspace();
    expect(answer.features).to.deep.equal({
      presence: false,
      roleTemplates: false,
      permissions: false,
      suspension: false,
      reassignOnRevoke: false,
      export: false,
      restrictions: false,
      flags: [],
      removal: '',
    });
    expect(breaches.map((breach) => breach.field)).to.deep.equal(['Workspace.features']);
  });

  it('takes null where the contract allows it, and puts null for a wrong type there', async () => {
    const { client, breaches } = clientAnswering(() => ({
      ...workspace,
      seats: { used: 3, limit: '10' },
    }));
    expect((await client.getWorkspace()).seats).to.deep.equal({ used: 3, limit: null });
    expect(breaches.map((breach) => `${breach.field}: ${breach.expected}`)).to.deep.equal([
      'Workspace.seats.limit: number|null',
    ]);
  });

  it('makes a body that is not an object into an empty one (null, a list, a number)', async () => {
    for (const body of [null, [workspace], 42, 'workspace']) {
      const { client, breaches } = clientAnswering(() => body);
      const answer = await client.getWorkspace();
      expect(answer.features.flags).to.deep.equal([]);
      expect(answer.seats).to.deep.equal({ used: 0, limit: null });
      expect(breaches.map((breach) => breach.field)).to.deep.equal(['Workspace']);
    }
  });

  it('replaces list items that are not objects, and keeps fields it does not know', async () => {
    const { client, breaches } = clientAnswering(() => ({
      items: [null, { ...makeUser('a'), extra: { nested: true } }],
      nextCursor: 7,
      total: 2,
    }));
    const page = await client.listUsers();
    expect(page.items[0]!.allowedActions.changeRole).to.deep.equal([]);
    expect(page.items[1]).to.deep.include({ extra: { nested: true } });
    expect(page.nextCursor).to.equal(null);
    expect(breaches.map((breach) => breach.field)).to.include.members([
      'UserPage.items[].id',
      'UserPage.items[].allowedActions',
      'UserPage.nextCursor',
    ]);
  });

  it('reports nothing for an answer that keeps the contract, extra fields and all', async () => {
    const { client, breaches } = clientAnswering((url) =>
      url.endsWith('/workspace')
        ? { ...workspace, beta: true }
        : { items: [{ ...makeUser('a'), x_tenant: 't1' }], nextCursor: null, total: 1 },
    );
    await client.getWorkspace();
    await client.listUsers();
    expect(breaches).to.deep.equal([]);
    expect(consoleErrors.lines).to.deep.equal([]);
  });
});

describe('a live event that breaks the contract', () => {
  const frame = (id: number, event: string, data: string) =>
    `id: ${id}\nevent: ${event}\ndata: ${data}\n\n`;

  it('is skipped and reported once; the stream goes on with the next events', async () => {
    const breaches: RosterContractError[] = [];
    const events: LiveEvent[] = [];
    const body = [
      frame(1, 'user.updated', JSON.stringify({ person: makeUser('a') })),
      frame(2, 'presence', '{"userId":'),
      frame(3, 'user.updated', JSON.stringify({ person: makeUser('b') })),
      frame(4, 'future.event', '{}'),
      frame(5, 'user.updated', JSON.stringify({ user: makeUser('c') })),
    ].join('');
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode(body)),
    });
    const fake = fakeFetch([
      new Response(stream, { headers: { 'Content-Type': 'text/event-stream' } }),
    ]);
    const client = createClient({ baseUrl: BASE, fetch: fake.fetch });
    const live = openEventStream({
      client,
      onEvent: (event) => events.push(event),
      onGap: () => undefined,
      onContractError: (error) => breaches.push(error),
    });
    await waitUntil(() => events.length === 1, 'the valid event');
    live.close();

    expect(events.map((event) => event.id)).to.deep.equal(['5']);
    expect(breaches.map((breach) => breach.field)).to.deep.equal(['user.updated.user', 'presence']);
    expect(breaches[0]!.url).to.equal(`${BASE}events`);
    expect(consoleErrors.lines).to.have.length(2);
    // Only the one connection: a broken event is no reason to reconnect.
    expect(fake.calls).to.have.length(1);
  });
});
