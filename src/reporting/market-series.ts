// The timeline bars of the trades (the benchmark and the chart price are recorded while the bars
// stream by: see market-record.ts).
import { isoMs } from './local-date.js';

/**
 * Timeline index of the bar each time falls in: the last bar opening at or before it (0 for a
 * time before the first bar), by binary search; −1 for an empty time (a trade still open has no exit).
 * Times mostly come in order, so each search starts at the previous answer and widens its window
 * by doubling (a few probes near the last one, not a search of the whole timeline).
 */
export function barIndices(times: readonly string[], tsMs: Float64Array): number[] {
  const last = tsMs.length - 1;
  let at = 0;
  return times.map((iso) => {
    if (iso === '') return -1;
    const ms = isoMs(iso);
    // a window [lo, hi] that holds the answer: tsMs[lo] ≤ ms (or lo = 0) and tsMs[hi + 1] > ms (or hi = last)
    let lo: number, hi: number;
    // (an unreadable time lands on bar 0, as the plain binary search puts it)
    if (last <= 0 || ms !== ms) return 0;
    if (tsMs[at]! <= ms) {
      lo = at;
      let step = 1;
      while (lo + step <= last && tsMs[lo + step]! <= ms) {
        lo += step;
        step *= 2;
      }
      hi = Math.min(last, lo + step - 1);
    } else {
      if (at === 0) return 0;
      hi = at - 1;
      let step = 1;
      while (hi - step >= 0 && tsMs[hi - step + 1]! > ms) {
        hi -= step;
        step *= 2;
      }
      lo = Math.max(0, hi - step + 1);
    }
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (tsMs[mid]! <= ms) lo = mid;
      else hi = mid - 1;
    }
    at = lo;
    return lo;
  });
}
