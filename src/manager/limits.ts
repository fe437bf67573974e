// The reducing limits of a risk policy: each gives the largest quantity an opening order may have
// (a cap), the limit, and the value the requested order would have reached. Caps are floats; a cap
// within 1e-9 of a whole share is recomputed from exact decimals, so a limit binds at the exact share.
// Given the requested quantity, a cap that clearly does not bind it (float) is not built at all: the
// float bounds come first (CapBounds, no allocation), the caps with their exact forms only for the rest.
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

/**
 * The float bounds of an opening order's reducing limits, with the sums they were computed from
 * (one instance per manager, refilled per signal: the common case, an order clearly inside every
 * limit, allocates nothing). A bound is NaN when its limit is off or does not apply.
 */
export class CapBounds {
  // every field starts as a non-integer float (NaN), so that V8 keeps them as doubles from the start
  // (a field that starts as a small integer and later holds a fraction changes the object's layout)
  /** strategy_budget: (capital − the strategy's gross exposure) / price, and that exposure. */
  budget = NaN;
  budgetGross = NaN;
  /** max_position_pct: limit × equity / price − dir × held, and the signed shares held (with pending orders). */
  position = NaN;
  held = NaN;
  /** max_gross_leverage / max_net_leverage, and the portfolio's gross and net exposure. */
  gross = NaN;
  net = NaN;
  grossSum = NaN;
  netSum = NaN;
  /** max_sector_pct / max_industry_pct, and the gross exposure of the symbol's sector and industry. */
  sector = NaN;
  sectorSum = NaN;
  industry = NaN;
  industrySum = NaN;
  /** max_adv_pct: limit × ADV (0 when the ADV is not known yet), and the ADV (NaN when not known). */
  adv = NaN;
  advVolume = NaN;
  /** Symbols open over the portfolio (positions or pending opening orders). */
  open = NaN;
}

/** Whether the policy has a limit that reads the portfolio's open positions (see {@link scanHoldings}). */
export function readsHoldings(policy: RiskPolicy): boolean {
  const L = policy.limits;
  return L.max_open_positions !== undefined || L.max_position_pct !== undefined || L.max_gross_leverage !== undefined || L.max_net_leverage !== undefined
    || L.max_sector_pct !== undefined || L.max_industry_pct !== undefined;
}

/**
 * One pass over the open positions for an opening order of `symbol` at `price` (Holdings.sums): the
 * open-symbol count and the exposure sums the portfolio-level limits need, into `b`.
 */
export function scanHoldings(policy: RiskPolicy, symbol: string, price: number, h: Holdings, b: CapBounds): void {
  const L = policy.limits;
  const cls = policy.classification[symbol];
  const sector = cls?.sector !== undefined && L.max_sector_pct !== undefined ? cls.sector : undefined;
  const industry = cls?.industry !== undefined && L.max_industry_pct !== undefined ? cls.industry : undefined;
  h.sums(symbol, price, policy.classification, sector, industry, b);
}

/**
 * Fills `b` with the float bounds of the policy's reducing limits for an opening order; returns how
 * many of them do not clearly leave `c.requested` alone (all that apply when it is undefined).
 * `scanned`: {@link scanHoldings} has filled `b` for this order already.
 */
export function capBounds(policy: RiskPolicy, c: OrderContext, b: CapBounds, scanned = false): number {
  const L = policy.limits;
  const { price: p, equityF: E, holdings: h, symbol, dir, requested } = c;
  let open = 0;
  b.budget = b.position = b.gross = b.net = b.sector = b.industry = b.adv = b.advVolume = NaN;
  if (c.capital !== undefined) {
    const ex = h.exposure(c.strategyId, symbol, p);
    b.budgetGross = ex.gross;
    b.budget = (toFloat(c.capital) - ex.gross) / p;
    if (!clears(requested, b.budget)) open++;
  }
  const cls = policy.classification[symbol];
  const sectorLim = cls?.sector !== undefined ? L.max_sector_pct : undefined;
  const industryLim = cls?.industry !== undefined ? L.max_industry_pct : undefined;
  // one pass over the open positions serves every portfolio-level limit
  if (!scanned && (L.max_position_pct !== undefined || L.max_gross_leverage !== undefined || L.max_net_leverage !== undefined || sectorLim !== undefined || industryLim !== undefined)) {
    scanHoldings(policy, symbol, p, h, b);
  }
  if (L.max_position_pct !== undefined) {
    b.position = (L.max_position_pct * E) / p - dir * b.held;
    if (!clears(requested, b.position)) open++;
  }
  if (L.max_gross_leverage !== undefined) {
    b.gross = (L.max_gross_leverage * E - b.grossSum) / p;
    if (!clears(requested, b.gross)) open++;
  }
  if (L.max_net_leverage !== undefined) {
    b.net = (L.max_net_leverage * E - dir * b.netSum) / p;
    if (!clears(requested, b.net)) open++;
  }
  if (sectorLim !== undefined) {
    b.sector = (sectorLim * E - b.sectorSum) / p;
    if (!clears(requested, b.sector)) open++;
  }
  if (industryLim !== undefined) {
    b.industry = (industryLim * E - b.industrySum) / p;
    if (!clears(requested, b.industry)) open++;
  }
  if (L.max_adv_pct !== undefined) {
    b.advVolume = c.market?.averageDailyVolume(symbol, L.adv_days) ?? NaN;
    b.adv = b.advVolume === b.advVolume ? L.max_adv_pct * b.advVolume : 0;
    if (!clears(requested, b.adv)) open++;
  }
  return open;
}

