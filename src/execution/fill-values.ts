// The gross and net values of fills, remembered per quantity and price: a run fills the same
// quantity at the same prices again and again, and each value is a decimal.js product and sum.
import { decOf, decStr, type Decimal } from '../model/index.js';

/** The values of fills of `quantity` at `price`. */
export interface FillValues {
  readonly quantity: Decimal;
  /** The float the price was read from (NaN for a price that is no float's, e.g. after slippage). */
  readonly priceValue: number;
  readonly price: Decimal;
  /** quantity × price. */
  readonly gross: Decimal;
  readonly grossText: string;
  /** The net value's text of the last buy and of the last sell, and the costs each was made with. */
  buyCosts: Decimal | undefined;
  buyNet: string;
  sellCosts: Decimal | undefined;
  sellNet: string;
}

const SLOTS = 1 << 14;

function values(quantity: Decimal, price: Decimal, priceValue: number): FillValues {
  const gross = quantity.times(price);
  return { quantity, priceValue, price, gross, grossText: decStr(gross), buyCosts: undefined, buyNet: '', sellCosts: undefined, sellNet: '' };
}

/**
 * Values of fills in a direct-mapped table: a slot per hash of the price's float, holding the last
 * quantity and price there. A hit needs the very same (immutable) quantity object and the same
 * float price, so it is the same product; a net value is reused for the very same costs object.
 * One table per run (its hits come from the run's own fills).
 */
export class FillValueTable {
  private readonly slots: (FillValues | undefined)[] = new Array<FillValues | undefined>(SLOTS).fill(undefined);

  /** The values of fills of `quantity` at the float price `priceValue` (whose decimal is decOf's). */
  of(quantity: Decimal, priceValue: number): FillValues {
    // the price's cents pick the slot (prices a cent apart take neighbouring slots)
    const i = ((priceValue * 100) | 0) & (SLOTS - 1);
    let v = this.slots[i];
    if (v === undefined || v.quantity !== quantity || v.priceValue !== priceValue) {
      v = values(quantity, decOf(priceValue), priceValue);
      this.slots[i] = v;
    }
    return v;
  }

  /** The values of one fill of `quantity` at a decimal `price` that is no float's (not remembered). */
  once(quantity: Decimal, price: Decimal): FillValues {
    return values(quantity, price, NaN);
  }

  /** The net value's text of a fill with values `v` and `costs`: buy −(gross + costs), sell +(gross − costs). */
  net(v: FillValues, costs: Decimal, buy: boolean): string {
    if (buy) {
      if (v.buyCosts !== costs) {
        // the text of −(gross + costs) is the sum's with the sign flipped ("0" stays "0")
        const s = decStr(v.gross.plus(costs));
        v.buyNet = s === '0' ? s : s.charCodeAt(0) === 45 ? s.slice(1) : `-${s}`;
        v.buyCosts = costs;
      }
      return v.buyNet;
    }
    if (v.sellCosts !== costs) {
      v.sellNet = decStr(v.gross.minus(costs));
      v.sellCosts = costs;
    }
    return v.sellNet;
  }
}
