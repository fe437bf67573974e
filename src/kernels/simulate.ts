// Wrapper of the simulate kernel: the book (cash, positions, marks), the cursor, the fill record and
// the order table, driven over slices by wasm/simulate.ts or its plain-TypeScript reference.
import { KernelError } from '../model/index.js';
import { STATUS_OK, EVENT_FILL, EVENT_SIGNAL, EVENT_DAY_END, EVENT_EXPIRE, EVENT_TRIGGER, EVENT_WATCH, STATUS_NAMES } from './codes.js';
import { Workspace, type Buf } from './workspace.js';
import { OrderTable } from './order-table.js';
import { FILL_SIZE, POLICY_WORST } from './order-layout.js';
import * as ref from './reference/simulate.js';

/** Column buffers of one time slice, symbol-major, as the simulate kernel reads them. */
export interface SliceBuffers {
  /** Open, high, low and close of every symbol (NaN: no bar). */
  readonly open: Buf<Float64Array>;
  readonly high: Buf<Float64Array>;
  readonly low: Buf<Float64Array>;
  readonly close: Buf<Float64Array>;
  /** Needed with a participation cap. */
  readonly volume?: Buf<Float64Array> | undefined;
  /** Needed by the vwap_next_bar fill policy. */
  readonly vwap?: Buf<Float64Array> | undefined;
  /** Quotes at the bar's open and close (trade-and-quote data): market buys fill at the ask, sells at the bid. */
  readonly bidOpen?: Buf<Float64Array> | undefined;
  readonly askOpen?: Buf<Float64Array> | undefined;
  readonly bidClose?: Buf<Float64Array> | undefined;
  readonly askClose?: Buf<Float64Array> | undefined;
  readonly signal: Buf<Int32Array>;
  /** Bit 0: the bar ends a session; bit 1: a snapshot is due after it. */
  readonly dayEnd: Buf<Uint8Array>;
  readonly equity: Buf<Float64Array>;
}

/** Execution settings the kernel applies. */
export interface SimulateParams {
  /** Share of a bar's volume one symbol's fills may take (0 = no cap). */
  readonly participation?: number;
  /** Price increment of trailing-stop levels as 1/ticks (0 = no rounding). */
  readonly ticks?: number;
  /** POLICY_* for two legs of one bracket inside one bar. */
  readonly policy?: number;
}

/** The arena pointer of an optional column (0: absent). */
function p(x: Buf<Float64Array> | undefined): number {
  return x ? x.ptr : 0;
}

/** Drives the simulate kernel over slices; the book mirrors what the ledger holds, the order table what execution holds. */
export class SimulateKernel {
  private readonly bookBuf: Buf<Float64Array>;
  private readonly cursorBuf: Buf<Int32Array>;
  private readonly fillBuf: Buf<Float64Array>;
  /** The working orders the kernel checks bar by bar. */
  readonly orders: OrderTable;
  private readonly participation: number;
  // cached views of the cursor and fill record (a grown arena detaches them: length 0)
  private cursorV: Int32Array = new Int32Array(0);
  private fillV: Float64Array = new Float64Array(0);
  private bookV: Float64Array = new Float64Array(0);
  private readonly ticks: number;
  private readonly policy: number;

  constructor(private readonly ws: Workspace, readonly nsym: number, params: SimulateParams = {}) {
    if (!Number.isInteger(nsym) || nsym < 1) throw new KernelError(`simulate: need at least one symbol; got ${nsym}`);
    // [cash, position[nsym], mark[nsym], watch]: nothing is watched until a level is set
    this.bookBuf = ws.f64(2 + 2 * nsym);
    this.bookBuf.view()[1 + 2 * nsym] = -Infinity;
    this.cursorBuf = ws.i32(8);
    this.fillBuf = ws.f64(FILL_SIZE);
    this.orders = new OrderTable(ws, nsym);
    this.participation = params.participation ?? 0;
    this.ticks = params.ticks ?? 0;
    this.policy = params.policy ?? POLICY_WORST;
  }

  /** Resets the cursor to the first bar of a new slice. */
  beginSlice(): void {
    this.cursorBuf.view().fill(0);
  }

