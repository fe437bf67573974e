// A decimal's float without going through its text: decimal.js's toNumber formats the decimal and
// parses the string back. When the decimal has at most 15 significant digits and a power of ten of at
// most 22, its coefficient and that power are exact floats and one multiplication or division rounds
// the quotient correctly (the "fast path" of correctly rounded decimal-to-float conversion), so the
// result is the same float as toNumber's; other decimals go through toNumber.
import { POW10, type Decimal } from '../model/index.js';

/** `x.toNumber()`, the same float, computed from decimal.js's base-1e7 words when they are few. */
export function toFloat(x: Decimal): number {
  const d = x.d;
  // d: base-1e7 words, the first without leading zeros; e: the power of ten of the leading digit
  if (d && d.length <= 3) {
    const w0 = d[0]!;
    let n = w0 < 10 ? 1 : w0 < 100 ? 2 : w0 < 1e3 ? 3 : w0 < 1e4 ? 4 : w0 < 1e5 ? 5 : w0 < 1e6 ? 6 : 7;
    let c = w0;
    for (let i = 1; i < d.length; i++) {
      c = c * 1e7 + d[i]!;
      n += 7;
    }
    if (n <= 15) {
      const k = x.e - n + 1; // x = ±c × 10^k
      if (k >= 0 && k <= 22) return x.s * (c * POW10[k]!);
      if (k < 0 && k >= -22) return x.s * (c / POW10[-k]!);
    }
  }
  return x.toNumber();
}
