/**
 * The in-page half of `bench/users-table.bench.ts`: builds the data, mounts `<users-table>` or
 * a plain hand-written `<table>` (the baseline) in `#stage`, and measures what the Node half
 * asks for through `window.__bench`.
 */
import { createClient } from '../../src/api/client.js';
import type { RosterClient } from '../../src/api/client.js';
import type { Me, PermissionCatalog, Role, User, Workspace } from '../../src/api/types.js';
import '../../src/define.js';
import { initialsOf } from '../../src/elements/parts/avatar.js';
import { formatRelative } from '../../src/elements/parts/clock.js';
import { statusLabel } from '../../src/elements/parts/status-badge.js';
import { createMockServer } from '../../src/mock/index.js';
import { createRosterStore, loadAll } from '../../src/store/index.js';
import type { RosterStore } from '../../src/store/index.js';

export type Kind = 'table' | 'baseline';

const USERS = 100_000;
const stage = document.querySelector<HTMLElement>('#stage')!;
const raf = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
/** Resolves after the frame following the current one has painted. */
const painted = async () => {
  await raf();
  await raf();
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: ReturnType<typeof createMockServer>;
let me: Me;
let workspace: Workspace;
let roles: Role[];
let catalog: PermissionCatalog;
/** Every user of the mock, in name order, as the owner sees them (avatars dropped: see setup). */
let all: User[] = [];
let roleNames = new Map<string, string>();

const mockClient = (): RosterClient =>
  createClient({
    baseUrl: 'http://roster.mock/api/v1',
    fetch: server.fetch as typeof fetch,
    getHeaders: () => ({ Authorization: 'Bearer owner' }),
    retry: false,
    timeout: false,
  });

// ---------------------------------------------------------------------------------------
// The table under test: a store whose client answers from `data` (no network, no mock)
// ---------------------------------------------------------------------------------------

let table: (HTMLElement & { store?: RosterStore }) | null = null;
let data: User[] = [];

/** A client that serves the bench's own data, so the store holds exactly what the bench set. */
function stubClient(): RosterClient {
  const answers: Record<string, (...args: never[]) => unknown> = {
    getMe: () => me,
    getWorkspace: () => workspace,
    listRoles: () => roles,
    getCatalog: () => catalog,
    listTemplates: () => [],
    listUsers: (query?: { limit?: number }) => ({
      items: data.slice(0, query?.limit ?? 50),
      nextCursor: null,
      total: data.length,
    }),
  };
  answers['searchUsers'] = answers['listUsers']!;
  return new Proxy({} as RosterClient, {
    get: (_, name) => {
      if (typeof name !== 'string' || name === 'then') return undefined; // not a thenable
      const answer = answers[name];
      // Anything else (the live stream, writes) never answers: nothing changes under the bench.
      return answer ? async (...args: never[]) => answer(...args) : () => new Promise(() => {});
    },
  });
}

function storeWithContext(client: RosterClient): RosterStore {
  const store = createRosterStore(client, { pageSize: 50 });
  store.$me.set(me);
  store.$workspace.set(workspace);
  store.$roles.set(roles);
  store.$catalog.set(catalog);
  return store;
}

/** Waits until the store has no load in flight and two frames have painted. */
async function settle(store: RosterStore): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (!store.$paging.get().loading && !store.$load.get().loading) break;
    await sleep(5);
  }
  await painted();
}

async function mountTable(store: RosterStore): Promise<void> {
  clear();
  table = document.createElement('users-table');
  table.store = store;
  stage.append(table);
  await customElements.whenDefined('users-table');
  await settle(store);
}

/** Puts `users` in the table's store as one fully loaded view. */
function setTableData(users: User[]): void {
  const store = table!.store!;
  data = users;
  const byId: Record<string, User> = {};
  for (const user of users) byId[user.id] = user;
  store.$users.set(byId);
  store.$order.set(users.map((user) => user.id));
  store.$paging.set({
    loading: false,
    error: null,
    loadingMore: false,
    nextCursor: null,
    total: users.length,
  });
}

// ---------------------------------------------------------------------------------------
// The baseline: a plain table built with the DOM API, every given row rendered
// ---------------------------------------------------------------------------------------

let baseline: HTMLElement | null = null;
let baselineBody: HTMLTableSectionElement | null = null;

function cell(row: HTMLTableRowElement, text: string, className?: string): void {
  const td = document.createElement('td');
  if (className) {
    const span = document.createElement('span');
    span.className = className;
    span.textContent = text;
    td.append(span);
  } else td.textContent = text;
  row.append(td);
}

