/** Look-ups without touching the view: addresses for the invite dialog, versions for saves. */
import { expect } from '@open-wc/testing';
import { isRosterHttpError } from '../../src/api/errors.js';
import type { User } from '../../src/api/types.js';
import { checkFresh, loadAll, lookUpEmails } from '../../src/store/index.js';
import type { Lookup } from '../../src/store/index.js';
import { problem } from '../elements/problem.js';
import { clientAs, mockStore } from './mock-helpers.js';
import type { MockOptions, MockServer } from './mock-helpers.js';

/** A loaded store (10 users in view) whose user searches are recorded and can be refused. */
async function setup(mock: MockOptions = { preset: 'workspace' }) {
  const holder: { server?: MockServer } = {};
  const searches: string[] = [];
  const net = { inFlight: 0, most: 0, refuse: (_q: string) => false };
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const q = new URL(request.url).searchParams.get('q');
    if (request.method !== 'GET' || q === null) return holder.server!.fetch(request);
    searches.push(q);
    net.most = Math.max(net.most, ++net.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return net.refuse(q) ? problem('forbidden') : await holder.server!.fetch(request);
    } finally {
      net.inFlight--;
    }
  }) as typeof globalThis.fetch;
  const { server, store } = mockStore(mock, 'owner', { pageSize: 10 }, { fetch });
  holder.server = server;
  await loadAll(store);
  searches.length = 0;
  const inView = new Set(Object.keys(store.$users.get()));
  const all = server.usersAs('owner');
  const outside = (test: (user: User) => boolean) =>
    all.find((user) => !inView.has(user.id) && test(user))!;
  return { server, store, searches, net, all, outside };
}

const sorted = (answers: Map<string, Lookup>) =>
  [...answers].sort(([a], [b]) => a.localeCompare(b));

describe('lookUpEmails', () => {
  it('says member, invited or free for addresses out of the view, by lower-cased address', async () => {
    const { store, outside, searches } = await setup();
    const member = outside((u) => u.status === 'active');
    const pending = outside((u) => u.status === 'invited');
    const answers = await lookUpEmails(store, [
      member.email.toUpperCase(),
      pending.email,
      'nobody@elsewhere.test',
    ]);
    expect(sorted(answers)).to.deep.equal(
      sorted(
        new Map<string, Lookup>([
          [member.email.toLowerCase(), 'member'],
          [pending.email.toLowerCase(), 'invited'],
          ['nobody@elsewhere.test', 'free'],
        ]),
      ),
    );
    // Two addresses of one domain: one search for the domain; the lone one searched exactly.
    expect(searches.sort()).to.deep.equal(['@acme.test', 'nobody@elsewhere.test']);
  });

  it('asks nothing about invalid addresses, repeats, or users in the view', async () => {
    const { store, searches } = await setup();
    const shown = Object.values(store.$users.get())[0]!;
    const answers = await lookUpEmails(store, [
      shown.email,
      'not an email',
      '@only-domain.test',
      'a@b@c.test',
      `${'x'.repeat(250)}@long.test`,
      'Free@Elsewhere.test',
      'free@elsewhere.test',
    ]);
    expect([...answers]).to.deep.equal([['free@elsewhere.test', 'free']]);
    expect(searches).to.deep.equal(['free@elsewhere.test']);
    expect(await lookUpEmails(store, [])).to.have.property('size', 0);
  });

  it('asks nothing when the actor may not view users', async () => {
    const { store, searches } = await setup();
    const me = store.$me.get()!;
    store.$me.set({ ...me, capabilities: { ...me.capabilities, viewUsers: false } });
    expect((await lookUpEmails(store, ['ana@elsewhere.test'])).size).to.equal(0);
    expect(searches).to.deep.equal([]);
  });

  it('searches a crowded domain address by address', async () => {
    const { store, searches, outside } = await setup({ preset: 'workspace', users: 250 });
    const member = outside((u) => u.status === 'active');
    const answers = await lookUpEmails(store, [member.email, 'new.person@acme.test']);
    expect(answers.get(member.email.toLowerCase())).to.equal('member');
    expect(answers.get('new.person@acme.test')).to.equal('free');
    expect(searches[0]).to.equal('@acme.test');
    expect(searches.slice(1).sort()).to.deep.equal([member.email, 'new.person@acme.test'].sort());
  });

  it('makes at most 100 searches, 3 at a time', async () => {
    const { store, searches, net } = await setup();
    const emails = Array.from({ length: 150 }, (_, i) => `p${i}@domain${i}.test`);
    const answers = await lookUpEmails(store, emails);
    expect(searches).to.have.length(100);
    expect(answers.size).to.equal(100);
    expect(net.most).to.equal(3);
  });

  it('reports each search as it comes back, and stops when aborted', async () => {
    const { store, searches } = await setup();
    const abort = new AbortController();
    const reported: string[][] = [];
    const emails = Array.from({ length: 10 }, (_, i) => `p${i}@domain${i}.test`);
    const answers = await lookUpEmails(store, emails, {
      signal: abort.signal,
      onAnswers: (batch) => {
        reported.push([...batch.keys()]);
        abort.abort();
      },
    });
    expect(searches.length, 'the searches already started').to.be.at.most(3);
    expect(reported.flat()).to.deep.equal([...answers.keys()]);
    expect(answers.size).to.be.within(1, 3);
  });

  it('leaves the addresses of a failed search unanswered', async () => {
    const { store, net } = await setup();
    net.refuse = (q) => q.startsWith('refused');
    const answers = await lookUpEmails(store, ['refused@a.test', 'fine@b.test']);
    expect([...answers]).to.deep.equal([['fine@b.test', 'free']]);
    expect(isRosterHttpError(store.$error.get(), 'forbidden'), 'the failure is surfaced').to.be
      .true;
  });
});

describe('checkFresh', () => {
  it('asks nothing about a user in the view', async () => {
    const { store, searches } = await setup();
    const shown = Object.values(store.$users.get())[0]!;
    expect(await checkFresh(store, { ...shown, version: 0 })).to.be.null;
    expect(searches).to.deep.equal([]);
  });

  it("resolves to the server's copy of a user out of the view changed since", async () => {
    const { store, server, outside, searches } = await setup();
    const user = outside((u) => u.status === 'active');
    expect(await checkFresh(store, user)).to.be.null;
    await clientAs(server, 'owner').updateUser(user.id, { name: 'Changed' }, user.version);
    const fresh = await checkFresh(store, user);
    expect(fresh).to.include({ id: user.id, name: 'Changed', version: user.version + 1 });
    expect(searches).to.deep.equal([user.email, user.email]);
    expect(store.$users.get()[user.id], 'the view is untouched').to.be.undefined;
  });

  it('resolves to null for a user removed meanwhile', async () => {
    const { store, server, outside } = await setup();
    const user = outside((u) => u.status === 'active' && u.role !== 'owner');
    await clientAs(server, 'owner').revokeUser(user.id);
    expect(await checkFresh(store, user)).to.be.null;
  });
});
