// Calendar dates and times of instants in the exchange's time zone, for daily samples, monthly
// and yearly returns and the times shown in report.html.

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function formatter(cache: Map<string, Intl.DateTimeFormat>, zone: string, withTime: boolean): Intl.DateTimeFormat {
  let f = cache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    cache.set(zone, f);
  }
  return f;
}

function parts(f: Intl.DateTimeFormat, ms: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(ms)) out[p.type] = p.value;
  return out;
}

// Every zone offset in use since 1972 is a whole number of quarter hours, so the local date is constant within a
// quarter hour of UTC: dates are cached per quarter hour (Intl formatting costs microseconds a call,
// and a run asks for one per snapshot and two per trade).
const QUARTER_HOUR_MS = 900_000;
const dateCache = new Map<string, Map<number, string>>();
const DATE_CACHE_MAX = 1 << 16;

/** The date `YYYY-MM-DD` of an instant (ms since the epoch) in IANA zone `zone`. */
export function localDateKey(ms: number, zone: string): string {
  let cache = dateCache.get(zone);
  if (!cache) dateCache.set(zone, (cache = new Map()));
  const q = Math.floor(ms / QUARTER_HOUR_MS);
  let key = cache.get(q);
  if (key === undefined) {
    const p = parts(formatter(dateFormats, zone, false), q * QUARTER_HOUR_MS);
    key = `${p['year']}-${p['month']}-${p['day']}`;
    if (cache.size >= DATE_CACHE_MAX) cache.clear();
    cache.set(q, key);
  }
  return key;
}

/** The local date and time `YYYY-MM-DD HH:MM` of an instant in `zone`, for tables people read. */
export function localDateTime(ms: number, zone: string): string {
  const p = parts(formatter(timeFormats, zone, true), ms);
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}`;
}
