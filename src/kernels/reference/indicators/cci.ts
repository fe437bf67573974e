// Plain-TypeScript reference of wasm/indicators/cci.ts.
import { BAD, isPeriod, isSize, windowSumStep } from './steps.js';

/** Commodity channel index; see wasm/indicators/cci.ts. */
export function cci(
  high: Float64Array, low: Float64Array, close: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * (3 + period);
    const ring = w + 3;
    for (let i = 0; i < len; i++) {
      const h = high[o + i]!;
      const l = low[o + i]!;
      const c = close[o + i]!;
      let out = NaN;
      if (h === h && l === l && c === c) {
        const tp = (h + l + c) / 3;
        const sum = windowSumStep(state, w, tp, period);
        if (sum === sum) {
          const mean = sum / period;
          let dev = 0;
          for (let k = 0; k < period; k++) dev += Math.abs(state[ring + k]! - mean);
          const md = dev / period;
          out = md > 0 ? (tp - mean) / (0.015 * md) : 0;
        }
      }
      dst[o + i] = out;
    }
  }
  return 0;
}
