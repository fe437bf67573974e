import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAlgoseekFiles } from '../../src/data/algoseek/synthetic-files.js';
import { Catalog } from '../../src/data/catalog/catalog.js';
import { ingest } from '../../src/data/catalog/ingest.js';
import { openSliceSource } from '../../src/data/catalog/slice-source.js';
import { corporateActionsFor } from '../../src/data/corporate-actions/catalog-actions.js';
import { generateBars } from '../../src/data/generate.js';
import { tempDir } from './helpers.js';

describe('synthetic Algoseek files', () => {
  const series = generateBars({ symbols: ['AAPL', 'MSFT'], bars: 1200, seed: 9, start: '2024-03-07' });

  it('writes the delivered layout and ingests back to exactly the generated bars', async () => {
    const dir = tempDir();
    const files = writeAlgoseekFiles(series, { format: 'algoseek-trades', outDir: dir });
    // 1200 bars = 3 full sessions of 390 + 30 bars on a 4th day, per symbol.
    expect(files.length).toBe(8);
    expect(readdirSync(join(dir, '20240307'))).toEqual(['A', 'M']);
    const cat = join(tempDir(), 'cat');
    const s = await ingest({ source: dir, catalog: cat, format: 'algoseek-trades' });
    expect(s.rows).toMatchObject({ read: 2400, written: 2400, skipped: 0 });
    const c = Catalog.open(cat);
    for (const g of series) {
      const back = c.readSeries('1m', g.symbol);
      expect(back.ts).toEqual(g.ts);
      for (const k of ['open', 'high', 'low', 'close', 'volume'] as const) expect(back.columns[k], k).toEqual(g[k]);
    }
  });

  it('gives the same bytes for the same input', () => {
    const a = tempDir();
    const b = tempDir();
    writeAlgoseekFiles(series, { format: 'algoseek-taq', outDir: a });
    writeAlgoseekFiles(series, { format: 'algoseek-taq', outDir: b });
    const f = join('20240307', 'A', 'AAPL.csv.gz');
    expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f)))).toBe(true);
  });

  it('writes TAQ files whose quote-only minutes ingest as NaN prices with quotes', async () => {
    const dir = tempDir();
    writeAlgoseekFiles(series.slice(0, 1), { format: 'algoseek-taq', outDir: dir, single: true, gzip: false });
    const cat = join(tempDir(), 'cat');
    await ingest({ source: dir, catalog: cat, format: 'algoseek-taq' });
    const back = Catalog.open(cat).readSeries('taq-1m', 'AAPL');
    expect(back.ts).toEqual(series[0]!.ts);
    // Every 17th minute (index % 17 = 16) has no trade.
    expect(back.columns['close']![16]).toBeNaN();
    expect(back.columns['close_bid']![16]).toBe(Math.round(series[0]!.close[16]! * 100 - 1) / 100);
    expect(back.columns['close']![15]).toBe(series[0]!.close[15]);
  });

  it('writes adjusted daily files whose split-adjusted closes are continuous across the 2-for-1 split', async () => {
    const long = generateBars({ symbols: ['XYZ'], bars: 390 * 130, seed: 4, start: '2023-01-03' });
    const dir = tempDir();
    writeAlgoseekFiles(long, { format: 'algoseek-daily', outDir: dir });
    const cat = join(tempDir(), 'cat');
    await ingest({ source: dir, catalog: cat, format: 'algoseek-daily' });
    const acts = corporateActionsFor(Catalog.open(cat), 'XYZ');
    // 130 days: dividends on days 63 and 126, the split on day 65 (the middle).
    expect(acts.map((a) => a.action_type)).toEqual(['dividend', 'split', 'dividend']);
    expect(acts[1]!.split_ratio).toBe('2');
    const [raw] = [...openSliceSource({ catalog: cat, dataset: '1d', prices: 'raw' })];
    const [adj] = [...openSliceSource({ catalog: cat, dataset: '1d', prices: 'split_adjusted' })];
    // Raw closes halve on the split day (65); split-adjusted closes are the walk's closes / 2 throughout.
    const walkClose = (d: number): number => long[0]!.close[d * 390 + 389]!;
    expect(raw!.close[64]).toBe(walkClose(64));
    expect(raw!.close[65]).toBe(walkClose(65) / 2);
    expect(adj!.close[64]).toBeCloseTo(walkClose(64) / 2, 10);
    expect(adj!.close[65]).toBeCloseTo(walkClose(65) / 2, 10);
  });
});
