import { RosterDialog } from '../parts/dialog.js';

/**
 * (Skeleton: being built.)
 * @summary invite-dialog
 */
export class InviteDialog extends RosterDialog<{ status: 'cancelled' }> {
  protected cancelOutcome() {
    return { status: 'cancelled' } as const;
  }
  protected reset(): void {}
  protected renderHeading() {
    return '';
  }
  protected renderBody() {
    return null;
  }
  protected renderFooter() {
    return null;
  }
}
