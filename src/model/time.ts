// Formatting of instants as the contracts want them: RFC 3339 UTC with `Z`.

/** RFC 3339 UTC string of a millisecond instant; milliseconds are shown only when non-zero. */
export function isoUtc(ms: number): string {
  const s = new Date(ms).toISOString();
  return s.endsWith('.000Z') ? s.slice(0, 19) + 'Z' : s;
}

/** Milliseconds of an int64 nanosecond timestamp (exact for millisecond-aligned data). */
export function nsToMs(ns: bigint): number {
  return Number(ns / 1_000_000n);
}
