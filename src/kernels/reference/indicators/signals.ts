// Plain-TypeScript reference of wasm/indicators/signals.ts (crossings, threshold crossings, streaks).
import { BAD, isSize } from './steps.js';

function crossStep(st: Float64Array, w: number, x: number, y: number, mode: number): number {
  let out = 0;
  if (x === x && y === y) {
    const last = st[w]!;
    if (x > y) {
      if (last < 0 && mode >= 0) out = 1;
      st[w] = 1;
    } else if (x < y) {
      if (last > 0 && mode <= 0) out = -1;
      st[w] = -1;
    }
  }
  return out;
}

function isMode(mode: number): boolean {
  return mode === -1 || mode === 0 || mode === 1;
}

/** +1/−1/0 crossings of a over b (ties skipped); see wasm/indicators/signals.ts. */
export function crossSignal(
  a: Float64Array, b: Float64Array, dst: Int32Array, len: number, nsym: number, mode: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym) || !isMode(mode)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    for (let i = 0; i < len; i++) dst[o + i] = crossStep(state, s, a[o + i]!, b[o + i]!, mode);
  }
  return 0;
}

/** Crossings of src over a constant level; see wasm/indicators/signals.ts. */
export function thresholdCross(
  src: Float64Array, dst: Int32Array, len: number, nsym: number, level: number, mode: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym) || !isMode(mode) || level !== level) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    for (let i = 0; i < len; i++) dst[o + i] = crossStep(state, s, src[o + i]!, level, mode);
  }
  return 0;
}

/** Signed rising/falling streak lengths; see wasm/indicators/signals.ts. */
export function streak(src: Float64Array, dst: Float64Array, len: number, nsym: number, state: Float64Array): number {
  if (!isSize(len) || !isSize(nsym)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * 3;
    let seen = state[w]!;
    let prev = state[w + 1]!;
    let k = state[w + 2]!;
    for (let i = 0; i < len; i++) {
      const v = src[o + i]!;
      let out = NaN;
      if (v === v) {
        if (seen !== 0) {
          if (v > prev) k = k > 0 ? k + 1 : 1;
          else if (v < prev) k = k < 0 ? k - 1 : -1;
          else k = 0;
          out = k;
        }
        seen = 1;
        prev = v;
      }
      dst[o + i] = out;
    }
    state[w] = seen;
    state[w + 1] = prev;
    state[w + 2] = k;
  }
  return 0;
}
