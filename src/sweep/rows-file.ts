// Result rows on disk: fixed-size little-endian records [task, NCOLS values, checksum], appended one
// batch per write. A reader keeps every whole record whose checksum holds, so a process killed in the
// middle of a write loses at most that batch. Used by checkpoints and by finished shards.
import { closeSync, existsSync, ftruncateSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { DataError } from '../model/index.js';
import { NCOLS } from './row-metrics.js';

/** Floats per record: the task index, the row, a checksum. */
export const RECORD_FLOATS = NCOLS + 2;
const RECORD_BYTES = RECORD_FLOATS * 8;

/** Rows of every task of a plan, with which tasks are done. */
export class RowStore {
  readonly values: Float64Array;
  readonly done: Uint8Array;
  count = 0;
  constructor(readonly tasks: number) {
    this.values = new Float64Array(tasks * NCOLS).fill(NaN);
    this.done = new Uint8Array(tasks);
  }

  /** Stores the row of task `t` (from `src` at `at`). */
  put(t: number, src: Float64Array, at: number): void {
    if (!this.done[t]) this.count++;
    this.done[t] = 1;
    this.values.set(src.subarray(at, at + NCOLS), t * NCOLS);
  }
}

/** FNV-1a over the 32-bit words of a record's task and row. */
function checksum(words: Uint32Array, at: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < (RECORD_FLOATS - 1) * 2; i++) {
    h ^= words[at + i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Encodes rows of `tasks` (rows[k·NCOLS …] for tasks[k]) as records. */
export function encodeRecords(tasks: ArrayLike<number>, rows: Float64Array): Uint8Array {
  const out = new Float64Array(tasks.length * RECORD_FLOATS);
  const words = new Uint32Array(out.buffer);
  for (let k = 0; k < tasks.length; k++) {
    const at = k * RECORD_FLOATS;
    out[at] = tasks[k]!;
    out.set(rows.subarray(k * NCOLS, (k + 1) * NCOLS), at + 1);
    out[at + RECORD_FLOATS - 1] = checksum(words, at * 2);
  }
  return new Uint8Array(out.buffer);
}

/**
 * Reads the valid records of a rows file into `store`; returns the byte length of the valid prefix
 * (a torn or corrupt tail is ignored). Tasks outside the store are a DataError.
 */
export function readRecords(path: string, store: RowStore): number {
  if (!existsSync(path)) return 0;
  const bytes = readFileSync(path);
  const n = Math.floor(bytes.length / RECORD_BYTES);
  const f = new Float64Array(n * RECORD_FLOATS);
  new Uint8Array(f.buffer).set(bytes.subarray(0, n * RECORD_BYTES));
  const words = new Uint32Array(f.buffer);
  for (let k = 0; k < n; k++) {
    const at = k * RECORD_FLOATS;
    if (f[at + RECORD_FLOATS - 1] !== checksum(words, at * 2)) return k * RECORD_BYTES;
    const t = f[at]!;
    if (!Number.isInteger(t) || t < 0 || t >= store.tasks) throw new DataError(`${path}: record ${k} is for task ${t}, outside this sweep's ${store.tasks} tasks; the file belongs to another sweep`);
    store.put(t, f, at + 1);
  }
  return n * RECORD_BYTES;
}

/** An append-only rows file; `sync` flushes to disk at most every `syncMs`. */
export class RowsAppender {
  private readonly fd: number;
  private offset: number;
  private lastSync = 0;
  /** Opens `path` for appending after its first `validBytes` (a torn tail is cut off). */
  constructor(readonly path: string, validBytes: number, private readonly syncMs = 2000) {
    this.fd = openSync(path, existsSync(path) ? 'r+' : 'w');
    ftruncateSync(this.fd, validBytes);
    this.offset = validBytes;
  }

  /** Appends the records of one batch in a single write. */
  append(tasks: ArrayLike<number>, rows: Float64Array): void {
    const buf = encodeRecords(tasks, rows);
    let done = 0;
    while (done < buf.length) done += writeSync(this.fd, buf, done, buf.length - done, this.offset + done);
    this.offset += buf.length;
    const now = Date.now();
    if (now - this.lastSync >= this.syncMs) {
      fsyncSync(this.fd);
      this.lastSync = now;
    }
  }

  /** Flushes and closes the file. */
  close(): void {
    fsyncSync(this.fd);
    closeSync(this.fd);
  }
}
