// Exponential moving averages: EMA, DEMA and TEMA over many symbol-major series.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot } from './steps';
import { ld2, st2, lo2, hi2, BLOCK } from './simd';

/**
 * ema: alpha = 2 / (period + 1), seeded with the SMA of the first `period` valid values
 * (as TA-Lib and technicalindicators), then e = e + alpha·(x − e).
 * Layout: `src`, `dst` f64[nsym·len] symbol-major; `state` f64[nsym·2] = [count, value] per symbol,
 * zeroed before the first slice. Warm-up: NaN until `period` valid values. NaN input: output NaN,
 * state untouched. Past the warm-up, four symbols run together (two f64x2 pairs, to hide the
 * update's latency), doing the scalar operations lane by lane; from the block of bars where a NaN
 * turns up, the rest of the slice takes the general path.
 * Reference: `ema` in src/kernels/reference/indicators/ema.ts (bit-identical).
 */
export function ema(src: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  const alpha = 2.0 / (<f64>period + 1);
  let s = 0;
  for (; s + 3 < nsym; s += 4) {
    // the general path until all four are warmed up, then the lanes; a NaN input on the lane path
    // turns its EMA NaN, and the general path redoes the slice from that block on
    let w = 0;
    for (let k = 0; k < 4; k++) {
      const need = period - <i32>load<f64>(slot(state, s + k, 2));
      if (need > w) w = need;
    }
    if (w > len) w = len;
    let warm = true;
    for (let k = 0; k < 4; k++) {
      const st = slot(state, s + k, 2);
      emaRange(col(src, s + k, len), col(dst, s + k, len), 0, w, st, period, alpha);
      if (load<f64>(st) < <f64>period) warm = false;
    }
    const j = warm && w < len ? emaQuad(src, dst, s, len, w, slot(state, s, 2), alpha) : w;
    for (let k = 0; k < 4; k++) emaRange(col(src, s + k, len), col(dst, s + k, len), j, len, slot(state, s + k, 2), period, alpha);
  }
  for (; s < nsym; s++) emaRange(col(src, s, len), col(dst, s, len), 0, len, slot(state, s, 2), period, alpha);
  return STATUS_OK;
}

/** The general EMA path over bars [from, to) of one symbol, state in locals (same steps as emaStep). */
@inline function emaRange(x: usize, y: usize, from: i32, to: i32, w: usize, p: i32, alpha: f64): void {
  const pf = <f64>p;
  let c = load<f64>(w);
  let v = load<f64>(w, 8);
  for (let i = from; i < to; i++) {
    const xi = load<f64>(x + (<usize>i << 3));
    let out = NaN;
    if (xi == xi) {
      c = c + 1;
      if (c < pf) {
        v = v + xi;
      } else {
        if (c == pf) v = (v + xi) / pf;
        else v = v + alpha * (xi - v);
        c = pf;
        out = v;
      }
    }
    store<f64>(y + (<usize>i << 3), out);
  }
  store<f64>(w, c);
  store<f64>(w, v, 8);
}

/**
 * Bars [from, len) of four warmed-up symbols from `s`, in blocks of BLOCK bars. A NaN input turns
 * an EMA NaN: that block is given back (state as of its first bar j) and j is returned; len if none.
 */
function emaQuad(src: usize, dst: usize, s: i32, len: i32, from: i32, w: usize, alpha: f64): i32 {
  const x0 = col(src, s, len), x1 = col(src, s + 1, len), x2 = col(src, s + 2, len), x3 = col(src, s + 3, len);
  const y0 = col(dst, s, len), y1 = col(dst, s + 1, len), y2 = col(dst, s + 2, len), y3 = col(dst, s + 3, len);
  const al = f64x2.splat(alpha);
  let e = ld2(w + 8, w + 24);
  let f = ld2(w + 40, w + 56);
  let j = from;
  while (j < len) {
    const end = j + BLOCK < len ? j + BLOCK : len;
    const e0 = e, f0 = f;
    let i = j;
    for (; i + 1 < end; i += 2) {
      const o = <usize>i << 3;
      const a = v128.load(x0 + o), b = v128.load(x1 + o), c = v128.load(x2 + o), d = v128.load(x3 + o);
      e = f64x2.add(e, f64x2.mul(al, f64x2.sub(lo2(a, b), e)));
      f = f64x2.add(f, f64x2.mul(al, f64x2.sub(lo2(c, d), f)));
      const ea = e, fa = f;
      e = f64x2.add(e, f64x2.mul(al, f64x2.sub(hi2(a, b), e)));
      f = f64x2.add(f, f64x2.mul(al, f64x2.sub(hi2(c, d), f)));
      v128.store(y0 + o, lo2(ea, e));
      v128.store(y1 + o, hi2(ea, e));
      v128.store(y2 + o, lo2(fa, f));
      v128.store(y3 + o, hi2(fa, f));
    }
    if (i < end) {
      const o = <usize>i << 3;
      e = f64x2.add(e, f64x2.mul(al, f64x2.sub(ld2(x0 + o, x1 + o), e)));
      f = f64x2.add(f, f64x2.mul(al, f64x2.sub(ld2(x2 + o, x3 + o), f)));
      st2(y0 + o, y1 + o, e);
      st2(y2 + o, y3 + o, f);
    }
    if (v128.any_true(v128.or(f64x2.ne(e, e), f64x2.ne(f, f)))) {
      e = e0;
      f = f0;
      break;
    }
    j = end;
  }
  st2(w + 8, w + 24, e);
  st2(w + 40, w + 56, f);
  return j;
}

