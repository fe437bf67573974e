// Downsampling of long curves for display: each bucket of consecutive points keeps its lowest and
// highest point, so peaks and troughs survive and a 10,000,000-bar curve draws from a few thousand.

/**
 * Indices of the points to draw: all of them when there are at most 2 × `buckets` valid points;
 * else the series is cut into `buckets` runs of equal length and each keeps the index of its
 * minimum and of its maximum (in index order, once when they coincide). NaN values are skipped.
 * The first and last valid points are always kept.
 */
export function minMaxIndices(values: ArrayLike<number>, buckets: number, from = 0, to = values.length): number[] {
  const n = to - from;
  const out: number[] = [];
  if (n <= 2 * buckets) {
    for (let i = from; i < to; i++) if (values[i] === values[i]) out.push(i);
    return out;
  }
  for (let b = 0; b < buckets; b++) {
    const lo = from + Math.floor((b * n) / buckets);
    const hi = from + Math.floor(((b + 1) * n) / buckets);
    // the first lowest and first highest point (NaN skipped), their values kept in locals
    let iMin = -1, iMax = -1, vMin = NaN, vMax = NaN;
    for (let i = lo; i < hi; i++) {
      const v = values[i]!;
      if (v !== v) continue;
      if (iMin < 0) {
        iMin = iMax = i;
        vMin = vMax = v;
      } else if (v < vMin) {
        iMin = i;
        vMin = v;
      } else if (v > vMax) {
        iMax = i;
        vMax = v;
      }
    }
    if (iMin < 0) continue;
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
  return out;
}

/** The values at `indices`. */
export function pick<T>(values: ArrayLike<T>, indices: readonly number[]): T[] {
  return indices.map((i) => values[i]!);
}
