// A running balance of the ledger (cash, commissions, realized P&L) kept as a scaled integer while it
// fits, so that booking a fill adds integers instead of building decimal.js objects; the decimal,
// its text and its float are made only when read.
import { Decimal, POW10, ScaledInt, addDec, decStr, isSafe, scaledText, subDec } from '../model/index.js';

/** Most decimals a scaled value keeps (10^15 and any safe integer times it stay exact in the checks below). */
const MAX_SCALE = 15;

// the last decimal read by `readScaled`: its value is rm × 10^−rk (scratch, to read without allocating)
let rm = 0;
let rk = 0;

/**
 * Reads `x` as a safe integer `rm` times 10^−`rk` (rk ≤ 15, no trailing zero in rm when rk > 0), from
 * decimal.js's public fields: `d`, base-10^7 words (the first without leading zeros, the others 7
 * digits each, trailing zero words dropped), `e`, the power of ten of the leading digit, `s`, the sign.
 * False when it does not fit (or is not finite); a zero reads as 0 whatever its sign.
 */
function readScaled(x: Decimal): boolean {
  if (x === lastRead) {
    rm = lastM;
    rk = lastK;
    return lastFits;
  }
  const fits = readScaledOnce(x);
  lastRead = x;
  lastFits = fits;
  lastM = rm;
  lastK = rk;
  return fits;
}

// the last decimal read and what it gave: a fill's commission is added to three sums (the ledger's,
// the position's and the round trip's), read once (decimals are immutable, so the same object reads the same)
let lastRead: Decimal | undefined;
let lastFits = false;
let lastM = 0;
let lastK = 0;

// readScaled without the memo
function readScaledOnce(x: Decimal): boolean {
  const d = x.d;
  if (!d) return false;
  const w0 = d[0]!;
  if (w0 === 0) {
    rm = 0;
    rk = 0;
    return true;
  }
  const len = d.length;
  if (len > 3) return false;
  let n = w0 < 10 ? 1 : w0 < 100 ? 2 : w0 < 1e3 ? 3 : w0 < 1e4 ? 4 : w0 < 1e5 ? 5 : w0 < 1e6 ? 6 : 7;
  let m = w0;
  // an exact result of at most 2^53 − 1 is computed exactly; a larger one rounds to at least 2^53 and is refused
  for (let i = 1; i < len; i++) {
    m = m * 1e7 + d[i]!;
    n += 7;
  }
  if (m > Number.MAX_SAFE_INTEGER) return false;
  // x = ±m × 10^(e − n + 1)
  let k = n - 1 - x.e;
  if (k <= 0) {
    if (-k > 15) return false;
    m *= POW10[-k]!;
    if (m > Number.MAX_SAFE_INTEGER) return false;
    k = 0;
  } else {
    while (k > 0 && m % 10 === 0) {
      m /= 10;
      k--;
    }
    if (k > MAX_SCALE) return false;
  }
  rm = x.s < 0 ? -m : m;
  rk = k;
  return true;
}

/**
 * An exact running sum that gives the values that `addDec` and `subDec` (decimal.js, skipping zero
 * terms) give for the same additions, in the same order.
 * While every term and every partial sum is a safe integer at a common scale (at most 15 decimals), the
 * sum is that integer: such a sum has at most 16 significant digits, so decimal.js (34 digits) computes
 * it exactly too. The first term or sum that does not fit moves the balance to decimal.js, which then
 * performs each later addition itself, so from there on the operations are decimal.js's own.
 * A negative zero is kept by decimal.js (integers have no −0).
 */
export class ExactSum extends ScaledInt {
  // the value is m × 10^−k (ScaledInt) while `big` is undefined
  /** The value, once it left the scaled integers. */
  private big: Decimal | undefined;
  /** The decimal and the text of the scaled value, made when first read after a change. */
  private dec: Decimal | undefined;
  private txt: string | undefined;

  constructor(x?: Decimal) {
    super();
    if (x !== undefined) this.set(x);
  }

  /** Replaces the value by `x`. */
  set(x: Decimal): this {
    this.dec = x;
    this.txt = undefined;
    if (!(x.isZero() && x.isNegative()) && readScaled(x)) {
      this.m = rm;
      this.k = rk;
      this.big = undefined;
    } else this.big = x;
    return this;
  }

  /** Adds `x` (`addDec(value, x)`). */
  add(x: Decimal): this {
    if (this.big === undefined && readScaled(x) && this.addInt(rm, rk)) return this;
    return this.toBig(addDec(this.value(), x));
  }

  /** Subtracts `x` (`subDec(value, x)`). */
  sub(x: Decimal): this {
    if (this.big === undefined && readScaled(x) && this.addInt(-rm, rk)) return this;
    return this.toBig(subDec(this.value(), x));
  }

