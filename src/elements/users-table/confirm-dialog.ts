/**
 * The confirmation `<users-table>` asks before a change that needs one (a promotion, a role
 * change that drops restrictions, a template or a flag; a bulk role change or suspension):
 * a heading asking the question, a line per consequence, Cancel and the confirm button.
 * Registered as `roster-confirm-dialog` (internal). `show()` resolves to true when confirmed.
 * The focus starts on Cancel; Escape cancels.
 */
import { msg, str } from '@lit/localize';
import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { restrictionLabel } from '../../api/role-change.js';
import type { RoleChangeEffects } from '../../api/role-change.js';
import type { PermissionCatalog, Role, RoleTemplate, User } from '../../api/types.js';
import { getLocale } from '../../i18n/localization.js';
import { RosterDialog } from '../parts/dialog.js';

/**
 * What changing these users' role to `to` changes, a sentence each, in the server's words
 * (role description, restriction, template and flag names): for the new role when it is a
 * promotion, the restrictions removed, the templates cleared, the flags turned on or off.
 */
export function roleChangeLines(
  changes: readonly { user: User; effects: RoleChangeEffects }[],
  to: Role,
  templates: readonly RoleTemplate[],
  catalog: PermissionCatalog | null,
): string[] {
  type Change = (typeof changes)[number];
  const list = (pick: (change: Change) => string[]) => {
    const items = changes.flatMap(pick);
    return items.length > 0 ? new Intl.ListFormat(getLocale()).format(new Set(items)) : '';
  };
  const flag = (id: string) => catalog?.flags.find((f) => f.id === id)?.name ?? id;
  const dropped = list(({ effects }) => effects.droppedRestrictions.map(restrictionLabel));
  const cleared = list(({ user, effects }) =>
    effects.clearsTemplate
      ? [templates.find((t) => t.id === user.roleTemplateId)?.name ?? String(user.roleTemplateId)]
      : [],
  );
  const on = list(({ effects }) => effects.flagsOn.map(flag));
  const off = list(({ effects }) => effects.flagsOff.map(flag));
  return [
    changes.some(({ effects }) => effects.promotion) && msg(str`${to.name}: ${to.description}`),
    dropped && msg(str`Restrictions removed: ${dropped}.`),
    cleared && msg(str`Role template cleared: ${cleared}.`),
    on && msg(str`Turned on: ${on}.`),
    off && msg(str`Turned off: ${off}.`),
  ].filter((line): line is string => !!line);
}

export class RosterConfirmDialog extends RosterDialog<boolean> {
  static override styles = [
    ...RosterDialog.styles,
    css`
      p {
        margin: 0;
      }
    `,
  ];

  /** The question, e.g. "Change Ana Lima's role to Owner?". */
  @property() heading = '';
  /** What the change changes, one sentence each. */
  @property({ attribute: false }) lines: readonly string[] = [];
  /** The confirm button's label, e.g. "Change to Owner". */
  @property() confirm = '';

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
