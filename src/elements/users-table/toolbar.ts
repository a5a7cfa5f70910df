/**
 * The toolbar of `<users-table>`: the server-side search (what is typed, and when it is sent),
 * the role, status and inactivity filters, the seat meter, Export and Invite (the host acts on those two)
 * and the live-updates status. A ReactiveController with its own state and `render()`.
 */
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { LitElement, ReactiveController, TemplateResult } from 'lit';
import { live } from '../parts/live.js';
import { getLocale } from '../../i18n/localization.js';
import { search, setFilter } from '../../store/index.js';
import type { RosterStore } from '../../store/index.js';
import { renderSeatMeter } from '../parts/seat-meter.js';

/**
 * Milliseconds the search waits after the last keystroke before asking the server. Short, so
 * that a keystroke's rows paint within 120 ms against 100,000 users (`npm run bench`); it still
 * sends keys that come together (a paste, key repeat, a fast typist's rollover) as one search.
 * Slower typing sends a search per key: the store aborts the one in flight, so the latest wins.
 */
const SEARCH_DELAY_MS = 40;

const noop = () => undefined;

export interface ToolbarOptions {
  /** The store searched and filtered, or null. */
  store: () => RosterStore | null;
  /** Whether every seat is taken (Invite is then disabled, with a note saying why). */
  atSeatLimit: () => boolean;
  /** Invite was pressed. */
  invite: () => void;
  /** Export was pressed. */
  export: () => void;
}

export class ToolbarController implements ReactiveController {
  /** The text in the search field (the store's query follows after a pause). */
  #searchText = '';
  #searchTimer?: ReturnType<typeof setTimeout>;

  readonly #host: LitElement;
  readonly #options: ToolbarOptions;

  constructor(host: LitElement, options: ToolbarOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#searchTimer);
  }

  /** Shows `q` in the search field (the query of a new store). */
  showQuery(q: string): void {
    this.#searchText = q;
    this.#host.requestUpdate();
  }

  /** Clears the search and the filters (the button of the no-results state). */
  clearAll(): void {
    const store = this.#options.store();
    if (!store) return;
    const { role, status, inactive } = store.$query.get();
    if (role !== null || status !== null || inactive !== null)
      void setFilter(store, { role: null, status: null, inactive: null }).catch(noop);
    this.#clearSearch();
  }

