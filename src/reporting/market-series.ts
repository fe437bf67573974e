// The timeline bars of the trades (the benchmark and the chart price are recorded while the bars
// stream by: see market-record.ts).
import { isoMs } from './local-date.js';

/**
 * Timeline index of the bar each time falls in: the last bar opening at or before it (0 for a
 * time before the first bar), by binary search; −1 for an empty time (a trade still open has no exit).
 */
export function barIndices(times: readonly string[], tsMs: Float64Array): number[] {
  return times.map((iso) => {
    if (iso === '') return -1;
    const ms = isoMs(iso);
    let lo = 0, hi = tsMs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (tsMs[mid]! <= ms) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  });
}
