// True range and Wilder's average true range over many symbol-major series.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot, wilderStep } from './steps';
import { ld2, st2, noNaN, BLOCK } from './simd';

/** max(high − low, |high − previous close|, |low − previous close|). */
@inline export function trueRangeOf(h: f64, l: f64, pc: f64): f64 {
  return max<f64>(h - l, max<f64>(abs<f64>(h - pc), abs<f64>(l - pc)));
}

/**
 * trueRange: TR against the previous valid close (a bar is valid when high, low and close are
 * not NaN). Layout: `high`, `low`, `close`, `dst` f64[nsym·len] symbol-major; `state`
 * f64[nsym·2] = [count, previous close], zeroed first. Warm-up: NaN at the first valid bar
 * (no previous close, as TA-Lib and technicalindicators). NaN-free slices run two bars per f64x2.
 * Reference: `trueRange` in src/kernels/reference/indicators/atr.ts (exactly equal).
 */
export function trueRange(high: usize, low: usize, close: usize, dst: usize, len: i32, nsym: i32, state: usize): i32 {
  if (len < 0 || nsym < 0) return STATUS_BAD_ARGS;
  for (let s = 0; s < nsym; s++) {
    const hx = col(high, s, len);
    const lx = col(low, s, len);
    const cx = col(close, s, len);
    const y = col(dst, s, len);
    const w = slot(state, s, 2);
    let seen = load<f64>(w);
    let pc = load<f64>(w, 8);
    if (len > 1 && noNaN(hx, len) && noNaN(lx, len) && noNaN(cx, len)) {
      // no recurrence past the previous close: two bars per f64x2 (the same max/abs operations)
      store<f64>(y, seen != 0 ? trueRangeOf(load<f64>(hx), load<f64>(lx), pc) : NaN);
      let i = 1;
      for (; i + 1 < len; i += 2) {
        const o = <usize>i << 3;
        const h = v128.load(hx + o);
        const l = v128.load(lx + o);
        const p = v128.load(cx + o - 8);
        v128.store(y + o, f64x2.max(f64x2.sub(h, l), f64x2.max(f64x2.abs(f64x2.sub(h, p)), f64x2.abs(f64x2.sub(l, p)))));
      }
      if (i < len) {
        const o = <usize>i << 3;
        store<f64>(y + o, trueRangeOf(load<f64>(hx + o), load<f64>(lx + o), load<f64>(cx + o - 8)));
      }
      store<f64>(w, 1);
      store<f64>(w, load<f64>(cx + (<usize>(len - 1) << 3)), 8);
      continue;
    }
    for (let i = 0; i < len; i++) {
      const o = <usize>i << 3;
      const h = load<f64>(hx + o);
      const l = load<f64>(lx + o);
      const c = load<f64>(cx + o);
      let out = NaN;
      if (h == h && l == l && c == c) {
        if (seen != 0) out = trueRangeOf(h, l, pc);
        seen = 1;
        pc = c;
      }
      store<f64>(y + o, out);
    }
    store<f64>(w, seen);
    store<f64>(w, pc, 8);
  }
  return STATUS_OK;
}

/**
 * atr: Wilder's average of the true range: the mean of the first `period` TRs, then
 * (atr·(period − 1) + tr) / period. Layout as `trueRange`; `state` f64[nsym·4] = [count,
 * previous close, Wilder count, atr], zeroed first. Warm-up: NaN until period + 1 valid bars.
 * Past the warm-up two symbols run together in f64x2 lanes (same operations); from the block where
 * a NaN turns up, the general path.
 * Reference: `atr` in src/kernels/reference/indicators/atr.ts (bit-identical).
 */
