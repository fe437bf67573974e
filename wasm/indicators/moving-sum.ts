// Rolling window sum and simple moving average over the valid values of many symbol-major series.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot } from './steps';
import { ld2, st2, lo2, hi2, noNaN, ringTail, BLOCK } from './simd';

/**
 * rollingSum: dst[i] = sum of the last `period` valid values of src up to bar i.
 * Layout: `src`, `dst` f64[nsym·len] symbol-major; `state` f64[nsym·(3 + period)], per symbol
 * [count, sum, pos, ring of the last `period` values], zeroed before the first slice.
 * Warm-up: NaN until `period` valid values. NaN input: output NaN, the window is untouched.
 * The sum rolls as sum + (x − old). Two NaN-free symbols run together in f64x2 lanes past the
 * first `period` bars of the slice (old = src[i − period]); the lanes do the scalar operations;
 * from the block of bars where a NaN turns up, the rest of the slice takes the general path.
 * Reference: `rollingSum` in src/kernels/reference/indicators/moving-sum.ts (bit-identical).
 */
export function rollingSum(src: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  return windowSum(src, dst, len, nsym, period, state, false);
}

/**
 * rollingMean (SMA): dst[i] = rollingSum / period, same layout, state, warm-up and NaN rule as
 * `rollingSum`. Reference: `rollingMean` in src/kernels/reference/indicators/moving-sum.ts.
 */
export function rollingMean(src: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  return windowSum(src, dst, len, nsym, period, state, true);
}

@inline function windowSum(src: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize, mean: bool): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  const width = 3 + period;
  let s = 0;
  for (; s + 1 < nsym; s += 2) {
    const x0 = col(src, s, len);
    const x1 = col(src, s + 1, len);
    const y0 = col(dst, s, len);
    const y1 = col(dst, s + 1, len);
    const w0 = slot(state, s, width);
    const w1 = slot(state, s + 1, width);
    if (len > period && noNaN(x0, period) && noNaN(x1, period)) {
      scalarRange(x0, y0, 0, period, w0, period, mean);
      scalarRange(x1, y1, 0, period, w1, period, mean);
      // the lanes stop at the block where a NaN turned a sum NaN; the general path takes over there
      const j = pairTail(x0, x1, y0, y1, len, w0, w1, period, mean);
      scalarRange(x0, y0, j, len, w0, period, mean);
      scalarRange(x1, y1, j, len, w1, period, mean);
    } else {
      scalarRange(x0, y0, 0, len, w0, period, mean);
      scalarRange(x1, y1, 0, len, w1, period, mean);
    }
  }
  if (s < nsym) scalarRange(col(src, s, len), col(dst, s, len), 0, len, slot(state, s, width), period, mean);
  return STATUS_OK;
}

/** The general path over bars [from, to): ring buffer, NaN skipping, state in locals. */
@inline function scalarRange(x: usize, y: usize, from: i32, to: i32, w: usize, p: i32, mean: bool): void {
  const pf = <f64>p;
  let c = load<f64>(w);
  let sum = load<f64>(w, 8);
  let pos = <i32>load<f64>(w, 16);
  const ring = w + 24;
  for (let i = from; i < to; i++) {
    const v = load<f64>(x + (<usize>i << 3));
    let out = NaN;
    if (v == v) {
      c = c + 1;
      const r = ring + (<usize>pos << 3);
      sum = sum + (v - (c > pf ? load<f64>(r) : 0.0));
      store<f64>(r, v);
      pos = pos + 1 == p ? 0 : pos + 1;
      if (c >= pf) out = mean ? sum / pf : sum;
      if (c > pf) c = pf + 1;
    }
    store<f64>(y + (<usize>i << 3), out);
  }
  store<f64>(w, c);
  store<f64>(w, sum, 8);
  store<f64>(w, <f64>pos, 16);
}

/**
 * Bars [p, len) of two symbols whose first p bars were NaN-free and went through `scalarRange`: the
 * window is full, so old = x[i − p]. Runs in blocks of BLOCK bars; a NaN input makes a sum NaN, and
 * the block it is in is given back: the state is left as the scalar path would have it at the
 * block's first bar j (ring included), and j is returned (len when all went through).
 */
@inline function pairTail(x0: usize, x1: usize, y0: usize, y1: usize, len: i32, w0: usize, w1: usize, p: i32, mean: bool): i32 {
  const pv = f64x2.splat(<f64>p);
  let sum = ld2(w0 + 8, w1 + 8);
  const lag = <usize>p << 3;
  let j = p;
  while (j < len) {
    const end = j + BLOCK < len ? j + BLOCK : len;
    const start = sum;
    let i = j;
    // two bars at a time: whole-vector loads of bars i, i+1 of each symbol, transposed into lanes
    for (; i + 1 < end; i += 2) {
      const o = <usize>i << 3;
      const da = f64x2.sub(v128.load(x0 + o), v128.load(x0 + o - lag));
      const db = f64x2.sub(v128.load(x1 + o), v128.load(x1 + o - lag));
      sum = f64x2.add(sum, lo2(da, db));
      const r0 = mean ? f64x2.div(sum, pv) : sum;
      sum = f64x2.add(sum, hi2(da, db));
      const r1 = mean ? f64x2.div(sum, pv) : sum;
      v128.store(y0 + o, lo2(r0, r1));
      v128.store(y1 + o, hi2(r0, r1));
    }
    if (i < end) {
      const o = <usize>i << 3;
      sum = f64x2.add(sum, f64x2.sub(ld2(x0 + o, x1 + o), ld2(x0 + o - lag, x1 + o - lag)));
      st2(y0 + o, y1 + o, mean ? f64x2.div(sum, pv) : sum);
    }
    if (v128.any_true(f64x2.ne(sum, sum))) {
      sum = start;
      break;
    }
    j = end;
  }
  st2(w0 + 8, w1 + 8, sum);
  ringTail(x0, j, w0, p, 24, 16);
  ringTail(x1, j, w1, p, 24, 16);
  return j;
}
