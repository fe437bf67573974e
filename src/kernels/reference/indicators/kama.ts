// Plain-TypeScript reference of wasm/indicators/kama.ts.
import { BAD, isPeriod, isSize } from './steps.js';

/** Kaufman's adaptive moving average; see wasm/indicators/kama.ts. */
export function kama(
  src: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, fast: number, slow: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period) || !isPeriod(fast) || !isPeriod(slow)) return BAD;
  const fastSc = 2 / (fast + 1);
  const slowSc = 2 / (slow + 1);
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * (5 + 2 * period);
    const rx = w + 5;
    const rd = rx + period;
    let c = state[w]!;
    let pos = state[w + 1]!;
    let vol = state[w + 2]!;
    let k = state[w + 3]!;
    let prev = state[w + 4]!;
    for (let i = 0; i < len; i++) {
      const v = src[o + i]!;
      let out = NaN;
      if (v === v) {
        c = c + 1;
        if (c >= 2) {
          const d = Math.abs(v - prev);
          vol = vol + (d - (c > period + 1 ? state[rd + pos]! : 0));
          state[rd + pos] = d;
        }
        if (c > period) {
          const change = Math.abs(v - state[rx + pos]!);
          const er = vol <= change ? 1 : change / vol;
          const t = er * (fastSc - slowSc) + slowSc;
          if (c === period + 1) k = prev;
          k = k + t * t * (v - k);
          out = k;
        }
        state[rx + pos] = v;
        prev = v;
        pos = pos + 1 === period ? 0 : pos + 1;
        if (c > period + 2) c = period + 2;
      }
      dst[o + i] = out;
    }
    state[w] = c;
    state[w + 1] = pos;
    state[w + 2] = vol;
    state[w + 3] = k;
    state[w + 4] = prev;
  }
  return 0;
}
