import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateBars, writeGenerated } from '../../src/data/generate.js';
import { loadBars, readerFor } from '../../src/data/load.js';
import { DataError } from '../../src/model/errors.js';
import { expectSeriesEqual, FIXTURES, tempDir, thrown } from './helpers.js';

describe('loadBars', () => {
  it('picks the reader by extension and returns series in file order', () => {
    const dir = tempDir();
    const gen = generateBars({ symbols: ['AAA', 'BBB', 'CCC'], bars: 400, seed: 6 });
    writeGenerated([gen[0]!], dir, ['csv']);
    writeGenerated([gen[1]!], dir, ['parquet']);
    writeGenerated([gen[2]!], dir, ['arrow']);
    const out = loadBars({ files: [{ path: join(dir, 'CCC.arrow') }, { path: join(dir, 'AAA.csv') }, { path: join(dir, 'BBB.parquet') }] });
    expect(out.map((s) => s.symbol)).toEqual(['CCC', 'AAA', 'BBB']);
    expectSeriesEqual(out[0]!, gen[2]!);
    expectSeriesEqual(out[1]!, gen[0]!);
    expectSeriesEqual(out[2]!, gen[1]!);
  });

  it('takes the symbol from the symbol column, else the given symbol, else the base name', () => {
    const dir = tempDir();
    copyFileSync(join(FIXTURES, 'aapl.csv'), join(dir, 'AAPL.CSV'));
    const out = loadBars({
      files: [{ path: join(FIXTURES, 'multi.csv'), symbol: 'ZZZ' }, { path: join(FIXTURES, 'aapl.csv'), symbol: 'APPLE' }, { path: join(dir, 'AAPL.CSV') }],
    });
    expect(out.map((s) => s.symbol)).toEqual(['AAA', 'BBB', 'APPLE', 'AAPL']);
  });

  it('passes the zone to the readers', () => {
    const [ny] = loadBars({ files: [{ path: join(FIXTURES, 'daily.csv') }] });
    const [tokyo] = loadBars({ files: [{ path: join(FIXTURES, 'daily.csv') }], zone: 'Asia/Tokyo' });
    expect(ny!.ts[0]! - tokyo!.ts[0]!).toBe(14n * 3_600_000_000_000n);
  });

  it('rejects an unsupported extension, naming the file and the accepted ones', () => {
    const err = thrown(() => loadBars({ files: [{ path: 'data/prices.xlsx' }] }));
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe('data/prices.xlsx: unsupported file type ".xlsx"; expected one of .csv, .parquet, .arrow');
    expect(() => readerFor('data/noext')).toThrow(/"\(none\)"/);
  });

  it('rejects a symbol that comes from two files', () => {
    const err = thrown(() => loadBars({ files: [{ path: join(FIXTURES, 'aapl.csv'), symbol: 'AAA' }, { path: join(FIXTURES, 'multi.csv') }] }));
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toMatch(/symbol "AAA" is in both .*aapl\.csv and .*multi\.csv/);
  });
});
