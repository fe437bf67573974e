// The NYSE calendar against the exchange's published holiday and early-close lists for 2020–2026,
// the observance edge cases, the Easter computus, the regular-session test on extended-hours minute
// data with a half day, and the generator's opt-in `nyse` calendar.
import { describe, expect, it } from 'vitest';
import { TradeBarParser } from '../../src/data/algoseek/trade-bars.js';
import { utcOffsetMs } from '../../src/data/calendar.js';
import { daysFromCivil, isoDateOfDays, parseIsoDate } from '../../src/model/civil-date.js';
import { generateBars } from '../../src/data/generate.js';
import { BadRows, RowTally } from '../../src/data/ingest/row-tally.js';
import { nsToMs } from '../../src/data/int64-ns.js';
import { keepSession, REGULAR_SESSION_MS } from '../../src/data/catalog/session.js';
import {
  easterSunday, inNyseRegularSession, isNyseTradingDay, nyseEarlyCloses, nyseHolidayName, nyseHolidays, regularSessionEnd, sessionHours,
} from '../../src/data/market-calendar.js';
import { isoUtc } from '../../src/model/time.js';
import { expectSeriesEqual } from './helpers.js';

const day = (iso: string): number => parseIsoDate(iso)!;
const NY = 'America/New_York';

// Source: NYSE, "Holidays & Trading Hours" (https://www.nyse.com/markets/hours-calendars), the
// exchange's list of market holidays and early closures (13:00 ET) as published for each year
// (2020–2022 from the archived versions of that page), plus the NYSE notice of 2024-12-30 closing the
// market on 2025-01-09, the national day of mourning for President Carter.
const PUBLISHED_HOLIDAYS: Record<number, string[]> = {
  2020: ['2020-01-01', '2020-01-20', '2020-02-17', '2020-04-10', '2020-05-25', '2020-07-03', '2020-09-07', '2020-11-26', '2020-12-25'],
  2021: ['2021-01-01', '2021-01-18', '2021-02-15', '2021-04-02', '2021-05-31', '2021-07-05', '2021-09-06', '2021-11-25', '2021-12-24'],
  2022: ['2022-01-17', '2022-02-21', '2022-04-15', '2022-05-30', '2022-06-20', '2022-07-04', '2022-09-05', '2022-11-24', '2022-12-26'],
  2023: ['2023-01-02', '2023-01-16', '2023-02-20', '2023-04-07', '2023-05-29', '2023-06-19', '2023-07-04', '2023-09-04', '2023-11-23', '2023-12-25'],
  2024: ['2024-01-01', '2024-01-15', '2024-02-19', '2024-03-29', '2024-05-27', '2024-06-19', '2024-07-04', '2024-09-02', '2024-11-28', '2024-12-25'],
  2025: ['2025-01-01', '2025-01-09', '2025-01-20', '2025-02-17', '2025-04-18', '2025-05-26', '2025-06-19', '2025-07-04', '2025-09-01', '2025-11-27', '2025-12-25'],
  2026: ['2026-01-01', '2026-01-19', '2026-02-16', '2026-04-03', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25'],
};
const PUBLISHED_EARLY_CLOSES: Record<number, string[]> = {
  2020: ['2020-11-27', '2020-12-24'],
  2021: ['2021-11-26'],
  2022: ['2022-11-25'],
  2023: ['2023-07-03', '2023-11-24'],
  2024: ['2024-07-03', '2024-11-29', '2024-12-24'],
  2025: ['2025-07-03', '2025-11-28', '2025-12-24'],
  2026: ['2026-11-27', '2026-12-24'],
};

describe('NYSE calendar', () => {
  it('gives exactly the published holidays and early closes of 2020–2026', () => {
    for (let y = 2020; y <= 2026; y++) {
      expect(nyseHolidays(y).map((h) => h.date)).toEqual(PUBLISHED_HOLIDAYS[y]);
      expect(nyseEarlyCloses(y).map((h) => h.date)).toEqual(PUBLISHED_EARLY_CLOSES[y]);
      // And day by day: every weekday not in the list trades, every listed day does not.
      for (let d = daysFromCivil(y, 1, 1); d < daysFromCivil(y + 1, 1, 1); d++) {
        const iso = isoDateOfDays(d);
        const wd = (((d + 4) % 7) + 7) % 7;
        const listed = PUBLISHED_HOLIDAYS[y]!.includes(iso);
        expect(isNyseTradingDay(d)).toBe(wd !== 0 && wd !== 6 && !listed);
        const hours = sessionHours(d);
        if (wd === 0 || wd === 6 || listed) expect(hours).toBeUndefined();
        else expect(hours!.close).toBe(PUBLISHED_EARLY_CLOSES[y]!.includes(iso) ? 13 * 3_600_000 : 16 * 3_600_000);
      }
    }
  });

  it('applies the observance rules at their edges', () => {
    // New Year's Day 2022 fell on a Saturday: no holiday, and Friday 2021-12-31 traded a full day.
    expect(isNyseTradingDay(day('2021-12-31'))).toBe(true);
    expect(sessionHours(day('2021-12-31'))!.early).toBe(false);
    expect(isNyseTradingDay(day('2010-12-31'))).toBe(true); // 2011-01-01 was a Saturday too
    // New Year's Day on a Sunday → Monday.
    expect(nyseHolidayName(day('2017-01-02'))).toBe("New Year's Day");
    expect(nyseHolidayName(day('2023-01-02'))).toBe("New Year's Day");
    // Juneteenth: from 2022 only; Sunday 2022-06-19 → Monday 06-20; Saturday 2027-06-19 → Friday 06-18.
    expect(nyseHolidayName(day('2022-06-20'))).toBe('Juneteenth National Independence Day');
    expect(isNyseTradingDay(day('2021-06-18'))).toBe(true);
    expect(nyseHolidayName(day('2027-06-18'))).toBe('Juneteenth National Independence Day');
    // Independence Day on a Saturday → Friday July 3, and Thursday July 2 is a full day.
    expect(nyseHolidayName(day('2015-07-03'))).toBe('Independence Day');
    expect(sessionHours(day('2015-07-02'))!.early).toBe(false);
    // A Wednesday July 3 closes early from 2013; before, the Friday July 5 did instead.
    expect(sessionHours(day('2013-07-03'))!.early).toBe(true);
    expect(sessionHours(day('2019-07-03'))!.early).toBe(true);
    expect(sessionHours(day('2019-07-05'))!.early).toBe(false);
    expect(sessionHours(day('2002-07-03'))!.early).toBe(false);
    expect(sessionHours(day('2002-07-05'))!.early).toBe(true);
    // Christmas on a Saturday → Friday Dec 24 is the holiday (not an early close).
    expect(nyseHolidayName(day('2021-12-24'))).toBe('Christmas Day');
    // Christmas on a Sunday → Monday Dec 26; Friday Dec 23 is a full day.
    expect(nyseHolidayName(day('2022-12-26'))).toBe('Christmas Day');
    expect(sessionHours(day('2022-12-23'))!.early).toBe(false);
    // MLK Day only from 1998.
    expect(isNyseTradingDay(day('1997-01-20'))).toBe(true);
    expect(nyseHolidayName(day('1998-01-19'))).toBe('Martin Luther King Jr. Day');
  });

  it('closes on the special closures of the table', () => {
    for (const d of ['2001-09-11', '2001-09-12', '2001-09-13', '2001-09-14', '2004-06-11', '2007-01-02', '2012-10-29', '2012-10-30', '2018-12-05', '2025-01-09']) {
      expect(isNyseTradingDay(day(d))).toBe(false);
    }
    expect(isNyseTradingDay(day('2001-09-17'))).toBe(true); // reopened Monday
    expect(sessionHours(day('2003-12-26'))!.early).toBe(true);
  });

  it('finds Easter by the computus (dates from the published tables of Western Easter)', () => {
    const known: Record<number, string> = {
      1818: '1818-03-22', 1943: '1943-04-25', 2000: '2000-04-23', 2008: '2008-03-23', 2011: '2011-04-24', 2019: '2019-04-21',
      2020: '2020-04-12', 2024: '2024-03-31', 2025: '2025-04-20', 2038: '2038-04-25', 2285: '2285-03-22',
    };
    for (const [y, d] of Object.entries(known)) expect(isoDateOfDays(easterSunday(Number(y)))).toBe(d);
  });

  it('ends the regular session at 13:00 on a half day and has none on holidays and weekends', () => {
    expect(regularSessionEnd(day('2024-11-27'))).toBe(16 * 3_600_000);
    expect(regularSessionEnd(day('2024-11-29'))).toBe(13 * 3_600_000);
    expect(regularSessionEnd(day('2024-11-28'))).toBe(0);
    expect(regularSessionEnd(day('2024-11-30'))).toBe(0);
    // The `weekdays` calendar knows no holidays.
    expect(sessionHours(day('2024-11-28'), 'weekdays')!.close).toBe(16 * 3_600_000);
  });
});

/** Algoseek trade-only rows with extended hours (04:00–19:59 New York) for the given dates. */
function extendedHoursFile(dates: string[]): string {
  const lines = ['Date,Ticker,TimeBarStart,FirstTradePrice,HighTradePrice,LowTradePrice,LastTradePrice,VolumeWeightPrice,Volume,TotalTrades'];
  let p = 23012; // cents
  for (const d of dates) {
    for (let m = 4 * 60; m < 20 * 60; m++) {
      const o = p;
      p += ((m * 7919) % 11) - 5;
      const hi = Math.max(o, p) + 3;
      const lo = Math.min(o, p) - 2;
      const t = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      lines.push(`${d.replaceAll('-', '')},AAPL,${t},${o / 100},${hi / 100},${lo / 100},${p / 100},${(o + p) / 200},${100 + (m % 37) * 10},${1 + (m % 9)}`);
    }
  }
  return lines.join('\n') + '\n';
}

describe('regular-session filter with holidays and half days', () => {
  it('keeps 09:30–15:59 on full days, 09:30–12:59 on the day after Thanksgiving, nothing on Thanksgiving', () => {
    // Thanksgiving week 2024 (EST, UTC−5) as an extended-hours Algoseek file, read by the real parser.
    const dates = ['2024-11-25', '2024-11-26', '2024-11-27', '2024-11-28', '2024-11-29'];
    const tally = new RowTally();
    const p = new TradeBarParser(new BadRows('week.csv', 'error', tally));
    p.push(new TextEncoder().encode(extendedHoursFile(dates)));
    p.end(false);
    expect(tally.read).toBe(5 * 16 * 60);
    const ms = nsToMs(p.blocks()[0]!.ts);
    const kept = [...ms].filter((t) => inNyseRegularSession(t + utcOffsetMs(t, NY)));
    const perDay = new Map<string, string[]>();
    for (const t of kept) {
      const local = isoUtc(t + utcOffsetMs(t, NY));
      perDay.set(local.slice(0, 10), [...(perDay.get(local.slice(0, 10)) ?? []), local.slice(11, 16)]);
    }
    // 390 bars 09:30…15:59 on Mon–Wed; Thursday closed; Friday 210 bars 09:30…12:59 (13:00 close).
    expect([...perDay.keys()]).toEqual(['2024-11-25', '2024-11-26', '2024-11-27', '2024-11-29']);
    for (const d of ['2024-11-25', '2024-11-26', '2024-11-27']) {
      expect(perDay.get(d)!.length).toBe(390);
      expect([perDay.get(d)![0], perDay.get(d)!.at(-1)]).toEqual(['09:30', '15:59']);
    }
    expect(perDay.get('2024-11-29')!.length).toBe(210);
    expect([perDay.get('2024-11-29')![0], perDay.get('2024-11-29')!.at(-1)]).toEqual(['09:30', '12:59']);
    // The last bar kept on the half day opens at 12:59 EST = 17:59Z.
    expect(isoUtc(kept.at(-1)!)).toBe('2024-11-29T17:59:00Z');
  });

  it('ends the half day of 2024-07-03 at 12:59 EDT (16:59Z)', () => {
    const tally = new RowTally();
    const p = new TradeBarParser(new BadRows('jul.csv', 'error', tally));
    p.push(new TextEncoder().encode(extendedHoursFile(['2024-07-03'])));
    p.end(false);
    const kept = [...nsToMs(p.blocks()[0]!.ts)].filter((t) => inNyseRegularSession(t + utcOffsetMs(t, NY)));
    expect(kept.length).toBe(210);
    expect([isoUtc(kept[0]!), isoUtc(kept.at(-1)!)]).toEqual(['2024-07-03T13:30:00Z', '2024-07-03T16:59:00Z']);
  });
});

describe('the catalog\'s regular-session filter (keepSession) follows the NYSE calendar', () => {
  // Thanksgiving week 2024 as extended-hours rows (04:00–19:59 New York), compacted in place the
  // way a catalog read with `session: regular` does it.
  function week(): { n: number; ts: BigInt64Array; cols: Float64Array[] } {
    const p = new TradeBarParser(new BadRows('week.csv', 'error', new RowTally()));
    p.push(new TextEncoder().encode(extendedHoursFile(['2024-11-27', '2024-11-28', '2024-11-29'])));
    p.end(false);
    const b = p.blocks()[0]!;
    // a column holding each row's own index shows that rows are moved with their timestamps
    return { n: b.length, ts: b.ts.slice(), cols: [Float64Array.from({ length: b.length }, (_, i) => i)] };
  }
  const perDay = (ts: BigInt64Array, n: number): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const t of nsToMs(ts.subarray(0, n))) {
      const d = isoUtc(t + utcOffsetMs(t, NY)).slice(0, 10);
      out[d] = (out[d] ?? 0) + 1;
    }
    return out;
  };

  it('in New York: 390 bars on Wednesday, none on Thanksgiving, 210 (09:30–12:59) on the half day', () => {
    const b = week();
    const kept = keepSession(b, NY);
    expect(perDay(kept.ts, kept.n)).toEqual({ '2024-11-27': 390, '2024-11-29': 210 });
    // row 0 of the file is 04:00 on Wednesday: the first kept row is 09:30, 330 rows later
    expect(kept.cols[0]![0]).toBe(330);
    // Friday starts at row 2 × 960; its 12:59 bar is 539 rows into the day (04:00 → 12:59)
    expect(kept.cols[0]![kept.n - 1]).toBe(2 * 960 + 539);
  });

  it('with explicit hours, or in another zone, keeps the fixed hours every weekday', () => {
    const b = week();
    const kept = keepSession(b, NY, REGULAR_SESSION_MS);
    expect(perDay(kept.ts, kept.n)).toEqual({ '2024-11-27': 390, '2024-11-28': 390, '2024-11-29': 390 });
  });
});

