// Plain-TypeScript reference of wasm/indicators/roc.ts (rate of change, momentum).
import { BAD, isPeriod, isSize } from './steps.js';

/** 100·(x − x₋ₚ)/x₋ₚ; see wasm/indicators/roc.ts. */
export function roc(src: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array): number {
  return lagged(src, dst, len, nsym, period, state, true);
}

/** x − x₋ₚ; see wasm/indicators/roc.ts. */
export function momentum(src: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array): number {
  return lagged(src, dst, len, nsym, period, state, false);
}

function lagged(
  src: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array, rate: boolean,
): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * (2 + period);
    let c = state[w]!;
    let pos = state[w + 1]!;
    for (let i = 0; i < len; i++) {
      const v = src[o + i]!;
      let out = NaN;
      if (v === v) {
        const r = w + 2 + pos;
        if (c >= period) {
          const old = state[r]!;
          out = rate ? ((v - old) / old) * 100 : v - old;
        } else {
          c = c + 1;
        }
        state[r] = v;
        pos = pos + 1 === period ? 0 : pos + 1;
      }
      dst[o + i] = out;
    }
    state[w] = c;
    state[w + 1] = pos;
  }
  return 0;
}
