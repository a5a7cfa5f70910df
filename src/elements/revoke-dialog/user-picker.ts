/**
 * The searchable user picker of `<revoke-dialog>`: a ReactiveController holding the search
 * state and a `render()` giving its template (WAI-ARIA combobox with a listbox popup), so no
 * extra tag is registered. Searches are debounced and the previous one aborted; the options
 * are filtered again with `accepts` whatever the server answers.
 */
import { msg } from '@lit/localize';
import { css, html, nothing } from 'lit';
import type { LitElement, ReactiveController, TemplateResult } from 'lit';
import { isAbortError, isRosterError } from '../../api/errors.js';
import type { User } from '../../api/types.js';
import { renderPerson } from '../parts/dialog.js';
import { afterPress } from '../parts/press.js';

export interface UserPickerOptions {
  /** Id prefix of the picker's elements (unique in the host's shadow root). */
  id: string;
  /** Finds candidates for a query; `signal` aborts a superseded search. */
  search: (q: string, signal: AbortSignal) => Promise<User[]>;
  /** Whether a user may be chosen (options failing it are never shown). */
  accepts: (user: User) => boolean;
  /** Called when the chosen user changes. */
  onChange?: (user: User | null) => void;
}

/** Milliseconds of typing quiet before a search is sent. */
const DEBOUNCE_MS = 200;
/** Longest query sent (a pasted 10,000-character string is cut, not sent whole). */
const MAX_QUERY = 200;

export class UserPicker implements ReactiveController {
  /** The chosen user, or null. */
  chosen: User | null = null;
  #query = '';
  #expanded = false;
  #options: User[] = [];
  #active = -1;
  #loading = false;
  #failure = '';
  #timer?: ReturnType<typeof setTimeout>;
  #search?: AbortController;
  readonly #afterPress: (fn: () => void) => void;

  readonly #host: LitElement;
  readonly #config: UserPickerOptions;

  constructor(host: LitElement, config: UserPickerOptions) {
    this.#host = host;
    this.#config = config;
    host.addController(this);
    this.#afterPress = afterPress(host);
  }

  hostDisconnected(): void {
    this.#stop();
  }

  /** Back to nothing chosen, list closed, no search pending. */
  reset(): void {
    this.#stop();
    this.chosen = null;
    this.#query = '';
    this.#expanded = false;
    this.#options = [];
    this.#active = -1;
    this.#loading = false;
    this.#failure = '';
  }

  /** Chooses `user` (null: clears the choice) and moves focus to what replaces the input. */
  choose(user: User | null): void {
    this.#stop();
    this.chosen = user;
    this.#expanded = false;
    this.#options = [];
    this.#active = -1;
    this.#loading = false;
    this.#query = '';
    this.#config.onChange?.(user);
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => this.#element(user ? 'change' : 'input')?.focus());
  }

