/**
 * The script-tag build: registers every tag and exposes, as the global `Roster`, what a page
 * without a bundler uses: configuration, the element classes, the store and its actions, the
 * client, the live stream, the events and errors, the grants helpers and the locale, e.g.
 * `Roster.configure({ baseUrl: '/api/v1', getHeaders: async () => ({ … }) })`. The elements'
 * plumbing (controllers, action-event wrappers, message tables, look-ups), the context key,
 * the store's constants, `getDefaults` and the error subclasses (their `isRoster…Error` guards
 * are here) are left to the npm entry, which exports everything: each name costs the budget.
 */
import './define.js';

export {
  // configuration and the shared stores
  configure,
  resetSharedStores,
  sharedStore,
  RosterProvider,
  // the elements
  UsersTable,
  InviteDialog,
  EditUserDialog,
  RevokeDialog,
  PermissionMatrix,
  RoleTemplates,
  // the store and its actions
  createRosterStore,
  ensureLoaded,
  loadAll,
  loadMore,
  refresh,
  search,
  setFilter,
  setSort,
  findUsers,
  invite,
  updateUser,
  suspend,
  reactivate,
  resendInvitation,
  revoke,
  exportCsv,
  loadTemplates,
  createTemplate,
  updateTemplate,
  duplicateTemplate,
  deleteTemplate,
  startLive,
  stopLive,
  // the client and the live stream
  createClient,
  openEventStream,
  // events and errors
  RosterActionEvent,
  RosterBeforeActionEvent,
  RosterErrorEvent,
  RosterGrantsChangeEvent,
  RosterOpenUserEvent,
  RosterSelectionChangeEvent,
  RosterError,
  isAbortError,
  isOutcomeUnknown,
  isRosterError,
  isRosterHttpError,
  isRosterNetworkError,
  isRosterTimeoutError,
  // permission grants
  allGrants,
  effectiveGrants,
  holds,
  mergeGrants,
  normalizeGrants,
  // the locale
  getLocale,
  setLocale,
} from './index.js';
