// One strategy's position in one symbol: its open lots, and the matching of closing fills against them.
import { Decimal, addDec, cmpDec, decOf, decStr, isPositive, numStr, scaledOf, subDec, type LotMethod, type Scaled } from '../model/index.js';
import { ExactSum } from './exact-sum.js';

export type { LotMethod };

/**
 * An open lot: what one opening fill (or the opening part of one) bought or sold short. It keeps
 * its entry value, not its price, so that splits (quantity × ratio) leave the value exact; the
 * entry price is cost ÷ qty.
 */
export interface Lot {
  /** Unsigned quantity still open. */
  qty: Decimal;
  /** Entry value of the open quantity: qty × entry price (unsigned). */
  cost: Decimal;
  /** Entry commission and fees not yet charged against realized P&L (pro-rated as the lot closes). */
  commission: Decimal;
  readonly fillId: string;
  /** The entry price while the lot is as one fill opened it (cost = qty × price exactly); dropped when the lot changes. */
  price?: Decimal | undefined;
}

/** Decimal places of pro-rated amounts (a part of a lot's cost or commission); the rest stays on the lot, so sums stay exact. */
export const PART_DP = 12;

/** `whole × m / of`, rounded to PART_DP places. */
export function part(whole: Decimal, m: Decimal, of: Decimal): Decimal {
  return whole.times(m).div(of).toDecimalPlaces(PART_DP, Decimal.ROUND_HALF_EVEN);
}

/** The entry price of a lot. */
export function lotPrice(l: Lot): Decimal {
  return l.cost.div(l.qty);
}

/** The result of matching a closing quantity against the lots. */
export interface CloseResult {
  /** Quantity actually closed (≤ the asked quantity). */
  readonly closed: Decimal;
  /** Realized P&L of the closed part, net of the pro-rated entry and exit commissions. */
  readonly realized: Decimal;
  /** The same, as the sum the ledger adds to its balances (the decimal is made only when `realized` is read). */
  readonly realizedSum: ExactSum;
}

class Closed implements CloseResult {
  constructor(readonly closed: Decimal, readonly realizedSum: ExactSum) {}

  get realized(): Decimal {
    return this.realizedSum.value();
  }
}

const ZERO = new Decimal(0);

/** A position made of lots; `sign` is +1 for long lots, −1 for short lots, 0 when flat. */
export class Position {
  lots: Lot[] = [];
  sign: 0 | 1 | -1 = 0;
  /** Realized P&L: closed lots net of costs, plus dividends, less borrow fees. */
  readonly realized = new ExactSum();
  /** Commissions of this position's fills. */
  readonly commissionPaid = new ExactSum();
  feesPaid: Decimal = ZERO;
  dividendsReceived: Decimal = ZERO;
  dividendsPaid: Decimal = ZERO;
  borrowFees: Decimal = ZERO;
  /** The mark; undefined until read after {@link markAt} (then it is decOf(markNumber)). */
  private mark_: Decimal | undefined = ZERO;
  /** The float the mark was made from (NaN when it came from a fill price, a split or a checkpoint). */
  private markNumber_ = NaN;
  /** The mark as a scaled integer once asked for; null when it has more than 15 digits. */
  private markScaled_: Scaled | null | undefined;
  /** Unsigned open quantity, kept in step with the lots. */
  private open_: Decimal = ZERO;

  constructor(readonly strategyId: string, public symbol: string, private readonly longMethod: LotMethod, private readonly shortMethod: LotMethod) {}

  /** Last mark price (latest valid close, or the last fill's price). */
  get mark(): Decimal {
    // a day's close is parsed only when a decimal of it is needed: snapshots read the float's text and integer
    return (this.mark_ ??= decOf(this.markNumber_));
  }

  set mark(x: Decimal) {
    this.mark_ = x;
    this.markNumber_ = NaN;
    this.markScaled_ = undefined;
  }

  /** The float the mark was made from, `mark` = decOf(markNumber) (NaN when it came from a fill price, a split or a checkpoint). */
  get markNumber(): number {
    return this.markNumber_;
  }

  /** Marks at the float close `x` (positive, finite): the mark is decOf(x), the decimal made when first read. */
  markAt(x: number): void {
    this.mark_ = undefined;
    this.markNumber_ = x;
    this.markScaled_ = undefined;
  }

  /** The mark as m × 10^−k (undefined when its plain text has more than 15 digits), read once per mark. */
  markScaled(): Scaled | undefined {
    if (this.markScaled_ === undefined) {
      // decOf(x) is the decimal of numStr(x), so that text is the mark's value
      const text = Number.isNaN(this.markNumber_) ? decStr(this.mark) : numStr(this.markNumber_);
      this.markScaled_ = scaledOf(text) ?? null;
    }
    return this.markScaled_ ?? undefined;
  }

  /** Unsigned open quantity. */
  quantity(): Decimal {
    return this.open_;
  }

  /** Signed open quantity (negative when short). */
  signedQuantity(): Decimal {
    return this.sign < 0 ? this.quantity().neg() : this.quantity();
  }

  /**
   * Adds a lot of `qty` at `price` in direction `sign` (`cost` when the entry value is known exactly;
   * `exact`: it is qty × price, so the lot's entry price is `price` until the lot changes).
   */
  open(sign: 1 | -1, qty: Decimal, price: Decimal, commission: Decimal, fillId: string, cost?: Decimal, exact = cost === undefined): void {
    if (this.sign !== 0 && this.sign !== sign) throw new Error(`cannot open ${sign > 0 ? 'long' : 'short'} lot on a ${this.sign > 0 ? 'long' : 'short'} position`);
    this.sign = sign;
    this.lots.push({ qty, cost: cost ?? qty.times(price), commission, fillId, price: exact ? price : undefined });
    this.open_ = this.lots.length === 1 ? qty : addDec(this.open_, qty);
  }

