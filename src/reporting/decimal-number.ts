// The float of a decimal text, as Number(text) gives it, without the engine's general string-to-number
// conversion for the texts runs are made of (prices, quantities, P&L): a run reads tens of thousands.

/** 10^k for k = 0..15, each exact in a double. */
const POW10: readonly number[] = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * `Number(text)`, exactly. A plain decimal `-?digits(.digits)?` of at most 15 digits in all is
 * m / 10^k with m < 10^15 and 10^k both exact doubles, and one division rounds correctly (IEEE 754),
 * so it gives the correctly rounded value of the decimal, which is what Number gives (the fast path
 * of Clinger's algorithm); any other text goes to Number.
 */
export function decimalNumber(text: string): number {
  const n = text.length;
  if (n === 0 || n > 17) return Number(text);
  let i = 0;
  const negative = text.charCodeAt(0) === 45;
  if (negative) i = 1;
  let m = 0, digits = 0, frac = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
    } else if (c === 46 && frac < 0 && digits > 0 && i + 1 < n) {
      frac = digits;
    } else {
      return Number(text);
    }
  }
  if (digits === 0 || digits > 15) return Number(text);
  const k = frac < 0 ? 0 : digits - frac;
  const v = k === 0 ? m : m / POW10[k]!;
  return negative ? -v : v;
}
