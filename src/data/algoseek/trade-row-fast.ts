// The fast path of the trade-bar reader for files with the standard header in its usual order: runs of
// rows parsed in one loop with no per-field dispatch and no string (date and ticker bytes compared with
// an accepted row's, the time read in place, plain decimals), checked and written straight into the
// ticker's columns. Anything unusual ends the run at that row; the general path, with its checks and
// messages, handles the row, so the fast path never decides about a bad row. Engine `wasm` runs the
// same loop in WebAssembly (wasm/ingest-trades.ts); engine `js` is its reference.
import type { KernelEngine } from '../../model/index.js';
import type { BlockBuilder } from '../ingest/bar-block.js';
import { writeNs } from '../int64-ns.js';

/** Exact powers of ten: `m / POW10[k]` with an integer `m < 2^53` is the correctly rounded decimal. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const TWO32 = 4294967296;
const INV_TWO32 = 1 / TWO32;
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;

/** Bytes of `date,ticker,` the fast path compares at most (the kernel's prefix slot has room for them). */
const PREFIX_BYTES = 64;

/**
 * What the fast path needs of the WebAssembly kernel `tradeRows` (`TradeRowsKernel` in
 * src/kernels/trade-rows.ts). The data layer does not import kernels (DESIGN.md's layer table): the
 * entry points that ingest (the CLI, benches, tests) hand it in with {@link useTradeRowsScanner}.
 */
export interface TradeRowsScanner {
  /** Rows staged by the last run, the offset of the first row it did not take, the UTC ms of its last row. */
  readonly rows: number;
  readonly stop: number;
  readonly lastMs: number;
  /** Rows staged per run at most. */
  readonly stage: number;
  window(owner: unknown, chunk: number, buf: Uint8Array, pos: number, end: number): number;
  run(prefix: Uint8Array, plen: number, pos: number, count: number, base: number, baseLo: number, baseHi: number, lastMs: number): void;
  tsWords(): Int32Array;
  column(k: number): Float64Array;
}

let scannerSource: (() => TradeRowsScanner | undefined) | undefined;

/**
 * Gives the fast path its WebAssembly scanner (`() => TradeRowsKernel.shared()`); until then, and
 * whenever the source returns undefined, parsers use the plain-TypeScript loop (same results).
 */
export function useTradeRowsScanner(source: (() => TradeRowsScanner | undefined) | undefined): void {
  scannerSource = source;
}

/** The standard trade-bar header (the fast path applies only to exactly this, optionally with the two factors). */
export const STANDARD_TRADE_HEADER = 'Date,Ticker,TimeBarStart,FirstTradePrice,HighTradePrice,LowTradePrice,LastTradePrice,VolumeWeightPrice,Volume,TotalTrades';

/**
 * Reads runs of standard rows. {@link StandardTradeRows.arm} gives it an accepted row's date and
 * ticker bytes, that ticker's builder and the date's UTC midnight; {@link StandardTradeRows.run} then
 * takes every following row that repeats those bytes, has an `HH:MM` time, plain decimals (no sign,
 * 1–15 digits, at most one dot), passes the bar checks of `checkBar` and is later than the ticker's
 * last bar. Numbers are exact: the digits form an integer below 10^15 < 2^53 and one division by an
 * exact power of ten rounds correctly, the same double `Number(text)` gives. With engine `wasm` (the
 * default, when a scanner was handed in with {@link useTradeRowsScanner}) the kernel `tradeRows` parses and TypeScript copies its
 * staged columns out; engine `js` is the plain-TypeScript loop, the kernel's reference.
 */
export class StandardTradeRows {
  /** Rows taken by the last {@link StandardTradeRows.run} (one line each). */
  rows = 0;
  /** The engine in use (`js` when `wasm` was asked for but the build could not be loaded). */
  readonly engine: KernelEngine;
  private readonly count: number;
  private readonly nums = new Float64Array(9);
  private readonly prefix = new Uint8Array(PREFIX_BYTES);
  private readonly prefixWords = new Int32Array(16);
  private prefixLen = -1;
  private bld: BlockBuilder | undefined;
  /** UTC ms of the armed date's local midnight, and the same instant in int64 ns as two words. */
  private base = 0;
  private baseLo = 0;
  private baseHi = 0;
  private readonly scratch = new Int32Array(2);

  private readonly kernel: TradeRowsScanner | undefined;
  /** Number of the chunk of bytes being parsed: the kernel's copy of a reused buffer is stale after {@link StandardTradeRows.nextChunk}. */
  private chunk = 0;

