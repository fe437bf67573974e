// Plain-TypeScript reference of wasm/indicators/ema.ts (EMA, DEMA, TEMA).
import { BAD, emaStep, isPeriod, isSize } from './steps.js';

/** SMA-seeded EMA; see wasm/indicators/ema.ts. */
export function ema(src: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  const alpha = 2 / (period + 1);
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * 2;
    for (let i = 0; i < len; i++) {
      const v = src[o + i]!;
      dst[o + i] = v === v ? emaStep(state, w, v, period, alpha) : NaN;
    }
  }
  return 0;
}

/** 2·e1 − e2; see wasm/indicators/ema.ts. */
export function dema(src: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  const alpha = 2 / (period + 1);
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * 4;
    for (let i = 0; i < len; i++) {
      const v = src[o + i]!;
      let out = NaN;
      if (v === v) {
        const e1 = emaStep(state, w, v, period, alpha);
        if (e1 === e1) {
          const e2 = emaStep(state, w + 2, e1, period, alpha);
          out = 2 * e1 - e2;
        }
      }
      dst[o + i] = out;
    }
  }
  return 0;
}

/** 3·e1 − 3·e2 + e3; see wasm/indicators/ema.ts. */
export function tema(src: Float64Array, dst: Float64Array, len: number, nsym: number, period: number, state: Float64Array): number {
  if (!isSize(len) || !isSize(nsym) || !isPeriod(period)) return BAD;
  const alpha = 2 / (period + 1);
  for (let s = 0; s < nsym; s++) {
    const o = s * len;
    const w = s * 6;
    for (let i = 0; i < len; i++) {
      const v = src[o + i]!;
      let out = NaN;
      if (v === v) {
        const e1 = emaStep(state, w, v, period, alpha);
        if (e1 === e1) {
          const e2 = emaStep(state, w + 2, e1, period, alpha);
          if (e2 === e2) {
            const e3 = emaStep(state, w + 4, e2, period, alpha);
            out = 3 * e1 - 3 * e2 + e3;
          }
        }
      }
      dst[o + i] = out;
    }
  }
  return 0;
}
