/**
 * The shell every Roster dialog shares: a native modal `<dialog>` with a heading, a close
 * button, a body and a footer. `show()` opens it and resolves to the dialog's outcome when
 * it closes; focus returns to whatever had it before; Escape (and the close button) cancel
 * unless the dialog is busy. A dialog subclass supplies the heading, body, footer, the
 * outcome of a cancel, and `reset()` to start each opening afresh.
 */
import { msg } from '@lit/localize';
import { css, html, nothing } from 'lit';
import type { PropertyDeclarations, TemplateResult } from 'lit';
import { displayName } from '../../api/rules.js';
import type { User } from '../../api/types.js';
import { controls } from '../../styles/controls.js';
import { tokens } from '../../styles/tokens.js';
import { RosterElement } from '../roster-element.js';
import { renderAvatar } from './avatar.js';
import { button } from './button.js';

/** The focused element, looking inside shadow roots. */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * A user as every dialog shows one (in a `.person-row`): avatar, name, and under a name the
 * email (each clamped to two lines), then `extra` (a note). Include `avatarStyles`.
 */
export function renderPerson(user: User, extra: unknown = nothing): TemplateResult {
  return html`${renderAvatar(user)}<span class="person"
      ><span class="name">${displayName(user)}</span>${
        user.name.trim() ? html`<span class="hint email">${user.email}</span>` : nothing
      }${extra}</span
    >`;
}

const dialogStyles = css`
  :host {
    display: contents;
  }
  dialog {
    box-sizing: border-box;
    /* 100%: the viewport without its scrollbar (100vw would overflow beside one). */
    inline-size: min(36rem, calc(100% - 2 * var(--_r-space-4)));
    max-block-size: calc(100dvh - 2 * var(--_r-space-4));
    padding: 0;
    border: 1px solid var(--_r-border);
    border-radius: var(--_r-radius-large);
    background: var(--_r-surface-raised);
    color: var(--_r-text);
    box-shadow: var(--_r-shadow);
    overflow: hidden;
  }
  dialog[open] {
    display: flex;
    flex-direction: column;
  }
  dialog::backdrop {
    background: var(--_r-backdrop);
  }
  .header {
    display: flex;
    align-items: center;
    gap: var(--_r-space-2);
    padding: var(--_r-space-4) var(--_r-space-4) var(--_r-space-2);
  }
  .heading {
    flex: 1;
    margin: 0;
    font-size: var(--_r-font-size-large);
    overflow-wrap: anywhere;
  }
  .body {
    display: grid;
    gap: var(--_r-space-4);
    padding: var(--_r-space-2) var(--_r-space-4) var(--_r-space-4);
    overflow: auto;
    overflow-wrap: anywhere;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: var(--_r-space-2);
    padding: var(--_r-space-3) var(--_r-space-4);
    border-block-start: 1px solid var(--_r-border);
    background: var(--_r-surface-alt);
  }
  /*
   * Text from data, and English in an RTL page, keeps its own direction (no "seats left 10"),
   * aligned as the page reads, not by the text's own direction (start would follow the text).
   */
  .heading,
  :is(.body, .footer)
    :is(
      p,
      li,
      legend,
      dt,
      dd,
      th,
      td,
      label > span,
      .option-text > *,
      .hint,
      .error,
      .label,
      .name,
      .email,
      .note
    ) {
    unicode-bidi: plaintext;
    text-align: var(--_r-align);
  }
  .person-row {
    display: flex;
    align-items: center;
    gap: var(--_r-space-2);
    min-inline-size: 0;
  }
  .person {
    display: grid;
    flex: 1;
    min-inline-size: 0;
  }
  .person > :is(.name, .email) {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
  }
  .name {
    font-weight: 600;
  }
  /* A busy button (aria-disabled, keeping the focus) stays readable: "Saving…". */
  .footer .button[aria-disabled='true'] {
    opacity: 0.8;
    cursor: progress;
  }
  .close {
    inline-size: var(--_r-control-height);
    padding: 0;
    font-size: var(--_r-font-size-large);
  }
`;

/** Base class of `<invite-dialog>`, `<edit-user-dialog>` and `<revoke-dialog>`. */
export abstract class RosterDialog<Outcome> extends RosterElement {
  // Which fields below are reactive (Lit adds the base class's to these).
  static override properties: PropertyDeclarations = {
    isOpen: { state: true },
    busy: { state: true },
  };
  static override styles = [tokens, controls, dialogStyles];

  /** What had the focus when the dialog opened; it gets it back on close. */
  #opener: HTMLElement | null = null;
  #settle?: (outcome: Outcome) => void;
  #pending?: Promise<Outcome>;

  /** Whether the dialog is open. */
  protected isOpen = false;
  /** Work is in flight: the dialog cannot be cancelled and its controls are disabled. */
  protected busy = false;

  /** Whether the dialog is open. */
  get open(): boolean {
    return this.isOpen;
  }

  /** The native `<dialog>` in the shadow root (null before the first render). */
  protected get dialog(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector('dialog') ?? null;
  }

