// Sizing algorithms of the portfolio manager: how many shares a signal becomes. Share counts are
// whole numbers, exact as floats; floats decide the clear cases and near a whole share the exact
// decimal quotient decides (see floorQuotient).
import { Decimal, decOf, type MarketView } from '../model/index.js';
import type { SizingConfig, VolatilityMeasure } from './risk-policy.js';

const ZERO = new Decimal(0);

/**
 * floor(num / den) as a whole number of shares (≥ 0). `approx` is the float quotient; when it is
 * clearly between two integers it decides, else (within 1e-9 relative of an integer) the exact decimals do.
 */
export function floorQuotient(approx: number, num: () => Decimal, den: () => Decimal): number {
  if (!(approx > 0) || !Number.isFinite(approx)) return 0;
  const r = Math.round(approx);
  if (Math.abs(approx - r) > 1e-9 * Math.max(1, approx)) return Math.floor(approx);
  const d = den();
  return d.lte(0) ? 0 : Math.max(0, num().div(d).floor().toNumber());
}

/** Whole shares of a fixed rule at `price` with `equity` (floats of both may be passed in): never negative. */
export function fixedShares(cfg: SizingConfig, price: Decimal, equity: Decimal, priceF = price.toNumber(), equityF = equity.toNumber()): number {
  if (cfg.method === 'fixed_quantity') return cfg.quantity;
  if (cfg.method !== 'fixed_fraction' || !(priceF > 0) || !(equityF > 0)) return 0;
  const f = cfg.fraction;
  return floorQuotient(f * equityF / priceF, () => equity.times(f), () => price);
}

/** Whole shares to open for a signal at `price`, given current equity (never negative): fixed rules only. */
export function sizeOpen(cfg: SizingConfig, price: Decimal, equity: Decimal): Decimal {
  return new Decimal(fixedShares(cfg, price, equity));
}

/** Closed-trade statistics of one strategy, for Kelly sizing. */
export interface TradeStats {
  wins: number;
  losses: number;
  /** Sum of winning trades' realized P&L (> 0). */
  winSum: Decimal;
  /** Sum of losing trades' |realized P&L| (≥ 0). */
  lossSum: Decimal;
}

/**
 * The Kelly fraction of `stats`, exact: min(cap, scale × f*) with f* = W − (1 − W) / R, or
 * `fallback` before `minTrades` trades; never below 0.
 */
export function kellyFraction(stats: TradeStats, scale: number, minTrades: number, cap: number, fallback: number): Decimal {
  const n = stats.wins + stats.losses;
  const capD = decOf(cap);
  if (n < minTrades || n === 0) return Decimal.min(capD, decOf(fallback));
  const w = new Decimal(stats.wins).div(n);
  // no loss yet: the payoff ratio is unbounded and f* = W; no win: f* = −(1 − W)/R ≤ 0
  let f: Decimal;
  if (stats.losses === 0) f = w;
  else if (stats.wins === 0) f = ZERO;
  else {
    const payoff = stats.winSum.div(stats.wins).div(stats.lossSum.div(stats.losses));
    f = w.minus(Decimal.sub(1, w).div(payoff));
  }
  return Decimal.max(ZERO, Decimal.min(capD, f.times(decOf(scale))));
}

/** Price volatility of `symbol` in price units: ATR, or the stdev of returns × price. */
export function priceVolatility(market: MarketView, symbol: string, measure: VolatilityMeasure, window: number, price: number): number {
  return measure === 'atr' ? market.atr(symbol, window) : market.returnStdev(symbol, window) * price;
}

/** What sizing reads besides the rule. */
export interface SizingInputs {
  readonly symbol: string;
  readonly price: number;
  readonly priceDec: Decimal;
  /** Equity the strategy sizes against (its budget's share of equity under budgets). */
  readonly equity: () => Decimal;
  /** The same as a float. */
  readonly equityF: () => number;
  readonly market: MarketView | undefined;
  readonly stats: TradeStats;
  /** Other symbols the strategy holds open positions in. */
  readonly openSymbols: () => readonly string[];
}

/** Whole shares of a sizing rule, or zero with the reason. */
export interface SizeResult {
  /** Whole shares (an integer-valued float). */
  readonly qty: number;
  /** Why the size is zero (warm-up, no edge, …). */
  readonly why?: string;
}

/** Whole shares to open for one signal (before lot rounding and limits). */
export function sizeSignal(rule: SizingConfig, x: SizingInputs): SizeResult {
  switch (rule.method) {
    case 'fixed_quantity':
      return { qty: rule.quantity };
    case 'fixed_fraction':
      return { qty: fixedShares(rule, x.priceDec, x.equity(), x.price, x.equityF()) };
    case 'kelly': {
      const f = kellyFraction(x.stats, rule.scale, rule.min_trades, rule.cap, rule.fallback);
      if (f.lte(0)) return { qty: 0, why: `the Kelly fraction is 0 (${x.stats.wins} wins, ${x.stats.losses} losses)` };
      const e = x.equity();
      return { qty: e.lte(0) ? 0 : e.times(f).div(x.priceDec).floor().toNumber() };
    }
    case 'equal_weight': {
      const n = rule.positions > 0 ? rule.positions : (x.market?.symbols().length ?? 1);
      const e = x.equity();
      return { qty: floorQuotient(rule.exposure * x.equityF() / n / x.price, () => e.times(rule.exposure), () => x.priceDec.times(n)) };
    }
    case 'volatility_target': {
      const vol = priceVolatility(x.market!, x.symbol, rule.volatility, rule.window, x.price);
      if (!(vol > 0)) return { qty: 0, why: `${rule.volatility}(${rule.window}) of ${x.symbol} is not known yet (${rule.window + 1} bars needed) or is 0` };
      const e = x.equity();
      return { qty: floorQuotient(rule.target_risk * x.equityF() / vol, () => e.times(rule.target_risk), () => decOf(vol)) };
    }
    case 'inverse_volatility': {
      const m = x.market!;
      const sigma = (s: string, p: number): number => priceVolatility(m, s, rule.volatility, rule.window, p) / p;
      const own = sigma(x.symbol, x.price);
      if (!(own > 0)) return { qty: 0, why: `${rule.volatility}(${rule.window}) of ${x.symbol} is not known yet (${rule.window + 1} bars needed) or is 0` };
      const invOwn = 1 / own;
      const invs = [invOwn];
      for (const s of x.openSymbols()) {
        const v = sigma(s, m.close(s));
        if (v > 0) invs.push(1 / v);
      }
      let inv = 0;
      for (const v of invs) inv += v;
      // weight × exposure × equity / price = exposure × equity × (1/σ) / (Σ 1/σⱼ × price): one division, so a whole share stays whole
      const e = x.equity();
      return {
        qty: floorQuotient(rule.exposure * x.equityF() * invOwn / (inv * x.price), () => e.times(decOf(rule.exposure)).times(decOf(invOwn)),
          () => invs.reduce((a, v) => a.plus(decOf(v)), new Decimal(0)).times(x.priceDec)),
      };
    }
  }
}
