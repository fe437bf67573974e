// The worst and the best case of the intrabar path side by side: the same run under
// `execution.intrabar: worst_case` and `best_case`, for a run result to report both.
import { Decimal } from '../model/index.js';
import type { RunConfig } from '../config/index.js';
import type { EngineResult } from './backtest-engine.js';

/** What one side of the bounds reports. */
export interface IntrabarCase {
  readonly final_equity: string;
  readonly realized_pl: string;
  /** Closed round trips. */
  readonly trades: number;
  /** final_equity / initial_cash − 1. */
  readonly total_return: number;
}

/** Both cases and the number of bars where they could differ. */
export interface IntrabarBounds {
  /** The policy of the headline run (`execution.intrabar`). */
  readonly policy: 'worst_case' | 'best_case' | 'ohlc_path';
  /** Bars of the headline run where both legs of a bracket were inside one bar. */
  readonly ambiguous_bars: number;
  readonly worst_case: IntrabarCase;
  readonly best_case: IntrabarCase;
}

/** The outcome of one finished run, as one side of the bounds. */
export function intrabarCase(cfg: RunConfig, res: EngineResult): IntrabarCase {
  const s = res.finalSnapshot;
  return {
    final_equity: s.current_portfolio_equity, realized_pl: s.total_realized_pl, trades: res.reporting.counts.trades,
    total_return: new Decimal(s.current_portfolio_equity).div(cfg.portfolio.initial_cash).minus(1).toNumber(),
  };
}

/**
 * Runs `cfg` under the worst-case and the best-case intrabar policy with `run` (which must run the
 * same data each time). `headline`, the run already made under `cfg`'s own policy, is reused for the
 * case it equals; without it, or under ohlc_path, both cases run. When the headline (or the
 * worst-case run) had no ambiguous bar both cases are the same run and the second is skipped.
 */
export function intrabarBounds(cfg: RunConfig, run: (cfg: RunConfig) => EngineResult, headline?: EngineResult): IntrabarBounds {
  const policy = cfg.execution.intrabar;
  const under = (intrabar: 'worst_case' | 'best_case'): EngineResult =>
    headline && policy === intrabar ? headline : run({ ...cfg, execution: { ...cfg.execution, intrabar } });
  const worst = under('worst_case');
  const best = worst.ambiguousBars === 0 ? worst : under('best_case');
  const ambiguous = (headline ?? worst).ambiguousBars;
  return { policy, ambiguous_bars: ambiguous, worst_case: intrabarCase(cfg, worst), best_case: intrabarCase(cfg, best) };
}
