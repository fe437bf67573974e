// The services' settings from a run config, and the flags a run result carries about them.
import type { RunConfig } from '../config/index.js';
import type { ExecutionConfig, CommissionConfig, SlippageConfig } from '../execution/index.js';
import type { Ledger, LedgerConfig } from '../ledger/index.js';

/** The execution service's settings of a run. */
export function executionConfig(cfg: RunConfig): ExecutionConfig {
  const ex = cfg.execution;
  const c = ex.commission;
  const commission: CommissionConfig =
    c.model === 'percent' ? { model: 'percent', rate: c.rate!, minimum: c.minimum }
    : c.model === 'fixed' ? { model: 'fixed', amount: c.amount! }
    : c.model === 'tiered' ? { model: 'tiered', tiers: c.tiers!.map((t) => ({ ...(t.up_to !== undefined ? { upTo: t.up_to } : {}), perShare: t.per_share })), minimum: c.minimum, ...(c.maximum_pct !== undefined ? { maximumPct: c.maximum_pct } : {}) }
    : { model: 'per_share', perShare: c.per_share, minimum: c.minimum, ...(c.maximum_pct !== undefined ? { maximumPct: c.maximum_pct } : {}) };
  const sl = ex.slippage;
  const slippage: SlippageConfig =
    sl.model === 'fixed_bps' ? { model: 'fixed_bps', bps: sl.bps! }
    : sl.model === 'fixed_ticks' ? { model: 'fixed_ticks', ticks: sl.ticks!, tickSize: ex.tick_size }
    : sl.model === 'spread' ? { model: 'spread', fraction: sl.fraction! }
    : sl.model === 'volume_share' ? { model: 'volume_share', impact: sl.impact! }
    : { model: 'none' };
  const f = ex.fees;
  return {
    fillPolicy: ex.fill_policy, commission, slippage,
    ...(f ? { fees: { ...(f.sec_rate !== undefined ? { secRate: f.sec_rate } : {}), ...(f.taf_per_share !== undefined ? { tafPerShare: f.taf_per_share } : {}), ...(f.taf_max !== undefined ? { tafMax: f.taf_max } : {}) } } : {}),
    allowShort: cfg.portfolio.allow_short, oversell: cfg.portfolio.oversell, ticks: Math.round(1 / Number(ex.tick_size)),
  };
}

/** The ledger's settings of a run. */
export function ledgerConfig(cfg: RunConfig, runId: string, startTime: string): LedgerConfig {
  const p = cfg.portfolio;
  return {
    portfolioId: runId, initialCash: p.initial_cash, currency: p.currency, startTime,
    longLots: cfg.ledger.long_lots, shortLots: cfg.ledger.short_lots, fees: cfg.execution.fees !== undefined,
    financing: {
      borrowRate: p.borrow_rate, borrowRates: p.borrow_rates, marginRate: p.margin_rate, dayCount: p.day_count,
      ...(p.cash_rate !== undefined ? { cashRate: p.cash_rate } : {}),
    },
  };
}

/** Flags for the run result: an optimistic fill policy, corporate actions the ledger did not apply. */
export function runFlags(cfg: RunConfig, ledger: Ledger): string[] {
  const flags: string[] = [];
  if (cfg.execution.fill_policy === 'same_close') flags.push('optimistic_fill_policy: same_close fills at the close of the bar that made the decision');
  for (const a of ledger.ignoredActions) flags.push(`corporate_action_not_applied: ${a}`);
  return flags;
}

/**
 * Strategy id → budget (fraction of equity, a decimal string) for the manager. A budget of 1 is
 * the whole equity, which is what an unbudgeted strategy has: it is left out, so that a lone
 * strategy keeps the manager's plain path.
 */
export function strategyBudgets(cfg: RunConfig): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const s of cfg.strategies ?? []) if (s.budget !== undefined && Number(s.budget) !== 1) out.set(s.id, s.budget);
  return out;
}
