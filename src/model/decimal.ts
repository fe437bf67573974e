// The exact decimal type of the ledger and of every money field in events.
import { Decimal as DecimalJs } from 'decimal.js';

/** decimal.js configured for money: 34 significant digits, banker's rounding, never exponent notation in toFixed. */
export const Decimal = DecimalJs.clone({ precision: 34, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
/** An exact decimal value. */
export type Decimal = DecimalJs;

/** The decimal string of a value as the contracts want it (`^-?\d+(\.\d+)?$`), with no `-0`. */
export function decStr(x: DecimalJs): string {
  // zero (of either sign) is "0": most snapshot totals are
  const d = x.d;
  if (d && d[0] === 0) return '0';
  const s = x.toFixed();
  return s === '-0' ? '0' : s;
}

/**
 * Remembers the text of the last value it formatted: asked again with the same (immutable) object,
 * it returns that text without formatting. For values that usually stay the same object from one
 * snapshot to the next (totals, a position's costs).
 */
export class DecText {
  private last: DecimalJs | undefined;
  private text = '';

  /** {@link decStr} of `x`. */
  of(x: DecimalJs): string {
    if (x !== this.last) {
      this.text = decStr(x);
      this.last = x;
    }
    return this.text;
  }
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
// text and the decimal of a float are memoised by value in direct-mapped tables (a slot per hash of
// the value, the last value there kept: no growth, no rehashing), strings in a map cleared past its bound.
const SLOTS = 1 << 14;
const slotKeys = new Float64Array(SLOTS).fill(NaN);
const slotTexts: string[] = new Array<string>(SLOTS).fill('');
const slotDecs: (DecimalJs | undefined)[] = new Array<DecimalJs | undefined>(SLOTS).fill(undefined);
const parsed = new Map<string, DecimalJs>();
const CACHE_MAX = 1 << 16;

// the slot of a float: its cents (prices a cent apart take neighbouring slots) mixed with its
// magnitude; any value may take any slot, since a hit needs the same value (−0 and 0 share one, as
// their text and decimal are the same; NaN never hits)
function slotOf(x: number): number {
  return (((x * 100) | 0) ^ ((x / 4294967296) | 0)) & (SLOTS - 1);
}

/**
 * The decimal text of a float as it was written (its shortest round-trip form): `String(x)`,
 * which is what decimal.js itself reads from a number, except that exponent forms go through decimal.js.
 */
export function numStr(x: number): string {
  const i = slotOf(x);
  if (slotKeys[i] === x) return slotTexts[i]!;
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  let s = String(x);
  if (s.indexOf('e') >= 0) s = decStr(new Decimal(x));
  else if (s === '-0') s = '0';
  slotKeys[i] = x;
  slotTexts[i] = s;
  slotDecs[i] = undefined;
  return s;
}

/** A float price or quantity as the exact decimal it was written as (its shortest round-trip form). */
export function decOf(x: number): DecimalJs {
  const i = slotOf(x);
  if (slotKeys[i] === x) {
    const d = slotDecs[i];
    if (d !== undefined) return d;
  }
  // numStr fills the slot with x (or throws for a non-finite x)
  const d = parseDec(numStr(x));
  slotDecs[i] = d;
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

/**
 * {@link parseDec} of a text, faster when the text is a float's shortest form that {@link numStr}
 * wrote lately (a signal's price): the decimal then comes from that float's slot, without a map
 * lookup. Exact: a slot holding the same float and the same text holds `parseDec` of that text.
 */
export function decText(s: string): DecimalJs {
  const x = +s;
  const i = slotOf(x);
  if (slotKeys[i] === x && slotTexts[i] === s) {
    let d = slotDecs[i];
    if (d === undefined) slotDecs[i] = d = parseDec(s);
    return d;
  }
  return parseDec(s);
}

// a decimal string as the contracts write them, split into sign and digits, integer part and fraction
const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;
/** 10^k for k = 0..22: each is exact in a double (the powers a decimal's fast float conversion may use). */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** A decimal m × 10^−k with m a safe integer and k ≤ 15. */
export interface Scaled {
  readonly m: number;
  readonly k: number;
}

/**
 * A plain decimal text (an optional minus, digits, an optional fraction) as m × 10^−k, or undefined
 * when it has another form or more than 15 digits (then m might not be a safe integer). The digits
 * are read as an integer: below 10^15 every step is exact, so m is the text's digits exactly.
 */
export function scaledOf(s: string): Scaled | undefined {
  const n = s.length;
  const neg = s.charCodeAt(0) === 45;
  let dot = -1;
  let digits = 0;
  let m = 0;
  for (let i = neg ? 1 : 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 && dot < 0) dot = i;
    else if (isDigit(c)) {
      m = m * 10 + (c - 48);
      digits++;
    } else return undefined;
  }
  if (digits === 0 || digits > 15 || dot === n - 1 || dot === (neg ? 1 : 0)) return undefined;
  return { m: neg ? -m : m, k: dot < 0 ? 0 : n - dot - 1 };
}

/**
 * Whether `s` is a plain decimal in the form decStr writes (optional minus, no leading zero but the
 * units, a fraction without trailing zeros, no −0): then it is decStr of its own value, which can be
 * written without formatting the decimal again.
 */
export function isCanonical(s: string): boolean {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  const int = i - start;
  if (int === 0 || (int > 1 && s.charCodeAt(start) === 48)) return false;
  if (i === n) return !(start === 1 && int === 1 && s.charCodeAt(1) === 48);
  if (s.charCodeAt(i) !== 46) return false;
  const frac = ++i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  return i === n && i > frac && s.charCodeAt(n - 1) !== 48;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether `x` is an integer float can hold exactly whatever its neighbours (|x| ≤ 2^53 − 1). */
export function isSafe(x: number): boolean {
  return x <= Number.MAX_SAFE_INTEGER && x >= -Number.MAX_SAFE_INTEGER;
}

/** The decimal text of m × 10^−k (m a safe integer, k ≤ 15), as {@link decStr} writes it. */
export function scaledText(m: number, k: number): string {
  while (k > 0 && m % 10 === 0) {
    m /= 10;
    k--;
  }
  if (m === 0) return '0';
  const neg = m < 0;
  let digits = String(neg ? -m : m);
  if (k > 0) {
    if (digits.length <= k) digits = '0'.repeat(k - digits.length + 1) + digits;
    digits = `${digits.slice(0, digits.length - k)}.${digits.slice(digits.length - k)}`;
  }
  return neg ? `-${digits}` : digits;
}

/**
 * An exact sum held as the safe integer `m` times 10^−`k` (k ≤ 15): any sum of such terms is
 * exact in floats while every rescaled term and partial sum stays a safe integer. The base of the
 * exact running sums ({@link DecimalSum}, the ledger's ExactSum), which fall back to decimal.js past that.
 */
export class ScaledInt {
  protected m = 0;
  protected k = 0;

  /** Adds mt × 10^−kt; false (nothing changed) when a rescaled term or the sum would leave the safe integers. */
  protected addScaled(mt: number, kt: number): boolean {
    let m = this.m, k = this.k;
    if (kt > k) {
      m *= POW10[kt - k]!;
      k = kt;
    } else if (kt < k) mt *= POW10[k - kt]!;
    const next = m + mt;
    if (!(isSafe(m) && isSafe(mt) && isSafe(next))) return false;
    this.m = next;
    this.k = k;
    return true;
  }
}

/**
 * Sums decimal strings (and products of two) exactly, giving the value decimal.js gives for the
 * same sum. While every term and partial sum is an integer of at most 2^53 − 1 at a common scale
 * (at most 15 decimals), the sum is kept in a float, where such integers and their sums are exact;
 * the first term that does not fit moves the sum to decimal.js, which then takes every later term.
 * (decimal.js is exact too for these terms: they have at most 16 significant digits, well inside its 34.)
 */
export class DecimalSum extends ScaledInt {
  private dec: DecimalJs | undefined;

  /** Adds the decimal text `s`. */
  add(s: string): this {
    if (this.dec === undefined) {
      const m = PLAIN.exec(s);
      if (m !== null && this.addText(m[1] === '-', m[2]!, m[3] ?? '')) return this;
      this.spill();
    }
    this.dec = this.dec!.plus(parseDec(s));
    return this;
  }

  /** Adds the product of the decimal texts `a` and `b`. */
  addProduct(a: string, b: string): this {
    if (this.dec === undefined) {
      const x = PLAIN.exec(a), y = PLAIN.exec(b);
      if (x !== null && y !== null) {
        const fx = x[3] ?? '', fy = y[3] ?? '';
        const mx = Number(x[2]! + fx), my = Number(y[2]! + fy);
        const p = mx * my;
        // an exact product of at most 2^53 − 1 is a float exactly; a larger one rounds to at least 2^53
        if (fx.length + fy.length <= 15 && mx <= Number.MAX_SAFE_INTEGER && my <= Number.MAX_SAFE_INTEGER && p <= Number.MAX_SAFE_INTEGER
          && this.addScaled((x[1] === '-') !== (y[1] === '-') ? -p : p, fx.length + fy.length)) return this;
      }
      this.spill();
    }
    this.dec = this.dec!.plus(parseDec(a).times(parseDec(b)));
    return this;
  }

  /** The sum so far. */
  value(): DecimalJs {
    return this.dec ?? parseDec(scaledText(this.m, this.k));
  }

  private addText(negative: boolean, int: string, frac: string): boolean {
    if (frac.length > 15) return false;
    const m = Number(int + frac);
    return m <= Number.MAX_SAFE_INTEGER && this.addScaled(negative ? -m : m, frac.length);
  }

  // the sum so far into decimal.js
  private spill(): void {
    this.dec = new Decimal(scaledText(this.m, this.k));
  }
}

