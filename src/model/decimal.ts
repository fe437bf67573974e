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

/**
 * The decimal text of a float as it was written (its shortest round-trip form): `String(x)`,
 * which is what decimal.js itself reads from a number, except that exponent forms go through decimal.js.
 */
export function numStr(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const s = String(x);
  if (s.indexOf('e') < 0) return s === '-0' ? '0' : s;
  return decStr(new Decimal(x));
}

/** A float price or quantity as the exact decimal it was written as (its shortest round-trip form). */
export function decOf(x: number): DecimalJs {
  return parseDec(numStr(x));
}

// Prices, quantities and commissions repeat a lot (cents around a level, round lots); decimals are
// immutable, so parsed values are shared. The cache is cleared when it grows past its bound.
const parsed = new Map<string, DecimalJs>();
const PARSED_MAX = 1 << 16;

/** Parses a decimal string, sharing the (immutable) result with earlier parses of the same text. */
export function parseDec(s: string): DecimalJs {
  let d = parsed.get(s);
  if (d === undefined) {
    if (parsed.size >= PARSED_MAX) parsed.clear();
    d = new Decimal(s);
    parsed.set(s, d);
  }
  return d;
}
