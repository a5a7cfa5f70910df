/**
 * Loading actions: the workspace-wide data and the users view (first page, further pages,
 * search, filters, sort, resync). A newer first-page load supersedes an older one, so the
 * view never shows an out-of-date answer.
 */
import { isAbortError } from '../api/errors.js';
import type { RosterError } from '../api/errors.js';
import type { Sort, User, UserStatus } from '../api/types.js';
import { loadTemplates } from './templates.js';
import type { RosterStore, ViewQuery } from './store.js';
import { appendPage, runtime, showPage, surface, toUsersQuery } from './view.js';

/**
 * Loads everything a Users screen needs: the actor, the workspace, roles, the permission
 * catalog, then the first page of users (when the actor may view users) and the role
 * templates (when the server has them). Loads whatever it can; every failure is set on
 * `$error` in turn, and it rejects with the first. `$load.error` / `$paging.error` /
 * `$templatesState.error` say which part failed.
 */
export async function loadAll(store: RosterStore): Promise<void> {
  store.$load.set({ loading: true, error: null });
  const { client } = store;
  const results = await Promise.allSettled([
    client.getMe().then((me) => store.$me.set(me)),
    client.getWorkspace().then((workspace) => store.$workspace.set(workspace)),
    client.listRoles().then((roles) => store.$roles.set(roles)),
    client.getCatalog().then((catalog) => store.$catalog.set(catalog)),
  ]);
  const failure = results.find((result) => result.status === 'rejected');
  store.$load.set({ loading: false, error: (failure?.reason as RosterError | undefined) ?? null });

  const next: Promise<void>[] = [];
  if (store.$me.get()?.capabilities.viewUsers) next.push(loadPage(store));
  if (store.$workspace.get()?.features.roleTemplates) next.push(loadTemplates(store));
  const failures = [
    ...surfaceRejections(store, results),
    ...rejections(await Promise.allSettled(next)),
  ];
  if (failures.length > 0) throw failures[0];
}

/**
 * Starts {@link loadAll} unless the store already has its data or is loading it: what an
 * element calls when it gets a store. Failures are on `$load.error` / `$paging.error`.
 */
export function ensureLoaded(store: RosterStore): void {
  if (!store.$me.get() && !store.$load.get().loading) loadAll(store).catch(() => undefined);
}

/**
 * Resyncs after a gap (the live stream's `resync`, a reconnect that could not replay):
 * refetches the actor, the workspace and the current view, as many rows as were loaded
 * (up to 200), so the rows on screen stay on screen.
 */
export async function refresh(store: RosterStore): Promise<void> {
  const { client } = store;
  const shown = store.$order.get().length;
  const [users, ...rest] = await Promise.allSettled([
    loadPage(store, null, Math.min(200, Math.max(store.pageSize, shown))),
    client.getMe().then((me) => store.$me.set(me)),
    client.getWorkspace().then((workspace) => store.$workspace.set(workspace)),
  ]);
  const failures = [...rejections([users!]), ...surfaceRejections(store, rest)];
  if (failures.length > 0) throw failures[0];
}

/** Loads the next page of the current view; does nothing when all is loaded or a load runs. */
export async function loadMore(store: RosterStore): Promise<void> {
  const { nextCursor, loading, loadingMore } = store.$paging.get();
  if (nextCursor !== null && !loading && !loadingMore) await loadPage(store, nextCursor);
}

/** Searches users by name or email (server-side) and shows the first page of matches. */
export function search(store: RosterStore, q: string): Promise<void> {
  return changeQuery(store, { q });
}

/**
 * Filters the view by role, status and/or inactivity (`null` clears a filter; omitted keeps
 * it). `inactive` needs the server's `features.inactiveFilter`.
 */
export function setFilter(
  store: RosterStore,
  filter: Partial<Pick<ViewQuery, 'role' | 'status' | 'inactive'>>,
): Promise<void> {
  return changeQuery(store, filter);
}

/** Sorts the view (`-` prefix for descending) and shows the first page. */
export function setSort(store: RosterStore, sort: Sort): Promise<void> {
  return changeQuery(store, { sort });
}

/**
 * Finds users for a picker (e.g. who receives a revoked user's contacts) without touching
 * the view: the answer is returned, not stored.
 */
export async function findUsers(
  store: RosterStore,
  q: string,
  options: { status?: UserStatus; limit?: number; signal?: AbortSignal } = {},
): Promise<User[]> {
  try {
    const page = await store.client.listUsers(
      { q: q || undefined, status: options.status, limit: options.limit ?? 20, sort: 'name' },
      { signal: options.signal },
    );
    return page.items;
  } catch (error) {
    throw isAbortError(error) ? error : surface(store, error);
  }
}

function changeQuery(store: RosterStore, change: Partial<ViewQuery>): Promise<void> {
  store.$query.set({ ...store.$query.get(), ...change });
  return loadPage(store);
}

/**
 * Loads a page of the current query and shows it: the first (no `cursor`; `limit` rows) in
 * place of the rows, or the one at `cursor` after them. Latest wins: a first-page load aborts
 * the view's requests in flight (an older first page, a further page), and a superseded call
 * resolves quietly (it is not a failure). This is the one place searches are ordered.
 */
async function loadPage(
  store: RosterStore,
  cursor: string | null = null,
  limit = store.pageSize,
): Promise<void> {
  const state = runtime(store);
  const more = cursor !== null;
  if (!more) {
    state.view.abort(new DOMException('Superseded by a newer search', 'AbortError'));
    state.view = new AbortController();
  }
  const { signal } = state.view;
  store.$paging.set({ ...store.$paging.get(), loading: !more, loadingMore: more, error: null });
  try {
    const page = await store.client.listUsers(
      { ...toUsersQuery(store.$query.get()), cursor: cursor ?? undefined, limit },
      { signal },
    );
    if (signal.aborted) return;
    (more ? appendPage : showPage)(store, page.items);
    store.$paging.set({
      loading: false,
      loadingMore: false,
      error: null,
      nextCursor: page.nextCursor,
      total: page.total,
    });
  } catch (error) {
    if (signal.aborted) return;
    store.$paging.set({
      ...store.$paging.get(),
      loading: false,
      loadingMore: false,
      error: error as RosterError,
    });
    throw surface(store, error);
  }
}

/** The reasons of the rejected results. */
function rejections(results: PromiseSettledResult<unknown>[]): unknown[] {
  return results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
}

/** The reasons of the rejected results, each set on `$error` in turn. */
function surfaceRejections(
  store: RosterStore,
  results: PromiseSettledResult<unknown>[],
): unknown[] {
  return rejections(results).map((reason) => surface(store, reason));
}
