/**
 * Internal helpers that keep the users view (`$users` + `$order` + paging) consistent:
 * replacing, removing and inserting one user, matching and ordering by the current query,
 * and surfacing errors. Not part of the public API.
 */
import type { RosterError } from '../api/errors.js';
import type { Sort, User, UsersQuery } from '../api/types.js';
import type { RosterStore, ViewQuery } from './store.js';

/** Per-store runtime state that is no one else's business. */
interface Runtime {
  /**
   * Aborts the current view's requests (its first page and further pages): a newer
   * first-page load aborts it and takes a fresh one, so only the latest answer is shown.
   */
  view: AbortController;
  /** Writes in flight per user id. */
  busy: Map<string, number>;
  /** Users counted in the total but left for `loadMore` (so a second notice is not counted). */
  counted: Set<string>;
}
const runtimes = new WeakMap<RosterStore, Runtime>();

/** The runtime record of a store, created on first use. */
export function runtime(store: RosterStore): Runtime {
  let value = runtimes.get(store);
  if (!value) {
    value = { view: new AbortController(), busy: new Map(), counted: new Set() };
    runtimes.set(store, value);
  }
  return value;
}

/** Records a failure as the store's latest error and hands it back (to rethrow). */
export function surface<E>(store: RosterStore, error: E): E {
  store.$error.set(error as RosterError);
  return error;
}

/** The view query as `GET /users` parameters. */
export function toUsersQuery(query: ViewQuery): UsersQuery {
  return {
    q: query.q || undefined,
    role: query.role ?? undefined,
    status: query.status ?? undefined,
    inactive: query.inactive ?? undefined,
    sort: query.sort,
  };
}

/** Replaces the view's users with one freshly loaded page (dropping everything else). */
export function showPage(store: RosterStore, items: User[]): void {
  runtime(store).counted.clear();
  store.$users.set(Object.fromEntries(items.map((user) => [user.id, user])));
  store.$order.set(items.map((user) => user.id));
}

/** Appends a further page, skipping users already shown (a page boundary may shift). */
export function appendPage(store: RosterStore, items: User[]): void {
  const shown = store.$users.get();
  const fresh = items.filter((user) => !shown[user.id]);
  store.$users.set({ ...shown, ...Object.fromEntries(fresh.map((user) => [user.id, user])) });
  store.$order.set([...store.$order.get(), ...fresh.map((user) => user.id)]);
}

/**
 * Replaces one user's object if the view shows it; touches nothing else. An older version
 * never replaces a newer one (a late event must not undo a fresher answer).
 */
export function replaceUser(store: RosterStore, user: User): void {
  const current = store.$users.get()[user.id];
  if (current && user.version >= current.version) store.$users.setKey(user.id, user);
}

/** Where a removed user was, to put it back exactly. */
export interface Removed {
  user: User;
  index: number;
}

/** Removes a user from the view (and the total); returns where it was, or null if not shown. */
export function removeUser(store: RosterStore, id: string): Removed | null {
  const user = store.$users.get()[id];
  const order = store.$order.get();
  const index = order.indexOf(id);
  if (!user || index < 0) return null;
  store.$order.set(order.filter((other) => other !== id));
  store.$users.setKey(id, undefined);
  adjustTotal(store, -1);
  return { user, index };
}

/** Puts a removed user back where it was (unless something newer already put it back). */
export function restoreUser(store: RosterStore, removed: Removed): void {
  if (store.$users.get()[removed.user.id]) return;
  place(store, removed.user, removed.index);
  adjustTotal(store, +1);
}

/**
 * Shows a user new to the view (invited here, or created elsewhere), by this rule: it must
 * match the current search and filters; it goes to its place in the current sort among the
 * loaded rows; if that place lies past the last loaded row while more pages remain, it is
 * left for `loadMore` to bring (so the view never skips or duplicates). The total counts it
 * whenever it matches. A user already shown is replaced in place instead.
 */
export function insertUser(store: RosterStore, user: User): void {
  if (store.$users.get()[user.id]) {
    replaceUser(store, user);
    return;
  }
  const query = store.$query.get();
  if (!matches(query, user)) return;
  const { counted } = runtime(store);
  if (!counted.has(user.id)) adjustTotal(store, +1);
  const order = store.$order.get();
  const users = store.$users.get();
  const compare = comparator(query.sort);
  let index = order.findIndex((id) => {
    const other = users[id];
    return other !== undefined && compare(user, other) < 0;
  });
  if (index < 0) {
    if (store.$paging.get().nextCursor !== null) {
      counted.add(user.id);
      return;
    }
    index = order.length;
  }
  counted.delete(user.id);
  place(store, user, index);
}

/** Shows `user` at `index` of the view's order (at its end when past it). */
function place(store: RosterStore, user: User, index: number): void {
  const order = [...store.$order.get()];
  order.splice(index, 0, user.id);
  store.$users.setKey(user.id, user);
  store.$order.set(order);
}

/** Changes the view's total by `delta` (when known). */
function adjustTotal(store: RosterStore, delta: number): void {
  const paging = store.$paging.get();
  if (paging.total !== null)
    store.$paging.set({ ...paging, total: Math.max(0, paging.total + delta) });
}

/**
 * Counts a seat taken (+1) or freed (-1) by this store's own write. While the live stream
 * is open it is left to its `seats` event, which carries the absolute figure (counting
 * both would count twice).
 */
export function adjustSeats(store: RosterStore, delta: number): void {
  const workspace = store.$workspace.get();
  if (!workspace || store.$live.get() === 'open') return;
  const used = Math.max(0, workspace.seats.used + delta);
  store.$workspace.set({ ...workspace, seats: { ...workspace.seats, used } });
}

/**
 * Whether a user belongs in a view with this query (search text, role, status and inactivity
 * filters; inactivity as the contract defines it, see `UsersQuery.inactive`).
 */
function matches(query: ViewQuery, user: User): boolean {
  const q = query.q.trim().toLowerCase();
  const { inactive } = query;
  const seen = inactive === 'never' ? user.lastLoginAt : (user.lastActiveAt ?? user.lastLoginAt);
  return (
    (query.role === null || user.role === query.role) &&
    (query.status === null || user.status === query.status) &&
    (inactive === null ||
      seen === null ||
      (inactive !== 'never' && Date.parse(seen) < Date.now() - inactive * 86_400_000)) &&
    (q === '' || user.name.toLowerCase().includes(q) || user.email.toLowerCase().includes(q))
  );
}

/** A client-side approximation of the server's sort, ties broken by id. */
function comparator(sort: Sort): (a: User, b: User) => number {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as Exclude<Sort, `-${string}`>;
  return (a, b) => {
    const left = a[key] ?? '';
    const right = b[key] ?? '';
    const order =
      left.localeCompare(right, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id);
    return descending ? -order : order;
  };
}

/** Marks a user busy while `work` runs (overlapping writes on one user keep it busy). */
export async function whileBusy<T>(
  store: RosterStore,
  id: string,
  work: () => Promise<T>,
): Promise<T> {
  const { busy } = runtime(store);
  // Counts the writes in flight on the user; busy while any is.
  const count = (delta: number) => {
    const left = (busy.get(id) ?? 0) + delta;
    const next: Record<string, true> = { ...store.$busy.get() };
    if (left > 0) {
      busy.set(id, left);
      next[id] = true;
    } else {
      busy.delete(id);
      delete next[id];
    }
    store.$busy.set(next);
  };
  count(1);
  try {
    return await work();
  } finally {
    count(-1);
  }
}
