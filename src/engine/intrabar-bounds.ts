// The worst and the best case of the intrabar path side by side: the same run under
// `execution.intrabar: worst_case` and `best_case`, for a run result to report both.
import type { RunConfig } from '../config/index.js';
import { runEngine, type EngineOptions } from './backtest-engine.js';
import type { MarketBars } from './engine-venue.js';

/** What one side of the bounds reports. */
export interface IntrabarCase {
  readonly final_equity: string;
  readonly realized_pl: string;
  readonly trades: number;
}

/** Both cases and the number of bars where they could differ. */
export interface IntrabarBounds {
  /** Bars where both legs of a bracket were inside one bar (the same in both runs: the fills before them agree). */
  readonly ambiguous_bars: number;
  readonly worst_case: IntrabarCase;
  readonly best_case: IntrabarCase;
}

/**
 * Runs `cfg` under the worst-case and the best-case intrabar policy. When no bar was ambiguous the
 * first run is the answer for both and the second is skipped.
 */
export function intrabarBounds(cfg: RunConfig, bars: MarketBars, opts: EngineOptions): IntrabarBounds {
  const one = (intrabar: 'worst_case' | 'best_case') => {
    const res = runEngine({ ...cfg, execution: { ...cfg.execution, intrabar } }, bars, { ...opts, eventLog: false, barEquity: false });
    const s = res.finalSnapshot;
    return { res, summary: { final_equity: s.current_portfolio_equity, realized_pl: s.total_realized_pl, trades: res.reporting.counts.trades } };
  };
  const worst = one('worst_case');
  const best = worst.res.ambiguousBars === 0 ? worst : one('best_case');
  return { ambiguous_bars: worst.res.ambiguousBars, worst_case: worst.summary, best_case: best.summary };
}
