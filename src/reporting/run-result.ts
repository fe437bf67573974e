// Builds the run result (run.json, contract reporting/run_result) from a run's saved results.
import { computeBreakdowns, type Breakdowns } from './breakdowns.js';
import { closedTrades, computeFullMetrics, dailySeries, type DailySeries, type FullMetrics } from './run-analysis.js';
import { rowCount, type RunResults } from './results.js';

/** The run result object, as written to run.json. */
export interface RunResult {
  readonly run_id: string;
  readonly metrics: FullMetrics;
  readonly final_equity: string;
  readonly counts: Record<string, number>;
  readonly breakdowns: Breakdowns;
  readonly outputs: Record<string, string>;
  readonly [key: string]: unknown;
}

/** A run result with the daily series it was computed from (report.html draws them). */
export interface Analysis {
  readonly result: RunResult;
  readonly daily: DailySeries;
}

/** Rows of the equity curve file: every timeline bar (`equity: bar`) or every snapshot. */
export function equityRows(r: RunResults): number {
  return r.options.equity === 'bar' ? r.run.data.timestamps : rowCount(r.snapshots);
}

/** The equity curve's file name: equity.parquet from `parquet_rows` rows on, else equity.csv. */
export function equityFileName(r: RunResults): string {
  return equityRows(r) >= r.options.parquet_rows ? 'equity.parquet' : 'equity.csv';
}

/** The files a run writes, name → file, in a fixed order. */
export function outputFiles(r: RunResults): Record<string, string> {
  const out: Record<string, string> = {
    results: 'results.json', trades: 'trades.csv', fills: 'fills.csv', positions: 'positions.csv',
    snapshots: 'snapshots.csv', equity: equityFileName(r),
  };
  if (r.options.html) out['report'] = 'report.html';
  if (r.options.event_log) out['events'] = 'events.jsonl';
  return out;
}

/** Computes the metrics and breakdowns of saved results and assembles run.json. */
export function analyzeRun(r: RunResults): Analysis {
  const daily = dailySeries(r);
  // parsed once for the metrics and the monthly and yearly breakdowns
  const trades = closedTrades(r);
  const metrics = computeFullMetrics(r, daily, trades);
  const s = r.snapshots;
  const last = rowCount(s) - 1;
  const at = (col: string[], fallback: string): string => (last >= 0 ? col[last]! : fallback);
  const result: RunResult = {
    run_id: r.run.run_id,
    qtrader_version: r.run.qtrader_version,
    engine: r.run.engine,
    config: r.run.config,
    data: r.run.data,
    metrics,
    benchmark: r.benchmark ? r.benchmark.symbol : null,
    initial_cash: r.run.initial_cash,
    final_cash: at(s.cash, r.run.initial_cash),
    final_equity: at(s.equity, r.run.initial_cash),
    realized_pl: at(s.realized_pl, '0'),
    unrealized_pl: at(s.unrealized_pl, '0'),
    total_commissions: at(s.commissions, '0'),
    total_fees: at(s.fees, '0'),
    counts: r.run.counts,
    risk_violations_by_rule: r.run.risk_violations_by_rule,
    risk_reductions_by_rule: r.run.risk_reductions_by_rule ?? {},
    unfilled_orders: r.run.unfilled_orders,
    breakdowns: computeBreakdowns(r, daily, trades),
    outputs: outputFiles(r),
    flags: r.run.flags,
    optimistic: r.run.optimistic ?? false,
    intrabar_bounds: r.run.intrabar_bounds ?? null,
  };
  return { result, daily };
}
