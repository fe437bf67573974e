// The NYSE trading calendar: full-day holidays by rule (with weekend observance and the Easter
// computus), special closures from a table, and the 13:00 early closes, so session filters, resampling
// and the generator know which days trade and when the regular session ends.
import { civilFromDays, DAY_MS, daysFromCivil, isoDateOfDays, weekdayOfDays } from '../model/civil-date.js';

/** A calendar by name: `nyse`, or `weekdays` (every Monday–Friday a full session, no holidays). */
export type CalendarName = 'nyse' | 'weekdays';

/** Calendar names accepted in config and on the command line. */
export const CALENDAR_NAMES: readonly CalendarName[] = ['weekdays', 'nyse'];

/** A holiday or early close of one year. */
export interface CalendarDay {
  /** `YYYY-MM-DD` (local exchange date). */
  readonly date: string;
  readonly name: string;
}

/** The regular session of one local day: open and close in ms after local midnight. */
export interface SessionHours {
  readonly open: number;
  readonly close: number;
  /** Whether the session closes early (13:00 New York). */
  readonly early: boolean;
}

/** Regular session open 09:30 and close 16:00, and the early close 13:00, in ms after local midnight. */
export const NYSE_OPEN_MS = (9 * 60 + 30) * 60_000;
/** See {@link NYSE_OPEN_MS}. */
export const NYSE_CLOSE_MS = 16 * 3_600_000;
/** See {@link NYSE_OPEN_MS}. */
export const NYSE_EARLY_CLOSE_MS = 13 * 3_600_000;

/**
 * Closures that no rule gives (dates of the NYSE's own list of market closings): the September 11
 * attacks, national days of mourning for former presidents, Hurricane Sandy.
 */
export const NYSE_SPECIAL_CLOSURES: readonly CalendarDay[] = [
  { date: '2001-09-11', name: 'September 11 attacks' },
  { date: '2001-09-12', name: 'September 11 attacks' },
  { date: '2001-09-13', name: 'September 11 attacks' },
  { date: '2001-09-14', name: 'September 11 attacks' },
  { date: '2004-06-11', name: 'National day of mourning for President Reagan' },
  { date: '2007-01-02', name: 'National day of mourning for President Ford' },
  { date: '2012-10-29', name: 'Hurricane Sandy' },
  { date: '2012-10-30', name: 'Hurricane Sandy' },
  { date: '2018-12-05', name: 'National day of mourning for President George H. W. Bush' },
  { date: '2025-01-09', name: 'National day of mourning for President Carter' },
];

/** Early closes that no rule gives. */
export const NYSE_SPECIAL_EARLY_CLOSES: readonly CalendarDay[] = [
  { date: '2003-12-26', name: 'Day after Christmas' },
];

const HOLIDAY = 1;
const EARLY = 2;

interface YearTable {
  /** Day number → HOLIDAY or EARLY. */
  readonly kinds: Map<number, number>;
  readonly holidays: CalendarDay[];
  readonly early: CalendarDay[];
}

const years = new Map<number, YearTable>();

/** Day number of Easter Sunday of `y` (Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(y: number): number {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return daysFromCivil(y, month, day);
}

/** Day number of the `n`-th (1-based) weekday `wd` (0 = Sunday) of a month; `n = -1` for the last. */
function nthWeekday(y: number, m: number, wd: number, n: number): number {
  if (n > 0) {
    const first = daysFromCivil(y, m, 1);
    return first + ((wd - weekdayOfDays(first) + 7) % 7) + 7 * (n - 1);
  }
  const last = (m === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1)) - 1;
  return last - ((weekdayOfDays(last) - wd + 7) % 7);
}

/** Saturday → the Friday before, Sunday → the Monday after (the NYSE's observance of fixed-date holidays). */
function observed(day: number): number {
  const wd = weekdayOfDays(day);
  return wd === 6 ? day - 1 : wd === 0 ? day + 1 : day;
}

