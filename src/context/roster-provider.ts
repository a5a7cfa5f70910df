import { ContextEvent } from '@lit/context';
import type { ContextCallback } from '@lit/context';
import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import type { RosterClient } from '../api/client.js';
import { createRosterStore } from '../store/store.js';
import type { RosterStore } from '../store/store.js';
import { rosterStoreContext } from './context.js';
import { getDefaults } from './defaults.js';
import type { HeadersGetter } from './defaults.js';

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
export class RosterProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /**
   * The elements beneath that follow the store (the context protocol's subscribers): each
   * one's callback, the element that asked, and how it stops following. The provider side of
   * the protocol is these few lines for the one context it serves, rather than @lit/context's
   * generic `ContextProvider` (≈0.2 KB gzip more of the script-tag build).
   */
  private readonly followers = new Map<
    ContextCallback<RosterStore | undefined>,
    { from: Element; stop: () => void }
  >();
  /** The store handed down, once there is one. */
  private provided?: RosterStore;
  /** The store built from `client` or `base-url`, when not given one, and what it was built from. */
  private ownStore?: RosterStore;
  private ownStoreSource?: RosterClient | string;

  /** Base URL of the Roster API, e.g. `/api/v1`. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** Returns (or resolves to) the headers to send; called before every request. */
  @property({ attribute: false }) getHeaders?: HeadersGetter;

  /** A ready client to build the store on (instead of `base-url`). */
  @property({ attribute: false }) client?: RosterClient;

  /** A ready store to hand down (instead of building one). */
  @property({ attribute: false }) store?: RosterStore;

  constructor() {
    super();
    this.addEventListener('context-request', (event) => this.handleRequest(event));
    this.addEventListener('context-provider', (event) => this.handleProvider(event));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Followers of a provider above that are beneath this one come over (the context protocol).
    const announce = new Event('context-provider', { bubbles: true, composed: true });
    this.dispatchEvent(
      Object.assign(announce, { context: rosterStoreContext, contextTarget: this }),
    );
    // Children ask for the store when they connect, right after this element does.
    this.provideStore();
  }

  override willUpdate(): void {
    this.provideStore();
  }

  /** The store this provider hands down, or null when it has neither store, client nor URL. */
  get currentStore(): RosterStore | null {
    if (this.store) return this.store;
    const baseUrl = this.baseUrl ?? this.getAttribute('base-url') ?? getDefaults().baseUrl;
    const source = this.client ?? baseUrl;
    if (source !== this.ownStoreSource) {
      this.ownStoreSource = source;
      this.ownStore = undefined;
      if (this.client) this.ownStore = createRosterStore(this.client);
      else if (baseUrl) {
        this.ownStore = createRosterStore({
          baseUrl,
          getHeaders: () => (this.getHeaders ?? getDefaults().getHeaders)?.() ?? {},
          fetch: (input, init) => (getDefaults().fetch ?? globalThis.fetch)(input, init),
        });
      }
    }
    return this.ownStore ?? null;
  }

  override render() {
    return html`<slot></slot>`;
  }

  /**
   * An element beneath asks for the store (the context protocol): it gets it, and when it
   * subscribes, every later one too, with how to stop.
   */
  private handleRequest(event: HTMLElementEventMap['context-request']): void {
    const from = event.contextTarget ?? event.composedPath()[0];
    if (event.context !== rosterStoreContext || from === this) return;
    event.stopPropagation();
    const callback = event.callback as ContextCallback<RosterStore | undefined>;
    if (!event.subscribe) return callback(this.provided);
    const follower = this.followers.get(callback) ?? {
      from,
      stop: () => this.followers.delete(callback),
    };
    this.followers.set(callback, follower);
    callback(this.provided, follower.stop);
  }

  /** A provider connected beneath: the followers ask again, so those below it now find it. */
  private handleProvider(event: HTMLElementEventMap['context-provider']): void {
    if (event.context !== rosterStoreContext || event.contextTarget === this) return;
    event.stopPropagation();
    for (const [callback, { from }] of this.followers)
      from.dispatchEvent(new ContextEvent(rosterStoreContext, from, callback, true));
  }

  private provideStore(): void {
    const store = this.currentStore;
    if (!store || store === this.provided) return;
    this.provided = store;
    for (const [callback, { stop }] of this.followers) callback(store, stop);
  }
}
