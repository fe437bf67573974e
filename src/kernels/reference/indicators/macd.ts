// Plain-TypeScript reference of wasm/indicators/macd.ts.
import { BAD, emaStep, isPeriod, isSize } from './steps.js';

/** MACD line, signal and histogram; see wasm/indicators/macd.ts. */
export function macd(
  src: Float64Array, line: Float64Array, sig: Float64Array, hist: Float64Array, len: number, nsym: number,
  fast: number, slow: number, signal: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(fast) || !isPeriod(slow) || !isPeriod(signal)) return BAD;
  const af = 2 / (fast + 1);
  const as = 2 / (slow + 1);
  const ag = 2 / (signal + 1);
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * 6;
    for (let i = 0; i < len; i++) {
      const v = src[o + i]!;
      let l = NaN;
      let g = NaN;
      if (v === v) {
        const f = emaStep(state, w, v, fast, af);
        const sl = emaStep(state, w + 2, v, slow, as);
        l = f - sl;
        if (l === l) g = emaStep(state, w + 4, l, signal, ag);
      }
      line[o + i] = l;
      sig[o + i] = g;
      hist[o + i] = l - g;
    }
  }
  return 0;
}
