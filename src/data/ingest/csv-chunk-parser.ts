// The streaming skeleton every CSV reader shares: header handling, whole lines handed to a row loop,
// partial lines carried across chunk boundaries, and the end of input (cut rows of a truncated gzip).
import type { ChunkSink } from './source-reader.js';
import { BadRows } from './row-tally.js';

/**
 * A CSV parser fed chunk by chunk (it is a {@link ChunkSink}). Subclasses read the header in
 * {@link CsvChunkParser.onHeader} and parse whole lines in {@link CsvChunkParser.parseRows}, which
 * must advance {@link CsvChunkParser.line} by one per line (blank lines included). Every range handed
 * to `parseRows` ends with `\n`. Quoted fields may not span lines.
 */
export abstract class CsvChunkParser implements ChunkSink {
  /** 1-based number of the last line parsed (the header is line 1). */
  line = 0;
  /** False once the header was rejected under the skip policy: the remaining lines are only counted. */
  accepting = true;
  /** Whether any byte was seen. */
  sawBytes = false;
  /** Expected bytes of CSV text (0: unknown), so readers can size their columns once. */
  sizeHint = 0;
  protected headerDone: boolean;
  private carry: Uint8Array | undefined;

  constructor(readonly bad: BadRows, hasHeader = true, private readonly delimiter = ',') {
    this.headerDone = !hasHeader;
  }

  /** Receives the header's field names (trimmed, quotes removed); returns false to drop the file. */
  protected abstract onHeader(names: string[]): boolean;

  /** Parses the whole lines in `buf[pos, end)` (`end` is just after a `\n`, or the end of input). */
  protected abstract parseRows(buf: Uint8Array, pos: number, end: number): void;

  /** Called once after the last line. */
  protected finish(): void {}

  push(data: Uint8Array): void {
    if (data.length === 0) return;
    this.sawBytes = true;
    // A plain Uint8Array view: element access on a Buffer (a subclass) is slower in the row loops.
    const chunk = data.constructor === Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.length);
    const buf = chunk;
    let pos = 0;
    if (this.carry) {
      // Complete the carried partial line with the head of this chunk, then go on in place.
      let nl = 0;
      while (nl < chunk.length && chunk[nl] !== 10) nl++;
      if (nl === chunk.length) {
        this.carry = concat(this.carry, chunk, chunk.length);
        return;
      }
      const joined = concat(this.carry, chunk, nl + 1);
      this.carry = undefined;
      this.lines(joined, 0, joined.length);
      pos = nl + 1;
    }
    let last = buf.length - 1;
    while (last >= pos && buf[last] !== 10) last--;
    if (last >= pos) this.lines(buf, pos, last + 1);
    if (last + 1 < buf.length) this.carry = buf.slice(Math.max(pos, last + 1));
  }

  end(truncated: boolean): void {
    const rest = this.carry;
    this.carry = undefined;
    if (rest && rest.length > 0) {
      if (truncated && this.headerDone) {
        this.line++;
        this.bad.tally.read++;
        this.bad.reject(this.line, undefined, 'truncated-file', 'truncated gzip: this row was cut off');
      } else {
        // Row loops rely on every line ending in \n (their fast paths do not check bounds).
        const line = new Uint8Array(rest.length + 1);
        line.set(rest);
        line[rest.length] = 10;
        this.lines(line, 0, line.length);
      }
    }
    if (!this.sawBytes) {
      this.bad.reject(undefined, undefined, 'empty-file', 'file is empty; expected a header line (an Algoseek file with no bars still has its header)', 0);
      return;
    }
    if (!this.headerDone) this.bad.reject(1, undefined, 'bad-header', 'file has no complete header line', 0);
    this.finish();
  }

  /** Splits off the header line when it has not been seen yet, then parses rows. */
  private lines(buf: Uint8Array, pos: number, end: number): void {
    if (!this.headerDone) {
      let e = pos;
      while (e < end && buf[e] !== 10) e++;
      let s = pos;
      if (buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3;
      const text = Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('utf8').replace(/\r$/, '');
      this.line = 1;
      this.headerDone = true;
      this.accepting = text.trim() !== '' && this.onHeader(splitHeader(text, this.delimiter));
      pos = Math.min(end, e + 1);
    }
    if (!this.accepting) {
      // A rejected header under `skip`: every data line is counted as skipped for that reason.
      let n = 0;
      for (let i = pos; i < end; i++) if (buf[i] === 10) n++;
      if (end > pos && buf[end - 1] !== 10) n++;
      this.line += n;
      this.bad.tally.read += n;
      this.bad.tally.skip('bad-header', n);
      return;
    }
    this.parseRows(buf, pos, end);
  }
}

/** Header names: split on the delimiter, trimmed, surrounding double quotes removed. */
export function splitHeader(text: string, delimiter = ','): string[] {
  return text.split(delimiter).map((h) => h.trim().replace(/^"(.*)"$/, '$1').trim());
}

function concat(a: Uint8Array, b: Uint8Array, bLen: number): Uint8Array {
  const out = new Uint8Array(a.length + bLen);
  out.set(a);
  out.set(b.subarray(0, bLen), a.length);
  return out;
}