/**
 * Builds the holidays and early closes of year `y`. Rules as the NYSE applies them (Rule 7.2 and its
 * published calendars; exact from 1999, MLK Day from 1998, Juneteenth from 2022):
 * - New Year's Day, Jan 1; on a Sunday the Monday after; on a Saturday no holiday (Dec 31 trades,
 *   being the end of an accounting period).
 * - MLK Day (3rd Monday of January), Washington's Birthday (3rd Monday of February), Good Friday
 *   (two days before Easter Sunday), Memorial Day (last Monday of May), Labor Day (1st Monday of
 *   September), Thanksgiving (4th Thursday of November).
 * - Juneteenth (June 19), Independence Day (July 4), Christmas (Dec 25): a Saturday holiday is
 *   observed on the Friday before, a Sunday one on the Monday after.
 * - Early closes at 13:00: July 3 when it is a Monday, Tuesday or Thursday, or a Wednesday from 2013
 *   (before 2013, the Friday July 5 after a Thursday Independence Day instead); the day after
 *   Thanksgiving; Christmas Eve when it is a Monday–Thursday.
 */
function buildYear(y: number): YearTable {
  const kinds = new Map<number, number>();
  const holidays: CalendarDay[] = [];
  const early: CalendarDay[] = [];
  const holiday = (day: number, name: string): void => {
    if (kinds.get(day) === HOLIDAY) return;
    kinds.set(day, HOLIDAY);
    holidays.push({ date: isoDateOfDays(day), name });
  };
  const half = (day: number, name: string): void => {
    const wd = weekdayOfDays(day);
    if (wd === 0 || wd === 6 || kinds.has(day)) return;
    kinds.set(day, EARLY);
    early.push({ date: isoDateOfDays(day), name });
  };
  const newYear = daysFromCivil(y, 1, 1);
  if (weekdayOfDays(newYear) !== 6) holiday(observed(newYear), "New Year's Day");
  if (y >= 1998) holiday(nthWeekday(y, 1, 1, 3), 'Martin Luther King Jr. Day');
  holiday(nthWeekday(y, 2, 1, 3), "Washington's Birthday");
  holiday(easterSunday(y) - 2, 'Good Friday');
  holiday(nthWeekday(y, 5, 1, -1), 'Memorial Day');
  if (y >= 2022) holiday(observed(daysFromCivil(y, 6, 19)), 'Juneteenth National Independence Day');
  holiday(observed(daysFromCivil(y, 7, 4)), 'Independence Day');
  holiday(nthWeekday(y, 9, 1, 1), 'Labor Day');
  const thanksgiving = nthWeekday(y, 11, 4, 4);
  holiday(thanksgiving, 'Thanksgiving Day');
  holiday(observed(daysFromCivil(y, 12, 25)), 'Christmas Day');
  for (const c of NYSE_SPECIAL_CLOSURES) if (c.date.startsWith(`${y}-`)) holiday(isoDay(c.date), c.name);
  holidays.sort((a, b) => (a.date < b.date ? -1 : 1));

  const july3 = daysFromCivil(y, 7, 3);
  const wd3 = weekdayOfDays(july3);
  if (wd3 === 1 || wd3 === 2 || wd3 === 4 || (wd3 === 3 && y >= 2013)) half(july3, 'Independence Day (eve)');
  if (wd3 === 3 && y < 2013) half(july3 + 2, 'Independence Day (day after)');
  half(thanksgiving + 1, 'Day after Thanksgiving');
  const eve = daysFromCivil(y, 12, 24);
  if (weekdayOfDays(eve) >= 1 && weekdayOfDays(eve) <= 4) half(eve, 'Christmas Eve');
  for (const c of NYSE_SPECIAL_EARLY_CLOSES) if (c.date.startsWith(`${y}-`)) half(isoDay(c.date), c.name);
  early.sort((a, b) => (a.date < b.date ? -1 : 1));
  return { kinds, holidays, early };
}

