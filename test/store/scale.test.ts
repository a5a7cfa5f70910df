/**
 * The two big checks of the shared layer: a long run of mixed actions against a server that
 * fails 30% of requests ends with the store equal to the server and every failure surfaced;
 * and a server holding 100,000 users leaves the store holding only what the view loaded.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createClient } from '../../src/api/client.js';
import { isRosterError } from '../../src/api/errors.js';
import type { RosterError } from '../../src/api/errors.js';
import type { Sort, UserStatus } from '../../src/api/types.js';
import { createMockServer } from '../../src/mock/index.js';
import {
  createRosterStore,
  invite,
  loadAll,
  loadMore,
  reactivate,
  resendInvitation,
  revoke,
  search,
  setFilter,
  setSort,
  startLive,
  stopLive,
  suspend,
  updateUser,
} from '../../src/store/index.js';
import type { RosterStore } from '../../src/store/index.js';
import { BASE_URL, clientAs, expectStoreMatchesServer, settled } from './mock-helpers.js';

/** A small seeded PRNG (mulberry32), so the run is the same every time. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One request the run sent (outside the event stream) and how the wire answered it. */
interface Sent {
  method: string;
  url: string;
  outcome: 'answered' | 'failed' | 'hung' | 'superseded';
}

describe('under a failing server', () => {
  for (const live of [false, true]) {
    it(`500 mixed actions at fail-rate 0.3 end equal to the server, every failure surfaced (${live ? 'with' : 'without'} live updates)`, async function () {
      this.timeout(60_000);
      await chaosRun(live);
    });
  }
});

/**
 * The scripted run: 500 seeded-random actions of every kind as `owner`, the mock failing 30%
 * of requests (500 or no answer), then the store compared with fresh reads of the server.
 */
