// Rolling standard deviation, z-score and Bollinger bands (with %b) over many symbol-major series.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot } from './steps';
import { ld2, st2, noNaN, ringTail, BLOCK } from './simd';

/**
 * Rolling mean and sum of squared deviations (Welford; on a full window the old value is
 * replaced: m = m + (x − old)/p, M2 += (x − old)·((x − m') + (old − m))), M2 clamped at 0.
 * State f64[4 + p] = [count, mean, M2, pos, ring…]. Returns the count (capped at p + 1); the
 * mean is in slot 1 and M2 in slot 2.
 */
@inline export function momentsStep(w: usize, x: f64, p: i32): f64 {
  const c = load<f64>(w) + 1;
  const pf = <f64>p;
  const pos = <i32>load<f64>(w, 24);
  const r = w + 32 + (<usize>pos << 3);
  let mean = load<f64>(w, 8);
  let m2 = load<f64>(w, 16);
  if (c > pf) {
    const old = load<f64>(r);
    const d = x - old;
    const m = mean + d / pf;
    m2 = m2 + d * ((x - m) + (old - mean));
    mean = m;
  } else {
    const d = x - mean;
    mean = mean + d / c;
    m2 = m2 + d * (x - mean);
  }
  if (m2 < 0) m2 = 0;
  store<f64>(r, x);
  const cc = c > pf ? pf + 1 : c;
  store<f64>(w, cc);
  store<f64>(w, mean, 8);
  store<f64>(w, m2, 16);
  store<f64>(w, <f64>(pos + 1 == p ? 0 : pos + 1), 24);
  return cc;
}

/** Output kinds of the moments kernels. */
const SD: i32 = 0;
const Z: i32 = 1;
const BB: i32 = 2;

/** The scalar path over bars [from, to) of symbol `s`: one momentsStep per valid bar. */
@inline function momentsRange(
  kind: i32, src: usize, o0: usize, o1: usize, o2: usize, o3: usize, s: i32, len: i32, from: i32, to: i32,
  w: usize, period: i32, den: f64, mult: f64,
): void {
  const pf = <f64>period;
  const x = col(src, s, len);
  const base = (<usize>s * <usize>len) << 3;
  for (let i = from; i < to; i++) {
    const o = <usize>i << 3;
    const v = load<f64>(x + o);
    let a = NaN, b = NaN, c = NaN, d = NaN;
    if (v == v && momentsStep(w, v, period) >= pf) {
      const mean = load<f64>(w, 8);
      const m2 = load<f64>(w, 16);
      if (kind == SD) a = Math.sqrt(m2 / den);
      else if (kind == Z) {
        const sd = Math.sqrt(m2 / pf);
        a = sd > 0 ? (v - mean) / sd : 0.0;
      } else {
        const k = mult * Math.sqrt(m2 / pf);
        a = mean;
        b = mean + k;
        c = mean - k;
        d = b > c ? (v - c) / (b - c) : 0.5;
      }
    }
    store<f64>(o0 + base + o, a);
    if (kind == BB) {
      store<f64>(o1 + base + o, b);
      store<f64>(o2 + base + o, c);
      store<f64>(o3 + base + o, d);
    }
  }
}

/**
 * Bars [p, len) of symbols s, s + 1 (first p bars NaN-free and done): full window, old = x[i − p].
 * In blocks of BLOCK bars; the block where a NaN turns the mean NaN is given back (state, ring
 * included, as of its first bar j) and j is returned; len if none.
 */
@inline function momentsPair(
  kind: i32, src: usize, o0: usize, o1: usize, o2: usize, o3: usize, s: i32, len: i32, w0: usize, w1: usize,
  period: i32, den: f64, mult: f64,
): i32 {
  const x0 = col(src, s, len), x1 = col(src, s + 1, len);
  const b0 = (<usize>s * <usize>len) << 3;
  const b1 = b0 + (<usize>len << 3);
  const pv = f64x2.splat(<f64>period);
  const dv = f64x2.splat(den);
  const kv = f64x2.splat(mult);
  const zero = f64x2.splat(0);
  const lag = <usize>period << 3;
  let mean = ld2(w0 + 8, w1 + 8);
  let m2 = ld2(w0 + 16, w1 + 16);
  let j = period;
  while (j < len) {
    const end = j + BLOCK < len ? j + BLOCK : len;
    const mean0 = mean, m20 = m2;
    for (let i = j; i < end; i++) {
      const o = <usize>i << 3;
      const v = ld2(x0 + o, x1 + o);
      const old = ld2(x0 + o - lag, x1 + o - lag);
      const d = f64x2.sub(v, old);
      const m = f64x2.add(mean, f64x2.div(d, pv));
      m2 = f64x2.add(m2, f64x2.mul(d, f64x2.add(f64x2.sub(v, m), f64x2.sub(old, mean))));
      m2 = v128.bitselect(zero, m2, f64x2.lt(m2, zero));
      mean = m;
      if (kind == SD) {
        st2(o0 + b0 + o, o0 + b1 + o, f64x2.sqrt(f64x2.div(m2, dv)));
      } else if (kind == Z) {
        const sd = f64x2.sqrt(f64x2.div(m2, pv));
        st2(o0 + b0 + o, o0 + b1 + o, v128.bitselect(f64x2.div(f64x2.sub(v, mean), sd), zero, f64x2.gt(sd, zero)));
      } else {
        const k = f64x2.mul(kv, f64x2.sqrt(f64x2.div(m2, pv)));
        const u = f64x2.add(mean, k);
        const l = f64x2.sub(mean, k);
        const pb = v128.bitselect(f64x2.div(f64x2.sub(v, l), f64x2.sub(u, l)), f64x2.splat(0.5), f64x2.gt(u, l));
        st2(o0 + b0 + o, o0 + b1 + o, mean);
        st2(o1 + b0 + o, o1 + b1 + o, u);
        st2(o2 + b0 + o, o2 + b1 + o, l);
        st2(o3 + b0 + o, o3 + b1 + o, pb);
      }
    }
    if (v128.any_true(f64x2.ne(mean, mean))) {
      mean = mean0;
      m2 = m20;
      break;
    }
    j = end;
  }
  st2(w0 + 8, w1 + 8, mean);
  st2(w0 + 16, w1 + 16, m2);
  ringTail(x0, j, w0, period, 32, 24);
  ringTail(x1, j, w1, period, 32, 24);
  return j;
}

