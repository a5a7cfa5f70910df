/**
 * Persistence adapter of the mock. The server calls `load()` once, `save()` with a full snapshot
 * when it starts fresh, and `append()` after every write, *before* it answers: a storage that
 * returns from `append()` has made the change durable. This module is browser-safe; the Node
 * file implementation lives in `file-storage.ts`.
 */
import type { Change, PersistedState } from './model.js';

/** What a storage hands back: the last snapshot and the changes made since, in order. */
export interface StoredData {
  state: PersistedState;
  changes: Change[];
}

export interface MockStorage {
  /** The saved data, or null when there is none yet. Throws when the data is unreadable. */
  load(): StoredData | null;
  /** Replaces everything with this snapshot. */
  save(state: PersistedState): void;
  /**
   * Records changes durably. `snapshot` returns the full state including these changes, for
   * storages that compact their journal now and then; call it only once the changes are durable.
   */
  append(changes: readonly Change[], snapshot: () => PersistedState): void;
}

/**
 * A storage in memory: pass the same one to two `createMockServer` calls to simulate a restart
 * (tests), or wrap it to mirror into `localStorage`.
 */
export function memoryStorage(): MockStorage & { readonly changeCount: number } {
  let data: StoredData | null = null;
  return {
    get changeCount() {
      return data?.changes.length ?? 0;
    },
    load: () => (data ? structuredClone(data) : null),
    save(state) {
      data = { state: structuredClone(state), changes: [] };
    },
    append(changes, snapshot) {
      if (!data) data = { state: structuredClone(snapshot()), changes: [] };
      else data.changes.push(...structuredClone(changes));
    },
  };
}
