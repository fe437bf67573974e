// Whole aligned bars held in memory, handed out as slices like a catalog's SliceSource, so files
// and catalogs run through one engine loop.
import type { AlignedBars } from '../../model/bars.js';
import type { AlignedSlice, AlignedSliceSource } from './slice-source.js';

/**
 * Slices of `sliceRows` timestamps (the last one shorter) cut from whole bars, with the given extra
 * columns (symbol-major like the bars). Each slice has its own arrays (a reader may hold several) or
 * read-only views of the bars (one symbol, or a slice covering the whole timeline: no copy).
 */
export class MemorySliceSource implements AlignedSliceSource {
  readonly symbols: readonly string[];
  readonly timezone: string;
  readonly extraColumns: readonly string[];
  readonly sliceRows: number;
  readonly plannedRows: number;
  private at = 0;

  constructor(readonly bars: AlignedBars, private readonly extra: Readonly<Record<string, Float64Array>> = {}, sliceRows = bars.length) {
    this.symbols = bars.symbols;
    this.timezone = bars.timezone;
    this.extraColumns = Object.keys(extra);
    this.sliceRows = Math.max(1, Math.floor(Math.min(sliceRows, Math.max(bars.length, 1))));
    this.plannedRows = bars.length * bars.symbols.length;
  }

  nextSlice(): AlignedSlice | null {
    const b = this.bars;
    const T = b.length;
    const a = this.at;
    if (a >= T) return null;
    const len = Math.min(this.sliceRows, T - a);
    this.at = a + len;
    if (len === T) return { ...b, offset: 0, extra: this.extra };
    const K = b.symbols.length;
    const cut = (src: Float64Array): Float64Array => {
      // one symbol: its window is contiguous, a view suffices
      if (K === 1) return src.subarray(a, a + len);
      const out = new Float64Array(K * len);
      for (let s = 0; s < K; s++) out.set(src.subarray(s * T + a, s * T + a + len), s * len);
      return out;
    };
    return {
      symbols: b.symbols, length: len, ts: b.ts.subarray(a, a + len), tsMs: b.tsMs.subarray(a, a + len), dayEnd: b.dayEnd.subarray(a, a + len), timezone: b.timezone,
      open: cut(b.open), high: cut(b.high), low: cut(b.low), close: cut(b.close), volume: cut(b.volume), offset: a,
      extra: Object.fromEntries(Object.entries(this.extra).map(([k, v]) => [k, cut(v)])),
    };
  }

  close(): void {
    this.at = this.bars.length;
  }
}
