/** Every store action against the mock server's handlers in-page: success and error paths. */
import { expect } from '@open-wc/testing';
import { isRosterHttpError } from '../../src/api/errors.js';
import type { RosterHttpError } from '../../src/api/errors.js';
import type { User } from '../../src/api/types.js';
import {
  createTemplate,
  deleteTemplate,
  exportCsv,
  findUsers,
  invite,
  loadAll,
  loadMore,
  reactivate,
  resendInvitation,
  revoke,
  search,
  setFilter,
  setSort,
  suspend,
  updateTemplate,
  updateUser,
} from '../../src/store/index.js';
import type { RosterStore } from '../../src/store/index.js';
import { clientAs, expectStoreMatchesServer, mockStore, requestedUrls } from './mock-helpers.js';
import type { MockServer } from './mock-helpers.js';

/** The loaded users matching a predicate (after showing every status). */
async function pick(store: RosterStore, predicate: (user: User) => boolean): Promise<User> {
  const me = store.$me.get()!.user.id;
  const found = store.$rows.get().find((user) => user.id !== me && predicate(user));
  if (!found) throw new Error('no such user in the first page');
  return found;
}

async function failure(promise: Promise<unknown>): Promise<RosterHttpError> {
  try {
    await promise;
  } catch (error) {
    if (isRosterHttpError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('store actions against the mock server', () => {
  let server: MockServer;
  let store: RosterStore;

  beforeEach(async () => {
    // The seed's ~65 users fill the first page; a high seat limit leaves room to invite.
    ({ server, store } = mockStore({ preset: 'all', seatLimit: 500 }, 'owner', { pageSize: 50 }));
    await loadAll(store);
  });

  it('loadAll loads the actor, workspace, roles, catalog, templates and the first page', () => {
    expect(store.$me.get()!.capabilities.viewUsers).to.equal(true);
    expect(store.$workspace.get()!.seats.used).to.be.greaterThan(0);
    expect(store.$roles.get().map((role) => role.id)).to.include.members([
      'owner',
      'manager',
      'agent',
    ]);
    expect(store.$catalog.get()!.categories.length).to.be.greaterThan(0);
    expect(store.$templates.get()).to.be.an('array');
    expect(store.$rows.get()).to.have.length(store.$order.get().length).and.length.greaterThan(0);
    expect(store.$paging.get()).to.include({ loading: false, error: null });
    expect(store.$load.get()).to.deep.equal({ loading: false, error: null });
  });

  it('loadMore appends the next page until everything is loaded', async () => {
    const { store: paged } = mockStore({ preset: 'all', users: 25 }, 'owner', { pageSize: 20 });
    await loadAll(paged);
    expect(paged.$order.get()).to.have.length(20);
    await loadMore(paged);
    expect(paged.$order.get()).to.have.length(40);
    while (paged.$paging.get().nextCursor) await loadMore(paged);
    expect(paged.$order.get()).to.have.length(paged.$paging.get().total!);
    expect(new Set(paged.$order.get()).size).to.equal(paged.$order.get().length);
  });

  it('search, filters and sort show what the server answers for that query', async () => {
    const someone = await pick(store, () => true);
    await search(store, someone.email.toUpperCase());
    expect(store.$rows.get().map((user) => user.id)).to.include(someone.id);
    expect(store.$query.get().q).to.equal(someone.email.toUpperCase());

    await search(store, '');
    await setFilter(store, { role: 'agent', status: 'active' });
    expect(
      store.$rows.get().every((user) => user.role === 'agent' && user.status === 'active'),
    ).to.equal(true);

    await setFilter(store, { role: null, status: null });
    await setSort(store, '-email');
    const emails = store.$rows.get().map((user) => user.email);
    const verifier = clientAs(server, 'owner');
    const fresh = await verifier.listUsers({ sort: '-email', limit: 50 });
    expect(emails).to.deep.equal(fresh.items.map((user) => user.email));
  });

  it('invite adds each invited user, takes seats, and returns each failure with its code', async () => {
    const seats = store.$workspace.get()!.seats.used;
    const taken = await pick(store, () => true);
    const results = await invite(store, [
      { email: 'new.one@example.com', name: 'New One', role: 'agent' },
      { email: ` ${taken.email.toUpperCase()} `, role: 'agent' },
      { email: 'not-an-email', role: 'agent' },
    ]);
    expect(results.map((result) => result.ok)).to.deep.equal([true, false, false]);
    const [ok, duplicate, invalid] = results;
    if (!ok?.ok || duplicate?.ok !== false || invalid?.ok !== false) throw new Error('unexpected');
    expect(ok.user).to.include({ email: 'new.one@example.com', status: 'invited' });
    expect(store.$users.get()[ok.user.id]).to.deep.equal(ok.user);
    expect(isRosterHttpError(duplicate.error, 'email_taken')).to.equal(true);
    expect(isRosterHttpError(invalid.error, 'validation_failed')).to.equal(true);
    expect((invalid.error as RosterHttpError).fieldErrors.map((error) => error.field)).to.include(
      'email',
    );
    expect(store.$workspace.get()!.seats.used).to.equal(seats + 1);
    expect(store.$error.get()).to.be.oneOf([duplicate.error, invalid.error]);
    await expectStoreMatchesServer(store, clientAs(server, 'owner'));
  });

  it('invite stops at the seat limit and refuses roles the actor may not give', async () => {
    // Two seats left: the limit is set from what the same seed uses.
    const used = (
      await clientAs(mockStore({ preset: 'all', users: 3 }).server, 'owner').getWorkspace()
    ).seats.used;
    const { store: full } = mockStore({ preset: 'all', users: 3, seatLimit: used + 2 }, 'manager');
    await loadAll(full);
    const left = full.$workspace.get()!.seats.limit! - full.$workspace.get()!.seats.used;
    expect(left).to.equal(2);
    const inputs = Array.from({ length: left + 1 }, (_, index) => ({
      email: `seat${index}@example.com`,
      role: 'agent',
    }));
    const results = await invite(full, [...inputs, { email: 'boss@example.com', role: 'owner' }]);
    const codes = results.map((result) =>
      result.ok ? 'ok' : (result.error as RosterHttpError).code,
    );
    expect(codes.filter((code) => code === 'ok')).to.have.length(left);
    expect(codes).to.include('seat_limit_reached');
    expect(codes.at(-1)).to.be.oneOf(['role_not_assignable', 'seat_limit_reached']);
    const roleOnly = await invite(full, [{ email: 'boss2@example.com', role: 'owner' }]);
    expect(roleOnly[0]!.ok).to.equal(false);
  });

  it('an actor who may not invite gets forbidden', async () => {
    const { store: agent } = mockStore({ preset: 'all' }, 'agent');
    await loadAll(agent).catch(() => undefined);
    const [result] = await invite(agent, [{ email: 'x@example.com', role: 'agent' }]);
    expect(result!.ok).to.equal(false);
    if (!result!.ok) expect((result!.error as RosterHttpError).status).to.equal(403);
  });

  it('resendInvitation returns the new expiry; an active user is not_invited', async () => {
    const [sent] = await invite(store, [{ email: 'pending@example.com', role: 'agent' }]);
    if (!sent!.ok) throw sent!.error;
    const resent = await resendInvitation(store, sent!.user.id);
    expect(resent.inviteExpiresAt).to.be.a('string');
    expect(store.$users.get()[resent.id]).to.deep.equal(resent);
    const active = await pick(store, (user) => user.status === 'active' && user.role === 'agent');
    expect((await failure(resendInvitation(store, active.id))).code).to.equal('not_invited');
    await expectStoreMatchesServer(store, clientAs(server, 'owner'));
  });

  it('updateUser, suspend and reactivate save and match the server', async () => {
    const agent = await pick(store, (user) => user.status === 'active' && user.role === 'agent');
    const changed = await updateUser(store, agent.id, { role: 'manager' });
    expect(changed.status).to.equal('ok');
    expect(store.$users.get()[agent.id]!.role).to.equal('manager');
    expect((await suspend(store, agent.id)).status).to.equal('ok');
    expect(store.$users.get()[agent.id]!.status).to.equal('suspended');
    expect((await reactivate(store, agent.id)).status).to.equal('ok');
    expect(store.$users.get()[agent.id]!.status).to.equal('active');
    await expectStoreMatchesServer(store, clientAs(server, 'owner'));
  });

  it('rolls back exactly when the server refuses: self, role not assignable, forbidden', async () => {
    const me = store.$me.get()!.user.id;
    expect((await failure(suspend(store, me))).code).to.equal('cannot_modify_self');
    const { store: manager } = mockStore({ preset: 'all', users: 10 }, 'manager', { pageSize: 50 });
    await loadAll(manager);
    const owner = manager.$rows.get().find((user) => user.role === 'owner')!;
    const agent = manager.$rows
      .get()
      .find((user) => user.role === 'agent' && user.status === 'active')!;
    expect((await failure(updateUser(manager, owner.id, { role: 'agent' }))).status).to.equal(403);
    expect((await failure(updateUser(manager, agent.id, { role: 'owner' }))).code).to.be.oneOf([
      'role_not_assignable',
      'forbidden',
    ]);
    expect((await failure(revoke(manager, owner.id))).status).to.equal(403);
    expect((await failure(updateUser(store, agent.id, { email: 'broken' }))).code).to.equal(
      'validation_failed',
    );
    await expectStoreMatchesServer(store, clientAs(server, 'owner'));
  });

  it('reports a version conflict with both sides and keeps the fresh copy', async () => {
    const agent = await pick(store, (user) => user.status === 'active' && user.role === 'agent');
    const other = clientAs(server, 'owner2');
    const theirs = await other.updateUser(agent.id, { name: 'Changed Elsewhere' }, agent.version);
    const result = await updateUser(store, agent.id, { role: 'manager' });
    expect(result.status).to.equal('conflict');
    if (result.status !== 'conflict') return;
    expect(result.mine).to.deep.equal({ role: 'manager' });
    expect(result.theirs.name).to.equal('Changed Elsewhere');
    expect(result.theirs.version).to.equal(theirs.version);
    expect(store.$users.get()[agent.id]).to.deep.equal(result.theirs);
    // Re-applying mine on top of theirs now works.
    expect((await updateUser(store, agent.id, result.mine)).status).to.equal('ok');
    await expectStoreMatchesServer(store, clientAs(server, 'owner'));
  });

  it('revoke removes the user, frees a seat, reassigns contacts; refusals restore the row', async () => {
    const seats = store.$workspace.get()!.seats.used;
    const [gone, heir] = store.$rows
      .get()
      .filter((user) => user.role === 'agent' && user.status === 'active');
    const bad = await failure(revoke(store, gone!.id, { reassignTo: gone!.id }));
    expect(bad.code).to.equal('validation_failed');
    expect(store.$order.get()).to.include(gone!.id);
    await revoke(store, gone!.id, { reassignTo: heir!.id });
    expect(store.$order.get()).not.to.include(gone!.id);
    expect(store.$workspace.get()!.seats.used).to.equal(seats - 1);
    expect((await failure(revoke(store, gone!.id))).code).to.equal('not_found');
    expect((await failure(revoke(store, store.$me.get()!.user.id))).code).to.equal(
      'cannot_modify_self',
    );
    await expectStoreMatchesServer(store, clientAs(server, 'owner'));
  });

  it('findUsers answers a picker without touching the view', async () => {
    const order = store.$order.get();
    const found = await findUsers(store, 'a', { status: 'active', limit: 5 });
    expect(found.length).to.be.within(1, 5);
    expect(store.$order.get()).to.equal(order);
  });

  it('exportCsv streams the CSV of the current query into one file', async () => {
    await setFilter(store, { role: 'agent' });
    const file = await exportCsv(store);
    expect(file.type).to.equal('text/csv;charset=utf-8');
    const text = await file.text();
    const lines = text.trim().split(/\r?\n/);
    expect(lines.length).to.equal(store.$paging.get().total! + 1);
    expect(store.$export.get()).to.include({ loading: false, error: null, bytes: file.size });
  });

  it('exportCsv by an actor without the export permission fails with forbidden', async () => {
    const { store: restricted } = mockStore({ preset: 'all' }, 'manager-restricted');
    await loadAll(restricted).catch(() => undefined);
    const error = await failure(exportCsv(restricted));
    expect(error.code).to.equal('forbidden');
    expect(restricted.$export.get().error).to.equal(error);
    expect(error.userMessage).to.match(/^Exporting users failed: /);
  });

  it('creates, updates and deletes role templates', async () => {
    const template = await createTemplate(store, {
      name: 'Support lead',
      permissions: { conversations: ['view', 'edit'] },
    });
    expect(store.$templates.get().map((t) => t.id)).to.include(template.id);
    const renamed = await updateTemplate(store, template.id, { name: 'Senior support lead' });
    expect(renamed.name).to.equal('Senior support lead');
    expect(store.$templates.get().find((t) => t.id === template.id)).to.deep.equal(renamed);
    await deleteTemplate(store, template.id);
    expect(store.$templates.get().map((t) => t.id)).not.to.include(template.id);
    expect((await failure(deleteTemplate(store, template.id))).code).to.equal('not_found');
    expect((await failure(createTemplate(store, { name: '', permissions: {} }))).code).to.equal(
      'validation_failed',
    );
    const fresh = await clientAs(server, 'owner').listTemplates();
    expect(store.$templates.get()).to.deep.equal(fresh);
  });

  it('a 401 for unknown credentials surfaces as unauthenticated', async () => {
    const { store: stranger } = mockStore({ preset: 'all' }, 'nobody');
    const error = await failure(loadAll(stranger));
    expect(error.code).to.equal('unauthenticated');
    expect(stranger.$load.get().error).to.equal(error);
  });

  it('no request of this suite carried credentials in its URL', () => {
    expect(requestedUrls.length).to.be.greaterThan(50);
    for (const url of requestedUrls) {
      const parsed = new URL(url);
      expect(parsed.username + parsed.password).to.equal('');
      for (const key of parsed.searchParams.keys()) {
        expect(key.toLowerCase()).not.to.match(/token|auth|key|secret|password|bearer/);
      }
      expect(url).not.to.match(/bearer/i);
    }
  });
});
