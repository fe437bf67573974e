import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvBars } from '../../src/data/csv-reader.js';
import { writeCsvBars } from '../../src/data/csv-writer.js';
import { generateBars } from '../../src/data/generate.js';
import { nsToMs } from '../../src/data/int64-ns.js';
import { DataError } from '../../src/model/errors.js';
import { expectSeriesEqual, FIXTURES, series, tempDir, thrown, writeTemp } from './helpers.js';

const HEADER = 'timestamp,open,high,low,close,volume\n';
const utc = (s: string): number => Date.parse(s);

describe('readCsvBars', () => {
  it('round-trips generated series through CSV exactly', () => {
    const dir = tempDir();
    const gen = generateBars({ symbols: ['AAA'], bars: 5000, seed: 21 });
    writeCsvBars(join(dir, 'AAA.csv'), gen[0]!);
    const [back] = readCsvBars(join(dir, 'AAA.csv'));
    expectSeriesEqual(back!, gen[0]!);
  });

  it('round-trips several series through one file with a symbol column', () => {
    const dir = tempDir();
    const gen = generateBars({ symbols: ['AAA', 'BBB', 'CCC'], bars: 500, seed: 2 });
    writeCsvBars(join(dir, 'all.csv'), gen);
    const back = readCsvBars(join(dir, 'all.csv'));
    expect(back.map((s) => s.symbol)).toEqual(['AAA', 'BBB', 'CCC']);
    back.forEach((s, i) => expectSeriesEqual(s, gen[i]!));
  });

  it('reads offsets and Z, naming the series after the file', () => {
    const [s] = readCsvBars(join(FIXTURES, 'aapl.csv'));
    expect(s!.symbol).toBe('aapl');
    expect([...nsToMs(s!.ts)]).toEqual([utc('2024-01-02T14:30:00Z'), utc('2024-01-02T14:31:00Z'), utc('2024-01-02T14:32:00Z')]);
    expect([...s!.close]).toEqual([100.75, 101.25, 101]);
    expect([...s!.volume]).toEqual([1200, 900, 0]);
  });

  it('matches columns by name in any order, ignores extra columns and splits by symbol', () => {
    const out = readCsvBars(join(FIXTURES, 'multi.csv'), { symbol: 'IGNORED' });
    expect(out.map((s) => s.symbol)).toEqual(['AAA', 'BBB']);
    expect([...out[0]!.open]).toEqual([10.25, 10.5]);
    expect([...out[1]!.high]).toEqual([21, 21]);
    expect([...nsToMs(out[1]!.ts)]).toEqual([utc('2024-01-02T14:30:00Z'), utc('2024-01-02T14:32:00Z')]);
  });

  it('reads plain dates as local midnight in the data zone, across DST', () => {
    const [s] = readCsvBars(join(FIXTURES, 'daily.csv'), { symbol: 'SPY' });
    expect(s!.symbol).toBe('SPY');
    expect([...nsToMs(s!.ts)]).toEqual([utc('2024-03-08T05:00:00Z'), utc('2024-03-11T04:00:00Z'), utc('2024-03-12T04:00:00Z')]);
    const [tokyo] = readCsvBars(join(FIXTURES, 'daily.csv'), { zone: 'Asia/Tokyo' });
    expect(nsToMs(tokyo!.ts)[0]).toBe(utc('2024-03-07T15:00:00Z'));
  });

  it('accepts fractional seconds, compact offsets, naive local times, CRLF, a BOM, quotes and blank lines', () => {
    const dir = tempDir();
    const text = '\ufeff"timestamp","open","high","low","close","volume"\r\n'
      + '2024-01-02T14:30:00.123456789Z,1,1,1,1,1\r\n'
      + '\r\n'
      + '2024-01-02T09:31:00.5-0500,1,1,1,1,"2"\r\n'
      + '2024-01-02 09:32,1,1,1,1,3e2\r\n';
    const [s] = readCsvBars(writeTemp(dir, 'x.csv', text));
    expect([...s!.ts]).toEqual([1704205800123456789n, 1704205860500000000n, 1704205920000000000n]);
    expect([...s!.volume]).toEqual([1, 2, 300]);
  });

  it('parses decimals to the nearest double, as Number does', () => {
    const dir = tempDir();
    const values = ['0.1', '123456.789', '99999999.99', '1.0000000000000002', '12345678901234567', '0.30000000000000004'];
    const rows = values.map((v, i) => `2024-01-02T14:${String(30 + i).padStart(2, '0')}:00Z,${v},${v},${v},${v},1`).join('\n');
    const [s] = readCsvBars(writeTemp(dir, 'x.csv', HEADER + rows));
    expect([...s!.open]).toEqual(values.map(Number));
  });
});

/** Writes a CSV with one bad row (line 3) after a good one and returns the error of reading it. */
function errorOf(row: string, header = HEADER): DataError {
  const dir = tempDir();
  const path = writeTemp(dir, 'bad.csv', `${header}2024-01-02T14:30:00Z,10,11,9,10.5,100\n${row}\n`);
  const err = thrown(() => readCsvBars(path));
  expect(err).toBeInstanceOf(DataError);
  expect(err.message.startsWith(path)).toBe(true);
  return err as DataError;
}

