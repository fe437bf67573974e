// The ingest and catalog commands as a user runs them: real processes (build first), exit codes,
// summaries that count every row, errors that name the place.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { fixtureText, TRADE_HEADER } from './algoseek-helpers.js';

const MAIN = join(resolve(import.meta.dirname, '..', '..'), 'dist', 'src', 'cli', 'main.js');

function qtrader(args: string[], cwd: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  expect(existsSync(MAIN), 'build first: npm run build').toBe(true);
});

describe('qtrader ingest and catalog', () => {
  it('generates Algoseek files, ingests them, skips them on a re-run, and lists the catalog', () => {
    const dir = tempDir();
    expect(qtrader(['generate', '--symbols', 'AAPL,MSFT', '--bars', '800', '--format', 'algoseek-trades', '--out', 'src'], dir).code).toBe(0);
    const first = qtrader(['ingest', 'src', '--format', 'algoseek-trades', '--catalog', 'cat'], dir);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    // 800 bars per symbol over 3 days (390 + 390 + 20): 6 files, 1,600 rows.
    expect(first.out).toMatch(/files\s+6 seen: 6 read, 0 unchanged/);
    expect(first.out).toMatch(/rows\s+1,600 read, 1,600 written, 0 skipped/);
    const again = qtrader(['ingest', 'src', '--format', 'algoseek-trades', '--catalog', 'cat'], dir);
    expect(again.out).toMatch(/files\s+6 seen: 0 read, 6 unchanged/);
    expect(again.out).toMatch(/rows\s+0 read, 0 written, 0 skipped/);
    const ls = qtrader(['catalog', 'ls', '--catalog', 'cat'], dir);
    expect(ls.code).toBe(0);
    expect(ls.out).toMatch(/1m\s+algoseek-trades, 2 symbols, 1,600 rows/);
    expect(ls.out).toMatch(/AAPL\s+800\s+2024-01-02T14:30:00Z\s+2024-01-04T14:49:00Z/);
    const show = qtrader(['catalog', 'show', 'AAPL', '--catalog', 'cat', '--json'], dir);
    const d = JSON.parse(show.out) as { datasets: { '1m': { rows: number; partitions: { part: string }[] } }; sources: { files: number } };
    expect(d.datasets['1m'].rows).toBe(800);
    expect(d.datasets['1m'].partitions.map((p) => p.part)).toEqual(['2024']);
    expect(d.sources.files).toBe(3);
    // A run reads its bars from the catalog (data.catalog) instead of files.
    writeFileSync(join(dir, 'run.yaml'), 'data:\n  catalog: cat\n  symbols: [AAPL, MSFT]\n  session: regular\nstrategy:\n  name: sma_cross\n  params: { fast: 5, slow: 20 }\noutput:\n  dir: out/run\n');
    const run = qtrader(['run', '-c', 'run.yaml'], dir);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/data\s+AAPL, MSFT: 1,600 bars, 2024-01-02T14:30:00Z → 2024-01-04T14:49:00Z/);
  });

  it('stops at a bad row with exit code 3 and a message naming file, line and column; --on-bad-row skip counts it', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'AAPL.csv'), `${TRADE_HEADER}\n20220120,AAPL,09:30,10,11,9,10.5,10.2,100,3\n20220120,AAPL,09:31,10,9,11,10,10,100,3\n`);
    const bad = qtrader(['ingest', 'src', '--format', 'algoseek-trades', '--catalog', 'cat'], dir);
    expect(bad.code).toBe(3);
    expect(bad.err).toMatch(/AAPL\.csv:3 \(column "HighTradePrice"\): high 9 is below low 11; expected low ≤ high/);
    const skip = qtrader(['ingest', 'src', '--format', 'algoseek-trades', '--catalog', 'cat', '--on-bad-row', 'skip'], dir);
    expect(skip.code).toBe(0);
    expect(skip.out).toMatch(/rows\s+2 read, 1 written, 1 skipped/);
    expect(skip.out).toMatch(/skipped\s+high-below-low 1/);
  });

  it('ingests Yahoo CSV through its preset, and says what a generic CSV needs', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'SPY.csv'), fixtureText('generic/SPY.csv'));
    const ok = qtrader(['ingest', 'SPY.csv', '--format', 'yahoo', '--catalog', 'cat'], dir);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/datasets\s+1d/);
    const no = qtrader(['ingest', 'SPY.csv', '--format', 'csv', '--catalog', 'cat'], dir);
    expect(no.code).toBe(2);
    expect(no.err).toMatch(/--format csv: give --mapping FILE/);
  });
});
