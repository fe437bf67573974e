// Plain-TypeScript reference of wasm/indicators/atr.ts (true range, Wilder's ATR).
import { BAD, isPeriod, isSize, wilderStep } from './steps.js';

/** max(high − low, |high − previous close|, |low − previous close|). */
export function trueRangeOf(h: number, l: number, pc: number): number {
  return Math.max(h - l, Math.max(Math.abs(h - pc), Math.abs(l - pc)));
}

/** True range against the previous valid close; see wasm/indicators/atr.ts. */
export function trueRange(
  high: Float64Array, low: Float64Array, close: Float64Array, dst: Float64Array, len: number, nsym: number, state: Float64Array,
): number {
  return run(high, low, close, dst, len, nsym, 0, state);
}

/** Wilder's average true range; see wasm/indicators/atr.ts. */
export function atr(
  high: Float64Array, low: Float64Array, close: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array,
): number {
  if (!isPeriod(period)) return BAD;
  return run(high, low, close, dst, len, nsym, period, state);
}

function run(
  high: Float64Array, low: Float64Array, close: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym)) return BAD;
  const width = period > 0 ? 4 : 2;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * width;
    let seen = state[w]!;
    let pc = state[w + 1]!;
    for (let i = 0; i < len; i++) {
      const h = high[o + i]!;
      const l = low[o + i]!;
      const c = close[o + i]!;
      let out = NaN;
      if (h === h && l === l && c === c) {
        if (seen !== 0) {
          out = trueRangeOf(h, l, pc);
          if (period > 0) out = wilderStep(state, w + 2, out, period);
        }
        seen = 1;
        pc = c;
      }
      dst[o + i] = out;
    }
    state[w] = seen;
    state[w + 1] = pc;
  }
  return 0;
}