/** Runs one moments kernel over all symbols: NaN-free pairs take the f64x2 path past the first p bars. */
@inline function momentsAll(
  kind: i32, src: usize, o0: usize, o1: usize, o2: usize, o3: usize, len: i32, nsym: i32, period: i32, den: f64, mult: f64, state: usize,
): void {
  const width = 4 + period;
  let s = 0;
  for (; s + 1 < nsym; s += 2) {
    const w0 = slot(state, s, width), w1 = slot(state, s + 1, width);
    if (len > period && noNaN(col(src, s, len), period) && noNaN(col(src, s + 1, len), period)) {
      momentsRange(kind, src, o0, o1, o2, o3, s, len, 0, period, w0, period, den, mult);
      momentsRange(kind, src, o0, o1, o2, o3, s + 1, len, 0, period, w1, period, den, mult);
      // a NaN past bar p turns the rolled mean NaN: the general path redoes it from that block on
      const j = momentsPair(kind, src, o0, o1, o2, o3, s, len, w0, w1, period, den, mult);
      momentsRange(kind, src, o0, o1, o2, o3, s, len, j, len, w0, period, den, mult);
      momentsRange(kind, src, o0, o1, o2, o3, s + 1, len, j, len, w1, period, den, mult);
    } else {
      momentsRange(kind, src, o0, o1, o2, o3, s, len, 0, len, w0, period, den, mult);
      momentsRange(kind, src, o0, o1, o2, o3, s + 1, len, 0, len, w1, period, den, mult);
    }
  }
  if (s < nsym) momentsRange(kind, src, o0, o1, o2, o3, s, len, 0, len, slot(state, s, width), period, den, mult);
}

/**
 * stddev: √(M2 / (period − ddof)) over the last `period` valid values; ddof 0 = population,
 * 1 = sample (needs period ≥ 2). Layout: `src`, `dst` f64[nsym·len] symbol-major; `state`
 * f64[nsym·(4 + period)], zeroed first. Warm-up: NaN until `period` valid values. NaN input:
 * output NaN, window untouched. Pairs of symbols run in f64x2 lanes past the first `period`
 * bars of the slice (old = src[i − period]; the same operations lane by lane); from the block
 * where a NaN turns up, the general path.
 * Reference: `stddev` in src/kernels/reference/indicators/stddev.ts (bit-identical).
 */
export function stddev(src: usize, dst: usize, len: i32, nsym: i32, period: i32, ddof: i32, state: usize): i32 {
  if (len < 0 || nsym < 0 || period < 1 || ddof < 0 || ddof >= period) return STATUS_BAD_ARGS;
  momentsAll(SD, src, dst, 0, 0, 0, len, nsym, period, <f64>(period - ddof), 0, state);
  return STATUS_OK;
}

/**
 * zscore: (x − mean) / σ over the last `period` valid values (population σ), 0 when σ = 0.
 * Layout, warm-up, NaN rule and fast path as `stddev`. Reference: `zscore` in src/kernels/reference/indicators/stddev.ts.
 */
export function zscore(src: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  momentsAll(Z, src, dst, 0, 0, 0, len, nsym, period, 0, 0, state);
  return STATUS_OK;
}

/**
 * bbands: middle = rolling mean, upper/lower = middle ± mult·σ (population σ, as John Bollinger
 * and technicalindicators), %b = (x − lower) / (upper − lower), 0.5 when the bands coincide.
 * Layout: `src`, `middle`, `upper`, `lower`, `pb` f64[nsym·len] symbol-major; `state`
 * f64[nsym·(4 + period)], zeroed first. Warm-up: NaN until `period` valid values. NaN input:
 * NaN outputs, window untouched. Fast path as `stddev`.
 * Reference: `bbands` in src/kernels/reference/indicators/stddev.ts (bit-identical).
 */
export function bbands(
  src: usize, middle: usize, upper: usize, lower: usize, pb: usize, len: i32, nsym: i32,
  period: i32, mult: f64, state: usize,
): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  momentsAll(BB, src, middle, upper, lower, pb, len, nsym, period, 0, mult, state);
  return STATUS_OK;
}
