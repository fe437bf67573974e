// Reading `.csv` and `.csv.gz` sources as a sequence of byte chunks: small files in one read (and one
// inflate), large ones as streams with bounded memory; a truncated gzip is reported, never silent.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { constants, createGunzip, gunzipSync, type ZlibOptions } from 'node:zlib';
import { dataErrorAt } from '../../model/errors.js';

/**
 * Receives the decompressed bytes of a source in order; `end` is called once after the last chunk,
 * with `truncated` when the gzip stream was cut (the bytes after the last line end are then a cut row).
 */
export interface ChunkSink {
  push(chunk: Uint8Array): void;
  end(truncated: boolean): void;
}

/** Identity of a source file: its size and the SHA-256 of its bytes as stored (compressed or not). */
export interface SourceIdentity {
  readonly bytes: number;
  readonly sha256: string;
}

/** How a source was read. */
export interface SourceReadResult extends SourceIdentity {
  /** The gzip stream ended early; rows after the cut were lost (the cut line itself is not passed on). */
  readonly truncated: boolean;
}

/** Options of {@link readSource}. */
export interface ReadSourceOptions {
  /** Files larger than this (bytes on disk) are streamed in chunks; default 64 MiB. */
  readonly streamAbove?: number;
  /** With true, a truncated gzip yields the rows before the cut (flagged) instead of an error. */
  readonly allowTruncated?: boolean;
  /** Compute the SHA-256 while reading (default true); off when the caller already has it. */
  readonly hash?: boolean;
}

const DEFAULT_STREAM_ABOVE = 64 * 1024 * 1024;

/** Whether `path` names a gzip file (by extension). */
export function isGzip(path: string): boolean {
  return path.toLowerCase().endsWith('.gz');
}

/** Size and SHA-256 of a file, reading it in 1 MiB chunks. */
export async function identifySource(path: string): Promise<SourceIdentity> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Reads a whole file (small sources), with located errors for missing or unreadable files. */
export function readWholeFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw dataErrorAt(path, undefined, undefined, 'file not found');
    throw dataErrorAt(path, undefined, undefined, `cannot read file (${code ?? String(err)})`);
  }
}

