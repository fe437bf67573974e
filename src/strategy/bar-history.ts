// Per-symbol ring buffers of the last `lookback + 1` bars (prices and declared indicator values),
// filled from the slice columns as the engine walks bars: they never hold a bar after the current one.
import type { Buf } from '../kernels/index.js';

/**
 * Ring buffers of `fields` columns for `nsym` symbols, `lookback + 1` bars deep. `push` copies one
 * bar of every symbol from slice columns; `read(f, s, ago)` reads a pushed bar only, so nothing a
 * reader can ask for lies after the last pushed (current) bar. Nothing allocates per bar.
 */
export class BarHistory {
  /** Ring depth: the current bar plus `lookback` older ones. */
  readonly depth: number;
  private readonly rings: Float64Array[];
  /** Slot of the current bar. */
  private head = -1;
  /** Bars pushed so far. */
  private count = 0;

  constructor(readonly nsym: number, readonly fields: number, readonly lookback: number) {
    if (!Number.isInteger(lookback) || lookback < 0 || lookback > 1_000_000) {
      throw new RangeError(`lookback must be an integer in [0, 1000000]; got ${lookback}`);
    }
    this.depth = lookback + 1;
    this.rings = Array.from({ length: fields }, () => new Float64Array(nsym * this.depth).fill(NaN));
  }

  /** Bars pushed so far. */
  get pushed(): number {
    return this.count;
  }

  /** Appends bar `i` of a slice of `len` bars per symbol: column f of `cols` (symbol-major) into field f. */
  push(cols: ReadonlyArray<Buf<Float64Array> | undefined>, len: number, i: number): void {
    const d = this.depth;
    const head = (this.head + 1) % d;
    for (let f = 0; f < this.fields; f++) {
      const ring = this.rings[f]!;
      const col = cols[f];
      if (!col || col.length === 0) {
        for (let s = 0; s < this.nsym; s++) ring[s * d + head] = NaN;
        continue;
      }
      const v = col.view();
      for (let s = 0; s < this.nsym; s++) ring[s * d + head] = v[s * len + i]!;
    }
    this.head = head;
    this.count++;
  }

  /** Field f of symbol s, `ago` bars before the current one (0 = current); NaN before the first bar. */
  read(f: number, s: number, ago: number): number {
    if (!(ago >= 0 && ago <= this.lookback) || Math.floor(ago) !== ago) throw new RangeError(agoMessage(ago, this.lookback));
    if (ago >= this.count) return NaN;
    const d = this.depth;
    return this.rings[f]![s * d + ((this.head - ago + d) % d)]!;
  }
}

/** Why an `ago` is refused. */
export function agoMessage(ago: unknown, lookback: number): string {
  if (typeof ago === 'number' && ago < 0) {
    return `ago must be ≥ 0: ${ago} would read a bar after the current one, which a strategy cannot see`;
  }
  return `ago must be an integer in [0, ${lookback}] (the strategy's lookback); got ${String(ago)}: declare a larger \`lookback\` to read further back`;
}
