// The whole selection of a catalog as one AlignedBars (plus extra columns), for runs that fit in
// memory: the slices of a SliceSource concatenated. Large universes should stream the slices instead.
import { openSliceSource, type AlignedSlice } from './slice-source.js';
import type { SliceSourceOptions } from './slice-lanes.js';

/**
 * Reads the catalog selection described by `options` into one aligned block (offset 0). Memory is
 * about twice the result while concatenating.
 */
export function readCatalogAligned(options: SliceSourceOptions): AlignedSlice {
  const src = openSliceSource({ ...options, sliceRows: options.sliceRows ?? 1 << 20, reuse: false });
  const slices = [...src];
  const K = src.symbols.length;
  const T = slices.reduce((t, s) => t + s.length, 0);
  if (slices.length === 1) return slices[0]!;
  const ts = new BigInt64Array(T);
  const tsMs = new Float64Array(T);
  const dayEnd = new Uint8Array(T);
  const names = ['open', 'high', 'low', 'close', 'volume', ...src.extraColumns];
  const cols = names.map(() => new Float64Array(K * T));
  let at = 0;
  for (const s of slices) {
    ts.set(s.ts, at);
    tsMs.set(s.tsMs, at);
    dayEnd.set(s.dayEnd, at);
    names.forEach((n, c) => {
      const from = c < 5 ? (s as unknown as Record<string, Float64Array>)[n]! : s.extra[n]!;
      for (let j = 0; j < K; j++) cols[c]!.set(from.subarray(j * s.length, (j + 1) * s.length), j * T + at);
    });
    at += s.length;
  }
  return {
    symbols: src.symbols, length: T, ts, tsMs, dayEnd, timezone: src.timezone,
    open: cols[0]!, high: cols[1]!, low: cols[2]!, close: cols[3]!, volume: cols[4]!, offset: 0,
    extra: Object.fromEntries(src.extraColumns.map((n, k) => [n, cols[5 + k]!])),
  };
}
