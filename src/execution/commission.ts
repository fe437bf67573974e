// Commission models of the execution service.
import { Decimal } from '../model/index.js';

/** Per-share commission with an optional minimum per order and an optional cap as a share of trade value. */
export interface CommissionConfig {
  /** Dollars per share, e.g. "0.005". */
  readonly perShare: string;
  /** Minimum per order, e.g. "1". */
  readonly minimum?: string;
  /** Maximum as a fraction of the trade's value, e.g. "0.01" for 1%. */
  readonly maximumPct?: string;
}

/** Computes commissions exactly: max(minimum, qty × perShare), capped at maximumPct × qty × price. */
export class PerShareCommission {
  private readonly perShare: Decimal;
  private readonly minimum: Decimal;
  private readonly maxPct: Decimal | null;
  constructor(cfg: CommissionConfig) {
    this.perShare = new Decimal(cfg.perShare);
    this.minimum = new Decimal(cfg.minimum ?? '0');
    this.maxPct = cfg.maximumPct !== undefined ? new Decimal(cfg.maximumPct) : null;
  }

  // without a cap the commission depends on the quantity only; quantities repeat (and parsed
  // decimals are shared objects), so results are remembered per quantity object
  private readonly byQty = new WeakMap<Decimal, Decimal>();

  /** Commission of an order of `qty` shares at `price`. */
  of(qty: Decimal, price: Decimal): Decimal {
    if (!this.maxPct) {
      let c = this.byQty.get(qty);
      if (c === undefined) {
        c = qty.times(this.perShare);
        if (c.lt(this.minimum)) c = this.minimum;
        this.byQty.set(qty, c);
      }
      return c;
    }
    let c = qty.times(this.perShare);
    if (c.lt(this.minimum)) c = this.minimum;
    if (this.maxPct) {
      const cap = qty.times(price).times(this.maxPct);
      if (c.gt(cap)) c = cap;
    }
    return c;
  }
}
