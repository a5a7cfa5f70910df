/**
 * The store's side of inactive accounts and bulk actions: the `inactive` filter in the view
 * query (sent on every page and the export, applied to users the live stream brings), and
 * batches of writes that keep only a few requests in flight.
 */
import { expect } from '@open-wc/testing';
import {
  applyEvent,
  createRosterStore,
  exportCsv,
  loadMore,
  setFilter,
} from '../../src/store/index.js';
import { BATCH_CONCURRENCY, inBatches } from '../../src/store/mutations.js';
import type { RosterStore } from '../../src/store/index.js';
import { fakeFetch, json } from '../api/fake-fetch.js';
import type { Call, Step } from '../api/fake-fetch.js';
import { makeUser } from './fixtures.js';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

function storeWith(handler: (call: Call) => Step): { store: RosterStore; calls: Call[] } {
  const fake = fakeFetch(handler);
  const store = createRosterStore(
    { baseUrl: 'https://api.example.test/v1', fetch: fake.fetch, retry: false, timeout: 500 },
    { pageSize: 2 },
  );
  return { store, calls: fake.calls };
}

const params = (call: Call | undefined) => new URL(call!.url).searchParams;

describe('store: the inactive filter', () => {
  it('sends inactive with the other filters on the first page, further pages and the export', async () => {
    const { store, calls } = storeWith((call) =>
      new URL(call.url).pathname.endsWith('/export')
        ? new Response('ID,Email\n', { headers: { 'Content-Type': 'text/csv' } })
        : json({ items: [makeUser('a'), makeUser('b')], nextCursor: 'c2', total: 3 }),
    );
    store.$query.set({ ...store.$query.get(), q: 'an', status: 'active' });
    await setFilter(store, { inactive: 90 });
    expect(store.$query.get().inactive).to.equal(90);
    const first = params(calls.at(-1));
    expect(first.get('inactive')).to.equal('90');
    expect(first.get('q')).to.equal('an');
    expect(first.get('status')).to.equal('active');
    await loadMore(store);
    expect(params(calls.at(-1)).get('inactive')).to.equal('90');
    expect(params(calls.at(-1)).get('cursor')).to.equal('c2');
    await exportCsv(store);
    const exported = params(calls.at(-1));
    expect(exported.get('inactive')).to.equal('90');
    expect(exported.get('q')).to.equal('an');
    await setFilter(store, { inactive: 'never' });
    expect(params(calls.at(-1)).get('inactive')).to.equal('never');
    await setFilter(store, { inactive: null });
    expect(params(calls.at(-1)).has('inactive')).to.equal(false);
  });

  it('a user the live stream brings joins an inactive view only when inactive that long', async () => {
    const { store } = storeWith(() => json({ items: [], nextCursor: null, total: 0 }));
    await setFilter(store, { inactive: 30 });
    const created = (id: string, over: Partial<ReturnType<typeof makeUser>>) =>
      applyEvent(store, { id, type: 'user.created', data: { user: makeUser(id, over) } });
    created('fresh', { lastActiveAt: ago(2), lastLoginAt: ago(2) });
    created('stale', { lastActiveAt: ago(45), lastLoginAt: ago(60) });
    created('login-only', { lastActiveAt: null, lastLoginAt: ago(40) });
    created('invited', { status: 'invited' });
    expect(
      store.$rows
        .get()
        .map((u) => u.id)
        .sort(),
    ).to.deep.equal(['invited', 'login-only', 'stale']);
    await setFilter(store, { inactive: 'never' });
    created('signed-in-long-ago', { lastActiveAt: ago(400), lastLoginAt: ago(400) });
    created('never', { status: 'active' });
    expect(store.$rows.get().map((u) => u.id)).to.deep.equal(['never']);
  });
});

describe('store: inBatches', () => {
  it(`keeps at most ${BATCH_CONCURRENCY} in flight and answers in item order`, async () => {
    let running = 0;
    let most = 0;
    const items = Array.from({ length: 1000 }, (_, i) => i);
    const results = await inBatches(items, async (item) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, item % 3));
      running--;
      return item * 2;
    });
    expect(most).to.equal(BATCH_CONCURRENCY);
    expect(results).to.deep.equal(items.map((item) => item * 2));
    expect(await inBatches([], async () => 1)).to.deep.equal([]);
  });
});
