// The simulate kernel's order table as TypeScript manages it: slots, per-symbol lists in time
// priority, and the aggregates' dirty flags; the kernel reads it and moves trigger flags and levels.
import { KernelError } from '../model/index.js';
import type { Workspace, Buf } from './workspace.js';
import {
  OI, OF, SI, SF, GI, O_SYM, O_NEXT, O_TYPE, O_SIDE, O_TIF, O_FLAGS, O_OCO, O_ELIGIBLE, O_DONE_BAR, O_STATE, O_POINT,
  F_QTY, F_LIMIT, F_STOP, F_TRAIL, S_HEAD, S_DIRTY, S_CLOSE_DUE, S_USED_BAR, S_DOWN, S_UP, S_QUIET_LOW,
  G_ACTIVE, G_AMBIGUOUS, G_CLOSE_DUE, FLAG_SAME_CLOSE, FLAG_TRIGGERED, POINT_OPEN,
} from './order-layout.js';

/** What the kernel needs of one working order. */
export interface OrderSpec {
  /** Symbol (column) index. */
  readonly symbol: number;
  /** TYPE_* of src/kernels/order-layout.ts. */
  readonly type: number;
  /** +1 buy, −1 sell. */
  readonly side: 1 | -1;
  /** TIF_*. */
  readonly tif: number;
  /** Quantity to fill. */
  readonly quantity: number;
  /** Limit price (limit, stop-limit). */
  readonly limit?: number;
  /** Stop price; a trailing stop's starting level. */
  readonly stop?: number;
  /** Trailing distance (amount, or fraction for TYPE_TRAIL_PCT). */
  readonly trail?: number;
  /** First global bar index at which it may fill. */
  readonly eligible: number;
  /** POINT_* where a market order fills. */
  readonly point?: number;
  /** May fill at the close of bar `eligible` (fill policy same_close). */
  readonly sameClose?: boolean;
  /** Starts triggered (a restored stop whose condition already held). */
  readonly triggered?: boolean;
}

/** The order table buffers in kernel memory, with slot allocation and list maintenance. */
export class OrderTable {
  /** i32 fields of the order slots (OI per slot); replaced when the table grows. */
  oi!: Buf<Int32Array>;
  /** f64 fields of the order slots (OF per slot); replaced when the table grows. */
  of!: Buf<Float64Array>;
  /** i32 fields per symbol (SI each). */
  readonly si: Buf<Int32Array>;
  /** f64 fields per symbol (SF each). */
  readonly sf: Buf<Float64Array>;
  /** The global header (GI fields). */
  readonly glob: Buf<Int32Array>;
  private cap = 0;
  private readonly free: number[] = [];
  private prev = new Int32Array(0);
  private readonly tail: Int32Array;
  // views of the buffers, made again when the arena's memory grows (a grown memory detaches them: length 0)
  private oiV: Int32Array = new Int32Array(0);
  private ofV: Float64Array = new Float64Array(0);
  private siV: Int32Array = new Int32Array(0);
  private sfV: Float64Array = new Float64Array(0);
  private gV: Int32Array = new Int32Array(0);

  constructor(private readonly ws: Workspace, readonly nsym: number, capacity = 64) {
    this.si = ws.i32(nsym * SI);
    this.sf = ws.f64(nsym * SF);
    this.glob = ws.i32(GI);
    this.tail = new Int32Array(nsym).fill(-1);
    const si = this.si.view(), sf = this.sf.view();
    for (let s = 0; s < nsym; s++) {
      si[s * SI + S_HEAD] = -1;
      si[s * SI + S_USED_BAR] = -1;
      sf[s * SF + S_DOWN] = -Infinity;
      sf[s * SF + S_UP] = Infinity;
      sf[s * SF + S_QUIET_LOW] = -Infinity;
    }
    this.grow(Math.max(1, capacity));
  }

  /** Slots in use. */
  get active(): number {
    this.sync();
    return this.gV[G_ACTIVE]!;
  }

  /** Bars at which both legs of a one-cancels-other pair could fill and the intrabar policy chose. */
  get ambiguous(): number {
    this.sync();
    return this.gV[G_AMBIGUOUS]!;
  }

  // makes the cached views current (after the arena's memory grew, or the slots did)
  private sync(): void {
    if (this.oiV.length === 0 || this.gV.length === 0) {
      this.oiV = this.oi.view(); this.ofV = this.of.view(); this.siV = this.si.view(); this.sfV = this.sf.view(); this.gV = this.glob.view();
    }
  }

