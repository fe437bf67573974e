// One registry kernel (indicator or signal) with its own output buffers in the workspace, for the
// built-in vectorised strategies that chain kernels over a slice (RSI → threshold crossings, …).
import { getIndicator, type AnyBuf, type Buf, type IndicatorKernel, type Workspace } from '../kernels/index.js';

/** A streaming registry kernel over `nsym` symbols whose outputs live in buffers it owns. */
export class SliceKernel<T extends Float64Array | Int32Array = Float64Array> {
  private readonly kernel: IndicatorKernel;
  private bufs: Buf<T>[] = [];
  private capacity = 0;

  constructor(private readonly ws: Workspace, private readonly nsym: number, readonly name: string, params: Readonly<Record<string, number>>) {
    this.kernel = getIndicator(name).create(ws, nsym, params);
  }

  /**
   * Runs one slice of `len` bars per symbol; returns the outputs in the spec's order (valid until the
   * next run). Take their views only after every kernel of the slice ran: a first run allocates its
   * outputs, which may grow the arena and detach views taken before.
   */
  run(inputs: readonly AnyBuf[], len: number): Buf<T>[] {
    const n = this.nsym * len;
    if (n > this.capacity) {
      // sized by the first (longest) slice; every later slice fits
      const i32 = this.kernel.spec.outputType === 'i32';
      this.bufs = this.kernel.spec.outputs.map(() => (i32 ? this.ws.i32(n) : this.ws.f64(n)) as unknown as Buf<T>);
      this.capacity = n;
    }
    const outs = this.bufs.map((b) => b.sub(0, n));
    this.kernel.run(inputs.map((b) => (b.length > n ? b.sub(0, n) : b)) as AnyBuf[], outs as unknown as AnyBuf[], len);
    return outs;
  }
}