/** Caps of the policy's reducing limits that apply to an opening order, in the order they are enforced. */
export function capsOf(policy: RiskPolicy, c: OrderContext, b = new CapBounds()): Cap[] {
  capBounds(policy, c, b);
  return capsFrom(policy, c, b);
}

/** The caps of bounds `b` (filled by {@link capBounds} for `c`) that do not clearly leave `c.requested` alone. */
export function capsFrom(policy: RiskPolicy, c: OrderContext, b: CapBounds): Cap[] {
  const L = policy.limits;
  const out: Cap[] = [];
  const { price: p, priceDec: pd, equityF: E, equity: Ed, holdings: h, symbol, dir, requested } = c;
  // NaN bounds (limits off) never pass `keep`
  const keep = (approx: number): boolean => approx === approx && !clears(requested, approx);
  if (keep(b.budget)) {
    const g = b.budgetGross;
    out.push({
      rule: 'strategy_budget', approx: b.budget, limit: c.budget!,
      exact: () => c.capital!.minus(h.exactExposure(c.strategyId, symbol, pd).gross).div(pd),
      actual: (q) => (g + q * p) / E, what: `gross exposure of strategy ${c.strategyId} as a share of equity`,
    });
  }
  if (keep(b.position)) {
    const lim = L.max_position_pct!, pos = b.held; // signed shares held over all strategies
    out.push({
      rule: 'max_position_pct', approx: b.position, limit: lim,
      exact: () => Ed.times(d(lim)).div(pd).minus(h.position(symbol).times(dir)),
      actual: (q) => Math.abs(pos + dir * q) * p / E, what: `position in ${symbol} as a share of equity`,
    });
  }
  if (keep(b.gross)) {
    const lim = L.max_gross_leverage!, g = b.grossSum;
    out.push({
      rule: 'max_gross_leverage', approx: b.gross, limit: lim,
      exact: () => Ed.times(d(lim)).minus(h.exactExposure(undefined, symbol, pd).gross).div(pd),
      actual: (q) => (g + q * p) / E, what: 'gross exposure as a multiple of equity',
    });
  }
  if (keep(b.net)) {
    const lim = L.max_net_leverage!, n = b.netSum;
    out.push({
      rule: 'max_net_leverage', approx: b.net, limit: lim,
      exact: () => Ed.times(d(lim)).minus(h.exactExposure(undefined, symbol, pd).net.times(dir)).div(pd),
      actual: (q) => Math.abs(n + dir * q * p) / E, what: 'net exposure as a multiple of equity',
    });
  }
  for (const key of ['sector', 'industry'] as const) {
    const approx = key === 'sector' ? b.sector : b.industry;
    if (!keep(approx)) continue;
    const lim = (key === 'sector' ? L.max_sector_pct : L.max_industry_pct)!, g = key === 'sector' ? b.sectorSum : b.industrySum;
    const group = policy.classification[symbol]![key]!;
    const f = groupFilter(policy.classification, key, group);
    out.push({
      rule: `max_${key}_pct`, approx, limit: lim,
      exact: () => Ed.times(d(lim)).minus(h.exactExposure(undefined, symbol, pd, f).gross).div(pd),
      actual: (q) => (g + q * p) / E, what: `gross exposure of ${key} ${group} as a share of equity`,
    });
  }
  if (keep(b.adv)) {
    const lim = L.max_adv_pct!, adv = b.advVolume, known = adv === adv;
    out.push({
      rule: 'max_adv_pct', approx: b.adv, limit: lim,
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