  /** Adds a working order at the end of its symbol's list; returns its slot. */
  add(o: OrderSpec): number {
    if (!(o.symbol >= 0 && o.symbol < this.nsym)) throw new KernelError(`order table: symbol index ${o.symbol} out of 0..${this.nsym - 1}`);
    if (this.free.length === 0) this.grow(this.cap * 2);
    const slot = this.free.pop()!;
    this.sync();
    const oi = this.oiV, of = this.ofV, si = this.siV, g = this.gV;
    const i = slot * OI, f = slot * OF;
    oi[i + O_SYM] = o.symbol;
    oi[i + O_NEXT] = -1;
    oi[i + O_TYPE] = o.type;
    oi[i + O_SIDE] = o.side;
    oi[i + O_TIF] = o.tif;
    oi[i + O_FLAGS] = (o.sameClose ? FLAG_SAME_CLOSE : 0) | (o.triggered ? FLAG_TRIGGERED : 0);
    oi[i + O_OCO] = -1;
    oi[i + O_ELIGIBLE] = o.eligible;
    oi[i + O_DONE_BAR] = -1;
    oi[i + O_STATE] = 1;
    oi[i + O_POINT] = o.point ?? POINT_OPEN;
    of[f + F_QTY] = o.quantity;
    of[f + F_LIMIT] = o.limit ?? NaN;
    of[f + F_STOP] = o.stop ?? NaN;
    of[f + F_TRAIL] = o.trail ?? NaN;
    const last = this.tail[o.symbol]!;
    if (last < 0) si[o.symbol * SI + S_HEAD] = slot;
    else oi[last * OI + O_NEXT] = slot;
    this.prev[slot] = last;
    this.tail[o.symbol] = slot;
    si[o.symbol * SI + S_DIRTY] = 1;
    if (o.sameClose && si[o.symbol * SI + S_CLOSE_DUE] === 0) {
      si[o.symbol * SI + S_CLOSE_DUE] = 1;
      g[G_CLOSE_DUE]!++;
    }
    g[G_ACTIVE]!++;
    return slot;
  }

  /** Frees a slot and unlinks it from its symbol's list; a partner pointing at it is unlinked too. */
  remove(slot: number): void {
    this.sync();
    const oi = this.oiV, si = this.siV, g = this.gV;
    const i = slot * OI;
    if (oi[i + O_STATE] !== 1) throw new KernelError(`order table: slot ${slot} is not in use`);
    const s = oi[i + O_SYM]!, next = oi[i + O_NEXT]!, before = this.prev[slot]!;
    if (before < 0) si[s * SI + S_HEAD] = next;
    else oi[before * OI + O_NEXT] = next;
    if (next >= 0) this.prev[next] = before;
    else this.tail[s] = before;
    const partner = oi[i + O_OCO]!;
    if (partner >= 0 && oi[partner * OI + O_OCO] === slot) oi[partner * OI + O_OCO] = -1;
    oi[i + O_STATE] = 0;
    oi[i + O_OCO] = -1;
    si[s * SI + S_DIRTY] = 1;
    g[G_ACTIVE]!--;
    this.free.push(slot);
  }

  /** Links two working orders as one-cancels-other partners. */
  link(a: number, b: number): void {
    this.sync();
    const oi = this.oiV;
    oi[a * OI + O_OCO] = b;
    oi[b * OI + O_OCO] = a;
  }

  /** Sets the quantity still to fill. */
  setQuantity(slot: number, q: number): void {
    this.sync();
    this.ofV[slot * OF + F_QTY] = q;
    this.touch(slot);
  }

  /** Sets new prices (cancel/replace, split adjustment); NaN leaves a field unset. */
  setPrices(slot: number, limit: number, stop: number, trail: number): void {
    this.sync();
    const of = this.ofV;
    of[slot * OF + F_LIMIT] = limit;
    of[slot * OF + F_STOP] = stop;
    of[slot * OF + F_TRAIL] = trail;
    this.touch(slot);
  }

  /** Marks the order done for bar `gt` (it does not fill again in that bar). */
  setDoneBar(slot: number, gt: number): void {
    this.sync();
    this.oiV[slot * OI + O_DONE_BAR] = gt;
  }

  /** The order's stop level (a trailing stop's current level). */
  stopLevel(slot: number): number {
    this.sync();
    return this.ofV[slot * OF + F_STOP]!;
  }

  /** The order's quantity still to fill. */
  quantity(slot: number): number {
    this.sync();
    return this.ofV[slot * OF + F_QTY]!;
  }

  /** True once the order's stop condition has triggered. */
  triggered(slot: number): boolean {
    this.sync();
    return (this.oiV[slot * OI + O_FLAGS]! & FLAG_TRIGGERED) !== 0;
  }

  private touch(slot: number): void {
    this.sync();
    const oi = this.oiV, si = this.siV;
    si[oi[slot * OI + O_SYM]! * SI + S_DIRTY] = 1;
  }

  // Doubles the slot arrays (new arena buffers; the old ones stay allocated until the workspace is released).
  private grow(cap: number): void {
    const oi = this.ws.i32(cap * OI), of = this.ws.f64(cap * OF);
    if (this.cap > 0) {
      oi.set(this.oi.view().subarray(0, this.cap * OI));
      of.set(this.of.view().subarray(0, this.cap * OF));
    }
    const prev = new Int32Array(cap).fill(-1);
    prev.set(this.prev);
    this.prev = prev;
    for (let slot = cap - 1; slot >= this.cap; slot--) this.free.push(slot);
    this.oi = oi;
    this.of = of;
    this.cap = cap;
    this.oiV = new Int32Array(0);
  }
}
