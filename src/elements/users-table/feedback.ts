/**
 * What `<users-table>` says about the outcome of an action: a passing toast (a polite live
 * region), an inline alert (`role="alert"`, also reported with `roster-error`), and the
 * per-user results of a bulk action. A ReactiveController with its own state and templates.
 */
import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import type { LitElement, ReactiveController, TemplateResult } from 'lit';
import { isRosterError } from '../../api/errors.js';
import { RosterErrorEvent } from '../../events.js';
import type { RosterAction } from '../../events.js';
import { formatNumber, plural } from '../../i18n/localization.js';
import type { PluralForms } from '../../i18n/localization.js';

/** How long a result message stays, in ms. */
const TOAST_MS = 8000;

/** One line of the results of a bulk action. */
export interface BulkResult {
  userId: string;
  ok: boolean;
  text: string;
}

export class FeedbackController implements ReactiveController {
  /** The latest result message. */
  #toast = '';
  #toastTimer?: ReturnType<typeof setTimeout>;
  /** The latest failure message of an action. */
  #alert = '';
  /** Per-user results of the latest bulk action. */
  #results: BulkResult[] | null = null;

  readonly #host: LitElement;

  constructor(host: LitElement) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#toastTimer);
  }

  /** Shows a result message for a while. */
  showToast(text: string): void {
    this.#toast = text;
    clearTimeout(this.#toastTimer);
    this.#toastTimer = setTimeout(() => {
      this.#toast = '';
      this.#host.requestUpdate();
    }, TOAST_MS);
    this.#host.requestUpdate();
  }

  /** Shows a failure inline (an empty text removes it). */
  showAlert(text: string): void {
    this.#alert = text;
    this.#host.requestUpdate();
  }

  /** Shows a failure inline and tells the host with `roster-error`. */
  report(message: string, error: unknown, action: RosterAction | 'load' | null): void {
    this.showAlert(message);
    this.#host.dispatchEvent(new RosterErrorEvent(message, error, action));
  }

  /** {@link report}s an error, in {@link errorText}'s words. */
  fail(error: unknown, action: RosterAction | 'load' | null): void {
    this.report(errorText(error), error, action);
  }

  /** Shows the results of a bulk action (null: none). */
  showResults(results: BulkResult[] | null): void {
    this.#results = results;
    this.#host.requestUpdate();
  }

  /**
   * Says how an action on users went: for one user its line as a toast (an alert when it
   * failed); for more the results list and a toast counting the successes (`counted` gets
   * that number and the count, formatted, e.g. "3 of 4 users removed").
   */
  showOutcome(results: BulkResult[], counted: (done: string, count: string) => PluralForms): void {
    const [only] = results;
    if (results.length > 1) {
      this.showResults(results);
      const done = formatNumber(results.filter((result) => result.ok).length);
      this.showToast(plural(results.length, (count) => counted(done, count)));
    } else if (only?.ok) this.showToast(only.text);
    else if (only) this.showAlert(only.text);
  }

  /** The results of the latest bulk action, with a button dismissing them. */
  renderResults(): TemplateResult | typeof nothing {
    const results = this.#results;
    if (!results) return nothing;
    return html`<div class="results-wrap">
      <ul class="results" part="bulk-results" aria-label=${msg('Results')}>
        ${results.map(
          (result) =>
            html`<li data-ok=${result.ok}>
              <span aria-hidden="true">${result.ok ? '✓' : '✗'}</span> ${result.text}
            </li>`,
        )}
      </ul>
      <button class="button quiet" type="button" @click=${() => this.showResults(null)}>
        ${msg('Dismiss results')}
      </button>
    </div>`;
  }

  /** The inline failure message, with a button dismissing it. */
  renderAlert(): TemplateResult | typeof nothing {
    if (!this.#alert) return nothing;
    return html`<div class="alert" part="alert" role="alert">
      <span>${this.#alert}</span>
      <button class="button quiet" type="button" @click=${() => this.showAlert('')}>
        ${msg('Dismiss')}
      </button>
    </div>`;
  }

  /** The live region of the result messages (always there, so each new text is announced). */
  renderToast(): TemplateResult {
    return html`<div class="toast" part="toast" role="status">${this.#toast}</div>`;
  }
}

/** What a person is told of a failed action: a Roster error's own words, else a generic line. */
export function errorText(error: unknown): string {
  return isRosterError(error) ? error.userMessage : msg('Something went wrong. Please try again.');
}
