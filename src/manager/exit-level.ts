// An enforced exit's level at a percent from the entry: price × factor rounded half-even to 4
// decimals, computed in scaled integers when they are exact (the value decimal.js gives, without it).
import { scaledText } from '../model/index.js';

/** A decimal m × 10^−k with m a safe integer and k ≤ 15. */
export interface Scaled {
  readonly m: number;
  readonly k: number;
}

const POW10: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * A plain decimal text (an optional minus, digits, an optional fraction) as m × 10^−k, or undefined
 * when it has another form or more than 15 digits (then m might not be a safe integer).
 */
export function scaledOf(s: string): Scaled | undefined {
  const neg = s.charCodeAt(0) === 45;
  let dot = -1;
  let digits = 0;
  for (let i = neg ? 1 : 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 && dot < 0) dot = i;
    else if (c >= 48 && c <= 57) digits++;
    else return undefined;
  }
  if (digits === 0 || digits > 15 || dot === s.length - 1 || dot === (neg ? 1 : 0)) return undefined;
  const m = Number(dot < 0 ? s : s.slice(0, dot) + s.slice(dot + 1));
  return { m, k: dot < 0 ? 0 : s.length - dot - 1 };
}

/**
 * decStr of price × factor rounded half-even to 4 decimals (the exit level decimal.js computes),
 * or undefined when the level is not > 0 or the integers might not be exact (the caller then uses
 * decimal.js). Exact: the product of two safe integers is computed exactly in a float when it is at
 * most 2^53 − 1 (a larger one rounds to at least 2^53 and is refused), and so are the remainder and
 * quotient by the power of ten that rounding to 4 decimals divides by.
 */
export function levelText(price: Scaled, factor: Scaled): string | undefined {
  const p = price.m * factor.m;
  const k = price.k + factor.k;
  if (!(p > 0 && p <= Number.MAX_SAFE_INTEGER && k <= 15)) return undefined;
  if (k <= 4) return scaledText(p, k);
  const d = POW10[k - 4]!;
  // (% of floats is exact, and p − r is a multiple of d below 2^53: the quotient is exact too)
  const r = p % d;
  let q = (p - r) / d;
  // half-even: above half rounds up, exactly half rounds to the even neighbour
  if (2 * r > d || (2 * r === d && q % 2 === 1)) q++;
  return q > 0 ? scaledText(q, 4) : undefined;
}
