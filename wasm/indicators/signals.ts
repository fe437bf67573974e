// Signal columns: crossovers of two series, crossings of a fixed level, rising/falling streaks.
import { STATUS_OK, STATUS_BAD_ARGS, CROSS_UP, CROSS_DOWN } from '../codes';
import { col, slot } from './steps';
import { ld2, st2i32, lo2, hi2 } from './simd';

/**
 * One crossing step: the sign of x − y against the last non-zero sign; ties (x == y) neither
 * signal nor reset (backtrader's CrossOver, as wasm/crossover.ts). `mode` 0 reports both
 * directions, 1 only crosses up, −1 only crosses down. Returns CROSS_UP, CROSS_DOWN or 0.
 */
@inline function crossStep(w: usize, x: f64, y: f64, mode: i32): i32 {
  let out: i32 = 0;
  if (x == x && y == y) {
    const last = load<f64>(w);
    if (x > y) {
      if (last < 0 && mode >= 0) out = CROSS_UP;
      store<f64>(w, 1);
    } else if (x < y) {
      if (last > 0 && mode <= 0) out = CROSS_DOWN;
      store<f64>(w, -1);
    }
  }
  return out;
}

/**
 * crossSignal: dst[i] = CROSS_UP (+1) when a crosses above b, CROSS_DOWN (−1) when below, else 0;
 * `mode` 1 keeps only crosses up (crossover), −1 only crosses down (crossunder), 0 both. Bars
 * where a or b is NaN give 0 and leave the state alone. Layout: `a`, `b` f64[nsym·len]
 * symbol-major; `dst` i32[nsym·len]; `state` f64[nsym·1] = [last non-zero sign], zeroed first.
 * Four symbols run together in i32x4 lanes (`crossQuad`), a remaining pair in f64x2 lanes
 * (`crossPair`); the same comparisons lane by lane.
 * Reference: `crossSignal` in src/kernels/reference/indicators/signals.ts (exactly equal).
 */
export function crossSignal(a: usize, b: usize, dst: usize, len: i32, nsym: i32, mode: i32, state: usize): i32 {
  if (len < 0 || nsym < 0 || mode < -1 || mode > 1) return STATUS_BAD_ARGS;
  return crossAll(a, b, 0, false, dst, len, nsym, mode, state);
}

/**
 * thresholdCross: `crossSignal` of src against the constant `level` (same ties, NaN and mode
 * rules). Layout: `src` f64[nsym·len]; `dst` i32[nsym·len]; `state` f64[nsym·1], zeroed first.
 * Reference: `thresholdCross` in src/kernels/reference/indicators/signals.ts (exactly equal).
 */
export function thresholdCross(src: usize, dst: usize, len: i32, nsym: i32, level: f64, mode: i32, state: usize): i32 {
  if (len < 0 || nsym < 0 || mode < -1 || mode > 1 || level != level) return STATUS_BAD_ARGS;
  return crossAll(src, 0, level, true, dst, len, nsym, mode, state);
}

@inline function crossAll(a: usize, b: usize, level: f64, flat: bool, dst: usize, len: i32, nsym: i32, mode: i32, state: usize): i32 {
  let s = 0;
  for (; s + 3 < nsym; s += 4) {
    const a0 = col(a, s, len);
    const b0: usize = flat ? 0 : col(b, s, len);
    const y0 = dst + ((<usize>s * <usize>len) << 2);
    const w0 = slot(state, s, 1);
    if (mode == 0) crossQuad(a0, b0, level, flat, y0, len, w0, 0);
    else if (mode > 0) crossQuad(a0, b0, level, flat, y0, len, w0, 1);
    else crossQuad(a0, b0, level, flat, y0, len, w0, -1);
  }
  for (; s + 1 < nsym; s += 2) {
    const a0 = col(a, s, len), a1 = col(a, s + 1, len);
    const b0: usize = flat ? 0 : col(b, s, len), b1: usize = flat ? 0 : col(b, s + 1, len);
    const y0 = dst + ((<usize>s * <usize>len) << 2);
    const y1 = y0 + (<usize>len << 2);
    const w0 = slot(state, s, 1);
    // mode as a literal, so that the lane code drops the masks it does not need
    if (mode == 0) crossPair(a0, a1, b0, b1, level, flat, y0, y1, len, w0, 0);
    else if (mode > 0) crossPair(a0, a1, b0, b1, level, flat, y0, y1, len, w0, 1);
    else crossPair(a0, a1, b0, b1, level, flat, y0, y1, len, w0, -1);
  }
  if (s < nsym) {
    crossRange(col(a, s, len), flat ? <usize>0 : col(b, s, len), level, flat, dst + ((<usize>s * <usize>len) << 2), len, slot(state, s, 1), mode);
  }
  return STATUS_OK;
}

@inline function crossRange(a: usize, b: usize, level: f64, flat: bool, y: usize, len: i32, w: usize, mode: i32): void {
  for (let i = 0; i < len; i++) {
    const o = <usize>i << 3;
    store<i32>(y + (<usize>i << 2), crossStep(w, load<f64>(a + o), flat ? level : load<f64>(b + o), mode));
  }
}