  /**
   * Closes up to `qty` at `price`; `exitCommission` is the commission (and fees) of this closing part.
   * Realized per matched lot m: (exit − entry)·m for longs, (entry − exit)·m for shorts,
   * less the lot's entry costs × m / lot qty, less exitCommission × m / qty.
   * Lots match in the position's order: fifo (oldest first), lifo (newest first), or highest_cost
   * (the least profitable first: the highest entry price of a long, the lowest of a short).
   */
  close(qty: Decimal, price: Decimal, exitCommission: Decimal, value?: Decimal): CloseResult {
    let left = qty;
    const realized = new ExactSum();
    let exitLeft = exitCommission;
    const method = this.sign > 0 ? this.longMethod : this.shortMethod;
    while (isPositive(left) && this.lots.length > 0) {
      const idx = method === 'fifo' ? 0 : method === 'lifo' ? this.lots.length - 1 : this.costliest();
      const lot = this.lots[idx]!;
      const c = cmpDec(left, lot.qty);
      const whole = c >= 0;
      const m = whole ? lot.qty : left;
      // pro-rated parts are rounded to PART_DP places and the last match takes what is left,
      // so the parts add up exactly to the lot's and the fill's amounts
      const cost = whole ? lot.cost : part(lot.cost, m, lot.qty);
      // `value` is qty × price, known to the caller: reused when this match is the whole quantity
      const exitValue = value !== undefined && (m === qty || (c === 0 && left === qty)) ? value : price.times(m);
      const entryPart = whole ? lot.commission : part(lot.commission, m, lot.qty);
      const last = !whole || c === 0;
      const exitPart = last ? exitLeft : part(exitCommission, m, qty);
      if (!last) exitLeft = subDec(exitLeft, exitPart);
      // realized + gross − entry part − exit part, gross = exit − entry value for a long, entry − exit for a short
      if (this.sign > 0) realized.addDiff(exitValue, cost);
      else realized.addDiff(cost, exitValue);
      realized.sub(entryPart).sub(exitPart);
      if (whole) {
        // (the oldest or newest lot, the usual cases, without the array splice returns)
        if (idx === 0) this.lots.shift();
        else if (idx === this.lots.length - 1) this.lots.pop();
        else this.lots.splice(idx, 1);
      } else {
        lot.price = undefined;
        lot.commission = subDec(lot.commission, entryPart);
        lot.cost = subDec(lot.cost, cost);
        lot.qty = subDec(lot.qty, m);
      }
      left = whole ? (m === left ? ZERO : subDec(left, m)) : ZERO;
    }
    const closed = left.isZero() ? qty : subDec(qty, left);
    this.realized.addSum(realized);
    this.open_ = this.lots.length === 0 ? ZERO : subDec(this.open_, closed);
    if (this.lots.length === 0) this.sign = 0;
    return new Closed(closed, realized);
  }

  /**
   * Rescales every lot for a split of `to` new shares for `from` old ones: quantity × to ÷ from
   * (the division last, so that 300 shares of a 1-for-3 become exactly 100); values (so prices
   * ÷ the ratio) unchanged.
   */
  split(to: Decimal, from: Decimal): void {
    for (const l of this.lots) {
      l.qty = l.qty.times(to).div(from);
      l.price = undefined;
    }
    this.open_ = this.open_.times(to).div(from);
  }

  /** Σ entry value of the open lots (unsigned). */
  costBasis(): Decimal {
    if (this.lots.length === 1) return this.lots[0]!.cost;
    let c = ZERO;
    for (const l of this.lots) c = c.plus(l.cost);
    return c;
  }

  /** Entry commission still attached to open lots. */
  openCommission(): Decimal {
    if (this.lots.length === 1) return this.lots[0]!.commission;
    let c = ZERO;
    for (const l of this.lots) c = c.plus(l.commission);
    return c;
  }

  /** Average entry price of the open lots, Σ cost ÷ open quantity (`basis`: their Σ cost); the fill's price for a single untouched lot. */
  averagePrice(basis: Decimal = this.costBasis()): Decimal {
    const only = this.lots.length === 1 ? this.lots[0]!.price : undefined;
    return only ?? basis.div(this.quantity());
  }

  /** Signed market value at the mark. */
  marketValue(): Decimal {
    return this.signedQuantity().times(this.mark);
  }

  /**
   * Unrealized P&L at the mark, net of the open lots' entry costs, so that
   * equity − initial equity = realized + unrealized.
   */
  unrealized(): Decimal {
    if (this.sign === 0) return ZERO;
    const q = this.quantity();
    const gross = this.sign > 0 ? this.mark.times(q).minus(this.costBasis()) : this.costBasis().minus(this.mark.times(q));
    return gross.minus(this.openCommission());
  }

  /** {@link unrealized} given the position's {@link marketValue} (the same value, without multiplying again). */
  unrealizedFrom(value: Decimal): Decimal {
    if (this.sign === 0) return ZERO;
    // long: q·mark − basis; short: basis − q·mark = basis + value (value = −q·mark)
    const gross = this.sign > 0 ? value.minus(this.costBasis()) : this.costBasis().plus(value);
    return gross.minus(this.openCommission());
  }

  /** Index of the lot highest_cost matches first (ties: the oldest); prices compared as cost_i × qty_j against cost_j × qty_i. */
  private costliest(): number {
    let best = 0;
    for (let i = 1; i < this.lots.length; i++) {
      const a = this.lots[i]!, b = this.lots[best]!;
      const l = a.cost.times(b.qty), r = b.cost.times(a.qty);
      if (this.sign > 0 ? l.gt(r) : l.lt(r)) best = i;
    }
    return best;
  }
}
