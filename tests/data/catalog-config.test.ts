import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../../src/config/run-config.js';
import { writeSeriesToCatalog } from '../../src/data/catalog/catalog-from-series.js';
import { readCatalogAligned } from '../../src/data/catalog/read-aligned.js';
import { alignBars } from '../../src/data/align.js';
import { generateBars } from '../../src/data/generate.js';
import { ConfigError } from '../../src/model/errors.js';
import { tempDir, thrown } from './helpers.js';

const base = { strategy: { name: 'sma_cross', params: { fast: 2, slow: 4 } } };

describe('data.catalog in the run config', () => {
  it('normalizes catalog settings with defaults and requires the symbols', () => {
    const cfg = normalizeConfig({ ...base, data: { catalog: 'cat', symbols: ['AAA', 'BBB'], start: '2024-01-02', session: 'regular', prices: 'split_adjusted' } }, 'test');
    expect(cfg.data.catalog).toEqual({ dir: 'cat', session: 'regular', prices: 'split_adjusted', quotes: true, corporate_actions: true });
    expect(cfg.data.symbols).toEqual(['AAA', 'BBB']);
    expect(cfg.data.files).toEqual([]);
    expect(thrown(() => normalizeConfig({ ...base, data: { catalog: 'cat' } }, 'test')).message).toMatch(/`data.symbols` is required with `data.catalog`/);
    expect(thrown(() => normalizeConfig({ ...base, data: { catalog: 'cat', symbols: ['A'], path: 'x.csv' } }, 'test')).message).toMatch(/`data.path` cannot be given together with `data.catalog`/);
    expect(thrown(() => normalizeConfig({ ...base, data: { path: 'x.csv', session: 'regular' } }, 'test')).message).toMatch(/`data.session` applies to catalog runs only/);
    const e = thrown(() => normalizeConfig({ ...base, data: { catalog: 'cat', symbols: ['A'], prices: 'adjusted' } }, 'test'));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(/`data.prices` must be one of: "raw", "split_adjusted", "total_return"/);
  });

  it('reads the configured selection as one AlignedBars equal to alignBars of the same range', () => {
    const dir = join(tempDir(), 'cat');
    const series = generateBars({ symbols: ['AAA', 'BBB'], bars: 2000, seed: 8 });
    writeSeriesToCatalog(dir, series, { rowGroupRows: 300 });
    const got = readCatalogAligned({ catalog: dir, symbols: ['BBB', 'AAA'], start: '2024-01-03', end: '2024-01-04', sliceRows: 256 });
    const want = alignBars([series[1]!, series[0]!], 'America/New_York', { start: Date.parse('2024-01-03T05:00:00Z'), end: Date.parse('2024-01-05T05:00:00Z') - 1 });
    expect(got.length).toBe(780);
    expect(got.ts).toEqual(want.ts);
    expect(got.close).toEqual(want.close);
    expect(got.dayEnd).toEqual(want.dayEnd);
  });
});
