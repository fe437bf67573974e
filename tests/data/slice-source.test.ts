import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignBars } from '../../src/data/align.js';
import { writeSeriesToCatalog } from '../../src/data/catalog/catalog-from-series.js';
import { ingest } from '../../src/data/catalog/ingest.js';
import { openSliceSource, type AlignedSlice } from '../../src/data/catalog/slice-source.js';
import { generateBars } from '../../src/data/generate.js';
import { localToUtcMs } from '../../src/data/calendar.js';
import type { AlignedBars, BarSeries } from '../../src/model/bars.js';
import { ALGO } from './algoseek-helpers.js';
import { tempDir } from './helpers.js';

/** Drops every row whose index modulo `every` is `at` (gaps that differ per symbol). */
function thin(s: BarSeries, every: number, at: number): BarSeries {
  const keep: number[] = [];
  for (let i = 0; i < s.ts.length; i++) if (i % every !== at) keep.push(i);
  const f = (a: Float64Array): Float64Array => Float64Array.from(keep, (i) => a[i]!);
  return { symbol: s.symbol, ts: BigInt64Array.from(keep, (i) => s.ts[i]!), open: f(s.open), high: f(s.high), low: f(s.low), close: f(s.close), volume: f(s.volume) };
}

/** Concatenates slices into one AlignedBars-shaped object (symbol-major columns rebuilt). */
function concat(slices: AlignedSlice[]): AlignedBars {
  const T = slices.reduce((t, s) => t + s.length, 0);
  const K = slices[0]!.symbols.length;
  const col = (k: 'open' | 'high' | 'low' | 'close' | 'volume'): Float64Array => {
    const out = new Float64Array(K * T);
    let at = 0;
    for (const s of slices) {
      for (let j = 0; j < K; j++) out.set(s[k].subarray(j * s.length, (j + 1) * s.length), j * T + at);
      at += s.length;
    }
    return out;
  };
  const ts = new BigInt64Array(T);
  const tsMs = new Float64Array(T);
  const dayEnd = new Uint8Array(T);
  let at = 0;
  for (const s of slices) {
    expect(s.offset).toBe(at);
    ts.set(s.ts, at);
    tsMs.set(s.tsMs, at);
    dayEnd.set(s.dayEnd, at);
    at += s.length;
  }
  return { symbols: slices[0]!.symbols, length: T, ts, tsMs, dayEnd, timezone: slices[0]!.timezone, open: col('open'), high: col('high'), low: col('low'), close: col('close'), volume: col('volume') };
}

function expectAlignedEqual(a: AlignedBars, b: AlignedBars): void {
  expect(a.length).toBe(b.length);
  expect(a.symbols).toEqual(b.symbols);
  expect(Buffer.from(a.ts.buffer, a.ts.byteOffset, a.ts.byteLength).equals(Buffer.from(b.ts.buffer, b.ts.byteOffset, b.ts.byteLength))).toBe(true);
  expect(a.tsMs).toEqual(b.tsMs);
  expect(a.dayEnd).toEqual(b.dayEnd);
  for (const k of ['open', 'high', 'low', 'close', 'volume'] as const) expect(a[k], k).toEqual(b[k]);
}

describe('SliceSource', () => {
  // Three symbols with different gaps, across a year boundary (two yearly partitions each), in row
  // groups of 500 rows, so slices cut through row groups, partitions and days.
  const series = generateBars({ symbols: ['AAA', 'BBB', 'CCC'], bars: 6000, seed: 5, start: '2023-12-20' });
  const data = [series[0]!, thin(series[1]!, 7, 3), thin(series[2]!, 11, 0)];
  // Temporary folders are removed after each test, so each test writes its own catalog.
  const catalog = (): string => {
    const d = join(tempDir(), 'cat');
    writeSeriesToCatalog(d, data, { rowGroupRows: 500 });
    return d;
  };

  it.each([1, 13, 390, 4096, 100_000])('concatenated slices of %i timestamps equal alignBars of the whole data', (rows) => {
    const src = openSliceSource({ catalog: catalog(), sliceRows: rows });
    const slices = [...src];
    expect(Math.max(...slices.map((s) => s.length))).toBeLessThanOrEqual(rows);
    expectAlignedEqual(concat(slices), alignBars(data));
    expect(src.rowsRead).toBe(data.reduce((t, s) => t + s.ts.length, 0));
    // With no date range every partition counts: the plan is exactly the rows read.
    expect(src.plannedRows).toBe(src.rowsRead);
  });

  it('filters by local date range and by symbol list, like alignBars with the same range', () => {
    const src = openSliceSource({ catalog: catalog(), symbols: ['CCC', 'AAA'], start: '2023-12-28', end: '2024-01-03', sliceRows: 300 });
    const start = localToUtcMs('America/New_York', 2023, 12, 28);
    const end = localToUtcMs('America/New_York', 2024, 1, 4) - 1;
    expectAlignedEqual(concat([...src]), alignBars([data[2]!, data[0]!], 'America/New_York', { start, end }));
  });

  it('re-uses its output arrays when asked (each slice valid until the next)', () => {
    const src = openSliceSource({ catalog: catalog(), sliceRows: 1000, reuse: true });
    const it = src[Symbol.iterator]();
    const a = it.next().value as AlignedSlice;
    const closeA = a.close;
    const b = it.next().value as AlignedSlice;
    expect(b.close).toBe(closeA);
    src.close();
  });

  it('keeps the regular session only (09:30–16:00 New York) when asked', async () => {
    const cat = join(tempDir(), 'cat');
    await ingest({ source: join(ALGO, 'trades/20220120/A/AAPL.csv'), catalog: cat, format: 'algoseek-trades' });
    const all = [...openSliceSource({ catalog: cat })][0]!;
    const regular = [...openSliceSource({ catalog: cat, session: 'regular' })][0]!;
    expect(all.length).toBe(5);
    // 04:00 and 19:59 are outside; 09:30, 09:31 and 15:59 stay.
    expect([...regular.close]).toEqual([167.2, 167.45, 164.59]);
    expect([...regular.dayEnd]).toEqual([0, 0, 1]);
  });

  it('reads a snappy catalog (through parquet-wasm) to the same slices as the uncompressed one', () => {
    const d = join(tempDir(), 'snappy');
    writeSeriesToCatalog(d, data, { rowGroupRows: 700, codec: 'snappy' });
    expectAlignedEqual(concat([...openSliceSource({ catalog: d, sliceRows: 999 })]), alignBars(data));
  });

  it('gives NaN prices and zero volume to a symbol with no rows in the range', () => {
    const d = join(tempDir(), 'cat');
    const early = generateBars({ symbols: ['OLD'], bars: 100, seed: 1, start: '2020-01-02' });
    writeSeriesToCatalog(d, [...early, data[0]!]);
    const s = [...openSliceSource({ catalog: d, symbols: ['AAA', 'OLD'], start: '2024-01-02', end: '2024-01-02' })];
    const all = concat(s);
    expect(all.length).toBe(390);
    expect(all.close.subarray(390).every((x) => Number.isNaN(x))).toBe(true);
    expect(all.volume.subarray(390).every((x) => x === 0)).toBe(true);
  });
});
