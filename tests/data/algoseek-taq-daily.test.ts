import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecurityMaster, parseSecurityMaster } from '../../src/data/algoseek/security-master.js';
import { BadRows, RowTally } from '../../src/data/ingest/row-tally.js';
import { readFileSync } from 'node:fs';
import { ALGO, fixtureText, isoTimes, parse } from './algoseek-helpers.js';
import { tempDir, writeTemp } from './helpers.js';

describe('Algoseek TAQ minute bars', () => {
  it('reads the 61-column layout: trade OHLCV, bid/ask fields, stamped at OpenBarTime', async () => {
    const r = await parse(join(ALGO, 'taq-61.csv'), 'algoseek-taq');
    expect(r.dataset).toBe('taq-1m');
    const b = r.blocks[0]!;
    const c = b.columns;
    // OpenBarTime 04:00:00.000, 09:30:00.000, 09:31:00.000 EST → 09:00Z, 14:30Z, 14:31Z
    expect(isoTimes(b.ts)).toEqual(['2022-01-20T09:00:00Z', '2022-01-20T14:30:00Z', '2022-01-20T14:31:00Z']);
    // Bar 2 (09:30): First/High/Low/LastTradePrice 166.98/167.33/166.5/167.2, Volume 1250312, FinraVolume 412000.
    expect([c['open']![1], c['high']![1], c['low']![1], c['close']![1], c['volume']![1], c['finra_volume']![1]]).toEqual([166.98, 167.33, 166.5, 167.2, 1250312, 412000]);
    expect([c['open_bid']![1], c['open_ask']![1], c['close_bid']![1], c['close_ask']![1], c['high_ask']![1], c['low_ask']![1]]).toEqual([166.97, 166.99, 167.19, 167.21, 167.35, 166.51]);
    // Bar 1 is the day's first: its open quote fields are blank (NaN), its trades are there.
    expect(c['open_bid']![0]).toBeNaN();
    expect(c['close']![0]).toBe(167.05);
  });

  it('keeps a minute with quotes but no trade as NaN prices and zero volume, never as a zero-price bar', async () => {
    const r = await parse(join(ALGO, 'taq-61.csv'), 'algoseek-taq');
    const c = r.blocks[0]!.columns;
    for (const k of ['open', 'high', 'low', 'close', 'vwap']) expect(c[k]![2], k).toBeNaN();
    expect(c['volume']![2]).toBe(0);
    expect(c['trades']![2]).toBe(0);
    expect([c['close_bid']![2], c['close_ask']![2]]).toEqual([167.2, 167.22]);
  });

  it('reads the older 54-column layout by name, in another column order, with the same values', async () => {
    const old = await parse(join(ALGO, 'taq-54.csv'), 'algoseek-taq');
    const now = await parse(join(ALGO, 'taq-61.csv'), 'algoseek-taq');
    const a = old.blocks[0]!;
    const b = now.blocks[0]!;
    expect(isoTimes(a.ts)).toEqual(isoTimes(b.ts).slice(1));
    for (const k of ['open', 'high', 'low', 'close', 'volume', 'open_bid', 'close_ask', 'high_bid', 'low_bid', 'min_spread']) {
      expect([...a.columns[k]!], k).toEqual([...b.columns[k]!].slice(1));
    }
    // The 54-column layout has no HighAsk*/LowAsk* fields.
    expect(a.columns['high_ask']![0]).toBeNaN();
  });

  it('rejects half-blank trade fields and trades without prices', async () => {
    const lines = fixtureText('taq-61.csv').trim().split('\n');
    const f = lines[3]!.split(',');
    f[48] = '100'; // Volume on the quote-only row, trade prices still blank
    const path = writeTemp(tempDir(), 'T.csv', [lines[0], lines[1], f.join(',')].join('\n') + '\n');
    await expect(parse(path, 'algoseek-taq')).rejects.toThrow(/T\.csv:3 \(column "FirstTradePrice"\): trade prices are blank but Volume is 100/);
  });
});

