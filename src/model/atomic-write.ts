// Atomic file output: write everything to `<path>.<pid>.tmp`, then rename over the target, so a
// reader sees the old file or the whole new one, never a partial write; on error the temp file goes.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/** Writes one chunk to the file being produced, in order; the caller may reuse the chunk's memory once it returns. */
export type ChunkWriter = (chunk: string | Uint8Array) => void;

/** Options of the atomic writers. */
export interface AtomicWriteOptions {
  /** Flush the data to disk before the rename (slower; survives power loss). Default false. */
  readonly fsync?: boolean;
}

/** The temporary path used while `path` is being written. */
export function tempPathFor(path: string): string {
  return `${path}.${process.pid}.tmp`;
}

function writeAll(fd: number, chunk: string | Uint8Array): void {
  const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

/**
 * Streams a file atomically: `produce` receives a writer and writes chunks in order; when it
 * returns, the temp file is closed and renamed onto `path`. If it throws, the temp file is removed
 * and the error re-thrown; `path` is left untouched. Memory holds one chunk at a time.
 */
export function writeFileAtomicStream(path: string, produce: (write: ChunkWriter) => void, options: AtomicWriteOptions = {}): void {
  const tmp = tempPathFor(path);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    const out = fd;
    produce((chunk) => writeAll(out, chunk));
    if (options.fsync) fsyncSync(out);
    closeSync(out);
    fd = undefined;
    renameSync(tmp, path);
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing; the original error matters
      }
    }
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Writes `data` (one buffer or string, or chunks in order) to `path` atomically. */
export function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string | Uint8Array>, options: AtomicWriteOptions = {}): void {
  writeFileAtomicStream(path, (write) => {
    if (typeof data === 'string' || data instanceof Uint8Array) write(data);
    else for (const chunk of data) write(chunk);
  }, options);
}