export function atr(high: usize, low: usize, close: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  let s = 0;
  for (; s + 1 < nsym; s += 2) {
    const w0 = slot(state, s, 4);
    const w1 = slot(state, s + 1, 4);
    let from = 0;
    for (let k = 0; k < 2; k++) {
      const w = w0 + (<usize>k << 5);
      const need = (load<f64>(w) != 0 ? 0 : 1) + period - <i32>load<f64>(w, 16);
      if (need > from) from = need;
    }
    if (from > len) from = len;
    atrRange(high, low, close, dst, s, len, 0, from, w0, period);
    atrRange(high, low, close, dst, s + 1, len, 0, from, w1, period);
    // a NaN on the lane path turns the ATR (or the previous close) NaN: the general path redoes
    // the slice from that block on
    const warm = load<f64>(w0) != 0 && load<f64>(w1) != 0 && load<f64>(w0, 16) == <f64>period && load<f64>(w1, 16) == <f64>period;
    const j = warm && from < len ? atrPair(high, low, close, dst, s, len, from, w0, period) : from;
    atrRange(high, low, close, dst, s, len, j, len, w0, period);
    atrRange(high, low, close, dst, s + 1, len, j, len, w1, period);
  }
  if (s < nsym) atrRange(high, low, close, dst, s, len, 0, len, slot(state, s, 4), period);
  return STATUS_OK;
}

@inline function atrRange(high: usize, low: usize, close: usize, dst: usize, s: i32, len: i32, from: i32, to: i32, w: usize, period: i32): void {
  const hx = col(high, s, len);
  const lx = col(low, s, len);
  const cx = col(close, s, len);
  const y = col(dst, s, len);
  let seen = load<f64>(w);
  let pc = load<f64>(w, 8);
  for (let i = from; i < to; i++) {
    const o = <usize>i << 3;
    const h = load<f64>(hx + o);
    const l = load<f64>(lx + o);
    const c = load<f64>(cx + o);
    let out = NaN;
    if (h == h && l == l && c == c) {
      if (seen != 0) out = wilderStep(w + 16, trueRangeOf(h, l, pc), period);
      seen = 1;
      pc = c;
    }
    store<f64>(y + o, out);
  }
  store<f64>(w, seen);
  store<f64>(w, pc, 8);
}

/**
 * Bars [from, len) of symbols s, s + 1 (warmed up) in f64x2 lanes, state at w, w + 32, in blocks of
 * BLOCK bars; the block where a NaN turns the ATR or the previous close NaN is given back (state as
 * of its first bar j) and j is returned; len if none.
 */
function atrPair(high: usize, low: usize, close: usize, dst: usize, s: i32, len: i32, from: i32, w: usize, period: i32): i32 {
  const h0 = col(high, s, len), h1 = col(high, s + 1, len);
  const l0 = col(low, s, len), l1 = col(low, s + 1, len);
  const c0 = col(close, s, len), c1 = col(close, s + 1, len);
  const y0 = col(dst, s, len), y1 = col(dst, s + 1, len);
  const pv = f64x2.splat(<f64>period);
  const pm = f64x2.splat(<f64>period - 1);
  let pc = ld2(w + 8, w + 40);
  let a = ld2(w + 24, w + 56);
  let j = from;
  while (j < len) {
    const end = j + BLOCK < len ? j + BLOCK : len;
    const pc0 = pc, a0 = a;
    for (let i = j; i < end; i++) {
      const o = <usize>i << 3;
      const h = ld2(h0 + o, h1 + o);
      const l = ld2(l0 + o, l1 + o);
      const tr = f64x2.max(f64x2.sub(h, l), f64x2.max(f64x2.abs(f64x2.sub(h, pc)), f64x2.abs(f64x2.sub(l, pc))));
      a = f64x2.div(f64x2.add(f64x2.mul(a, pm), tr), pv);
      pc = ld2(c0 + o, c1 + o);
      st2(y0 + o, y1 + o, a);
    }
    if (v128.any_true(v128.or(f64x2.ne(a, a), f64x2.ne(pc, pc)))) {
      pc = pc0;
      a = a0;
      break;
    }
    j = end;
  }
  st2(w + 8, w + 40, pc);
  st2(w + 24, w + 56, a);
  return j;
}
