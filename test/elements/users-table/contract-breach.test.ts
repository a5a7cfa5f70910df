/**
 * A backend that breaks the contract, one rule at a time: a proxy in front of the mock server
 * removes or mistypes one field of one answer (or of one live event). Each time `<users-table>`
 * fires one clear `roster-error` naming the field, and the rest of the screen still works.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { RosterContractError } from '../../../src/api/errors.js';
import type { User } from '../../../src/api/types.js';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import type { RosterErrorEvent } from '../../../src/events.js';
import { createMockServer } from '../../../src/mock/index.js';
import { createRosterStore } from '../../../src/store/index.js';
import type { RosterStore } from '../../../src/store/index.js';
import { clientAs } from '../../store/mock-helpers.js';
import type { MockServer } from '../../store/mock-helpers.js';
import { $, headers, openMenu, rowOf, rows, settledTable, track, until } from './helpers.js';
import { recordConsoleErrors } from '../../api/console-errors.js';

type Json = Record<string, unknown>;

/** One broken rule: which answer (path end) or event it breaks, and how. */
interface Rule {
  path?: string;
  event?: string;
  breakIt: (body: Json) => unknown;
}

/** The part of `GET /users` items that carries each user's permissions. */
const eachUser = (body: Json, change: (user: Json) => void) => {
  for (const user of body['items'] as Json[]) change(user);
  return body;
};

/** Reads SSE frames from a stream and passes each to `edit` (which may rewrite it). */
function editFrames(body: ReadableStream<Uint8Array>, edit: (frame: string) => string) {
  let buffered = '';
  // lib.dom types TextDecoderStream's writable side too narrowly for a byte stream.
  const decoder = new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>;
  return body.pipeThrough(decoder).pipeThrough(
    new TransformStream<string, Uint8Array>({
      transform(chunk, controller) {
        buffered += chunk;
        const frames = buffered.split('\n\n');
        buffered = frames.pop()!;
        for (const frame of frames)
          controller.enqueue(new TextEncoder().encode(`${edit(frame)}\n\n`));
      },
    }),
  );
}

/** A fetch over the mock that breaks `rule` in the first answer or event it applies to. */
function breaking(server: MockServer, rule: Rule): typeof fetch {
  let broken = false;
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const response = await server.fetch(request);
    const path = new URL(request.url).pathname;
    if (rule.event && path.endsWith('/events') && response.body) {
      const body = editFrames(response.body, (frame) => {
        if (broken || !frame.includes(`event: ${rule.event}\n`)) return frame;
        broken = true;
        return frame.replace(/^data: (.*)$/m, (_, data: string) => {
          const changed = rule.breakIt(JSON.parse(data) as Json);
          return `data: ${typeof changed === 'string' ? changed : JSON.stringify(changed)}`;
        });
      });
      return new Response(body, { status: response.status, headers: response.headers });
    }
    if (broken || request.method !== 'GET' || !rule.path || !path.endsWith(rule.path))
      return response;
    broken = true;
    const changed = rule.breakIt((await response.json()) as Json);
    return new Response(JSON.stringify(changed), {
      status: response.status,
      headers: response.headers,
    });
  }) as typeof fetch;
}

/** A table over the mock behind a breaking proxy, and the `roster-error`s it fired. */
async function mountBroken(rule: Rule) {
  const server = track(createMockServer({ latency: 0, seed: 3, simulatePresence: false }));
  const store = createRosterStore(clientAs(server, 'owner', { fetch: breaking(server, rule) }), {
    pageSize: 25,
  });
  const errors: RosterErrorEvent[] = [];
  const listen = (event: Event) => errors.push(event as RosterErrorEvent);
  document.addEventListener('roster-error', listen);
  const el = await fixture<UsersTable>(html`<users-table .store=${store}></users-table>`);
  await settledTable(el, store);
  await until(el, () => store.$live.get() === 'open', 'live updates open');
  document.removeEventListener('roster-error', listen);
  el.addEventListener('roster-error', listen);
  return { el, store, server, errors };
}

/** Expects exactly one `roster-error`, for the contract breach of `field`. */
function expectOneBreach(errors: RosterErrorEvent[], field: string): void {
  expect(errors.map((event) => (event.error as RosterContractError).field)).to.deep.equal([field]);
  const [event] = errors;
  expect(event!.action).to.equal('load');
  expect((event!.error as Error).name).to.equal('RosterContractError');
  expect(event!.message).to.include(field);
  expect(event!.message).to.include('the answer breaks the contract');
}

/** The first shown user whose row menu can offer a role change. */
function someUser(store: RosterStore): User {
  const self = store.$me.get()!.user.id;
  return store.$rows.get().find((user) => user.id !== self && user.allowedActions.edit)!;
}

