// Wrapper of the exact SMA-crossover kernel: checks the exact-arithmetic range, keeps state per symbol.
import { ConfigError, DataError } from '../model/index.js';
import { checkStatus } from './wasm-module.js';
import { Workspace, type Buf } from './workspace.js';
import { requirePeriod } from './sma.js';
import * as ref from './reference/sma-cross.js';

/** Prices are compared exactly after scaling by 10^6 (six decimals). */
export const PRICE_SCALE = 1e6;

/**
 * Fails unless the crossover sums stay exact: 2·fast·slow·max|price|·scale < 2^53
 * (the bound of the js reference, which sums in doubles; the kernel's i64 has more room).
 */
export function checkExactRange(fast: number, slow: number, maxAbsPrice: number, scale = PRICE_SCALE): void {
  const bound = 2 * fast * slow * Math.round(maxAbsPrice * scale);
  if (!(bound < 2 ** 53)) {
    throw new DataError(
      `sma_cross: prices up to ${maxAbsPrice} with fast=${fast}, slow=${slow} exceed the exact range ` +
      `(2·fast·slow·price·10^6 must stay below 2^53); use shorter windows or rescale prices`,
    );
  }
}

/** Validates the fast/slow pair of a crossover. */
export function checkWindows(fast: number, slow: number, where = 'strategy.params'): void {
  requirePeriod('sma_cross', `${where}.fast`, fast);
  requirePeriod('sma_cross', `${where}.slow`, slow);
  if (fast >= slow) throw new ConfigError(`sma_cross: \`${where}.fast\` (${fast}) must be less than \`${where}.slow\` (${slow})`);
}

/** Streaming exact crossover of SMA(fast) over SMA(slow) of closes, for `nsym` symbol-major series. */
export class SmaCrossKernel {
  private readonly state: Buf<BigInt64Array>;
  constructor(private readonly ws: Workspace, readonly fast: number, readonly slow: number, readonly nsym: number, readonly scale = PRICE_SCALE) {
    checkWindows(fast, slow);
    this.state = ws.i64(nsym * (5 + slow));
  }

  /** dst[s·len + i] = +1 / −1 / 0 for each symbol over a slice of `len` bars. */
  run(close: Buf<Float64Array>, dst: Buf<Int32Array>, len: number): void {
    const w = 5 + this.slow;
    for (let s = 0; s < this.nsym; s++) {
      const c = close.sub(s * len, len);
      const d = dst.sub(s * len, len);
      const st = this.state.sub(s * w, w);
      const status = this.ws.arena
        ? this.ws.wasm.smaCross(c.ptr, d.ptr, len, this.fast, this.slow, this.scale, st.ptr)
        : ref.smaCross(c.view(), d.view(), len, this.fast, this.slow, this.scale, st.view());
      checkStatus('smaCross', status);
    }
  }
}

/** Exact crossovers of a whole close array in one call. */
export function smaCrossOf(close: Float64Array, fast: number, slow: number, ws: Workspace = new Workspace('wasm')): Int32Array {
  const m = ws.mark();
  try {
    const c = ws.f64(close.length);
    c.set(close);
    const d = ws.i32(close.length);
    new SmaCrossKernel(ws, fast, slow, 1).run(c, d, close.length);
    return Int32Array.from(d.view());
  } finally {
    ws.release(m);
  }
}