/**
 * The crossing signal of one bar in i64 lanes from the sign `cur` of x − y (−1/0/1) and `last`:
 * cur − last is ±2 exactly at a cross, so the signal is (d == −2) − (d == 2) as masks, i.e. +1/−1.
 */
@inline function crossOut(cur: v128, last: v128, upEn: v128, dnEn: v128): v128 {
  const d = i64x2.sub(cur, last);
  const up = v128.and(i64x2.eq(d, i64x2.splat(2)), upEn);
  const dn = v128.and(i64x2.eq(d, i64x2.splat(-2)), dnEn);
  return i64x2.sub(dn, up);
}

/** The next `last`: cur where x ≠ y, else the old value (cur is 0 exactly on ties). */
@inline function crossLast(cur: v128, nz: v128, last: v128): v128 {
  return v128.or(cur, v128.andnot(last, nz));
}

/**
 * Two symbols in lanes. A NaN input needs no special case: both comparisons are false, so the
 * bar reads as a tie (signal 0, `last` kept), which is exactly the scalar rule for NaN bars.
 */
@inline function crossPair(a0: usize, a1: usize, b0: usize, b1: usize, level: f64, flat: bool, y0: usize, y1: usize, len: i32, w: usize, mode: i32): void {
  const upEn = i64x2.splat(mode >= 0 ? -1 : 0);
  const dnEn = i64x2.splat(mode <= 0 ? -1 : 0);
  const lv = f64x2.splat(level);
  let last = i64x2.replace_lane(i64x2.splat(<i64>load<f64>(w)), 1, <i64>load<f64>(w, 8));
  let i = 0;
  for (; i + 1 < len; i += 2) {
    const o = <usize>i << 3;
    const A = v128.load(a0 + o), B = v128.load(a1 + o);
    let yl = lv, yh = lv;
    if (!flat) {
      const C = v128.load(b0 + o), D = v128.load(b1 + o);
      yl = lo2(C, D);
      yh = hi2(C, D);
    }
    const xl = lo2(A, B), xh = hi2(A, B);
    const g0 = f64x2.gt(xl, yl), l0 = f64x2.lt(xl, yl);
    const g1 = f64x2.gt(xh, yh), l1 = f64x2.lt(xh, yh);
    const c0 = i64x2.sub(l0, g0), c1 = i64x2.sub(l1, g1);
    const r0 = crossOut(c0, last, upEn, dnEn);
    last = crossLast(c0, v128.or(g0, l0), last);
    const r1 = crossOut(c1, last, upEn, dnEn);
    last = crossLast(c1, v128.or(g1, l1), last);
    const v = v128.shuffle<i32>(r0, r1, 0, 4, 2, 6);
    v128.store64_lane(y0 + (<usize>i << 2), v, 0);
    v128.store64_lane(y1 + (<usize>i << 2), v, 1);
  }
  if (i < len) {
    const o = <usize>i << 3;
    const x = ld2(a0 + o, a1 + o);
    const y = flat ? lv : ld2(b0 + o, b1 + o);
    const g = f64x2.gt(x, y), l = f64x2.lt(x, y);
    const c = i64x2.sub(l, g);
    st2i32(y0 + (<usize>i << 2), y1 + (<usize>i << 2), crossOut(c, last, upEn, dnEn));
    last = crossLast(c, v128.or(g, l), last);
  }
  store<f64>(w, <f64>i64x2.extract_lane(last, 0));
  store<f64>(w, <f64>i64x2.extract_lane(last, 1), 8);
}

/**
 * Four consecutive symbols (columns `len` bars apart, starting at a0, b0, y0; state at w) two bars
 * at a time, in i32x4 lanes. The compares run on whole-vector loads (two bars of one symbol); their
 * 64-bit masks give the sign x − y as i32 (l − g is −1/0/+1 in both halves), and two rounds of
 * shuffles turn four such vectors into one vector per bar holding the four symbols. Per bar: `last`
 * takes cur where cur ≠ 0 (NaN compares false both ways, so it reads as a tie, as in the scalar
 * rule), and d = cur − last is ±2 exactly at a cross: mode 0 gives cur where cur ^ last == −2
 * (opposite non-zero signs), mode 1 (d == 2) & 1, mode −1 the mask d == −2 itself (−1 = CROSS_DOWN).
 * An odd last bar goes through `crossStep`.
 */
