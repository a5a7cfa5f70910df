/**
 * A real lost-and-recovered live connection: the table's event stream is dropped on the wire
 * (not by setting `$live` by hand), its reconnection attempts fail for a while, then the
 * network comes back and the reader's own backoff reconnects it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import { createMockServer } from '../../../src/mock/index.js';
import type { RosterStore } from '../../../src/store/index.js';
import { createRosterStore } from '../../../src/store/index.js';
import { clientAs, cuttable } from '../../store/mock-helpers.js';
import type { MockServer } from '../../store/mock-helpers.js';
import { $, rowOf, rows, settledTable, track, until } from './helpers.js';

/**
 * A fetch over the mock whose event stream can be cut (the body errors like a dropped
 * connection) and whose `/events` requests fail as a network error while it is down.
 */
function flakyEvents(server: MockServer) {
  const state = {
    down: false,
    cuts: [] as (() => void)[],
    eventRequests: 0,
    failedEventRequests: 0,
  };
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (!new URL(request.url).pathname.endsWith('/events')) return server.fetch(request);
    state.eventRequests++;
    if (state.down) {
      state.failedEventRequests++;
      throw new TypeError('Failed to fetch');
    }
    const stream = cuttable(await server.fetch(request));
    state.cuts.push(stream.cut);
    return stream.response;
  }) as typeof fetch;
  /** Drops every open stream and refuses new ones until {@link restore}. */
  const drop = () => {
    state.down = true;
    for (const cut of state.cuts.splice(0)) cut();
  };
  const restore = () => {
    state.down = false;
  };
  return { fetch: fetchImpl, state, drop, restore };
}

async function mountFlaky(): Promise<{
  el: UsersTable;
  store: RosterStore;
  server: MockServer;
  wire: ReturnType<typeof flakyEvents>;
}> {
  const server = track(
    createMockServer({ preset: 'workspace', latency: 0, seed: 7, simulatePresence: false }),
  );
  const wire = flakyEvents(server);
  const store = createRosterStore(clientAs(server, 'owner', { fetch: wire.fetch }), {
    pageSize: 25,
    live: { backoff: 10, maxBackoff: 40 },
  });
  const el = await fixture<UsersTable>(html`<users-table .store=${store}></users-table>`);
  await settledTable(el, store);
  await until(el, () => store.$live.get() === 'open', 'live stream open');
  return { el, store, server, wire };
}

const statusText = (el: UsersTable) => $(el, '[part="live-status"]')!.textContent!.trim();

describe('<users-table> live connection', () => {
  it('says discreetly when the event stream is lost, and recovers by itself with the changes made meanwhile', async () => {
    const started = performance.now();
    const { el, store, server, wire } = await mountFlaky();
    const loaded = store.$rows.get().map((user) => user.id);
    const firstShown = rows(el)[0]!.dataset.id;
    expect(loaded.length).to.be.greaterThan(0);
    expect(statusText(el)).to.equal('');
    expect(server.openStreams).to.equal(1);

    // The connection drops; reconnection attempts fail while the network is down.
    wire.drop();
    await until(el, () => store.$live.get() === 'reconnecting', 'reconnecting');
    await until(el, () => wire.state.failedEventRequests >= 2, 'retried with backoff');
    expect(store.$live.get()).to.equal('reconnecting');

    const status = $(el, '[part="live-status"]')!;
    expect(status.getAttribute('role')).to.equal('status');
    expect(statusText(el)).to.equal('Live updates interrupted — reconnecting…');
    // Discreet: no alert, no toast, no error state; the rows stay as they were.
    expect($(el, '[part="alert"]')).to.equal(null);
    expect($(el, '[role="alert"]')).to.equal(null);
    expect($(el, '[part="toast"]')!.textContent!.trim()).to.equal('');
    expect($(el, '[part="state"]')).to.equal(null);
    expect(store.$error.get()).to.equal(null);
    // (The table may have fetched a further page meanwhile: what was shown stays, in order.)
    expect(
      store.$rows
        .get()
        .map((user) => user.id)
        .slice(0, loaded.length),
    ).to.deep.equal(loaded);
    expect(rows(el).length).to.be.greaterThan(0);
    expect(rows(el)[0]!.dataset.id).to.equal(firstShown);
    expect(rows(el).every((row) => loaded.includes(row.dataset.id!))).to.equal(true);
    await expect(el).to.be.accessible();

    // Another owner invites someone while this table is offline.
    const elsewhere = clientAs(server, 'owner2');
    const invited = await elsewhere.invite({
      email: 'aaron.offline@acme.test',
      name: 'Aaron Offline',
      role: 'agent',
    });

    // The network comes back: the reader reconnects on its own, the message goes away.
    wire.restore();
    await until(el, () => store.$live.get() === 'open', 'reconnected');
    expect(statusText(el)).to.equal('');
    expect(server.openStreams).to.equal(1);
    // What was missed during the outage is caught up (replay or resync), without a reload.
    await until(el, () => rowOf(el, invited.id) !== null, 'missed invitation shown');
    expect(rowOf(el, invited.id)!.textContent).to.contain('Aaron Offline');

    // And a change made elsewhere after the recovery arrives live.
    const agent = rows(el)
      .map((row) => store.$users.get()[row.dataset.id!]!)
      .find((user) => user.role === 'agent' && user.status === 'active')!;
    expect(agent, 'a shown agent').to.not.equal(undefined);
    expect(rowOf(el, agent.id)!.textContent).to.contain('Agent');
    await elsewhere.updateUser(agent.id, { role: 'manager' }, agent.version);
    await until(
      el,
      () => rowOf(el, agent.id)?.textContent?.includes('Manager') === true,
      'role change shown',
    );
    expect(store.$users.get()[agent.id]!.role).to.equal('manager');
    expect(rowOf(el, agent.id)!.textContent).not.to.contain('Agent');
    expect(statusText(el)).to.equal('');
    expect($(el, '[part="alert"]')).to.equal(null);
    expect($(el, '[part="toast"]')!.textContent!.trim()).to.equal('');
    expect(performance.now() - started, 'fast').to.be.below(5000);
  });
});
