/**
 * CSV export: the server builds the file (it sees every page and applies the export
 * permission); the store streams the answer chunk by chunk, reporting progress in
 * `$export.bytes`, and resolves to the finished file. Saving it is the element's business.
 */
import { actionLabels } from '../api/messages.js';
import { RosterNetworkError } from '../api/errors.js';
import type { RosterError } from '../api/errors.js';
import type { RosterStore } from './store.js';
import { surface, toUsersQuery } from './view.js';

/** Options of {@link exportCsv}. */
export interface ExportOptions {
  /** Cancels the export. */
  signal?: AbortSignal;
}

/**
 * Exports the users matching the current search and filters as CSV. Resolves to the whole
 * file; a stream that breaks midway rejects (never half a file).
 */
export async function exportCsv(store: RosterStore, options: ExportOptions = {}): Promise<Blob> {
  store.$export.set({ loading: true, error: null, bytes: 0 });
  try {
    const response = await store.client.exportUsers(toUsersQuery(store.$query.get()), {
      signal: options.signal,
    });
    const chunks: BlobPart[] = [];
    let bytes = 0;
    const reader = response.body?.getReader();
    try {
      for (let step = await reader?.read(); step && !step.done; step = await reader?.read()) {
        chunks.push(step.value);
        bytes += step.value.byteLength;
        store.$export.set({ loading: true, error: null, bytes });
      }
    } catch (cause) {
      // The connection broke mid-file: say so rather than save half a file.
      const { url } = response;
      throw new RosterNetworkError(
        { action: actionLabels.exportUsers(), method: 'GET', url },
        cause,
      );
    }
    const file = new Blob(chunks, { type: 'text/csv;charset=utf-8' });
    store.$export.set({ loading: false, error: null, bytes });
    return file;
  } catch (error) {
    store.$export.set({ ...store.$export.get(), loading: false, error: error as RosterError });
    throw surface(store, error);
  }
}
