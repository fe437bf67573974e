// Text straight into the bytes of a file: a reusable buffer that strings (CSV fields one by one,
// runs of JSON) are encoded into and that goes to the file when full, so writing the outputs of a
// run makes no line strings, large string chunks or per-chunk buffers for the garbage collector.
import { writeFileAtomicStream, type ChunkWriter } from '../model/index.js';

/** Bytes of a sink's buffer (what it hands to the file at a time). */
export const SINK_BYTES = 1 << 16;

/** Strings up to this length are copied code unit by code unit; longer ones go through Buffer.write. */
const SHORT = 64;

/**
 * A buffered writer of UTF-8 text to a {@link ChunkWriter}: `text` writes a string's UTF-8 bytes,
 * `plainCsv` copies a field that needs no CSV quoting. Call `flush` at the end.
 */
export class ByteSink {
  private readonly buf: Buffer;
  private off = 0;

  /** A sink writing to `out` through a buffer of `size` bytes (at least 16). */
  constructor(private readonly out: ChunkWriter, size: number = SINK_BYTES) {
    this.buf = Buffer.allocUnsafe(Math.max(16, size));
  }

  /** Hands the buffered bytes to the writer; the buffer is reused once it returns (as ChunkWriter allows). */
  flush(): void {
    if (this.off > 0) this.out(this.buf.subarray(0, this.off));
    this.off = 0;
  }

  /** Writes one byte (an ASCII character's code). */
  byte(b: number): void {
    if (this.off === this.buf.length) this.flush();
    this.buf[this.off++] = b;
  }

  /** Writes the UTF-8 bytes of `s` (Buffer.from(s, 'utf8')'s bytes: a lone surrogate as U+FFFD). */
  text(s: string): void {
    const n = s.length;
    // a UTF-16 code unit takes at most 3 bytes of UTF-8
    if (n <= SHORT && 3 * n <= this.buf.length) {
      if (this.off + 3 * n > this.buf.length) this.flush();
      const buf = this.buf;
      let off = this.off;
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 128) {
          this.off += buf.write(s, this.off, 'utf8');
          return;
        }
        buf[off++] = c;
      }
      this.off = off;
    } else {
      this.long(s);
    }
  }

  /**
   * Writes `s` and returns true when it is ASCII without a comma, a double quote, CR or LF (so that
   * csvEscape(s) is `s` and its UTF-8 is its code units); otherwise writes nothing and returns false.
   */
  plainCsv(s: string): boolean {
    const n = s.length;
    if (this.off + n > this.buf.length) this.flush();
    if (n <= this.buf.length) {
      const buf = this.buf;
      let off = this.off;
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        // csvEscape quotes a field with `,` (44), `"` (34), LF (10) or CR (13); UTF-8 differs from the code units from 128 on
        if (c === 44 || c === 34 || c === 10 || c === 13 || c >= 128) return false;
        buf[off++] = c;
      }
      this.off = off;
      return true;
    }
    return false;
  }

  // a long string: encoded by Buffer.write, in pieces of at most a third of the buffer (never
  // between the two halves of a surrogate pair, so the pieces' bytes are the whole string's)
  private long(s: string): void {
    const max = Math.floor(this.buf.length / 3);
    for (let start = 0; start < s.length;) {
      let end = Math.min(s.length, start + max);
      const last = s.charCodeAt(end - 1);
      if (end < s.length && last >= 0xd800 && last <= 0xdbff && end - 1 > start) end--;
      const piece = start === 0 && end === s.length ? s : s.slice(start, end);
      if (this.off + 3 * piece.length > this.buf.length) this.flush();
      this.off += this.buf.write(piece, this.off, 'utf8');
      start = end;
    }
  }
}

/**
 * Writes a file atomically (writeFileAtomicStream) from what `produce` puts into a {@link ByteSink};
 * if it throws, no file is left at `path` and the error propagates.
 */
export function writeFileAtomicSink(path: string, produce: (sink: ByteSink) => void, size: number = SINK_BYTES): void {
  writeFileAtomicStream(path, (write) => {
    const sink = new ByteSink(write, size);
    produce(sink);
    sink.flush();
  });
}
