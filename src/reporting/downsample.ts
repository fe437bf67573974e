// Downsampling of long curves for display: each bucket of consecutive points keeps its lowest and
// highest point, so peaks and troughs survive and a 10,000,000-bar curve draws from a few thousand.

/**
 * Indices of the points to draw: all of them when there are at most 2 × `buckets` valid points;
 * else the series is cut into `buckets` runs of equal length and each keeps the index of its
 * minimum and of its maximum (in index order, once when they coincide). NaN values are skipped.
 * The first and last valid points are always kept.
 */
export function minMaxIndices(values: ArrayLike<number>, buckets: number, from = 0, to = values.length): number[] {
  return minMaxCount(values, buckets, from, to).indices;
}

/** {@link minMaxIndices} and the count of valid (non-NaN) values of `values[from, to)`, from one pass over them. */
export function minMaxCount(values: ArrayLike<number>, buckets: number, from = 0, to = values.length): { indices: number[]; valid: number } {
  const n = to - from;
  const out: number[] = [];
  if (n <= 2 * buckets) {
    for (let i = from; i < to; i++) if (values[i] === values[i]) out.push(i);
    return { indices: out, valid: out.length };
  }
  const ends = new Int32Array(2);
  let valid = 0;
  for (let b = 0; b < buckets; b++) {
    const lo = from + Math.floor((b * n) / buckets);
    const hi = from + Math.floor(((b + 1) * n) / buckets);
    const k = bucketMinMax(values, lo, hi, ends);
    if (k === 0) continue;
    valid += k;
    const iMin = ends[0]!, iMax = ends[1]!;
    if (iMin === iMax) out.push(iMin);
    else if (iMin < iMax) out.push(iMin, iMax);
    else out.push(iMax, iMin);
  }
  // keep the ends so the curve starts and stops where the data does
  let first = from;
  while (first < to && values[first] !== values[first]) first++;
  let last = to - 1;
  while (last >= from && values[last] !== values[last]) last--;
  if (first < to && out[0] !== first) out.unshift(first);
  if (last >= from && out[out.length - 1] !== last) out.push(last);
  return { indices: out, valid };
}

/**
 * Writes the index of the first lowest and of the first highest value of `values[lo, hi)` (NaN
 * skipped) to `out[0]` and `out[1]`; returns the count of values that are not NaN (0: none, and
 * `out` untouched). A function of its own, called once per bucket, so that V8 optimises its loop
 * over the points (the values kept in locals).
 */
function bucketMinMax(values: ArrayLike<number>, lo: number, hi: number, out: Int32Array): number {
  let i = lo;
  while (i < hi && values[i] !== values[i]) i++;
  if (i >= hi) return 0;
  let iMin = i, iMax = i, vMin = values[i]!, vMax = vMin, nan = i - lo;
  for (i++; i < hi; i++) {
    const v = values[i]!;
    if (v < vMin) {
      iMin = i;
      vMin = v;
    } else if (v > vMax) {
      iMax = i;
      vMax = v;
    } else if (v !== v) nan++; // NaN compares false both ways: skipped, counted
  }
  out[0] = iMin;
  out[1] = iMax;
  return hi - lo - nan;
}

/** The values at `indices`. */
export function pick<T>(values: ArrayLike<T>, indices: readonly number[]): T[] {
  return indices.map((i) => values[i]!);
}
