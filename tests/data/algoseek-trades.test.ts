import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/model/errors.js';
import { ALGO, fixtureText, isoTimes, parse, TRADE_HEADER, writeGz } from './algoseek-helpers.js';
import { tempDir, writeTemp } from './helpers.js';

describe('Algoseek trade-only minute bars', () => {
  it('reads a day file: bars stamped at TimeBarStart New York time, OHLC from first/high/low/last trade', async () => {
    const r = await parse(join(ALGO, 'trades/20220120/A/AAPL.csv'), 'algoseek-trades');
    expect(r.dataset).toBe('1m');
    expect(r.blocks.map((b) => b.symbol)).toEqual(['AAPL']);
    const b = r.blocks[0]!;
    // 2022-01-20 is in EST (UTC−5): 04:00 → 09:00Z, 09:30 → 14:30Z, 15:59 → 20:59Z, 19:59 → 00:59Z next day.
    expect(isoTimes(b.ts)).toEqual(['2022-01-20T09:00:00Z', '2022-01-20T14:30:00Z', '2022-01-20T14:31:00Z', '2022-01-20T20:59:00Z', '2022-01-21T00:59:00Z']);
    // Second row of the fixture: 09:30,166.98,167.33,166.5,167.2,166.9871,1250312,4810
    expect(b.columns['open']![1]).toBe(166.98);
    expect(b.columns['high']![1]).toBe(167.33);
    expect(b.columns['low']![1]).toBe(166.5);
    expect(b.columns['close']![1]).toBe(167.2);
    expect(b.columns['vwap']![1]).toBe(166.9871);
    expect(b.columns['volume']![1]).toBe(1250312);
    expect(b.columns['trades']![1]).toBe(4810);
    expect(r.tally.read).toBe(5);
  });

  it('reads a .csv.gz the same as the .csv, and matches columns by name in any order', async () => {
    const dir = tempDir();
    const text = fixtureText('trades/20220120/A/AAPL.csv');
    const plain = await parse(join(ALGO, 'trades/20220120/A/AAPL.csv'), 'algoseek-trades');
    const gz = await parse(writeGz(dir, 'AAPL.csv.gz', text), 'algoseek-trades');
    expect(gz.blocks[0]!.ts).toEqual(plain.blocks[0]!.ts);
    expect(gz.blocks[0]!.columns).toEqual(plain.blocks[0]!.columns);
    // Reordered header: swap the first two and move Volume first.
    const lines = text.trim().split('\n').map((l) => l.split(','));
    const order = [8, 1, 0, 2, 3, 4, 5, 6, 7, 9];
    const moved = lines.map((f) => order.map((i) => f[i]).join(',')).join('\n') + '\n';
    const re = await parse(writeTemp(dir, 'moved.csv', moved), 'algoseek-trades');
    expect(re.blocks[0]!.ts).toEqual(plain.blocks[0]!.ts);
    expect(re.blocks[0]!.columns).toEqual(plain.blocks[0]!.columns);
  });

  it('streams large files in chunks with the same result (lines cut across chunk boundaries)', async () => {
    const dir = tempDir();
    const rows = [TRADE_HEADER];
    for (let i = 0; i < 3000; i++) {
      const m = 570 + (i % 390);
      const day = 20220103 + Math.floor(i / 390);
      rows.push(`${day},AAPL,${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')},100.5,101.25,99.75,100.125,100.3,${1000 + i},${10 + i}`);
    }
    const text = rows.join('\r\n') + '\r\n';
    const whole = await parse(writeTemp(dir, 'big.csv', text), 'algoseek-trades');
    const streamed = await parse(join(dir, 'big.csv'), 'algoseek-trades', { streamAbove: 0 });
    const gz = await parse(writeGz(dir, 'big.csv.gz', text), 'algoseek-trades', { streamAbove: 0 });
    expect(whole.tally.read).toBe(3000);
    for (const r of [streamed, gz]) {
      expect(r.blocks[0]!.ts).toEqual(whole.blocks[0]!.ts);
      expect(r.blocks[0]!.columns['volume']).toEqual(whole.blocks[0]!.columns['volume']);
    }
  });

  it('reads the adjusted variant (factors kept as columns, dataset 1m-adjusted) and the 1-second variant', async () => {
    const adj = await parse(join(ALGO, 'trades-adjusted.csv'), 'algoseek-trades');
    expect(adj.dataset).toBe('1m-adjusted');
    expect(adj.columns).toContain('price_factor');
    // Raw prices stay as traded; the factors of the fixture rows: 0.24955 / 0.25, then 0.99955 / 1.
    expect([...adj.blocks[0]!.columns['open']!]).toEqual([504.05, 505.31, 127.58]);
    expect([...adj.blocks[0]!.columns['price_factor']!]).toEqual([0.24955, 0.24955, 0.99955]);
    expect([...adj.blocks[0]!.columns['volume_factor']!]).toEqual([0.25, 0.25, 1]);
    const sec = await parse(join(ALGO, 'trades-1s.csv'), 'algoseek-trades');
    expect(sec.dataset).toBe('1s');
    // 09:30:00, 09:30:01, 09:30:03 EST → 14:30:00Z, 14:30:01Z, 14:30:03Z
    expect(isoTimes(sec.blocks[0]!.ts)).toEqual(['2022-01-20T14:30:00Z', '2022-01-20T14:30:01Z', '2022-01-20T14:30:03Z']);
  });

  it('converts New York wall clock across the March 2024 change (EST → EDT on Sunday 10 March)', async () => {
    const r = await parse(join(ALGO, 'dst-march.csv'), 'algoseek-trades');
    expect(isoTimes(r.blocks[0]!.ts)).toEqual([
      '2024-03-08T14:30:00Z', // Fri 09:30 EST = UTC−5
      '2024-03-09T00:59:00Z', // Fri 19:59 EST
      '2024-03-10T06:30:00Z', // Sun 01:30, still EST
      '2024-03-10T07:30:00Z', // Sun 03:30 EDT (02:00 EST jumped to 03:00 EDT) = UTC−4
      '2024-03-10T08:00:00Z', // Sun 04:00 EDT
      '2024-03-11T13:30:00Z', // Mon 09:30 EDT
    ]);
  });

  it('converts New York wall clock across the November 2024 change (EDT → EST on Sunday 3 November)', async () => {
    const r = await parse(join(ALGO, 'dst-november.csv'), 'algoseek-trades');
    expect(isoTimes(r.blocks[0]!.ts)).toEqual([
      '2024-11-01T13:30:00Z', // Fri 09:30 EDT = UTC−4
      '2024-11-03T04:30:00Z', // Sun 00:30 EDT
      '2024-11-03T05:30:00Z', // Sun 01:30 happens twice; the earlier (EDT) instant is taken
      '2024-11-03T09:00:00Z', // Sun 04:00 EST = UTC−5
      '2024-11-04T14:30:00Z', // Mon 09:30 EST
    ]);
  });

  it('accepts a header-only file (a ticker without trades that day) as zero rows', async () => {
    const r = await parse(writeTemp(tempDir(), 'X.csv', TRADE_HEADER + '\n'), 'algoseek-trades');
    expect(r.blocks).toEqual([]);
    expect(r.tally.read).toBe(0);
    expect(r.rejected).toBeUndefined();
  });
});

