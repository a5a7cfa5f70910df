/**
 * Page-wide defaults (`Roster.configure(...)` in the script-tag build) and the registry of
 * stores of elements outside any provider: two loose elements pointing at one API (same
 * resolved base URL) share one store.
 */
import { atom } from 'nanostores';
import type { HeadersSource } from '../api/client.js';
import { setLocale, setMessages } from '../i18n/localization.js';
import type { MessageOverrides } from '../i18n/localization.js';
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
  /**
   * Whether requests carry cookies, as `fetch`'s `credentials`: `include` for a backend that
   * authenticates with a session cookie on another origin (it must answer CORS with
   * credentials). Default `same-origin`.
   */
  credentials?: RequestCredentials;
  /**
   * The locale of Roster's texts, e.g. `de` or `ar-EG`, for the whole page; loaded when set
   * (unset: the page's `lang`). A locale Roster has no texts for shows English.
   */
  locale?: string;
  /**
   * The host's own wording of any message, per language, keyed by the English text
   * (`${0}` for a value): `{ en: { 'Invite users': 'Add teammates' } }`.
   */
  messages?: MessageOverrides;
}

let defaults: RosterDefaults = {};

/** Bumped by every `configure()`, so elements placed before it can resolve their store again. */
export const $defaultsVersion = atom(0);

interface Entry {
  store: RosterStore;
  /** The most recently given element-level headers getter for this API. */
  getHeaders?: HeadersGetter;
  /** The most recently given element-level `credentials` for this API. */
  credentials?: RequestCredentials;
}
const registry = new Map<string, Entry>();

/**
 * Sets defaults for every Roster element on the page (merged into earlier calls). Stores
 * already made read `getHeaders`, `fetch` and `credentials` at each request, so later
 * changes apply.
 * Resolves once a requested locale is loaded.
 */
export async function configure(options: RosterDefaults): Promise<void> {
  defaults = { ...defaults, ...options };
  $defaultsVersion.set($defaultsVersion.get() + 1);
  if (options.messages) await setMessages(options.messages);
  if (options.locale) await setLocale(options.locale);
}

/** The current page defaults. */
export function getDefaults(): Readonly<RosterDefaults> {
  return defaults;
}

/**
 * The `fetch` of a store built from page defaults: the page's `fetch` (else the global one),
 * with `credentials` as `own()` says, else as the page default, else the client's.
 */
export function pageFetch(own: () => RequestCredentials | null | undefined): typeof fetch {
  return (input, init) =>
    (defaults.fetch ?? globalThis.fetch)(input, {
      ...init,
      credentials: own() ?? defaults.credentials ?? init?.credentials,
    });
}

/**
 * The shared store of a loose element: the one already made for this API, or a new one.
 * `baseUrl` falls back to the page default; returns null when neither is set.
 * `getHeaders` and `credentials`, when given, become the ones this API's store uses (else the
 * page defaults).
 */
export function sharedStore(
  baseUrl?: string | null,
  getHeaders?: HeadersGetter,
  credentials?: RequestCredentials | null,
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
        fetch: pageFetch(() => created.credentials),
      }),
    };
    entry = created;
    registry.set(key, entry);
  }
  if (getHeaders) entry.getHeaders = getHeaders;
  if (credentials) entry.credentials = credentials;
  return entry.store;
}

/** Forgets every shared store (for tests, or a host that signs out). */
export function resetSharedStores(): void {
  registry.clear();
}
