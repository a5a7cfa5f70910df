/**
 * The one place for the rules of permission grants, shared by the mock server and the
 * elements: implied actions (granting `manage` or `edit` brings `view`…, clearing `view`
 * clears what implies it), normalising grants to a catalog, merging their sources (a role
 * holding every permission, a role template, a user's own grants) and diffing two sets for a
 * summary. Pure functions of plain data; unknown categories and actions are dropped, cycles in
 * `implies` are harmless.
 */
import type { PermissionAction, PermissionCatalog, PermissionGrants } from './types.js';

/** The part of the catalog the rules read. */
export type GrantsCatalog = Pick<PermissionCatalog, 'categories' | 'actions'>;

/** One action on one category. */
export interface GrantCell {
  category: string;
  action: PermissionAction;
}

/** The result of {@link toggleGrant}: the new grants, and what else changed with the toggle. */
export interface ToggleResult {
  grants: PermissionGrants;
  /** Cells added (when granting) or removed (when clearing) besides the toggled one. */
  also: GrantCell[];
}

/** Per category, what a change adds and removes (only categories that change). */
export type GrantsDiff = Record<string, { added: PermissionAction[]; removed: PermissionAction[] }>;

/** `action` and every action it implies, transitively (cycles end where they loop). */
export function closureOf(catalog: GrantsCatalog, action: string): Set<string> {
  const seen = new Set<string>();
  const todo = [action];
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    todo.push(...(catalog.actions.find((d) => d.id === next)?.implies ?? []));
  }
  return seen;
}

/** The actions `category` declares, in the catalog's order of actions (then its own). */
function actionsOf(catalog: GrantsCatalog, category: string): PermissionAction[] {
  const declared = catalog.categories.find((c) => c.id === category)?.actions ?? [];
  const order = catalog.actions.map((d) => d.id);
  return [
    ...order.filter((id) => declared.includes(id)),
    ...declared.filter((id) => !order.includes(id)),
  ];
}

/**
 * Grants as the catalog allows them: known categories and the actions each declares only
 * (an undeclared action is dropped with what it implies), implied actions added, no duplicates, in catalog order, no empty categories.
 */
export function normalizeGrants(
  catalog: GrantsCatalog,
  grants: PermissionGrants,
): PermissionGrants {
  const result: PermissionGrants = {};
  for (const category of catalog.categories) {
    const given = grants[category.id];
    if (!Array.isArray(given)) continue;
    const declared = actionsOf(catalog, category.id);
    const held = new Set<string>();
    for (const action of given)
      if (declared.includes(action)) for (const id of closureOf(catalog, action)) held.add(id);
    const actions = declared.filter((id) => held.has(id));
    if (actions.length > 0) result[category.id] = actions;
  }
  return result;
}

/** Every action of every category (what a role with `allPermissions` holds). */
export function allGrants(catalog: GrantsCatalog): PermissionGrants {
  return normalizeGrants(
    catalog,
    Object.fromEntries(catalog.categories.map((c) => [c.id, actionsOf(catalog, c.id)])),
  );
}

/** The union of several grant sets, normalised. */
export function mergeGrants(
  catalog: GrantsCatalog,
  ...sources: PermissionGrants[]
): PermissionGrants {
  const merged: PermissionGrants = {};
  for (const source of sources)
    for (const [category, actions] of Object.entries(source))
      if (Array.isArray(actions)) merged[category] = [...(merged[category] ?? []), ...actions];
  return normalizeGrants(catalog, merged);
}

/**
 * What a user holds: everything when its role holds every permission, else its template's
 * grants and its own.
 */
export function effectiveGrants(
  catalog: GrantsCatalog,
  sources: { allPermissions?: boolean; template?: PermissionGrants; own?: PermissionGrants },
): PermissionGrants {
  return sources.allPermissions
    ? allGrants(catalog)
    : mergeGrants(catalog, sources.template ?? {}, sources.own ?? {});
}

/** Whether `grants` hold `action` on `category`. */
export function holds(grants: PermissionGrants, category: string, action: string): boolean {
  return grants[category]?.includes(action as PermissionAction) ?? false;
}

/**
 * Grants or clears one cell. Granting adds the actions it implies (that the category
 * declares); clearing removes every action that implies it. `also` lists what else changed.
 */
export function toggleGrant(
  catalog: GrantsCatalog,
  grants: PermissionGrants,
  cell: GrantCell,
  on: boolean,
): ToggleResult {
  const before = normalizeGrants(catalog, grants);
  const { category, action } = cell;
  const current = before[category] ?? [];
  const next = on
    ? [...current, action]
    : current.filter((id) => !closureOf(catalog, id).has(action));
  const grantsAfter = normalizeGrants(catalog, { ...before, [category]: next });
  const diff = diffGrants(before, grantsAfter)[category];
  const changed = diff ? (on ? diff.added : diff.removed) : [];
  return {
    grants: grantsAfter,
    also: changed.filter((id) => id !== action).map((id) => ({ category, action: id })),
  };
}

/** What changes from `before` to `after`, per category (normalise both first). */
export function diffGrants(before: PermissionGrants, after: PermissionGrants): GrantsDiff {
  const diff: GrantsDiff = {};
  for (const category of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[category] ?? [];
    const now = after[category] ?? [];
    const added = now.filter((id) => !was.includes(id));
    const removed = was.filter((id) => !now.includes(id));
    if (added.length > 0 || removed.length > 0) diff[category] = { added, removed };
  }
  return diff;
}

/**
 * The actions of `action`'s closure that `grantable` lacks on `category`: empty when the
 * actor may grant the cell (or `grantable` is unknown). When `held` (the grants being edited)
 * holds the cell, toggling clears it: then the held actions that imply it (which go with it).
 */
export function missingToGrant(
  catalog: GrantsCatalog,
  grantable: PermissionGrants | undefined,
  cell: GrantCell,
  held: PermissionGrants = {},
): PermissionAction[] {
  if (!grantable) return [];
  const { category, action } = cell;
  const clearing = holds(held, category, action);
  return actionsOf(catalog, category).filter(
    (id) =>
      (clearing
        ? holds(held, category, id) && closureOf(catalog, id).has(action)
        : closureOf(catalog, action).has(id)) && !holds(grantable, category, id),
  );
}
