// Parquet and Arrow IPC bar files: round trips, schema variants and the shared validation rules.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Float64, Int64, makeData, makeVector, Table, tableToIPC, TimestampMicrosecond, TimestampMillisecond, TimestampSecond, vectorFromArray, Utf8,
} from 'apache-arrow';
import { Table as WasmTable, writeParquet } from 'parquet-wasm';
import { readArrowBars, writeArrowBars } from '../../src/data/arrow-io.js';
import { BATCH_ROWS } from '../../src/data/arrow-table.js';
import { generateBars } from '../../src/data/generate.js';
import { nsToMs } from '../../src/data/int64-ns.js';
import { encodeParquetBars, readParquetBars, writeParquetBars } from '../../src/data/parquet-io.js';
import { parquetRowCount } from '../../src/data/parquet-footer.js';
import type { BarSeries } from '../../src/model/bars.js';
import { DataError } from '../../src/model/errors.js';
import { expectSeriesEqual, series, tempDir, thrown, writeTemp } from './helpers.js';

type Format = { ext: string; read: typeof readParquetBars; write: typeof writeParquetBars; writeTable: (path: string, t: Table) => void };
const FORMATS: Format[] = [
  { ext: 'parquet', read: readParquetBars, write: writeParquetBars, writeTable: (p, t) => writeFileSync(p, writeParquet(WasmTable.fromIPCStream(tableToIPC(t, 'stream')))) },
  { ext: 'arrow', read: readArrowBars, write: writeArrowBars, writeTable: (p, t) => writeFileSync(p, tableToIPC(t, 'file')) },
];
const T0 = 1704205800000;
const good = series('X', [[T0, 10, 11, 9, 10.5, 100], [T0 + 60000, 10.5, 11, 10, 10.75, 200], [T0 + 120000, 10.75, 11.5, 10.5, 11, 300]]);

/** A table of the good series with some columns replaced or dropped. */
function tableWith(replace: Record<string, ReturnType<typeof makeVector> | undefined>): Table {
  const cols: Record<string, ReturnType<typeof makeVector>> = {
    timestamp: makeVector(good.ts),
    open: makeVector(good.open), high: makeVector(good.high), low: makeVector(good.low), close: makeVector(good.close), volume: makeVector(good.volume),
  };
  for (const [k, v] of Object.entries(replace)) {
    if (v === undefined) delete cols[k];
    else cols[k] = v;
  }
  return new Table(cols);
}

