// The risk policy's enforced exits (stop-loss and take-profit at a percent or an ATR multiple from
// the entry) and their levels: a percent's level, price × factor rounded half-even to 4 decimals, is
// computed in scaled integers when they are exact (the value decimal.js gives, without it).
import { Decimal, POW10, decOf, decStr, scaledOf, scaledText, type Scaled } from '../model/index.js';
import type { RiskPolicy } from './risk-policy.js';

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

/** One exit of the policy: `buy`/`sell` are the factors for a long's / a short's entry. */
export interface ExitRule {
  readonly key: 'stop_loss' | 'take_profit';
  readonly buy: Decimal;
  readonly sell: Decimal;
  /** A percent's factors as scaled integers, for {@link levelText} (undefined: an ATR distance, or too many digits). */
  readonly buyScaled?: Scaled | undefined;
  readonly sellScaled?: Scaled | undefined;
  /** ATR multiple and window (undefined: a percent). */
  readonly atr?: number;
  readonly window: number;
}

/** The policy's exits, stop-loss first: a percent as 1 ± percent, an ATR distance as ± multiple. */
export function exitRules(policy: RiskPolicy): ExitRule[] {
  const out: ExitRule[] = [];
  for (const [key, dist, sign] of [['stop_loss', policy.stops.stop_loss, -1], ['take_profit', policy.stops.take_profit, 1]] as const) {
    if (dist === undefined) continue;
    if ('percent' in dist) {
      const d = decOf(dist.percent);
      const buy = Decimal.add(1, d.times(sign)), sell = Decimal.add(1, d.times(-sign));
      out.push({ key, buy, sell, buyScaled: scaledOf(decStr(buy)), sellScaled: scaledOf(decStr(sell)), window: 0 });
    } else {
      const m = decOf(dist.atr);
      out.push({ key, buy: m.times(sign), sell: m.times(-sign), atr: dist.atr, window: dist.window });
    }
  }
  return out;
}

/** `x` rounded to 4 decimals (an exit level's precision); a value with at most 4 is itself, without a rounding call. */
export function dp4(x: Decimal): Decimal {
  return x.decimalPlaces() <= 4 ? x : x.toDecimalPlaces(4);
}
