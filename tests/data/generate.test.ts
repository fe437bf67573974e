import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateBars, SESSION_BARS, writeGenerated } from '../../src/data/generate.js';
import { nsToMs } from '../../src/data/int64-ns.js';
import { utcOffsetMs } from '../../src/data/calendar.js';
import { ConfigError } from '../../src/model/errors.js';
import { expectSeriesEqual, tempDir } from './helpers.js';

const NY = 'America/New_York';
const isCents = (x: number): boolean => Math.round(x * 100) / 100 === x;

describe('generateBars', () => {
  const [a, b] = generateBars({ symbols: ['AAA', 'BBB'], bars: 5 * SESSION_BARS + 17, seed: 11, start: '2024-03-06' });

  it('keeps OHLC invariants, whole cents, positive prices and integer volumes', () => {
    for (const s of [a!, b!]) {
      for (let i = 0; i < s.ts.length; i++) {
        const [o, h, l, c, v] = [s.open[i]!, s.high[i]!, s.low[i]!, s.close[i]!, s.volume[i]!];
        expect(h >= Math.max(o, c) && l <= Math.min(o, c) && l > 0).toBe(true);
        expect(isCents(o) && isCents(h) && isCents(l) && isCents(c)).toBe(true);
        expect(Number.isInteger(v) && v >= 0).toBe(true);
      }
    }
  });

  it('opens each bar near the previous close', () => {
    for (let i = 1; i < a!.ts.length; i++) {
      const limit = i % SESSION_BARS === 0 ? 0.05 : 0.01;
      expect(Math.abs(a!.open[i]! / a!.close[i - 1]! - 1)).toBeLessThan(limit);
    }
  });

  it('puts 390 bars per weekday session at 09:30…15:59 New York time, across the March DST change', () => {
    const ms = nsToMs(a!.ts);
    const byDay = new Map<string, number[]>();
    for (const t of ms) {
      const local = new Date(t + utcOffsetMs(t, NY));
      const day = local.toISOString().slice(0, 10);
      expect(local.getUTCDay()).toBeGreaterThanOrEqual(1);
      expect(local.getUTCDay()).toBeLessThanOrEqual(5);
      byDay.set(day, [...(byDay.get(day) ?? []), local.getUTCHours() * 60 + local.getUTCMinutes()]);
    }
    // 2024-03-06 is a Wednesday: Wed, Thu, Fri, (weekend skipped, DST starts) Mon, Tue, then 17 bars.
    expect([...byDay.keys()]).toEqual(['2024-03-06', '2024-03-07', '2024-03-08', '2024-03-11', '2024-03-12', '2024-03-13']);
    for (const [day, minutes] of byDay) {
      const expected = day === '2024-03-13' ? 17 : SESSION_BARS;
      expect(minutes).toEqual(Array.from({ length: expected }, (_, k) => 570 + k));
    }
    expect(new Date(ms[0]!).toISOString()).toBe('2024-03-06T14:30:00.000Z');
    expect(new Date(ms[3 * SESSION_BARS]!).toISOString()).toBe('2024-03-11T13:30:00.000Z');
  });

  it('starts on the next Monday when the start date is a weekend, and defaults to 2024-01-02', () => {
    const [s] = generateBars({ symbols: ['X'], bars: 1, seed: 1, start: '2024-03-09' });
    expect(new Date(nsToMs(s!.ts)[0]!).toISOString()).toBe('2024-03-11T13:30:00.000Z');
    const [d] = generateBars({ symbols: ['X'], bars: 1, seed: 1 });
    expect(new Date(nsToMs(d!.ts)[0]!).toISOString()).toBe('2024-01-02T14:30:00.000Z');
  });

  it('is deterministic, and a symbol’s bars do not depend on the other symbols', () => {
    const [again] = generateBars({ symbols: ['AAA'], bars: 5 * SESSION_BARS + 17, seed: 11, start: '2024-03-06' });
    expectSeriesEqual(again!, a!);
    expect(a!.close).not.toEqual(b!.close);
    const [other] = generateBars({ symbols: ['AAA'], bars: 100, seed: 12, start: '2024-03-06' });
    expect(other!.close).not.toEqual(a!.close.subarray(0, 100));
  });

  it('rejects bad options with ConfigError', () => {
    expect(() => generateBars({ symbols: [], bars: 1, seed: 1 })).toThrow(ConfigError);
    expect(() => generateBars({ symbols: ['A', 'A'], bars: 1, seed: 1 })).toThrow(/listed twice/);
    expect(() => generateBars({ symbols: ['A'], bars: -1, seed: 1 })).toThrow(/bars/);
    expect(() => generateBars({ symbols: ['A'], bars: 1, seed: 1, start: '2024-02-30' })).toThrow(/YYYY-MM-DD/);
    expect(() => generateBars({ symbols: ['A'], bars: 1, seed: 1, zone: 'Nowhere/Land' })).toThrow(ConfigError);
  });
});

describe('writeGenerated', () => {
  it('writes <SYMBOL>.<ext> for every format and returns the paths', () => {
    const dir = tempDir();
    const series = generateBars({ symbols: ['AAA', 'BBB'], bars: 50, seed: 3 });
    const files = writeGenerated(series, join(dir, 'out'), ['csv', 'parquet', 'arrow']);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['out/AAA.csv', 'out/AAA.parquet', 'out/AAA.arrow', 'out/BBB.csv', 'out/BBB.parquet', 'out/BBB.arrow']);
    expect(readFileSync(files[0]!, 'utf8').split('\n')[0]).toBe('timestamp,open,high,low,close,volume');
  });

  it('produces byte-identical files from two generations with the same seed', () => {
    const [d1, d2] = [tempDir(), tempDir()];
    const f1 = writeGenerated(generateBars({ symbols: ['AAA', 'BBB'], bars: 2000, seed: 5 }), d1, ['csv', 'parquet', 'arrow']);
    const f2 = writeGenerated(generateBars({ symbols: ['AAA', 'BBB'], bars: 2000, seed: 5 }), d2, ['csv', 'parquet', 'arrow']);
    for (let i = 0; i < f1.length; i++) expect(readFileSync(f1[i]!).equals(readFileSync(f2[i]!)), f1[i]).toBe(true);
  });

  it('rejects an unknown format', () => {
    expect(() => writeGenerated([], tempDir(), ['xlsx' as never])).toThrow(/unknown format "xlsx"/);
  });
});
