/**
 * CSV export: the server builds the file (it sees every page and applies the export
 * permission); the store streams the answer chunk by chunk, reporting progress in
 * `$export.bytes`, and hands the finished file to the browser as a download.
 */
import { actionLabels } from '../api/messages.js';
import { RosterNetworkError } from '../api/errors.js';
import type { RosterError } from '../api/errors.js';
import type { RosterStore } from './store.js';
import { surface, toUsersQuery } from './view.js';

/** Options of {@link exportCsv}. */
export interface ExportOptions {
  /** Name of the downloaded file. Default `users.csv`. */
  filename?: string;
  /** Cancels the export. */
  signal?: AbortSignal;
  /**
   * What to do with the finished file. Default: save it as a download through a temporary
   * link. Tests and hosts with their own save flow pass their own.
   */
  save?: (file: Blob, filename: string) => void;
}

/**
 * Exports the users matching the current search and filters as CSV. Resolves to the file
 * once it has been handed to `save`.
 */
export async function exportCsv(store: RosterStore, options: ExportOptions = {}): Promise<Blob> {
  const filename = options.filename ?? 'users.csv';
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
    (options.save ?? download)(file, filename);
    store.$export.set({ loading: false, error: null, bytes });
    return file;
  } catch (error) {
    store.$export.set({ ...store.$export.get(), loading: false, error: error as RosterError });
    throw surface(store, error);
  }
}

/** Saves a file through a temporary object URL and link. */
function download(file: Blob, filename: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before releasing the file.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
