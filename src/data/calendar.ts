// Time zones without per-bar Intl calls: a per-zone table of UTC offset transitions, built once
// with Intl.DateTimeFormat (scan day by day, refine to the minute), then looked up by pointer walks.
import { ConfigError } from '../model/errors.js';
import { DAY_MS, daysFromCivil } from '../model/civil-date.js';
import { isoUtc } from '../model/time.js';

export { isoUtc };
// The exchange calendar (holidays, early closes, session hours) lives in market-calendar.ts; these are
// the calls session filters, resampling and generators use.
export {
  CALENDAR_NAMES, inNyseRegularSession, isNyseTradingDay, nyseEarlyCloses, nyseHolidayName, nyseHolidays, regularSessionEnd, sessionHours,
  NYSE_CLOSE_MS, NYSE_EARLY_CLOSE_MS, NYSE_OPEN_MS, type CalendarDay, type CalendarName, type SessionHours,
} from './market-calendar.js';

/** The exchange zone used when none is given. */
export const DEFAULT_ZONE = 'America/New_York';

const MINUTE_MS = 60_000;
/** How far the table reaches past a requested instant, so nearby look-ups do not rebuild it. */
const MARGIN_MS = 366 * DAY_MS;

/**
 * UTC offsets of one IANA zone over a covered range of instants, as segments: segment `i` starts at
 * `starts[i]` and has offset `offsets[i]` (local = UTC + offset, in ms). The range grows on demand.
 * Assumes at most one offset change per local day, true of every real zone since 1900.
 */
export class ZoneOffsetTable {
  readonly zone: string;
  private readonly fmt: Intl.DateTimeFormat;
  private segStarts: number[] = [];
  private segOffsets: number[] = [];
  private lo = 0;
  private hi = 0;
  private last = 0;

  constructor(zone: string) {
    this.zone = zone;
    try {
      this.fmt = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      throw new ConfigError(`unknown time zone "${zone}"; expected an IANA name such as ${DEFAULT_ZONE}`);
    }
  }

  /** Segment start instants (ms) covering at least [fromMs, toMs]. */
  starts(fromMs: number, toMs: number): readonly number[] {
    this.ensure(fromMs, toMs);
    return this.segStarts;
  }

  /** Segment offsets (ms) matching {@link ZoneOffsetTable.starts}. */
  offsets(fromMs: number, toMs: number): readonly number[] {
    this.ensure(fromMs, toMs);
    return this.segOffsets;
  }

  /** Index of the segment holding instant `ms`, after making sure the table covers it. */
  segmentIndex(ms: number): number {
    if (!(ms >= this.lo && ms < this.hi)) this.ensure(ms, ms);
    const s = this.segStarts;
    let i = this.last;
    if (ms >= s[i]! && (i + 1 >= s.length || ms < s[i + 1]!)) return i;
    let a = 0;
    let b = s.length - 1;
    while (a < b) {
      const mid = (a + b + 1) >> 1;
      if (s[mid]! <= ms) a = mid;
      else b = mid - 1;
    }
    i = a;
    this.last = i;
    return i;
  }

  /** UTC offset in ms at instant `ms` (local wall clock = ms + offset). */
  offsetAt(ms: number): number {
    const i = this.segmentIndex(ms); // first: it may rebuild the arrays
    return this.segOffsets[i]!;
  }

  /** Extends the covered range to include [fromMs, toMs] (plus a margin), scanning only new days. */
  ensure(fromMs: number, toMs: number): void {
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) {
      throw new RangeError(`time zone look-up needs finite instants; got ${fromMs}, ${toMs}`);
    }
    if (this.segStarts.length > 0 && fromMs >= this.lo && toMs < this.hi) return;
    const a = Math.floor((fromMs - MARGIN_MS) / DAY_MS) * DAY_MS;
    const b = Math.ceil((toMs + MARGIN_MS) / DAY_MS) * DAY_MS;
    if (this.segStarts.length === 0) {
      [this.segStarts, this.segOffsets] = this.scan(a, b);
      this.lo = a;
      this.hi = b;
    } else {
      if (a < this.lo) {
        const [s, o] = this.scan(a, this.lo);
        this.join(s, o, this.segStarts, this.segOffsets);
        this.lo = a;
      }
      if (b > this.hi) {
        const [s, o] = this.scan(this.hi, b);
        this.join(this.segStarts, this.segOffsets, s, o);
        this.hi = b;
      }
    }
    this.last = 0;
  }

  /** Concatenates two adjacent segment lists, merging the seam when the offset does not change. */
  private join(s1: number[], o1: number[], s2: number[], o2: number[]): void {
    const starts = s1.slice();
    const offsets = o1.slice();
    for (let i = 0; i < s2.length; i++) {
      if (offsets.length > 0 && offsets[offsets.length - 1] === o2[i]) continue;
      starts.push(s2[i]!);
      offsets.push(o2[i]!);
    }
    this.segStarts = starts;
    this.segOffsets = offsets;
  }

  /** Segments over [a, b): an Intl probe per day, then a binary search to the minute at each change. */
  private scan(a: number, b: number): [number[], number[]] {
    const starts = [a];
    const offsets = [this.intlOffset(a)];
    let prev = offsets[0]!;
    for (let t = a + DAY_MS; t <= b; t += DAY_MS) {
      const off = this.intlOffset(t);
      if (off === prev) continue;
      let lo = t - DAY_MS;
      let hi = t;
      while (hi - lo > MINUTE_MS) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
        if (this.intlOffset(mid) === prev) lo = mid;
        else hi = mid;
      }
      if (hi < b) {
        starts.push(hi);
        offsets.push(off);
      }
      prev = off;
    }
    return [starts, offsets];
  }

  /** The offset at `ms` straight from Intl (whole seconds). Only used while building the table. */
  private intlOffset(ms: number): number {
    const f: Record<string, number> = {};
    for (const p of this.fmt.formatToParts(ms)) if (p.type !== 'literal') f[p.type] = Number(p.value);
    const wall = daysFromCivil(f.year!, f.month!, f.day!) * DAY_MS + ((f.hour! * 60 + f.minute!) * 60 + f.second!) * 1000;
    return wall - Math.floor(ms / 1000) * 1000;
  }
}

