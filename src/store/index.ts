/**
 * The shared Roster store: create one per API with {@link createRosterStore}, read its
 * `$`-prefixed nanostores, and change it only through the actions exported here (plain
 * async functions taking the store first). Elements never call the HTTP client directly.
 *
 * @example
 * const store = createRosterStore({ baseUrl: '/api/v1', getHeaders });
 * await loadAll(store);
 * store.$rows.subscribe((rows) => render(rows));
 * await search(store, 'ana');
 * const [result] = await invite(store, [{ email: 'ana@example.com', role: 'agent' }]);
 */
export { createRosterStore, DEFAULT_QUERY } from './store.js';
export type {
  AsyncState,
  ExportState,
  LiveOptions,
  LiveState,
  PagingState,
  RosterStore,
  StoreOptions,
  ViewQuery,
} from './store.js';
export {
  ensureLoaded,
  findUsers,
  loadAll,
  loadMore,
  refresh,
  search,
  setFilter,
  setSort,
} from './users.js';
export { invite, reactivate, resendInvitation, revoke, suspend, updateUser } from './mutations.js';
export type { InviteResult, UpdateResult } from './mutations.js';
export {
  PENDING_TEMPLATE,
  createTemplate,
  deleteTemplate,
  duplicateTemplate,
  loadTemplates,
  updateTemplate,
} from './templates.js';
export { exportCsv } from './export.js';
export type { ExportOptions } from './export.js';
export { applyEvent, startLive, stopLive } from './live.js';
export { checkFresh, lookUpEmails, lookupOf, type Lookup, type LookupOptions } from './lookups.js';
