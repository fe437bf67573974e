import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PartitionReader } from '../../src/data/catalog/partition-reader.js';
import { writePartition } from '../../src/data/catalog/partition-writer.js';
import { int64Stat } from '../../src/data/catalog/parquet-meta.js';
import { generateBars } from '../../src/data/generate.js';
import { readParquetBars } from '../../src/data/parquet-io.js';
import { expectSeriesEqual, tempDir } from './helpers.js';

describe('catalog partition files', () => {
  const [s] = generateBars({ symbols: ['AAA'], bars: 5000, seed: 2 });
  const data = { ts: s!.ts, columns: (['open', 'high', 'low', 'close', 'volume'] as const).map((c) => [c, s![c]] as const) };

  function readAll(path: string): { reader: PartitionReader; series: typeof s } {
    const reader = new PartitionReader(path);
    const n = reader.footer.numRows;
    const ts = new BigInt64Array(n);
    const cols = [0, 1, 2, 3, 4].map(() => new Float64Array(n));
    reader.footer.rowGroups.forEach((g, i) => reader.readRowGroup(i, ['timestamp', 'open', 'high', 'low', 'close', 'volume'], [ts, ...cols], g.firstRow));
    reader.close();
    return { reader, series: { symbol: 'AAA', ts, open: cols[0]!, high: cols[1]!, low: cols[2]!, close: cols[3]!, volume: cols[4]! } };
  }

  it('copies uncompressed PLAIN pages straight from disk, equal to what parquet-wasm decodes', () => {
    const dir = tempDir();
    const w = writePartition(dir, '1m', 'AAA', '2024', data, { rowGroupRows: 1200 });
    const { reader, series } = readAll(join(dir, w.file));
    expect(reader.slowReads).toBe(0);
    // 5000 rows in groups of 1200: 4 full groups and one of 200.
    expect(reader.footer.rowGroups.map((g) => g.numRows)).toEqual([1200, 1200, 1200, 1200, 200]);
    expectSeriesEqual(series!, s!);
    expectSeriesEqual(readParquetBars(join(dir, w.file), { symbol: 'AAA' })[0]!, s!);
    // Row-group statistics give the first and last timestamp of each group (for skipping by date).
    expect(int64Stat(reader.footer.rowGroups[1]!.columns.get('timestamp')!.min)).toBe(s!.ts[1200]);
    expect(int64Stat(reader.footer.rowGroups[1]!.columns.get('timestamp')!.max)).toBe(s!.ts[2399]);
  });

  it('falls back to parquet-wasm for compressed files, with the same values', () => {
    const dir = tempDir();
    for (const codec of ['snappy', 'zstd'] as const) {
      const w = writePartition(dir, '1m', 'AAA', codec, data, { codec, rowGroupRows: 2000 });
      const { reader, series } = readAll(join(dir, w.file));
      expect(reader.slowReads, codec).toBe(3);
      expectSeriesEqual(series!, s!);
    }
  });

  it('names a file by its content, so equal data give equal names and bytes', () => {
    const a = writePartition(tempDir(), '1m', 'AAA', '2024', data);
    const b = writePartition(tempDir(), '1m', 'AAA', '2024', data);
    expect(a).toEqual(b);
    expect(a.file).toMatch(/^bars\/1m\/AAA\/2024-[0-9a-f]{16}\.parquet$/);
  });
});
