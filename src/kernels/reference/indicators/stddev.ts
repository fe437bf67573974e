// Plain-TypeScript reference of wasm/indicators/stddev.ts (rolling σ, z-score, Bollinger bands).
import { BAD, isPeriod, isSize } from './steps.js';

/** Rolling Welford mean/M2 step; state[w..w+4+p) = [count, mean, M2, pos, ring…]; returns the capped count. */
export function momentsStep(st: Float64Array, w: number, x: number, p: number): number {
  const c = st[w]! + 1;
  const pos = st[w + 3]!;
  const r = w + 4 + pos;
  let mean = st[w + 1]!;
  let m2 = st[w + 2]!;
  if (c > p) {
    const old = st[r]!;
    const d = x - old;
    const m = mean + d / p;
    m2 = m2 + d * (x - m + (old - mean));
    mean = m;
  } else {
    const d = x - mean;
    mean = mean + d / c;
    m2 = m2 + d * (x - mean);
  }
  if (m2 < 0) m2 = 0;
  st[r] = x;
  const cc = c > p ? p + 1 : c;
  st[w] = cc;
  st[w + 1] = mean;
  st[w + 2] = m2;
  st[w + 3] = pos + 1 === p ? 0 : pos + 1;
  return cc;
}

/** Rolling standard deviation (ddof 0 or 1); see wasm/indicators/stddev.ts. */
export function stddev(
  src: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, ddof: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period) || !isSize(ddof) || ddof >= period) return BAD;
  const den = period - ddof;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * (4 + period);
    for (let i = 0; i < len; i++) {
      const v = src[o + i]!;
      let out = NaN;
      if (v === v && momentsStep(state, w, v, period) >= period) out = Math.sqrt(state[w + 2]! / den);
      dst[o + i] = out;
    }
  }
  return 0;
}

/** (x − mean)/σ, 0 when σ = 0; see wasm/indicators/stddev.ts. */
export function zscore(src: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * (4 + period);
    for (let i = 0; i < len; i++) {
      const v = src[o + i]!;
      let out = NaN;
      if (v === v && momentsStep(state, w, v, period) >= period) {
        const sd = Math.sqrt(state[w + 2]! / period);
        out = sd > 0 ? (v - state[w + 1]!) / sd : 0;
      }
      dst[o + i] = out;
    }
  }
  return 0;
}

/** Bollinger bands and %b; see wasm/indicators/stddev.ts. */
export function bbands(
  src: Float64Array, middle: Float64Array, upper: Float64Array, lower: Float64Array, pb: Float64Array,
  len: number, nsym: number, period: number, mult: number, state: Float64Array,
): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * (4 + period);
    for (let i = 0; i < len; i++) {
      const v = src[o + i]!;
      let m = NaN;
      let u = NaN;
      let l = NaN;
      let b = NaN;
      if (v === v && momentsStep(state, w, v, period) >= period) {
        m = state[w + 1]!;
        const k = mult * Math.sqrt(state[w + 2]! / period);
        u = m + k;
        l = m - k;
        b = u > l ? (v - l) / (u - l) : 0.5;
      }
      middle[o + i] = m;
      upper[o + i] = u;
      lower[o + i] = l;
      pb[o + i] = b;
    }
  }
  return 0;
}
