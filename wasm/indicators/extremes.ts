// Rolling highest/lowest over the valid bars of a window, and the rolling min/max kernel.
import { STATUS_OK, STATUS_BAD_ARGS } from '../codes';
import { col, slot } from './steps';

/** State slots of an extremes tracker of window `p`: f64[6 + 2·p]. */
@inline export function extWidth(p: i32): i32 {
  return 6 + 2 * p;
}

/**
 * Pushes one valid bar (h into the highs, l into the lows) into a tracker of window `p` and
 * returns the valid-bar count. State f64[6 + 2p] = [count, pos, hi, hiAt, lo, loAt, ring of h,
 * ring of l]; hiAt/loAt are the counts at which the extremes entered (ties: the newest wins).
 * The ring is rescanned only when the extreme leaves the window.
 */
@inline export function extPush(w: usize, h: f64, l: f64, p: i32): f64 {
  const c = load<f64>(w) + 1;
  const pos = <i32>load<f64>(w, 8);
  const rh = w + 48;
  const rl = rh + (<usize>p << 3);
  store<f64>(rh + (<usize>pos << 3), h);
  store<f64>(rl + (<usize>pos << 3), l);
  const npos = pos + 1 == p ? 0 : pos + 1;
  const edge = c - <f64>p;
  let hi = load<f64>(w, 16);
  let hiAt = load<f64>(w, 24);
  let lo = load<f64>(w, 32);
  let loAt = load<f64>(w, 40);
  if (c == 1 || h >= hi) {
    hi = h;
    hiAt = c;
  } else if (hiAt <= edge) {
    hi = -Infinity;
    for (let k = 0; k < p; k++) {
      let j = npos + k;
      if (j >= p) j -= p;
      const e = load<f64>(rh + (<usize>j << 3));
      if (e >= hi) {
        hi = e;
        hiAt = edge + 1 + <f64>k;
      }
    }
  }
  if (c == 1 || l <= lo) {
    lo = l;
    loAt = c;
  } else if (loAt <= edge) {
    lo = Infinity;
    for (let k = 0; k < p; k++) {
      let j = npos + k;
      if (j >= p) j -= p;
      const e = load<f64>(rl + (<usize>j << 3));
      if (e <= lo) {
        lo = e;
        loAt = edge + 1 + <f64>k;
      }
    }
  }
  store<f64>(w, c);
  store<f64>(w, <f64>npos, 8);
  store<f64>(w, hi, 16);
  store<f64>(w, hiAt, 24);
  store<f64>(w, lo, 32);
  store<f64>(w, loAt, 40);
  return c;
}

/**
 * rollingMinMax: lowest and highest of the last `period` valid values.
 * Layout: `src`, `minOut`, `maxOut` f64[nsym·len] symbol-major; `state` f64[nsym·(6 + 2·period)]
 * (an extremes tracker fed x as both high and low), zeroed first. Warm-up: NaN until `period`
 * valid values. NaN input: NaN outputs, window untouched.
 * Reference: `rollingMinMax` in src/kernels/reference/indicators/extremes.ts (exactly equal).
 */
export function rollingMinMax(src: usize, minOut: usize, maxOut: usize, len: i32, nsym: i32, period: i32, state: usize): i32 {
  if (len < 0 || nsym < 0 || period < 1) return STATUS_BAD_ARGS;
  const pf = <f64>period;
  for (let s = 0; s < nsym; s++) {
    const x = col(src, s, len);
    const y0 = col(minOut, s, len);
    const y1 = col(maxOut, s, len);
    const w = slot(state, s, extWidth(period));
    for (let i = 0; i < len; i++) {
      const o = <usize>i << 3;
      const v = load<f64>(x + o);
      let mn = NaN;
      let mx = NaN;
      if (v == v && extPush(w, v, v, period) >= pf) {
        mn = load<f64>(w, 32);
        mx = load<f64>(w, 16);
      }
      store<f64>(y0 + o, mn);
      store<f64>(y1 + o, mx);
    }
  }
  return STATUS_OK;
}
