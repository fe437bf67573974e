import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvMapping } from '../../src/data/generic/csv-mapping.js';
import { ConfigError } from '../../src/model/errors.js';
import { ALGO, isoTimes, parse } from './algoseek-helpers.js';
import { tempDir, thrown, writeTemp } from './helpers.js';

describe('generic CSV through a mapping', () => {
  it('reads a LEAN minute file: no header, ms after New York midnight, date and symbol from the file name, 1/10,000 dollars', async () => {
    const mapping = parseCsvMapping({ preset: 'lean-minute' });
    const r = await parse(join(ALGO, 'generic/20131007_spy_minute_trade.csv'), 'csv', { mapping, preset: 'lean-minute' });
    expect(r.dataset).toBe('1m');
    expect(r.blocks[0]!.symbol).toBe('SPY');
    // 34200000 ms = 09:30 on 2013-10-07 (EDT, UTC−4) → 13:30Z; then +60000 ms per row.
    expect(isoTimes(r.blocks[0]!.ts)).toEqual(['2013-10-07T13:30:00Z', '2013-10-07T13:31:00Z', '2013-10-07T13:32:00Z']);
    // 1680500 × 0.0001 = 168.05 (as the double nearest to it: the product is rounded once).
    expect(r.blocks[0]!.columns['open']![0]).toBe(1680500 * 0.0001);
    expect(r.blocks[0]!.columns['open']![0]).toBeCloseTo(168.05, 10);
    expect(r.blocks[0]!.columns['volume']![2]).toBe(188411);
  });

  it('reads Yahoo-style daily CSV (Adj Close kept as adj_close) across the March DST change', async () => {
    const mapping = parseCsvMapping({ preset: 'yahoo' });
    const r = await parse(join(ALGO, 'generic/SPY.csv'), 'csv', { mapping, preset: 'yahoo' });
    expect(r.dataset).toBe('1d');
    expect(r.columns).toEqual(['open', 'high', 'low', 'close', 'volume', 'adj_close']);
    // Local midnight: 2024-03-08 EST (05:00Z), 2024-03-11 and 12 EDT (04:00Z).
    expect(isoTimes(r.blocks[0]!.ts)).toEqual(['2024-03-08T05:00:00Z', '2024-03-11T04:00:00Z', '2024-03-12T04:00:00Z']);
    expect([...r.blocks[0]!.columns['adj_close']!]).toEqual([505.89, 505.45, 510.89]);
  });

  it('reads a custom layout: `;`-separated, epoch milliseconds, a symbol column, named columns', async () => {
    const mapping = parseCsvMapping({ delimiter: ';', columns: { timestamp: 'ts', symbol: 'sym', open: 'o', high: 'h', low: 'l', close: 'c', volume: 'qty' }, timestamp: { format: 'epoch_ms' } });
    const r = await parse(join(ALGO, 'generic/epoch-ms.csv'), 'csv', { mapping, dataset: 'crypto' });
    expect(r.dataset).toBe('crypto');
    expect(r.blocks.map((b) => b.symbol)).toEqual(['BTC', 'ETH']);
    // 1704205800000 ms = 2024-01-02T14:30:00Z
    expect(isoTimes(r.blocks[0]!.ts)).toEqual(['2024-01-02T14:30:00Z', '2024-01-02T14:31:00Z']);
    expect(r.blocks[1]!.columns['close']![0]).toBe(2351.5);
  });

  it('reads naive local times in another zone and epoch nanoseconds exactly', async () => {
    const dir = tempDir();
    const tokyo = parseCsvMapping({ columns: { timestamp: 'time', open: 'o', high: 'h', low: 'l', close: 'c' }, timestamp: { format: 'local', zone: 'Asia/Tokyo' } });
    const r = await parse(writeTemp(dir, 'N225.csv', 'time,o,h,l,c\n2024-01-04 09:00,1,2,1,2\n'), 'csv', { mapping: tokyo });
    // 09:00 in Tokyo (UTC+9) = 00:00Z; no volume column → volume 0.
    expect(isoTimes(r.blocks[0]!.ts)).toEqual(['2024-01-04T00:00:00Z']);
    expect(r.blocks[0]!.columns['volume']![0]).toBe(0);
    const ns = parseCsvMapping({ columns: { timestamp: 't', open: 'o', high: 'o', low: 'o', close: 'o' }, timestamp: { format: 'epoch_ns' } });
    const q = await parse(writeTemp(dir, 'X.csv', 't,o\n1704205800123456789,5\n'), 'csv', { mapping: ns });
    expect(q.blocks[0]!.ts[0]).toBe(1704205800123456789n);
  });

  it('validates the mapping with errors naming the key', () => {
    expect(thrown(() => parseCsvMapping({ columns: { open: 'o' } }))).toBeInstanceOf(ConfigError);
    expect(thrown(() => parseCsvMapping({ columns: { timestamp: 't', open: 'o', high: 'h', low: 'l' } })).message).toMatch(/`columns.close` is required/);
    expect(thrown(() => parseCsvMapping({ header: false, columns: { timestamp: 'Date', open: 1, high: 2, low: 3, close: 4 } })).message).toMatch(/`columns.timestamp` must be a 0-based column position \(the file has no header\)/);
    expect(thrown(() => parseCsvMapping({ preset: 'nope', columns: {} })).message).toMatch(/`preset` must be one of yahoo, lean-minute, lean-daily/);
    expect(thrown(() => parseCsvMapping({ columns: { timestamp: 't', open: 'o', high: 'h', low: 'l', close: 'c' }, price_scale: 0 })).message).toMatch(/`price_scale` must be a positive number/);
    expect(thrown(() => parseCsvMapping({ columns: { timestamp: 't', open: 'o', high: 'h', low: 'l', close: 'c' }, timestamp: { zone: 'Mars/Base' } })).message).toMatch(/`timestamp.zone` is not an IANA time zone/);
  });

  it('names file, line and column for a bad Yahoo "null" row', async () => {
    const mapping = parseCsvMapping({ preset: 'yahoo' });
    const path = writeTemp(tempDir(), 'QQQ.csv', 'Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,2,1,2,2,10\n2024-01-03,null,null,null,null,null,null\n');
    await expect(parse(path, 'csv', { mapping, preset: 'yahoo' })).rejects.toThrow(/QQQ\.csv:3 \(column "Open"\): expected a number; got "null"/);
  });
});