  /**
   * Opens the dialog; resolves to its outcome once it closes. Calling it while open returns
   * the pending outcome.
   */
  show(): Promise<Outcome> {
    if (this.#pending) return this.#pending;
    this.#opener = deepActiveElement();
    this.reset();
    this.isOpen = true;
    this.#pending = new Promise<Outcome>((resolve) => (this.#settle = resolve));
    void this.updateComplete.then(() => {
      const dialog = this.dialog;
      if (!this.isOpen || !dialog || dialog.open) return;
      dialog.showModal();
      this.focusFirst();
    });
    return this.#pending;
  }

  /** Closes the dialog with an outcome (by default: cancelled). Ignored when closed. */
  close(outcome: Outcome = this.cancelOutcome()): void {
    if (!this.#settle) return;
    const settle = this.#settle;
    this.#settle = undefined;
    this.#pending = undefined;
    this.isOpen = false;
    this.busy = false;
    if (this.dialog?.open) this.dialog.close();
    settle(outcome);
    if (this.#opener?.isConnected) this.#opener.focus();
    this.#opener = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.close();
  }

  /** Runs `work` with the dialog busy (no cancelling, controls disabled). */
  protected async whileBusy<T>(work: () => Promise<T>): Promise<T> {
    this.busy = true;
    try {
      return await work();
    } finally {
      this.busy = false;
    }
  }

  /** The outcome when the person cancels (Escape, close button, Cancel). */
  protected abstract cancelOutcome(): Outcome;
  /** Clears what the previous opening left, before each opening. */
  protected abstract reset(): void;
  /** The dialog's heading (its accessible name). */
  protected abstract renderHeading(): string | TemplateResult;
  protected abstract renderBody(): unknown;
  protected abstract renderFooter(): unknown;

  /** The footer's Cancel button (or `label`, e.g. Close): closes with the cancel outcome. */
  protected renderCancel(label = msg('Cancel'), part = 'cancel-button'): TemplateResult {
    return this.renderButton(label, part, () => this.close());
  }

  /** A plain `type=button` button (`variant`: `primary`, `quiet`…), disabled while busy. */
  protected renderButton(
    label: string,
    part: string,
    onClick: () => void,
    variant = '',
  ): TemplateResult {
    return button(part, label, onClick, variant, this.busy);
  }

  /** Focuses the `[autofocus]` control, else the first enabled control of the body. */
  protected focusFirst(): void {
    const root = this.renderRoot;
    const target =
      root.querySelector<HTMLElement>('[autofocus]') ??
      root.querySelector<HTMLElement>(
        '.body :is(input, select, textarea, button):not(:disabled), .footer button:not(:disabled)',
      );
    target?.focus();
  }

  #handleCancel(event: Event): void {
    // Escape: never the browser's own close (it would skip our outcome); ours unless busy.
    event.preventDefault();
    if (!this.busy) this.close();
  }

  #handleKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.busy) event.preventDefault();
    if (event.key === 'Tab') this.#wrapFocus(event);
  }

  /**
   * Keeps Tab inside the dialog: a modal `<dialog>` alone lets Tab leave its last control
   * (to the browser's UI or the document), so Tab on the last control goes to the first, and
   * Shift+Tab on the first to the last.
   */
  #wrapFocus(event: KeyboardEvent): void {
    const dialog = this.dialog;
    if (!dialog) return;
    const tabbable = [
      ...dialog.querySelectorAll<HTMLElement>(
        'button, input, select, textarea, a[href], [tabindex]',
      ),
    ].filter(
      (el) =>
        el.tabIndex >= 0 &&
        !el.matches(':disabled, input[type=radio]:not(:checked)') &&
        el.checkVisibility(),
    );
    const first = tabbable[0];
    const last = tabbable[tabbable.length - 1];
    const active = deepActiveElement();
    const target = event.shiftKey
      ? active === first || active === dialog
        ? last
        : null
      : active === last
        ? first
        : null;
    if (!target) return;
    event.preventDefault();
    target.focus();
  }

  #handleClosed(): void {
    // Closed by something else than close() (e.g. a form with method=dialog): a cancel. The
    // event comes a task later: a stale one after close() and a quick show() finds it open.
    if (this.#settle && !this.dialog?.open) this.close();
  }

  override render() {
    return html`
      <dialog
        part="dialog"
        aria-labelledby="heading"
        aria-busy=${this.busy}
        @cancel=${this.#handleCancel}
        @close=${this.#handleClosed}
        @keydown=${this.#handleKeydown}
      >
        ${
          this.isOpen
            ? html`
                <header class="header" part="header">
                  <h2 id="heading" class="heading" part="heading">${this.renderHeading()}</h2>
                  <button
                    class="button quiet close"
                    part="close-button"
                    type="button"
                    aria-label=${msg('Close')}
                    ?disabled=${this.busy}
                    @click=${() => this.close()}
                  >
                    ×
                  </button>
                </header>
                <div class="body" part="body">${this.renderBody()}</div>
                <footer class="footer" part="footer">${this.renderFooter()}</footer>
              `
            : nothing
        }
      </dialog>
    `;
  }
}
