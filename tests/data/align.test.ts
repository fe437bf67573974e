import { describe, expect, it } from 'vitest';
import { alignBars } from '../../src/data/align.js';
import { generateBars } from '../../src/data/generate.js';
import { nsToMs } from '../../src/data/int64-ns.js';
import { DataError } from '../../src/model/errors.js';
import { series, thrown } from './helpers.js';

const M = 60_000;
const T0 = Date.parse('2024-01-02T14:30:00Z');

describe('alignBars', () => {
  // A has bars at minutes 0, 1, 3; B at 1, 2, 3, 4.
  const a = series('A', [[T0, 1, 1, 1, 1, 10], [T0 + M, 2, 2, 2, 2, 20], [T0 + 3 * M, 4, 4, 4, 4, 40]]);
  const b = series('B', [[T0 + M, 12, 12, 12, 12, 1], [T0 + 2 * M, 13, 13, 13, 13, 2], [T0 + 3 * M, 14, 14, 14, 14, 3], [T0 + 4 * M, 15, 15, 15, 15, 4]]);

  it('builds the union timeline with NaN prices and zero volume where a symbol has no bar', () => {
    const al = alignBars([a, b]);
    expect(al.symbols).toEqual(['A', 'B']);
    expect(al.length).toBe(5);
    expect([...al.tsMs]).toEqual([0, 1, 2, 3, 4].map((k) => T0 + k * M));
    expect([...nsToMs(al.ts)]).toEqual([...al.tsMs]);
    // Symbol-major: A occupies [0, 5), B [5, 10).
    expect([...al.close]).toEqual([1, 2, NaN, 4, NaN, NaN, 12, 13, 14, 15]);
    expect([...al.open]).toEqual([...al.close]);
    expect([...al.high]).toEqual([...al.close]);
    expect([...al.low]).toEqual([...al.close]);
    expect([...al.volume]).toEqual([10, 20, 0, 40, 0, 0, 1, 2, 3, 4]);
    expect(al.timezone).toBe('America/New_York');
  });

  it('filters to an inclusive [start, end] range in milliseconds', () => {
    const al = alignBars([a, b], 'America/New_York', { start: T0 + M, end: T0 + 3 * M });
    expect([...al.tsMs]).toEqual([T0 + M, T0 + 2 * M, T0 + 3 * M]);
    expect([...al.close]).toEqual([2, NaN, 4, 12, 13, 14]);
    expect(alignBars([a, b], 'America/New_York', { start: T0 + 10 * M }).length).toBe(0);
  });

  it('marks day ends in the data zone', () => {
    const late = series('L', [[Date.parse('2024-01-02T23:59:00Z'), 1, 1, 1, 1, 1], [Date.parse('2024-01-03T04:59:00Z'), 1, 1, 1, 1, 1], [Date.parse('2024-01-03T05:00:00Z'), 1, 1, 1, 1, 1]]);
    expect([...alignBars([late, a]).dayEnd]).toEqual([0, 0, 0, 0, 1, 1]);
    expect([...alignBars([late], 'UTC').dayEnd]).toEqual([1, 0, 1]);
  });

  it('passes a single series through as views, with range and day ends', () => {
    const [s] = generateBars({ symbols: ['ONE'], bars: 780, seed: 1 });
    const al = alignBars([s!]);
    expect(al.length).toBe(780);
    expect(al.close.buffer).toBe(s!.close.buffer);
    expect(al.dayEnd.reduce((x, y) => x + y, 0)).toBe(2);
    const ms = nsToMs(s!.ts);
    const part = alignBars([s!], 'America/New_York', { start: ms[10]!, end: ms[19]! });
    expect(part.length).toBe(10);
    expect(part.close[0]).toBe(s!.close[10]);
  });

  it('merges many symbols in timestamp order', () => {
    const gen = generateBars({ symbols: ['A', 'B', 'C', 'D', 'E'], bars: 1000, seed: 3 });
    const shifted = gen.map((s, k) => ({ ...s, ts: s.ts.map((t) => t + BigInt(k) * 30_000_000_000n) }));
    const al = alignBars(shifted);
    for (let t = 1; t < al.length; t++) expect(al.ts[t]! > al.ts[t - 1]!).toBe(true);
    expect(al.length).toBe(new Set(shifted.flatMap((s) => [...s.ts])).size);
    for (let k = 0; k < 5; k++) {
      let count = 0;
      for (let t = 0; t < al.length; t++) if (!Number.isNaN(al.close[k * al.length + t])) count++;
      expect(count).toBe(1000);
    }
  });

  it('rejects duplicate symbols, unsorted timestamps and ragged columns', () => {
    expect(thrown(() => alignBars([a, b, a]))).toBeInstanceOf(DataError);
    expect(thrown(() => alignBars([a, b, a])).message).toMatch(/duplicate symbol "A" \(series 0 and 2\)/);
    const unsorted = { ...a, ts: BigInt64Array.from([a.ts[1]!, a.ts[0]!, a.ts[2]!]) };
    expect(thrown(() => alignBars([unsorted])).message).toMatch(/series A: timestamp at index 1 is not after index 0/);
    const ragged = { ...a, close: a.close.subarray(0, 2) };
    expect(thrown(() => alignBars([ragged, b])).message).toMatch(/column close has 2 values but timestamp has 3/);
  });
});