function fillBaseline(users: User[]): void {
  // createElement + append: insertRow()/insertCell() re-count the rows each call (quadratic).
  const body = document.createElement('tbody');
  const now = Date.now();
  for (const user of users) {
    const row = document.createElement('tr');
    cell(row, initialsOf(user), 'initials');
    cell(row, user.name);
    cell(row, user.email);
    cell(row, roleNames.get(user.role) ?? user.role);
    cell(row, statusLabel(user.status));
    cell(row, user.lastActiveAt ? formatRelative(user.lastActiveAt, now) : 'Never');
    body.append(row);
  }
  baselineBody!.replaceWith(body);
  baselineBody = body;
}

function mountBaseline(): void {
  clear();
  baseline = document.createElement('div');
  baseline.className = 'baseline';
  const tableEl = document.createElement('table');
  const head = tableEl.createTHead().insertRow();
  for (const title of ['', 'Name', 'Email', 'Role', 'Status', 'Last active']) {
    const th = document.createElement('th');
    th.textContent = title;
    head.append(th);
  }
  baselineBody = tableEl.createTBody();
  baseline.append(tableEl);
  stage.append(baseline);
}

function clear(): void {
  stage.replaceChildren();
  table = null;
  baseline = null;
  baselineBody = null;
  data = [];
}

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/** Every node under `root`, shadow roots included. */
function countNodes(root: Node): { nodes: number; elements: number } {
  let nodes = 0;
  let elements = 0;
  const visit = (node: Node) => {
    nodes++;
    if (node instanceof Element) {
      elements++;
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
  };
  visit(root);
  return { nodes, elements };
}

/** The rendered text under `root`, shadow roots included. */
function deepText(root: Node): string {
  let text = '';
  // Elements separate words; a <wbr> (an email's break before its @) does not.
  const visit = (node: Node) => {
    if (node instanceof Element && node.localName !== 'wbr') text += ' ';
    if (node.nodeType === Node.TEXT_NODE) text += node.nodeValue;
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
    if (node instanceof Element && node.localName !== 'wbr') text += ' ';
  };
  visit(root);
  return text;
}

/** The element that scrolls the rows: the baseline's wrapper, or the table's inner scroller. */
function scroller(kind: Kind): HTMLElement {
  if (kind === 'baseline') return baseline!;
  const candidates: HTMLElement[] = [table!];
  const collect = (root: ParentNode) => {
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      candidates.push(el);
      if (el.shadowRoot) collect(el.shadowRoot);
    }
  };
  collect(table!.shadowRoot!);
  const found = candidates.find((el) => {
    const { overflowY } = getComputedStyle(el);
    return (
      (overflowY === 'auto' || overflowY === 'scroll') && el.scrollHeight > el.clientHeight + 50
    );
  });
  if (!found) throw new Error('<users-table> has no scrolling element with rows in it');
  return found;
}

