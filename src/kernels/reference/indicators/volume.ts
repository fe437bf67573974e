// Plain-TypeScript reference of wasm/indicators/volume.ts (OBV, accumulation/distribution, session VWAP).
import { BAD, isSize } from './steps.js';

/** On-balance volume; see wasm/indicators/volume.ts. */
export function obv(close: Float64Array, volume: Float64Array, dst: Float64Array, len: number, nsym: number, state: Float64Array): number {
  if (!isSize(len) || !isSize(nsym)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * 3;
    let seen = state[w]!;
    let prev = state[w + 1]!;
    let acc = state[w + 2]!;
    for (let i = 0; i < len; i++) {
      const c = close[o + i]!;
      const v = volume[o + i]!;
      let out = NaN;
      if (c === c && v === v) {
        if (seen !== 0) {
          if (c > prev) acc = acc + v;
          else if (c < prev) acc = acc - v;
        }
        seen = 1;
        prev = c;
        out = acc;
      }
      dst[o + i] = out;
    }
    state[w] = seen;
    state[w + 1] = prev;
    state[w + 2] = acc;
  }
  return 0;
}

/** Accumulation/distribution line; see wasm/indicators/volume.ts. */
export function ad(
  high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, dst: Float64Array,
  len: number, nsym: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    let acc = state[s]!;
    for (let i = 0; i < len; i++) {
      const h = high[o + i]!;
      const l = low[o + i]!;
      const c = close[o + i]!;
      const v = volume[o + i]!;
      let out = NaN;
      if (h === h && l === l && c === c && v === v) {
        const range = h - l;
        if (range > 0) acc = acc + ((c - l - (h - c)) / range) * v;
        out = acc;
      }
      dst[o + i] = out;
    }
    state[s] = acc;
  }
  return 0;
}

/** Session VWAP, reset at each non-zero `session` bar; see wasm/indicators/volume.ts. */
export function vwap(
  high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, session: Uint8Array, dst: Float64Array,
  len: number, nsym: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * 2;
    let spv = state[w]!;
    let sv = state[w + 1]!;
    for (let i = 0; i < len; i++) {
      if (session[i] !== 0) {
        spv = 0;
        sv = 0;
      }
      const h = high[o + i]!;
      const l = low[o + i]!;
      const c = close[o + i]!;
      const v = volume[o + i]!;
      let out = NaN;
      if (h === h && l === l && c === c && v === v) {
        spv = spv + ((h + l + c) / 3) * v;
        sv = sv + v;
        out = spv / sv;
      }
      dst[o + i] = out;
    }
    state[w] = spv;
    state[w + 1] = sv;
  }
  return 0;
}
