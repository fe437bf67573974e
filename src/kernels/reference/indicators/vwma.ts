// Plain-TypeScript reference of wasm/indicators/vwma.ts.
import { BAD, isPeriod, isSize } from './steps.js';

/** Volume-weighted moving average; see wasm/indicators/vwma.ts. */
export function vwma(
  close: Float64Array, volume: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * (4 + 2 * period);
    const rpv = w + 4;
    const rv = rpv + period;
    let c = state[w]!;
    let pos = state[w + 1]!;
    let spv = state[w + 2]!;
    let sv = state[w + 3]!;
    for (let i = 0; i < len; i++) {
      const p = close[o + i]!;
      const v = volume[o + i]!;
      let out = NaN;
      if (p === p && v === v) {
        c = c + 1;
        const pv = p * v;
        const full = c > period;
        spv = spv + (pv - (full ? state[rpv + pos]! : 0));
        sv = sv + (v - (full ? state[rv + pos]! : 0));
        state[rpv + pos] = pv;
        state[rv + pos] = v;
        pos = pos + 1 === period ? 0 : pos + 1;
        if (c >= period) out = spv / sv;
        if (full) c = period + 1;
      }
      dst[o + i] = out;
    }
    state[w] = c;
    state[w + 1] = pos;
    state[w + 2] = spv;
    state[w + 3] = sv;
  }
  return 0;
}
