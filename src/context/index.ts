/**
 * How Roster elements find their store: the context key, the provider element (class only;
 * `define` registers the tag), page defaults (`configure`) and the element-side controllers.
 */
export { rosterStoreContext } from './context.js';
export { configure, getDefaults, resetSharedStores, sharedStore } from './defaults.js';
export type { HeadersGetter, RosterDefaults } from './defaults.js';
export { RosterProvider } from './roster-provider.js';
export { RosterController, StoreController, resolveStore } from './store-controller.js';
export type { RosterControllerOptions, RosterHost } from './store-controller.js';
