// Calendar dates and times of instants in the exchange's time zone, for daily samples, monthly
// and yearly returns and the times shown in report.html.
import { civilFromDays, daysFromCivil, daysInMonth } from '../model/civil-date.js';

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

const monthKeys = new Map<number, string>();

/**
 * `localDateKey(ms, zone).slice(0, 7)`: the local month `YYYY-MM` of an instant. Every zone's offset
 * is less than a day, so the local date is the UTC date or a day either side: away from the first and
 * last day of a UTC month (years 1000–9999) the local month is the UTC month, computed from the
 * instant; on those days, and for anything else, it is localDateKey's.
 */
export function localMonthKey(ms: number, zone: string): string {
  const { year: y, month: m, day: d } = civilFromDays(Math.floor(ms / 86_400_000));
  if (!(d >= 2 && d < daysInMonth(y, m) && y >= 1000 && y <= 9999)) return localDateKey(ms, zone).slice(0, 7);
  const index = y * 12 + m - 1;
  let key = monthKeys.get(index);
  if (key === undefined) monthKeys.set(index, (key = `${y}-${m < 10 ? '0' : ''}${m}`));
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

const US_DATE_TIME = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2})$/;

function dateTimeOf(ms: number, zone: string): string {
  // en-US writes MM/DD/YYYY, HH:MM: one string is several times cheaper than its parts (anything else: the parts)
  const f = formatter(timeFormats, zone, true);
  const m = US_DATE_TIME.exec(f.format(ms));
  if (m !== null) return `${m[3]}-${m[1]}-${m[2]} ${m[4]}:${m[5]}`;
  const p = parts(f, ms);
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}`;
}



/**
 * `Date.parse` of a time as events write it (`YYYY-MM-DDTHH:MM:SSZ`, see isoUtc), computed from its
 * digits (no string is made); any other text, or a date or time Date.parse would refuse or read
 * otherwise (month 13, February 30, 24:00, a leap second), goes to Date.parse.
 */
export function isoMs(text: string): number {
  if (text.length !== 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84
    || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 90) return Date.parse(text);
  // straight-line digits (a run reads tens of thousands of times, once each: no calls, no loop)
  const y0 = text.charCodeAt(0) - 48, y1 = text.charCodeAt(1) - 48, y2 = text.charCodeAt(2) - 48, y3 = text.charCodeAt(3) - 48;
  const o0 = text.charCodeAt(5) - 48, o1 = text.charCodeAt(6) - 48, d0 = text.charCodeAt(8) - 48, d1 = text.charCodeAt(9) - 48;
  const h0 = text.charCodeAt(11) - 48, h1 = text.charCodeAt(12) - 48, m0 = text.charCodeAt(14) - 48, m1 = text.charCodeAt(15) - 48;
  const s0 = text.charCodeAt(17) - 48, s1 = text.charCodeAt(18) - 48;
  // (x >>> 0) > 9: x is not a digit (a character below '0' wraps to a large number)
  if ((y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (o0 >>> 0) > 9 || (o1 >>> 0) > 9 || (d0 >>> 0) > 9 || (d1 >>> 0) > 9
    || (h0 >>> 0) > 9 || (h1 >>> 0) > 9 || (m0 >>> 0) > 9 || (m1 >>> 0) > 9 || (s0 >>> 0) > 9 || (s1 >>> 0) > 9) return Date.parse(text);
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3, mo = o0 * 10 + o1, d = d0 * 10 + d1;
  const h = h0 * 10 + h1, m = m0 * 10 + m1, s = s0 * 10 + s1;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || m > 59 || s > 59) return Date.parse(text);
  return daysFromCivil(y, mo, d) * 86_400_000 + h * 3_600_000 + m * 60_000 + s * 1000;
}