/** Users whose name or email contains `q` (case-insensitive), in name order. */
function naiveFilter(q: string): User[] {
  const needle = q.toLowerCase();
  return all.filter(
    (u) => u.name.toLowerCase().includes(needle) || u.email.toLowerCase().includes(needle),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// ---------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------

let searchInput: HTMLInputElement | null = null;
let pendingSearch: Promise<number> | null = null;

const bench = {
  /** Builds the mock (100,000 generated users) and reads the owner's view of it. */
  async setup(): Promise<{ users: number; mockMs: number; readMs: number }> {
    let start = performance.now();
    server = createMockServer({ users: USERS, latency: 0, simulatePresence: false });
    const mockMs = performance.now() - start;
    const client = mockClient();
    [me, workspace, roles, catalog] = await Promise.all([
      client.getMe(),
      client.getWorkspace(),
      client.listRoles(),
      client.getCatalog(),
    ]);
    roleNames = new Map(roles.map((role) => [role.id, role.name]));
    start = performance.now();
    // Avatars dropped for the render measures: both sides then show initials, and no image
    // request to the mock's placeholder host (unreachable here) muddies the frame times.
    all = server.usersAs('owner').map((user) => ({ ...user, avatarUrl: null }));
    return { users: all.length, mockMs, readMs: performance.now() - start };
  },

  /** Data set → first page of 50 rows painted, in ms (one run). */
  async firstPaint(kind: Kind): Promise<number> {
    const rows = all.slice(0, 50);
    if (kind === 'table') {
      await mountTable(storeWithContext(stubClient()));
      const start = performance.now();
      setTableData(rows);
      await painted();
      const ms = performance.now() - start;
      if (!deepText(table!.shadowRoot!).includes(rows[0]!.email))
        throw new Error('<users-table> shows no rows after its data was set');
      return ms;
    }
    mountBaseline();
    await painted();
    const start = performance.now();
    fillBaseline(rows);
    await painted();
    return performance.now() - start;
  },

  /** Mounts `n` loaded rows and counts the DOM (and how long the mount took, in ms). */
  async mount(kind: Kind, n: number): Promise<{ ms: number; nodes: number; elements: number }> {
    const rows = all.slice(0, n);
    let start: number;
    if (kind === 'table') {
      await mountTable(storeWithContext(stubClient()));
      start = performance.now();
      setTableData(rows);
    } else {
      mountBaseline();
      await painted();
      start = performance.now();
      fillBaseline(rows);
    }
    await painted();
    const ms = performance.now() - start;
    return { ms, ...countNodes(stage) };
  },

  /**
   * Scrolls the mounted rows top to bottom in `frames` steps (stopping early after
   * `budgetMs`); the frame intervals in ms, and whether the last row shows at the end.
   */
  async scroll(
    kind: Kind,
    frames: number,
    budgetMs: number,
  ): Promise<{ frames: number[]; lastRowShown: boolean }> {
    const el = scroller(kind);
    el.scrollTop = 0;
    await painted();
    const max = el.scrollHeight - el.clientHeight;
    const intervals: number[] = [];
    let last = await raf();
    const until = performance.now() + budgetMs;
    for (let i = 1; i <= frames && performance.now() < until; i++) {
      el.scrollTop = Math.round((max * i) / frames);
      const now = await raf();
      intervals.push(now - last);
      last = now;
    }
    await painted();
    const lastUser = kind === 'table' ? data.at(-1) : undefined;
    const lastRowShown = lastUser
      ? deepText(table!.shadowRoot!).includes(lastUser.email)
      : baseline!.scrollTop >= max - 1;
    return { frames: intervals, lastRowShown };
  },

  /**
   * Mounts the search case: the table over a store on the in-page mock (100,000 users), or
   * the baseline over the same users in memory, with an `<input>` whose every input filters
   * them all (name or email contains) and re-renders every match.
   */
  async prepareSearch(kind: Kind): Promise<void> {
    if (kind === 'table') {
      const store = storeWithContext(mockClient());
      await loadAll(store);
      await mountTable(store);
      const root = table!.shadowRoot!;
      searchInput =
        root.querySelector<HTMLInputElement>('input[type=search]') ??
        root.querySelector<HTMLInputElement>('[role=searchbox]') ??
        root.querySelector<HTMLInputElement>('input');
      if (!searchInput) throw new Error('<users-table> has no search box');
    } else {
      mountBaseline();
      searchInput = document.createElement('input');
      searchInput.type = 'search';
      searchInput.addEventListener('input', () => fillBaseline(naiveFilter(searchInput!.value)));
      baseline!.prepend(searchInput);
    }
  },

  /**
   * Types `prefix` into the search box (as the user's earlier keystrokes), lets it settle, and
   * arms the measure of the next keystroke (which makes the query `q`): from its `keydown` to
   * the frame painted after the rows show `q`'s first match and no longer a row of `prefix`
   * that `q` excludes.
   */
  async armSearch(kind: Kind, prefix: string, q: string): Promise<{ matches: number }> {
    searchInput!.focus();
    searchInput!.value = prefix;
    searchInput!.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    const before = naiveFilter(prefix);
    const after = naiveFilter(q);
    const expected = after[0]?.email;
    const gone = before.find((user) => !after.includes(user))?.email;
    if (!expected || !gone) throw new Error(`"${prefix}" → "${q}" changes no row`);
    const root: Node = kind === 'table' ? table!.shadowRoot! : baseline!;
    const shows = (email: string) =>
      kind === 'table'
        ? deepText(root).includes(` ${email} `)
        : [...baselineBody!.rows].some((row) => row.cells[2]?.textContent === email);
    // Let the prefix's rows arrive (the table searches after a pause), then settle.
    for (let i = 0; i < 300 && !shows(gone); i++) await sleep(10);
    if (!shows(gone)) throw new Error(`rows never showed "${gone}" for "${prefix}"`);
    await sleep(100);
    await painted();

    pendingSearch = new Promise<number>((resolve, reject) => {
      let start = 0;
      let done = false;
      const observer = new MutationObserver(() => check());
      const check = () => {
        if (done || start === 0 || !shows(expected) || shows(gone)) return;
        done = true;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
      };
      window.addEventListener('keydown', (event) => (start = event.timeStamp), {
        capture: true,
        once: true,
      });
      observer.observe(root, { subtree: true, childList: true, characterData: true });
      const poll = () => {
        check();
        if (!done) requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
      setTimeout(() => {
        if (!done) reject(new Error(`rows never showed "${expected}" for "${q}"`));
      }, 15_000);
    });
    return { matches: after.length };
  },

  /** The armed keystroke's time to painted rows, in ms. */
  searchResult: () => pendingSearch!,

  clear,
  median,
};

declare global {
  interface Window {
    __bench: typeof bench;
  }
}
window.__bench = bench;
