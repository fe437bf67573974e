// Wrapper of the SMA kernel: validates, keeps per-symbol state across slices, runs wasm or js.
import { ConfigError } from '../model/index.js';
import { checkStatus } from './wasm-module.js';
import { Workspace, type Buf } from './workspace.js';
import * as ref from './reference/sma.js';

/** Streaming SMA over `nsym` symbol-major series; state carries from one slice to the next. */
export class SmaKernel {
  private readonly state: Buf<Float64Array>;
  constructor(private readonly ws: Workspace, readonly period: number, readonly nsym: number) {
    requirePeriod('sma', 'period', period);
    this.state = ws.f64(nsym * (3 + period));
  }

  /** dst[s·len + i] = SMA of src for each symbol s over a slice of `len` bars. */
  run(src: Buf<Float64Array>, dst: Buf<Float64Array>, len: number): void {
    const w = 3 + this.period;
    for (let s = 0; s < this.nsym; s++) {
      const a = src.sub(s * len, len);
      const b = dst.sub(s * len, len);
      const st = this.state.sub(s * w, w);
      const status = this.ws.arena
        ? this.ws.wasm.sma(a.ptr, b.ptr, len, this.period, st.ptr)
        : ref.sma(a.view(), b.view(), len, this.period, st.view());
      checkStatus('sma', status);
    }
  }
}

/** SMA of a whole array in one call (convenience for tests and scripts). */
export function smaOf(values: Float64Array, period: number, ws: Workspace = new Workspace('wasm')): Float64Array {
  const m = ws.mark();
  try {
    const src = ws.f64(values.length);
    src.set(values);
    const dst = ws.f64(values.length);
    new SmaKernel(ws, period, 1).run(src, dst, values.length);
    return Float64Array.from(dst.view());
  } finally {
    ws.release(m);
  }
}

/** Fails with a ConfigError unless `value` is a positive integer. */
export function requirePeriod(kernel: string, key: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(`${kernel}: \`${key}\` must be a positive integer; got ${value}`);
  }
}