  /** Runs until the next event (EVENT_*) or the slice's end (STATUS_OK); `t0` is the slice's first global bar index. */
  step(b: SliceBuffers, len: number, t0 = 0): number {
    const o = this.orders;
    let status: number;
    if (this.ws.arena) {
      status = this.ws.wasm.simulate(
        b.open.ptr, b.high.ptr, b.low.ptr, b.close.ptr, p(b.volume), p(b.vwap), p(b.bidOpen), p(b.askOpen), p(b.bidClose), p(b.askClose),
        b.signal.ptr, b.dayEnd.ptr, b.equity.ptr, this.bookBuf.ptr, this.cursorBuf.ptr, this.fillBuf.ptr,
        o.oi.ptr, o.of.ptr, o.si.ptr, o.sf.ptr, o.glob.ptr, this.nsym, len, t0, this.participation, this.ticks, this.policy,
      );
    } else {
      const v = (x: Buf<Float64Array> | undefined): Float64Array | null => (x ? x.view() : null);
      status = ref.simulate(
        b.open.view(), b.high.view(), b.low.view(), b.close.view(), v(b.volume), v(b.vwap), v(b.bidOpen), v(b.askOpen), v(b.bidClose), v(b.askClose),
        b.signal.view(), b.dayEnd.view(), b.equity.view(), this.bookBuf.view(), this.cursorBuf.view(), this.fillBuf.view(),
        o.oi.view(), o.of.view(), o.si.view(), o.sf.view(), o.glob.view(), this.nsym, len, t0, this.participation, this.ticks, this.policy,
      );
    }
    if (status !== STATUS_OK && status !== EVENT_FILL && status !== EVENT_SIGNAL && status !== EVENT_DAY_END && status !== EVENT_EXPIRE && status !== EVENT_TRIGGER && status !== EVENT_WATCH) throw new KernelError(`simulate: kernel returned ${status} (${STATUS_NAMES[status] ?? 'unknown'})`);
    return status;
  }

  // the book is read and written around every event: a cached view, re-made once a grown arena detaches it
  private book(): Float64Array {
    if (this.bookV.length === 0) this.bookV = this.bookBuf.view();
    return this.bookV;
  }

  private cursor(): Int32Array {
    if (this.cursorV.length === 0) this.cursorV = this.cursorBuf.view();
    return this.cursorV;
  }

  /**
   * The equity level at or below which the kernel stops with EVENT_WATCH after valuing a bar
   * (−Infinity: none). A risk halt sets it so that a breach between events is seen at its bar.
   */
  get watch(): number {
    return this.book()[1 + 2 * this.nsym]!;
  }
  set watch(level: number) {
    this.book()[1 + 2 * this.nsym] = level;
  }

  /** Symbol index of the last event (−1 for a day end or a watch stop). */
  get eventSymbol(): number {
    return this.cursor()[3]!;
  }
  /** Bar index within the slice of the last event. */
  get eventIndex(): number {
    return this.cursor()[4]!;
  }
  /** Order slot of the last fill, trigger or expiry. */
  get eventSlot(): number {
    return this.cursor()[6]!;
  }
  /** The last fill: price, quantity, reason (PX_* bits) and the order's stop level. */
  get fill(): { readonly price: number; readonly quantity: number; readonly reason: number; readonly stopLevel: number } {
    if (this.fillV.length === 0) this.fillV = this.fillBuf.view();
    const f = this.fillV;
    return { price: f[0]!, quantity: f[1]!, reason: f[2]!, stopLevel: f[3]! };
  }

  /** Cash as the kernel values the book with. */
  get cash(): number {
    return this.book()[0]!;
  }
  set cash(v: number) {
    this.book()[0] = v;
  }
  /** Signed position of symbol s. */
  position(s: number): number {
    return this.book()[1 + s]!;
  }
  /** Sets symbol s's signed position (from the ledger). */
  setPosition(s: number, q: number): void {
    this.book()[1 + s] = q;
  }
  /** Last valid close seen for symbol s (0 before its first bar). */
  mark(s: number): number {
    return this.book()[1 + this.nsym + s]!;
  }
  /** Sets a mark (after a split, the last close in new shares). */
  setMark(s: number, m: number): void {
    this.book()[1 + this.nsym + s] = m;
  }
}
