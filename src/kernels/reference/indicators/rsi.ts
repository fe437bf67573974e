// Plain-TypeScript reference of wasm/indicators/rsi.ts.
import { BAD, isPeriod, isSize } from './steps.js';

/** Wilder's RSI, unrounded, 50 on flat prices; see wasm/indicators/rsi.ts. */
export function rsi(src: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  const pm = period - 1;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * 4;
    let c = state[w]!;
    let prev = state[w + 1]!;
    let ag = state[w + 2]!;
    let al = state[w + 3]!;
    for (let i = 0; i < len; i++) {
      const v = src[o + i]!;
      let out = NaN;
      if (v === v) {
        if (c > period) {
          const d = v - prev;
          ag = (ag * pm + (d > 0 ? d : 0)) / period;
          al = (al * pm + (d < 0 ? -d : 0)) / period;
          const t = ag + al;
          out = t > 0 ? (100 * ag) / t : 50;
        } else {
          c = c + 1;
          if (c >= 2) {
            const d = v - prev;
            ag = ag + (d > 0 ? d : 0);
            al = al + (d < 0 ? -d : 0);
            if (c > period) {
              ag = ag / period;
              al = al / period;
              const t = ag + al;
              out = t > 0 ? (100 * ag) / t : 50;
            }
          }
        }
        prev = v;
      }
      dst[o + i] = out;
    }
    state[w] = c;
    state[w + 1] = prev;
    state[w + 2] = ag;
    state[w + 3] = al;
  }
  return 0;
}
