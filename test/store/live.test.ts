import { expect } from '@open-wc/testing';
import { applyEvent, createRosterStore } from '../../src/store/index.js';
import type { RosterStore } from '../../src/store/index.js';
import { fakeFetch } from '../api/fake-fetch.js';
import { makeUser, makeWorkspace } from './fixtures.js';

/** A store showing users a, c, e (sorted by name) with more pages to come. */
function storeShowing(nextCursor: string | null): RosterStore {
  const store = createRosterStore({
    baseUrl: 'https://api.example.test/v1',
    fetch: fakeFetch([]).fetch,
  });
  const users = ['a', 'c', 'e'].map((id) => makeUser(id));
  store.$users.set(Object.fromEntries(users.map((user) => [user.id, user])));
  store.$order.set(users.map((user) => user.id));
  store.$paging.set({ ...store.$paging.get(), nextCursor, total: 10 });
  store.$workspace.set(makeWorkspace(3, 5));
  return store;
}

describe('live events patch the store in place', () => {
  it('a presence event replaces one user object and leaves the list alone', () => {
    const store = storeShowing('next');
    const before = store.$users.get();
    const order = store.$order.get();
    applyEvent(store, {
      id: '1',
      type: 'presence',
      data: { userId: 'c', online: true, lastActiveAt: '2026-02-02T00:00:00Z' },
    });
    const after = store.$users.get();
    expect(after.c).to.include({ online: true, lastActiveAt: '2026-02-02T00:00:00Z' });
    expect(after.a).to.equal(before.a);
    expect(after.e).to.equal(before.e);
    expect(store.$order.get()).to.equal(order);
  });

  it('ignores presence of a user the view does not show', () => {
    const store = storeShowing('next');
    const before = store.$users.get();
    applyEvent(store, {
      id: '1',
      type: 'presence',
      data: { userId: 'zz', online: true, lastActiveAt: null },
    });
    expect(store.$users.get()).to.equal(before);
  });

  it('user.created joins at its sorted place, or waits for loadMore past the loaded rows', () => {
    const store = storeShowing('next');
    applyEvent(store, { id: '2', type: 'user.created', data: { user: makeUser('b') } });
    expect(store.$order.get()).to.deep.equal(['a', 'b', 'c', 'e']);
    applyEvent(store, { id: '3', type: 'user.created', data: { user: makeUser('z') } });
    expect(store.$order.get()).to.deep.equal(['a', 'b', 'c', 'e']);
    expect(store.$paging.get().total).to.equal(12);

    applyEvent(store, { id: '3b', type: 'user.created', data: { user: makeUser('z') } });
    expect(store.$paging.get().total, 'a second notice of the same user is not counted').to.equal(
      12,
    );

    const complete = storeShowing(null);
    applyEvent(complete, { id: '4', type: 'user.created', data: { user: makeUser('z') } });
    expect(complete.$order.get()).to.deep.equal(['a', 'c', 'e', 'z']);
  });

  it('user.created outside the current filter is not shown', () => {
    const store = storeShowing(null);
    store.$query.set({ ...store.$query.get(), role: 'manager' });
    applyEvent(store, {
      id: '2',
      type: 'user.created',
      data: { user: makeUser('b', { role: 'agent' }) },
    });
    expect(store.$order.get()).to.deep.equal(['a', 'c', 'e']);
    expect(store.$paging.get().total).to.equal(10);
  });

  it('user.updated replaces, user.removed deletes from map and order, seats update the workspace', () => {
    const store = storeShowing('next');
    applyEvent(store, {
      id: '5',
      type: 'user.updated',
      data: { user: makeUser('c', { role: 'manager', version: 2 }) },
    });
    expect(store.$users.get().c).to.include({ role: 'manager', version: 2 });
    applyEvent(store, { id: '6', type: 'user.removed', data: { userId: 'c' } });
    expect(store.$order.get()).to.deep.equal(['a', 'e']);
    expect(store.$users.get()).not.to.have.property('c');
    expect(store.$paging.get().total).to.equal(9);
    applyEvent(store, { id: '7', type: 'seats', data: { used: 4, limit: 5 } });
    expect(store.$workspace.get()!.seats).to.deep.equal({ used: 4, limit: 5 });
  });

  it('$rows follows the map and the order', () => {
    const store = storeShowing('next');
    expect(store.$rows.get().map((user) => user.id)).to.deep.equal(['a', 'c', 'e']);
    applyEvent(store, { id: '8', type: 'user.removed', data: { userId: 'a' } });
    expect(store.$rows.get().map((user) => user.id)).to.deep.equal(['c', 'e']);
  });
});
