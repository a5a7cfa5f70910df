/**
 * Node-only: persistence of the mock in a file, as a snapshot plus an append-only journal.
 *
 * - `FILE` holds a full snapshot, replaced atomically (write a temp file, fsync, rename, fsync dir).
 * - `FILE.journal` gets one JSON line per write, each with the next sequence number. Every few
 *   thousand lines the journal is folded into a new snapshot (whose `journalSeq` says which lines it
 *   holds) and emptied.
 *
 * Durability rules:
 * - A write is acknowledged only once its whole line, newline included, is fsynced: a kill -9
 *   never loses an answered write.
 * - A write that fails (disk full, I/O error, short write) changes nothing: the sequence does not
 *   advance, whatever part of the line reached the file is cut off again, `append()` throws and the
 *   server answers 500 and keeps serving. If the cut fails too, every later write first retries it
 *   and is refused until it succeeds, so no line is ever written after a torn one.
 * - A failed compaction is only retried on the next write; the journal still holds everything.
 * - At start, bytes after the last newline are a torn line that was never acknowledged: they are
 *   dropped (the journal is truncated to its last newline). Every line up to the last newline was
 *   acknowledged: one that does not read back, has a field of the wrong shape or breaks the
 *   sequence is refused, as is a snapshot of the wrong shape or a `journalSeq` beyond the journal,
 *   with a `FileStorageError` naming the file, the line or field and the problem; the files are
 *   then left as they are.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { Change, PersistedState } from './model.js';
import type { MockStorage, StoredData } from './storage.js';
import { ShapeError, checkChanges, checkState } from './stored-shape.js';

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

/** Runs `check`, reporting a wrong shape as a `FileStorageError` of `path`. */
function checkShape(path: string, check: () => void, where = ''): void {
  try {
    check();
  } catch (error) {
    if (error instanceof ShapeError) throw new FileStorageError(path, `${where}${error.message}`);
    throw error;
  }
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
  checkShape(path, () => {
    checkState(file.state);
    if (!(Number.isSafeInteger(file.journalSeq) && file.journalSeq! >= 0))
      throw new ShapeError('journalSeq', 'a whole number ≥ 0', file.journalSeq);
  });
  return file as SnapshotFile;
}

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new FileStorageError(
      path,
      code === 'EISDIR' ? 'is a directory, not a file.' : `cannot be read (${message}).`,
    );
  }
}

/** Writes all of `bytes` (a write may be short when the disk fills up). */
function writeAll(fd: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length;) {
    const written = writeSync(fd, bytes, offset);
    if (written <= 0) throw new Error('the disk took no more bytes');
    offset += written;
  }
}

/** A `MockStorage` keeping its data in `path` (and `path.journal`). */
export function fileStorage(path: string, options: FileStorageOptions = {}): MockStorage {
  const journalPath = `${path}.journal`;
  const compactEvery = options.compactEvery ?? 2000;
  /** Sequence number of the last acknowledged line. */
  let seq = 0;
  /** Bytes of the journal that hold acknowledged lines; anything after them is a torn write. */
  let journalLength = 0;
  /** A failed write may have left bytes after `journalLength` that are not cut off yet. */
  let tornTail = false;
  let linesSinceSnapshot = 0;
  let journalFd: number | undefined;

  const journal = () => (journalFd ??= openSync(journalPath, 'a'));

  const truncateJournal = (length: number) => {
    ftruncateSync(journal(), length);
    journalLength = length;
    fsyncSync(journal());
    tornTail = false;
  };

  const writeSnapshot = (state: PersistedState) => {
    const file: SnapshotFile = { format: 'roster-mock-data', version: 1, journalSeq: seq, state };
    const temp = `${path}.tmp-${process.pid}`;
    try {
      const fd = openSync(temp, 'w');
      try {
        writeAll(fd, Buffer.from(JSON.stringify(file)));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, path);
    } catch (error) {
      try {
        rmSync(temp, { force: true });
      } catch {
        // Not ours to remove (a directory of that name): the error above says more.
      }
      throw error;
    }
    syncDirectory(dirname(path));
    // The lines now in the snapshot go; if this fails, load() skips them by their sequence.
    truncateJournal(0);
    linesSinceSnapshot = 0;
  };

  /** Reads the journal's acknowledged lines; cuts off a torn tail. */
  const loadJournal = (snapshot: SnapshotFile): Change[] => {
    const changes: Change[] = [];
    if (!existsSync(journalPath)) return changes;
    const bytes = readBytes(journalPath);
    const whole = bytes.lastIndexOf(0x0a) + 1;
    const lines = bytes.subarray(0, whole).toString('utf8').split('\n');
    lines.pop(); // the empty string after the last newline
    let last: number | undefined;
    lines.forEach((line, index) => {
      const where = `line ${index + 1}: `;
      let entry: JournalLine;
      try {
        entry = JSON.parse(line) as JournalLine;
      } catch (error) {
        throw new FileStorageError(
          journalPath,
          `${where}not a journal entry (${line === '' ? 'empty' : (error as Error).message}).`,
        );
      }
      checkShape(
        journalPath,
        () => {
          if (typeof entry !== 'object' || entry === null || !Number.isSafeInteger(entry.seq))
            throw new ShapeError('seq', 'a whole number', (entry as Partial<JournalLine>)?.seq);
          checkChanges(entry.changes);
        },
        where,
      );
      const expected = last === undefined ? Math.min(entry.seq, snapshot.journalSeq + 1) : last + 1;
      if (entry.seq !== expected)
        throw new FileStorageError(
          journalPath,
          `line ${index + 1} has sequence ${entry.seq}, expected ${expected}.`,
        );
      last = entry.seq;
      linesSinceSnapshot++;
      if (entry.seq > snapshot.journalSeq) changes.push(...entry.changes);
    });
    if (last !== undefined && last < snapshot.journalSeq)
      throw new FileStorageError(
        path,
        `journalSeq ${snapshot.journalSeq} is beyond the journal ${journalPath}, whose last line has sequence ${last}; the journal does not belong to this snapshot.`,
      );
    seq = Math.max(snapshot.journalSeq, last ?? 0);
    journalLength = whole;
    if (whole < bytes.length) truncateJournal(whole);
    return changes;
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
      const text = readBytes(path).toString('utf8');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        throw new FileStorageError(path, `not valid JSON (${(error as Error).message}).`);
      }
      const snapshot = checkSnapshot(path, parsed);
      seq = snapshot.journalSeq;
      const changes = loadJournal(snapshot);
      return { state: snapshot.state, changes };
    },
    save(state) {
      writeSnapshot(state);
    },
    append(changes, snapshot) {
      const line = Buffer.from(
        `${JSON.stringify({ seq: seq + 1, changes } satisfies JournalLine)}\n`,
      );
      try {
        if (tornTail) truncateJournal(journalLength);
        writeAll(journal(), line);
        fsyncSync(journal());
      } catch (error) {
        tornTail = true;
        try {
          truncateJournal(journalLength);
        } catch {
          // Retried before the next write, which is refused until the cut succeeds.
        }
        throw new FileStorageError(
          journalPath,
          `cannot record a write, nothing was changed (${(error as Error).message}).`,
        );
      }
      seq++;
      journalLength += line.length;
      if (++linesSinceSnapshot < compactEvery) return;
      try {
        writeSnapshot(snapshot());
      } catch {
        // The write is durable in the journal; the compaction is tried again on the next write.
      }
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
