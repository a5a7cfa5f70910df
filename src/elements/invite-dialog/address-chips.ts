/**
 * The address field of `<invite-dialog>`: a ReactiveController holding the addresses as
 * chips and a `render()` giving the field's template, so no extra tag is registered. Typed or
 * pasted text becomes chips at each separator (comma, semicolon, white space); each chip is
 * checked (format, listed twice, already a user or invited, the last send's refusal); the
 * field holds at most {@link MAX_ADDRESSES} and says when more than can be sent at once
 * ({@link MAX_PER_SEND}, or fewer seats) are there. In the list, arrow keys, Home and End
 * move, Enter edits, and Delete or Backspace removes an address.
 */
import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import type { LitElement, ReactiveController, TemplateResult } from 'lit';
import { live } from '../parts/live.js';
import { isValidEmail } from '../../api/rules.js';
import { formatNumber, plural } from '../../i18n/localization.js';
import type { Lookup } from '../../store/index.js';
import { describedBy } from '../parts/access-fields.js';
import { afterPress } from '../parts/press.js';

/** Most invitations sent at once. */
export const MAX_PER_SEND = 100;
/** Most addresses the field holds (a longer paste keeps the first ones and says so). */
export const MAX_ADDRESSES = 1000;
const SEPARATORS = /[\s,;]+/;

/** One address in the field, and what the last send said about it. */
export interface Chip {
  readonly key: number;
  readonly email: string;
  /** The server's refusal at the last send, shown until the chip (or, unless it is about the email, the access) changes. */
  readonly error?: string;
  /** The refusal concerns the address itself: the chip is not sent again as it is. */
  readonly emailError?: boolean;
}

/** What the last send said about a chip it refused. */
export type ChipRefusal = Pick<Chip, 'error' | 'emailError'>;

/**
 * A chip's state before sending: sendable (with, after a refused send, why it was refused) or
 * flagged with why.
 */
export interface ChipCheck {
  message: string | null;
  sendable: boolean;
}

export interface AddressChipsOptions {
  /** What is known about addresses, by lower-cased email (users, pending invitations). */
  known: () => ReadonlyMap<string, Lookup>;
  /** Whether work is in flight: the addresses cannot change then. */
  busy: () => boolean;
  /** Called when addresses were added (to look them up). */
  onAdd: () => void;
  /** Called when "Remove all" emptied the field. */
  onClear: () => void;
  /** Called on Enter in the empty input (to send). */
  onSubmit: () => void;
}

const lower = (email: string) => email.toLowerCase();
/** A very long address is shown cut short (the whole text stays in the chip's edit). */
const shown = (email: string) => (email.length > 64 ? `${email.slice(0, 63)}…` : email);

export class AddressChips implements ReactiveController {
  /** Each chip's check, as of the last update of the host. */
  checks: readonly ChipCheck[] = [];
  private list: readonly Chip[] = [];
  /** The text being typed (not a chip yet). */
  #draft = '';
  #notice = '';
  /** The chip holding the list's single tab stop. */
  #focusIndex = 0;
  #nextKey = 0;
  readonly #afterPress: (fn: () => void) => void;

  readonly #host: LitElement;
  readonly #config: AddressChipsOptions;

  constructor(host: LitElement, config: AddressChipsOptions) {
    this.#host = host;
    this.#config = config;
    host.addController(this);
    this.#afterPress = afterPress(host);
  }

  /** The addresses, in the order given. */
  get chips(): readonly Chip[] {
    return this.list;
  }

  hostUpdate(): void {
    this.checks = this.check();
  }

  /** Back to an empty field. */
  reset(): void {
    this.list = [];
    this.#draft = this.#notice = '';
    this.#focusIndex = 0;
    this.#host.requestUpdate();
  }

  /** Checks every chip now: format, listed twice, already a user, the last send's refusal. */
  check(): ChipCheck[] {
    const seen = new Set<string>();
    const known = this.#config.known();
    return this.list.map((chip) => {
      const key = lower(chip.email);
      const lookup = known.get(key);
      const twice = seen.has(key);
      seen.add(key);
      const blocking = !isValidEmail(chip.email)
        ? msg('Not a valid email address')
        : twice
          ? msg('Listed twice')
          : lookup === 'member'
            ? msg('Already a member')
            : lookup === 'invited'
              ? msg('Already invited')
              : null;
      return {
        message: blocking ?? chip.error ?? null,
        sendable: !blocking && !chip.emailError,
      };
    });
  }

  /** Makes what is being typed a chip too, then gives the chips that can be sent. */
  takeSendable(): Chip[] {
    this.#commitDraft();
    const checks = this.check();
    return this.list.filter((_, i) => checks[i]!.sendable);
  }

