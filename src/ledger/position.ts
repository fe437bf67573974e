// One strategy's position in one symbol: its open lots, and the matching of closing fills against them.
import { Decimal } from '../model/index.js';

/** Which lot a closing fill matches first. */
export type LotMethod = 'fifo' | 'lifo';

/** An open lot: what one opening fill (or the opening part of one) bought or sold short. */
export interface Lot {
  /** Unsigned quantity still open. */
  qty: Decimal;
  readonly price: Decimal;
  /** Entry commission not yet charged against realized P&L (pro-rated as the lot closes). */
  commission: Decimal;
  readonly fillId: string;
}

/** The result of matching a closing quantity against the lots. */
export interface CloseResult {
  /** Quantity actually closed (≤ the asked quantity). */
  readonly closed: Decimal;
  /** Realized P&L of the closed part, net of the pro-rated entry and exit commissions. */
  readonly realized: Decimal;
}

const ZERO = new Decimal(0);

/** A position made of lots; `sign` is +1 for long lots, −1 for short lots, 0 when flat. */
export class Position {
  lots: Lot[] = [];
  sign: 0 | 1 | -1 = 0;
  realized: Decimal = ZERO;
  commissionPaid: Decimal = ZERO;
  /** Last mark price (latest valid close). */
  mark: Decimal = ZERO;
  /** The float the mark was made from (NaN when it came from a fill price), to skip re-parsing it. */
  markNumber = NaN;
  /** Unsigned open quantity, kept in step with the lots. */
  private open_: Decimal = ZERO;

  constructor(readonly strategyId: string, readonly symbol: string, private readonly longMethod: LotMethod, private readonly shortMethod: LotMethod) {}

  /** Unsigned open quantity. */
  quantity(): Decimal {
    return this.open_;
  }

  /** Signed open quantity (negative when short). */
  signedQuantity(): Decimal {
    return this.sign < 0 ? this.quantity().neg() : this.quantity();
  }

  /** Adds a lot in direction `sign`. */
  open(sign: 1 | -1, qty: Decimal, price: Decimal, commission: Decimal, fillId: string): void {
    if (this.sign !== 0 && this.sign !== sign) throw new Error(`cannot open ${sign > 0 ? 'long' : 'short'} lot on a ${this.sign > 0 ? 'long' : 'short'} position`);
    this.sign = sign;
    this.lots.push({ qty, price, commission, fillId });
    this.open_ = this.lots.length === 1 ? qty : this.open_.plus(qty);
  }

  /**
   * Closes up to `qty` at `price`; `exitCommission` is the commission of this closing part.
   * Realized per matched lot m: (exit − entry)·m for longs, (entry − exit)·m for shorts,
   * less the lot's entry commission × m / lot qty, less exitCommission × m / qty.
   */
  close(qty: Decimal, price: Decimal, exitCommission: Decimal): CloseResult {
    let left = qty;
    let realized = ZERO;
    const method = this.sign > 0 ? this.longMethod : this.shortMethod;
    while (left.gt(0) && this.lots.length > 0) {
      const idx = method === 'fifo' ? 0 : this.lots.length - 1;
      const lot = this.lots[idx]!;
      const whole = left.gte(lot.qty);
      const m = whole ? lot.qty : left;
      const gross = this.sign > 0 ? price.minus(lot.price).times(m) : lot.price.minus(price).times(m);
      const entryPart = whole ? lot.commission : lot.commission.times(m).div(lot.qty);
      const exitPart = m === qty || m.eq(qty) ? exitCommission : exitCommission.times(m).div(qty);
      realized = realized.plus(gross).minus(entryPart).minus(exitPart);
      if (whole) {
        this.lots.splice(idx, 1);
      } else {
        lot.commission = lot.commission.minus(entryPart);
        lot.qty = lot.qty.minus(m);
      }
      left = whole ? left.minus(m) : ZERO;
    }
    const closed = left.isZero() ? qty : qty.minus(left);
    this.realized = this.realized.plus(realized);
    this.open_ = this.lots.length === 0 ? ZERO : this.open_.minus(closed);
    if (this.lots.length === 0) this.sign = 0;
    return { closed, realized };
  }

  /** Σ qty × entry price of the open lots (unsigned). */
  costBasis(): Decimal {
    let c = ZERO;
    for (const l of this.lots) c = c.plus(l.qty.times(l.price));
    return c;
  }

  /** Entry commission still attached to open lots. */
  openCommission(): Decimal {
    let c = ZERO;
    for (const l of this.lots) c = c.plus(l.commission);
    return c;
  }

  /** Signed market value at the mark. */
  marketValue(): Decimal {
    return this.signedQuantity().times(this.mark);
  }

  /**
   * Unrealized P&L at the mark, net of the open lots' entry commission, so that
   * equity − initial equity = realized + unrealized (before dividends and fees).
   */
  unrealized(): Decimal {
    if (this.sign === 0) return ZERO;
    const q = this.quantity();
    const gross = this.sign > 0 ? this.mark.times(q).minus(this.costBasis()) : this.costBasis().minus(this.mark.times(q));
    return gross.minus(this.openCommission());
  }
}
