// Plain-TypeScript reference of wasm/simulate.ts: the same walk, the same cursor, the same codes,
// over the same order table (src/kernels/reference/orders/ mirrors wasm/orders/).
import { S_COUNT, S_DIRTY, S_IOC, S_TRAIL, S_CLOSE_DUE, S_UP, S_QUIET_LOW, G_ACTIVE, G_CLOSE_DUE, SI, SF, F_STOP, OF } from '../order-layout.js';
import { newBar } from './orders/evaluate.js';
import { recompute, noFills, fillPass, expiringOrder, trailPass, type OrderContext } from './orders/symbol-orders.js';

type Col = Float64Array | null;

/** Advances over a slice until an event is due; see wasm/simulate.ts for layout and order of steps. */
export function simulate(
  open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, volume: Col, vwap: Col,
  bidOpen: Col, askOpen: Col, bidClose: Col, askClose: Col,
  signal: Int32Array, dayEnd: Uint8Array, equity: Float64Array, book: Float64Array, cursor: Int32Array, fill: Float64Array,
  orders: Int32Array, orderPx: Float64Array, symI: Int32Array, symF: Float64Array, glob: Int32Array,
  nsym: number, len: number, t0: number, participation: number, ticks: number, policy: number,
): number {
  if (nsym < 1 || len < 0 || t0 < 0) return 100;
  const x: OrderContext = {
    oi: orders, of: orderPx, si: symI, sf: symF, glob, participation, ticks, policy, bar: newBar(),
    outSlot: -1, outPrice: 0, outQty: 0, outReason: 0,
  };
  const col = (c: Col, s: number, t: number): number => (c === null ? NaN : c[s * len + t]!);
  const loadBar = (s: number, t: number): void => {
    const b = x.bar;
    b.o = open[s * len + t]!; b.h = high[s * len + t]!; b.l = low[s * len + t]!; b.c = close[s * len + t]!;
    b.vwap = col(vwap, s, t); b.bidO = col(bidOpen, s, t); b.askO = col(askOpen, s, t); b.bidC = col(bidClose, s, t); b.askC = col(askClose, s, t);
    b.dayEnd = (dayEnd[t]! & 1) !== 0;
  };
  let subOut = 0, slotOut = -1;
  // symbolAtBar(s, t, gt, 0, false) returns 0 without a write when this holds (wasm `quiet`)
  const quiet = (s: number, t: number): boolean =>
    symI[s * SI + S_DIRTY] === 0 && low[s * len + t]! > symF[s * SF + S_QUIET_LOW]! && high[s * len + t]! < symF[s * SF + S_UP]!;
  const symbolAtBar = (s: number, t: number, gt: number, sub: number, atClose: boolean): number => {
    const o = open[s * len + t]!;
    if (o !== o) return 0;
    if (symI[s * SI + S_DIRTY] !== 0) recompute(x, s);
    if (symI[s * SI + S_COUNT] === 0) return 0;
    if (sub === 0) {
      const skipFills = !atClose && noFills(x, s, low[s * len + t]!, high[s * len + t]!);
      if (skipFills && symI[s * SI + S_IOC] === 0 && symI[s * SI + S_TRAIL] === 0) return 0;
      loadBar(s, t);
      const r = skipFills ? 0 : fillPass(x, s, gt, volume === null ? NaN : volume[s * len + t]!, atClose);
      if (r !== 0) {
        subOut = 0;
        slotOut = x.outSlot;
        if (r === 1) {
          fill[0] = x.outPrice;
          fill[1] = x.outQty;
          fill[2] = x.outReason;
          fill[3] = orderPx[x.outSlot * OF + F_STOP]!;
          return 1;
        }
        return 5;
      }
      sub = 1;
    }
    if (symI[s * SI + S_DIRTY] !== 0) recompute(x, s);
    if (symI[s * SI + S_IOC]! > 0) {
      const slot = expiringOrder(x, s, gt, atClose);
      if (slot >= 0) {
        subOut = 1;
        slotOut = slot;
        return 4;
      }
    }
    if (!atClose && symI[s * SI + S_TRAIL]! > 0) {
      loadBar(s, t);
      trailPass(x, s, gt);
    }
    return 0;
  };
  const value = (t: number, takeMarks: boolean): void => {
    let total = book[0]!;
    for (let k = 0; k < nsym; k++) {
      if (takeMarks) {
        const c = close[k * len + t]!;
        if (c === c) book[1 + nsym + k] = c;
      }
      const q = book[1 + k]!;
      if (q !== 0) total += q * book[1 + nsym + k]!;
    }
    equity[t] = total;
  };
  const yieldEvent = (nt: number, ns: number, nphase: number, evSym: number, code: number, evT: number): number => {
    cursor[0] = nt;
    cursor[1] = ns;
    cursor[2] = nphase;
    cursor[3] = evSym;
    cursor[4] = evT;
    const orderEvent = code === 1 || code === 5 || code === 4;
    cursor[5] = orderEvent ? subOut : 0;
    cursor[6] = orderEvent ? slotOut : -1;
    return code;
  };
  let t = cursor[0]!;
  let s = cursor[1]!;
  let phase = cursor[2]!;
  let sub = cursor[5]!;
  while (t < len) {
    const gt = t0 + t;
    if (phase === 0) {
      if (glob[G_ACTIVE]! > 0) {
        for (; s < nsym; s++) {
          if (sub === 0 && quiet(s, t)) continue;
          const code = symbolAtBar(s, t, gt, sub, false);
          if (code !== 0) return yieldEvent(t, s, 0, s, code, t);
          sub = 0;
        }
      }
      value(t, true);
      phase = 2;
      s = 0;
      sub = 0;
      if (equity[t]! <= book[1 + 2 * nsym]!) return yieldEvent(t, 0, 2, -1, 6, t);
    }
    if (phase === 2) {
      for (; s < nsym; s++) {
        if (signal[s * len + t] !== 0) return yieldEvent(t, s + 1, 2, s, 2, t);
      }
      phase = 3;
      s = 0;
      sub = 0;
      cursor[7] = 0;
    }
    if (phase === 3) {
      if (glob[G_CLOSE_DUE]! > 0) {
        for (; s < nsym; s++) {
          if (symI[s * SI + S_CLOSE_DUE] === 0) continue;
          const code = symbolAtBar(s, t, gt, sub, true);
          if (code !== 0) {
            if (code === 1) cursor[7] = 1;
            return yieldEvent(t, s, 3, s, code, t);
          }
          sub = 0;
          symI[s * SI + S_CLOSE_DUE] = 0;
          glob[G_CLOSE_DUE]!--;
        }
        if (cursor[7] !== 0) value(t, false);
      }
      phase = 4;
    }
    if (dayEnd[t] !== 0) return yieldEvent(t + 1, 0, 0, -1, 3, t);
    t++;
    s = 0;
    phase = 0;
    sub = 0;
  }
  cursor[0] = t;
  cursor[1] = 0;
  cursor[2] = 0;
  cursor[5] = 0;
  return 0;
}
