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

// decimal.js copies its argument into a new Decimal on every comparison and operation; the ledger's
// per-fill path compares and adds often, so these helpers skip the copy (comparisons) and the
// operation (adding or subtracting zero) where the result is known. Values are finite.

/** `x.cmp(y)` without copying `y`: −1, 0 or 1 (decimal.js's own algorithm over its public d, e, s fields). */
export function cmpDec(x: DecimalJs, y: DecimalJs): number {
  const xd = x.d, yd = y.d, xs = x.s;
  if (!xd || !yd) return x.cmp(y);
  if (!xd[0] || !yd[0]) return xd[0] ? xs : yd[0] ? -y.s : 0;
  if (xs !== y.s) return xs;
  if (x.e !== y.e) return (x.e > y.e) !== (xs < 0) ? 1 : -1;
  const n = xd.length < yd.length ? xd.length : yd.length;
  for (let i = 0; i < n; i++) if (xd[i] !== yd[i]) return (xd[i]! > yd[i]!) !== (xs < 0) ? 1 : -1;
  return xd.length === yd.length ? 0 : (xd.length > yd.length) !== (xs < 0) ? 1 : -1;
}

/** `x > 0` without a comparison object. */
export function isPositive(x: DecimalJs): boolean {
  return x.s > 0 && !x.isZero();
}

/**
 * `a + b`, skipping the operation when either is zero (the other is returned as it is: values in
 * the ledger come from parsed event text or earlier operations, so they are already within the precision).
 */
export function addDec(a: DecimalJs, b: DecimalJs): DecimalJs {
  return b.isZero() ? a : a.isZero() ? b : a.plus(b);
}

/** `a − b`, skipping the operation when b is zero. */
export function subDec(a: DecimalJs, b: DecimalJs): DecimalJs {
  return b.isZero() ? a : a.minus(b);
}

// Prices repeat a lot (cents around a level), and every signal and fill formats or parses one: the
// text and the decimal of a float are memoised by value. Each cache is cleared when it grows past its bound.
const texts = new Map<number, string>();
const ofNumber = new Map<number, DecimalJs>();
const parsed = new Map<string, DecimalJs>();
const CACHE_MAX = 1 << 16;

/**
 * The decimal text of a float as it was written (its shortest round-trip form): `String(x)`,
 * which is what decimal.js itself reads from a number, except that exponent forms go through decimal.js.
 */
export function numStr(x: number): string {
  let s = texts.get(x);
  if (s === undefined) {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    s = String(x);
    if (s.indexOf('e') >= 0) s = decStr(new Decimal(x));
    else if (s === '-0') s = '0';
    if (texts.size >= CACHE_MAX) texts.clear();
    texts.set(x, s);
  }
  return s;
}

/** A float price or quantity as the exact decimal it was written as (its shortest round-trip form). */
export function decOf(x: number): DecimalJs {
  let d = ofNumber.get(x);
  if (d === undefined) {
    d = parseDec(numStr(x));
    if (ofNumber.size >= CACHE_MAX) ofNumber.clear();
    ofNumber.set(x, d);
  }
  return d;
}

/** Parses a decimal string, sharing the (immutable) result with earlier parses of the same text. */
export function parseDec(s: string): DecimalJs {
  let d = parsed.get(s);
  if (d === undefined) {
    if (parsed.size >= CACHE_MAX) parsed.clear();
    d = new Decimal(s);
    parsed.set(s, d);
  }
  return d;
}
