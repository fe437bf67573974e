// Growable typed-array columns for one symbol, filled row by row by the readers; they check each
// bar with the shared rules and that timestamps strictly increase, without allocating per row.
import type { BarSeries } from '../model/bars.js';
import { checkBar } from './bar-rules.js';
import { int64Words, writeNs } from './int64-ns.js';

/** {@link SeriesBuilder.push} result when the timestamp is not after the previous one. */
export const NOT_INCREASING = -1;

/** Columns of one symbol under construction. */
export class SeriesBuilder {
  readonly symbol: string;
  length = 0;
  /** Millisecond and sub-ms parts of the last accepted timestamp, and its row/line label. */
  lastMs = -Infinity;
  lastSubNs = 0;
  lastPos = 0;
  private ts: BigInt64Array;
  private words: Int32Array;
  private open: Float64Array;
  private high: Float64Array;
  private low: Float64Array;
  private close: Float64Array;
  private volume: Float64Array;

  constructor(symbol: string, capacity = 1024) {
    this.symbol = symbol;
    const cap = Math.max(16, Math.ceil(capacity));
    this.ts = new BigInt64Array(cap);
    this.words = int64Words(this.ts);
    this.open = new Float64Array(cap);
    this.high = new Float64Array(cap);
    this.low = new Float64Array(cap);
    this.close = new Float64Array(cap);
    this.volume = new Float64Array(cap);
  }

  /**
   * Appends a bar whose timestamp is `ms * 1e6 + subNs` ns; `pos` is its line or row, remembered for
   * messages. Returns 0, a BarProblem code, or {@link NOT_INCREASING}; nothing is appended on failure.
   */
  push(ms: number, subNs: number, o: number, h: number, l: number, c: number, v: number, pos: number): number {
    if (ms < this.lastMs || (ms === this.lastMs && subNs <= this.lastSubNs)) return NOT_INCREASING;
    const problem = checkBar(o, h, l, c, v);
    if (problem !== 0) return problem;
    const i = this.length;
    if (i === this.open.length) this.grow();
    writeNs(this.words, i, ms, subNs);
    this.open[i] = o;
    this.high[i] = h;
    this.low[i] = l;
    this.close[i] = c;
    this.volume[i] = v;
    this.length = i + 1;
    this.lastMs = ms;
    this.lastSubNs = subNs;
    this.lastPos = pos;
    return 0;
  }

  /** The finished series; columns are trimmed views when little capacity is unused, else copies. */
  finish(): BarSeries {
    const n = this.length;
    const cap = this.open.length;
    const view = cap - n <= cap / 16;
    const cut = <T extends Float64Array | BigInt64Array>(a: T): T => (n === cap ? a : view ? (a.subarray(0, n) as T) : (a.slice(0, n) as T));
    return {
      symbol: this.symbol,
      ts: cut(this.ts),
      open: cut(this.open),
      high: cut(this.high),
      low: cut(this.low),
      close: cut(this.close),
      volume: cut(this.volume),
    };
  }

  private grow(): void {
    const cap = Math.ceil(this.open.length * 1.5) + 16;
    const ts = new BigInt64Array(cap);
    ts.set(this.ts);
    this.ts = ts;
    this.words = int64Words(ts);
    const more = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.open = more(this.open);
    this.high = more(this.high);
    this.low = more(this.low);
    this.close = more(this.close);
    this.volume = more(this.volume);
  }
}
