import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement } from 'lit';
import type { PropertyDeclarations } from 'lit';
import type { HeadersGetter } from '../context/defaults.js';
import { localeOf } from '../i18n/localization.js';
import type { RosterStore } from '../store/store.js';

/**
 * What every public Roster element shares: the three ways to say which API it talks to
 * (`store`, else a `<roster-provider>` above it, else `base-url` + `getHeaders`, else the
 * page defaults of `configure()`), and re-rendering when the locale changes. Elements read
 * their store through a `RosterController`.
 */
export class RosterElement extends LitElement {
  // Lit's reactive properties, in its static form rather than decorators (a smaller script-tag
  // build). Subclasses declare theirs the same way; Lit merges them with these.
  static override properties: PropertyDeclarations = {
    baseUrl: { attribute: 'base-url' },
    getHeaders: { attribute: false },
    credentials: {},
    store: { attribute: false },
    locale: { noAccessor: true },
  };

  /** Base URL of the Roster API, e.g. `/api/v1` (unless inside a `<roster-provider>`). */
  baseUrl?: string;

  /** Returns (or resolves to) the headers to send, e.g. `Authorization`; called per request. */
  getHeaders?: HeadersGetter;

  /**
   * Whether requests carry cookies (`include` for a cookie-authenticated backend on another
   * origin), as `fetch`'s `credentials`; for an element outside a `<roster-provider>`.
   */
  credentials?: RequestCredentials;

  /** A ready store to use, shared with other elements (overrides provider and `base-url`). */
  store?: RosterStore;

  #locale?: string;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /**
   * The language of Roster's texts, e.g. `de` or `ar`: one for the page, so setting it on one
   * element sets it for all (as `configure({ locale })` does). Unset: the page's `lang`.
   */
  get locale(): string | undefined {
    return this.#locale;
  }
  set locale(tag: string | undefined) {
    localeOf(this, (this.#locale = tag));
  }
}
