// Whole sweeps in this process and on worker threads: byte-identical outputs for any worker count,
// rows equal to an independent compute-path run, resume after a failure, walk-forward.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alignBars } from '../../src/data/index.js';
import { ComputeSeries, Workspace, runSmaCrossBacktest } from '../../src/kernels/index.js';
import { computeMetrics, roundMetrics } from '../../src/reporting/metrics.js';
import { datasetFromSeries, type Dataset } from '../../src/sweep/dataset.js';
import { runSweepOnData } from '../../src/sweep/run-sweep.js';
import { ROW_COLUMNS, cents } from '../../src/sweep/row-metrics.js';
import { DataError } from '../../src/model/index.js';
import { bars, sameFiles, sweepConfig } from './helpers.js';

const ZONE = 'America/New_York';
let dir: string;
let data: Dataset;
const series = bars(['AAA', 'BBB']);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qtrader-sweep-'));
  data = datasetFromSeries(series, ZONE);
});

describe('sweep', () => {
  it('writes the same bytes with 1 and 2 worker threads and in this thread', async () => {
    const cfg = sweepConfig({}, ['AAA', 'BBB']);
    const one = await runSweepOnData(cfg, data, { workers: 1, outDir: join(dir, 'w1') });
    const two = await runSweepOnData(cfg, data, { workers: 2, outDir: join(dir, 'w2') });
    const zero = await runSweepOnData(cfg, data, { workers: 0, outDir: join(dir, 'w0') });
    // 7 fast × 6 slow windows, all with fast < slow, on 2 symbols
    expect(one.plan.nCombos).toBe(42);
    expect(one.computed).toBe(84);
    expect(two.computed).toBe(84);
    const files = sameFiles(join(dir, 'w1'), join(dir, 'w2'), expect);
    sameFiles(join(dir, 'w1'), join(dir, 'w0'), expect);
    expect(files).toEqual(expect.arrayContaining(['sweep.json', 'results.csv', 'results.parquet', 'report.html', 'top/1/trades.csv', 'top/5/equity.csv']));
    expect(existsSync(`${join(dir, 'w1')}.checkpoint`)).toBe(false);
    expect(zero.final!.top).toHaveLength(5);
  });

  it('stores for every combination the row of an independent compute-path run', async () => {
    const cfg = sweepConfig();
    const only = datasetFromSeries([series[0]!], ZONE);
    const out = await runSweepOnData(cfg, only, { workers: 0, outDir: join(dir, 'rows') });
    const b = alignBars([series[0]!], ZONE, {});
    const cs = new ComputeSeries(new Workspace('wasm'), b.open, b.close);
    const lines = readFileSync(join(dir, 'rows', 'results.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe(['symbol', 'fast', 'slow', 'rank', ...ROW_COLUMNS].join(','));
    expect(lines).toHaveLength(43);
    const dayEnds = Array.from(b.dayEnd.keys()).filter((t) => b.dayEnd[t] === 1);
    for (const line of lines.slice(1)) {
      const f = line.split(',');
      const fast = Number(f[1]), slow = Number(f[2]);
      // the older one-pass kernel, bar by bar, with its equity column sampled at each day's close
      const r = runSmaCrossBacktest(cs, { fast, slow, quantity: 100, perShare: 0.005, minCommission: 1, initialCash: 100000, withEquity: true });
      const m = roundMetrics(computeMetrics({
        dailyEquity: Float64Array.from([100000, ...dayEnds.map((t) => r.equityCurve![t]!)]), firstTsMs: b.tsMs[0]!, lastTsMs: b.tsMs[b.length - 1]!,
        initialEquity: 100000, finalEquity: r.equity, tradePnls: Float64Array.from(r.trades, (t) => t.pnl),
      }));
      const want = [r.tradeCount, cents(r.equity), m.total_return, m.cagr, m.annual_volatility, m.sharpe, m.max_drawdown, m.win_rate, m.profit_factor];
      expect(f.slice(4).map((x) => (x === '' ? null : Number(x))), `${fast}/${slow}`).toEqual(want);
    }
    const ranks = lines.slice(1).map((l) => Number(l.split(',')[3]));
    expect(ranks.filter((x) => x > 0).sort((a, c) => a - c)).toEqual(Array.from({ length: out.final!.summary['ranked'] as number }, (_, i) => i + 1));
  });

  it('resumes after a failure without redoing finished rows and ends with the bytes of an uninterrupted run', async () => {
    const cfg = sweepConfig({}, ['AAA', 'BBB']);
    const out = join(dir, 'resume');
    // a crash after the first batch (one batch per symbol here: 42 combinations of 20,000 bars)
    await expect(runSweepOnData(cfg, data, {
      workers: 0, outDir: out, onProgress: (p) => {
        if (p.done > 0) throw new Error('simulated crash');
      },
    })).rejects.toThrow('simulated crash');
    expect(existsSync(`${out}.checkpoint`)).toBe(true);
    expect(existsSync(out)).toBe(false);
    await expect(runSweepOnData(cfg, data, { workers: 1, outDir: out })).rejects.toThrow(/holds an interrupted sweep \(\d+ rows done\): add --resume/);
    await expect(runSweepOnData(sweepConfig({ portfolio: { initial_cash: '5000' } }, ['AAA', 'BBB']), data, { workers: 1, outDir: out, resume: true }))
      .rejects.toThrow(/was written by a different sweep/);
    const again = await runSweepOnData(cfg, data, { workers: 2, outDir: out, resume: true });
    expect(again.restored).toBe(42);
    expect(again.computed).toBe(42);
    sameFiles(out, join(dir, 'w1'), expect);
    expect(existsSync(`${out}.checkpoint`)).toBe(false);
  });

  it('stops with the worker\'s DataError (class and message) when prices leave the exact range', async () => {
    // closes near 10^6 with windows 100/200: 2·100·200·10^6·10^6 = 4·10^16 > 2^53
    const big = series.map((s) => ({ ...s, open: s.open.map((x) => x * 10_000), close: s.close.map((x) => x * 10_000) }));
    const cfg = sweepConfig({ strategy: { name: 'sma_cross', params: { fast: 100, slow: 200 } } });
    const run = runSweepOnData(cfg, datasetFromSeries([big[0]!], ZONE), { workers: 1, outDir: join(dir, 'big') });
    await expect(run).rejects.toBeInstanceOf(DataError);
    await expect(run).rejects.toThrow(/exceed the exact range .* use shorter windows or rescale prices/);
    expect(existsSync(join(dir, 'big'))).toBe(false);
  });

  it('ranks rows with too few trades last and keeps them unranked', async () => {
    const out = await runSweepOnData(sweepConfig({ rank: { metric: 'total_return', min_trades: 200, top: 3 } }), datasetFromSeries([series[0]!], ZONE), { workers: 0, outDir: join(dir, 'mt') });
    const f = out.final!;
    const col = ROW_COLUMNS.indexOf('trade_count');
    for (const e of f.top) expect(e.row[col]).toBeGreaterThanOrEqual(200);
    const few = readFileSync(join(dir, 'mt', 'results.csv'), 'utf8').trim().split('\n').slice(1).filter((l) => Number(l.split(',')[4]) < 200);
    expect(few.length).toBeGreaterThan(0);
    for (const l of few) expect(l.split(',')[3]).toBe('');
    // ranks follow total return, best first
    const ret = ROW_COLUMNS.indexOf('total_return');
    for (let i = 1; i < f.top.length; i++) expect(f.top[i - 1]!.row[ret]!).toBeGreaterThanOrEqual(f.top[i]!.row[ret]!);
  });
});
