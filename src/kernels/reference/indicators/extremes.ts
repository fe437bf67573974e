// Plain-TypeScript reference of wasm/indicators/extremes.ts (rolling highest/lowest).
import { BAD, isPeriod, isSize } from './steps.js';

/** State slots of an extremes tracker of window `p`. */
export function extWidth(p: number): number {
  return 6 + 2 * p;
}

/** Pushes one valid bar into the tracker at state[w…]; returns the valid-bar count. See wasm/indicators/extremes.ts. */
export function extPush(st: Float64Array, w: number, h: number, l: number, p: number): number {
  const c = st[w]! + 1;
  const pos = st[w + 1]!;
  const rh = w + 6;
  const rl = rh + p;
  st[rh + pos] = h;
  st[rl + pos] = l;
  const npos = pos + 1 === p ? 0 : pos + 1;
  const edge = c - p;
  let hi = st[w + 2]!;
  let hiAt = st[w + 3]!;
  let lo = st[w + 4]!;
  let loAt = st[w + 5]!;
  if (c === 1 || h >= hi) {
    hi = h;
    hiAt = c;
  } else if (hiAt <= edge) {
    hi = -Infinity;
    for (let k = 0; k < p; k++) {
      let j = npos + k;
      if (j >= p) j -= p;
      const e = st[rh + j]!;
      if (e >= hi) {
        hi = e;
        hiAt = edge + 1 + k;
      }
    }
  }
  if (c === 1 || l <= lo) {
    lo = l;
    loAt = c;
  } else if (loAt <= edge) {
    lo = Infinity;
    for (let k = 0; k < p; k++) {
      let j = npos + k;
      if (j >= p) j -= p;
      const e = st[rl + j]!;
      if (e <= lo) {
        lo = e;
        loAt = edge + 1 + k;
      }
    }
  }
  st[w] = c;
  st[w + 1] = npos;
  st[w + 2] = hi;
  st[w + 3] = hiAt;
  st[w + 4] = lo;
  st[w + 5] = loAt;
  return c;
}

/** Lowest and highest of the last `period` valid values; see wasm/indicators/extremes.ts. */
export function rollingMinMax(
  src: Float64Array, minOut: Float64Array, maxOut: Float64Array, len: number, nsym: number, period: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * extWidth(period);
    for (let i = 0; i < len; i++) {
      const v = src[o + i]!;
      let mn = NaN;
      let mx = NaN;
      if (v === v && extPush(state, w, v, v, period) >= period) {
        mn = state[w + 4]!;
        mx = state[w + 2]!;
      }
      minOut[o + i] = mn;
      maxOut[o + i] = mx;
    }
  }
  return 0;
}
