// What reporting takes from the aligned bars at the end of a run (they are not saved): the
// benchmark's close at each day end, the chart symbol's downsampled price, and the bars of the trades.
import { DataError, type AlignedBars } from '../model/index.js';
import { minMaxIndices, pick } from './downsample.js';
import { localDateKey } from './local-date.js';
import type { BenchmarkSeries, PriceSeries } from './results.js';

function symbolIndex(bars: AlignedBars, symbol: string, key: string): number {
  const s = bars.symbols.indexOf(symbol);
  if (s < 0) throw new DataError(`\`${key}\`: symbol ${symbol} is not in the data (symbols: ${bars.symbols.join(', ')})`);
  return s;
}

/**
 * Buy and hold of `symbol`: bought at its first valid open (its first close when that open is
 * missing); valued at the last valid close at or before each day end. Null when the symbol has no
 * bar with a positive price.
 */
export function benchmarkSeries(bars: AlignedBars, symbol: string): BenchmarkSeries | null {
  const s = symbolIndex(bars, symbol, 'reporting.benchmark');
  const T = bars.length;
  const base = s * T;
  let start = NaN;
  for (let t = 0; t < T && !(start > 0); t++) {
    const o = bars.open[base + t]!;
    const c = bars.close[base + t]!;
    start = o > 0 ? o : c > 0 ? c : NaN;
  }
  if (!(start > 0)) return null;
  const day: string[] = [];
  const close: number[] = [];
  let last = start;
  for (let t = 0; t < T; t++) {
    const c = bars.close[base + t]!;
    if (c > 0) last = c;
    if (bars.dayEnd[t] === 1) {
      day.push(localDateKey(bars.tsMs[t]!, bars.timezone));
      close.push(last);
    }
  }
  return { symbol, start_price: start, day, close };
}

/** The closes of `symbol` downsampled to at most about 2 × `buckets` points (see {@link minMaxIndices}). */
export function priceSeries(bars: AlignedBars, symbol: string, buckets: number): PriceSeries {
  const s = symbolIndex(bars, symbol, 'reporting.chart_symbol');
  const T = bars.length;
  const closes = bars.close.subarray(s * T, (s + 1) * T);
  let valid = 0;
  for (let t = 0; t < T; t++) if (closes[t] === closes[t]) valid++;
  const idx = minMaxIndices(closes, buckets);
  return { symbol, bars: valid, time_ms: pick(bars.tsMs, idx), close: pick(closes, idx) };
}

/**
 * Timeline index of the bar each time falls in: the last bar opening at or before it (0 for a
 * time before the first bar), by binary search; −1 for an empty time (a trade still open has no exit).
 */
export function barIndices(times: readonly string[], tsMs: Float64Array): number[] {
  return times.map((iso) => {
    if (iso === '') return -1;
    const ms = Date.parse(iso);
    let lo = 0, hi = tsMs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (tsMs[mid]! <= ms) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  });
}
