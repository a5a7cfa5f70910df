/**
 * Permission grants in words, as `<permission-matrix>` and `<edit-user-dialog>` say them.
 */
import { msg, str } from '@lit/localize';
import type { GrantsCatalog } from '../../api/grants.js';

/** "View, Edit": the actions' names in the catalog (an undeclared one, or without a catalog, by its id). */
export const actionNames = (catalog: GrantsCatalog | null, ids: readonly string[]): string =>
  ids.map((id) => catalog?.actions.find((a) => a.id === id)?.name ?? id).join(', ');

/** "adds Edit; removes Delete": one category's change. */
export const grantChange = (
  catalog: GrantsCatalog,
  change: { added: readonly string[]; removed: readonly string[] },
): string =>
  [
    change.added.length ? msg(str`adds ${actionNames(catalog, change.added)}`) : '',
    change.removed.length ? msg(str`removes ${actionNames(catalog, change.removed)}`) : '',
  ]
    .filter(Boolean)
    .join('; ');
