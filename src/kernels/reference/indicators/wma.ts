// Plain-TypeScript reference of wasm/indicators/wma.ts (WMA and Hull MA).
import { BAD, isPeriod, isSize } from './steps.js';

/** WMA step, weights 1…p; state[w..w+4+p) = [count, sum, num, pos, ring…]. */
export function wmaStep(st: Float64Array, w: number, x: number, p: number): number {
  const c = st[w]! + 1;
  const pos = st[w + 3]!;
  const r = w + 4 + pos;
  let sum = st[w + 1]!;
  let num = st[w + 2]!;
  if (c > p) {
    num = num - sum + p * x;
    sum = sum + (x - st[r]!);
  } else {
    num = num + c * x;
    sum = sum + x;
  }
  st[r] = x;
  st[w] = c > p ? p + 1 : c;
  st[w + 1] = sum;
  st[w + 2] = num;
  st[w + 3] = pos + 1 === p ? 0 : pos + 1;
  return c >= p ? num / (p * (p + 1) * 0.5) : NaN;
}

/** Weighted mean of the last `period` valid values; see wasm/indicators/wma.ts. */
export function wma(src: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * (4 + period);
    for (let i = 0; i < len; i++) {
      const v = src[o + i]!;
      dst[o + i] = v === v ? wmaStep(state, w, v, period) : NaN;
    }
  }
  return 0;
}

/** The HMA's inner periods: half = max(1, ⌊p/2⌋). */
export function hmaHalf(p: number): number {
  return p >= 2 ? p >> 1 : 1;
}

/** The HMA's smoothing period: max(1, ⌊√p⌋). */
export function hmaRoot(p: number): number {
  const r = Math.floor(Math.sqrt(p));
  return r >= 1 ? r : 1;
}

/** Hull moving average; see wasm/indicators/wma.ts. */
export function hma(src: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  const half = hmaHalf(period);
  const root = hmaRoot(period);
  const width = 12 + half + period + root;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const wh = s * width;
    const wf = wh + 4 + half;
    const wr = wf + 4 + period;
    for (let i = 0; i < len; i++) {
      const v = src[o + i]!;
      let out = NaN;
      if (v === v) {
        const a = wmaStep(state, wh, v, half);
        const b = wmaStep(state, wf, v, period);
        if (b === b) out = wmaStep(state, wr, 2 * a - b, root);
      }
      dst[o + i] = out;
    }
  }
  return 0;
}