/** Writes the header, one good row and `bad` (line 3); returns the error message of reading it. */
async function errorOf(bad: string, header = TRADE_HEADER): Promise<string> {
  const path = writeTemp(tempDir(), 'AAPL.csv', `${header}\n20220120,AAPL,09:30,10,11,9,10.5,10.2,100,3\n${bad}\n`);
  const err = await parse(path, 'algoseek-trades').then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DataError);
  const msg = (err as Error).message;
  expect(msg.startsWith(path)).toBe(true);
  return msg;
}

describe('bad trade rows: errors name file, line and column', () => {
  it.each([
    ['high below low', '20220120,AAPL,09:31,10,9,11,10,10,100,3', /:3 \(column "HighTradePrice"\): high 9 is below low 11/],
    ['a zero price', '20220120,AAPL,09:31,0,11,9,10,10,100,3', /:3 \(column "FirstTradePrice"\): open must be positive; got 0/],
    ['a negative price', '20220120,AAPL,09:31,10,11,-9,10,10,100,3', /:3 \(column "LowTradePrice"\): low must be positive; got -9/],
    ['NaN', '20220120,AAPL,09:31,10,11,9,NaN,10,100,3', /:3 \(column "LastTradePrice"\): NaN is not allowed/],
    ['a word for a number', '20220120,AAPL,09:31,10,11,9,ten,10,100,3', /:3 \(column "LastTradePrice"\): expected a number; got "ten"/],
    ['a blank volume', '20220120,AAPL,09:31,10,11,9,10,10,,3', /:3 \(column "Volume"\): empty value; expected a number/],
    ['a negative volume', '20220120,AAPL,09:31,10,11,9,10,10,-5,3', /:3 \(column "Volume"\): volume must not be negative; got -5/],
    ['a duplicate timestamp', '20220120,AAPL,09:30,10,11,9,10,10,100,3', /:3 \(column "TimeBarStart"\): duplicate timestamp 2022-01-20T14:30:00Z \(also on line 2\)/],
    ['a row out of order', '20220120,AAPL,09:29,10,11,9,10,10,100,3', /:3 \(column "TimeBarStart"\): timestamp 2022-01-20T14:29:00Z is before 2022-01-20T14:30:00Z on line 2/],
    ['too few fields', '20220120,AAPL,09:31,10,11,9,10', /:3:8: row has 7 field\(s\); expected 10/],
    ['too many fields', '20220120,AAPL,09:31,10,11,9,10,10,100,3,7', /:3:11: row has 11 field\(s\); expected 10/],
    ['a bad date', '2022-13-01,AAPL,09:31,10,11,9,10,10,100,3', /:3 \(column "Date"\): expected a date YYYYMMDD, YYYY-MM-DD or "YYYY-MM-DD 00:00:00"; got "2022-13-01"/],
    ['a bad time', '20220120,AAPL,9:31,10,11,9,10,10,100,3', /:3 \(column "TimeBarStart"\): expected a time HH:MM \(or HH:MM:SS\); got "9:31"/],
  ])('rejects %s', async (_what, row, want) => {
    expect(await errorOf(row)).toMatch(want);
  });

  it('rejects a header without a required column, naming it and the expected header', async () => {
    const msg = await errorOf('20220120,AAPL,09:31,10,11,9,10,10,3', TRADE_HEADER.replace(',Volume,', ','));
    expect(msg).toMatch(/:1 \(column "Volume"\): missing column; an Algoseek trade bar header has Date,Ticker,TimeBarStart/);
  });

  it('rejects an empty file and a truncated gzip', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'E.csv'), '');
    await expect(parse(join(dir, 'E.csv'), 'algoseek-trades')).rejects.toThrow(/E\.csv: file is empty/);
    const gz = writeGz(dir, 'T.csv.gz', fixtureText('trades/20220120/A/AAPL.csv'));
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(gz);
    writeFileSync(gz, bytes.subarray(0, bytes.length - 30));
    await expect(parse(gz, 'algoseek-trades')).rejects.toThrow(/T\.csv\.gz: truncated gzip/);
  });
});
