/**
 * Role template actions: load, create, update, duplicate, delete. Each write shows in
 * `$templates` at once (a created template as a placeholder until the server answers, a change
 * applied in place, a deleted template gone) and is undone if the server refuses. Everything
 * that names a template (the users table's template column, inherited grants) reads
 * `$templates`, so a rename shows there at once too. Live `template.*` events go through
 * {@link upsertTemplate} and {@link dropTemplate}.
 */
import { isRosterHttpError } from '../api/errors.js';
import type { RosterError } from '../api/errors.js';
import { MAX_TEMPLATE_NAME_LENGTH } from '../api/rules.js';
import type { RoleTemplate, RoleTemplateInput } from '../api/types.js';
import type { RosterStore } from './store.js';
import { surface } from './view.js';

/** Id prefix of a created template the server has not answered for yet. */
export const PENDING_TEMPLATE = 'pending:';
let pendingCount = 0;

/** Loads the role templates into `$templates` (`$templatesState` tracks it). */
export async function loadTemplates(store: RosterStore): Promise<void> {
  store.$templatesState.set({ loading: true, error: null });
  try {
    store.$templates.set(await store.client.listTemplates());
    store.$templatesState.set({ loading: false, error: null });
  } catch (error) {
    store.$templatesState.set({ loading: false, error: error as RosterError });
    throw surface(store, error);
  }
}

/**
 * Puts a template as the server sent it into `$templates`: replaces the one with its id
 * (unless that one is newer), else appends it. `userCount` changes keep the version.
 */
export function upsertTemplate(store: RosterStore, template: RoleTemplate): void {
  const all = store.$templates.get();
  const index = all.findIndex((other) => other.id === template.id);
  if (index === -1) store.$templates.set([...all, template]);
  else if ((all[index]?.version ?? 0) <= template.version)
    store.$templates.set(all.map((other, at) => (at === index ? template : other)));
}

/** Removes a template from `$templates` (deleted here or elsewhere). */
export function dropTemplate(store: RosterStore, id: string): void {
  const all = store.$templates.get();
  if (all.some((template) => template.id === id))
    store.$templates.set(all.filter((template) => template.id !== id));
}

/**
 * Creates a role template. A placeholder (id starting with {@link PENDING_TEMPLATE}) shows at
 * once and becomes the server's template, or goes away if the server refuses.
 */
export async function createTemplate(
  store: RosterStore,
  input: RoleTemplateInput,
): Promise<RoleTemplate> {
  const at = new Date().toISOString();
  const placeholder: RoleTemplate = {
    id: `${PENDING_TEMPLATE}${++pendingCount}`,
    name: input.name,
    description: input.description ?? '',
    permissions: input.permissions,
    userCount: 0,
    createdAt: at,
    updatedAt: at,
    version: 0,
  };
  store.$templates.set([...store.$templates.get(), placeholder]);
  try {
    const template = await store.client.createTemplate(input);
    // The live stream may have brought it already: keep one, where the placeholder was
    // (at the end when the placeholder is gone).
    const others = store.$templates.get().filter((other) => other.id !== template.id);
    const at = others.findIndex((other) => other.id === placeholder.id);
    store.$templates.set(at === -1 ? [...others, template] : others.with(at, template));
    return template;
  } catch (error) {
    dropTemplate(store, placeholder.id);
    throw surface(store, error);
  }
}

/**
 * Changes a role template (sent with its version). The change shows at once; on a refusal
 * the template is put back as it was (or dropped when the server says it is gone).
 */
export async function updateTemplate(
  store: RosterStore,
  id: string,
  patch: Partial<RoleTemplateInput>,
): Promise<RoleTemplate> {
  const current = store.$templates.get().find((template) => template.id === id);
  const optimistic = current ? { ...current, ...patch } : undefined;
  if (optimistic)
    store.$templates.set(
      store.$templates.get().map((other) => (other.id === id ? optimistic : other)),
    );
  try {
    const template = await store.client.updateTemplate(id, patch, current?.version, {
      subject: current?.name,
    });
    upsertTemplate(store, template);
    return template;
  } catch (error) {
    if (isRosterHttpError(error, 'not_found')) dropTemplate(store, id);
    else if (current && store.$templates.get().some((other) => other === optimistic))
      // Ours is still shown (no newer one came live): put the server's last known back.
      store.$templates.set(
        store.$templates.get().map((other) => (other === optimistic ? current : other)),
      );
    throw surface(store, error);
  }
}

/**
 * The name for a copy: `base` (e.g. "Copy of Analyst"), then "… (2)", "… (3)" until no
 * template has it (case-insensitive), clipped so it stays within the name limit.
 */
function copyName(store: RosterStore, base: string, skip: number): string {
  const taken = new Set(store.$templates.get().map((template) => template.name.toLowerCase()));
  for (let n = 1 + skip; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    let candidate = `${base}${suffix}`;
    if (Array.from(candidate).length > MAX_TEMPLATE_NAME_LENGTH) {
      const room = MAX_TEMPLATE_NAME_LENGTH - Array.from(suffix).length - 1;
      candidate = `${Array.from(base).slice(0, room).join('')}…${suffix}`;
    }
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * Creates a copy of template `id` with its description and grants, named by `nameCopy`
 * (default "Copy of X"; an element passes its translated words), numbered past names in use.
 * A name taken meanwhile on the server is retried with the next number (twice).
 */
export async function duplicateTemplate(
  store: RosterStore,
  id: string,
  nameCopy: (name: string) => string = (name) => `Copy of ${name}`,
): Promise<RoleTemplate> {
  const source = store.$templates.get().find((template) => template.id === id);
  if (!source) throw new Error(`No role template "${id}" to duplicate.`);
  const base = nameCopy(source.name);
  for (let attempt = 0; ; attempt++) {
    const name = copyName(store, base, attempt);
    try {
      return await createTemplate(store, {
        name,
        description: source.description,
        permissions: structuredClone(source.permissions),
      });
    } catch (error) {
      const taken =
        isRosterHttpError(error, 'validation_failed') &&
        error.fieldErrors.some((field) => field.field === 'name');
      if (!taken || attempt >= 2) throw error;
    }
  }
}

/**
 * Deletes a role template, removing it at once; it comes back where it was if the server
 * refuses (not when it says the template is gone already). Its holders lose it: the server
 * says so with `user.updated` events; meanwhile they show no template, as it is not listed.
 */
export async function deleteTemplate(store: RosterStore, id: string): Promise<void> {
  const before = store.$templates.get();
  store.$templates.set(before.filter((template) => template.id !== id));
  try {
    await store.client.deleteTemplate(id, { subject: before.find((t) => t.id === id)?.name });
  } catch (error) {
    const index = before.findIndex((template) => template.id === id);
    const template = before[index];
    const now = store.$templates.get();
    const gone = isRosterHttpError(error, 'not_found');
    if (template && !gone && !now.some((other) => other.id === id)) {
      store.$templates.set([...now.slice(0, index), template, ...now.slice(index)]);
    }
    throw surface(store, error);
  }
}