/** SHA-256 (hex) of bytes in memory. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Inflates a whole gzip buffer; a cut-off stream gives `truncated` and what came before the cut. */
export function gunzipWhole(path: string, raw: Uint8Array, allowTruncated: boolean): { data: Uint8Array; truncated: boolean } {
  try {
    return { data: gunzipSync(raw), truncated: false };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const cut = (err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' || /unexpected end/i.test(msg);
    if (!cut) throw dataErrorAt(path, undefined, undefined, `not a readable gzip file (${msg}); re-download the file or remove it`);
    if (!allowTruncated) throw dataErrorAt(path, undefined, undefined, 'truncated gzip (the compressed stream ends early); re-download the file, or pass --on-bad-row skip to keep the rows before the cut');
    return { data: gunzipSync(raw, { finishFlush: constants.Z_SYNC_FLUSH }), truncated: true };
  }
}

/**
 * Reads a source into `sink`: `.gz` files are inflated. Files up to `streamAbove` bytes are read and
 * inflated whole (fastest for Algoseek's one-file-per-ticker-per-day layout); larger ones stream in
 * 1 MiB chunks. Returns the file's size and SHA-256 (of the bytes on disk) and whether it was cut.
 */
export async function readSource(path: string, sink: ChunkSink, options: ReadSourceOptions = {}): Promise<SourceReadResult> {
  const size = statSize(path);
  if (size <= (options.streamAbove ?? DEFAULT_STREAM_ABOVE)) {
    const raw = readWholeFile(path);
    const r = feedWhole(path, raw, sink, options.allowTruncated ?? false);
    return { bytes: raw.length, sha256: sha256Hex(raw), truncated: r };
  }
  return streamSource(path, sink, options.allowTruncated ?? false, options.hash ?? true);
}

/** Feeds bytes already in memory (inflating gzip); returns whether the gzip stream was truncated. */
export function feedWhole(path: string, raw: Uint8Array, sink: ChunkSink, allowTruncated: boolean): boolean {
  let truncated = false;
  let data: Uint8Array = raw;
  if (isGzip(path) && raw.length > 0) ({ data, truncated } = gunzipWhole(path, raw, allowTruncated));
  if (data.length > 0) sink.push(new Uint8Array(data.buffer, data.byteOffset, data.length));
  sink.end(truncated);
  return truncated;
}

function statSize(path: string): number {
  try {
    return statSync(path).size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw dataErrorAt(path, undefined, undefined, code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(err)})`);
  }
}

/** Bytes per read of a streamed source (and per inflated chunk of a gzip one). */
const STREAM_CHUNK = 4 << 20;
/** How far the inflater may run ahead of the parser (bytes of CSV text buffered). */
const INFLATE_AHEAD = 16 << 20;

async function streamSource(path: string, sink: ChunkSink, allowTruncated: boolean, hashing: boolean): Promise<SourceReadResult> {
  const hash = createHash('sha256');
  let bytes = 0;
  const count = (c: Uint8Array): void => {
    if (hashing) hash.update(c);
    bytes += c.length;
  };
  let truncated = false;
  if (!isGzip(path)) {
    await readDoubleBuffered(path, (chunk) => {
      count(chunk);
      sink.push(chunk);
    });
  } else {
    // The inflater runs in libuv's thread pool and may run INFLATE_AHEAD bytes ahead of the parser, so
    // on two cores inflating and parsing overlap. pipe() and the listener both see every compressed
    // chunk; the hash is of the file as stored.
    const file = createReadStream(path, { highWaterMark: 1 << 20 });
    file.on('data', (c) => count(c as Buffer));
    const gunzip = createGunzip({ chunkSize: STREAM_CHUNK, readableHighWaterMark: INFLATE_AHEAD } as ZlibOptions);
    file.on('error', (e) => gunzip.destroy(e));
    file.pipe(gunzip);
    try {
      for await (const chunk of gunzip) sink.push(chunk as Buffer);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (!/unexpected end/i.test(msg)) throw dataErrorAt(path, undefined, undefined, `not a readable gzip file (${msg})`);
      if (!allowTruncated) throw dataErrorAt(path, undefined, undefined, 'truncated gzip (the compressed stream ends early); re-download the file, or pass --on-bad-row skip to keep the rows before the cut');
      truncated = true;
      file.destroy();
    }
  }
  sink.end(truncated);
  // The hash must cover the whole file, also when the inflater stopped before reading all of it.
  if (truncated && hashing) return { ...(await identifySource(path)), truncated };
  return { bytes, sha256: hashing ? hash.digest('hex') : '', truncated };
}

/**
 * Reads a file in {@link STREAM_CHUNK}-byte chunks into two buffers used in turn: the next read runs in
 * the thread pool while `use` works on the current chunk (which it must not keep: the buffer is reused).
 */
async function readDoubleBuffered(path: string, use: (chunk: Uint8Array) => void): Promise<void> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw dataErrorAt(path, undefined, undefined, code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(err)})`);
  }
  const bufs = [new Uint8Array(STREAM_CHUNK), new Uint8Array(STREAM_CHUNK)];
  let pending: Promise<{ bytesRead: number }> | undefined;
  try {
    let k = 0;
    pending = fh.read(bufs[0]!, 0, STREAM_CHUNK, null);
    for (;;) {
      const { bytesRead } = await pending;
      pending = undefined;
      if (bytesRead === 0) break;
      const cur = bufs[k]!;
      k ^= 1;
      pending = fh.read(bufs[k]!, 0, STREAM_CHUNK, null);
      use(bytesRead === STREAM_CHUNK ? cur : cur.subarray(0, bytesRead));
    }
  } finally {
    // When `use` threw (a bad row under the error policy), let the read in flight finish first.
    if (pending) await pending.catch(() => undefined);
    await fh.close();
  }
}
