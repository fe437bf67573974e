// Sweeps reading the Parquet catalog (`data: {catalog: DIR, …}` as in run configs): the same rows as the
// same bars given as series, on worker threads that share the columns; catalog keys applied; refusals.
import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSeriesToCatalog } from '../../src/data/catalog/catalog-from-series.js';
import { datasetFromSeries, loadDataset } from '../../src/sweep/dataset.js';
import { runSweep, runSweepOnData } from '../../src/sweep/run-sweep.js';
import { normalizeSweepConfig } from '../../src/sweep/sweep-config.js';
import { bars, rawConfig } from './helpers.js';

const ZONE = 'America/New_York';
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) rmSync(dirs.pop()!, { recursive: true, force: true });
});
function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'qtrader-sweep-cat-'));
  dirs.push(d);
  return d;
}

describe('sweeps over the Parquet catalog', () => {
  it.each([
    ['sma_cross', { fast: { from: 2, to: 20, step: 6 }, slow: { from: 25, to: 100, step: 25 } }, ['fast < slow']],
    ['ema_cross', { fast: [3, 8], slow: [30, 60] }, []],
  ])('%s: gives the rows of the same bars given as series, with 2 worker threads', async (name, params, constraints) => {
    const dir = temp();
    const series = bars(['AAA', 'BBB'], 12_000, 23);
    writeSeriesToCatalog(join(dir, 'cat'), series, { rowGroupRows: 1000 });
    const over = { strategy: { name, params, constraints } };
    const fromCatalog = normalizeSweepConfig({ ...rawConfig(over), data: { catalog: join(dir, 'cat'), symbols: ['AAA', 'BBB'] } }, 'test');
    const a = await runSweep(fromCatalog, { workers: 2, outDir: join(dir, 'a') });
    const extra = fromCatalog.evaluator.columns ?? [];
    const b = await runSweepOnData(normalizeSweepConfig(rawConfig(over, ['AAA', 'BBB']), 'test'), datasetFromSeries(series, ZONE, {}, extra), { workers: 0, outDir: join(dir, 'b') });
    expect(a.plan.id).toBe(b.plan.id);
    expect(a.plan.tasks).toBeGreaterThanOrEqual(8);
    const csv = (d: string) => readFileSync(join(d, 'results.csv'), 'utf8');
    expect(csv(join(dir, 'a'))).toBe(csv(join(dir, 'b')));
    expect(a.final!.top.map((t) => t.row)).toEqual(b.final!.top.map((t) => t.row));
    expect(a.final!.top[0]!.row[0]).toBeGreaterThan(0);
  });

  it('applies the catalog keys (symbols, dates) and shares the columns without copies', async () => {
    const dir = temp();
    const series = bars(['AAA', 'BBB'], 8_000, 5);
    writeSeriesToCatalog(join(dir, 'cat'), series, { rowGroupRows: 700 });
    const cfg = normalizeSweepConfig({ ...rawConfig(), data: { catalog: join(dir, 'cat'), symbols: ['BBB'], start: '2024-01-04', end: '2024-01-08' } }, 'test');
    const data = await loadDataset(cfg.base, undefined, ['high']);
    // 2024-01-04, 05 and 08 (a weekend between): three sessions of the generated minute bars
    expect(data.symbols.map((s) => [s.symbol, s.days])).toEqual([['BBB', 3]]);
    const s = data.symbols[0]!;
    expect(s.close.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(s.high!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(s.low).toBeUndefined();
    // the first bar is BBB's first bar of 2024-01-04, and the high column is BBB's highs
    const at = Array.from(series[1]!.ts).findIndex((t) => Number(t / 1_000_000n) >= s.tsMs[0]!);
    expect(Number(series[1]!.ts[at]! / 1_000_000n)).toBe(s.tsMs[0]);
    expect([s.close[0], s.high![0]]).toEqual([series[1]!.close[at], series[1]!.high[at]]);
    expect(new Date(s.tsMs[0]!).toISOString().slice(0, 10)).toBe('2024-01-04');
  });

  it('refuses signal_prices, which the compute path cannot honour', async () => {
    const cfg = normalizeSweepConfig({ ...rawConfig(), data: { catalog: 'nowhere', symbols: ['AAA'], signal_prices: 'split_adjusted' } }, 'test');
    await expect(loadDataset(cfg.base)).rejects.toThrow(/`data.signal_prices` is not supported by sweeps/);
  });
});