describe('Algoseek daily bars', () => {
  it('reads the standard adjusted daily file: raw OHLCV, cumulative factors, event rows, stamped at local midnight', async () => {
    const r = await parse(join(ALGO, 'aapl-daily.csv'), 'algoseek-daily');
    expect(r.dataset).toBe('1d');
    const b = r.blocks[0]! as typeof r.blocks[0] & { reasons: (string | null)[] };
    // Local midnight: EDT (UTC−4) on 2012-08-08, EST would be 05:00Z.
    expect(isoTimes(b.ts)[0]).toBe('2012-08-08T04:00:00Z');
    expect(b.columns['close']![3]).toBe(93.7);
    expect(b.columns['cvf']![3]).toBe(6.999999999999994);
    expect(b.columns['adj_factor']![3]).toBe(0.142857142857143);
    expect(b.columns['adj_factor']![0]).toBeNaN();
    expect(b.reasons).toEqual([null, 'CashDiv', null, 'BonusSame', null, 'CashDiv', 'Subdiv']);
    expect(b.columns['sec_id']![0]).toBe(33449);
  });

  it('accepts TradeDate as YYYY-MM-DD, YYYYMMDD or "YYYY-MM-DD 00:00:00" with the same result', async () => {
    const text = fixtureText('aapl-daily.csv');
    const dir = tempDir();
    const base = await parse(join(ALGO, 'aapl-daily.csv'), 'algoseek-daily');
    const compact = text.replace(/^(\d{4})-(\d{2})-(\d{2}),/gm, '$1$2$3,');
    const midnight = text.replace(/^(\d{4}-\d{2}-\d{2}),/gm, '$1 00:00:00,');
    for (const t of [compact, midnight]) {
      const r = await parse(writeTemp(dir, 'd.csv', t), 'algoseek-daily');
      expect(r.blocks[0]!.ts).toEqual(base.blocks[0]!.ts);
    }
    await expect(parse(writeTemp(dir, 'bad.csv', text.replace('2012-08-08,', '2012-08-08 09:30:00,')), 'algoseek-daily')).rejects.toThrow(/bad\.csv:2 \(column "TradeDate"\): expected a date/);
  });

  it('reads the primary-exchange daily file by name (volume = listed + FINRA market-hours volume)', async () => {
    const r = await parse(join(ALGO, 'primary-daily.csv'), 'algoseek-daily');
    expect(r.dataset).toBe('1d-primary');
    const c = r.blocks[0]!.columns;
    expect([c['open']![0], c['high']![0], c['low']![0], c['close']![0]]).toEqual([166.98, 169.68, 164.18, 164.51]);
    // 20220120: ListedMarketHoursVolume 61210233 + FinraMarketHoursVolume 30210110
    expect(c['volume']![0]).toBe(61210233 + 30210110);
    expect(c['vwap']![1]).toBe(164.1903);
  });

  it('rejects a factor without its reason', async () => {
    const text = fixtureText('aapl-daily.csv').replace('0.99572484109315,CashDiv', '0.99572484109315,');
    await expect(parse(writeTemp(tempDir(), 'd.csv', text), 'algoseek-daily')).rejects.toThrow(/d\.csv:3 \(column "AdjustmentReason"\): AdjustmentFactor and AdjustmentReason are set together/);
  });
});

describe('Algoseek security master', () => {
  const master = (): SecurityMaster => new SecurityMaster(parseSecurityMaster(readFileSync(join(ALGO, 'security-master.csv')), new BadRows('sm', 'error', new RowTally())));

  it('reads ticker and name histories with both open ends (20991231, 29991231) and sectors', () => {
    const m = master();
    const aapl = m.record(33449)!;
    expect(aapl.tickers).toEqual([{ value: 'AAPL', start: '2007-01-03', end: null }]);
    expect(aapl.names.map((n) => n.value)).toEqual(['Apple Computer Inc.', 'Apple Inc']);
    expect(aapl.names[0]!.end).toBe('2007-01-10');
    expect([aapl.sector, aapl.industry, aapl.isin]).toEqual(['Manufacturing', 'Electronic Computers', 'US0378331005']);
    expect(m.record(90001)!.tickers[1]).toEqual({ value: 'META', start: '2022-06-09', end: null });
    expect(m.record(90002)!.names[0]!.value).toBe('Old Company, Inc');
  });

  it('answers point in time: the ticker FB is SecId 90003 in 2008 and 90001 in 2015; META before 2022-06-09 is nobody', () => {
    const m = master();
    expect(m.secIdAt('FB', '2008-05-01')).toBe(90003);
    expect(m.secIdAt('FB', '2015-05-01')).toBe(90001);
    expect(m.secIdAt('META', '2022-06-08')).toBeUndefined();
    expect(m.secIdAt('META', '2022-06-09')).toBe(90001);
    expect(m.tickerAt(90001, '2022-06-08')).toBe('FB');
    expect(m.sectorOf('AAPL', '2020-01-02')).toEqual({ sector: 'Manufacturing', industry: 'Electronic Computers' });
    expect(m.tickerChanges()).toEqual([{ secId: 90001, from: 'FB', to: 'META', date: '2022-06-09' }]);
  });
});
