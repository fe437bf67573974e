// Bar CSV writer: formats rows straight into a reusable 1 MB byte buffer (cached day prefixes,
// integer digit loops for cent prices) and streams it through an atomic write: no string per row,
// bounded memory for any length.
import type { BarSeries } from '../model/bars.js';
import { writeFileAtomicStream, type ChunkWriter } from '../model/atomic-write.js';
import { BAR_COLUMNS } from './bar-rules.js';
import { DAY_MS, isoDateOfDays } from '../model/civil-date.js';
import { int64Words, readMs, readSubNs } from './int64-ns.js';

/** Options of the bar writers. */
export interface WriteBarsOptions {
  /** Write a `symbol` column; default: only when more than one series is written. */
  readonly symbolColumn?: boolean;
}

const CHUNK_BYTES = 1 << 20;
/** Longest row we expect (long symbol, 9-digit fractions, 17-digit numbers) with margin. */
const ROW_SLACK = 4096;

/** Whole cents below 1e13: there the shortest round-trip text (what String gives) is the cents text. */
function isCents(x: number): boolean {
  return x >= 0 && x < 1e13 && Math.round(x * 100) / 100 === x;
}

/** Formats a number exactly as `String(x)` does; whole cents take a faster path. */
export function formatNumber(x: number): string {
  if (!isCents(x)) return String(x);
  const c = Math.round(x * 100);
  const whole = Math.floor(c / 100);
  const r = c - whole * 100;
  return r === 0 ? `${whole}` : r % 10 === 0 ? `${whole}.${r / 10}` : `${whole}.${r < 10 ? '0' : ''}${r}`;
}

/** A reusable byte buffer that hands full chunks to a writer. */
class ByteSink {
  // A plain Uint8Array (not a Buffer) and hand-written loops: small `set` calls and Buffer element
  // access cost more than the bytes they move.
  private readonly buf = new Uint8Array(CHUNK_BYTES + ROW_SLACK);
  pos = 0;

  constructor(private readonly write: ChunkWriter) {}

  /** Flushes when the chunk is full; call between rows. */
  rowDone(): void {
    if (this.pos >= CHUNK_BYTES) this.flush();
  }

  flush(): void {
    if (this.pos > 0) this.write(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  byte(b: number): void {
    this.buf[this.pos++] = b;
  }

  /** Writes a string of ASCII characters (numbers, fixed text). */
  ascii(s: string): void {
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }

  bytes(b: Uint8Array): void {
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < b.length; i++) buf[p++] = b[i]!;
    this.pos = p;
  }

  /** Writes a non-negative integer below 2^53 in decimal. */
  uint(n: number): void {
    if (n >= 2147483648) {
      this.ascii(String(n));
      return;
    }
    let m = n | 0; // int32 division: much cheaper than float division
    let len = 1;
    for (let t = m; t >= 10; t = (t / 10) | 0) len++;
    const buf = this.buf;
    let p = this.pos + len;
    this.pos = p;
    do {
      const q = (m / 10) | 0;
      buf[--p] = 48 + (m - q * 10);
      m = q;
    } while (m > 0);
  }

  /** Writes two digits of 0–99. */
  two(n: number): void {
    const t = (n / 10) | 0;
    this.buf[this.pos++] = 48 + t;
    this.buf[this.pos++] = 48 + n - t * 10;
  }

  /** Writes a number as `String(x)` would. */
  number(x: number): void {
    if (!isCents(x)) {
      this.ascii(String(x));
      return;
    }
    const c = Math.round(x * 100);
    const whole = Math.floor(c / 100);
    const r = c - whole * 100;
    this.uint(whole);
    if (r === 0) return;
    this.byte(46);
    if (r % 10 === 0) this.byte(48 + r / 10);
    else this.two(r);
  }
}

/** Writes element `i` of an int64-ns column as RFC 3339 UTC (fraction only when non-zero). */
function writeTimestamp(out: ByteSink, words: Int32Array, i: number, cache: { day: number; prefix: Uint8Array }): void {
  const ms = readMs(words, i);
  const day = Math.floor(ms / DAY_MS);
  if (day !== cache.day) {
    cache.day = day;
    cache.prefix = Buffer.from(`${isoDateOfDays(day)}T`, 'latin1');
  }
  out.bytes(cache.prefix);
  const msOfDay = ms - day * DAY_MS;
  const sec = Math.floor(msOfDay / 1000);
  const min = Math.floor(sec / 60);
  out.two(Math.floor(min / 60));
  out.byte(58);
  out.two(min % 60);
  out.byte(58);
  out.two(sec % 60);
  const ns = (msOfDay - sec * 1000) * 1e6 + readSubNs(words, i);
  if (ns !== 0) {
    let frac = String(ns).padStart(9, '0');
    if (frac.endsWith('000000')) frac = frac.slice(0, 3);
    else if (frac.endsWith('000')) frac = frac.slice(0, 6);
    out.byte(46);
    out.ascii(frac);
  }
  out.byte(90);
}

/**
 * Writes series as one CSV (header `timestamp,open,high,low,close,volume`, with `symbol` first when
 * asked), series after series, timestamps in RFC 3339 UTC, numbers as JavaScript prints them.
 * Atomic: readers never see a partial file.
 */
export function writeCsvBars(path: string, series: BarSeries | readonly BarSeries[], options: WriteBarsOptions = {}): void {
  const list: readonly BarSeries[] = Array.isArray(series) ? series : [series as BarSeries];
  const withSymbol = options.symbolColumn ?? list.length > 1;
  writeFileAtomicStream(path, (write) => {
    const out = new ByteSink(write);
    out.bytes(Buffer.from(`${withSymbol ? 'symbol,' : ''}${BAR_COLUMNS.join(',')}\n`, 'utf8'));
    for (const s of list) {
      const words = int64Words(s.ts);
      const lead = Buffer.from(withSymbol ? `${s.symbol},` : '', 'utf8');
      if (lead.length > ROW_SLACK / 2) throw new RangeError(`symbol too long to write: ${s.symbol.slice(0, 40)}…`);
      const cache = { day: NaN, prefix: new Uint8Array(0) };
      const { open, high, low, close, volume } = s;
      for (let i = 0; i < s.ts.length; i++) {
        if (lead.length > 0) out.bytes(lead);
        writeTimestamp(out, words, i, cache);
        out.byte(44);
        out.number(open[i]!);
        out.byte(44);
        out.number(high[i]!);
        out.byte(44);
        out.number(low[i]!);
        out.byte(44);
        out.number(close[i]!);
        out.byte(44);
        out.number(volume[i]!);
        out.byte(10);
        out.rowDone();
      }
    }
    out.flush();
  });
}
