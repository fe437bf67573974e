// The text of a quotient of two exact scaled integers as decimal.js divides them (34 significant digits,
// half-even), computed with BigInt: a snapshot's leverage without building decimal.js objects.
import { POW10 } from '../model/index.js';

/** Significant digits of a decimal.js division (the ledger's `Decimal` precision). */
const PRECISION = 34;

// 10^i as BigInt, for every shift a quotient of two safe integers needs (at most PRECISION + 1 + 16)
const BIG_POW10: readonly bigint[] = Array.from({ length: PRECISION + 18 }, (_, i) => 10n ** BigInt(i));

/**
 * `decStr(a ÷ b)` for a = am × 10^−ak and b = bm × 10^−bk (am, bm safe integers, b ≠ 0), as decimal.js's
 * `div` gives it at precision 34 with ROUND_HALF_EVEN: the exact quotient rounded once to 34 significant
 * digits, written plain without trailing zeros.
 * The first 35 or 36 digits of |a| ÷ |b| are the integer q = ⌊|am| · 10^s ÷ |bm|⌋ (s chosen so that
 * q ≥ 10^34); the digits dropped from q and whether the division left a remainder decide the rounding
 * (an odd last digit: the digit codes 48–57 are odd exactly for odd digits).
 */
export function ratioText(am: number, ak: number, bm: number, bk: number): string {
  if (am === 0) return '0';
  const negative = (am < 0) !== (bm < 0);
  const a = am < 0 ? -am : am, b = bm < 0 ? -bm : bm;
  // a ≥ 10^(da−1) and b < 10^db, so a · 10^s ÷ b > 10^(da−1+s−db) = 10^34, and < 10^36
  const s = PRECISION + 1 + digitsOf(b) - digitsOf(a);
  const num = BigInt(a) * BIG_POW10[s]!;
  const den = BigInt(b);
  const q = num / den;
  const digits = q.toString();
  // keep 34 digits; the 1 or 2 dropped ones and the remainder decide the rounding
  const head = digits.slice(0, PRECISION);
  const tail = digits.slice(PRECISION);
  const half = tail.length === 1 ? '5' : '50';
  // (same-length digit strings compare as their numbers; the remainder is looked at only for an exact half)
  const up = tail > half || (tail === half && (q * den !== num || (head.charCodeAt(PRECISION - 1) & 1) === 1));
  // |a ÷ b| = (head, rounded) × 10^(tail.length − s) × 10^(bk − ak)
  const exp = tail.length - s + bk - ak;
  return up ? roundedUp(negative, head, exp) : plainText(negative, head, exp);
}

// the text of ±(digits + 1 in the last place) × 10^exp: the trailing 9s carry (all 9s become 1 × 10^(exp + their count))
function roundedUp(negative: boolean, digits: string, exp: number): string {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 57) end--;
  exp += digits.length - end;
  return end === 0 ? plainText(negative, '1', exp) : plainText(negative, digits.slice(0, end - 1) + String.fromCharCode(digits.charCodeAt(end - 1) + 1), exp);
}

// decimal digits of a positive safe integer
function digitsOf(x: number): number {
  let n = 1;
  while (n < 16 && x >= POW10[n]!) n++;
  return n;
}

// the plain text of ±digits × 10^exp, without trailing zeros (digits: no leading zero, not zero)
function plainText(negative: boolean, digits: string, exp: number): string {
  let end = digits.length;
  while (digits.charCodeAt(end - 1) === 48) {
    end--;
    exp++;
  }
  digits = digits.slice(0, end);
  let text: string;
  if (exp >= 0) text = digits + '0'.repeat(exp);
  else {
    const point = digits.length + exp;
    text = point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`;
  }
  return negative ? `-${text}` : text;
}
