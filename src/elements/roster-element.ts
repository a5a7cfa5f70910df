import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { HeadersGetter } from '../context/defaults.js';
import type { RosterStore } from '../store/store.js';

/**
 * What every public Roster element shares: the three ways to say which API it talks to
 * (`store`, else a `<roster-provider>` above it, else `base-url` + `getHeaders`, else the
 * page defaults of `configure()`), and re-rendering when the locale changes. Elements read
 * their store through a `RosterController`.
 */
export class RosterElement extends LitElement {
  /** Base URL of the Roster API, e.g. `/api/v1` (unless inside a `<roster-provider>`). */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** Returns (or resolves to) the headers to send, e.g. `Authorization`; called per request. */
  @property({ attribute: false }) getHeaders?: HeadersGetter;

  /** A ready store to use, shared with other elements (overrides provider and `base-url`). */
  @property({ attribute: false }) store?: RosterStore;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }
}