  constructor(factors: boolean, engine: KernelEngine = 'wasm') {
    this.count = factors ? 9 : 7;
    this.kernel = engine === 'wasm' ? scannerSource?.() : undefined;
    this.engine = this.kernel ? 'wasm' : 'js';
  }

  /** Tells the fast path that the bytes of the buffers it saw may have changed (a new chunk of input). */
  nextChunk(): void {
    this.chunk++;
  }

  /**
   * Arms the fast path after the general path accepted the row starting at `rowStart`: `tickerEnd` is
   * the offset of the comma after its ticker, `bld` the ticker's builder and `base` the UTC ms of the
   * date's local midnight (NaN on a day whose UTC offset changes: the fast path then stays off).
   */
  arm(buf: Uint8Array, rowStart: number, tickerEnd: number, bld: BlockBuilder, base: number): void {
    const n = tickerEnd + 1 - rowStart;
    this.prefixLen = -1;
    if (buf[tickerEnd] !== 44 || n > this.prefix.length || base !== base) return;
    for (let k = 0; k < n; k++) {
      const b = buf[rowStart + k]!;
      if (b === 34) return; // quoted fields: leave them to the general path
      this.prefix[k] = b;
    }
    this.prefixLen = n;
    const v = new DataView(this.prefix.buffer);
    for (let k = 0; k < n >> 2; k++) this.prefixWords[k] = v.getInt32(4 * k, true);
    this.bld = bld;
    this.base = base;
    writeNs(this.scratch, 0, base, 0);
    this.baseLo = this.scratch[LO]! >>> 0;
    this.baseHi = this.scratch[HI]!;
  }

  /**
   * Parses rows from `pos` (a line start) up to `end` (just after a `\n`) while they qualify; returns
   * the offset of the first row not taken (`end` when all were) and sets {@link StandardTradeRows.rows}.
   * `line` is the number of the line before `pos`.
   */
  run(buf: Uint8Array, pos: number, end: number, line: number): number {
    this.rows = 0;
    const plen = this.prefixLen;
    if (plen < 0 || pos >= end) return pos;
    return this.kernel ? this.runWasm(this.kernel, buf, pos, end, line) : this.runJs(buf, pos, end, line);
  }

  /** {@link StandardTradeRows.run} in WebAssembly: stage rows in the kernel, copy them into the ticker's columns. */
  private runWasm(k: TradeRowsScanner, buf: Uint8Array, pos: number, end: number, line: number): number {
    const bld = this.bld!;
    const count = this.count;
    let rows = 0;
    while (pos < end) {
      const winEnd = k.window(this, this.chunk, buf, pos, end);
      if (winEnd < 0) {
        // No line end within a window's reach (a giant row): the TypeScript loop decides.
        const p = this.runJs(buf, pos, end, line + rows);
        this.rows += rows;
        return p;
      }
      k.run(this.prefix, this.prefixLen, pos, count, this.base, this.baseLo, this.baseHi, bld.lastMs);
      const n = k.rows;
      if (n > 0) {
        bld.reserve(n);
        const i = bld.length;
        bld.tsWords().set(k.tsWords(), 2 * i);
        const cols = bld.cols;
        for (let c = 0; c < count; c++) cols[c]!.set(k.column(c), i);
        rows += n;
        bld.commit(i + n, k.lastMs, line + rows);
      }
      pos = k.stop;
      // A row the kernel did not take inside its window ends the run; a full stage or the window's end does not.
      if (pos < winEnd && n < k.stage) break;
    }
    this.rows = rows;
    return pos;
  }