describe('readCsvBars errors name file, line and column', () => {
  it.each([
    ['a non-number', '2024-01-02T14:31:00Z,10,11,9,abc,100', 'close', /expected a number; got "abc"/],
    ['an empty value', '2024-01-02T14:31:00Z,10,,9,10,100', 'high', /empty value/],
    ['NaN', '2024-01-02T14:31:00Z,NaN,11,9,10,100', 'open', /NaN is not allowed/],
    ['a zero price', '2024-01-02T14:31:00Z,10,11,0,10,100', 'low', /low must be positive; got 0/],
    ['a negative price', '2024-01-02T14:31:00Z,-10,11,9,10,100', 'open', /open must be positive; got -10/],
    ['a negative volume', '2024-01-02T14:31:00Z,10,11,9,10,-5', 'volume', /volume must not be negative; got -5/],
    ['high below low', '2024-01-02T14:31:00Z,10,9,9.5,10,1', 'high', /high 9 is below low 9.5/],
    ['high below open', '2024-01-02T14:31:00Z,12,11,9,10,1', 'high', /high 11 is below open 12/],
    ['high below close', '2024-01-02T14:31:00Z,10,11,9,12,1', 'high', /high 11 is below close 12/],
    ['low above open', '2024-01-02T14:31:00Z,9,11,9.5,10,1', 'low', /low 9.5 is above open 9/],
    ['low above close', '2024-01-02T14:31:00Z,10,11,9.5,9,1', 'low', /low 9.5 is above close 9/],
    ['an unparsable timestamp', '2024-13-02T14:31:00Z,10,11,9,10,1', 'timestamp', /expected an ISO 8601 timestamp.*got "2024-13-02T14:31:00Z"/],
    ['a timestamp with a bad offset', '2024-01-02T14:31:00+5,10,11,9,10,1', 'timestamp', /ISO 8601/],
    ['a repeated timestamp', '2024-01-02T14:30:00Z,10,11,9,10,1', 'timestamp', /not after 2024-01-02T14:30:00Z on line 2.*strictly increasing/],
    ['a timestamp going back', '2024-01-02T09:29:00-05:00,10,11,9,10,1', 'timestamp', /2024-01-02T14:29:00Z is not after/],
    ['a short row', '2024-01-02T14:31:00Z,10,11,9', 'close', /row has 4 field\(s\); expected 6/],
  ])('rejects %s', (_what, row, column, message) => {
    const err = errorOf(row);
    expect(err.message).toContain(`bad.csv:3 (column "${column}")`);
    expect(err.message).toMatch(message);
  });

  it('rejects a row with more fields than the header', () => {
    expect(errorOf('2024-01-02T14:31:00Z,10,11,9,10,1,7').message).toMatch(/bad\.csv:3:7: row has more fields/);
  });

  it('checks order per symbol, so symbols may interleave', () => {
    const dir = tempDir();
    const ok = writeTemp(dir, 'ok.csv', `symbol,${HEADER}A,2024-01-02T14:31:00Z,1,1,1,1,1\nB,2024-01-02T14:30:00Z,1,1,1,1,1\n`);
    expect(readCsvBars(ok).map((s) => s.ts.length)).toEqual([1, 1]);
    const bad = writeTemp(dir, 'bad.csv', `symbol,${HEADER}A,2024-01-02T14:31:00Z,1,1,1,1,1\nB,2024-01-02T14:30:00Z,1,1,1,1,1\nA,2024-01-02T14:31:00Z,1,1,1,1,1\n`);
    expect(thrown(() => readCsvBars(bad)).message).toMatch(/bad\.csv:4 \(column "timestamp"\).*symbol A/);
    const empty = writeTemp(dir, 'empty-symbol.csv', `symbol,${HEADER},2024-01-02T14:31:00Z,1,1,1,1,1\n`);
    expect(thrown(() => readCsvBars(empty)).message).toMatch(/empty-symbol\.csv:2 \(column "symbol"\): empty symbol/);
  });

  it('uses the fixtures: high below low, bad number, bad timestamp, bad order', () => {
    const cases: [string, string][] = [
      ['bad-high-below-low.csv', ':3 (column "high"): high 10 is below low 10.25'],
      ['bad-number.csv', ':3 (column "close"): expected a number; got "abc"'],
      ['bad-timestamp.csv', ':3 (column "timestamp"): expected an ISO 8601 timestamp'],
      ['bad-order.csv', ':3 (column "timestamp"): timestamp 2024-01-02T14:30:00Z is not after 2024-01-02T14:31:00Z'],
    ];
    for (const [file, message] of cases) {
      const err = thrown(() => readCsvBars(join(FIXTURES, file)));
      expect(err).toBeInstanceOf(DataError);
      expect(err.message).toContain(`${file}${message}`);
    }
  });

  it('rejects a missing column, naming it', () => {
    const err = thrown(() => readCsvBars(join(FIXTURES, 'bad-missing-column.csv')));
    expect(err.message).toMatch(/bad-missing-column\.csv:1 \(column "low"\): missing column; the header must name timestamp, open, high, low, close, volume/);
  });

  it('rejects a missing file, an empty file, and a header without rows', () => {
    const dir = tempDir();
    expect(thrown(() => readCsvBars(join(dir, 'nope.csv'))).message).toMatch(/nope\.csv: file not found/);
    expect(thrown(() => readCsvBars(join(FIXTURES, 'bad-empty.csv'))).message).toMatch(/bad-empty\.csv: file is empty/);
    expect(thrown(() => readCsvBars(writeTemp(dir, 'header.csv', HEADER))).message).toMatch(/header\.csv: no data rows/);
    expect(thrown(() => readCsvBars(writeTemp(dir, 'blank.csv', '\n\n'))).message).toMatch(/blank\.csv:1: file has no header/);
  });

  it('keeps explicit series untouched by writing then reading sub-millisecond timestamps', () => {
    const dir = tempDir();
    const s = { ...series('X', [[1704205800000, 1, 1, 1, 1, 1]]), ts: BigInt64Array.from([1704205800000000001n]) };
    writeCsvBars(join(dir, 'X.csv'), s);
    expectSeriesEqual(readCsvBars(join(dir, 'X.csv'))[0]!, s);
  });
});
