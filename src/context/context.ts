/**
 * The @lit/context key Roster elements use to find their store, and the two sides of the
 * context protocol (what @lit/context's ContextEvent and ContextProvider do, so a host's
 * @lit/context consumer or provider works with Roster's). The context carries the store
 * service (which holds the client), never data: elements read data from the store.
 */
import { createContext } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import type { RosterStore } from '../store/store.js';

/** Context key of the {@link RosterStore} a `<roster-provider>` hands to elements beneath it. */
export const rosterStoreContext = createContext<RosterStore>(Symbol.for('roster-store'));

/** Receives the store (undefined while the provider has none) and, when subscribed, how to stop. */
type StoreCallback = (store: RosterStore | undefined, unsubscribe?: () => void) => void;

/** The protocol's events: `context-request` and `context-provider`, bubbling and composed. */
function contextEvent(type: string, target: Element, fields?: object): Event {
  return Object.assign(new Event(type, { bubbles: true, composed: true }), {
    context: rosterStoreContext,
    contextTarget: target,
    ...fields,
  });
}

/**
 * Asks the nearest provider above `host` for the store (`callback` is called at once when one
 * answers); with `subscribe`, for every later store too, until the unsubscribe it is given is called.
 */
export function requestStore(host: Element, callback: StoreCallback, subscribe = false): void {
  host.dispatchEvent(contextEvent('context-request', host, { callback, subscribe }));
}

/**
 * Answers the store requests from beneath `host` and returns how to set the store, which
 * subscribers then receive. A provider connected later between `host` and its subscribers
 * takes them over: `host` asks again for them, and the nearer one answers.
 */
export function provideStore(host: ReactiveControllerHost & Element): (store: RosterStore) => void {
  let value: RosterStore | undefined;
  const subscribers = new Map<StoreCallback, [target: Element, unsubscribe: () => void]>();
  /** The event's context and the element it is about, when it is about this one's context below `host`. */
  const below = (event: Event) => {
    const { context, contextTarget } = event as Event & {
      context?: unknown;
      contextTarget?: Element;
    };
    const target = contextTarget ?? (event.composedPath()[0] as Element);
    if (context !== rosterStoreContext || target === host) return null;
    event.stopPropagation();
    return target;
  };
  host.addEventListener('context-request', (event) => {
    const target = below(event);
    const { callback, subscribe } = event as Event & {
      callback: StoreCallback;
      subscribe?: boolean;
    };
    if (!target) return;
    if (!subscribe) return callback(value);
    if (!subscribers.has(callback))
      subscribers.set(callback, [target, () => subscribers.delete(callback)]);
    callback(value, subscribers.get(callback)![1]);
  });
  host.addEventListener('context-provider', (event) => {
    if (below(event))
      for (const [callback, [target]] of subscribers) requestStore(target, callback, true);
  });
  host.addController({
    hostConnected: () => host.dispatchEvent(contextEvent('context-provider', host)),
  });
  return (store) => {
    if (store === value) return;
    value = store;
    for (const [callback, [, unsubscribe]] of subscribers) callback(store, unsubscribe);
  };
}
