// How report.html labels, formats and explains each metric of run.json, in the order shown.
import type { FullMetrics } from '../run-analysis.js';
import type { ValueKind } from './format.js';

/** One metric as the page shows it. */
export interface MetricSpec {
  readonly key: keyof FullMetrics;
  readonly label: string;
  readonly kind: ValueKind;
  /** Colour the value by its sign. */
  readonly signed?: boolean;
  /** The definition, in one line. */
  readonly help: string;
}

/** Groups of metrics for the page's full table; every field of {@link FullMetrics} appears once. */
export const METRIC_GROUPS: ReadonlyArray<{ readonly title: string; readonly metrics: readonly MetricSpec[] }> = [
  {
    title: 'Returns and risk',
    metrics: [
      { key: 'total_return', label: 'Total return', kind: 'pct', signed: true, help: 'final equity / initial cash − 1' },
      { key: 'cagr', label: 'CAGR', kind: 'pct', signed: true, help: '(final / initial)^(1 / years) − 1, years of 365.25 days' },
      { key: 'annual_volatility', label: 'Volatility (ann.)', kind: 'pct', help: 'sample sd of daily returns × √P' },
      { key: 'sharpe', label: 'Sharpe', kind: 'num', signed: true, help: 'mean(r − rf/P) / sd(r) × √P' },
      { key: 'sortino', label: 'Sortino', kind: 'num', signed: true, help: 'mean(r − rf/P) / downside deviation × √P' },
      { key: 'calmar', label: 'Calmar', kind: 'num', signed: true, help: 'CAGR / max drawdown' },
      { key: 'probabilistic_sharpe', label: 'Probabilistic Sharpe', kind: 'pct', help: 'P(true Sharpe > 0), Bailey & López de Prado' },
      { key: 'omega', label: 'Omega', kind: 'num', help: 'Σ gains above rf/P / Σ losses below it (daily)' },
      { key: 'tail_ratio', label: 'Tail ratio', kind: 'num', help: '|95th percentile| / |5th percentile| of daily returns' },
      { key: 'skew', label: 'Skew', kind: 'num', help: 'skewness of daily returns (population moments)' },
      { key: 'kurtosis', label: 'Excess kurtosis', kind: 'num', help: 'm4 / m2² − 3 of daily returns' },
      { key: 'value_at_risk_95', label: 'VaR 95% (1 day)', kind: 'pct', help: '−5th percentile of daily returns (historical)' },
      { key: 'trading_days', label: 'Trading days', kind: 'int', help: 'daily samples the annualised figures use' },
    ],
  },
  {
    title: 'Drawdowns',
    metrics: [
      { key: 'max_drawdown', label: 'Max drawdown', kind: 'pct', help: 'largest fall from a running peak, daily closes' },
      { key: 'max_drawdown_duration_days', label: 'Longest drawdown', kind: 'days', help: 'trading days from a peak to its recovery (or the end)' },
      { key: 'time_under_water', label: 'Time under water', kind: 'pct', help: 'share of days below the running peak' },
    ],
  },
  {
    title: 'Trades',
    metrics: [
      { key: 'trade_count', label: 'Closed trades', kind: 'int', help: 'round trips, flat to flat' },
      { key: 'win_rate', label: 'Win rate', kind: 'pct', help: 'trades with net P&L > 0 / closed trades' },
      { key: 'profit_factor', label: 'Profit factor', kind: 'num', help: 'gross win / gross loss' },
      { key: 'expectancy', label: 'Expectancy', kind: 'money', signed: true, help: 'mean net P&L per trade' },
      { key: 'average_win', label: 'Average win', kind: 'money', help: 'mean P&L of winners' },
      { key: 'average_loss', label: 'Average loss', kind: 'money', help: 'mean P&L of losers' },
      { key: 'largest_win', label: 'Largest win', kind: 'money', help: 'best trade' },
      { key: 'largest_loss', label: 'Largest loss', kind: 'money', help: 'worst trade' },
      { key: 'average_holding_seconds', label: 'Average holding time', kind: 'duration', help: 'mean of exit − entry time' },
      { key: 'exposure', label: 'Exposure', kind: 'pct', help: 'share of bars with a round trip open' },
      { key: 'turnover', label: 'Turnover', kind: 'num', help: 'traded value / mean daily equity, over the run' },
    ],
  },
  {
    title: 'Against the benchmark',
    metrics: [
      { key: 'benchmark_return', label: 'Benchmark return', kind: 'pct', signed: true, help: 'buy and hold, first open to last close' },
      { key: 'alpha', label: 'Alpha (ann.)', kind: 'pct', signed: true, help: "Jensen's alpha × P" },
      { key: 'beta', label: 'Beta', kind: 'num', help: 'cov(r, b) / var(b), daily' },
      { key: 'information_ratio', label: 'Information ratio', kind: 'num', signed: true, help: 'mean(r − b) / sd(r − b) × √P' },
      { key: 'tracking_error', label: 'Tracking error', kind: 'pct', help: 'sd(r − b) × √P' },
    ],
  },
];

/** The headline metrics, shown as cards at the top. */
export const HEADLINE: readonly (keyof FullMetrics)[] = [
  'total_return', 'cagr', 'sharpe', 'sortino', 'max_drawdown', 'annual_volatility', 'calmar', 'probabilistic_sharpe',
  'win_rate', 'profit_factor', 'trade_count', 'exposure',
];

/** The spec of a metric. */
export function specOf(key: keyof FullMetrics): MetricSpec {
  for (const g of METRIC_GROUPS) for (const m of g.metrics) if (m.key === key) return m;
  throw new Error(`no display spec for metric ${String(key)}`);
}
