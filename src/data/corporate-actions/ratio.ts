// Exact-looking numbers from vendor floats: split ratios as small fractions (1/0.142857142857143 is a
// 7-for-1), and decimal strings for the contracts (money rounded to a stated number of places).
import { Decimal, decStr, numStr } from '../../model/decimal.js';

/** A ratio `to / from` of whole share counts (4-for-1: to 4, from 1). */
export interface ShareRatio {
  readonly from: number;
  readonly to: number;
}

/**
 * The fraction `to/from` (denominator ≤ 1000) nearest to `x`, found by continued fractions, when it lies
 * within a relative 1e-9 of `x` (vendor factors carry float noise such as 6.999999999999994); otherwise
 * undefined. `x` must be positive and finite.
 */
export function shareRatio(x: number): ShareRatio | undefined {
  if (!(x > 0 && x < Infinity)) return undefined;
  let h0 = 0, h1 = 1, k0 = 1, k1 = 0;
  let v = x;
  for (let i = 0; i < 32; i++) {
    const a = Math.floor(v);
    const h2 = a * h1 + h0;
    const k2 = a * k1 + k0;
    if (k2 > 1000) break;
    [h0, h1, k0, k1] = [h1, h2, k1, k2];
    if (Math.abs(h1 / k1 - x) <= 1e-9 * x) return { to: h1, from: k1 };
    const frac = v - a;
    if (frac < 1e-12) break;
    v = 1 / frac;
  }
  return undefined;
}

/** `to/from` as a decimal string: exact when it terminates, else rounded to 10 places. */
export function ratioString(r: ShareRatio): string {
  return decStr(new Decimal(r.to).div(r.from).toDecimalPlaces(10));
}

/** A float as the decimal it was written as (its shortest round-trip text). */
export function floatString(x: number): string {
  return numStr(x);
}

/** `(1 − factor) × previousClose` rounded half-even to `places` decimals, as a contract decimal string. */
export function dividendAmount(factor: number, previousClose: number, places = 6): string {
  return decStr(new Decimal(1).minus(numStr(factor)).times(numStr(previousClose)).toDecimalPlaces(places));
}
