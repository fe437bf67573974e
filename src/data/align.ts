// Alignment of several symbols onto the union of their timestamps, in the symbol-major column
// layout of AlignedBars: a k-way merge for the timeline, then one scatter pass per symbol.
import type { AlignedBars, BarSeries } from '../model/bars.js';
import { DataError } from '../model/errors.js';
import { dayEndFlags, DEFAULT_ZONE, zoneOffsets } from './calendar.js';
import { compareNs, int64Words, nsToMs, readMs } from './int64-ns.js';

/** Inclusive millisecond bounds of the bars to keep: `start ≤ t ≤ end`. */
export interface AlignRange {
  readonly start?: number;
  readonly end?: number;
}

/** Checks one series: equal column lengths and strictly increasing timestamps. */
function checkSeries(s: BarSeries): void {
  const n = s.ts.length;
  for (const c of ['open', 'high', 'low', 'close', 'volume'] as const) {
    if (s[c].length !== n) throw new DataError(`series ${s.symbol}: column ${c} has ${s[c].length} values but timestamp has ${n}; columns must have equal lengths`);
  }
  const w = int64Words(s.ts);
  for (let i = 1; i < n; i++) {
    if (compareNs(w, i, w, i - 1) <= 0) {
      throw new DataError(`series ${s.symbol}: timestamp at index ${i} is not after index ${i - 1}; timestamps must be strictly increasing (sort and de-duplicate the data)`);
    }
  }
}

/** First index whose millisecond time is ≥ ms (binary search over the sorted column). */
function lowerBound(w: Int32Array, n: number, ms: number): number {
  let a = 0;
  let b = n;
  while (a < b) {
    const m = (a + b) >> 1;
    if (readMs(w, m) < ms) a = m + 1;
    else b = m;
  }
  return a;
}

/**
 * Aligns series on the union of their timestamps within `range` (inclusive, ms). A symbol without a
 * bar at a timestamp gets NaN prices and zero volume; `dayEnd` marks local day ends in `zone`.
 * The merge costs O(n log k); a single series is passed through without copying (columns are views
 * of the input). Throws DataError for duplicate symbols, unsorted timestamps or ragged columns.
 */
export function alignBars(series: readonly BarSeries[], zone: string = DEFAULT_ZONE, range: AlignRange = {}): AlignedBars {
  zoneOffsets(zone);
  const seen = new Map<string, number>();
  series.forEach((s, i) => {
    const j = seen.get(s.symbol);
    if (j !== undefined) throw new DataError(`duplicate symbol "${s.symbol}" (series ${j} and ${i}); each symbol may be aligned once — merge or rename the inputs`);
    seen.set(s.symbol, i);
  });
  const k = series.length;
  const words = series.map((s) => int64Words(s.ts));
  const from = new Int32Array(k);
  const to = new Int32Array(k);
  series.forEach((s, j) => {
    checkSeries(s);
    const n = s.ts.length;
    from[j] = range.start === undefined ? 0 : lowerBound(words[j]!, n, range.start);
    to[j] = range.end === undefined ? n : lowerBound(words[j]!, n, range.end + 1);
    if (to[j]! < from[j]!) to[j] = from[j]!;
  });
  const base = { symbols: series.map((s) => s.symbol), timezone: zone };

  if (k === 1) {
    const s = series[0]!;
    const a = from[0]!;
    const b = to[0]!;
    const ts = s.ts.subarray(a, b);
    const tsMs = nsToMs(ts);
    return {
      ...base, length: b - a, ts, tsMs, dayEnd: dayEndFlags(tsMs, zone),
      open: s.open.subarray(a, b), high: s.high.subarray(a, b), low: s.low.subarray(a, b),
      close: s.close.subarray(a, b), volume: s.volume.subarray(a, b),
    };
  }

  // Pass 1: k-way merge with a binary heap of series heads, writing the union timeline.
  let total = 0;
  for (let j = 0; j < k; j++) total += to[j]! - from[j]!;
  const timeline = new BigInt64Array(total);
  const tw = int64Words(timeline);
  const pos = Int32Array.from(from);
  const heap: number[] = [];
  const less = (x: number, y: number): boolean => compareNs(words[x]!, pos[x]!, words[y]!, pos[y]!) < 0;
  const push = (j: number): void => {
    let i = heap.push(j) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const siftDown = (): void => {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) return;
      const m = l + 1 < heap.length && less(heap[l + 1]!, heap[l]!) ? l + 1 : l;
      if (!less(heap[m]!, heap[i]!)) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let j = 0; j < k; j++) if (pos[j]! < to[j]!) push(j);
  let T = 0;
  while (heap.length > 0) {
    const j = heap[0]!;
    const w = words[j]!;
    const p = pos[j]!;
    if (T === 0 || compareNs(w, p, tw, T - 1) !== 0) {
      tw[2 * T] = w[2 * p]!;
      tw[2 * T + 1] = w[2 * p + 1]!;
      T++;
    }
    pos[j] = p + 1;
    if (p + 1 < to[j]!) siftDown();
    else {
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        siftDown();
      }
    }
  }

  // Pass 2: scatter each symbol's bars onto the timeline (both sorted: one forward walk each).
  const ts = timeline.slice(0, T);
  const twT = int64Words(ts);
  const open = new Float64Array(k * T).fill(NaN);
  const high = new Float64Array(k * T).fill(NaN);
  const low = new Float64Array(k * T).fill(NaN);
  const close = new Float64Array(k * T).fill(NaN);
  const volume = new Float64Array(k * T);
  series.forEach((s, j) => {
    const w = words[j]!;
    let t = 0;
    for (let i = from[j]!; i < to[j]!; i++) {
      while (compareNs(twT, t, w, i) < 0) t++;
      const at = j * T + t;
      open[at] = s.open[i]!;
      high[at] = s.high[i]!;
      low[at] = s.low[i]!;
      close[at] = s.close[i]!;
      volume[at] = s.volume[i]!;
    }
  });
  const tsMs = nsToMs(ts);
  return { ...base, length: T, ts, tsMs, dayEnd: dayEndFlags(tsMs, zone), open, high, low, close, volume };
}
