// Growable columns of one symbol (int64 ns timestamps plus named float64 columns) filled row by row
// by the readers, and the finished block they hand to the catalog; timestamps must strictly increase.
import { int64Words, writeNs } from '../int64-ns.js';

/** One symbol's rows from one source: `ts` int64 ns UTC at the bar's open, float64 columns by name. */
export interface BarBlock {
  readonly symbol: string;
  readonly length: number;
  readonly ts: BigInt64Array;
  readonly columns: Readonly<Record<string, Float64Array>>;
}

/** {@link BlockBuilder.append} result for a timestamp equal to the previous one. */
export const DUPLICATE = -1;
/** {@link BlockBuilder.append} result for a timestamp before the previous one. */
export const OUT_OF_ORDER = -2;

/** Columns of one symbol under construction. */
export class BlockBuilder {
  readonly symbol: string;
  readonly names: readonly string[];
  length = 0;
  /** Last accepted timestamp (ms and sub-ms ns) and its line, for order checks and messages. */
  lastMs = -Infinity;
  lastSubNs = 0;
  lastLine = 0;
  /** Columns in `names` order; valid up to `length`, re-fetch after {@link BlockBuilder.append}. */
  cols: Float64Array[];
  private ts: BigInt64Array;
  private words: Int32Array;

  constructor(symbol: string, names: readonly string[], capacity = 1024) {
    this.symbol = symbol;
    this.names = names;
    const cap = Math.max(16, Math.ceil(capacity));
    this.ts = new BigInt64Array(cap);
    this.words = int64Words(this.ts);
    this.cols = names.map(() => new Float64Array(cap));
  }

  /**
   * Appends a timestamp `ms * 1e6 + subNs` ns and returns the row index to fill in {@link cols};
   * returns {@link DUPLICATE} or {@link OUT_OF_ORDER} (appending nothing) when it is not after the last.
   */
  append(ms: number, subNs: number, line: number): number {
    if (ms < this.lastMs || (ms === this.lastMs && subNs <= this.lastSubNs)) {
      return ms === this.lastMs && subNs === this.lastSubNs ? DUPLICATE : OUT_OF_ORDER;
    }
    const i = this.length;
    if (i === this.ts.length) this.grow();
    writeNs(this.words, i, ms, subNs);
    this.length = i + 1;
    this.lastMs = ms;
    this.lastSubNs = subNs;
    this.lastLine = line;
    return i;
  }

  /**
   * Makes room for at least `n` more rows (growing geometrically), so a loop can write up to `n` rows
   * with {@link BlockBuilder.commit} and no capacity check of its own; returns the capacity.
   */
  reserve(n: number): number {
    while (this.length + n > this.ts.length) this.grow();
    return this.ts.length;
  }

  /** The int64 words of the timestamp column (re-fetch after {@link BlockBuilder.reserve} or `append`). */
  tsWords(): Int32Array {
    return this.words;
  }

  /**
   * Records rows a caller wrote straight into {@link cols} and {@link tsWords} (after `reserve`), in
   * increasing time: the new length and the last row's timestamp (sub-ms 0) and line.
   */
  commit(length: number, lastMs: number, lastLine: number): void {
    this.length = length;
    this.lastMs = lastMs;
    this.lastSubNs = 0;
    this.lastLine = lastLine;
  }

  /**
   * The finished block; columns are views of the builder's arrays (blocks are short-lived: the catalog
   * copies them into partitions), so no row is copied again here.
   */
  finish(): BarBlock {
    const n = this.length;
    const cut = <T extends Float64Array | BigInt64Array>(a: T): T => a.subarray(0, n) as T;
    const columns: Record<string, Float64Array> = {};
    this.names.forEach((name, k) => {
      columns[name] = cut(this.cols[k]!);
    });
    return { symbol: this.symbol, length: n, ts: cut(this.ts), columns };
  }

  private grow(): void {
    const cap = this.ts.length * 2 + 16;
    const ts = new BigInt64Array(cap);
    ts.set(this.ts);
    this.ts = ts;
    this.words = int64Words(ts);
    this.cols = this.cols.map((c) => {
      const b = new Float64Array(cap);
      b.set(c);
      return b;
    });
  }
}
