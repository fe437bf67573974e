// Linearly weighted moving averages: WMA and Hull's HMA over many symbol-major series.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot } from './steps';

/**
 * WMA step over the last `p` values with weights 1 (oldest) … p (newest); state f64[4 + p] =
 * [count, sum, num, pos, ring…]. The numerator rolls as num − sum + p·x (exact algebra, float
 * rounding as in the reference). Returns NaN until p values were seen.
 */
@inline export function wmaStep(s: usize, x: f64, p: i32): f64 {
  const c = load<f64>(s) + 1;
  const pf = <f64>p;
  const pos = <i32>load<f64>(s, 24);
  const r = s + 32 + (<usize>pos << 3);
  let sum = load<f64>(s, 8);
  let num = load<f64>(s, 16);
  if (c > pf) {
    num = num - sum + pf * x;
    sum = sum + (x - load<f64>(r));
  } else {
    num = num + c * x;
    sum = sum + x;
  }
  store<f64>(r, x);
  store<f64>(s, c > pf ? pf + 1 : c);
  store<f64>(s, sum, 8);
  store<f64>(s, num, 16);
  store<f64>(s, <f64>(pos + 1 == p ? 0 : pos + 1), 24);
  return c >= pf ? num / (pf * (pf + 1) * 0.5) : NaN;
}

/**
 * wma: weighted mean of the last `period` valid values, weights 1…period (newest heaviest).
 * Layout: `src`, `dst` f64[nsym·len] symbol-major; `state` f64[nsym·(4 + period)], zeroed first.
 * Warm-up: NaN until `period` valid values. NaN input: output NaN, window untouched.
 * Reference: `wma` in src/kernels/reference/indicators/wma.ts (bit-identical).
 */
export function wma(src: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  for (let s = 0; s < nsym; s++) {
    const x = col(src, s, len);
    const y = col(dst, s, len);
    const w = slot(state, s, 4 + period);
    for (let i = 0; i < len; i++) {
      const v = load<f64>(x + (<usize>i << 3));
      store<f64>(y + (<usize>i << 3), v == v ? wmaStep(w, v, period) : NaN);
    }
  }
  return STATUS_OK;
}

/** The HMA's inner periods: half = max(1, ⌊p/2⌋), root = max(1, ⌊√p⌋). */
@inline export function hmaHalf(p: i32): i32 {
  return p >= 2 ? p >> 1 : 1;
}
@inline export function hmaRoot(p: i32): i32 {
  const r = <i32>Math.floor(Math.sqrt(<f64>p));
  return r >= 1 ? r : 1;
}

/**
 * hma (Hull): WMA(2·WMA(x, half) − WMA(x, period), root), half = ⌊period/2⌋, root = ⌊√period⌋
 * (each at least 1). Layout as `wma`; `state` f64[nsym·(12 + half + period + root)] = three WMA
 * states. Warm-up: NaN until period + root − 1 valid values.
 * Reference: `hma` in src/kernels/reference/indicators/wma.ts (bit-identical).
 */
export function hma(src: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  const half = hmaHalf(period);
  const root = hmaRoot(period);
  const width = 12 + half + period + root;
  for (let s = 0; s < nsym; s++) {
    const x = col(src, s, len);
    const y = col(dst, s, len);
    const wh = slot(state, s, width);
    const wf = wh + (<usize>(4 + half) << 3);
    const wr = wf + (<usize>(4 + period) << 3);
    for (let i = 0; i < len; i++) {
      const v = load<f64>(x + (<usize>i << 3));
      let out = NaN;
      if (v == v) {
        const a = wmaStep(wh, v, half);
        const b = wmaStep(wf, v, period);
        if (b == b) out = wmaStep(wr, 2 * a - b, root);
      }
      store<f64>(y + (<usize>i << 3), out);
    }
  }
  return STATUS_OK;
}
