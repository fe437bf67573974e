// Plain-TypeScript reference of wasm/indicators/stochastic.ts (stochastic %K/%D, Williams %R).
import { BAD, isPeriod, isSize, windowSumStep } from './steps.js';
import { extPush, extWidth } from './extremes.js';

/** Stochastic %K and %D; see wasm/indicators/stochastic.ts. */
export function stoch(
  high: Float64Array, low: Float64Array, close: Float64Array, kOut: Float64Array, dOut: Float64Array,
  len: number, nsym: number, period: number, dPeriod: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period) || !isPeriod(dPeriod)) return BAD;
  const ew = extWidth(period);
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * (ew + 3 + dPeriod);
    const wd = w + ew;
    for (let i = 0; i < len; i++) {
      const h = high[o + i]!;
      const l = low[o + i]!;
      const c = close[o + i]!;
      let k = NaN;
      let d = NaN;
      if (h === h && l === l && c === c && extPush(state, w, h, l, period) >= period) {
        const hh = state[w + 2]!;
        const ll = state[w + 4]!;
        k = hh > ll ? ((c - ll) / (hh - ll)) * 100 : 0;
        d = windowSumStep(state, wd, k, dPeriod) / dPeriod;
      }
      kOut[o + i] = k;
      dOut[o + i] = d;
    }
  }
  return 0;
}

/** Williams %R; see wasm/indicators/stochastic.ts. */
export function willr(
  high: Float64Array, low: Float64Array, close: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * extWidth(period);
    for (let i = 0; i < len; i++) {
      const h = high[o + i]!;
      const l = low[o + i]!;
      const c = close[o + i]!;
      let r = NaN;
      if (h === h && l === l && c === c && extPush(state, w, h, l, period) >= period) {
        const hh = state[w + 2]!;
        const ll = state[w + 4]!;
        r = hh > ll ? ((hh - c) / (hh - ll)) * -100 : 0;
      }
      dst[o + i] = r;
    }
  }
  return 0;
}
