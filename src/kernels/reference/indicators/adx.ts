// Plain-TypeScript reference of wasm/indicators/adx.ts.
import { BAD, isPeriod, isSize, wilderStep, wilderSumStep } from './steps.js';
import { trueRangeOf } from './atr.js';

/** ADX with +DI and −DI; see wasm/indicators/adx.ts. */
export function adx(
  high: Float64Array, low: Float64Array, close: Float64Array, adxOut: Float64Array, pdiOut: Float64Array, mdiOut: Float64Array,
  len: number, nsym: number, period: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * 12;
    for (let i = 0; i < len; i++) {
      const h = high[o + i]!;
      const l = low[o + i]!;
      const c = close[o + i]!;
      let a = NaN;
      let pdi = NaN;
      let mdi = NaN;
      if (h === h && l === l && c === c) {
        if (state[w] !== 0) {
          const upMove = h - state[w + 1]!;
          const downMove = state[w + 2]! - l;
          const pdm = upMove > downMove && upMove > 0 ? upMove : 0;
          const mdm = downMove > upMove && downMove > 0 ? downMove : 0;
          const str = wilderSumStep(state, w + 4, trueRangeOf(h, l, state[w + 3]!), period);
          const sp = wilderSumStep(state, w + 6, pdm, period);
          const sm = wilderSumStep(state, w + 8, mdm, period);
          if (str === str) {
            pdi = str > 0 ? (sp * 100) / str : 0;
            mdi = str > 0 ? (sm * 100) / str : 0;
            const sum = pdi + mdi;
            a = wilderStep(state, w + 10, sum > 0 ? (Math.abs(pdi - mdi) / sum) * 100 : 0, period);
          }
        }
        state[w] = 1;
        state[w + 1] = h;
        state[w + 2] = l;
        state[w + 3] = c;
      }
      adxOut[o + i] = a;
      pdiOut[o + i] = pdi;
      mdiOut[o + i] = mdi;
    }
  }
  return 0;
}
