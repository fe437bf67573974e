// Plain-TypeScript reference of wasm/indicators/mfi.ts.
import { BAD, isPeriod, isSize } from './steps.js';

/** Money flow index, unrounded, 50 when no flow; see wasm/indicators/mfi.ts. */
export function mfi(
  high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, dst: Float64Array,
  len: number, nsym: number, period: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * (5 + 2 * period);
    const rp = w + 5;
    const rn = rp + period;
    let c = state[w]!;
    let prev = state[w + 1]!;
    let pos = state[w + 2]!;
    let sp = state[w + 3]!;
    let sn = state[w + 4]!;
    for (let i = 0; i < len; i++) {
      const h = high[o + i]!;
      const l = low[o + i]!;
      const cl = close[o + i]!;
      const v = volume[o + i]!;
      let out = NaN;
      if (h === h && l === l && cl === cl && v === v) {
        const tp = (h + l + cl) / 3;
        c = c + 1;
        if (c >= 2) {
          const flow = tp * v;
          const fp = tp > prev ? flow : 0;
          const fn = tp < prev ? flow : 0;
          const full = c > period + 1;
          sp = sp + (fp - (full ? state[rp + pos]! : 0));
          sn = sn + (fn - (full ? state[rn + pos]! : 0));
          state[rp + pos] = fp;
          state[rn + pos] = fn;
          pos = pos + 1 === period ? 0 : pos + 1;
          if (c > period) {
            const t = sp + sn;
            out = t > 0 ? (100 * sp) / t : 50;
          }
          if (full) c = period + 2;
        }
        prev = tp;
      }
      dst[o + i] = out;
    }
    state[w] = c;
    state[w + 1] = prev;
    state[w + 2] = pos;
    state[w + 3] = sp;
    state[w + 4] = sn;
  }
  return 0;
}
