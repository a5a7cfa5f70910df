/** Live updates from the mock server's event stream, in-page: patching, ref-count, replay. */
import { expect, waitUntil } from '@open-wc/testing';
import { createClient } from '../../src/api/client.js';
import { createMockServer } from '../../src/mock/index.js';
import { createRosterStore, loadAll, startLive, stopLive } from '../../src/store/index.js';
import { BASE_URL, clientAs, cuttable } from './mock-helpers.js';

/**
 * A fetch over the mock whose event stream the test can cut (as a dropped connection) and
 * whose reconnection it can hold back until it has changed things meanwhile.
 */
function cuttableFetch(server: ReturnType<typeof createMockServer>) {
  const state = {
    cut: undefined as (() => void) | undefined,
    hold: undefined as Promise<void> | undefined,
    eventRequests: [] as Request[],
    meRequests: 0,
  };
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (path.endsWith('/me')) state.meRequests++;
    if (!path.endsWith('/events')) return server.fetch(request);
    state.eventRequests.push(request);
    if (state.hold) await state.hold;
    const stream = cuttable(await server.fetch(request));
    state.cut = stream.cut;
    return stream.response;
  }) as typeof fetch;
  return { fetch: fetchImpl, state };
}

describe('live updates from the mock server', () => {
  it('patches the store as another admin changes users, and stops when released', async () => {
    const server = createMockServer({
      preset: 'all',
      users: 10,
      latency: 0,
      seed: 5,
      simulatePresence: false,
    });
    const store = createRosterStore(clientAs(server, 'owner'), {
      pageSize: 50,
      live: { backoff: 5, maxBackoff: 20 },
    });
    await loadAll(store);
    startLive(store);
    startLive(store);
    await waitUntil(() => store.$live.get() === 'open', 'open');

    const other = clientAs(server, 'owner2');
    const seats = store.$workspace.get()!.seats.used;
    const created = await other.invite({
      email: 'zed.live@example.com',
      name: 'Zed Live',
      role: 'agent',
    });
    await waitUntil(() => store.$users.get()[created.id] !== undefined, 'user.created applied');
    await waitUntil(() => store.$workspace.get()!.seats.used === seats + 1, 'seats applied');

    const renamed = await other.updateUser(created.id, { name: 'Zed Renamed' }, created.version);
    await waitUntil(
      () => store.$users.get()[created.id]?.name === 'Zed Renamed',
      'user.updated applied',
    );
    expect(store.$users.get()[created.id]!.version).to.equal(renamed.version);

    const order = store.$order.get();
    await other.revokeUser(created.id);
    await waitUntil(() => !store.$order.get().includes(created.id), 'user.removed applied');
    expect(store.$order.get()).to.have.length(order.length - 1);

    stopLive(store);
    expect(store.$live.get()).to.equal('open');
    stopLive(store);
    expect(store.$live.get()).to.equal('closed');
  });

  it('reconnects after a dropped stream and replays what it missed with Last-Event-ID', async () => {
    const server = createMockServer({
      preset: 'all',
      users: 10,
      latency: 0,
      seed: 6,
      simulatePresence: false,
    });
    const wire = cuttableFetch(server);
    const client = createClient({
      baseUrl: BASE_URL,
      fetch: wire.fetch,
      getHeaders: () => ({ Authorization: 'Bearer owner' }),
    });
    const store = createRosterStore(client, { pageSize: 50, live: { backoff: 5, maxBackoff: 20 } });
    await loadAll(store);
    startLive(store);
    await waitUntil(() => store.$live.get() === 'open', 'open');

    const other = clientAs(server, 'owner2');
    const first = await other.invite({ email: 'before.cut@example.com', role: 'agent' });
    await waitUntil(() => store.$users.get()[first.id] !== undefined, 'first event received');
    const meRequests = wire.state.meRequests;

    let release!: () => void;
    wire.state.hold = new Promise((resolve) => (release = resolve));
    wire.state.cut!();
    await waitUntil(() => store.$live.get() === 'reconnecting', 'reconnecting');
    const missed = await other.invite({ email: 'during.cut@example.com', role: 'agent' });
    wire.state.hold = undefined;
    release();

    await waitUntil(() => store.$users.get()[missed.id] !== undefined, 'missed event replayed');
    const resumed = wire.state.eventRequests.at(-1)!;
    expect(resumed.headers.get('Last-Event-ID')).to.be.a('string').and.not.equal('');
    expect(wire.state.meRequests, 'replayed, no full resync needed').to.equal(meRequests);
    stopLive(store);
  });
});
