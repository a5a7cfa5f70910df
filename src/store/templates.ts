/**
 * Role template actions: load, create, update, delete. Deleting removes the template at
 * once and puts it back where it was if the server refuses.
 */
import { isRosterHttpError } from '../api/errors.js';
import type { RosterError } from '../api/errors.js';
import type { RoleTemplate, RoleTemplateInput } from '../api/types.js';
import type { RosterStore } from './store.js';
import { surface } from './view.js';

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

/** Creates a role template and adds it to `$templates`. */
export async function createTemplate(
  store: RosterStore,
  input: RoleTemplateInput,
): Promise<RoleTemplate> {
  try {
    const template = await store.client.createTemplate(input);
    store.$templates.set([...store.$templates.get(), template]);
    return template;
  } catch (error) {
    throw surface(store, error);
  }
}

/** Changes a role template (sent with its version) and replaces it in `$templates`. */
export async function updateTemplate(
  store: RosterStore,
  id: string,
  patch: Partial<RoleTemplateInput>,
): Promise<RoleTemplate> {
  const current = store.$templates.get().find((template) => template.id === id);
  try {
    const template = await store.client.updateTemplate(id, patch, current?.version);
    store.$templates.set(
      store.$templates.get().map((other) => (other.id === id ? template : other)),
    );
    return template;
  } catch (error) {
    throw surface(store, error);
  }
}

/** Deletes a role template, removing it at once; it comes back if the server refuses. */
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
