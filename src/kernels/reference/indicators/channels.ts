// Plain-TypeScript reference of wasm/indicators/channels.ts (Donchian channels, Aroon).
import { BAD, isPeriod, isSize } from './steps.js';
import { extPush, extWidth } from './extremes.js';

/** Donchian channels; see wasm/indicators/channels.ts. */
export function donchian(
  high: Float64Array, low: Float64Array, upper: Float64Array, middle: Float64Array, lower: Float64Array,
  len: number, nsym: number, period: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * extWidth(period);
    for (let i = 0; i < len; i++) {
      const h = high[o + i]!;
      const l = low[o + i]!;
      let u = NaN;
      let d = NaN;
      if (h === h && l === l && extPush(state, w, h, l, period) >= period) {
        u = state[w + 2]!;
        d = state[w + 4]!;
      }
      upper[o + i] = u;
      middle[o + i] = (u + d) * 0.5;
      lower[o + i] = d;
    }
  }
  return 0;
}

/** Aroon up and down over period + 1 valid bars; see wasm/indicators/channels.ts. */
export function aroon(
  high: Float64Array, low: Float64Array, up: Float64Array, down: Float64Array, len: number, nsym: number, period: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  const win = period + 1;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * extWidth(win);
    for (let i = 0; i < len; i++) {
      const h = high[o + i]!;
      const l = low[o + i]!;
      let u = NaN;
      let d = NaN;
      if (h === h && l === l) {
        const c = extPush(state, w, h, l, win);
        if (c > period) {
          u = (100 * (period - (c - state[w + 3]!))) / period;
          d = (100 * (period - (c - state[w + 5]!))) / period;
        }
      }
      up[o + i] = u;
      down[o + i] = d;
    }
  }
  return 0;
}
