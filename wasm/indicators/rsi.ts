// Wilder's relative strength index over many symbol-major series.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot } from './steps';
import { ld2, st2, BLOCK } from './simd';

/**
 * rsi: changes between consecutive valid values split into gains and losses; the averages are
 * seeded with the mean of the first `period` changes, then a = (a·(period − 1) + g) / period
 * (Wilder). rsi = 100·G / (G + L), 50 when both averages are 0 (flat prices), unrounded.
 * Layout: `src`, `dst` f64[nsym·len] symbol-major; `state` f64[nsym·4] = [count, previous,
 * avg gain, avg loss], zeroed first. Warm-up: NaN until period + 1 valid values. NaN input:
 * output NaN, state untouched. Past the warm-up two symbols run together in f64x2 lanes (the
 * scalar operations lane by lane); from the block where a NaN turns up, the general path.
 * Reference: `rsi` in src/kernels/reference/indicators/rsi.ts.
 */
export function rsi(src: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  let s = 0;
  for (; s + 1 < nsym; s += 2) {
    const x0 = col(src, s, len), x1 = col(src, s + 1, len);
    const y0 = col(dst, s, len), y1 = col(dst, s + 1, len);
    const w0 = slot(state, s, 4), w1 = slot(state, s + 1, 4);
    // bars until both symbols are past the warm-up (count = period + 1)
    let from = period + 1 - <i32>min<f64>(load<f64>(w0), load<f64>(w1));
    if (from < 0) from = 0;
    if (from > len) from = len;
    rsiRange(x0, y0, 0, from, w0, period);
    rsiRange(x1, y1, 0, from, w1, period);
    // a NaN on the lane path turns the averages NaN: the general path redoes it from that block on
    const warm = load<f64>(w0) > <f64>period && load<f64>(w1) > <f64>period;
    const j = warm && from < len ? rsiPair(x0, x1, y0, y1, from, len, w0, period) : from;
    rsiRange(x0, y0, j, len, w0, period);
    rsiRange(x1, y1, j, len, w1, period);
  }
  if (s < nsym) rsiRange(col(src, s, len), col(dst, s, len), 0, len, slot(state, s, 4), period);
  return STATUS_OK;
}

/** The general path over bars [from, to) of one symbol, state in locals. */
@inline function rsiRange(x: usize, y: usize, from: i32, to: i32, w: usize, period: i32): void {
  const pf = <f64>period;
  const pm = pf - 1;
  let c = load<f64>(w);
  let prev = load<f64>(w, 8);
  let ag = load<f64>(w, 16);
  let al = load<f64>(w, 24);
  for (let i = from; i < to; i++) {
    const v = load<f64>(x + (<usize>i << 3));
    let out = NaN;
    if (v == v) {
      if (c > pf) {
        const d = v - prev;
        ag = (ag * pm + (d > 0 ? d : 0.0)) / pf;
        al = (al * pm + (d < 0 ? -d : 0.0)) / pf;
        const t = ag + al;
        out = t > 0 ? 100 * ag / t : 50.0;
      } else {
        c = c + 1;
        if (c >= 2) {
          const d = v - prev;
          ag = ag + (d > 0 ? d : 0.0);
          al = al + (d < 0 ? -d : 0.0);
          if (c > pf) {
            ag = ag / pf;
            al = al / pf;
            const t = ag + al;
            out = t > 0 ? 100 * ag / t : 50.0;
          }
        }
      }
      prev = v;
    }
    store<f64>(y + (<usize>i << 3), out);
  }
  store<f64>(w, c);
  store<f64>(w, prev, 8);
  store<f64>(w, ag, 16);
  store<f64>(w, al, 24);
}

/**
 * Bars [from, len) of two warmed-up symbols in f64x2 lanes (state of s at w, s + 1 at w + 32), in
 * blocks of BLOCK bars. A NaN input turns an average NaN: that block is given back (state as of
 * its first bar j) and j is returned; len if none.
 */
function rsiPair(x0: usize, x1: usize, y0: usize, y1: usize, from: i32, len: i32, w: usize, period: i32): i32 {
  const pv = f64x2.splat(<f64>period);
  const pm = f64x2.splat(<f64>period - 1);
  const zero = f64x2.splat(0);
  const hundred = f64x2.splat(100);
  const fifty = f64x2.splat(50);
  let prev = ld2(w + 8, w + 40);
  let ag = ld2(w + 16, w + 48);
  let al = ld2(w + 24, w + 56);
  let j = from;
  while (j < len) {
    const end = j + BLOCK < len ? j + BLOCK : len;
    const p0 = prev, g0 = ag, l0 = al;
    for (let i = j; i < end; i++) {
      const o = <usize>i << 3;
      const v = ld2(x0 + o, x1 + o);
      const d = f64x2.sub(v, prev);
      prev = v;
      // d > 0 ? d : 0 and d < 0 ? −d : 0 are max(d, 0) and max(−d, 0), signed zeros included
      ag = f64x2.div(f64x2.add(f64x2.mul(ag, pm), f64x2.max(d, zero)), pv);
      al = f64x2.div(f64x2.add(f64x2.mul(al, pm), f64x2.max(f64x2.neg(d), zero)), pv);
      const t = f64x2.add(ag, al);
      st2(y0 + o, y1 + o, v128.bitselect(f64x2.div(f64x2.mul(hundred, ag), t), fifty, f64x2.gt(t, zero)));
    }
    if (v128.any_true(v128.or(f64x2.ne(ag, ag), f64x2.ne(al, al)))) {
      prev = p0;
      ag = g0;
      al = l0;
      break;
    }
    j = end;
  }
  st2(w + 8, w + 40, prev);
  st2(w + 16, w + 48, ag);
  st2(w + 24, w + 56, al);
  return j;
}
