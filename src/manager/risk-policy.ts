// The risk policy the portfolio manager enforces: how signals are sized, which limits apply and
// which protective exits are attached. config/risk/*.yaml load into this shape (src/config/risk-config.ts).

/** How price volatility is measured: average true range, or the standard deviation of close-to-close returns × price. */
export type VolatilityMeasure = 'atr' | 'stdev';

/** Buy or sell a fixed number of shares. */
export interface FixedQuantity {
  readonly method: 'fixed_quantity';
  readonly quantity: number;
}
/** Spend a fixed fraction of (the strategy's) equity: qty = floor(fraction × equity / price). */
export interface FixedFraction {
  readonly method: 'fixed_fraction';
  readonly fraction: number;
}
/**
 * Volatility targeting: a one-volatility move of the position costs `target_risk` of equity:
 * qty = floor(target_risk × equity / vol), vol = ATR(window) or stdev(returns, window) × price.
 */
export interface VolatilityTarget {
  readonly method: 'volatility_target';
  readonly target_risk: number;
  readonly volatility: VolatilityMeasure;
  readonly window: number;
}
/**
 * Fractional Kelly from the strategy's own closed trades: W = wins / n (a win is realized P&L > 0),
 * R = mean win / mean |loss|, f* = W − (1 − W) / R (f* = W when there is no loss yet);
 * fraction = min(cap, scale × f*), and `fallback` is used until `min_trades` trades have closed.
 * qty = floor(fraction × equity / price).
 */
export interface Kelly {
  readonly method: 'kelly';
  readonly scale: number;
  readonly min_trades: number;
  readonly cap: number;
  readonly fallback: number;
}
/**
 * Inverse volatility across the strategy's open positions and the new one: the new symbol's weight is
 * (1/σ) / Σ(1/σⱼ) with σ = vol / price (ATR or stdev of returns); qty = floor(weight × exposure × equity / price).
 * Positions already open are not rebalanced (the manager acts per signal).
 */
export interface InverseVolatility {
  readonly method: 'inverse_volatility';
  readonly volatility: VolatilityMeasure;
  readonly window: number;
  readonly exposure: number;
}
/** Equal weight: qty = floor(exposure × equity / N / price), N = `positions`, or the universe's symbol count when 0. */
export interface EqualWeight {
  readonly method: 'equal_weight';
  readonly positions: number;
  readonly exposure: number;
}
/** A sizing rule. */
export type SizingConfig = FixedQuantity | FixedFraction | VolatilityTarget | Kelly | InverseVolatility | EqualWeight;

/** Sizing with rounding: whole lots (round down) and a minimum ticket. */
export interface SizingPolicy {
  readonly rule: SizingConfig;
  /** Shares per lot; orders are rounded down to whole lots (default 1). */
  readonly lot_size: number;
  /** Smallest order value (qty × price) worth sending (default 0). */
  readonly min_ticket_value: number;
  /** Smallest order in shares (default 1). */
  readonly min_ticket_shares: number;
}

/** What a halt does: refuse new positions, or also close every open position. */
export type HaltAction = 'halt' | 'flatten';

/** Limits; each undefined one is off. Fractions are of equity (of the strategy's capital for budgets). */
export interface RiskLimits {
  readonly allow_short: boolean;
  /** |position value| / equity after the order (reduces). */
  readonly max_position_pct?: number;
  /** gross exposure / equity after the order (reduces). */
  readonly max_gross_leverage?: number;
  /** |net exposure| / equity after the order (reduces). */
  readonly max_net_leverage?: number;
  /** Cash kept after a buy, as a share of equity (reduces). */
  readonly cash_buffer?: number;
  /** Open positions (symbols held) across the portfolio; opening another is refused. */
  readonly max_open_positions?: number;
  /** Gross exposure of one sector / equity after the order (reduces). */
  readonly max_sector_pct?: number;
  /** Gross exposure of one industry / equity after the order (reduces). */
  readonly max_industry_pct?: number;
  /** Order quantity / average daily volume (reduces). */
  readonly max_adv_pct?: number;
  /** Sessions in the average daily volume (default 20). */
  readonly adv_days: number;
  /** Drawdown from the peak equity at which no new position is opened for the rest of the run. */
  readonly max_drawdown?: number;
  readonly drawdown_action: HaltAction;
  /** Loss since the previous session's close, as a share of it, at which no new position is opened that session. */
  readonly daily_loss_limit?: number;
  readonly daily_loss_action: HaltAction;
}

/** A protective exit distance: a fraction of the entry price, or a multiple of ATR(window). */
export type ExitDistance = { readonly percent: number } | { readonly atr: number; readonly window: number };

/** Stop-loss and take-profit attached to opening orders whose signal has none. */
export interface StopsPolicy {
  readonly stop_loss?: ExitDistance;
  readonly take_profit?: ExitDistance;
}

/** Sector and industry of symbols, for the concentration limits. */
export interface Classification {
  readonly sector?: string;
  readonly industry?: string;
}

/** A complete risk policy. */
export interface RiskPolicy {
  /** Where the policy came from: `risk:` as written (a name or a path), `inline`, or `legacy` for `sizing:` + `portfolio.allow_short`. */
  readonly source: string;
  readonly sizing: SizingPolicy;
  readonly limits: RiskLimits;
  readonly stops: StopsPolicy;
  /** Symbol → sector / industry (from the policy's maps or the security master). */
  readonly classification: Readonly<Record<string, Classification>>;
}

/** The policy of a config without `risk:`: its `sizing:` and `portfolio.allow_short`, and no other limit. */
export function legacyPolicy(sizing: SizingConfig, allowShort: boolean): RiskPolicy {
  return {
    source: 'legacy',
    sizing: { rule: sizing, lot_size: 1, min_ticket_value: 0, min_ticket_shares: 1 },
    limits: { allow_short: allowShort, adv_days: 20, drawdown_action: 'halt', daily_loss_action: 'halt' },
    stops: {},
    classification: {},
  };
}
