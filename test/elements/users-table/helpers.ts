/**
 * Helpers of the `<users-table>` tests: a table over the in-page mock acting as a persona,
 * and queries into its shadow root by role, part and user id.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/define.js';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import type { RosterStore, StoreOptions } from '../../../src/store/index.js';
import { mockStore } from '../../store/mock-helpers.js';
import type { MockOptions, MockServer } from '../../store/mock-helpers.js';

export interface Mounted {
  el: UsersTable;
  store: RosterStore;
  server: MockServer;
}

const servers: MockServer[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** Waits until the table's first load settled (rows, an empty view, a refusal or a failure). */
export async function settledTable(el: UsersTable, store: RosterStore): Promise<void> {
  await until(
    el,
    () => {
      const me = store.$me.get();
      const paging = store.$paging.get();
      const done =
        store.$load.get().error !== null ||
        (me !== null && !me.capabilities.viewUsers) ||
        (me !== null && paging.total !== null && !paging.loading) ||
        paging.error !== null;
      return done && !store.$load.get().loading;
    },
    'the table loaded',
    5000,
  );
}

/** A `<users-table>` over a fresh mock, signed in as `persona`, loaded. */
export async function mountTable(
  mock: MockOptions = {},
  persona = 'owner',
  options: { storeOptions?: StoreOptions; attributes?: { hideColumns?: string } } = {},
): Promise<Mounted> {
  const { server, store } = mockStore({ latency: 0, ...mock }, persona, {
    pageSize: 25,
    ...options.storeOptions,
  });
  servers.push(server);
  const el = await fixture<UsersTable>(
    html`<users-table
      .store=${store}
      hide-columns=${options.attributes?.hideColumns ?? ''}
    ></users-table>`,
  );
  await settledTable(el, store);
  return { el, store, server };
}

/** Registers a server created by a test for closing after it. */
export function track(server: MockServer): MockServer {
  servers.push(server);
  return server;
}

export function root(el: UsersTable): ShadowRoot {
  return el.shadowRoot!;
}

export function $(el: UsersTable, selector: string): HTMLElement | null {
  return root(el).querySelector<HTMLElement>(selector);
}

export function $$(el: UsersTable, selector: string): HTMLElement[] {
  return [...root(el).querySelectorAll<HTMLElement>(selector)];
}

/** Scrolls the grid to `top` and runs its scroll handler at once (no waiting for a frame). */
export async function scrollGrid(el: UsersTable, top: number): Promise<void> {
  const grid = $(el, '[part="grid"]')!;
  grid.scrollTop = top;
  grid.dispatchEvent(new Event('scroll'));
  await el.updateComplete;
}

/** The rendered body rows. */
export function rows(el: UsersTable): HTMLElement[] {
  return $$(el, '[role="rowgroup"] + [role="rowgroup"] [role="row"][data-id]');
}

/** The rendered row of one user. */
export function rowOf(el: UsersTable, userId: string): HTMLElement | null {
  return $(el, `[role="row"][data-id="${CSS.escape(userId)}"]`);
}

/** The column header texts, in order (visually hidden ones included). */
export function headers(el: UsersTable): string[] {
  return $$(el, '[role="columnheader"]').map((cell) => cell.textContent!.trim());
}

/** The element focused inside the table's shadow root (or null). */
export function focused(el: UsersTable): Element | null {
  return root(el).activeElement;
}

/** Opens the row menu of a user by clicking its actions button; returns the item labels. */
export async function openMenu(el: UsersTable, userId: string): Promise<string[]> {
  const button = rowOf(el, userId)?.querySelector<HTMLButtonElement>('[part="actions-button"]');
  if (!button) throw new Error(`no actions button for ${userId}`);
  button.click();
  await el.updateComplete;
  await waitUntil(() => $(el, '[role="menu"]')?.matches(':popover-open'), 'menu open');
  return menuLabels(el);
}

export function menuLabels(el: UsersTable): string[] {
  return $$(el, '[role="menuitem"]').map((item) => item.textContent!.trim());
}

/** Clicks the menu item with this label (the menu must be open). */
export async function chooseMenuItem(el: UsersTable, label: string): Promise<void> {
  const item = $$(el, '[role="menuitem"]').find((node) => node.textContent!.trim() === label);
  if (!item) throw new Error(`no menu item "${label}" in ${JSON.stringify(menuLabels(el))}`);
  item.click();
  await el.updateComplete;
}

/**
 * Waits for a condition on the table: checked after every change of its store (once the
 * table re-rendered) and on a slow poll. Store-driven, so it does not depend on timers,
 * which Chromium throttles in a background tab.
 */
export function until(
  el: UsersTable,
  condition: () => boolean,
  message: string,
  timeout = 4000,
): Promise<void> {
  const store = el.store!;
  const atoms = [
    store.$rows,
    store.$paging,
    store.$query,
    store.$load,
    store.$export,
    store.$me,
    store.$live,
    store.$busy,
    store.$workspace,
  ];
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const stops: (() => void)[] = [];
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      for (const stop of stops) stop();
      if (error) reject(error);
      else resolve();
    };
    const check = async () => {
      await el.updateComplete;
      if (!done && condition()) finish();
    };
    for (const atom of atoms) stops.push(atom.listen(() => void check()));
    const poll = setInterval(() => void check(), 25);
    const timer = setTimeout(() => finish(new Error(`Timed out: ${message}`)), timeout);
    stops.push(
      () => clearInterval(poll),
      () => clearTimeout(timer),
    );
    void check();
  });
}

// A loaded machine throttles a background tab's timers: give each test room beyond 10 s.
beforeEach(function () {
  this.currentTest?.timeout(20_000);
});

/** The table's confirm dialog once it is open (a role change, a bulk action). */
export async function openConfirm(el: UsersTable): Promise<HTMLElement> {
  await until(
    el,
    () => !!$(el, 'roster-confirm-dialog')?.shadowRoot?.querySelector('dialog[open]'),
    'the confirm dialog opened',
  );
  return $(el, 'roster-confirm-dialog')!;
}

/** Answers the open confirm dialog: its confirm button, or Cancel. */
export async function answerConfirm(el: UsersTable, confirm: boolean): Promise<void> {
  const dialog = await openConfirm(el);
  const part = confirm ? 'confirm-button' : 'cancel-button';
  dialog.shadowRoot!.querySelector<HTMLButtonElement>(`[part="${part}"]`)!.click();
  await el.updateComplete;
}
