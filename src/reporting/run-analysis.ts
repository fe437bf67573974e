// From saved results to numbers: the daily equity (snapshots resampled to one per trading day),
// the benchmark on the same days, and every metric of run.json.
import { DataError } from '../model/index.js';
import { computeMetrics, roundMetric, type Metrics } from './metrics.js';
import { dailyReturns, returnStats, type ReturnStats } from './return-stats.js';
import { drawdownStats, type DrawdownStats } from './drawdown.js';
import { tradeStats, type TradeStats } from './trade-stats.js';
import { benchmarkStats, NO_BENCHMARK, type BenchmarkStats } from './benchmark-stats.js';
import { exposureOf, turnoverOf } from './activity-stats.js';
import { isoMs, localDateKey } from './local-date.js';
import type { RunResults } from './results.js';
import { decimalNumber } from './decimal-number.js';

/** One sample per trading day, preceded by the start of the run. */
export interface DailySeries {
  /** Index 0: the run's first bar; then the time of each day's last snapshot (ms). */
  readonly timeMs: Float64Array;
  /** Local date (data's zone) of each sample. */
  readonly day: string[];
  /** Index 0: the initial cash; then each day's closing equity. */
  readonly equity: Float64Array;
  /** The same equity as exact decimal text. */
  readonly equityText: string[];
  /** Benchmark price on each sample (index 0: its start price), or null without a benchmark. */
  readonly benchmark: Float64Array | null;
}

/**
 * Every metric of run.json (contract reporting/run_result), in its order. The formulas are on the
 * types they come from: {@link Metrics}, {@link ReturnStats}, {@link DrawdownStats},
 * {@link TradeStats}, {@link BenchmarkStats}, and exposureOf / turnoverOf (activity-stats.ts).
 */
export interface FullMetrics extends Metrics, ReturnStats, DrawdownStats, TradeStats, BenchmarkStats {
  /** CAGR / max drawdown; null when either is null or the drawdown is 0. */
  readonly calmar: number | null;
  /** Share of timeline bars with a round trip open (see exposureOf). */
  readonly exposure: number | null;
  /** Traded value / mean daily equity over the run (see turnoverOf). */
  readonly turnover: number | null;
  /** Daily samples (trading days) the annualised figures are computed from. */
  readonly trading_days: number;
}

/**
 * Resamples the snapshots to one per local trading day (the last of each date: the engine takes one
 * at each day's last bar, so minute data gives daily samples) and aligns the benchmark's day closes.
 */
export function dailySeries(r: RunResults): DailySeries {
  const zone = r.run.data.timezone;
  const times = r.snapshots.time;
  const firstMs = Date.parse(r.run.data.first_timestamp ?? times[0] ?? '1970-01-01T00:00:00Z');
  const timeMs = [firstMs];
  const day = [localDateKey(firstMs, zone)];
  const equityText = [r.run.initial_cash];
  for (let i = 0; i < times.length; i++) {
    const ms = isoMs(times[i]!);
    if (!Number.isFinite(ms)) throw new DataError(`results: \`snapshots.time[${i}]\` is not a timestamp: ${JSON.stringify(times[i])}`);
    const key = localDateKey(ms, zone);
    const isNextOfSameDay = timeMs.length > 1 && day[day.length - 1] === key;
    if (isNextOfSameDay) {
      timeMs[timeMs.length - 1] = ms;
      equityText[equityText.length - 1] = r.snapshots.equity[i]!;
    } else {
      timeMs.push(ms);
      day.push(key);
      equityText.push(r.snapshots.equity[i]!);
    }
  }
  const b = r.benchmark;
  const benchmark = b ? benchmarkOnDays(b.day, b.close, b.start_price, day) : null;
  return { timeMs: Float64Array.from(timeMs), day, equity: Float64Array.from(equityText, Number), equityText, benchmark };
}

/**
 * The benchmark's close on each sample day (index 0: its start price): the close of the day's last
 * entry in `bDay`, else the sample before's. A run's benchmark days are its day ends, as are its
 * snapshot days, so they usually are the samples' days one for one: then read in order, no look-up.
 */
function benchmarkOnDays(bDay: readonly string[], bClose: readonly number[], start: number, day: readonly string[]): Float64Array {
  const out = new Float64Array(day.length);
  out[0] = start;
  if (sameDays(bDay, day)) {
    // each day once in each: its close is the one at the same place (a missing close carries the one before)
    for (let i = 1; i < day.length; i++) out[i] = bClose[i - 1] ?? out[i - 1]!;
    return out;
  }
  const byDay = new Map(bDay.map((d, i) => [d, bClose[i]!] as const));
  for (let i = 1; i < day.length; i++) out[i] = byDay.get(day[i]!) ?? out[i - 1]!;
  return out;
}

