// The summary a sweep keeps per combination: trade count, final equity and the run metrics, computed
// from the compute path's daily equity and trades exactly as run.json computes them from snapshots.
// metrics.js directly: workers load only the metric functions, not the whole reporting layer
import { computeMetrics, roundMetrics, type Metrics } from '../reporting/metrics.js';
import type { SweepRun } from '../kernels/sweep.js';

/** Columns of a result row, in order (a null metric is stored as NaN). */
export const ROW_COLUMNS = ['trade_count', 'final_equity', 'total_return', 'cagr', 'annual_volatility', 'sharpe', 'max_drawdown', 'win_rate', 'profit_factor'] as const;
/** Number of columns of a result row. */
export const NCOLS = ROW_COLUMNS.length;
/** Metrics a sweep can rank by. */
export const METRIC_NAMES: readonly MetricName[] = ['sharpe', 'total_return', 'cagr', 'annual_volatility', 'max_drawdown', 'win_rate', 'profit_factor', 'trade_count', 'final_equity'];
/** A metric column name. */
export type MetricName = (typeof ROW_COLUMNS)[number];

const NO_TRADES = new Float64Array(0);

/** Column index of a metric in a row. */
export function columnOf(m: MetricName): number {
  return ROW_COLUMNS.indexOf(m);
}

/** The natural ranking order of a metric: smaller is better for drawdown and volatility. */
export function defaultOrder(m: MetricName): 'asc' | 'desc' {
  return m === 'max_drawdown' || m === 'annual_volatility' ? 'asc' : 'desc';
}

/** What metrics need beyond the run: the account, annualisation, and the range's first and last bar times. */
export interface RowContext {
  readonly initialCash: number;
  readonly periodsPerYear: number;
  readonly riskFreeRate: number;
  readonly firstTsMs: number;
  readonly lastTsMs: number;
}

/** The metrics of a stored row (NaN back to null). */
export function rowToMetrics(row: Float64Array): Metrics {
  const v = (j: number): number | null => (row[j] === row[j] ? row[j]! : null);
  return {
    total_return: v(2), cagr: v(3), annual_volatility: v(4), sharpe: v(5), max_drawdown: row[6]!, trade_count: row[0]!, win_rate: v(7), profit_factor: v(8),
  };
}

/** Money shown to the cent (the compute path's float ledger carries float noise below it). */
export function cents(x: number): number {
  const r = Math.round(x * 100) / 100;
  return r === 0 ? 0 : r;
}

/**
 * Computes rows with a reused scratch array (one builder per thread): daily returns are measured
 * from the initial cash, then close to close, as in run.json; the trade statistics come from the
 * kernel's counts and P&L sums, which it adds in trade order exactly as computeMetrics adds a run's
 * trade P&Ls; metrics are rounded to 12 digits as run.json rounds them.
 */
export class RowBuilder {
  private daily = new Float64Array(1024);

  /** Metrics of a run (rounded as run.json rounds them). */
  metrics(run: SweepRun, ctx: RowContext): Metrics {
    const days = run.dailyEquity.length;
    if (this.daily.length < days + 1) this.daily = new Float64Array(2 * (days + 1));
    const daily = this.daily.subarray(0, days + 1);
    daily[0] = ctx.initialCash;
    daily.set(run.dailyEquity, 1);
    const m = computeMetrics({
      dailyEquity: daily, firstTsMs: ctx.firstTsMs, lastTsMs: ctx.lastTsMs, initialEquity: ctx.initialCash, finalEquity: run.equity,
      tradePnls: NO_TRADES, periodsPerYear: ctx.periodsPerYear, riskFreeRate: ctx.riskFreeRate,
    });
    // computeMetrics' trade statistics: winners / closed trades; Σ wins / |Σ losses| when a trade lost
    const n = run.tradeCount;
    const factor = run.grossWin / run.grossLoss;
    return roundMetrics({
      ...m, trade_count: n, win_rate: n > 0 ? run.winners / n : null,
      profit_factor: run.losers > 0 && Number.isFinite(run.grossWin) && Number.isFinite(run.grossLoss) && Number.isFinite(factor) ? factor : null,
    });
  }

  /** Writes the row of a run at `out[at … at + NCOLS)`. */
  write(out: Float64Array, at: number, run: SweepRun, ctx: RowContext): void {
    const m = this.metrics(run, ctx);
    out[at] = m.trade_count;
    out[at + 1] = cents(run.equity);
    out[at + 2] = m.total_return ?? NaN;
    out[at + 3] = m.cagr ?? NaN;
    out[at + 4] = m.annual_volatility ?? NaN;
    out[at + 5] = m.sharpe ?? NaN;
    out[at + 6] = m.max_drawdown;
    out[at + 7] = m.win_rate ?? NaN;
    out[at + 8] = m.profit_factor ?? NaN;
  }
}
