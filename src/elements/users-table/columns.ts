/**
 * The columns of `<users-table>`, as the server's model declares them: role templates only
 * when the server has them, one column per declared flag, presence-based "Last active" or
 * "Last login". Hosts hide columns by id with the `hide-columns` attribute.
 */
import { msg } from '@lit/localize';
import type { PermissionCatalog, SortKey, User, Workspace } from '../../api/types.js';

/** What a column shows; also its CSS class and, except for flags, its id. */
export type ColumnKind =
  | 'select'
  | 'avatar'
  | 'name'
  | 'email'
  | 'role'
  | 'template'
  | 'status'
  | 'flag'
  | 'last-active'
  | 'actions';

export interface Column {
  /** The id `hide-columns` names: the kind, or a flag's id (`crmAccess`). */
  id: string;
  kind: ColumnKind;
  /** The header text (visually hidden for the select, avatar and actions columns). */
  label: string;
  /** The server sort key, when sorting by this column is possible. */
  sort?: SortKey;
  /** Descending first (most recent first for times). */
  descendingFirst?: boolean;
  /** For a flag column: the flag id. */
  flag?: string;
}

/**
 * Whether the actor may take any action on this user (edit, or one of the bulk actions), and
 * so the row has a menu.
 */
export function hasActions(user: User): boolean {
  return user.allowedActions.edit || canSelect(user, null);
}

/** Whether a user can join a bulk action (resend, role change, suspend, reactivate, revoke). */
export function canSelect(user: User, selfId: string | null): boolean {
  const a = user.allowedActions;
  return (
    user.id !== selfId &&
    (a.resendInvitation || a.changeRole.length > 0 || a.suspend || a.reactivate || a.revoke)
  );
}

/**
 * The visible columns for a workspace (null before it loaded: the common ones). `hidden`
 * holds ids from `hide-columns`; `flags` hides every flag column at once.
 */
export function columnsFor(
  workspace: Workspace | null,
  catalog: PermissionCatalog | null,
  hidden: ReadonlySet<string>,
  selectable: boolean,
): Column[] {
  const features = workspace?.features;
  const presence = features?.presence ?? false;
  const columns: Column[] = [];
  if (selectable) columns.push({ id: 'select', kind: 'select', label: msg('Select') });
  columns.push(
    { id: 'avatar', kind: 'avatar', label: msg('Picture') },
    { id: 'name', kind: 'name', label: msg('Name'), sort: 'name' },
    { id: 'email', kind: 'email', label: msg('Email'), sort: 'email' },
    { id: 'role', kind: 'role', label: msg('Role'), sort: 'role' },
  );
  if (features?.roleTemplates)
    columns.push({ id: 'template', kind: 'template', label: msg('Role template') });
  columns.push({ id: 'status', kind: 'status', label: msg('Status'), sort: 'status' });
  for (const flag of features?.flags ?? []) {
    if (hidden.has('flags')) break;
    const name = catalog?.flags.find((definition) => definition.id === flag)?.name ?? flag;
    columns.push({ id: flag, kind: 'flag', label: name, flag });
  }
  columns.push(
    {
      id: 'last-active',
      kind: 'last-active',
      label: presence ? msg('Last active') : msg('Last login'),
      sort: presence ? 'lastActiveAt' : 'lastLoginAt',
      descendingFirst: true,
    },
    { id: 'actions', kind: 'actions', label: msg('Actions') },
  );
  return columns.filter((column) => column.kind === 'select' || !hidden.has(column.id));
}
