// Plain-TypeScript reference of wasm/indicators/returns.ts (simple and log returns).
import { BAD, isSize } from './steps.js';

/** x / previous − 1 between consecutive valid values; see wasm/indicators/returns.ts. */
export function simpleReturns(src: Float64Array, dst: Float64Array, len: number, nsym: number, state: Float64Array): number {
  return returnsOf(src, dst, len, nsym, state, false);
}

/** ln(x / previous); see wasm/indicators/returns.ts (equal to the kernel within 1 ulp). */
export function logReturns(src: Float64Array, dst: Float64Array, len: number, nsym: number, state: Float64Array): number {
  return returnsOf(src, dst, len, nsym, state, true);
}

function returnsOf(src: Float64Array, dst: Float64Array, len: number, nsym: number, state: Float64Array, log: boolean): number {
  if (!isSize(len) || !isSize(nsym)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * 2;
    let seen = state[w]!;
    let prev = state[w + 1]!;
    for (let i = 0; i < len; i++) {
      const v = src[o + i]!;
      let out = NaN;
      if (v === v) {
        if (seen !== 0) out = log ? Math.log(v / prev) : v / prev - 1;
        seen = 1;
        prev = v;
      }
      dst[o + i] = out;
    }
    state[w] = seen;
    state[w + 1] = prev;
  }
  return 0;
}
