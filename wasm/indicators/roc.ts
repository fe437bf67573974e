// Rate of change and momentum against the value `period` valid bars back.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot } from './steps';

/**
 * roc: 100·(x − x₋ₚ) / x₋ₚ; momentum: x − x₋ₚ, where x₋ₚ is the valid value `period` valid bars
 * back. Layout: `src`, `dst` f64[nsym·len] symbol-major; `state` f64[nsym·(2 + period)] =
 * [count, pos, ring of the last `period` values], zeroed first. Warm-up: NaN until period + 1
 * valid values. NaN input: output NaN, ring untouched.
 * Reference: `roc` in src/kernels/reference/indicators/roc.ts (bit-identical).
 */
export function roc(src: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  return lagged(src, dst, len, nsym, period, state, true);
}

/** momentum: x − x₋ₚ; see `roc` for layout and warm-up. Reference: `momentum` in the same file. */
export function momentum(src: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  return lagged(src, dst, len, nsym, period, state, false);
}

@inline function lagged(src: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize, rate: bool): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  const pf = <f64>period;
  for (let s = 0; s < nsym; s++) {
    const x = col(src, s, len);
    const y = col(dst, s, len);
    const w = slot(state, s, 2 + period);
    let c = load<f64>(w);
    let pos = <i32>load<f64>(w, 8);
    for (let i = 0; i < len; i++) {
      const v = load<f64>(x + (<usize>i << 3));
      let out = NaN;
      if (v == v) {
        const r = w + 16 + (<usize>pos << 3);
        if (c >= pf) {
          const old = load<f64>(r);
          out = rate ? (v - old) / old * 100 : v - old;
        } else {
          c = c + 1;
        }
        store<f64>(r, v);
        pos = pos + 1 == period ? 0 : pos + 1;
      }
      store<f64>(y + (<usize>i << 3), out);
    }
    store<f64>(w, c);
    store<f64>(w, <f64>pos, 8);
  }
  return STATUS_OK;
}