  /** Adds `a − b` (`addDec(value, subDec(a, b))`). */
  addDiff(a: Decimal, b: Decimal): this {
    if (this.big === undefined && readScaled(a)) {
      const am = rm, ak = rk;
      if (readScaled(b)) {
        // a − b at the larger scale: exact while both rescaled terms and the difference are safe
        const k = ak > rk ? ak : rk;
        const x = am * POW10[k - ak]!, y = rm * POW10[k - rk]!;
        const diff = x - y;
        if (isSafe(x) && isSafe(y) && isSafe(diff) && this.addInt(diff, k)) return this;
      }
    }
    return this.toBig(addDec(this.value(), subDec(a, b)));
  }

  /** Adds another sum's value (`addDec(value, s.value())`). */
  addSum(s: ExactSum): this {
    if (this.big === undefined && s.big === undefined && this.addInt(s.m, s.k)) return this;
    return this.toBig(addDec(this.value(), s.value()));
  }

  /** The value as a decimal (the same object until the value changes). */
  value(): Decimal {
    if (this.big !== undefined) return this.big;
    return (this.dec ??= new Decimal(this.text()));
  }

  /** The value's text, as {@link decStr} writes it. */
  text(): string {
    if (this.big !== undefined) return decStr(this.big);
    return (this.txt ??= scaledText(this.m, this.k));
  }

  /**
   * The value as the nearest float, as decimal.js's `toNumber` gives it: m ÷ 10^k is one correctly
   * rounded division of two exact floats (m safe, 10^k ≤ 10^15), so it is the float nearest to the value too.
   */
  toNumber(): number {
    if (this.big !== undefined) return this.big.toNumber();
    return this.k === 0 ? this.m : this.m / POW10[this.k]!;
  }

  /** Whether the value is zero. */
  isZero(): boolean {
    return this.big !== undefined ? this.big.isZero() : this.m === 0;
  }

  /** Adds the value to `acc` while it is a scaled integer; false (acc unchanged) once it is decimal.js's, or when the sum does not fit. */
  addTo(acc: ScaledAcc): boolean {
    return this.big === undefined && acc.add(this.m, this.k);
  }

  // adds mt × 10^−kt (a zero leaves the value and its scale as they are); false when it does not fit
  private addInt(mt: number, kt: number): boolean {
    if (mt === 0) return true;
    if (!this.addScaled(mt, kt)) return false;
    this.dec = undefined;
    this.txt = undefined;
    return true;
  }

  private toBig(x: Decimal): this {
    if (x === this.big) return this;
    this.big = x;
    this.dec = undefined;
    this.txt = undefined;
    return this;
  }
}

/**
 * A scratch exact value m × 10^−k (m a safe integer, k ≤ 15) for sums and products whose results are
 * only written as text (a snapshot's values): each step says whether it stayed exact; the caller
 * computes with decimal.js instead when one did not. A result that is exact here is the value
 * decimal.js gives for the same operations, as it has at most 16 significant digits (decimal.js keeps 34).
 */
export class ScaledAcc extends ScaledInt {
  /** Sets the value to zero. */
  clear(): this {
    this.m = 0;
    this.k = 0;
    return this;
  }

  /** The scaled integer m (the value is m × 10^−scale). */
  get mantissa(): number {
    return this.m;
  }

  /** The scale k. */
  get scale(): number {
    return this.k;
  }

  /** Adds mt × 10^−kt (kt ≤ 15); false, nothing changed, when it does not fit. */
  add(mt: number, kt: number): boolean {
    return mt === 0 || this.addScaled(mt, kt);
  }

  /** Adds `x`, or subtracts it when `negate`. */
  addDec(x: Decimal, negate = false): boolean {
    return readScaled(x) && this.add(negate ? -rm : rm, rk);
  }

  /** Adds the value of `x`, or subtracts it when `negate`. */
  addAcc(x: ScaledAcc, negate = false): boolean {
    return this.add(negate ? -x.m : x.m, x.k);
  }

  /** Adds `x` × m × 10^−k, or subtracts it when `negate`. */
  addProduct(x: Decimal, m: number, k: number, negate = false): boolean {
    if (!readScaled(x) || rk + k > MAX_SCALE) return false;
    // an exact product of at most 2^53 − 1 is a float exactly; a larger one rounds to at least 2^53 and is refused
    const p = rm * m;
    return isSafe(p) && this.add(negate ? -p : p, rk + k);
  }

  /** Whether the value is zero. */
  isZero(): boolean {
    return this.m === 0;
  }

  /** Whether the value is above zero. */
  isPositive(): boolean {
    return this.m > 0;
  }

  /** The text of the value, as {@link decStr} writes it. */
  text(): string {
    return scaledText(this.m, this.k);
  }
}
