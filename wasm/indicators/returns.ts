// Simple and log returns between consecutive valid values.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot } from './steps';
import { noNaN } from './simd';

/**
 * simpleReturns: x / previous − 1, the previous being the last valid value (across slices).
 * Layout: `src`, `dst` f64[nsym·len] symbol-major; `state` f64[nsym·2] = [seen, previous],
 * zeroed first. Warm-up: NaN at the first valid value. NaN input: output NaN, previous kept.
 * A NaN-free slice after the first value runs two bars per f64x2 (no recurrence).
 * Reference: `simpleReturns` in src/kernels/reference/indicators/returns.ts (bit-identical).
 */
export function simpleReturns(src: usize, dst: usize, len: i32, nsym: i32, state: usize): i32 {
  return returnsOf(src, dst, len, nsym, state, false);
}

/**
 * logReturns: ln(x / previous); layout, warm-up and NaN rule as `simpleReturns`.
 * Reference: `logReturns` in src/kernels/reference/indicators/returns.ts; equal within 1 ulp
 * (AssemblyScript's log and V8's Math.log are different correctly-rounded-or-nearly ports).
 */
export function logReturns(src: usize, dst: usize, len: i32, nsym: i32, state: usize): i32 {
  return returnsOf(src, dst, len, nsym, state, true);
}

@inline function returnsOf(src: usize, dst: usize, len: i32, nsym: i32, state: usize, log: bool): i32 {
  if (len < 0 || nsym < 0) return STATUS_BAD_ARGS;
  for (let s = 0; s < nsym; s++) {
    const x = col(src, s, len);
    const y = col(dst, s, len);
    const w = slot(state, s, 2);
    let seen = load<f64>(w);
    let prev = load<f64>(w, 8);
    if (!log && len > 1 && noNaN(x, len)) {
      // no recurrence: bar i needs only bars i and i − 1, two bars per f64x2 (same division)
      store<f64>(y, seen != 0 ? load<f64>(x) / prev - 1 : NaN);
      const one = f64x2.splat(1);
      let i = 1;
      for (; i + 1 < len; i += 2) {
        const o = <usize>i << 3;
        v128.store(y + o, f64x2.sub(f64x2.div(v128.load(x + o), v128.load(x + o - 8)), one));
      }
      if (i < len) store<f64>(y + (<usize>i << 3), load<f64>(x + (<usize>i << 3)) / load<f64>(x + (<usize>(i - 1) << 3)) - 1);
      store<f64>(w, 1);
      store<f64>(w, load<f64>(x + (<usize>(len - 1) << 3)), 8);
      continue;
    }
    for (let i = 0; i < len; i++) {
      const v = load<f64>(x + (<usize>i << 3));
      let out = NaN;
      if (v == v) {
        if (seen != 0) out = log ? Math.log(v / prev) : v / prev - 1;
        seen = 1;
        prev = v;
      }
      store<f64>(y + (<usize>i << 3), out);
    }
    store<f64>(w, seen);
    store<f64>(w, prev, 8);
  }
  return STATUS_OK;
}
