/**
 * Store behaviour that needs precise control of timing and failures: hand-written answers
 * instead of the mock server.
 */
import { expect, waitUntil } from '@open-wc/testing';
import {
  createRosterStore,
  exportCsv,
  loadMore,
  startLive,
  stopLive,
  resendInvitation,
  revoke,
  search,
  setFilter,
  updateTemplate,
  updateUser,
} from '../../src/store/index.js';
import type { RosterStore } from '../../src/store/index.js';
import type { User } from '../../src/api/types.js';
import { isAbortError } from '../../src/api/errors.js';
import { fakeFetch, json, problem } from '../api/fake-fetch.js';
import type { Call, Step } from '../api/fake-fetch.js';
import { makeUser, makeWorkspace } from './fixtures.js';

function storeWith(handler: (call: Call) => Step): { store: RosterStore; calls: Call[] } {
  const fake = fakeFetch(handler);
  const store = createRosterStore(
    { baseUrl: 'https://api.example.test/v1', fetch: fake.fetch, retry: false, timeout: 200 },
    { pageSize: 2 },
  );
  return { store, calls: fake.calls };
}

function show(store: RosterStore, users: User[]): void {
  store.$users.set(Object.fromEntries(users.map((user) => [user.id, user])));
  store.$order.set(users.map((user) => user.id));
  store.$paging.set({ ...store.$paging.get(), total: users.length });
  store.$workspace.set(makeWorkspace(users.length));
}

const page = (users: User[], nextCursor: string | null = null, total = users.length) =>
  json({ items: users, nextCursor, total });

