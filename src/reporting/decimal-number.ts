// The float of a decimal text, as Number(text) gives it, without the engine's general string-to-number
// conversion for the texts runs are made of (prices, quantities, P&L): a run reads tens of thousands.
import { POW10, scaledOf } from '../model/index.js';

/**
 * `Number(text)`, exactly. A plain decimal of at most 15 digits in all is m / 10^k with m < 10^15 and
 * 10^k both exact doubles, and one division rounds correctly (IEEE 754), so it gives the correctly
 * rounded value of the decimal, which is what Number gives (the fast path of Clinger's algorithm);
 * any other text goes to Number.
 */
export function decimalNumber(text: string): number {
  const s = scaledOf(text);
  return s === undefined ? Number(text) : s.k === 0 ? s.m : s.m / POW10[s.k]!;
}
