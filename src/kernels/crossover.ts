// Wrapper of the crossover kernel for two float series (per symbol, state across slices).
import { checkStatus } from './wasm-module.js';
import { Workspace, type Buf } from './workspace.js';
import * as ref from './reference/crossover.js';

/** Streaming crossover of a over b for `nsym` symbol-major series. */
export class CrossoverKernel {
  private readonly state: Buf<Float64Array>;
  constructor(private readonly ws: Workspace, readonly nsym: number) {
    this.state = ws.f64(nsym);
  }

  /** dst[s·len + i] = +1 (a crosses above b), −1 (below) or 0. */
  run(a: Buf<Float64Array>, b: Buf<Float64Array>, dst: Buf<Int32Array>, len: number): void {
    for (let s = 0; s < this.nsym; s++) {
      const x = a.sub(s * len, len);
      const y = b.sub(s * len, len);
      const d = dst.sub(s * len, len);
      const st = this.state.sub(s, 1);
      const status = this.ws.arena
        ? this.ws.wasm.crossover(x.ptr, y.ptr, d.ptr, len, st.ptr)
        : ref.crossover(x.view(), y.view(), d.view(), len, st.view());
      checkStatus('crossover', status);
    }
  }
}

/** Crossovers of two whole arrays in one call. */
export function crossoverOf(a: Float64Array, b: Float64Array, ws: Workspace = new Workspace('wasm')): Int32Array {
  if (a.length !== b.length) throw new RangeError(`crossover: inputs differ in length (${a.length} vs ${b.length})`);
  const m = ws.mark();
  try {
    const x = ws.f64(a.length);
    x.set(a);
    const y = ws.f64(b.length);
    y.set(b);
    const d = ws.i32(a.length);
    new CrossoverKernel(ws, 1).run(x, y, d, a.length);
    return Int32Array.from(d.view());
  } finally {
    ws.release(m);
  }
}
