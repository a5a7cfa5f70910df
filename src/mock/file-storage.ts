/**
 * Node-only: persistence of the mock in a file, as a snapshot plus an append-only journal.
 *
 * - `FILE` holds a full snapshot, replaced atomically (write a temp file, fsync, rename, fsync dir).
 * - `FILE.journal` gets one JSON line per write, fsynced before the server answers, so a kill -9
 *   never loses an answered write. Every few thousand lines the journal is folded into a new
 *   snapshot and emptied; lines already in the snapshot are recognised by their sequence number.
 * - A torn last line (the process died mid-write, before answering) is dropped. Anything else that
 *   does not read back is reported as a `FileStorageError` naming the file and the problem, and the
 *   files are left as they are.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { Change, PersistedState } from './model.js';
import type { MockStorage, StoredData } from './storage.js';

/** Unreadable or inconsistent data files. */
export class FileStorageError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'FileStorageError';
  }
}

interface SnapshotFile {
  format: 'roster-mock-data';
  version: 1;
  /** Journal lines up to this sequence number are contained in `state`. */
  journalSeq: number;
  state: PersistedState;
}

interface JournalLine {
  seq: number;
  changes: readonly Change[];
}

interface FileStorageOptions {
  /** Fold the journal into a new snapshot after this many lines (default 2000). */
  compactEvery?: number;
}

function checkSnapshot(path: string, value: unknown): SnapshotFile {
  const file = value as Partial<SnapshotFile> | null;
  if (typeof file !== 'object' || file === null || file.format !== 'roster-mock-data') {
    throw new FileStorageError(
      path,
      'not a Roster mock data file (no "format": "roster-mock-data").',
    );
  }
  if (file.version !== 1)
    throw new FileStorageError(path, `unsupported data version ${String(file.version)}.`);
  const state = file.state as Partial<PersistedState> | undefined;
  if (
    typeof file.journalSeq !== 'number' ||
    !state ||
    !Array.isArray(state.users) ||
    !Array.isArray(state.templates) ||
    !Array.isArray(state.idempotency) ||
    typeof state.personas !== 'object' ||
    typeof state.preset !== 'string' ||
    typeof state.counters !== 'object'
  ) {
    throw new FileStorageError(
      path,
      'the snapshot is incomplete (missing users, templates, personas or counters).',
    );
  }
  return file as SnapshotFile;
}

/** A `MockStorage` keeping its data in `path` (and `path.journal`). */
export function fileStorage(path: string, options: FileStorageOptions = {}): MockStorage {
  const journalPath = `${path}.journal`;
  const compactEvery = options.compactEvery ?? 2000;
  let seq = 0;
  let linesSinceSnapshot = 0;
  let journalFd: number | undefined;

  const journal = () => (journalFd ??= openSync(journalPath, 'a'));

  const writeSnapshot = (state: PersistedState) => {
    const file: SnapshotFile = { format: 'roster-mock-data', version: 1, journalSeq: seq, state };
    const temp = `${path}.tmp-${process.pid}`;
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, JSON.stringify(file));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    syncDirectory(dirname(path));
    ftruncateSync(journal(), 0);
    fsyncSync(journal());
    linesSinceSnapshot = 0;
  };

  return {
    load(): StoredData | null {
      if (!existsSync(path)) {
        if (existsSync(journalPath))
          throw new FileStorageError(
            journalPath,
            `a journal without its snapshot ${path}; restore the snapshot or move the journal away.`,
          );
        return null;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new FileStorageError(path, `not valid JSON (${(error as Error).message}).`);
      }
      const snapshot = checkSnapshot(path, parsed);
      seq = snapshot.journalSeq;
      const changes: Change[] = [];
      if (existsSync(journalPath)) {
        const text = readFileSync(journalPath, 'utf8');
        const lines = text.split('\n');
        let validLength = 0;
        for (let index = 0; index < lines.length; index++) {
          const line = lines[index]!;
          const isLast = index === lines.length - 1;
          if (line === '') {
            if (!isLast) throw new FileStorageError(journalPath, `line ${index + 1} is empty.`);
            continue;
          }
          let entry: JournalLine;
          try {
            entry = JSON.parse(line) as JournalLine;
            if (typeof entry.seq !== 'number' || !Array.isArray(entry.changes))
              throw new Error('missing seq or changes');
          } catch (error) {
            // Only an unterminated last line is a torn write (never acknowledged): drop it.
            if (isLast) break;
            throw new FileStorageError(
              journalPath,
              `line ${index + 1} is not a journal entry (${(error as Error).message}).`,
            );
          }
          validLength += Buffer.byteLength(line, 'utf8') + (isLast ? 0 : 1);
          linesSinceSnapshot++;
          if (entry.seq <= snapshot.journalSeq) continue;
          if (entry.seq !== seq + 1)
            throw new FileStorageError(
              journalPath,
              `line ${index + 1} has sequence ${entry.seq}, expected ${seq + 1}.`,
            );
          seq = entry.seq;
          changes.push(...entry.changes);
        }
        if (validLength < Buffer.byteLength(text, 'utf8')) {
          ftruncateSync(journal(), validLength);
          fsyncSync(journal());
        }
      }
      return { state: snapshot.state, changes };
    },
    save(state) {
      writeSnapshot(state);
    },
    append(changes, snapshot) {
      seq++;
      writeSync(journal(), `${JSON.stringify({ seq, changes } satisfies JournalLine)}\n`);
      fsyncSync(journal());
      if (++linesSinceSnapshot >= compactEvery) writeSnapshot(snapshot());
    },
  };
}

function syncDirectory(directory: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(directory, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