describe('store (stubbed server)', () => {
  it('keeps $rows the loaded users in order, current right after each change and in their listeners', () => {
    const { store } = storeWith(() => page([]));
    const [a, b] = [makeUser('a'), makeUser('b')];
    const seen: string[][] = [];
    store.$users.listen(() => seen.push(store.$rows.get().map((user) => user.id)));
    show(store, [a, b]);
    expect(store.$rows.get()).to.deep.equal([a, b]);
    store.$order.set(['b', 'missing', 'a']);
    expect(store.$rows.get().map((user) => user.id)).to.deep.equal(['b', 'a']);
    const renamed = { ...a, name: 'Ana' };
    store.$users.setKey('a', renamed);
    expect(store.$rows.get()).to.deep.equal([b, renamed]);
    // A listener of $users reads the rows as they are after the change.
    expect(seen).to.deep.equal([[], ['b', 'a']]);
  });

  it('shows the newest search even when an older answer would arrive later', async () => {
    const { store } = storeWith((call) =>
      new URL(call.url).searchParams.get('q') === 'a'
        ? { delay: 80, response: page([makeUser('stale')]) }
        : { delay: 5, response: page([makeUser('fresh')]) },
    );
    const older = search(store, 'a');
    const newer = search(store, 'ab');
    await Promise.all([older, newer]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(store.$rows.get().map((user) => user.id)).to.deep.equal(['fresh']);
    expect(store.$query.get().q).to.equal('ab');
    expect(store.$paging.get()).to.include({ loading: false, error: null });
    expect(store.$error.get()).to.equal(null);
  });

  it('aborts the older search request when a newer one starts (latest wins, in the store)', async () => {
    const signals: AbortSignal[] = [];
    const fake = fakeFetch((call) =>
      new URL(call.url).searchParams.get('q') === 'an'
        ? { delay: 60, response: page([makeUser('old')]) }
        : { delay: 5, response: page([makeUser('new')]) },
    );
    const store = createRosterStore({
      baseUrl: 'https://api.example.test/v1',
      retry: false,
      fetch: (input, init) => {
        signals.push((init?.signal ?? (input as Request).signal)!);
        return fake.fetch(input, init);
      },
    });
    const older = search(store, 'an');
    const newer = search(store, 'ana');
    await Promise.all([older, newer]);
    expect(signals[0]!.aborted).to.equal(true);
    expect(isAbortError(signals[0]!.reason)).to.equal(true);
    expect(store.$rows.get().map((user) => user.id)).to.deep.equal(['new']);
    expect(store.$error.get()).to.equal(null);
  });

  it('drops a loadMore answer that belongs to a query replaced meanwhile', async () => {
    const { store } = storeWith((call) => {
      const params = new URL(call.url).searchParams;
      if (params.get('cursor')) return { delay: 60, response: page([makeUser('old-page-2')]) };
      return page(
        params.get('role') ? [makeUser('m1', { role: 'manager' })] : [makeUser('a'), makeUser('b')],
        params.get('role') ? null : 'c2',
        3,
      );
    });
    await search(store, '');
    const more = loadMore(store);
    await setFilter(store, { role: 'manager' });
    await more;
    expect(store.$order.get()).to.deep.equal(['m1']);
  });

  it('appends further pages without duplicating a row shifted across the boundary', async () => {
    const { store } = storeWith((call) =>
      new URL(call.url).searchParams.get('cursor')
        ? page([makeUser('b'), makeUser('c')], null, 3)
        : page([makeUser('a'), makeUser('b')], 'c2', 3),
    );
    await search(store, '');
    await loadMore(store);
    expect(store.$order.get()).to.deep.equal(['a', 'b', 'c']);
    expect(store.$paging.get()).to.include({ nextCursor: null, total: 3 });
    await loadMore(store);
  });

  it('shows a role change at once and rolls it back exactly when the server refuses', async () => {
    const { store } = storeWith(() => ({
      delay: 20,
      response: problem(403, 'role_not_assignable'),
    }));
    const user = makeUser('u1', { role: 'agent', flags: { crm: false } });
    show(store, [user]);
    const pending = updateUser(store, 'u1', { role: 'owner', flags: { crm: true } });
    expect(store.$users.get().u1).to.include({ role: 'owner' });
    expect(store.$users.get().u1!.flags).to.deep.equal({ crm: true });
    expect(store.$busy.get()).to.have.property('u1');
    const error = await pending.catch((caught: unknown) => caught);
    expect((error as { code: string }).code).to.equal('role_not_assignable');
    expect(store.$users.get().u1).to.equal(user);
    expect(store.$busy.get()).to.deep.equal({});
    expect(store.$error.get()).to.equal(error);
  });

  it('on 412 reports the conflict with the fresh copy and keeps my change', async () => {
    const theirs = makeUser('u1', { role: 'manager', version: 5 });
    const { store, calls } = storeWith((call) =>
      call.method === 'PATCH' ? problem(412, 'version_conflict') : json(theirs),
    );
    show(store, [makeUser('u1', { version: 4 })]);
    const result = await updateUser(store, 'u1', { name: 'Mine' });
    expect(result).to.deep.equal({ status: 'conflict', mine: { name: 'Mine' }, theirs });
    expect(store.$users.get().u1).to.deep.equal(theirs);
    expect(calls.map((call) => `${call.method} ${new URL(call.url).pathname}`)).to.deep.equal([
      'PATCH /v1/users/u1',
      'GET /v1/users/u1',
    ]);
  });

  it('after an update with an unknown outcome, re-reads the user so the store matches the server', async () => {
    const applied = makeUser('u1', { status: 'suspended', version: 2 });
    const { store } = storeWith((call) =>
      call.method === 'PATCH' ? { hang: true } : json(applied),
    );
    show(store, [makeUser('u1')]);
    const error = await updateUser(store, 'u1', { status: 'suspended' }).catch(
      (caught: Error) => caught,
    );
    expect((error as Error).name).to.equal('RosterTimeoutError');
    expect(store.$users.get().u1).to.deep.equal(applied);
  });

  it('revoke removes the row at once and puts it back at its place on failure', async () => {
    const { store } = storeWith(() => ({ delay: 20, response: problem(409, 'last_owner') }));
    const users = [makeUser('a'), makeUser('b'), makeUser('c')];
    show(store, users);
    const pending = revoke(store, 'b');
    expect(store.$order.get()).to.deep.equal(['a', 'c']);
    expect(store.$paging.get().total).to.equal(2);
    const error = await pending.catch((caught: unknown) => caught);
    expect((error as { code: string }).code).to.equal('last_owner');
    expect(store.$order.get()).to.deep.equal(['a', 'b', 'c']);
    expect(store.$users.get().b).to.equal(users[1]);
    expect(store.$paging.get().total).to.equal(3);
    expect(store.$workspace.get()!.seats.used).to.equal(3);
  });

  it('names the person a failed action was about, so its sentence can be shown as it is', async () => {
    const { store } = storeWith(() => problem(409, 'last_owner'));
    const ana = { ...makeUser('a'), name: 'Ana Lima' };
    const bo = { ...makeUser('b'), name: '', email: 'bo@example.com' };
    show(store, [ana, bo]);
    const failed = (promise: Promise<unknown>) =>
      promise.then(
        () => '',
        (error: { userMessage: string }) => error.userMessage,
      );
    expect(await failed(revoke(store, 'a'))).to.match(/^Removing Ana Lima failed: /);
    expect(await failed(resendInvitation(store, 'b'))).to.match(
      /^Resending the invitation to bo@example.com failed: /,
    );
    expect(await failed(updateUser(store, 'a', { name: 'Ana' }))).to.match(
      /^Saving changes to Ana Lima failed: /,
    );
    store.$templates.set([
      {
        id: 'tpl_1',
        name: 'Support lead',
        description: '',
        permissions: {},
        userCount: 0,
        createdAt: '2025-01-01T00:00:00Z',
        updatedAt: '2025-01-01T00:00:00Z',
        version: 1,
      },
    ]);
    expect(await failed(updateTemplate(store, 'tpl_1', { description: 'x' }))).to.match(
      /^Saving the template Support lead failed: /,
    );
  });

  it('revoke of a user already gone keeps it gone', async () => {
    const { store } = storeWith(() => problem(404, 'not_found'));
    show(store, [makeUser('a'), makeUser('b')]);
    await revoke(store, 'b').catch(() => undefined);
    expect(store.$order.get()).to.deep.equal(['a']);
  });

  it('exportCsv streams chunk by chunk with progress, and a broken stream is an error, not half a file', async () => {
    const chunks = ['email,name\n', 'a@example.com,A\n', 'b@example.com,B\n'];
    const progress: number[] = [];
    const { store, calls } = storeWith(
      () => new Response(new Blob(chunks).stream(), { headers: { 'Content-Type': 'text/csv' } }),
    );
    store.$export.listen((state) => progress.push(state.bytes));
    await setFilter(store, { role: 'agent' }).catch(() => undefined);
    const file = await exportCsv(store);
    expect(await file.text()).to.equal(chunks.join(''));
    expect(progress.at(-1)).to.equal(chunks.join('').length);
    expect(calls.at(-1)!.url).to.contain('/users/export?role=agent');

    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('email\n'));
        controller.error(new TypeError('network error'));
      },
    });
    const { store: failing } = storeWith(() => new Response(broken));
    const error = await exportCsv(failing).catch((caught: Error) => caught);
    expect((error as Error).name).to.equal('RosterNetworkError');
    expect(failing.$export.get()).to.include({ loading: false, error });
  });

  it('resyncs the actor, the workspace and the shown rows when the stream says resync', async () => {
    const me = {
      user: makeUser('me'),
      capabilities: { viewUsers: true, inviteRoles: [], export: true, manageTemplates: false },
    };
    const { store, calls } = storeWith((call) => {
      const path = new URL(call.url).pathname;
      if (path.endsWith('/events')) {
        return new Response('id: 9\nevent: resync\ndata: {}\n\n', {
          headers: { 'Content-Type': 'text/event-stream' },
        });
      }
      if (path.endsWith('/me')) return json(me);
      if (path.endsWith('/workspace')) return json(makeWorkspace(7));
      return page([makeUser('a'), makeUser('b'), makeUser('c')], 'next', 9);
    });
    show(store, [makeUser('a'), makeUser('stale-b'), makeUser('c')]);
    startLive(store);
    await waitUntil(() => store.$order.get().includes('b'), 'page refetched');
    stopLive(store);
    const paths = calls.map((call) => new URL(call.url).pathname + new URL(call.url).search);
    expect(paths).to.include.members(['/v1/me', '/v1/workspace', '/v1/users?sort=name&limit=3']);
    expect(store.$me.get()).to.deep.equal(me);
    expect(store.$workspace.get()!.seats.used).to.equal(7);
    expect(store.$live.get()).to.equal('closed');
  });
});
