// Wrapper of the simulate kernel: the book (cash, positions, marks, pending orders) and the cursor.
import { KernelError } from '../model/index.js';
import { STATUS_OK, EVENT_FILL, EVENT_SIGNAL, EVENT_DAY_END, STATUS_NAMES } from './codes.js';
import { Workspace, type Buf } from './workspace.js';
import * as ref from './reference/simulate.js';

/** Column buffers of one time slice, symbol-major, as the simulate kernel reads them. */
export interface SliceBuffers {
  readonly open: Buf<Float64Array>;
  readonly close: Buf<Float64Array>;
  readonly signal: Buf<Int32Array>;
  readonly dayEnd: Buf<Uint8Array>;
  readonly equity: Buf<Float64Array>;
}

/** Drives the simulate kernel over slices; the book mirrors what the ledger and execution hold. */
export class SimulateKernel {
  private readonly bookBuf: Buf<Float64Array>;
  private readonly cursorBuf: Buf<Int32Array>;

  constructor(private readonly ws: Workspace, readonly nsym: number) {
    if (!Number.isInteger(nsym) || nsym < 1) throw new KernelError(`simulate: need at least one symbol; got ${nsym}`);
    this.bookBuf = ws.f64(1 + 3 * nsym);
    this.cursorBuf = ws.i32(5);
  }

  /** Resets the cursor to the first bar of a new slice. */
  beginSlice(): void {
    this.cursorBuf.view().fill(0);
  }

  /** Runs until the next event (EVENT_FILL, EVENT_SIGNAL, EVENT_DAY_END) or the slice's end (STATUS_OK). */
  step(b: SliceBuffers, len: number): number {
    const status = this.ws.arena
      ? this.ws.wasm.simulate(b.open.ptr, b.close.ptr, b.signal.ptr, b.dayEnd.ptr, b.equity.ptr, this.bookBuf.ptr, this.cursorBuf.ptr, this.nsym, len)
      : ref.simulate(b.open.view(), b.close.view(), b.signal.view(), b.dayEnd.view(), b.equity.view(), this.bookBuf.view(), this.cursorBuf.view(), this.nsym, len);
    if (status !== STATUS_OK && status !== EVENT_FILL && status !== EVENT_SIGNAL && status !== EVENT_DAY_END) {
      throw new KernelError(`simulate: kernel returned ${status} (${STATUS_NAMES[status] ?? 'unknown'})`);
    }
    return status;
  }

  /** Symbol index of the last event (−1 for a day end). */
  get eventSymbol(): number {
    return this.cursorBuf.view()[3]!;
  }
  /** Bar index within the slice of the last event. */
  get eventIndex(): number {
    return this.cursorBuf.view()[4]!;
  }

  get cash(): number {
    return this.bookBuf.view()[0]!;
  }
  set cash(v: number) {
    this.bookBuf.view()[0] = v;
  }
  position(s: number): number {
    return this.bookBuf.view()[1 + s]!;
  }
  setPosition(s: number, q: number): void {
    this.bookBuf.view()[1 + s] = q;
  }
  /** Last valid close seen for symbol s (0 before its first bar). */
  mark(s: number): number {
    return this.bookBuf.view()[1 + this.nsym + s]!;
  }
  /** Signed quantity of symbol s's pending market order; 0 when none. */
  pending(s: number): number {
    return this.bookBuf.view()[1 + 2 * this.nsym + s]!;
  }
  setPending(s: number, q: number): void {
    this.bookBuf.view()[1 + 2 * this.nsym + s] = q;
  }
}
