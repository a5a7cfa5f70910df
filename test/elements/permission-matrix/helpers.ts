/**
 * Fixtures of the `<permission-matrix>` tests: a store acting as a persona on the in-page mock,
 * behind a network that records PATCH requests and can refuse the next ones, and queries into
 * the matrix by part and label.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/define.js';
import type { PermissionGrants, User } from '../../../src/api/types.js';
import type { PermissionMatrix } from '../../../src/elements/permission-matrix/permission-matrix.js';
import { loadAll } from '../../../src/store/index.js';
import type { RosterStore } from '../../../src/store/index.js';
import { mockStore } from '../../store/mock-helpers.js';
import type { MockServer } from '../../store/mock-helpers.js';
// Also closes the tracked servers after each test and gives each test room beyond 10 s.
import { track } from '../users-table/helpers.js';

/** The network between the store and the mock. */
export class Net {
  /** Bodies of every PATCH that reached the network, with its path. */
  readonly patches: { path: string; body: unknown }[] = [];
  /** Answers for the next PATCH requests, in order (a function, or a network failure). */
  readonly refusals: (Response | 'network')[] = [];
  server!: MockServer;

  readonly fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.method === 'PATCH') {
      this.patches.push({
        path: new URL(request.url).pathname,
        body: await request.clone().json(),
      });
      const refusal = this.refusals.shift();
      if (refusal === 'network') throw new TypeError('Failed to fetch');
      if (refusal) return refusal;
    }
    return this.server.fetch(request);
  }) as typeof fetch;
}

export interface Mounted {
  el: PermissionMatrix;
  store: RosterStore;
  net: Net;
}

/** A loaded store acting as `persona` on a fresh mock of `preset`. */
export async function storeAs(
  preset: 'workspace' | 'tenant' | 'all',
  persona: string,
): Promise<{ store: RosterStore; net: Net }> {
  const net = new Net();
  const { server, store } = mockStore(
    { preset },
    persona,
    { pageSize: 200 },
    { fetch: net.fetch, retry: { limit: 0 } },
  );
  net.server = track(server);
  await loadAll(store).catch(() => undefined);
  return { store, net };
}

/** A user of the store's view matching `test`. */
export function userWhere(store: RosterStore, test: (user: User) => boolean): User {
  const user = store.$rows.get().find(test);
  if (!user) throw new Error('no such user in the view');
  return user;
}

/** Mounts a matrix over `store` with the given template; waits until it rendered its table. */
export async function mount(
  store: RosterStore,
  template: ReturnType<typeof html>,
): Promise<PermissionMatrix> {
  const el = await fixture<PermissionMatrix>(template);
  el.store = store;
  await el.updateComplete;
  await waitUntil(() => el.shadowRoot!.querySelector('table, .hint'), 'the matrix rendered');
  return el;
}

export async function mountGrants(
  preset: 'workspace' | 'tenant' | 'all',
  persona: string,
  pick: (user: User) => boolean,
): Promise<Mounted & { user: User }> {
  const { store, net } = await storeAs(preset, persona);
  const user = userWhere(store, pick);
  const el = await mount(
    store,
    html`<permission-matrix mode="grants" .user=${user}></permission-matrix>`,
  );
  return { el, store, net, user };
}

/** An embedded matrix over `store`, editing `value` on top of the `user` role (tenant). */
export function mountEmbedded(
  store: RosterStore,
  value: PermissionGrants,
): Promise<PermissionMatrix> {
  return mount(
    store,
    html`<permission-matrix
      mode="grants"
      embedded
      base-role="user"
      .value=${value}
    ></permission-matrix>`,
  );
}

export const $ = (el: PermissionMatrix, selector: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(selector);
export const $$ = (el: PermissionMatrix, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>(selector),
];

/** The grant checkbox of one action on one category. */
export function box(el: PermissionMatrix, category: string, action: string): HTMLInputElement {
  const input = $(
    el,
    `input[data-r]:not([data-c="0"])[data-category="${category}"][data-action="${action}"]`,
  );
  if (!input) throw new Error(`no box for ${action} on ${category}`);
  return input as HTMLInputElement;
}

/** The own grants the matrix shows checked (not locked), as category → actions. */
export function checked(el: PermissionMatrix): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const input of $$(el, 'td input') as HTMLInputElement[]) {
    if (!input.checked) continue;
    const { category, action } = input.dataset;
    (result[category!] ??= []).push(action!);
  }
  return result;
}

export const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