async function chaosRun(live: boolean): Promise<void> {
  const server = createMockServer({
    preset: 'all',
    // The seed's ~65 users, and seats to spare for the run's invitations.
    seatLimit: 150,
    failRate: 0.3,
    latency: 0,
    seed: 42,
    simulatePresence: false,
  });
  const sent: Sent[] = [];
  const wire = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname.endsWith('/events')) return server.fetch(request);
    const record: Sent = { method: request.method, url: request.url, outcome: 'hung' };
    sent.push(record);
    request.signal.addEventListener('abort', () => {
      if (String(request.signal.reason).includes('Superseded')) record.outcome = 'superseded';
    });
    const response = await server.fetch(request);
    if (record.outcome === 'hung') record.outcome = response.status >= 500 ? 'failed' : 'answered';
    return response;
  }) as typeof fetch;
  const client = createClient({
    baseUrl: BASE_URL,
    fetch: wire,
    getHeaders: () => ({ Authorization: 'Bearer owner' }),
    timeout: 150,
    retry: { limit: 2, backoff: 1, maxDelay: 5 },
  });
  const store = createRosterStore(client, { pageSize: 15, live: { backoff: 5, maxBackoff: 20 } });
  const surfaced: RosterError[] = [];
  store.$error.listen((error) => error && surfaced.push(error));
  if (live) startLive(store);

  const rand = random(7);
  const pickOf = <T>(items: readonly T[]): T | undefined =>
    items[Math.floor(rand() * items.length)];
  const others = () =>
    store.$rows
      .get()
      .filter((user) => user.id !== store.$me.get()?.user.id && user.role !== 'owner');
  const sorts: Sort[] = ['name', '-name', 'email', '-lastActiveAt', 'role', 'status'];
  const statuses: (UserStatus | null)[] = [null, null, 'active', 'invited', 'suspended'];
  let failedActions = 0;

  for (let step = 0; step < 500; step++) {
    const target = pickOf(others());
    const roll = rand();
    try {
      if (roll < 0.06 || !store.$me.get()) await loadAll(store);
      else if (roll < 0.16) await search(store, pickOf(['', '', 'a', 'e', 'user', 'zz'])!);
      else if (roll < 0.24)
        await setFilter(store, {
          status: pickOf(statuses)!,
          role: pickOf([null, null, 'agent', 'manager'])!,
        });
      else if (roll < 0.3) await setSort(store, pickOf(sorts)!);
      else if (roll < 0.4) await loadMore(store);
      else if (roll < 0.55) {
        const inputs = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
          email: rand() < 0.15 ? 'bad-address' : `run${Math.floor(rand() * 400)}@example.com`,
          role: pickOf(['agent', 'manager'])!,
        }));
        if ((await invite(store, inputs)).some((result) => !result.ok)) failedActions++;
      } else if (target && roll < 0.68) {
        await updateUser(store, target.id, {
          role: target.role === 'agent' ? 'manager' : 'agent',
        });
      } else if (target && roll < 0.78) {
        await (target.status === 'suspended'
          ? reactivate(store, target.id)
          : suspend(store, target.id));
      } else if (target && roll < 0.84) {
        await resendInvitation(store, target.id);
      } else if (target) {
        const heir = pickOf(
          others().filter((user) => user.id !== target.id && user.status === 'active'),
        );
        await revoke(store, target.id, rand() < 0.5 && heir ? { reassignTo: heir.id } : {});
      }
    } catch (error) {
      expect(isRosterError(error), String(error)).to.equal(true);
      failedActions++;
    }
  }

  // Every injected failure (a 5xx or a hung request) must have been surfaced as an error for
  // that request, or be the re-read of a user after a surfaced failed write to that user.
  const injected = sent.filter(
    (request) => request.outcome === 'failed' || request.outcome === 'hung',
  );
  const surfacedKeys = new Set(surfaced.map((error) => `${error.method} ${error.url}`));
  const failedWrites = surfaced
    .filter((error) => error.method !== 'GET')
    .map((error) => new URL(error.url).pathname);
  const swallowed = injected.filter(
    (request) =>
      !surfacedKeys.has(`${request.method} ${request.url}`) &&
      !(
        request.method === 'GET' &&
        failedWrites.some((path) => path.startsWith(new URL(request.url).pathname))
      ),
  );
  console.log(
    `chaos run (live ${live}): ${sent.length} requests, ${injected.length} injected failures, ${surfaced.length} errors surfaced, ` +
      `${failedActions} actions failed, ${swallowed.length} swallowed`,
  );
  expect(injected.length).to.be.greaterThan(50);
  expect(swallowed, 'failures nobody was told about').to.deep.equal([]);

  // Let the live stream catch up, then compare with the server's own answers.
  if (live) {
    await waitUntil(() => store.$live.get() === 'open', 'live stream reopened', {
      timeout: 5000,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const verifier = clientAs(server, 'owner', { timeout: 150 });
  await expectStoreMatchesServer(store, verifier);
  const fresh = await settled(() => verifier.listUsers({ ...queryOf(store), limit: 1 }));
  expect(store.$paging.get().total, 'total of the current query').to.equal(fresh.total);
  if (live) stopLive(store);
  server.close();
}

function queryOf(store: RosterStore) {
  const query = store.$query.get();
  return {
    q: query.q || undefined,
    role: query.role ?? undefined,
    status: query.status ?? undefined,
    sort: query.sort,
  };
}

describe('with 100,000 users on the server', () => {
  it('the store holds only the pages the view loaded', async function () {
    this.timeout(60_000);
    const server = createMockServer({
      preset: 'all',
      users: 100_000,
      latency: 0,
      seed: 3,
      simulatePresence: false,
    });
    const store = createRosterStore(clientAs(server, 'owner'), { pageSize: 50 });
    await loadAll(store);
    await loadMore(store);
    await loadMore(store);
    expect(store.$paging.get().total).to.be.greaterThan(100_000);
    expect(store.$order.get()).to.have.length(150);
    expect(Object.keys(store.$users.get())).to.have.length(150);
    expect(store.$rows.get()).to.have.length(150);

    // A new search replaces what was loaded: memory follows the view, not the server.
    await search(store, 'a');
    expect(Object.keys(store.$users.get()).length).to.be.at.most(50);
    const bytes = JSON.stringify(store.$users.get()).length;
    expect(bytes).to.be.below(200_000);
    server.close();
  });
});
