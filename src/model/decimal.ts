// The exact decimal type of the ledger and of every money field in events.
import { Decimal as DecimalJs } from 'decimal.js';

/** decimal.js configured for money: 34 significant digits, banker's rounding, never exponent notation in toFixed. */
export const Decimal = DecimalJs.clone({ precision: 34, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
/** An exact decimal value. */
export type Decimal = DecimalJs;

/** The decimal string of a value as the contracts want it (`^-?\d+(\.\d+)?$`), with no `-0`. */
export function decStr(x: DecimalJs): string {
  const s = x.toFixed();
  return s === '-0' ? '0' : s;
}

/** A float price or quantity as the exact decimal it was written as (its shortest round-trip form). */
export function decOf(x: number): DecimalJs {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  return new Decimal(x);
}