  /** After a send: the chips sent leave, but those `refused` stay, with what was said. */
  settle(sent: readonly Chip[], refused: ReadonlyMap<Chip, ChipRefusal>): void {
    const sending = new Set(sent);
    this.list = this.list.flatMap((chip) => {
      if (!sending.has(chip)) return [chip];
      const refusal = refused.get(chip);
      return refusal ? [{ ...chip, ...refusal }] : [];
    });
    this.#focusIndex = 0;
    this.#host.requestUpdate();
  }

  /** The access changed: refusals about it (not about an address) no longer hold. */
  clearAccessRefusals(): void {
    if (!this.list.some((chip) => chip.error && !chip.emailError)) return;
    this.list = this.list.map((chip) => (chip.emailError ? chip : { ...chip, error: undefined }));
    this.#host.requestUpdate();
  }

  /** Focuses the input. */
  focus(): void {
    this.#input()?.focus();
  }

  #input(): HTMLInputElement | null {
    return this.#host.renderRoot.querySelector<HTMLInputElement>('.email-input');
  }

  #commitDraft(): void {
    if (this.#draft.trim()) this.#addText(this.#draft, true);
  }

  /** Turns text into chips (the whole text when `all`, else all but the fragment being typed). */
  #addText(text: string, all: boolean): void {
    const parts = text.split(SEPARATORS);
    const rest = all ? '' : (parts.pop() ?? '');
    const emails = parts.filter(Boolean);
    const room = MAX_ADDRESSES - this.list.length;
    if (emails.length > room)
      this.#notice = plural(emails.length - room, (c) => ({
        one: msg(
          str`Only the first ${formatNumber(MAX_ADDRESSES)} addresses were kept; ${c} was left out.`,
        ),
        other: msg(
          str`Only the first ${formatNumber(MAX_ADDRESSES)} addresses were kept; ${c} were left out.`,
        ),
      }));
    if (emails.length > 0 && room > 0) {
      this.list = [
        ...this.list,
        ...emails.slice(0, room).map((email) => ({ key: this.#nextKey++, email })),
      ];
      this.#config.onAdd();
    }
    this.#draft = rest;
    this.#host.requestUpdate();
  }

  #removeChip(index: number, keepFocusInList = false): void {
    if (this.#config.busy()) return;
    this.list = this.list.filter((_, i) => i !== index);
    const next = Math.min(index, this.list.length - 1);
    this.#focusIndex = Math.max(0, next);
    this.#host.requestUpdate();
    if (keepFocusInList && next >= 0) void this.#focusChip(next);
    else void this.#host.updateComplete.then(() => this.focus());
  }

  async #focusChip(index: number): Promise<void> {
    this.#focusIndex = index;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  }

  /** Leaving the input makes its text a chip (after a press, unless it came back). */
  #handleBlur(): void {
    this.#afterPress(() => this.#input()?.matches(':focus') || this.#commitDraft());
  }

  #handleInput(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    if (SEPARATORS.test(value)) this.#addText(value, false);
    else {
      this.#draft = value;
      this.#host.requestUpdate();
    }
  }

  #handlePaste(event: ClipboardEvent): void {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (!SEPARATORS.test(text.trim())) return;
    event.preventDefault();
    const input = event.target as HTMLInputElement;
    const before = input.value.slice(0, input.selectionStart ?? input.value.length);
    const after = input.value.slice(input.selectionEnd ?? input.value.length);
    this.#addText(`${before}${text}${after}`, true);
  }

  #handleInputKeydown(event: KeyboardEvent): void {
    const input = event.target as HTMLInputElement;
    const count = this.list.length;
    if (event.key === 'Enter') {
      event.preventDefault();
      if (this.#draft.trim()) this.#commitDraft();
      else this.#config.onSubmit();
    } else if (event.key === 'Backspace' && input.value === '' && count > 0) {
      event.preventDefault();
      this.#removeChip(count - 1);
    } else if (
      (event.key === 'ArrowLeft' || event.key === 'ArrowUp') &&
      input.selectionStart === 0 &&
      input.selectionEnd === 0 &&
      count > 0
    ) {
      event.preventDefault();
      void this.#focusChip(count - 1);
    }
  }

  #handleChipKeydown(event: KeyboardEvent, index: number): void {
    const last = this.list.length - 1;
    const moves: Record<string, number> = {
      ArrowLeft: index - 1,
      ArrowUp: index - 1,
      ArrowRight: index + 1,
      ArrowDown: index + 1,
      Home: 0,
      End: last,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      if (target > last) this.focus();
      else void this.#focusChip(Math.max(0, target));
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      this.#removeChip(index, true);
    }
  }

  /** Puts a chip back into the input for editing. */
  #handleEditChip(index: number): void {
    const chip = this.list[index];
    if (!chip || this.#config.busy()) return;
    this.#commitDraft();
    this.list = this.list.filter((c) => c !== chip);
    this.#draft = chip.email;
    this.#focusIndex = Math.min(this.#focusIndex, Math.max(0, this.list.length - 1));
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => {
      this.#input()?.focus();
      this.#input()?.select();
    });
  }

  #handleChipFocus(index: number): void {
    if (this.#focusIndex === index) return;
    this.#focusIndex = index;
    this.#host.requestUpdate();
  }

  /** Keeps the first `cap` sendable addresses (flagged ones stay, to be fixed). */
  #handleKeepFirst(cap: number): void {
    let kept = cap;
    this.list = this.list.filter((_, i) => !this.checks[i]!.sendable || kept-- > 0);
    this.#notice = '';
    this.#host.requestUpdate();
  }

  #handleClearAll(): void {
    this.list = [];
    this.#notice = '';
    this.#config.onClear();
    this.#host.requestUpdate();
    this.focus();
  }

  /**
   * The field: label, chips, input, hints, and a row with `seats` (the host's seats line),
   * "Keep the first N" and "Remove all". `cap` is how many can be sent now (the per-send
   * maximum, or the seats left when fewer); more addresses than that block sending, said in
   * the field's limit message.
   */
  render(options: { cap: number; seats: unknown }): TemplateResult {
    const { cap, seats } = options;
    const busy = this.#config.busy();
    const { checks, list } = this;
    // Flagged: not sent as they are. A chip only refused by the last send is sent again.
    const sendable = checks.filter((check) => check.sendable).length;
    const flagged = checks.length - sendable;
    // The tighter of the two limits speaks: 10 seats left matter more than 100 per send.
    const limit =
      sendable <= cap
        ? ''
        : cap === MAX_PER_SEND
          ? plural(sendable - MAX_PER_SEND, (c) => ({
              one: msg(
                str`At most ${formatNumber(MAX_PER_SEND)} invitations can be sent at once: remove ${c} address.`,
              ),
              other: msg(
                str`At most ${formatNumber(MAX_PER_SEND)} invitations can be sent at once: remove ${c} addresses.`,
              ),
            }))
          : cap === 0
            ? msg('No seats left: remove users or raise the seat limit before inviting.')
            : plural(sendable - cap, (c) => ({
                one: msg(str`Not enough seats left: remove ${c} address, or free seats first.`),
                other: msg(str`Not enough seats left: remove ${c} addresses, or free seats first.`),
              }));
    const button = (label: string, part: string, onClick: () => void) =>
      html`<button
        class="button quiet"
        part=${part}
        type="button"
        ?disabled=${busy}
        @click=${onClick}
      >
        ${label}
      </button>`;
    return html`
      <div class="field">
        <label class="label" for="emails">${msg('Email addresses')}</label>
        <div class="emails" part="emails">
          ${
            list.length > 0
              ? html`<ul
                  class="chips"
                  role="list"
                  part="chips"
                  aria-label=${msg('Addresses')}
                  aria-describedby="chips-hint"
                >
                  ${list.map((chip, i) => this.#renderChip(chip, i, checks[i]!, busy))}
                </ul>`
              : nothing
          }
          <input
            id="emails"
            class="input email-input"
            part="email-input"
            type="text"
            inputmode="email"
            autocomplete="off"
            spellcheck="false"
            autofocus
            placeholder=${list.length === 0 ? msg('name@example.com') : ''}
            .value=${live(this.#draft)}
            ?readonly=${busy}
            aria-invalid=${flagged > 0 ? 'true' : 'false'}
            aria-describedby=${describedBy(
              'emails-hint',
              flagged > 0 && 'emails-flagged',
              limit && 'limit-message',
            )}
            @input=${(event: Event) => this.#handleInput(event)}
            @paste=${(event: ClipboardEvent) => this.#handlePaste(event)}
            @keydown=${(event: KeyboardEvent) => this.#handleInputKeydown(event)}
            @blur=${() => this.#handleBlur()}
          />
        </div>
        <span class="hint" id="emails-hint"
          >${msg('Separate addresses with commas, spaces or new lines.')}</span
        >
        ${
          list.length > 0
            ? html`<span class="hint" id="chips-hint"
                >${msg('In the list, arrow keys move, Enter edits and Delete removes an address.')}</span
              >`
            : nothing
        }
        ${
          flagged > 0
            ? html`<span class="error" id="emails-flagged"
                >${
                  sendable > 0
                    ? html`<span class="hint"
                        >${plural(sendable, (c) => ({
                          one: msg(str`${c} address is ready to send.`),
                          other: msg(str`${c} addresses are ready to send.`),
                        }))}</span
                      >`
                    : nothing
                }
                ${plural(flagged, (c) => ({
                  one: msg(
                    str`${c} address needs attention and will not be sent: fix or remove it.`,
                  ),
                  other: msg(
                    str`${c} addresses need attention and will not be sent: fix or remove them.`,
                  ),
                }))}</span
              >`
            : nothing
        }
        ${this.#notice ? html`<span class="hint">${this.#notice}</span>` : nothing}
        <div class="row">
          ${seats}
          ${
            list.length > 1
              ? html`<span>
                  ${
                    sendable > cap && cap > 0
                      ? button(
                          plural(cap, (c) => ({
                            one: msg('Keep only the first address'),
                            other: msg(str`Keep only the first ${c} addresses`),
                          })),
                          'keep-first-button',
                          () => this.#handleKeepFirst(cap),
                        )
                      : nothing
                  }
                  ${button(msg('Remove all'), 'clear-button', () => this.#handleClearAll())}
                </span>`
              : nothing
          }
        </div>
        ${
          limit
            ? html`<p class="error" id="limit-message" part="limit-message" role="alert">
                ${limit}
              </p>`
            : nothing
        }
      </div>
    `;
  }

  #renderChip(chip: Chip, index: number, check: ChipCheck, busy: boolean): TemplateResult {
    const focusable = index === Math.min(this.#focusIndex, this.list.length - 1);
    const messageId = `chip-${chip.key}-message`;
    return html`
      <li
        class="chip ${check.sendable ? '' : 'invalid'}"
        part="chip ${check.sendable ? '' : 'chip-invalid'}"
      >
        <button
          type="button"
          class="chip-edit"
          part="chip-edit"
          dir="auto"
          data-index=${index}
          tabindex=${focusable ? 0 : -1}
          aria-label=${msg(str`Edit ${shown(chip.email)}`)}
          aria-describedby=${check.message ? messageId : nothing}
          @click=${() => this.#handleEditChip(index)}
          @keydown=${(event: KeyboardEvent) => this.#handleChipKeydown(event, index)}
          @focus=${() => this.#handleChipFocus(index)}
        >
          <span class="chip-email">${shown(chip.email)}</span>
        </button>
        <button
          type="button"
          class="chip-remove"
          part="chip-remove"
          tabindex="-1"
          aria-label=${msg(str`Remove ${shown(chip.email)}`)}
          ?disabled=${busy}
          @click=${() => this.#removeChip(index)}
        >
          ×
        </button>
        ${
          check.message
            ? html`<span class="error" id=${messageId} part="chip-error">${check.message}</span>`
            : nothing
        }
      </li>
    `;
  }
}

/** Styles of the address field (include after `controls`). */
export const addressChipsStyles = css`
  :host {
    --_r-chip-background: var(--roster-chip-background, var(--_r-surface-alt));
    --_r-chip-max-size: var(--roster-chip-max-size, 22rem);
    --_r-chips-max-block-size: var(--roster-chips-max-block-size, 12rem);
  }
  .emails {
    display: grid;
    gap: var(--_r-space-1);
    padding: var(--_r-space-1);
    border: 1px solid var(--_r-border);
    border-radius: var(--_r-radius);
    background: var(--_r-surface);
  }
  .emails:focus-within {
    outline: 2px solid var(--_r-focus);
    outline-offset: 2px;
  }
  .emails .input {
    border: none;
    outline: none;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: var(--_r-space-1);
    margin: 0;
    padding: 0;
    list-style: none;
    max-block-size: var(--_r-chips-max-block-size);
    overflow: auto;
    /* Typing in the field below never re-lays out a long list. */
    contain: content;
  }
  .chip {
    display: grid;
    grid-template-columns: minmax(0, auto) auto;
    align-items: center;
    max-inline-size: var(--_r-chip-max-size);
    border: 1px solid var(--_r-border);
    border-radius: var(--_r-radius);
    background: var(--_r-chip-background);
  }
  .chip.invalid {
    border-color: var(--_r-danger);
    border-style: dashed;
  }
  .chip-edit,
  .chip-remove {
    border: none;
    background: transparent;
    padding-block: var(--_r-space-1);
    padding-inline: var(--_r-space-2);
    cursor: pointer;
  }
  .chip-edit {
    min-inline-size: 0;
    text-align: start;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .chip-remove {
    padding-inline: var(--_r-space-1) var(--_r-space-2);
  }
  .chip .error {
    grid-column: 1 / -1;
    padding-inline: var(--_r-space-2);
    padding-block-end: var(--_r-space-1);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_r-space-2);
  }
`;
