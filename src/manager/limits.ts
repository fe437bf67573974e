// The reducing limits of a risk policy: each gives the largest quantity an opening order may have
// (a cap), the limit, and the value the requested order would have reached. Caps are floats; a cap
// within 1e-9 of a whole share is recomputed from exact decimals, so a limit binds at the exact share.
// Given the requested quantity, a cap that clearly does not bind it (float) is not built at all.
import { Decimal, decOf, type MarketView } from '../model/index.js';
import { groupFilter, type Holdings } from './holdings.js';
import type { RiskPolicy } from './risk-policy.js';
import { toFloat } from './to-float.js';

/** What the caps of one opening order are computed from. */
export interface OrderContext {
  readonly strategyId: string;
  readonly symbol: string;
  /** +1 buy (open long), −1 sell (open short). */
  readonly dir: 1 | -1;
  readonly price: number;
  readonly priceDec: Decimal;
  /** Portfolio equity. */
  readonly equity: Decimal;
  readonly equityF: number;
  readonly holdings: Holdings;
  readonly market: MarketView | undefined;
  /** The strategy's capital under a budget (budget × equity), or undefined. */
  readonly capital: Decimal | undefined;
  readonly budget: number | undefined;
  /**
   * The quantity the order asks for, when known: caps with `requested ≤ approx − 1e-6` (a float
   * margin of a millionth of a share, which no rounding error of these sums reaches) are left out,
   * as the manager would skip them. Every cap is returned when undefined.
   */
  readonly requested?: number;
}

/** Whether a cap of float bound `approx` clearly leaves `requested` shares alone (see {@link OrderContext.requested}). */
function clears(requested: number | undefined, approx: number): boolean {
  return requested !== undefined && requested <= approx - 1e-6;
}

/** One binding limit: the largest allowed quantity and how to report it. */
export interface Cap {
  readonly rule: string;
  /** Largest allowed quantity, fractional (may be ≤ 0); may be a lower bound when `precise` is given. */
  readonly approx: number;
  /** The cap itself when `approx` is only a cheap lower bound (asked only when the bound does not clear the order). */
  readonly precise?: () => number;
  /** The same from exact decimals, for a cap at a whole share. */
  readonly exact: () => Decimal;
  /** limit_value of the violation. */
  readonly limit: number;
  /** actual_value the order of `q` shares would reach. */
  readonly actual: (q: number) => number;
  /** Says what the limit is about, e.g. "position in AAA as a share of equity". */
  readonly what: string;
}

const d = (x: number): Decimal => decOf(x);