  #runSearch(): void {
    const store = this.#options.store();
    const q = this.#searchText.trim();
    if (store && q !== store.$query.get().q) void search(store, q).catch(noop);
  }

  #clearSearch(): void {
    this.#searchText = '';
    this.#host.requestUpdate();
    clearTimeout(this.#searchTimer);
    this.#runSearch();
    this.#host.renderRoot.querySelector<HTMLInputElement>('.search input')?.focus();
  }

  #handleSearchInput(event: Event): void {
    this.#searchText = (event.target as HTMLInputElement).value;
    this.#host.requestUpdate();
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.#runSearch(), SEARCH_DELAY_MS);
  }

  #handleSearchKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.#searchText) {
      event.preventDefault();
      this.#clearSearch();
    } else if (event.key === 'Enter') {
      clearTimeout(this.#searchTimer);
      this.#runSearch();
    }
  }

  #handleFilter(event: Event): void {
    const store = this.#options.store();
    const select = event.target as HTMLSelectElement;
    if (!store) return;
    const value = select.value || null;
    const name = select.name as 'role' | 'status' | 'inactive';
    // Inactivity: a number of days, or `never`.
    const inactive = value === null || value === 'never' ? value : Number(value);
    void setFilter(store, { [name]: name === 'inactive' ? inactive : value }).catch(noop);
  }

  /** The toolbar: search, filters, seats, export, invite and the live status. */
  render(): TemplateResult {
    const store = this.#options.store()!;
    const me = store.$me.get();
    const workspace = store.$workspace.get();
    const query = store.$query.get();
    const exporting = store.$export.get();
    const roles = store.$roles.get();
    const canInvite = (me?.capabilities.inviteRoles.length ?? 0) > 0;
    const canExport = !!me?.capabilities.export && !!workspace?.features.export;
    const full = this.#options.atSeatLimit();
    const liveState = store.$live.get();
    return html`<div class="toolbar" part="toolbar">
      <div class="search" role="search">
        <input
          class="input"
          part="search"
          type="search"
          aria-label=${msg('Search users')}
          placeholder=${msg('Search by name or email')}
          autocomplete="off"
          .value=${live(this.#searchText)}
          @input=${(event: Event) => this.#handleSearchInput(event)}
          @keydown=${(event: KeyboardEvent) => this.#handleSearchKeydown(event)}
        />
        ${
          this.#searchText
            ? html`<button
                class="button quiet search-clear"
                part="search-clear"
                type="button"
                aria-label=${msg('Clear search')}
                @click=${() => this.#clearSearch()}
              >
                ×
              </button>`
            : nothing
        }
      </div>
      ${this.#renderFilter(
        'role',
        msg('Filter by role'),
        msg('All roles'),
        query.role,
        roles.map((role) => [role.id, role.name]),
      )}
      ${this.#renderFilter('status', msg('Filter by status'), msg('All statuses'), query.status, [
        ['invited', msg('Pending')],
        ['active', msg('Active')],
        ...(workspace?.features.suspension || query.status === 'suspended'
          ? [['suspended', msg('Suspended')] as const]
          : []),
      ])}
      ${
        workspace?.features.inactiveFilter || query.inactive !== null
          ? this.#renderFilter(
              'inactive',
              msg('Filter by inactivity'),
              msg('Any activity'),
              query.inactive === null ? null : String(query.inactive),
              [
                ['30', msg('Not active for 30 days')],
                ['90', msg('Not active for 90 days')],
                ['180', msg('Not active for 180 days')],
                ['365', msg('Not active for 1 year')],
                ['never', msg('Never signed in')],
              ],
            )
          : nothing
      }
      <span class="spacer"></span>
      ${
        workspace
          ? html`<div class="seats" part="seats">
              ${renderSeatMeter(workspace.seats)}
              ${
                full && canInvite
                  ? html`<span class="note" part="seat-note" id="seat-note"
                      >${msg('All seats are in use: remove a user or upgrade the plan to invite more.')}</span
                    >`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${
        canExport
          ? html`<button
              class="button"
              part="export-button"
              type="button"
              aria-busy=${exporting.loading}
              @click=${this.#options.export}
            >
              ${
                exporting.loading
                  ? msg(str`Exporting… ${formatBytes(exporting.bytes)}`)
                  : msg('Export CSV')
              }
            </button>`
          : nothing
      }
      ${
        canInvite
          ? html`<button
              class="button primary"
              part="invite-button"
              type="button"
              aria-disabled=${full}
              aria-describedby=${full ? 'seat-note' : nothing}
              @click=${this.#options.invite}
            >
              ${msg('Invite')}
            </button>`
          : nothing
      }
      <span class="live" part="live-status" role="status"
        >${
          liveState === 'reconnecting' ? msg('Live updates interrupted — reconnecting…') : nothing
        }</span
      >
    </div>`;
  }

  /** A filter: "all" (no value), then `options` as `[value, label]`, `value` selected. */
  #renderFilter(
    name: 'role' | 'status' | 'inactive',
    label: string,
    all: string,
    value: string | null,
    options: readonly (readonly [string, string])[],
  ): TemplateResult {
    return html`<select
      class="select filter"
      part=${`${name}-filter`}
      name=${name}
      aria-label=${label}
      @change=${(event: Event) => this.#handleFilter(event)}
    >
      <option value="" ?selected=${value === null}>${all}</option>
      ${options.map(
        ([id, text]) => html`<option value=${id} ?selected=${value === id}>${text}</option>`,
      )}
    </select>`;
  }
}

/** A byte count for people, e.g. "56 KB" (the export button and the export's result). */
export function formatBytes(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(getLocale(), {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