const tables = new Map<string, ZoneOffsetTable>();

/** The shared offset table of `zone` (created on first use; throws ConfigError for unknown zones). */
export function zoneOffsets(zone: string = DEFAULT_ZONE): ZoneOffsetTable {
  let t = tables.get(zone);
  if (!t) {
    t = new ZoneOffsetTable(zone);
    tables.set(zone, t);
  }
  return t;
}

/** UTC offset in ms of `zone` at instant `ms` (e.g. -18000000 for New York in winter). */
export function utcOffsetMs(ms: number, zone: string = DEFAULT_ZONE): number {
  return zoneOffsets(zone).offsetAt(ms);
}

/**
 * UTC instant (ms) of a wall-clock time in `zone`; `m` is 1–12. Across DST changes it resolves like
 * Temporal's "compatible": a time skipped by the spring gap moves forward by the gap (02:30 → 03:30
 * EDT) and a repeated autumn time takes its earlier instant (01:30 EDT, not EST).
 */
export function localToUtcMs(zone: string, y: number, m: number, d: number, hh = 0, mm = 0, ss = 0): number {
  const wall = daysFromCivil(y, m, d) * DAY_MS + ((hh * 60 + mm) * 60 + ss) * 1000;
  const table = zoneOffsets(zone);
  const before = table.offsetAt(wall - DAY_MS);
  const after = table.offsetAt(wall + DAY_MS);
  if (before === after) return wall - before;
  const tBefore = wall - before;
  const tAfter = wall - after;
  const validBefore = table.offsetAt(tBefore) === before;
  const validAfter = table.offsetAt(tAfter) === after;
  if (validBefore && validAfter) return Math.min(tBefore, tAfter);
  if (validAfter) return tAfter;
  return tBefore;
}

/**
 * Flags the last index of each local calendar day in `zone`: 1 there, else 0. `tsMs` must be sorted;
 * one pointer walks the offset table alongside the timestamps, so the cost is O(n).
 */
export function dayEndFlags(tsMs: Float64Array, zone: string = DEFAULT_ZONE): Uint8Array {
  const n = tsMs.length;
  const flags = new Uint8Array(n);
  if (n === 0) return flags;
  const table = zoneOffsets(zone);
  table.ensure(tsMs[0]!, tsMs[n - 1]!);
  let j = table.segmentIndex(tsMs[0]!);
  const starts = table.starts(tsMs[0]!, tsMs[n - 1]!);
  const offsets = table.offsets(tsMs[0]!, tsMs[n - 1]!);
  let prevDay = Math.floor((tsMs[0]! + offsets[j]!) / DAY_MS);
  let until = dayUntil(j, prevDay, starts, offsets);
  // the segment and the local day change only where a timestamp reaches `until`: the bars before it
  // are passed over by one small loop (nextAtOrAfter)
  for (let i = nextAtOrAfter(tsMs, 1, n, until); i < n; i = nextAtOrAfter(tsMs, i + 1, n, until)) {
    const t = tsMs[i]!;
    while (j + 1 < starts.length && t >= starts[j + 1]!) j++;
    const day = Math.floor((t + offsets[j]!) / DAY_MS);
    if (day !== prevDay) flags[i - 1] = 1;
    prevDay = day;
    until = dayUntil(j, day, starts, offsets);
  }
  flags[n - 1] = 1;
  return flags;
}

/**
 * The end of local day `day` of offset segment `j`, or of the segment if it ends first: every instant
 * from one in that day and segment up to (not including) it is in the same day and segment.
 */
function dayUntil(j: number, day: number, starts: readonly number[], offsets: readonly number[]): number {
  // local day d covers the instants [d·DAY − offset, (d + 1)·DAY − offset) while the offset holds
  const dayEnd = (day + 1) * DAY_MS - offsets[j]!;
  const segEnd = j + 1 < starts.length ? starts[j + 1]! : Infinity;
  return dayEnd < segEnd ? dayEnd : segEnd;
}

/** The first index in `[from, to)` with `tsMs[i] >= until`, or `to`. */
function nextAtOrAfter(tsMs: Float64Array, from: number, to: number, until: number): number {
  let i = from;
  while (i < to && tsMs[i]! < until) i++;
  return i;
}

/** RFC 3339 wall-clock text of an instant in `zone` with its offset: `2024-01-02T09:30:00-05:00`. */
export function isoLocal(ms: number, zone: string = DEFAULT_ZONE): string {
  const off = utcOffsetMs(ms, zone);
  const wall = isoUtc(ms + off).slice(0, -1);
  if (off === 0) return `${wall}Z`;
  const a = Math.abs(off) / MINUTE_MS;
  const hh = Math.floor(a / 60);
  const mm = Math.floor(a % 60);
  return `${wall}${off < 0 ? '-' : '+'}${hh < 10 ? '0' : ''}${hh}:${mm < 10 ? '0' : ''}${mm}`;
}
