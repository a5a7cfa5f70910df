/**
 * The dialogs `<users-table>` opens in its shadow root (`<invite-dialog>`, `<edit-user-dialog>`,
 * `<revoke-dialog>`, the internal `<roster-confirm-dialog>`): one at a time, rendered while
 * open, shown with its `show()`, and the focus placed by the host once it closed (from where
 * the focus was when it opened). Its own state and `render()`, like the table's controllers,
 * but it needs none of the host's lifecycle.
 */
import { html, nothing } from 'lit';
import type { LitElement, TemplateResult } from 'lit';
import type { User } from '../../api/types.js';
import type { RosterStore } from '../../store/index.js';
import { ROW } from './cells.js';

/** A dialog being shown, with what it is about. */
export type OpenDialog =
  | { kind: 'invite' }
  | { kind: 'edit'; user: User }
  | { kind: 'revoke'; users: User[] }
  | { kind: 'confirm'; heading: string; lines: string[]; confirm: string };

/**
 * Where the focus was when a dialog opened: in a row (its user and index), elsewhere in the
 * table (`id` null: the bulk bar, the toolbar), or outside the table (null).
 */
export type FocusOrigin = { id: string | null; index: number } | null;

/** A dialog of the table's, as it is used: opened with `show()`. */
interface Showable<Outcome> extends HTMLElement {
  show(): Promise<Outcome>;
  updateComplete: Promise<boolean>;
}

export interface DialogOptions {
  /** The store the dialogs work on, or null. */
  store: () => RosterStore | null;
  /** Places the focus after a dialog opened from `origin` closed (and its change rendered). */
  returnFocus: (origin: FocusOrigin) => Promise<void>;
}

export class DialogController {
  /** The dialog being shown. */
  #open: OpenDialog | null = null;
  /** Where the focus was when the open dialog opened. */
  #origin: FocusOrigin = null;

  readonly #host: LitElement;
  readonly #options: DialogOptions;

  constructor(host: LitElement, options: DialogOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** The user whose row the open dialog was opened from (the dialog returns the focus there). */
  get openedFrom(): string | null {
    return this.#origin?.id ?? null;
  }

  /** Shows `dialog`; resolves to its outcome once it closed and the focus was placed. */
  async show<Outcome>(dialog: OpenDialog): Promise<Outcome> {
    const origin = (this.#origin = this.#focusOrigin());
    this.#open = dialog;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    // Rendered by the update just awaited (the host renders the open dialog as #dialog).
    const element = this.#host.renderRoot.querySelector('#dialog') as Showable<Outcome>;
    await element.updateComplete;
    try {
      return await element.show();
    } finally {
      this.#open = null;
      this.#origin = null;
      this.#host.requestUpdate();
      await this.#options.returnFocus(origin);
    }
  }

  #focusOrigin(): FocusOrigin {
    const active = this.#host.shadowRoot?.activeElement;
    if (!active) return null;
    const row = active.closest<HTMLElement>(ROW);
    return { id: row?.dataset.id ?? null, index: Number(row?.dataset.index ?? -1) };
  }

  /** The open dialog, or nothing. */
  render(): TemplateResult | typeof nothing {
    const dialog = this.#open;
    const store = this.#options.store();
    if (!dialog || !store) return nothing;
    switch (dialog.kind) {
      case 'invite':
        return html`<invite-dialog id="dialog" .store=${store}></invite-dialog>`;
      case 'edit':
        return html`<edit-user-dialog
          id="dialog"
          .store=${store}
          .user=${dialog.user}
        ></edit-user-dialog>`;
      case 'revoke':
        return html`<revoke-dialog
          id="dialog"
          .store=${store}
          .users=${dialog.users}
        ></revoke-dialog>`;
      case 'confirm':
        return html`<roster-confirm-dialog
          id="dialog"
          .heading=${dialog.heading}
          .lines=${dialog.lines}
          .confirm=${dialog.confirm}
        ></roster-confirm-dialog>`;
    }
  }
}
