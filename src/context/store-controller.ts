/**
 * How an element reaches a store: {@link resolveStore} finds it, {@link StoreController}
 * re-renders the element when given stores change, and {@link RosterController} does both
 * (plus live updates) for a Roster element.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Store, StoreValue } from 'nanostores';
import type { RosterContractError } from '../api/errors.js';
import { RosterErrorEvent } from '../events.js';
import { startLive, stopLive } from '../store/live.js';
import { ensureLoaded } from '../store/users.js';
import type { RosterStore } from '../store/store.js';
import { requestStore } from './context.js';
import { $defaultsVersion, sharedStore } from './defaults.js';
import type { HeadersGetter } from './defaults.js';

/** Contract breaches already fired as `roster-error` (each is fired once, by one element). */
const told = new WeakSet<RosterContractError>();

/** An element that can reach a Roster store: its `base-url` and `getHeaders`. */
export type RosterHost = ReactiveControllerHost &
  HTMLElement & {
    baseUrl?: string | null;
    getHeaders?: HeadersGetter;
    credentials?: RequestCredentials;
    store?: RosterStore | null;
  };

/** The shared store of an element outside any provider, from its own attributes. */
function looseStore(host: RosterHost): RosterStore | null {
  return sharedStore(
    host.baseUrl ?? host.getAttribute('base-url'),
    host.getHeaders,
    host.credentials,
  );
}

/**
 * The store for an element: its own `store` property, else the one of the nearest
 * `<roster-provider>` above it (across shadow roots), else the shared store for its own
 * `base-url` (or the page default) with its `getHeaders` and `credentials`. Null when there is none of these.
 */
export function resolveStore(host: RosterHost): RosterStore | null {
  if (host.store) return host.store;
  let provided: RosterStore | undefined;
  requestStore(host, (value) => {
    provided = value;
  });
  return provided ?? looseStore(host);
}

/** Re-renders its host whenever one of the given stores changes (subscribed while connected). */
export class StoreController implements ReactiveController {
  #unsubscribers: (() => void)[] = [];

  readonly #host: ReactiveControllerHost;
  readonly #stores: readonly Store[];

  constructor(host: ReactiveControllerHost, stores: readonly Store[]) {
    this.#host = host;
    this.#stores = stores;
    host.addController(this);
  }

  /** The current value of one of the stores. */
  value<S extends Store>(store: S): StoreValue<S> {
    return store.get() as StoreValue<S>;
  }

  hostConnected(): void {
    this.#unsubscribers = this.#stores.map((store) =>
      store.listen(() => this.#host.requestUpdate()),
    );
  }

  hostDisconnected(): void {
    for (const unsubscribe of this.#unsubscribers) unsubscribe();
    this.#unsubscribers = [];
  }
}

/** Options of {@link RosterController}. */
export interface RosterControllerOptions {
  /** The stores the element renders from, e.g. `(s) => [s.$rows, s.$paging]`. */
  select: (store: RosterStore) => readonly Store[];
  /** Keep live updates running while the element is connected. */
  live?: boolean;
  /** Load the store's data (`ensureLoaded`) when the element gets a store that has none. */
  load?: boolean;
  /** Called when the element gets a (new) store. */
  onStore?: (store: RosterStore) => void;
}

/**
 * Gives a Roster element its store while connected: resolves it (its `store` property, else
 * the provider's, else its own `base-url`, else the page defaults), re-renders on changes of
 * the selected stores, and holds live updates when asked. Re-resolves when the element's
 * `store` or `base-url` changes, a provider appears later, or `configure()` is called.
 * @example
 * readonly #roster = new RosterController(this, { select: (s) => [s.$rows], live: true });
 * render() { const rows = this.#roster.store?.$rows.get() ?? []; … }
 */
export class RosterController implements ReactiveController {
  /** The resolved store; null until connected, or when nothing says which API to use. */
  store: RosterStore | null = null;
  /** Stops re-rendering on changes of the selected stores. */
  #unwatch?: () => void;
  /** The host's `store`, `baseUrl` and `getHeaders` when the store was last resolved. */
  #inputs: unknown[] = [];
  /** The store of the provider above, followed while connected (it may change). */
  #provided: RosterStore | null = null;
  #unsubscribeProvider?: () => void;
  #unsubscribeDefaults?: () => void;

  readonly #host: RosterHost;
  readonly #options: RosterControllerOptions;

  constructor(host: RosterHost, options: RosterControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    requestStore(
      this.#host,
      (value, unsubscribe) => {
        if (unsubscribe !== this.#unsubscribeProvider) this.#unsubscribeProvider?.();
        this.#unsubscribeProvider = unsubscribe;
        this.#provided = value ?? null;
        if (this.#host.isConnected) this.resolve();
      },
      true,
    );
    this.resolve();
    // `configure()` may come after the element is on the page (a script at the end of body).
    this.#unsubscribeDefaults?.();
    this.#unsubscribeDefaults = $defaultsVersion.listen(() => this.resolve());
    // A provider above that is not upgraded yet will answer once its tag is defined.
    if (
      this.#host.parentElement?.closest('roster-provider') &&
      !customElements.get('roster-provider')
    ) {
      void customElements
        .whenDefined('roster-provider')
        .then(() => this.#host.isConnected && this.hostConnected());
    }
  }

  hostUpdate(): void {
    // Already updating: the new store is read by this very render, no further update needed.
    // A framework may set `getHeaders` just after connecting (Angular does): resolving again
    // hands it to the shared store before the first request (see `resolve`) reads the headers.
    if (this.#read().some((input, i) => input !== this.#inputs[i])) this.resolve(false);
  }

  #read(): unknown[] {
    const host = this.#host;
    return [host.store, host.baseUrl, host.getHeaders];
  }

  hostDisconnected(): void {
    this.#unsubscribeProvider?.();
    this.#unsubscribeProvider = undefined;
    this.#unsubscribeDefaults?.();
    this.#unsubscribeDefaults = undefined;
    this.#provided = null;
    this.#release();
  }

  /** Resolves the store again (after a change the controller cannot see). */
  resolve(update = true): void {
    this.#inputs = this.#read();
    const store = this.#host.store ?? this.#provided ?? looseStore(this.#host);
    if (store === this.store) return;
    this.#release();
    this.store = store;
    if (!store) return;
    const stops = this.#options
      .select(store)
      .map((s) => s.listen(() => this.#host.requestUpdate()));
    // A contract breach is fired as `roster-error` once, by the first element that hears of it.
    stops.push(
      store.$contractError.listen((error) => {
        if (!error || told.has(error)) return;
        told.add(error);
        this.#host.dispatchEvent(new RosterErrorEvent(error.userMessage, error, 'load'));
      }),
    );
    this.#unwatch = () => stops.forEach((stop) => stop());
    if (this.#options.live) startLive(store);
    // After the element's first update, which takes properties set just after connecting.
    if (this.#options.load) queueMicrotask(() => ensureLoaded(store));
    this.#options.onStore?.(store);
    if (update) this.#host.requestUpdate();
  }

  #release(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
    if (this.store && this.#options.live) stopLive(this.store);
    this.store = null;
  }
}
