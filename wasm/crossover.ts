// Crossovers of two float series (backtrader's CrossOver semantics), with state carried across slices.
import { STATUS_OK, STATUS_BAD_ARGS, CROSS_UP, CROSS_DOWN } from './codes';

/**
 * crossover: dst[i] = +1 when a[i] > b[i] and the last non-zero a − b before i was negative,
 * −1 for the mirror, else 0. Bars where a == b are skipped (they neither signal nor reset), and
 * bars where a or b is NaN give 0 and leave the state alone.
 * Layout: `a`, `b` f64[n]; `dst` i32[n]; `state` f64[1] = [last non-zero sign], zeroed first.
 * Reference: `crossover` in src/kernels/reference/crossover.ts (exactly equal).
 */
export function crossover(a: usize, b: usize, dst: usize, n: i32, state: usize): i32 {
  if (n < 0) return STATUS_BAD_ARGS;
  let last = load<f64>(state);
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    const x = load<f64>(a + off);
    const y = load<f64>(b + off);
    let out: i32 = 0;
    if (x == x && y == y) {
      if (x > y) {
        if (last < 0) out = CROSS_UP;
        last = 1;
      } else if (x < y) {
        if (last > 0) out = CROSS_DOWN;
        last = -1;
      }
    }
    store<i32>(dst + (<usize>i << 2), out);
  }
  store<f64>(state, last);
  return STATUS_OK;
}