/**
 * One EMA update on locals: `c` is the count including x (the caller caps it at p afterwards, as
 * emaStep does). Sum while c < p, the SMA seed at c = p, then v + alpha·(x − v).
 */
@inline export function emaNext(c: f64, v: f64, x: f64, pf: f64, alpha: f64): f64 {
  return c < pf ? v + x : c == pf ? (v + x) / pf : v + alpha * (x - v);
}

/**
 * dema: 2·e1 − e2 with e1 = EMA(x), e2 = EMA(e1) (e2 fed from e1's first value on).
 * Layout as `ema`; `state` f64[nsym·4] = [e1 count, e1, e2 count, e2]. Warm-up: NaN until
 * 2·period − 1 valid values. Reference: `dema` in src/kernels/reference/indicators/ema.ts.
 */
export function dema(src: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  emaChain(src, dst, len, nsym, period, state, 2);
  return STATUS_OK;
}

/**
 * tema: 3·e1 − 3·e2 + e3 with e2 = EMA(e1), e3 = EMA(e2), each fed once its input is defined.
 * Layout as `ema`; `state` f64[nsym·6] = [e1 count, e1, e2 count, e2, e3 count, e3]. Warm-up: NaN
 * until 3·period − 2 valid values. Reference: `tema` in src/kernels/reference/indicators/ema.ts.
 */
export function tema(src: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  emaChain(src, dst, len, nsym, period, state, 3);
  return STATUS_OK;
}

/** DEMA (depth 2) or TEMA (depth 3) with the EMA states in locals; NaN input: NaN, state kept. */
@inline function emaChain(src: usize, dst: usize, len: i32, nsym: i32, period: i32, state: usize, depth: i32): void {
  const alpha = 2.0 / (<f64>period + 1);
  const pf = <f64>period;
  for (let s = 0; s < nsym; s++) {
    const x = col(src, s, len);
    const y = col(dst, s, len);
    const w = slot(state, s, 2 * depth);
    let c1 = load<f64>(w), v1 = load<f64>(w, 8), c2 = load<f64>(w, 16), v2 = load<f64>(w, 24);
    let c3 = depth == 3 ? load<f64>(w, 32) : 0.0, v3 = depth == 3 ? load<f64>(w, 40) : 0.0;
    for (let i = 0; i < len; i++) {
      const v = load<f64>(x + (<usize>i << 3));
      let out = NaN;
      if (v == v) {
        c1 = c1 + 1;
        v1 = emaNext(c1, v1, v, pf, alpha);
        if (c1 >= pf) {
          c1 = pf;
          c2 = c2 + 1;
          v2 = emaNext(c2, v2, v1, pf, alpha);
          if (c2 >= pf) {
            c2 = pf;
            if (depth == 2) {
              out = 2 * v1 - v2;
            } else {
              c3 = c3 + 1;
              v3 = emaNext(c3, v3, v2, pf, alpha);
              if (c3 >= pf) {
                c3 = pf;
                out = 3 * v1 - 3 * v2 + v3;
              }
            }
          }
        }
      }
      store<f64>(y + (<usize>i << 3), out);
    }
    store<f64>(w, c1);
    store<f64>(w, v1, 8);
    store<f64>(w, c2, 16);
    store<f64>(w, v2, 24);
    if (depth == 3) {
      store<f64>(w, c3, 32);
      store<f64>(w, v3, 40);
    }
  }
}
