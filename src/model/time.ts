// Formatting of instants as the contracts want them: RFC 3339 UTC with `Z`.

const DAY_MS = 86_400_000;
let cachedDay = NaN;
let cachedPrefix = '';

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/**
 * RFC 3339 UTC string of a millisecond instant; milliseconds are shown only when non-zero.
 * Called for every event, so the date part is cached per day and the time part built by hand.
 */
export function isoUtc(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${ms}`);
    cachedPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    cachedDay = day;
  }
  const r = ms - day * DAY_MS;
  const h = Math.floor(r / 3_600_000);
  const m = Math.floor((r % 3_600_000) / 60_000);
  const sec = Math.floor((r % 60_000) / 1000);
  const milli = r % 1000;
  const base = cachedPrefix + pad2(h) + ':' + pad2(m) + ':' + pad2(sec);
  return milli === 0 ? base + 'Z' : base + '.' + String(milli).padStart(3, '0') + 'Z';
}

/** Milliseconds of an int64 nanosecond timestamp (exact for millisecond-aligned data). */
export function nsToMs(ns: bigint): number {
  return Number(ns / 1_000_000n);
}
