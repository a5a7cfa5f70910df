import { RosterDialog } from '../parts/dialog.js';

/**
 * (Skeleton: being built.)
 * @summary edit-user-dialog
 */
export class EditUserDialog extends RosterDialog<{ status: 'cancelled' }> {
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
