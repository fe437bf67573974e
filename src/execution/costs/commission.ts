// Commission models: per share (with a minimum and a cap as a share of value), percent of value,
// fixed per order, and per share tiered by the month's traded volume. Minimum and cap apply per order.
import { Decimal } from '../../model/index.js';

/** Per share, e.g. IBKR fixed: `perShare` × shares, at least `minimum`, at most `maximumPct` × value. */
export interface PerShareConfig {
  readonly model?: 'per_share';
  readonly perShare: string;
  readonly minimum?: string;
  readonly maximumPct?: string;
}
/** A share of the trade's value, at least `minimum`. */
export interface PercentConfig {
  readonly model: 'percent';
  readonly rate: string;
  readonly minimum?: string;
}
/** A fixed amount per order, charged on its first fill. */
export interface FixedConfig {
  readonly model: 'fixed';
  readonly amount: string;
}
/** Per share at the rate of the tier the month's volume (shares filled this calendar month, UTC) is in before the fill. */
export interface TieredConfig {
  readonly model: 'tiered';
  /** Tiers in increasing order; the last has no `upTo`. */
  readonly tiers: ReadonlyArray<{ readonly upTo?: string; readonly perShare: string }>;
  readonly minimum?: string;
  readonly maximumPct?: string;
}
/** A commission model's settings. */
export type CommissionConfig = PerShareConfig | PercentConfig | FixedConfig | TieredConfig;

/** What an order has been charged so far (order-level minimum and cap need it). */
export interface OrderCharges {
  /** Commission before minimum and cap, summed over the order's fills. */
  raw: Decimal;
  /** Traded value of the order's fills. */
  value: Decimal;
  /** Commission charged so far. */
  charged: Decimal;
}

const ZERO = new Decimal(0);

/** Fresh accumulators for a new order. */
export function newCharges(): OrderCharges {
  return { raw: ZERO, value: ZERO, charged: ZERO };
}

/** Computes commissions exactly, per fill, with the order-level minimum and cap. */
export class Commission {
  private readonly model: 'per_share' | 'percent' | 'fixed' | 'tiered';
  private readonly rate: Decimal;
  private readonly minimum: Decimal;
  private readonly maxPct: Decimal | null;
  private readonly tiers: { upTo: Decimal | null; perShare: Decimal }[];
  // a whole order in one fill is the common case: with neither cap nor tiers its commission depends
  // on the quantity only, and parsed quantities are shared objects, so results are remembered per quantity
  private readonly byQty = new WeakMap<Decimal, Decimal>();
  /** Shares filled per calendar month (YYYY-MM), for tiers. */
  private readonly monthVolume = new Map<string, Decimal>();

  constructor(cfg: CommissionConfig) {
    this.model = cfg.model ?? 'per_share';
    this.rate = new Decimal(cfg.model === 'percent' ? cfg.rate : cfg.model === 'fixed' ? cfg.amount : cfg.model === 'tiered' ? '0' : cfg.perShare);
    this.minimum = new Decimal((cfg.model !== 'fixed' ? cfg.minimum : undefined) ?? '0');
    const maxPct = cfg.model === undefined || cfg.model === 'per_share' || cfg.model === 'tiered' ? cfg.maximumPct : undefined;
    this.maxPct = maxPct !== undefined ? new Decimal(maxPct) : null;
    this.tiers = cfg.model === 'tiered' ? cfg.tiers.map((t) => ({ upTo: t.upTo !== undefined ? new Decimal(t.upTo) : null, perShare: new Decimal(t.perShare) })) : [];
  }

  /** Commission of a whole order of `qty` at `price` filled at once (the manager's estimate; tiers at this month's rate). */
  of(qty: Decimal, price: Decimal): Decimal {
    if (this.model === 'per_share' && !this.maxPct) return this.perShareOnly(qty);
    return this.total(this.raw(qty, price, this.tierRate(ZERO)), qty.times(price));
  }

  /**
   * Commission of one fill of an order at RFC 3339 `time`; updates the order's charges and, for
   * tiers, the volume of the fill's month (UTC). `complete`: the fill is the whole order (its
   * charges are not needed afterwards).
   */
  fill(charges: OrderCharges, qty: Decimal, price: Decimal, time: string, complete = false): Decimal {
    if (complete && this.model === 'per_share' && !this.maxPct && charges.charged.isZero()) return this.perShareOnly(qty);
    let vol = ZERO;
    if (this.model === 'tiered') {
      const month = time.slice(0, 7);
      vol = this.monthVolume.get(month) ?? ZERO;
      this.monthVolume.set(month, vol.plus(qty));
    }
    charges.raw = charges.raw.plus(this.raw(qty, price, this.tierRate(vol)));
    charges.value = charges.value.plus(qty.times(price));
    const due = this.total(charges.raw, charges.value).minus(charges.charged);
    const c = due.isNegative() ? ZERO : due;
    charges.charged = charges.charged.plus(c);
    return c;
  }

  /** Month volumes, for a checkpoint. */
  volumes(): Record<string, string> {
    return Object.fromEntries([...this.monthVolume].map(([m, v]) => [m, v.toFixed()]));
  }

  /** Restores month volumes from a checkpoint. */
  restoreVolumes(v: Readonly<Record<string, string>>): void {
    this.monthVolume.clear();
    for (const [m, x] of Object.entries(v)) this.monthVolume.set(m, new Decimal(x));
  }

  private perShareOnly(qty: Decimal): Decimal {
    let c = this.byQty.get(qty);
    if (c === undefined) {
      c = qty.times(this.rate);
      if (c.lt(this.minimum)) c = this.minimum;
      this.byQty.set(qty, c);
    }
    return c;
  }

  private raw(qty: Decimal, price: Decimal, tierRate: Decimal): Decimal {
    switch (this.model) {
      case 'per_share': return qty.times(this.rate);
      case 'percent': return qty.times(price).times(this.rate);
      case 'fixed': return ZERO;
      case 'tiered': return qty.times(tierRate);
    }
  }

  // order total from the summed raw commission and value: fixed amount, or max(minimum, raw) capped at maxPct × value
  private total(raw: Decimal, value: Decimal): Decimal {
    if (this.model === 'fixed') return this.rate;
    let c = raw.lt(this.minimum) ? this.minimum : raw;
    if (this.maxPct) {
      const cap = value.times(this.maxPct);
      if (c.gt(cap)) c = cap;
    }
    return c;
  }

  private tierRate(volume: Decimal): Decimal {
    for (const t of this.tiers) if (t.upTo === null || volume.lt(t.upTo)) return t.perShare;
    return this.tiers.length > 0 ? this.tiers[this.tiers.length - 1]!.perShare : ZERO;
  }
}
