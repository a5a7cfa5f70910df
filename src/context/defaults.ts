/**
 * Page-wide defaults (`Roster.configure(...)` in the script-tag build) and the registry of
 * stores of elements outside any provider: two loose elements pointing at one API (same
 * resolved base URL) share one store.
 */
import { atom } from 'nanostores';
import type { HeadersSource } from '../api/client.js';
import { setLocale } from '../i18n/localization.js';
import { createRosterStore } from '../store/store.js';
import type { RosterStore } from '../store/store.js';

/** A function returning (or resolving to) the headers to send, called before every request. */
export type HeadersGetter = () => HeadersSource | Promise<HeadersSource>;

/** What `configure()` sets for every Roster element of the page. */
export interface RosterDefaults {
  /** Base URL used by elements without a `base-url` attribute. */
  baseUrl?: string;
  /** Headers getter used by elements without their own `getHeaders`. */
  getHeaders?: HeadersGetter;
  /** The `fetch` every loose store uses (e.g. the in-page mock server's). */
  fetch?: typeof fetch;
  /** The locale of Roster's texts, e.g. `de`; loaded when set. */
  locale?: string;
}

let defaults: RosterDefaults = {};

/** Bumped by every `configure()`, so elements placed before it can resolve their store again. */
export const $defaultsVersion = atom(0);

interface Entry {
  store: RosterStore;
  /** The most recently given element-level headers getter for this API. */
  getHeaders?: HeadersGetter;
}
const registry = new Map<string, Entry>();

/**
 * Sets defaults for every Roster element on the page (merged into earlier calls). Stores
 * already made read `getHeaders` and `fetch` at each request, so later changes apply.
 * Resolves once a requested locale is loaded.
 */
export async function configure(options: RosterDefaults): Promise<void> {
  defaults = { ...defaults, ...options };
  $defaultsVersion.set($defaultsVersion.get() + 1);
  if (options.locale) await setLocale(options.locale);
}

/** The current page defaults. */
export function getDefaults(): Readonly<RosterDefaults> {
  return defaults;
}

/**
 * The shared store of a loose element: the one already made for this API, or a new one.
 * `baseUrl` falls back to the page default; returns null when neither is set.
 * `getHeaders`, when given, becomes the one this API's store uses (else the page default).
 */
export function sharedStore(
  baseUrl?: string | null,
  getHeaders?: HeadersGetter,
): RosterStore | null {
  const url = baseUrl || defaults.baseUrl;
  if (!url) return null;
  const key = new URL(url, document.baseURI).href.replace(/\/?$/, '/');
  let entry = registry.get(key);
  if (!entry) {
    const created: Entry = {
      store: createRosterStore({
        baseUrl: key,
        getHeaders: () => (created.getHeaders ?? defaults.getHeaders)?.() ?? {},
        fetch: (input, init) => (defaults.fetch ?? globalThis.fetch)(input, init),
      }),
    };
    entry = created;
    registry.set(key, entry);
  }
  if (getHeaders) entry.getHeaders = getHeaders;
  return entry.store;
}

/** Forgets every shared store (for tests, or a host that signs out). */
export function resetSharedStores(): void {
  registry.clear();
}
