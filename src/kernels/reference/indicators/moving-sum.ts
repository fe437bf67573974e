// Plain-TypeScript reference of wasm/indicators/moving-sum.ts (rolling sum and SMA).
import { BAD, isPeriod, isSize, windowSumStep } from './steps.js';

/** Sum of the last `period` valid values; see wasm/indicators/moving-sum.ts. */
export function rollingSum(src: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array): number {
  return windowSum(src, dst, len, nsym, period, state, false);
}

/** SMA of the last `period` valid values; see wasm/indicators/moving-sum.ts. */
export function rollingMean(src: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array): number {
  return windowSum(src, dst, len, nsym, period, state, true);
}

function windowSum(
  src: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array, mean: boolean,
): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * (3 + period);
    for (let i = 0; i < len; i++) {
      const v = src[o + i]!;
      let out = NaN;
      if (v === v) {
        out = windowSumStep(state, w, v, period);
        if (mean) out = out / period;
      }
      dst[o + i] = out;
    }
  }
  return 0;
}
