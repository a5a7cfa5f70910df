/**
 * Roster's npm entry: classes, store, client and types. Importing it registers no tag; import
 * `@roster/elements/define` (or load the script-tag build) for that.
 */
export * from './api/index.js';
export type * from './api/types.js';
export * from './store/index.js';
export * from './context/index.js';
export * from './events.js';
export { getLocale, setLocale } from './i18n/localization.js';
export { RosterElement } from './elements/roster-element.js';
export { UsersTable } from './elements/users-table/users-table.js';
export { InviteDialog } from './elements/invite-dialog/invite-dialog.js';
export { EditUserDialog } from './elements/edit-user-dialog/edit-user-dialog.js';
export { RevokeDialog } from './elements/revoke-dialog/revoke-dialog.js';
export { PermissionMatrix } from './elements/permission-matrix/permission-matrix.js';
export { RoleTemplates } from './elements/role-templates/role-templates.js';
export * from './api/grants.js';
