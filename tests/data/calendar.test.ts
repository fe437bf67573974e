import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConfigError } from '../../src/model/errors.js';
import { dayEndFlags, isoLocal, isoUtc, localToUtcMs, utcOffsetMs, zoneOffsets } from '../../src/data/calendar.js';

const NY = 'America/New_York';
const HOUR = 3_600_000;
const utc = (s: string): number => Date.parse(s);

/** Offset straight from Intl, for comparison. */
function intlOffset(ms: number, zone: string): number {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const p = Object.fromEntries(f.formatToParts(ms).filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(ms / 1000) * 1000;
}

describe('utcOffsetMs', () => {
  it('switches New York from EST to EDT at 07:00Z on 2024-03-10 (02:00 local)', () => {
    expect(utcOffsetMs(utc('2024-03-10T06:59:00Z'), NY)).toBe(-5 * HOUR);
    expect(utcOffsetMs(utc('2024-03-10T07:00:00Z'), NY)).toBe(-4 * HOUR);
  });

  it('switches New York back to EST at 06:00Z on 2024-11-03 (02:00 EDT)', () => {
    expect(utcOffsetMs(utc('2024-11-03T05:59:00Z'), NY)).toBe(-4 * HOUR);
    expect(utcOffsetMs(utc('2024-11-03T06:00:00Z'), NY)).toBe(-5 * HOUR);
  });

  it('defaults to America/New_York', () => {
    expect(utcOffsetMs(utc('2024-07-01T12:00:00Z'))).toBe(-4 * HOUR);
  });

  it('finds transitions to the minute: half-hour zones and southern-hemisphere DST', () => {
    expect(utcOffsetMs(utc('2024-01-15T00:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * HOUR);
    expect(utcOffsetMs(utc('2024-04-06T15:59:00Z'), 'Australia/Sydney')).toBe(11 * HOUR);
    expect(utcOffsetMs(utc('2024-04-06T16:00:00Z'), 'Australia/Sydney')).toBe(10 * HOUR);
  });

  it('agrees with Intl at random instants from 1980 to 2060, extending the table on demand', () => {
    const zones = [NY, 'Europe/London', 'Australia/Sydney', 'UTC'];
    fc.assert(fc.property(fc.integer({ min: utc('1980-01-01T00:00:00Z') / 60000, max: utc('2060-01-01T00:00:00Z') / 60000 }), fc.constantFrom(...zones), (min, zone) => {
      expect(utcOffsetMs(min * 60000, zone)).toBe(intlOffset(min * 60000, zone));
    }), { numRuns: 300 });
  });

  it('rejects an unknown zone with a ConfigError naming it', () => {
    expect(() => zoneOffsets('Mars/Olympus')).toThrow(ConfigError);
    expect(() => zoneOffsets('Mars/Olympus')).toThrow(/Mars\/Olympus/);
  });
});

describe('localToUtcMs', () => {
  it('converts wall-clock times on both sides of the March change', () => {
    expect(localToUtcMs(NY, 2024, 3, 8, 9, 30)).toBe(utc('2024-03-08T14:30:00Z'));
    expect(localToUtcMs(NY, 2024, 3, 10, 1, 59)).toBe(utc('2024-03-10T06:59:00Z'));
    expect(localToUtcMs(NY, 2024, 3, 10, 3, 0)).toBe(utc('2024-03-10T07:00:00Z'));
    expect(localToUtcMs(NY, 2024, 3, 11, 9, 30)).toBe(utc('2024-03-11T13:30:00Z'));
  });

  it('moves a time skipped by the spring gap forward by the gap', () => {
    expect(localToUtcMs(NY, 2024, 3, 10, 2, 30)).toBe(utc('2024-03-10T07:30:00Z'));
  });

  it('takes the earlier instant of a time repeated in November', () => {
    expect(localToUtcMs(NY, 2024, 11, 3, 1, 30)).toBe(utc('2024-11-03T05:30:00Z'));
    expect(localToUtcMs(NY, 2024, 11, 3, 2, 30)).toBe(utc('2024-11-03T07:30:00Z'));
    expect(localToUtcMs(NY, 2024, 11, 4, 9, 30)).toBe(utc('2024-11-04T14:30:00Z'));
  });

  it('round-trips with the offset at every minute of the DST days', () => {
    for (const day of ['2024-03-10', '2024-11-03']) {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      for (let min = 0; min < 1440; min++) {
        const t = localToUtcMs(NY, y, m, d, Math.floor(min / 60), min % 60);
        const wall = t + utcOffsetMs(t, NY);
        const skipped = day === '2024-03-10' && min >= 120 && min < 180;
        expect(wall).toBe(Date.UTC(y, m - 1, d) + (skipped ? min + 60 : min) * 60000);
      }
    }
  });
});

describe('dayEndFlags', () => {
  it('marks the last bar of each New York day across the March change', () => {
    const ts = Float64Array.from(['2024-03-09T04:59:00Z', '2024-03-09T05:00:00Z', '2024-03-10T04:59:00Z', '2024-03-10T05:00:00Z', '2024-03-11T03:59:00Z', '2024-03-11T04:00:00Z'].map(utc));
    // Days: 8th, 9th, 9th, 10th (EST midnight), 10th (23:59 EDT), 11th (EDT midnight).
    expect([...dayEndFlags(ts, NY)]).toEqual([1, 0, 1, 0, 1, 1]);
  });

  it('marks the last bar of each New York day across the November change', () => {
    // 2024-11-03 lasts 25 hours: 04:00Z on the 3rd to 04:59Z on the 4th is still the 3rd (EST).
    const ts = Float64Array.from(['2024-11-03T03:59:00Z', '2024-11-03T04:00:00Z', '2024-11-04T04:59:00Z', '2024-11-04T05:00:00Z'].map(utc));
    expect([...dayEndFlags(ts, NY)]).toEqual([1, 0, 1, 1]);
  });

  it('flags sessions of minute bars: one flag per day, on the 15:59 bar', () => {
    const ts: number[] = [];
    for (const d of ['2024-03-08', '2024-03-11']) {
      const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
      const open = localToUtcMs(NY, y, m, dd, 9, 30);
      for (let k = 0; k < 390; k++) ts.push(open + k * 60000);
    }
    const flags = dayEndFlags(Float64Array.from(ts), NY);
    expect(flags.reduce((a, b) => a + b, 0)).toBe(2);
    expect(flags[389]).toBe(1);
    expect(flags[779]).toBe(1);
  });

  it('returns an empty array for no timestamps', () => {
    expect(dayEndFlags(new Float64Array(0), NY).length).toBe(0);
  });

  it('flags exactly where the local date from Intl changes, in zones with midnight, half-hour and skipped-day changes', () => {
    // the reference: each timestamp's local date formatted by Intl, a flag where the next one differs
    const dateOf = (zone: string) => {
      const f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
      return (ms: number) => f.format(ms);
    };
    // a small deterministic generator (numerical recipes' LCG), values in [0, 1)
    let seed = 12345;
    const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
    // Sao Paulo changed at local midnight (2018-11-04 00:00 → 01:00, 2018-02-18 00:00 → 02-17 23:00),
    // Havana at midnight and at 01:00, Lord Howe by 30 minutes, Kathmandu is +05:45, Apia skipped
    // 2011-12-30; New York for the common case
    const cases: [string, string][] = [
      ['America/Sao_Paulo', '2018-02-16'], ['America/Sao_Paulo', '2018-11-02'], ['America/Havana', '2019-03-09'], ['America/Havana', '2019-11-02'],
      ['Australia/Lord_Howe', '2020-04-03'], ['Australia/Lord_Howe', '2020-10-02'], ['Asia/Kathmandu', '2021-06-01'], ['Pacific/Apia', '2011-12-28'],
      [NY, '2024-03-08'], [NY, '2024-11-01'],
    ];
    for (const [zone, day] of cases) {
      const local = dateOf(zone);
      for (let trial = 0; trial < 6; trial++) {
        // sorted instants over about four days: steps from a second to several hours, some equal, some runs of minutes
        const ts: number[] = [];
        let t = Date.parse(`${day}T00:00:00Z`) - 12 * HOUR;
        for (let k = 0; k < 400; k++) {
          const r = rnd();
          t += r < 0.05 ? 0 : r < 0.6 ? 60_000 : r < 0.9 ? Math.floor(rnd() * 3 * HOUR) : Math.floor(rnd() * 1000) * 1000;
          ts.push(t);
        }
        // and a jump of years: segments passed over entirely
        if (trial === 5) ts.push(t + 3 * 365 * 24 * HOUR, t + 3 * 365 * 24 * HOUR + 60_000);
        const want = ts.map((x, i) => (i === ts.length - 1 || local(x) !== local(ts[i + 1]!) ? 1 : 0));
        expect([...dayEndFlags(Float64Array.from(ts), zone)], `${zone} ${day} trial ${trial}`).toEqual(want);
      }
    }
  });
});

describe('ISO formatting', () => {
  it('isoUtc drops zero milliseconds and keeps others', () => {
    expect(isoUtc(utc('2024-01-02T14:30:00Z'))).toBe('2024-01-02T14:30:00Z');
    expect(isoUtc(utc('2024-01-02T14:30:00.250Z'))).toBe('2024-01-02T14:30:00.250Z');
  });

  it('isoLocal shows wall time with the offset of the instant', () => {
    expect(isoLocal(utc('2024-01-02T14:30:00Z'), NY)).toBe('2024-01-02T09:30:00-05:00');
    expect(isoLocal(utc('2024-07-01T13:30:00Z'), NY)).toBe('2024-07-01T09:30:00-04:00');
    expect(isoLocal(utc('2024-01-15T00:00:00Z'), 'Asia/Kolkata')).toBe('2024-01-15T05:30:00+05:30');
    expect(isoLocal(utc('2024-01-15T00:00:00Z'), 'UTC')).toBe('2024-01-15T00:00:00Z');
  });
});
