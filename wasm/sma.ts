// Simple moving average over the valid (non-NaN) values of one series, with state carried across slices.
import { STATUS_OK, STATUS_BAD_ARGS } from './codes';

/**
 * sma: dst[i] = mean of the last `period` valid values of src up to i.
 * Layout: `src`, `dst` are f64[n]; `state` is f64[3 + period] = [count, sum, pos, ring…], zeroed
 * before the first slice. Warm-up: NaN until `period` valid values have been seen. A NaN input
 * gives NaN and does not enter the window. The sum is rolled (add new, subtract old), in the same
 * order as the reference `sma` in src/kernels/reference/sma.ts, so results are bit-identical.
 */
export function sma(src: usize, dst: usize, n: i32, period: i32, state: usize): i32 {
  if (n < 0 || period < 1) return STATUS_BAD_ARGS;
  let count = <i64>load<f64>(state);
  let sum = load<f64>(state, 8);
  let pos = <i32>load<f64>(state, 16);
  const ring = state + 24;
  const p = <f64>period;
  for (let i = 0; i < n; i++) {
    const x = load<f64>(src + (<usize>i << 3));
    if (x != x) {
      store<f64>(dst + (<usize>i << 3), NaN);
      continue;
    }
    const slot = ring + (<usize>pos << 3);
    if (count >= <i64>period) sum -= load<f64>(slot);
    sum += x;
    store<f64>(slot, x);
    pos++;
    if (pos == period) pos = 0;
    count++;
    store<f64>(dst + (<usize>i << 3), count >= <i64>period ? sum / p : NaN);
  }
  store<f64>(state, <f64>count);
  store<f64>(state, sum, 8);
  store<f64>(state, <f64>pos, 16);
  return STATUS_OK;
}
