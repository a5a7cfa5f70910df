/**
 * Registers every Roster tag, each once: importing this module twice, or beside another copy
 * of Roster, never throws. `roster-provider` comes first so children find their provider.
 */
import { RosterProvider } from './context/roster-provider.js';
import { EditUserDialog } from './elements/edit-user-dialog/edit-user-dialog.js';
import { InviteDialog } from './elements/invite-dialog/invite-dialog.js';
import { PermissionMatrix } from './elements/permission-matrix/permission-matrix.js';
import { RevokeDialog } from './elements/revoke-dialog/revoke-dialog.js';
import { RoleTemplates } from './elements/role-templates/role-templates.js';
import { RoleTemplateDialog } from './elements/role-templates/template-dialog.js';
import { RosterConfirmDialog } from './elements/users-table/confirm-dialog.js';
import { UsersTable } from './elements/users-table/users-table.js';

const elements: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['roster-provider', RosterProvider],
  ['users-table', UsersTable],
  ['invite-dialog', InviteDialog],
  ['edit-user-dialog', EditUserDialog],
  ['revoke-dialog', RevokeDialog],
  ['permission-matrix', PermissionMatrix],
  ['role-templates', RoleTemplates],
  // Internal: the dialog of <role-templates>.
  ['role-template-dialog', RoleTemplateDialog],
  // Internal: the confirmations of <users-table>.
  ['roster-confirm-dialog', RosterConfirmDialog],
];

for (const [tag, constructor] of elements) {
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}

declare global {
  interface HTMLElementTagNameMap {
    'roster-provider': RosterProvider;
    'users-table': UsersTable;
    'invite-dialog': InviteDialog;
    'edit-user-dialog': EditUserDialog;
    'revoke-dialog': RevokeDialog;
    'permission-matrix': PermissionMatrix;
    'role-templates': RoleTemplates;
    'role-template-dialog': RoleTemplateDialog;
    'roster-confirm-dialog': RosterConfirmDialog;
  }
}
