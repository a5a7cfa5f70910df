/**
 * The @lit/context key Roster elements use to find their store. The context carries the
 * store service (which holds the client), never data: elements read data from the store.
 */
import { createContext } from '@lit/context';
import type { RosterStore } from '../store/store.js';

/** Context key of the {@link RosterStore} a `<roster-provider>` hands to elements beneath it. */
export const rosterStoreContext = createContext<RosterStore>(Symbol.for('roster-store'));
