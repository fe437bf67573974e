// Plain-TypeScript reference of wasm/indicators/keltner.ts.
import { BAD, emaStep, isPeriod, isSize, wilderStep } from './steps.js';
import { trueRangeOf } from './atr.js';

/** Keltner channels: EMA middle, bands at mult·ATR; see wasm/indicators/keltner.ts. */
export function keltner(
  high: Float64Array, low: Float64Array, close: Float64Array, middle: Float64Array, upper: Float64Array, lower: Float64Array,
  len: number, nsym: number, maPeriod: number, atrPeriod: number, mult: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(maPeriod) || !isPeriod(atrPeriod)) return BAD;
  const alpha = 2 / (maPeriod + 1);
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * 6;
    for (let i = 0; i < len; i++) {
      const h = high[o + i]!;
      const l = low[o + i]!;
      const c = close[o + i]!;
      let m = NaN;
      let a = NaN;
      if (h === h && l === l && c === c) {
        m = emaStep(state, w, c, maPeriod, alpha);
        if (state[w + 2] !== 0) a = wilderStep(state, w + 4, trueRangeOf(h, l, state[w + 3]!), atrPeriod);
        state[w + 2] = 1;
        state[w + 3] = c;
      }
      middle[o + i] = m;
      upper[o + i] = m + mult * a;
      lower[o + i] = m - mult * a;
    }
  }
  return 0;
}
