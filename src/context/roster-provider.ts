import { css, html } from 'lit';
import type { PropertyDeclarations } from 'lit';
import type { RosterClient } from '../api/client.js';
import { RosterElement } from '../elements/roster-element.js';
import { createRosterStore } from '../store/store.js';
import type { RosterStore } from '../store/store.js';
import { provideStore } from './context.js';
import { getDefaults, pageFetch } from './defaults.js';

/**
 * Hands one Roster store to every Roster element beneath it.
 *
 * The store is, in order of preference: the `store` property; one built on the `client`
 * property; one built from the `base-url` attribute and `getHeaders` (falling back to the
 * page defaults of `configure()`). Registered as `<roster-provider>` by `define`.
 *
 * @customElement roster-provider
 * @summary Shares one store (one API connection) with the Roster elements inside it.
 * @slot - The Roster elements (and anything else) that use this provider's store.
 */
export class RosterProvider extends RosterElement {
  // Beside RosterElement's `base-url`, `getHeaders`, `credentials`, `store` and `locale`.
  static override properties: PropertyDeclarations = {
    client: { attribute: false },
  };
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Hands a store to the elements beneath (each subscriber gets each new one). */
  readonly #provide = provideStore(this);
  /** The store built from `client` or `base-url`, when not given one, and what it was built from. */
  #ownStore?: RosterStore;
  #ownStoreSource?: RosterClient | string;

  /** A ready client to build the store on (instead of `base-url`). */
  client?: RosterClient;

  override connectedCallback(): void {
    super.connectedCallback();
    // Children ask for the store when they connect, right after this element does.
    this.#provideStore();
  }

  override willUpdate(): void {
    this.#provideStore();
  }

  /** The store this provider hands down, or null when it has neither store, client nor URL. */
  get currentStore(): RosterStore | null {
    if (this.store) return this.store;
    const baseUrl = this.baseUrl ?? this.getAttribute('base-url') ?? getDefaults().baseUrl;
    const source = this.client ?? baseUrl;
    if (source !== this.#ownStoreSource) {
      this.#ownStoreSource = source;
      this.#ownStore = undefined;
      if (this.client) this.#ownStore = createRosterStore(this.client);
      else if (baseUrl) {
        this.#ownStore = createRosterStore({
          baseUrl,
          getHeaders: () => (this.getHeaders ?? getDefaults().getHeaders)?.() ?? {},
          fetch: pageFetch(() => this.credentials),
        });
      }
    }
    return this.#ownStore ?? null;
  }

  override render() {
    return html`<slot></slot>`;
  }

  #provideStore(): void {
    const store = this.currentStore;
    if (store) this.#provide(store);
  }
}
