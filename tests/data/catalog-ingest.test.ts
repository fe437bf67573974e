import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/data/catalog/catalog.js';
import { ingest } from '../../src/data/catalog/ingest.js';
import { readManifest } from '../../src/data/catalog/manifest.js';
import { DataError } from '../../src/model/errors.js';
import { fixtureText, isoTimes, put, TRADE_HEADER, writeGz } from './algoseek-helpers.js';
import { tempDir, writeTemp } from './helpers.js';

const DAYS = ['trades/20220120/A/AAPL.csv', 'trades/20220121/A/AAPL.csv', 'trades/20220120/M/MSFT.csv'];

/** The fixture layout as delivered: `{yyyymmdd}/{letter}/{TICKER}.csv.gz`. */
function layout(days = DAYS): string {
  const dir = tempDir();
  for (const d of days) writeGz(dir, d.replace('trades/', '') + '.gz', fixtureText(d));
  return dir;
}

/** Every file of a folder (relative path → bytes), for byte-for-byte comparisons. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

describe('ingest into the catalog', () => {
  it('converts the Algoseek layout into yearly Parquet partitions with a manifest of symbols, rows and sources', async () => {
    const src = layout();
    const cat = join(tempDir(), 'cat');
    const s = await ingest({ source: src, catalog: cat, format: 'algoseek-trades' });
    expect(s.files).toMatchObject({ seen: 3, parsed: 3, unchanged: 0 });
    // 5 + 2 AAPL rows, 2 MSFT rows in the fixtures.
    expect(s.rows).toEqual({ read: 9, written: 9, skipped: 0, skipped_by_reason: {} });
    const m = readManifest(cat);
    const ds = m.datasets['1m']!;
    expect(Object.keys(ds.symbols)).toEqual(['AAPL', 'MSFT']);
    expect(ds.symbols['AAPL']).toMatchObject({ rows: 7, first: '2022-01-20T09:00:00Z', last: '2022-01-21T14:31:00Z' });
    expect(ds.symbols['AAPL']!.partitions.map((p) => p.part)).toEqual(['2022']);
    const src0 = m.sources.find((x) => x.key === '20220120/A/AAPL.csv.gz')!;
    const bytes = readFileSync(join(src, '20220120/A/AAPL.csv.gz'));
    expect(src0).toMatchObject({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), rows_read: 5, rows_written: 5, rows_skipped: {} });
    const back = Catalog.open(cat).readSeries('1m', 'AAPL');
    expect(isoTimes(back.ts)).toEqual(['2022-01-20T09:00:00Z', '2022-01-20T14:30:00Z', '2022-01-20T14:31:00Z', '2022-01-20T20:59:00Z', '2022-01-21T00:59:00Z', '2022-01-21T14:30:00Z', '2022-01-21T14:31:00Z']);
    expect([...back.columns['close']!]).toEqual([167.05, 167.2, 167.45, 164.59, 164.7, 164.6, 164.1]);
  });

  it('skips unchanged sources on a re-run and gives byte-identical catalogs for the same input', async () => {
    const src = layout();
    const a = join(tempDir(), 'a');
    const b = join(tempDir(), 'b');
    await ingest({ source: src, catalog: a, format: 'algoseek-trades' });
    await ingest({ source: src, catalog: b, format: 'algoseek-trades' });
    const fa = files(a);
    expect(fa).toEqual(files(b));
    const again = await ingest({ source: src, catalog: a, format: 'algoseek-trades' });
    expect(again.files).toMatchObject({ seen: 3, parsed: 0, unchanged: 3 });
    expect(again.partitions_written).toBe(0);
    expect(files(a)).toEqual(fa);
  });

  it('replaces the rows of a changed source and adds a new day, deleting superseded files', async () => {
    const src = layout(DAYS.slice(0, 1));
    const cat = join(tempDir(), 'cat');
    await ingest({ source: src, catalog: cat, format: 'algoseek-trades' });
    const before = readManifest(cat).datasets['1m']!.symbols['AAPL']!.partitions[0]!.file;
    writeGz(src, '20220121/A/AAPL.csv.gz', fixtureText(DAYS[1]!));
    writeGz(src, '20220120/A/AAPL.csv.gz', fixtureText(DAYS[0]!).replace('164.59,164.6502', '164.58,164.6502'));
    const s = await ingest({ source: src, catalog: cat, format: 'algoseek-trades' });
    expect(s.files).toMatchObject({ parsed: 2, replaced: 1, unchanged: 0 });
    const back = Catalog.open(cat).readSeries('1m', 'AAPL');
    expect(back.ts.length).toBe(7);
    expect(back.columns['close']![3]).toBe(164.58);
    expect(existsSync(join(cat, before))).toBe(false);
    // The same sources ingested in one go give the same catalog.
    const fresh = join(tempDir(), 'fresh');
    await ingest({ source: src, catalog: fresh, format: 'algoseek-trades' });
    expect(files(fresh)).toEqual(files(cat));
  });

  it('leaves the catalog as it was when an ingest is interrupted while writing, and recovers on the next run', async () => {
    const src = layout(DAYS.slice(0, 1));
    const cat = join(tempDir(), 'cat');
    await ingest({ source: src, catalog: cat, format: 'algoseek-trades' });
    const committed = files(cat);
    writeGz(src, '20220121/A/AAPL.csv.gz', fixtureText(DAYS[1]!));
    const crash = ingest({ source: src, catalog: cat, format: 'algoseek-trades', afterPartitionWrite: () => { throw new Error('power cut'); } });
    await expect(crash).rejects.toThrow('power cut');
    // The new partition file exists on disk, but the manifest still names the old one only.
    expect(readFileSync(join(cat, 'manifest.json'))).toEqual(committed.get('manifest.json'));
    expect(Catalog.open(cat).readSeries('1m', 'AAPL').ts.length).toBe(5);
    const s = await ingest({ source: src, catalog: cat, format: 'algoseek-trades' });
    expect(s.files).toMatchObject({ parsed: 1, unchanged: 1 });
    const fresh = join(tempDir(), 'fresh');
    await ingest({ source: src, catalog: fresh, format: 'algoseek-trades' });
    expect(files(cat)).toEqual(files(fresh));
  });

  it('with --on-bad-row skip counts every skipped row per reason, in the summary and the manifest', async () => {
    const src = tempDir();
    const good = '20220120,AAPL,09:30,10,11,9,10.5,10.2,100,3';
    put(src, 'bad/AAPL.csv', [TRADE_HEADER, good,
      '20220120,AAPL,09:31,10,9,11,10,10,100,3', // high below low
      '20220120,AAPL,09:32,0,11,9,10,10,100,3', // zero price
      '20220120,AAPL,09:33,10,11,9,NaN,10,100,3', // NaN
      '20220120,AAPL,09:30,10,11,9,10,10,100,3', // duplicate of 09:30
      '20220120,AAPL,09:29,10,11,9,10,10,100,3', // out of order
      '20220120,AAPL,09:34,10,11', // field count
      '20220120,AAPL,09:35,10,11,9,10,10,100,3', // good
    ].join('\n') + '\n');
    writeFileSync(join(src, 'empty.csv'), '');
    writeTemp(src, 'wrong-header.csv', 'a,b,c\n1,2,3\n4,5,6\n');
    const gz = writeGz(src, 'cut.csv.gz', fixtureText(DAYS[2]!));
    writeFileSync(gz, readFileSync(gz).subarray(0, readFileSync(gz).length - 12));
    const cat = join(tempDir(), 'cat');
    const s = await ingest({ source: src, catalog: cat, format: 'algoseek-trades', policy: 'skip' });
    expect(s.rows.skipped_by_reason).toEqual({
      'bad-header': 2, 'field-count': 1, nan: 1, 'non-positive-price': 1, 'high-below-low': 1,
      'duplicate-timestamp': 1, 'out-of-order': 1, 'truncated-file': 1,
    });
    expect(s.rows.read).toBe(s.rows.written + s.rows.skipped);
    expect(s.files.rejected).toEqual({ 'empty-file': 1, 'bad-header': 1 });
    expect(s.files.truncated).toBe(1);
    const m = readManifest(cat);
    expect(m.totals.rows_skipped).toEqual(s.rows.skipped_by_reason);
    expect(m.totals.rows_read).toBe(s.rows.read);
    expect(m.sources.find((x) => x.key === 'empty.csv')).toMatchObject({ rows_read: 0, rejected: 'empty-file' });
    expect(m.sources.find((x) => x.key === 'cut.csv.gz')).toMatchObject({ truncated: true });
    expect(s.problems.some((p) => p.includes('bad/AAPL.csv:3 (column "HighTradePrice")'))).toBe(true);
  });

  it('stops at the first bad row by default, naming file, line and column, and keeps the files before it', async () => {
    const src = layout(DAYS.slice(0, 1));
    put(src, 'zz/AAPL.csv', `${TRADE_HEADER}\n20220125,AAPL,09:30,10,9,11,10,10,100,3\n`);
    const cat = join(tempDir(), 'cat');
    const err = await ingest({ source: src, catalog: cat, format: 'algoseek-trades' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toMatch(/zz\/AAPL\.csv:2 \(column "HighTradePrice"\): high 9 is below low 11/);
    expect(readManifest(cat).sources.map((x) => x.key)).toEqual(['20220120/A/AAPL.csv.gz']);
  });

  it('rejects the same bar from two sources (naming both), or keeps the first under skip', async () => {
    const src = tempDir();
    writeTemp(src, 'a.csv', fixtureText(DAYS[1]!));
    writeTemp(src, 'b.csv', fixtureText(DAYS[1]!).split('\n').slice(0, 2).join('\n') + '\n');
    const cat = join(tempDir(), 'cat');
    await expect(ingest({ source: src, catalog: cat, format: 'algoseek-trades' })).rejects.toThrow(/b\.csv: duplicate timestamp 2022-01-21T14:30:00Z for AAPL: already in a\.csv/);
    const s = await ingest({ source: src, catalog: join(tempDir(), 'c2'), format: 'algoseek-trades', policy: 'skip' });
    expect(s.rows).toEqual({ read: 3, written: 2, skipped: 1, skipped_by_reason: { 'duplicate-timestamp': 1 } });
  });

  it('refuses to mix formats in one dataset and points to --dataset', async () => {
    const cat = join(tempDir(), 'cat');
    const src = tempDir();
    writeTemp(src, 'AAPL.csv', fixtureText('trades-adjusted.csv'));
    await ingest({ source: join(src, 'AAPL.csv'), catalog: cat, format: 'algoseek-trades', dataset: '1m' });
    const other = writeTemp(tempDir(), 'MSFT.csv', fixtureText(DAYS[2]!));
    await expect(ingest({ source: other, catalog: cat, format: 'algoseek-trades', dataset: '1m' })).rejects.toThrow(/dataset "1m" holds algoseek-trades bars with columns open,high,low,close,volume,vwap,trades,price_factor,volume_factor .* --dataset NAME/);
  });
});