const consoleErrors = recordConsoleErrors();

describe('<users-table> behind a backend that breaks one contract rule', () => {
  it('features.flags absent: no flag columns, one roster-error, the rows work', async () => {
    const { el, errors } = await mountBroken({
      path: '/workspace',
      breakIt: (body) => ({
        ...body,
        features: { ...(body['features'] as Json), flags: undefined },
      }),
    });
    expectOneBreach(errors, 'Workspace.features.flags');
    expect(rows(el).length).to.be.greaterThan(5);
    expect(headers(el)).not.to.include('CRM access');
    expect(consoleErrors.lines).to.have.length(1);
    expect(consoleErrors.lines[0]).to.match(/GET \S+\/workspace/);
  });

  it('capabilities.inviteRoles mistyped: no Invite button, the list still loads', async () => {
    const { el, errors } = await mountBroken({
      path: '/me',
      breakIt: (body) => ({
        ...body,
        capabilities: { ...(body['capabilities'] as Json), inviteRoles: 'owner,admin' },
      }),
    });
    expectOneBreach(errors, 'Me.capabilities.inviteRoles');
    expect($(el, '[part="invite-button"]')).to.equal(null);
    expect(rows(el).length).to.be.greaterThan(5);
  });

  it('allowedActions.changeRole absent: the row menu still opens, with no role change', async () => {
    const { el, store, errors } = await mountBroken({
      path: '/users',
      breakIt: (body) =>
        eachUser(body, (user) => {
          delete (user['allowedActions'] as Json)['changeRole'];
        }),
    });
    expectOneBreach(errors, 'UserPage.items[].allowedActions.changeRole');
    const user = someUser(store);
    expect(user.allowedActions.changeRole).to.deep.equal([]);
    const labels = await openMenu(el, user.id);
    expect(labels).to.include('Edit');
    expect(labels.some((label) => /role/i.test(label))).to.equal(false);
  });

  it('the total mistyped: the rows still render', async () => {
    const { el, store, errors } = await mountBroken({
      path: '/users',
      breakIt: (body) => ({ ...body, total: String(body['total']) }),
    });
    expectOneBreach(errors, 'UserPage.total');
    expect(rows(el).length).to.be.greaterThan(5);
    expect(store.$paging.get().total).to.equal(0);
  });

  it('a role without its assignable list: roles still named in the rows', async () => {
    const { el, store, errors } = await mountBroken({
      path: '/roles',
      breakIt: (body) => {
        for (const role of body['items'] as Json[]) delete role['assignable'];
        return body;
      },
    });
    expectOneBreach(errors, 'RoleList.items[].assignable');
    const user = someUser(store);
    const roleName = store.$roles.get().find((role) => role.id === user.role)!.name;
    expect(rowOf(el, user.id)!.textContent).to.include(roleName);
  });

  it('the seats absent: the list and Invite still there', async () => {
    const { el, errors } = await mountBroken({
      path: '/workspace',
      breakIt: (body) => ({ ...body, seats: null }),
    });
    expectOneBreach(errors, 'Workspace.seats');
    expect(rows(el).length).to.be.greaterThan(5);
    expect($(el, '[part="invite-button"]')).to.exist;
  });

  it('a live user.updated without its user: skipped, said once, later events still applied', async () => {
    const { el, store, server, errors } = await mountBroken({
      event: 'user.updated',
      breakIt: (data) => ({ person: data['user'] }),
    });
    const admin = clientAs(server, 'owner');
    const user = someUser(store);
    const first = await admin.getUser(user.id);
    const renamed = await admin.updateUser(user.id, { name: 'Renamed Once' }, first.version);
    await until(el, () => errors.length === 1, 'the broken event reported');
    expectOneBreach(errors, 'user.updated.user');
    expect(store.$users.get()[user.id]!.name).to.equal(user.name);

    await admin.updateUser(user.id, { name: 'Renamed Twice' }, renamed.version);
    await until(
      el,
      () => rowOf(el, user.id)?.textContent?.includes('Renamed Twice') ?? false,
      'the next event applied',
    );
    expect(errors).to.have.length(1);
    expect(store.$live.get()).to.equal('open');
  });

  it('a live event whose data is not JSON: skipped and said once', async () => {
    const { el, store, server, errors } = await mountBroken({
      event: 'user.updated',
      breakIt: () => '{"user": {',
    });
    const admin = clientAs(server, 'owner');
    const user = someUser(store);
    const first = await admin.getUser(user.id);
    await admin.updateUser(user.id, { name: 'Not Seen' }, first.version);
    await until(el, () => errors.length === 1, 'the broken event reported');
    expectOneBreach(errors, 'user.updated');
    expect(consoleErrors.lines.join('\n')).to.include('events');
  });
});