/** Caps of the policy's reducing limits that apply to an opening order, in the order they are enforced. */
export function capsOf(policy: RiskPolicy, c: OrderContext): Cap[] {
  const L = policy.limits;
  const out: Cap[] = [];
  const { price: p, priceDec: pd, equityF: E, equity: Ed, holdings: h, symbol, dir, requested } = c;
  if (c.capital !== undefined) {
    const ex = h.exposure(c.strategyId, symbol, p);
    const cap = toFloat(c.capital);
    const approx = (cap - ex.gross) / p;
    if (!clears(requested, approx)) out.push({
      rule: 'strategy_budget', approx, limit: c.budget!,
      exact: () => c.capital!.minus(h.exactExposure(c.strategyId, symbol, pd).gross).div(pd),
      actual: (q) => (ex.gross + q * p) / E, what: `gross exposure of strategy ${c.strategyId} as a share of equity`,
    });
  }
  // one pass over the open positions serves every portfolio-level limit
  const needBook = L.max_position_pct !== undefined || L.max_gross_leverage !== undefined || L.max_net_leverage !== undefined
    || L.max_sector_pct !== undefined || L.max_industry_pct !== undefined;
  const book = needBook ? h.book(symbol, p) : undefined;
  // Σ |qty × mark| and Σ qty × mark over the book, or over one sector / industry group
  let gross = 0, net = 0;
  const sum = (key?: 'sector' | 'industry', group?: string): void => {
    gross = 0;
    net = 0;
    for (let i = 0; i < book!.symbols.length; i++) {
      if (key !== undefined && policy.classification[book!.symbols[i]!]?.[key] !== group) continue;
      const v = book!.qty[i]! * book!.mark[i]!;
      gross += Math.abs(v);
      net += v;
    }
  };
  if (L.max_position_pct !== undefined) {
    const lim = L.max_position_pct;
    const i = book!.symbols.indexOf(symbol);
    const pos = i < 0 ? 0 : book!.qty[i]!; // signed shares held over all strategies
    const approx = (lim * E) / p - dir * pos;
    if (!clears(requested, approx)) out.push({
      rule: 'max_position_pct', approx, limit: lim,
      exact: () => Ed.times(d(lim)).div(pd).minus(h.position(symbol).times(dir)),
      actual: (q) => Math.abs(pos + dir * q) * p / E, what: `position in ${symbol} as a share of equity`,
    });
  }
  if (L.max_gross_leverage !== undefined || L.max_net_leverage !== undefined) {
    sum();
    const g = gross, n = net;
    if (L.max_gross_leverage !== undefined) {
      const lim = L.max_gross_leverage;
      const approx = (lim * E - g) / p;
      if (!clears(requested, approx)) out.push({
        rule: 'max_gross_leverage', approx, limit: lim,
        exact: () => Ed.times(d(lim)).minus(h.exactExposure(undefined, symbol, pd).gross).div(pd),
        actual: (q) => (g + q * p) / E, what: 'gross exposure as a multiple of equity',
      });
    }
    if (L.max_net_leverage !== undefined) {
      const lim = L.max_net_leverage;
      const approx = (lim * E - dir * n) / p;
      if (!clears(requested, approx)) out.push({
        rule: 'max_net_leverage', approx, limit: lim,
        exact: () => Ed.times(d(lim)).minus(h.exactExposure(undefined, symbol, pd).net.times(dir)).div(pd),
        actual: (q) => Math.abs(n + dir * q * p) / E, what: 'net exposure as a multiple of equity',
      });
    }
  }
  const cls = policy.classification[symbol];
  for (const key of ['sector', 'industry'] as const) {
    const lim = key === 'sector' ? L.max_sector_pct : L.max_industry_pct;
    const group = cls?.[key];
    if (lim === undefined || group === undefined) continue;
    sum(key, group);
    const g = gross;
    const approx = (lim * E - g) / p;
    if (clears(requested, approx)) continue;
    const f = groupFilter(policy.classification, key, group);
    out.push({
      rule: `max_${key}_pct`, approx, limit: lim,
      exact: () => Ed.times(d(lim)).minus(h.exactExposure(undefined, symbol, pd, f).gross).div(pd),
      actual: (q) => (g + q * p) / E, what: `gross exposure of ${key} ${group} as a share of equity`,
    });
  }
  if (L.max_adv_pct !== undefined) {
    const lim = L.max_adv_pct;
    const adv = c.market?.averageDailyVolume(symbol, L.adv_days) ?? NaN;
    const known = adv === adv;
    const approx = known ? lim * adv : 0;
    if (!clears(requested, approx)) out.push({
      rule: 'max_adv_pct', approx, limit: lim,
      exact: () => (known ? d(lim).times(d(adv)) : new Decimal(0)),
      actual: (q) => (known && adv > 0 ? q / adv : q > 0 ? 1 : 0),
      what: known ? `order quantity as a share of ${symbol}'s average daily volume (${L.adv_days} sessions)` : `order quantity as a share of ${symbol}'s average daily volume, which is not known before the first session has closed`,
    });
  }
  return out;
}

/** The most shares a cap allows: its whole part (exact at a whole share), rounded down to lots. */
export function capQuantity(cap: Cap, lot: number): number {
  const a = cap.precise ? cap.precise() : cap.approx;
  if (!(a > 0)) return 0;
  const r = Math.round(a);
  const whole = Math.abs(a - r) > 1e-9 * Math.max(1, a) ? Math.floor(a) : Math.max(0, cap.exact().floor().toNumber());
  return lot > 1 ? Math.floor(whole / lot) * lot : whole;
}
