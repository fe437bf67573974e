// Local (exchange) dates and times of day as they appear in vendor files, parsed from bytes and
// turned into UTC instants with a per-date cache, so rows cost no time-zone look-up of their own.
import { DAY_MS, daysFromCivil, daysInMonth } from '../../model/civil-date.js';
import { localToUtcMs, zoneOffsets } from '../calendar.js';

function digits(buf: Uint8Array, s: number, n: number): number {
  let v = 0;
  for (let i = s; i < s + n; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Parses a date field into `yyyymmdd` as one integer (e.g. 20220120), or -1. Accepts `YYYYMMDD`,
 * `YYYY-MM-DD`, `YYYY/MM/DD` and either of the last two followed by ` 00:00:00` (a midnight time part;
 * any other time is rejected, since a daily row must not carry an intraday time).
 */
export function parseDateField(buf: Uint8Array, s: number, e: number): number {
  let y: number;
  let m: number;
  let d: number;
  const n = e - s;
  if (n === 8) {
    y = digits(buf, s, 4);
    m = digits(buf, s + 4, 2);
    d = digits(buf, s + 6, 2);
  } else if (n === 10 || n === 19) {
    const sep = buf[s + 4];
    if ((sep !== 45 && sep !== 47) || buf[s + 7] !== sep) return -1;
    y = digits(buf, s, 4);
    m = digits(buf, s + 5, 2);
    d = digits(buf, s + 8, 2);
    if (n === 19) {
      if (buf[s + 10] !== 32 && buf[s + 10] !== 84) return -1;
      if (digits(buf, s + 11, 2) !== 0 || buf[s + 13] !== 58 || digits(buf, s + 14, 2) !== 0 || buf[s + 16] !== 58 || digits(buf, s + 17, 2) !== 0) return -1;
    }
  } else return -1;
  if (y < 1678 || y > 2261 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return -1;
  return y * 10000 + m * 100 + d;
}

/**
 * Parses a time of day into milliseconds after local midnight, or -1. Accepts `HH:MM`, `HH:MM:SS`,
 * `HH:MM:SS.f…` (up to 9 fraction digits, truncated to ms) and the compact `HHMM`, `HHMMSS`, `HHMMSSmmm`.
 */
export function parseTimeField(buf: Uint8Array, s: number, e: number): number {
  const n = e - s;
  let hh: number;
  let mm: number;
  let ss = 0;
  let ms = 0;
  if (n >= 5 && buf[s + 2] === 58) {
    hh = digits(buf, s, 2);
    mm = digits(buf, s + 3, 2);
    if (n > 5) {
      if (n < 8 || buf[s + 5] !== 58) return -1;
      ss = digits(buf, s + 6, 2);
      if (n > 8) {
        if (buf[s + 8] !== 46 || n > 18) return -1;
        const f = digits(buf, s + 9, n - 9);
        if (f < 0) return -1;
        ms = Math.floor(f / 10 ** (n - 9 - 3));
        if (n - 9 < 3) ms = f * 10 ** (3 - (n - 9));
      }
    }
  } else if (n === 4 || n === 6 || n === 9) {
    hh = digits(buf, s, 2);
    mm = digits(buf, s + 2, 2);
    if (n >= 6) ss = digits(buf, s + 4, 2);
    if (n === 9) ms = digits(buf, s + 6, 3);
  } else return -1;
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59 || ms < 0) return -1;
  return ((hh * 60 + mm) * 60 + ss) * 1000 + ms;
}

/**
 * Converts local wall-clock times of one zone to UTC. {@link LocalDayClock.setDate} picks the date
 * (cached per date); {@link LocalDayClock.utc} then costs one subtraction, except on the two days a
 * year whose UTC offset changes, where each time is resolved exactly (gap times move forward,
 * repeated times take the earlier instant; see `localToUtcMs`).
 */
export class LocalDayClock {
  readonly zone: string;
  /** The current date as yyyymmdd, and its day number. */
  date = -1;
  day = 0;
  private wallDayMs = 0;
  private offset = 0;
  private transition = false;
  private y = 0;
  private m = 0;
  private d = 0;
  /** Offsets of dates already seen, per zone and shared by every clock (each source file has its own clock). */
  private static readonly caches = new Map<string, Map<number, { offset: number; transition: boolean }>>();
  private readonly cache: Map<number, { offset: number; transition: boolean }>;

  constructor(zone: string) {
    this.zone = zone;
    zoneOffsets(zone);
    let cache = LocalDayClock.caches.get(zone);
    if (!cache) LocalDayClock.caches.set(zone, (cache = new Map()));
    this.cache = cache;
  }

  /** Makes `yyyymmdd` (as from {@link parseDateField}) the current date. */
  setDate(yyyymmdd: number): void {
    if (yyyymmdd === this.date) return;
    this.date = yyyymmdd;
    this.y = Math.floor(yyyymmdd / 10000);
    this.m = Math.floor(yyyymmdd / 100) % 100;
    this.d = yyyymmdd % 100;
    this.day = daysFromCivil(this.y, this.m, this.d);
    this.wallDayMs = this.day * DAY_MS;
    let hit = this.cache.get(yyyymmdd);
    if (hit === undefined) {
      const table = zoneOffsets(this.zone);
      const start = localToUtcMs(this.zone, this.y, this.m, this.d, 0, 0, 0);
      const a = table.offsetAt(start);
      // Three hours short of the next midnight: still this local day even on a 25-hour day.
      const b = table.offsetAt(start + DAY_MS - 3 * 3_600_000);
      hit = { offset: a, transition: a !== b };
      if (this.cache.size >= 1 << 16) this.cache.clear(); // 179 years of dates
      this.cache.set(yyyymmdd, hit);
    }
    this.offset = hit.offset;
    this.transition = hit.transition;
  }

  /**
   * UTC milliseconds of local midnight of the current date when the whole day has one UTC offset
   * (so `utc(t) = fixedBase() + t`), or NaN on a day whose offset changes.
   */
  fixedBase(): number {
    return this.transition ? NaN : this.wallDayMs - this.offset;
  }

  /** UTC milliseconds of `msOfDay` after local midnight on the current date. */
  utc(msOfDay: number): number {
    if (!this.transition) return this.wallDayMs + msOfDay - this.offset;
    const sec = Math.floor(msOfDay / 1000);
    const base = localToUtcMs(this.zone, this.y, this.m, this.d, Math.floor(sec / 3600), Math.floor(sec / 60) % 60, sec % 60);
    return base + (msOfDay - sec * 1000);
  }
}
