import { describe, expect, it } from 'vitest';
import { parseInterval, ResampleStream, ruleOf } from '../../src/data/catalog/resample.js';
import type { RowBatch, RowStream } from '../../src/data/catalog/row-stream.js';
import { localToUtcMs } from '../../src/data/calendar.js';
import { isoTimes } from './algoseek-helpers.js';

const NY = 'America/New_York';
const COLS = ['open', 'high', 'low', 'close', 'volume', 'vwap'];

/** Rows [local "HH:MM" on 2024-01-02, o, h, l, c, v, vwap] served in batches of `size`. */
function stream(rows: readonly (readonly [string, number, number, number, number, number, number])[], size = 3, day: [number, number, number] = [2024, 1, 2]): RowStream {
  let at = 0;
  return {
    columns: COLS,
    next(): RowBatch | null {
      if (at >= rows.length) return null;
      const part = rows.slice(at, at + size);
      at += size;
      return {
        n: part.length,
        ts: BigInt64Array.from(part, (r) => {
          const [hh, mm] = r[0].split(':').map(Number) as [number, number];
          return BigInt(localToUtcMs(NY, ...day, hh, mm)) * 1_000_000n;
        }),
        cols: COLS.map((_, k) => Float64Array.from(part, (r) => r[k + 1] as number)),
      };
    },
    close() {},
  };
}

function drain(s: RowStream): { ts: string[]; cols: number[][] } {
  const ts: string[] = [];
  const cols: number[][] = COLS.map(() => []);
  for (let b = s.next(); b; b = s.next()) {
    ts.push(...isoTimes(b.ts.subarray(0, b.n)));
    b.cols.forEach((c, k) => cols[k]!.push(...c.subarray(0, b.n)));
  }
  return { ts, cols };
}

describe('resampling', () => {
  const minutes = [
    ['09:30', 10, 11, 9.5, 10.5, 100, 10.2], ['09:31', 10.5, 12, 10.4, 11.8, 200, 11.5], ['09:32', 11.8, 11.9, 11, 11.2, 300, 11.4],
    ['09:34', 11.2, 11.3, 10.1, 10.2, 400, 10.6], ['09:35', 10.2, 10.6, 10.2, 10.5, 50, 10.4], ['09:39', 10.5, 10.7, 10.3, 10.6, 150, 10.5],
    ['10:31', 10.6, 10.9, 10.6, 10.8, 10, 10.7],
  ] as const;

  it('makes 5-minute bars anchored at 09:30: first open, highest high, lowest low, last close, summed volume, volume-weighted vwap', () => {
    const out = drain(new ResampleStream(stream(minutes), parseInterval('5m')!, NY));
    // Bins: 09:30–09:34 (4 rows, the 09:33 minute missing), 09:35–09:39 (2 rows), 10:30–10:34 (1 row); no empty bins.
    expect(out.ts).toEqual(['2024-01-02T14:30:00Z', '2024-01-02T14:35:00Z', '2024-01-02T15:30:00Z']);
    const [o, h, l, c, v, w] = out.cols;
    expect(o).toEqual([10, 10.2, 10.6]);
    expect(h).toEqual([12, 10.7, 10.9]);
    expect(l).toEqual([9.5, 10.2, 10.6]);
    expect(c).toEqual([10.2, 10.6, 10.8]);
    expect(v).toEqual([1000, 200, 10]);
    // (10.2·100 + 11.5·200 + 11.4·300 + 10.6·400) / 1000 = 10.98
    expect(w![0]).toBeCloseTo(10.98, 12);
  });

  it('makes hourly bars 09:30–10:30, 10:30–11:30 and daily bars stamped at local midnight', () => {
    const h = drain(new ResampleStream(stream(minutes, 2), parseInterval('1h')!, NY));
    expect(h.ts).toEqual(['2024-01-02T14:30:00Z', '2024-01-02T15:30:00Z']);
    expect(h.cols[4]).toEqual([1200, 10]);
    const d = drain(new ResampleStream(stream([['04:00', 9, 9.2, 8.9, 9.1, 5, 9], ...minutes]), parseInterval('1d')!, NY));
    // 2024-01-02 00:00 EST = 05:00Z; the 04:00 pre-market row opens the day.
    expect(d.ts).toEqual(['2024-01-02T05:00:00Z']);
    expect([d.cols[0]![0], d.cols[1]![0], d.cols[2]![0], d.cols[3]![0], d.cols[4]![0]]).toEqual([9, 12, 8.9, 10.8, 1215]);
  });

  it('skips NaN prices (quote-only minutes) and puts daily bars of a DST day at local midnight', () => {
    const rows = [['09:30', NaN, NaN, NaN, NaN, 0, NaN], ['09:31', 5, 6, 4, 5.5, 10, 5.2], ['09:32', NaN, NaN, NaN, NaN, 0, NaN]] as const;
    const out = drain(new ResampleStream(stream(rows, 1, [2024, 3, 11]), parseInterval('1d')!, NY));
    // 2024-03-11 is in EDT (the change was on the 10th): midnight = 04:00Z.
    expect(out.ts).toEqual(['2024-03-11T04:00:00Z']);
    expect(out.cols.map((c) => c[0])).toEqual([5, 6, 4, 5.5, 10, 5.2]);
  });

  it('parses intervals and names the rule of each column', () => {
    expect(parseInterval('15m')).toEqual({ kind: 'minutes', minutes: 15 });
    expect(parseInterval('4h')).toEqual({ kind: 'minutes', minutes: 240 });
    expect(parseInterval('1d')).toEqual({ kind: 'day' });
    expect(parseInterval('2d')).toBeUndefined();
    expect(parseInterval('5x')).toBeUndefined();
    expect(['open_bid', 'high_ask', 'low_bid', 'close_ask', 'finra_volume', 'trades', 'min_spread', 'price_factor'].map(ruleOf)).toEqual(['first', 'max', 'min', 'last', 'sum', 'sum', 'min', 'last']);
  });
});
