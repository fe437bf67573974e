// Local dates and times in the exchange's zone (local-date.ts), including the quarter-hour cache
// at zones whose midnight falls on a half or three-quarter hour of UTC.
import { describe, expect, it } from 'vitest';
import { localDateKey, localDateTime } from '../../src/reporting/local-date.js';

const utc = (iso: string): number => Date.parse(iso);

describe('localDateKey', () => {
  it('gives the date in the zone, across its midnight', () => {
    // New York is UTC−5 in January: 04:59Z is 23:59 the day before, 05:00Z is midnight
    expect(localDateKey(utc('2024-01-03T04:59:00Z'), 'America/New_York')).toBe('2024-01-02');
    expect(localDateKey(utc('2024-01-03T05:00:00Z'), 'America/New_York')).toBe('2024-01-03');
    // in July it is UTC−4
    expect(localDateKey(utc('2024-07-03T03:59:59Z'), 'America/New_York')).toBe('2024-07-02');
    expect(localDateKey(utc('2024-07-03T04:00:00Z'), 'America/New_York')).toBe('2024-07-03');
  });

  it('is exact at half- and three-quarter-hour offsets (cached per quarter hour)', () => {
    // Kolkata is UTC+5:30: its midnight is 18:30Z; Kathmandu is UTC+5:45: midnight at 18:15Z
    expect(localDateKey(utc('2024-03-01T18:29:59Z'), 'Asia/Kolkata')).toBe('2024-03-01');
    expect(localDateKey(utc('2024-03-01T18:30:00Z'), 'Asia/Kolkata')).toBe('2024-03-02');
    expect(localDateKey(utc('2024-03-01T18:14:59Z'), 'Asia/Kathmandu')).toBe('2024-03-01');
    expect(localDateKey(utc('2024-03-01T18:15:00Z'), 'Asia/Kathmandu')).toBe('2024-03-02');
    // the same instants again come from the cache with the same answers
    expect(localDateKey(utc('2024-03-01T18:29:00Z'), 'Asia/Kolkata')).toBe('2024-03-01');
    expect(localDateKey(utc('2024-03-01T18:44:00Z'), 'Asia/Kolkata')).toBe('2024-03-02');
  });

  it('matches a UTC+offset computation for every quarter hour of a year in a fixed-offset zone', () => {
    // Etc/GMT-3 is UTC+3 all year (POSIX sign): the local date is the UTC date of ms + 3 h
    for (let ms = utc('2023-01-01T00:00:00Z'); ms < utc('2024-01-01T00:00:00Z'); ms += 7 * 60_000 + 13_000) {
      expect(localDateKey(ms, 'Etc/GMT-3')).toBe(new Date(ms + 3 * 3_600_000).toISOString().slice(0, 10));
    }
  });
});

describe('localDateTime', () => {
  it('shows the local date and time to the minute, 24-hour', () => {
    expect(localDateTime(utc('2024-01-02T14:30:59Z'), 'America/New_York')).toBe('2024-01-02 09:30');
    expect(localDateTime(utc('2024-01-02T05:00:00Z'), 'America/New_York')).toBe('2024-01-02 00:00');
  });
});
