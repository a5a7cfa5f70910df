/**
 * The confirmation `<users-table>` asks before a change that needs one (a promotion, a role
 * change that drops restrictions, a template or a flag; a bulk role change or suspension):
 * a heading asking the question, a line per consequence, Cancel and the confirm button.
 * Registered as `roster-confirm-dialog` (internal). `show()` resolves to true when confirmed.
 * The focus starts on Cancel; Escape cancels.
 */
import { css, html } from 'lit';
import type { PropertyDeclarations } from 'lit';
import { RosterDialog } from '../parts/dialog.js';

export class RosterConfirmDialog extends RosterDialog<boolean> {
  // Which fields below are reactive (Lit adds the base class's to these).
  static override properties: PropertyDeclarations = {
    heading: {},
    lines: { attribute: false },
    confirm: {},
  };
  static override styles = [
    ...RosterDialog.styles,
    css`
      p {
        margin: 0;
      }
    `,
  ];

  /** The question, e.g. "Change Ana Lima's role to Owner?". */
  heading = '';
  /** What the change changes, one sentence each. */
  lines: readonly string[] = [];
  /** The confirm button's label, e.g. "Change to Owner". */
  confirm = '';

  protected override cancelOutcome(): boolean {
    return false;
  }

  protected override reset(): void {}

  protected override renderHeading(): string {
    return this.heading;
  }

  protected override renderBody(): unknown {
    return this.lines.map((line) => html`<p part="consequence">${line}</p>`);
  }

  protected override renderFooter(): unknown {
    return html`${this.renderCancel()}${this.renderButton(
      this.confirm,
      'confirm-button',
      () => this.close(true),
      'primary',
    )}`;
  }
}