describe.each(FORMATS)('$ext bar files', ({ ext, read, write, writeTable }) => {
  it('round-trips generated series exactly', () => {
    const dir = tempDir();
    const [gen] = generateBars({ symbols: ['AAA'], bars: 3000, seed: 4 });
    write(join(dir, `AAA.${ext}`), gen!);
    const back = read(join(dir, `AAA.${ext}`));
    expect(back.length).toBe(1);
    expectSeriesEqual(back[0]!, gen!);
  });

  it('round-trips several symbols through a dictionary symbol column', () => {
    const dir = tempDir();
    const gen = generateBars({ symbols: ['AAA', 'BBB'], bars: 700, seed: 8 });
    write(join(dir, `both.${ext}`), gen);
    const back = read(join(dir, `both.${ext}`), { symbol: 'IGNORED' });
    expect(back.map((s) => s.symbol)).toEqual(['AAA', 'BBB']);
    back.forEach((s, i) => expectSeriesEqual(s, gen[i]!));
  });

  it('names a single series after the file, or the given symbol', () => {
    const dir = tempDir();
    write(join(dir, `SPY.${ext}`), good);
    expect(read(join(dir, `SPY.${ext}`))[0]!.symbol).toBe('SPY');
    expect(read(join(dir, `SPY.${ext}`), { symbol: 'QQQ' })[0]!.symbol).toBe('QQQ');
  });

  it('accepts Int64 nanoseconds, Timestamp units s/ms/µs, numeric columns of other types and a Utf8 symbol column', () => {
    const dir = tempDir();
    const ms = [T0, T0 + 60000, T0 + 120000];
    const variants: [string, ReturnType<typeof makeVector>][] = [
      ['int64', makeVector(makeData({ type: new Int64(), length: 3, data: good.ts }))],
      ['s', makeVector(makeData({ type: new TimestampSecond('UTC'), length: 3, data: BigInt64Array.from(ms.map((m) => BigInt(m / 1000))) }))],
      ['ms', makeVector(makeData({ type: new TimestampMillisecond(), length: 3, data: BigInt64Array.from(ms.map(BigInt)) }))],
      ['us', makeVector(makeData({ type: new TimestampMicrosecond('UTC'), length: 3, data: BigInt64Array.from(ms.map((m) => BigInt(m) * 1000n)) }))],
    ];
    for (const [name, ts] of variants) {
      const path = join(dir, `${name}.${ext}`);
      writeTable(path, tableWith({ timestamp: ts, volume: makeVector(Int32Array.from([100, 200, 300])), symbol: vectorFromArray(['X', 'X', 'X'], new Utf8()) }));
      const [s] = read(path);
      expect(s!.symbol, name).toBe('X');
      expect([...nsToMs(s!.ts)], name).toEqual(ms);
      expect([...s!.volume], name).toEqual([100, 200, 300]);
    }
  });

  it.each([
    ['high below low', { high: [11, 9.5, 11.5] }, 2, 'high', /high 9.5 is below low 10/],
    ['low above close', { low: [9, 10, 10.6], close: [10.5, 10.75, 10.5] }, 3, 'low', /low 10.6 is above close 10.5/],
    ['a zero price', { open: [0, 10.5, 10.75] }, 1, 'open', /open must be positive; got 0/],
    ['a negative volume', { volume: [100, -1, 300] }, 2, 'volume', /volume must not be negative/],
    ['NaN', { close: [10.5, NaN, 11] }, 2, 'close', /close is NaN/],
  ])('rejects %s with file, row and column', (_what, cols, row, column, message) => {
    const dir = tempDir();
    const bad: BarSeries = { ...good, ...Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, Float64Array.from(v as number[])])) };
    const path = join(dir, `bad.${ext}`);
    write(path, bad);
    const err = thrown(() => read(path));
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toContain(`${path} row ${row} (column "${column}")`);
    expect(err.message).toMatch(message);
  });

  it('rejects timestamps that do not increase, naming both rows', () => {
    const dir = tempDir();
    const path = join(dir, `order.${ext}`);
    write(path, { ...good, ts: BigInt64Array.from([good.ts[0]!, good.ts[2]!, good.ts[1]!]) });
    expect(thrown(() => read(path)).message).toMatch(/order\.\w+ row 3 \(column "timestamp"\): timestamp 2024-01-02T14:31:00Z is not after 2024-01-02T14:32:00Z at row 2/);
  });

  it('rejects a missing column, a column of the wrong type and null values', () => {
    const dir = tempDir();
    const missing = join(dir, `missing.${ext}`);
    writeTable(missing, tableWith({ low: undefined }));
    expect(thrown(() => read(missing)).message).toMatch(/missing\.\w+ \(column "low"\): missing column/);
    const wrong = join(dir, `wrong.${ext}`);
    writeTable(wrong, tableWith({ open: vectorFromArray(['1', '2', '3'], new Utf8()) }));
    expect(thrown(() => read(wrong)).message).toMatch(/wrong\.\w+ \(column "open"\): column has type Utf8; expected Float64/);
    const nulls = join(dir, `nulls.${ext}`);
    writeTable(nulls, tableWith({ close: vectorFromArray([10.5, null, 11], new Float64()) }));
    expect(thrown(() => read(nulls)).message).toMatch(/nulls\.\w+ row 2 \(column "close"\): null value/);
  });

  it('rejects a missing file, an empty file and a file of another format', () => {
    const dir = tempDir();
    expect(thrown(() => read(join(dir, `none.${ext}`))).message).toMatch(/file not found/);
    expect(thrown(() => read(writeTemp(dir, `empty.${ext}`, ''))).message).toMatch(/file is empty/);
    const err = thrown(() => read(writeTemp(dir, `text.${ext}`, 'timestamp,open\n1,2\n')));
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toMatch(/text\.\w+: not a/);
  });
});

describe('large files', () => {
  it('reads Parquet files of several row groups with rows numbered across groups', () => {
    const dir = tempDir();
    const [gen] = generateBars({ symbols: ['BIG'], bars: BATCH_ROWS + 1000, seed: 1 });
    const bad = { ...gen!, high: gen!.high.slice() };
    bad.high[BATCH_ROWS + 10] = 0.001;
    writeParquetBars(join(dir, 'BIG.parquet'), gen!);
    expectSeriesEqual(readParquetBars(join(dir, 'BIG.parquet'))[0]!, gen!);
    writeParquetBars(join(dir, 'bad.parquet'), bad);
    expect(thrown(() => readParquetBars(join(dir, 'bad.parquet'))).message).toContain(`row ${BATCH_ROWS + 11} (column "high")`);
  });
});

describe('parquetRowCount', () => {
  it('reads the row count from the footer, and gives up on anything else', () => {
    const [gen] = generateBars({ symbols: ['AAA', 'BBB'], bars: 1234, seed: 1 });
    expect(parquetRowCount(encodeParquetBars(gen!))).toBe(1234);
    expect(parquetRowCount(encodeParquetBars(generateBars({ symbols: ['A', 'B'], bars: 10, seed: 1 })))).toBe(20);
    expect(parquetRowCount(new TextEncoder().encode('PAR1 not really a parquet file PAR1'))).toBeUndefined();
    expect(parquetRowCount(new Uint8Array(3))).toBeUndefined();
  });
});