  #element(suffix: string): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>(`#${this.#config.id}-${suffix}`);
  }

  #stop(): void {
    clearTimeout(this.#timer);
    this.#search?.abort();
    this.#search = undefined;
  }

  /**
   * Closes the list; nothing to do when it is closed. On blur it runs after the press that
   * caused it, and a microtask later: a blur also comes from the input being removed by a
   * render, where an update must not be requested.
   */
  #close(): void {
    if (!this.#expanded) return;
    this.#stop();
    this.#expanded = false;
    this.#loading = false;
    this.#active = -1;
    this.#host.requestUpdate();
  }

  #open(delay = DEBOUNCE_MS): void {
    this.#stop();
    this.#expanded = true;
    this.#loading = true;
    this.#failure = '';
    this.#host.requestUpdate();
    this.#timer = setTimeout(() => void this.#run(), delay);
  }

  async #run(): Promise<void> {
    const search = (this.#search = new AbortController());
    try {
      const users = await this.#config.search(this.#query.trim(), search.signal);
      if (search.signal.aborted) return;
      this.#options = users.filter((user) => this.#config.accepts(user));
      this.#failure = '';
    } catch (error) {
      if (search.signal.aborted || isAbortError(error)) return;
      this.#options = [];
      this.#failure = isRosterError(error) ? error.userMessage : msg('Searching failed.');
    }
    this.#active = -1;
    this.#loading = false;
    this.#host.requestUpdate();
  }

  #move(by: number): void {
    const count = this.#options.length;
    if (count === 0) return;
    this.#active = this.#active < 0 && by < 0 ? count - 1 : (this.#active + by + count) % count;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() =>
      this.#element(`option-${this.#active}`)?.scrollIntoView({ block: 'nearest' }),
    );
  }

  #handleInput(event: InputEvent): void {
    this.#query = (event.target as HTMLInputElement).value.slice(0, MAX_QUERY);
    this.#open();
  }

  #handleKeydown(event: KeyboardEvent): void {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault();
        if (!this.#expanded) this.#open(0);
        else this.#move(event.key === 'ArrowDown' ? 1 : -1);
        break;
      case 'Enter': {
        // Never submits or confirms anything: Enter only picks the highlighted option.
        event.preventDefault();
        event.stopPropagation();
        const user = this.#expanded ? this.#options[this.#active] : undefined;
        if (user) this.choose(user);
        break;
      }
      case 'Escape':
        // Closes the list (or clears the text) first; only then may Escape close the dialog.
        if (this.#expanded || this.#query) {
          event.preventDefault();
          event.stopPropagation();
          if (this.#expanded) this.#close();
          else {
            this.#query = '';
            this.#host.requestUpdate();
          }
        }
        break;
      case 'Tab':
        if (this.#expanded) this.#close();
        break;
    }
  }

  /** The picker: the chosen user with a Change button, or the search combobox. */
  render(options: { label: string; disabled: boolean; error: string }): TemplateResult {
    const { id } = this.#config;
    const { label, disabled, error } = options;
    const errorText = error || this.#failure;
    if (this.chosen) {
      return html`<div class="picker" part="picker">
        <span class="label" id="${id}-label">${label}</span>
        <div class="chosen person-row" part="chosen" id="${id}-chosen">
          ${renderPerson(this.chosen)}
          <button
            id="${id}-change"
            class="button quiet"
            part="change-button"
            type="button"
            aria-describedby="${id}-label ${id}-chosen"
            ?disabled=${disabled}
            @click=${() => this.choose(null)}
          >
            ${msg('Change')}
          </button>
        </div>
        ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      </div>`;
    }
    const showList = this.#expanded && !this.#loading && this.#options.length > 0;
    const status = !this.#expanded
      ? ''
      : this.#loading
        ? msg('Searching…')
        : this.#failure
          ? ''
          : this.#options.length === 0
            ? msg('No matching users')
            : '';
    return html`<div class="picker field" part="picker">
      <label class="label" for="${id}-input">${label}</label>
      <input
        id="${id}-input"
        class="input"
        part="picker-input"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        maxlength=${MAX_QUERY}
        placeholder=${msg('Search by name or email')}
        aria-autocomplete="list"
        aria-expanded=${showList}
        aria-controls="${id}-listbox"
        aria-activedescendant=${showList && this.#active >= 0 ? `${id}-option-${this.#active}` : nothing}
        aria-describedby="${id}-status ${id}-error"
        aria-invalid=${!!errorText}
        .value=${this.#query}
        ?disabled=${disabled}
        @input=${(event: InputEvent) => this.#handleInput(event)}
        @keydown=${(event: KeyboardEvent) => this.#handleKeydown(event)}
        @click=${() => !this.#expanded && this.#open(0)}
        @blur=${() => this.#afterPress(() => queueMicrotask(() => this.#close()))}
      />
      <ul
        id="${id}-listbox"
        class="listbox"
        part="listbox"
        role="listbox"
        aria-label=${label}
        ?hidden=${!showList}
        @mousedown=${(event: Event) => event.preventDefault()}
      >
        ${
          showList
            ? this.#options.map(
                (user, index) =>
                  html`<li
                    id="${id}-option-${index}"
                    class="option person-row"
                    part="option"
                    role="option"
                    aria-selected=${index === this.#active}
                    @mousedown=${(event: Event) => event.preventDefault()}
                    @click=${() => this.choose(user)}
                  >
                    ${renderPerson(user)}
                  </li>`,
              )
            : nothing
        }
      </ul>
      <p id="${id}-status" class="hint" role="status">${status}</p>
      <p id="${id}-error" class="error" role="alert">${errorText}</p>
    </div>`;
  }
}

/** Styles of the picker (include after `controls`). */
export const userPickerStyles = css`
  :host {
    --_r-picker-list-size: var(--roster-picker-list-size, 14rem);
  }
  .picker {
    display: grid;
    gap: var(--_r-space-1);
  }
  .chosen {
    padding: var(--_r-space-2);
    border: 1px solid var(--_r-border);
    border-radius: var(--_r-radius);
  }
  .listbox {
    max-block-size: var(--_r-picker-list-size);
    margin: 0;
    padding: var(--_r-space-1);
    overflow: auto;
    list-style: none;
    border: 1px solid var(--_r-border);
    border-radius: var(--_r-radius);
    background: var(--_r-surface-raised);
  }
  .option {
    padding: var(--_r-space-1) var(--_r-space-2);
    border-radius: var(--_r-radius);
    border-inline-start: 3px solid transparent;
    cursor: pointer;
  }
  .option:hover,
  .option[aria-selected='true'] {
    background: var(--_r-surface-alt);
  }
  .option[aria-selected='true'] {
    border-inline-start-color: var(--_r-ink);
  }
  .picker p {
    margin: 0;
  }
`;