/** True when `bDay` is `day` without its first entry, in increasing order (so each day once). */
function sameDays(bDay: readonly string[], day: readonly string[]): boolean {
  if (bDay.length !== day.length - 1) return false;
  for (let i = 0; i < bDay.length; i++) if (bDay[i] !== day[i + 1] || (i > 0 && !(bDay[i - 1]! < bDay[i]!))) return false;
  return true;
}

/** The closed trades of saved results: their row indices, net P&L and entry and exit times (ms). */
export interface ClosedTrades {
  readonly index: number[];
  readonly pnl: Float64Array;
  readonly entryMs: Float64Array;
  readonly exitMs: Float64Array;
}

/** Net P&L, entry and exit times of the closed trades. */
export function closedTrades(r: RunResults): ClosedTrades {
  const t = r.trades;
  const index: number[] = [];
  for (let i = 0; i < t.status.length; i++) if (t.status[i] === 'closed') index.push(i);
  const n = index.length;
  const pnl = new Float64Array(n), entryMs = new Float64Array(n), exitMs = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const i = index[j]!;
    pnl[j] = decimalNumber(t.realized_pnl[i]!);
    entryMs[j] = isoMs(t.entry_time[i]!);
    exitMs[j] = isoMs(t.exit_time[i]!);
  }
  return { index, pnl, entryMs, exitMs };
}

/**
 * Computes every metric from the saved results, rounded to 12 significant digits (roundMetric);
 * `trades` are the closed trades of `r` (closedTrades), when the caller has them already.
 */
export function computeFullMetrics(r: RunResults, daily: DailySeries, trades: ClosedTrades = closedTrades(r)): FullMetrics {
  const o = r.options;
  const n = r.snapshots.equity.length;
  const initial = Number(r.run.initial_cash);
  const firstMs = daily.timeMs[0]!;
  const lastMs = r.run.data.last_timestamp ? Date.parse(r.run.data.last_timestamp) : firstMs;
  const base = computeMetrics({
    dailyEquity: daily.equity, firstTsMs: firstMs, lastTsMs: lastMs, initialEquity: initial,
    finalEquity: n > 0 ? Number(r.snapshots.equity[n - 1]) : initial, tradePnls: trades.pnl,
    periodsPerYear: o.periods_per_year, riskFreeRate: o.risk_free_rate,
  });
  const returns = dailyReturns(daily.equity);
  const rs: ReturnStats = returns
    ? returnStats(returns, o.periods_per_year, o.risk_free_rate)
    : { sortino: null, omega: null, tail_ratio: null, skew: null, kurtosis: null, value_at_risk_95: null, probabilistic_sharpe: null };
  const dd = drawdownStats(daily.equity);
  const ts = tradeStats(trades);
  let bs = NO_BENCHMARK;
  if (daily.benchmark && returns) {
    const b = daily.benchmark;
    const br = dailyReturns(b)!;
    bs = benchmarkStats(returns, br, b[b.length - 1]! / b[0]! - 1, o.periods_per_year, o.risk_free_rate);
  }
  const full: FullMetrics = {
    total_return: base.total_return, cagr: base.cagr, annual_volatility: base.annual_volatility,
    sharpe: base.sharpe, sortino: rs.sortino,
    calmar: base.cagr !== null && base.max_drawdown > 0 ? base.cagr / base.max_drawdown : null,
    probabilistic_sharpe: rs.probabilistic_sharpe,
    max_drawdown: base.max_drawdown, max_drawdown_duration_days: dd.max_drawdown_duration_days, time_under_water: dd.time_under_water,
    omega: rs.omega, tail_ratio: rs.tail_ratio, skew: rs.skew, kurtosis: rs.kurtosis, value_at_risk_95: rs.value_at_risk_95,
    trade_count: base.trade_count, win_rate: base.win_rate, profit_factor: base.profit_factor,
    expectancy: ts.expectancy, average_win: ts.average_win, average_loss: ts.average_loss,
    largest_win: ts.largest_win, largest_loss: ts.largest_loss, average_holding_seconds: ts.average_holding_seconds,
    exposure: exposureOf(r.trade_entry_bars, r.trade_exit_bars, r.run.data.timestamps),
    turnover: turnoverOf(r.fills, daily.equity),
    benchmark_return: bs.benchmark_return, alpha: bs.alpha, beta: bs.beta,
    information_ratio: bs.information_ratio, tracking_error: bs.tracking_error,
    trading_days: daily.equity.length - 1,
  };
  return Object.fromEntries(Object.entries(full).map(([k, v]) => [k, typeof v === 'number' ? roundMetric(v) : v])) as unknown as FullMetrics;
}