  /** {@link StandardTradeRows.run} in TypeScript (engine `js`, the kernel's reference). */
  private runJs(buf: Uint8Array, pos: number, end: number, line: number): number {
    this.rows = 0;
    const plen = this.prefixLen;
    if (pos >= end) return pos;
    const pre = this.prefix;
    const pw = this.prefixWords;
    const pwords = plen >> 2;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.length);
    const count = this.count;
    const lastField = count - 1;
    const bld = this.bld!;
    const base = this.base;
    const baseLo = this.baseLo;
    const baseHi = this.baseHi;
    let cap = bld.reserve(1);
    let words = bld.tsWords();
    // Fields are parsed into `nums` (file order: open, high, low, close, vwap, volume, trades[,
    // factors]) and copied into the columns once the row passed every check.
    const nums = this.nums;
    let cols = bld.cols;
    let c0 = cols[0]!, c1 = cols[1]!, c2 = cols[2]!, c3 = cols[3]!, c4 = cols[4]!, c5 = cols[5]!, c6 = cols[6]!;
    let c7 = count === 9 ? cols[7]! : c6, c8 = count === 9 ? cols[8]! : c6;
    let i = bld.length;
    let lastMs = bld.lastMs;
    let rows = 0;
    rowLoop: while (pos < end) {
      const start = pos;
      // A row shorter than its prefix and time is not one to take (and the word reads stay in range).
      if (pos + plen + 6 > end) break;
      if (i === cap) {
        bld.commit(i, lastMs, line + rows);
        cap = bld.reserve(1);
        words = bld.tsWords();
        cols = bld.cols;
        c0 = cols[0]!; c1 = cols[1]!; c2 = cols[2]!; c3 = cols[3]!; c4 = cols[4]!; c5 = cols[5]!; c6 = cols[6]!;
        c7 = count === 9 ? cols[7]! : c6;
        c8 = count === 9 ? cols[8]! : c6;
      }
      // Same date and ticker bytes as the armed row, four at a time (a date change fails the first word).
      for (let k = 0; k < pwords; k++) {
        if (view.getInt32(pos + 4 * k, true) !== pw[k]) break rowLoop;
      }
      for (let k = 4 * pwords; k < plen; k++) {
        if (buf[pos + k] !== pre[k]) break rowLoop;
      }
      pos += plen;
      const h1 = buf[pos]! - 48;
      const h2 = buf[pos + 1]! - 48;
      const m1 = buf[pos + 3]! - 48;
      const m2 = buf[pos + 4]! - 48;
      if (h1 >>> 0 > 2 || h2 >>> 0 > 9 || m1 >>> 0 > 5 || m2 >>> 0 > 9 || buf[pos + 2] !== 58 || buf[pos + 5] !== 44) { pos = start; break; }
      const hh = h1 * 10 + h2;
      if (hh > 23) { pos = start; break; }
      const ms = base + (hh * 60 + m1 * 10 + m2) * 60_000;
      if (!(ms > lastMs)) { pos = start; break; }
      pos += 6;
      let d = 0;
      for (let f = 0; ; f++) {
        const s = pos;
        let m = 0;
        d = buf[pos]! - 48;
        while (d >>> 0 < 10) {
          m = m * 10 + d;
          d = buf[++pos]! - 48;
        }
        let x: number;
        if (d === -2) {
          // '.': the fraction digits, then one exact division.
          const dot = pos;
          d = buf[++pos]! - 48;
          while (d >>> 0 < 10) {
            m = m * 10 + d;
            d = buf[++pos]! - 48;
          }
          const digits = pos - s - 1;
          if (digits === 0 || digits > 15) { pos = start; break rowLoop; }
          x = m / POW10[pos - dot - 1]!;
        } else {
          const digits = pos - s;
          if (digits === 0 || digits > 15) { pos = start; break rowLoop; }
          x = m;
        }
        nums[f] = x;
        if (f === lastField) break;
        if (d !== -4) { pos = start; break rowLoop; } // ','
        pos++;
      }
      if (d === -35) d = buf[++pos]! - 48; // '\r'
      if (d !== -38) { pos = start; break; } // '\n'
      pos++;
      // The checks of checkBar (values are finite and not negative by construction).
      const o = nums[0]!, h = nums[1]!, l = nums[2]!, c = nums[3]!;
      if (!(o > 0 && h > 0 && l > 0 && c > 0) || h < l || h < o || h < c || l > o || l > c) { pos = start; break; }
      if (count === 9 && !(nums[7]! > 0 && nums[8]! > 0)) { pos = start; break; }
      // ns = base ns + minutes × 6e10: the addend (< 2^47) split into 32-bit words exactly.
      const add = (ms - base) * 1e6;
      const addHi = Math.floor(add * INV_TWO32);
      const lo = baseLo + (add - addHi * TWO32);
      const carry = lo >= TWO32 ? 1 : 0;
      words[2 * i + LO] = lo | 0;
      words[2 * i + HI] = (baseHi + addHi + carry) | 0;
      c0[i] = o;
      c1[i] = h;
      c2[i] = l;
      c3[i] = c;
      c4[i] = nums[5]!;
      c5[i] = nums[4]!;
      c6[i] = nums[6]!;
      if (count === 9) {
        c7[i] = nums[7]!;
        c8[i] = nums[8]!;
      }
      i++;
      lastMs = ms;
      rows++;
    }
    if (rows > 0) bld.commit(i, lastMs, line + rows);
    this.rows = rows;
    return pos;
  }
}
