// Exact SMA crossover: the fast/slow comparison is made on integer-scaled prices, never on rounded floats.
import { STATUS_OK, STATUS_BAD_ARGS, CROSS_UP, CROSS_DOWN } from './codes';

/**
 * smaCross: dst[i] = +1 / −1 / 0 as `crossover(sma(fast), sma(slow))`, but the comparison
 * fast mean vs slow mean is decided exactly: each valid close is scaled to an integer
 * v = round(close × scale) (scale = 10^6 handles 6 decimals) and the sign of
 * slow·Σfast − fast·Σslow is taken in i64. The caller guarantees 2·fast·slow·max|v| < 2^63.
 * NaN closes give 0 and do not enter either window. The first bar that can signal is the
 * `slow`-th valid bar (0-based), as in backtrader.
 * Layout: `close` f64[n]; `dst` i32[n]; `state` i64[5 + slow] = [count, fastSum, slowSum,
 * lastSign, pos, ring of the last `slow` scaled values…], zeroed before the first slice.
 * Reference: `smaCross` in src/kernels/reference/sma-cross.ts (exactly equal).
 */
export function smaCross(close: usize, dst: usize, n: i32, fast: i32, slow: i32, scale: f64, state: usize): i32 {
  if (n < 0 || fast < 1 || slow < 1 || fast > slow) return STATUS_BAD_ARGS;
  let count = load<i64>(state);
  let fastSum = load<i64>(state, 8);
  let slowSum = load<i64>(state, 16);
  let last = load<i64>(state, 24);
  let pos = <i32>load<i64>(state, 32);
  const ring = state + 40;
  // index of the value that leaves the fast window when the next value enters
  let fpos = pos - fast;
  if (fpos < 0) fpos += slow;
  const f = <i64>fast;
  const s = <i64>slow;
  for (let i = 0; i < n; i++) {
    const c = load<f64>(close + (<usize>i << 3));
    if (c != c) {
      store<i32>(dst + (<usize>i << 2), 0);
      continue;
    }
    const v = <i64>nearest(c * scale);
    if (count >= f) fastSum -= load<i64>(ring + (<usize>fpos << 3));
    if (count >= s) slowSum -= load<i64>(ring + (<usize>pos << 3));
    fastSum += v;
    slowSum += v;
    store<i64>(ring + (<usize>pos << 3), v);
    pos++;
    if (pos == slow) pos = 0;
    fpos++;
    if (fpos == slow) fpos = 0;
    count++;
    let out: i32 = 0;
    if (count >= s) {
      const d = s * fastSum - f * slowSum;
      if (d > 0) {
        if (last < 0) out = CROSS_UP;
        last = 1;
      } else if (d < 0) {
        if (last > 0) out = CROSS_DOWN;
        last = -1;
      }
    }
    store<i32>(dst + (<usize>i << 2), out);
  }
  store<i64>(state, count);
  store<i64>(state, fastSum, 8);
  store<i64>(state, slowSum, 16);
  store<i64>(state, last, 24);
  store<i64>(state, <i64>pos, 32);
  return STATUS_OK;
}
