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

const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** The date `YYYY-MM-DD` of an instant (ms since the epoch) in IANA zone `zone`. */
export function localDateKey(ms: number, zone: string): string {
  let cache = dateCache.get(zone);
  if (!cache) dateCache.set(zone, (cache = new Map()));
  const q = Math.floor(ms / QUARTER_HOUR_MS);
  let key = cache.get(q);
  if (key === undefined) {
    // en-US writes MM/DD/YYYY: one string is cheaper than its parts (anything else: the parts)
    const f = formatter(dateFormats, zone, false);
    const m = US_DATE.exec(f.format(q * QUARTER_HOUR_MS));
    if (m !== null) key = `${m[3]}-${m[1]}-${m[2]}`;
    else {
      const p = parts(f, q * QUARTER_HOUR_MS);
      key = `${p['year']}-${p['month']}-${p['day']}`;
    }
    if (cache.size >= DATE_CACHE_MAX) cache.clear();
    cache.set(q, key);
  }
  return key;
}

// From 1972 on, a quarter hour of UTC is a quarter hour of local time (the offset is constant in it and a
// whole number of quarter hours): the local minute is the quarter's first local minute plus the minutes since.
const QUARTERS_FROM = Date.UTC(1972, 0, 1);
const timeCache = new Map<string, Map<number, { readonly head: string; readonly minute: number }>>();

/** The local date and time `YYYY-MM-DD HH:MM` of an instant in `zone`, for tables people read. */
export function localDateTime(ms: number, zone: string): string {
  if (!(ms >= QUARTERS_FROM)) return dateTimeOf(ms, zone);
  let cache = timeCache.get(zone);
  if (!cache) timeCache.set(zone, (cache = new Map()));
  const q = Math.floor(ms / QUARTER_HOUR_MS);
  let start = cache.get(q);
  if (start === undefined) {
    const text = dateTimeOf(q * QUARTER_HOUR_MS, zone);
    start = { head: text.slice(0, 14), minute: Number(text.slice(14)) };
    if (cache.size >= DATE_CACHE_MAX) cache.clear();
    cache.set(q, start);
  }
  const minute = start.minute + Math.floor((ms - q * QUARTER_HOUR_MS) / 60_000);
  return minute < 10 ? `${start.head}0${minute}` : `${start.head}${minute}`;
}

function dateTimeOf(ms: number, zone: string): string {
  const p = parts(formatter(timeFormats, zone, true), ms);
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}`;
}

// instants of dates (`YYYY-MM-DD` at 00:00 UTC) already parsed
const dayStarts = new Map<string, number>();
const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18] as const;

/**
 * `Date.parse` of a time as events write it (`YYYY-MM-DDTHH:MM:SSZ`, see isoUtc): the date part
 * parsed once per day, the time of day read from its digits; any other text goes to Date.parse.
 */
export function isoMs(text: string): number {
  if (text.length !== 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84
    || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 90) return Date.parse(text);
  for (const i of DIGIT_POSITIONS) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return Date.parse(text);
  }
  const digit = (i: number): number => text.charCodeAt(i) - 48;
  const h = digit(11) * 10 + digit(12), m = digit(14) * 10 + digit(15), s = digit(17) * 10 + digit(18);
  // 24:00:00 and leap seconds: as Date.parse reads them
  if (h > 23 || m > 59 || s > 59) return Date.parse(text);
  const date = text.slice(0, 10);
  let day = dayStarts.get(date);
  if (day === undefined) {
    day = Date.parse(`${date}T00:00:00Z`);
    if (dayStarts.size >= DATE_CACHE_MAX) dayStarts.clear();
    dayStarts.set(date, day);
  }
  return day + h * 3_600_000 + m * 60_000 + s * 1000;
}
