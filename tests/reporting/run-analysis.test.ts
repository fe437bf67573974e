// The whole analysis of hand-built saved results: daily resampling, metrics, breakdowns and
// run.json, with every expected number derived in the comments.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRunFiles } from '../../src/reporting/outputs.js';
import { analyzeRun } from '../../src/reporting/run-result.js';
import { dailySeries } from '../../src/reporting/run-analysis.js';
import { validateRunResult } from '../../src/events/contracts.js';
import { handResults } from './fixtures.js';

const close = (a: number | null | undefined, b: number, tol = 1e-11): void => {
  expect(a).not.toBeNull();
  expect(Math.abs(a! - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
};

describe('daily series', () => {
  it('keeps the last snapshot of each local date, after the initial cash, and aligns the benchmark', () => {
    const d = dailySeries(handResults());
    // the 15:00Z snapshot of Jan 31 (equity 900) is replaced by that day's close (1050)
    expect(Array.from(d.equity)).toEqual([1000, 1010, 1050, 1029, 1071, 1100]);
    expect(d.day).toEqual(['2024-01-30', '2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02', '2025-01-02']);
    expect(Array.from(d.benchmark!)).toEqual([50, 51, 52.5, 50, 55, 60]);
  });

  it('carries the benchmark over a day it has no close for', () => {
    const r = handResults();
    const d = dailySeries({ ...r, benchmark: { ...r.benchmark!, day: ['2024-01-30', '2024-02-01'], close: [51, 50] } });
    expect(Array.from(d.benchmark!)).toEqual([50, 51, 51, 50, 50, 50]);
  });

  it('takes each day\'s last benchmark close, whatever the order, repeats and gaps of the benchmark\'s days', () => {
    const r = handResults();
    // the samples' days after the first: 01-30, 01-31, 02-01, 02-02, 2025-01-02 (see above)
    const samples = ['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02', '2025-01-02'];
    const pool = ['2024-01-29', ...samples, '2025-01-03'];
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
    const cases: string[][] = [samples, [...samples].reverse(), [...samples, '2024-02-01'], samples.slice(1), [samples[0]!, samples[0]!, ...samples.slice(1, 4)]];
    for (let k = 0; k < 200; k++) cases.push(Array.from({ length: Math.floor(rnd() * 8) }, () => pool[Math.floor(rnd() * pool.length)]!));
    for (const day of cases) {
      // closes 60, 61, …; sometimes one fewer close than days (the last day has none)
      const closes = day.map((_, i) => 60 + i).slice(0, rnd() < 0.2 ? Math.max(0, day.length - 1) : day.length);
      const d = dailySeries({ ...r, benchmark: { ...r.benchmark!, day, close: closes } });
      // by hand: the close of the day's last entry in the benchmark's days, else the sample before's
      // (index 0 is the run's start: the start price, 50)
      const want = [50];
      for (const x of samples) {
        const j = day.lastIndexOf(x);
        want.push(j >= 0 && closes[j] !== undefined ? closes[j]! : want[want.length - 1]!);
      }
      expect(Array.from(d.benchmark!), JSON.stringify(day)).toEqual(want);
    }
  });
});

describe('analyzeRun on hand-built results', () => {
  const { result } = analyzeRun(handResults());
  const m = result.metrics;

  it('computes the metrics on daily samples', () => {
    close(m.total_return, 0.1); // 1100 / 1000 − 1
    expect(m.trading_days).toBe(5);
    // daily closes 1000, 1010, 1050, 1029, 1071, 1100: the only fall is 1050 → 1029 = 2% (the intraday 900 is not a close)
    close(m.max_drawdown, 0.02);
    expect(m.max_drawdown_duration_days).toBe(2); // peak on day 2 (1050), back above it on day 4 (1071)
    close(m.time_under_water, 1 / 5);
    // closed trades +30 and −10: expectancy 10, win rate 1/2, profit factor 3
    close(m.expectancy, 10);
    close(m.win_rate, 0.5);
    close(m.profit_factor, 3);
    close(m.average_holding_seconds, (86_400 + 86_400) / 2);
    // bars 10..19, 25..39, 60..99 have a position: 10 + 15 + 40 = 65 of 100
    close(m.exposure, 0.65);
    close(m.benchmark_return, 0.2); // 60 / 50 − 1
    close(m.calmar, m.cagr! / 0.02, 1e-10);
  });

  it('breaks the result down per symbol and per strategy, exactly', () => {
    // AAA: realized 30, unrealized 5; commissions 1 + 1 + 0.5; traded 1000 + 1031 + 1000
    expect(result.breakdowns.by_symbol).toEqual([
      { key: 'AAA', trade_count: 1, win_rate: 1, realized_pl: '30', unrealized_pl: '5', total_pl: '35', commissions: '2.5', traded_value: '3031' },
      // BBB: 5 × 20 + 5 × 18.2 = 191; commissions 0.5 + 0.5
      { key: 'BBB', trade_count: 1, win_rate: 0, realized_pl: '-10', unrealized_pl: '0', total_pl: '-10', commissions: '1', traded_value: '191' },
    ]);
    expect(result.breakdowns.by_strategy.map((g) => [g.key, g.total_pl])).toEqual([['s1', '35'], ['s2', '-10']]);
  });

  it('returns per month and year from the last close of each period', () => {
    const months = result.breakdowns.by_month;
    expect(months.map((p) => p.period)).toEqual(['2024-01', '2024-02', '2025-01']);
    close(months[0]!.return, 0.05); // 1050 / 1000 − 1
    close(months[1]!.return, 0.02); // 1071 / 1050 − 1
    close(months[2]!.return, 1100 / 1071 - 1);
    close(months[0]!.benchmark_return, 0.05); // 52.5 / 50 − 1
    close(months[1]!.benchmark_return, 55 / 52.5 - 1);
    // trade exits: Jan 31 (AAA), Feb 1 (BBB)
    expect(months.map((p) => p.trade_count)).toEqual([1, 1, 0]);
    expect(months.map((p) => p.end_equity)).toEqual(['1050', '1071', '1100']);
    const years = result.breakdowns.by_year;
    expect(years.map((p) => p.period)).toEqual(['2024', '2025']);
    close(years[0]!.return, 0.071); // 1071 / 1000 − 1
    close(years[1]!.benchmark_return, 60 / 55 - 1);
  });

  it('counts the trades of a month wherever their exits fall in the table', () => {
    // the fixture's closed trades exit on Jan 31 (AAA) and Feb 1 (BBB); the table is read in the
    // order Feb, Jan, Feb, Jan (each closed trade twice, interleaved): January 2, February 2
    const base = handResults();
    const closed = base.trades.status.flatMap((s, i) => (s === 'closed' ? [i] : []));
    const order = [closed[1]!, closed[0]!, closed[1]!, closed[0]!];
    const trades = Object.fromEntries(Object.entries(base.trades).map(([k, col]) => [k, order.map((i) => col[i]!)])) as typeof base.trades;
    const { result: r } = analyzeRun(handResults({ trades, trade_entry_bars: order.map(() => 0), trade_exit_bars: order.map(() => 1) }));
    expect(r.breakdowns.by_month.map((p) => [p.period, p.trade_count])).toEqual([['2024-01', 2], ['2024-02', 2], ['2025-01', 0]]);
    expect(r.breakdowns.by_year.map((p) => [p.period, p.trade_count])).toEqual([['2024', 4], ['2025', 0]]);
  });

  it('assembles a run.json that matches its contract', () => {
    expect(result['benchmark']).toBe('BBB');
    expect(result['final_equity']).toBe('1100');
    expect(result['total_fees']).toBe('0');
    expect(result.outputs).toEqual({ results: 'results.json', trades: 'trades.csv', fills: 'fills.csv', positions: 'positions.csv', snapshots: 'snapshots.csv', equity: 'equity.csv', report: 'report.html' });
    expect(() => validateRunResult(JSON.parse(JSON.stringify(result)))).not.toThrow();
  });

  it('reports null relative metrics without a benchmark', () => {
    const { result: r } = analyzeRun(handResults({ benchmark: null }));
    expect([r.metrics.alpha, r.metrics.beta, r.metrics.benchmark_return, r.metrics.tracking_error]).toEqual([null, null, null, null]);
    expect(r.breakdowns.by_month.every((p) => p.benchmark_return === null)).toBe(true);
    expect(() => validateRunResult(JSON.parse(JSON.stringify(r)))).not.toThrow();
  });
});

describe('writeRunFiles', () => {
  it('refuses a per-bar equity run without its per-bar equity, and leaves no folder', () => {
    const r = handResults({ options: { ...handResults().options, equity: 'bar' } });
    const dir = mkdtempSync(join(tmpdir(), 'qtrader-wrf-'));
    expect(() => writeRunFiles(join(dir, 'out'), r, analyzeRun(r))).toThrow(/needs the per-bar equity/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