@inline function crossQuad(a0: usize, b0: usize, level: f64, flat: bool, y0: usize, len: i32, w: usize, mode: i32): void {
  const sa = <usize>len << 3; // bytes between two symbols' f64 columns
  const sy = <usize>len << 2; // and their i32 output columns
  const lv = f64x2.splat(level);
  const zero = i32x4.splat(0);
  let last = i32x4.splat(<i32>load<f64>(w));
  last = i32x4.replace_lane(last, 1, <i32>load<f64>(w, 8));
  last = i32x4.replace_lane(last, 2, <i32>load<f64>(w, 16));
  last = i32x4.replace_lane(last, 3, <i32>load<f64>(w, 24));
  let i = 0;
  for (; i + 1 < len; i += 2) {
    const o = <usize>i << 3;
    const p = a0 + o;
    const X0 = v128.load(p), X1 = v128.load(p + sa), X2 = v128.load(p + 2 * sa), X3 = v128.load(p + 3 * sa);
    let Y0 = lv, Y1 = lv, Y2 = lv, Y3 = lv;
    if (!flat) {
      const q = b0 + o;
      Y0 = v128.load(q);
      Y1 = v128.load(q + sa);
      Y2 = v128.load(q + 2 * sa);
      Y3 = v128.load(q + 3 * sa);
    }
    const c0 = i32x4.sub(f64x2.lt(X0, Y0), f64x2.gt(X0, Y0));
    const c1 = i32x4.sub(f64x2.lt(X1, Y1), f64x2.gt(X1, Y1));
    const c2 = i32x4.sub(f64x2.lt(X2, Y2), f64x2.gt(X2, Y2));
    const c3 = i32x4.sub(f64x2.lt(X3, Y3), f64x2.gt(X3, Y3));
    const P = v128.shuffle<i32>(c0, c1, 0, 2, 4, 6); // [s0 i, s0 i+1, s1 i, s1 i+1]
    const Q = v128.shuffle<i32>(c2, c3, 0, 2, 4, 6);
    const u = v128.shuffle<i32>(P, Q, 0, 2, 4, 6); // bar i of s0..s3
    const v = v128.shuffle<i32>(P, Q, 1, 3, 5, 7); // bar i+1
    const r0 = quadOut(u, last, mode);
    last = v128.bitselect(u, last, i32x4.ne(u, zero));
    const r1 = quadOut(v, last, mode);
    last = v128.bitselect(v, last, i32x4.ne(v, zero));
    const L = v128.shuffle<i32>(r0, r1, 0, 4, 1, 5); // [s0 i, s0 i+1, s1 i, s1 i+1]
    const H = v128.shuffle<i32>(r0, r1, 2, 6, 3, 7);
    const y = y0 + (<usize>i << 2);
    v128.store64_lane(y, L, 0);
    v128.store64_lane(y + sy, L, 1);
    v128.store64_lane(y + 2 * sy, H, 0);
    v128.store64_lane(y + 3 * sy, H, 1);
  }
  store<f64>(w, <f64>i32x4.extract_lane(last, 0));
  store<f64>(w, <f64>i32x4.extract_lane(last, 1), 8);
  store<f64>(w, <f64>i32x4.extract_lane(last, 2), 16);
  store<f64>(w, <f64>i32x4.extract_lane(last, 3), 24);
  if (i < len) {
    const o = <usize>i << 3;
    for (let k = 0; k < 4; k++) {
      const at = <usize>k * sa + o;
      const out = crossStep(w + (<usize>k << 3), load<f64>(a0 + at), flat ? level : load<f64>(b0 + at), mode);
      store<i32>(y0 + <usize>k * sy + (<usize>i << 2), out);
    }
  }
}

/** One bar's signal of four symbols from cur (−1/0/+1) and `last`, as i32 lanes (see crossQuad). */
@inline function quadOut(cur: v128, last: v128, mode: i32): v128 {
  const zero = i32x4.splat(0);
  if (mode == 0) return v128.and(cur, i32x4.eq(cur, i32x4.sub(zero, last)));
  if (mode > 0) return i32x4.max_s(i32x4.shr_s(i32x4.sub(cur, last), 1), zero);
  return i32x4.gt_s(i32x4.shr_s(i32x4.sub(last, cur), 1), zero);
}

/**
 * streak: +k after k consecutive rises (x > previous valid x), −k after k consecutive falls,
 * 0 on an unchanged value. Layout: `src`, `dst` f64[nsym·len] symbol-major; `state` f64[nsym·3] =
 * [seen, previous, streak], zeroed first. Warm-up: NaN at the first valid value. NaN input:
 * output NaN, state untouched. Reference: `streak` in src/kernels/reference/indicators/signals.ts.
 */
export function streak(src: usize, dst: usize, len: i32, nsym: i32, state: usize): i32 {
  if (len < 0 || nsym < 0) return STATUS_BAD_ARGS;
  for (let s = 0; s < nsym; s++) {
    const x = col(src, s, len);
    const y = col(dst, s, len);
    const w = slot(state, s, 3);
    let seen = load<f64>(w);
    let prev = load<f64>(w, 8);
    let k = load<f64>(w, 16);
    for (let i = 0; i < len; i++) {
      const v = load<f64>(x + (<usize>i << 3));
      let out = NaN;
      if (v == v) {
        if (seen != 0) {
          if (v > prev) k = k > 0 ? k + 1 : 1;
          else if (v < prev) k = k < 0 ? k - 1 : -1;
          else k = 0;
          out = k;
        }
        seen = 1;
        prev = v;
      }
      store<f64>(y + (<usize>i << 3), out);
    }
    store<f64>(w, seen);
    store<f64>(w, prev, 8);
    store<f64>(w, k, 16);
  }
  return STATUS_OK;
}