function isoDay(text: string): number {
  return daysFromCivil(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
}

function yearTable(y: number): YearTable {
  let t = years.get(y);
  if (!t) {
    t = buildYear(y);
    years.set(y, t);
  }
  return t;
}

/** The NYSE full-day closures of year `y` that fall on weekdays, in date order. */
export function nyseHolidays(y: number): readonly CalendarDay[] {
  return yearTable(y).holidays;
}

/** The NYSE early closes (13:00 New York) of year `y`, in date order. */
export function nyseEarlyCloses(y: number): readonly CalendarDay[] {
  return yearTable(y).early;
}

// The last year looked up and its first/last day numbers, so per-row calls skip civilFromDays.
let cachedYear = 1970;
let cachedFrom = 0;
let cachedTo = 364;

/** HOLIDAY, EARLY or 0 for the local day number `day` (weekends not included). */
function kindOf(day: number): number {
  if (day < cachedFrom || day > cachedTo) {
    cachedYear = civilFromDays(day).year;
    cachedFrom = daysFromCivil(cachedYear, 1, 1);
    cachedTo = daysFromCivil(cachedYear + 1, 1, 1) - 1;
  }
  return yearTable(cachedYear).kinds.get(day) ?? 0;
}

/** Whether the NYSE trades on local day number `day` (days since 1970-01-01 in New York). */
export function isNyseTradingDay(day: number): boolean {
  const wd = weekdayOfDays(day);
  return wd !== 0 && wd !== 6 && kindOf(day) !== HOLIDAY;
}

/** Why the NYSE is closed on a weekday `day` (the holiday's name), or undefined when it is not. */
export function nyseHolidayName(day: number): string | undefined {
  if (kindOf(day) !== HOLIDAY) return undefined;
  const iso = isoDateOfDays(day);
  return yearTable(cachedYear).holidays.find((h) => h.date === iso)?.name;
}

/**
 * The regular session of local day `day` under `calendar`: 09:30–16:00, or 09:30–13:00 on an NYSE
 * early close; undefined on weekends and (for `nyse`) holidays.
 */
export function sessionHours(day: number, calendar: CalendarName = 'nyse'): SessionHours | undefined {
  const wd = weekdayOfDays(day);
  if (wd === 0 || wd === 6) return undefined;
  if (calendar === 'weekdays') return FULL;
  const k = kindOf(day);
  return k === HOLIDAY ? undefined : k === EARLY ? HALF : FULL;
}

const FULL: SessionHours = { open: NYSE_OPEN_MS, close: NYSE_CLOSE_MS, early: false };
const HALF: SessionHours = { open: NYSE_OPEN_MS, close: NYSE_EARLY_CLOSE_MS, early: true };

/**
 * End (exclusive, ms after local midnight) of the NYSE regular session on local day `day`: 16:00,
 * 13:00 on an early close, 0 when the exchange is closed (weekend or holiday: nothing is in session).
 * The cheap per-row call for session filters: a bar stamped at local time `tod` (its open) is in the
 * regular session when `NYSE_OPEN_MS <= tod && tod < regularSessionEnd(day)`.
 */
export function regularSessionEnd(day: number): number {
  const wd = weekdayOfDays(day);
  if (wd === 0 || wd === 6) return 0;
  const k = kindOf(day);
  return k === HOLIDAY ? 0 : k === EARLY ? NYSE_EARLY_CLOSE_MS : NYSE_CLOSE_MS;
}

/**
 * Whether a bar stamped (at its open) at local wall-clock time `localMs` — UTC ms plus the New York
 * offset at that instant, as session filters compute it — lies in the NYSE regular session of its
 * day: 09:30 ≤ time < 16:00, or < 13:00 on an early close; never on a weekend or holiday.
 */
export function inNyseRegularSession(localMs: number): boolean {
  const day = Math.floor(localMs / DAY_MS);
  const tod = localMs - day * DAY_MS;
  return tod >= NYSE_OPEN_MS && tod < regularSessionEnd(day);
}