describe('generateBars with a calendar', () => {
  it('skips NYSE holidays and ends early closes at 12:59 with the nyse calendar', () => {
    // From Monday 2024-11-25: Mon–Wed 3 × 390, Thanksgiving skipped, Friday 210, Monday 12-02 390.
    const [s] = generateBars({ symbols: ['AAA'], bars: 3 * 390 + 210 + 390, seed: 5, start: '2024-11-25', calendar: 'nyse' });
    const perDay = new Map<string, number>();
    for (const t of nsToMs(s!.ts)) {
      const d = isoUtc(t + utcOffsetMs(t, NY)).slice(0, 10);
      perDay.set(d, (perDay.get(d) ?? 0) + 1);
    }
    expect(Object.fromEntries(perDay)).toEqual({ '2024-11-25': 390, '2024-11-26': 390, '2024-11-27': 390, '2024-11-29': 210, '2024-12-02': 390 });
    const ms = nsToMs(s!.ts);
    expect(isoUtc(ms[3 * 390 + 209]!)).toBe('2024-11-29T17:59:00Z');
    // Volume profile and opening gap restart with each session: bar 0 of Friday is a session open.
    expect(Math.abs(s!.open[3 * 390]! / s!.close[3 * 390 - 1]! - 1)).toBeLessThan(0.05);
  });

  it('keeps the default (weekdays) output unchanged: holidays trade 390 bars, as before calendars existed', () => {
    const plain = generateBars({ symbols: ['AAA', 'BBB'], bars: 2000, seed: 7, start: '2024-11-25' });
    const weekdays = generateBars({ symbols: ['AAA', 'BBB'], bars: 2000, seed: 7, start: '2024-11-25', calendar: 'weekdays' });
    for (let k = 0; k < 2; k++) expectSeriesEqual(weekdays[k]!, plain[k]!);
    // Thanksgiving (2024-11-28) is the fourth session: bars 1170…1559 on 2024-11-28 at 09:30 EST.
    expect(isoUtc(nsToMs(plain[0]!.ts)[1170]!)).toBe('2024-11-28T14:30:00Z');
  });
});
