// Correctly rounded f64x2 division by a small integer without the divider: the SMA's lanes use it
// beside f64x2.div, whose throughput (one vector per ~4 cycles) is what limits the SMA.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';

/** Largest divisor the exact division is proven for (the wrappers cap periods at 1,000,000). */
export const EXACT_DIV_MAX: i32 = 1 << 20;

/** |s| below 2^-900 (biased exponent 123) or at/above 2^1020 (2043) is outside the proof. */
const EXACT_EXP_LO: i64 = 123;
const EXACT_EXP_HI: i64 = 2043;

/** Static slots for the division's constants: V8 would otherwise recompute 1/p inside the loop. */
const CONSTS = memory.data(32, 16);

/** Puts 1/p and the significand mask where `invAt`/`maskAt` read them; call before a loop. */
@inline export function exactDivSetup(p: i32): void {
  v128.store(CONSTS, f64x2.splat(1.0 / <f64>p));
  v128.store(CONSTS, i64x2.splat(<i64>-1 << 24), 16);
}

/** RN(1/p) in both lanes (after `exactDivSetup`). */
@inline export function invAt(): v128 {
  return v128.load(CONSTS);
}

/** All ones but the low 24 significand bits (after `exactDivSetup`). */
@inline export function maskAt(): v128 {
  return v128.load(CONSTS, 16);
}

/**
 * s / p correctly rounded, lane by lane, bit-identical to f64x2.div(s, pv), for an integer
 * 1 ≤ p ≤ 2^20 and each lane s = +0 or 2^-900 ≤ |s| < 2^1020 (callers check the range; -0 is
 * excluded). inv = RN(1/p); mask clears the low 24 significand bits. Why it is exact:
 * 1. q0 = RN(s·inv) is within 2^-51.9·|s/p| of s/p, and normal (|s/p| ≥ 2^-920).
 * 2. qh = q0 with the low 24 bits cleared: at most 29 significant bits, |q0 − qh| < 2^24 ulp(q0);
 *    so qh·p (≤ 49 bits, no overflow under 2^1020) is exact, and t = s − qh·p is exact (Sterbenz:
 *    qh·p is within a factor 2 of s).
 * 3. t/p = s/p − qh exactly, and |t/p| ≤ (2^24 + 2.2) ulp(q0); y = RN(t·inv) is within
 *    2^-51.9·|t/p| < 2^-27.8 ulp(q0) of it (y is normal: nonzero |t| ≥ ulp(q0) ≥ 2^-973).
 * 4. So qh + y = s/p + ε with |ε| < 2^-26.8 u, u the spacing of the doubles around s/p.
 * 5. s/p is never closer than u/(2p) ≥ 2^-21 u to a midpoint m of two doubles: s and p·m are both
 *    multiples of u/2 (ulp(s) ≥ u as |s| ≥ |s/p|), and s = p·m is impossible (write p = 2^j·p',
 *    p' odd: s would be an odd multiple of 2^(j−1)·u while |s| ≥ 2^j|m| forces ulp(s) ≥ 2^j·u).
 * Hence no midpoint lies between s/p and qh + y, and q = RN(qh + y) = RN(s/p). (p = 1: inv = 1,
 * t = s − qh, q = qh + t = s.) tests/kernels/indicators/exact-division.test.ts checks this on
 * random sums and periods against JavaScript's division.
 */
@inline export function exactDiv(s: v128, pv: v128, inv: v128, mask: v128): v128 {
  const qh = v128.and(f64x2.mul(s, inv), mask);
  return f64x2.add(qh, f64x2.mul(f64x2.sub(s, f64x2.mul(qh, pv)), inv));
}

/**
 * True when the biased exponents bounded by `orBits` (OR of the lanes' bit patterns: at least each
 * exponent) and `andBits` (AND: at most each) leave some lane outside `exactDiv`'s range: huge,
 * infinite or NaN (≥ 2043), or tiny, subnormal or zero (< 123). Zero is exact too but is sent to the
 * divider with the rest, as are exponents that only OR/AND together out of range (sums straddling
 * 2.0, say): a false alarm costs speed, never a bit.
 */
@inline export function exactDivOutOfRange(orBits: v128, andBits: v128): bool {
  const e = i64x2.splat(0x7FF0000000000000);
  const hi = i64x2.ge_s(v128.and(orBits, e), i64x2.splat(EXACT_EXP_HI << 52));
  const lo = i64x2.lt_s(v128.and(andBits, e), i64x2.splat(EXACT_EXP_LO << 52));
  return v128.any_true(v128.or(hi, lo));
}

/**
 * exactDivide: dst[i] = src[i] / period by `exactDiv` alone (no range check), for tests of the
 * division trick. Layout: `src`, `dst` f64[n]. Valid for 1 ≤ period ≤ 2^20 (else STATUS_BAD_ARGS)
 * and src values in `exactDiv`'s range; outside it the result may differ from src[i] / period.
 */
export function exactDivide(src: usize, dst: usize, n: i32, period: i32): i32 {
  if (n < 0 || period < 1 || period > EXACT_DIV_MAX) return STATUS_BAD_ARGS;
  exactDivSetup(period);
  const pv = f64x2.splat(<f64>period);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    v128.store(dst + o, exactDiv(v128.load(src + o), pv, invAt(), maskAt()));
  }
  if (i < n) {
    const o = <usize>i << 3;
    store<f64>(dst + o, f64x2.extract_lane(exactDiv(v128.load64_zero(src + o), pv, invAt(), maskAt()), 0));
  }
  return STATUS_OK;
}
