// Plain-TypeScript reference of wasm/orders/evaluate.ts: the fill rules of one order at one bar.
import {
  OI, OF, O_TYPE, O_SIDE, O_FLAGS, O_POINT, F_LIMIT, F_STOP,
  TYPE_MARKET, TYPE_LIMIT, TYPE_STOP_LIMIT, TYPE_MOO, TYPE_MOC, TYPE_TRAIL_PCT,
  FLAG_TRIGGERED, POINT_OPEN, POINT_CLOSE, POINT_VWAP,
  PX_OPEN, PX_CLOSE, PX_VWAP, PX_LIMIT, PX_STOP, PX_QUOTE, PX_TRIGGERED,
} from '../../order-layout.js';

/** The bar being checked and the secondary results of the last evaluation. */
export interface BarState {
  o: number; h: number; l: number; c: number; vwap: number;
  bidO: number; askO: number; bidC: number; askC: number;
  dayEnd: boolean;
  /** Price source (PX_*) of the last evaluation that returned a price. */
  reason: number;
  /** The last evaluation triggered a stop-limit that cannot fill at this bar. */
  triggerOnly: boolean;
}

/** A fresh bar state. */
export function newBar(): BarState {
  return { o: 0, h: 0, l: 0, c: 0, vwap: NaN, bidO: NaN, askO: NaN, bidC: NaN, askC: NaN, dayEnd: false, reason: 0, triggerOnly: false };
}

function marketAt(b: BarState, side: number, point: number): number {
  if (point === POINT_VWAP) {
    b.reason = PX_VWAP;
    return b.vwap;
  }
  const atOpen = point === POINT_OPEN;
  const q = side > 0 ? (atOpen ? b.askO : b.askC) : (atOpen ? b.bidO : b.bidC);
  const base = atOpen ? PX_OPEN : PX_CLOSE;
  if (q === q) {
    b.reason = base | PX_QUOTE;
    return q;
  }
  b.reason = base;
  return atOpen ? b.o : b.c;
}

function limitAt(b: BarState, side: number, lim: number): number {
  if (side > 0 ? b.o <= lim : b.o >= lim) {
    b.reason = PX_OPEN;
    return b.o;
  }
  if (side > 0 ? b.l <= lim : b.h >= lim) {
    b.reason = PX_LIMIT;
    return lim;
  }
  return NaN;
}

function stopAt(b: BarState, side: number, stop: number): number {
  if (side > 0 ? b.o >= stop : b.o <= stop) {
    const p = marketAt(b, side, POINT_OPEN);
    b.reason |= PX_TRIGGERED;
    return p;
  }
  if (side > 0 ? b.h >= stop : b.l <= stop) {
    b.reason = PX_STOP | PX_TRIGGERED;
    return stop;
  }
  return NaN;
}

/** Fill price of order `slot` over the whole bar, or NaN (same rules as wasm `evalAtBar`). */
export function evalAtBar(b: BarState, oi: Int32Array, of: Float64Array, slot: number): number {
  const i = slot * OI, f = slot * OF;
  const type = oi[i + O_TYPE]!, side = oi[i + O_SIDE]!;
  const triggered = (oi[i + O_FLAGS]! & FLAG_TRIGGERED) !== 0;
  b.triggerOnly = false;
  if (type === TYPE_MARKET) return marketAt(b, side, oi[i + O_POINT]!);
  if (type === TYPE_MOO) return marketAt(b, side, POINT_OPEN);
  if (type === TYPE_MOC) return b.dayEnd ? marketAt(b, side, POINT_CLOSE) : NaN;
  if (type === TYPE_LIMIT) return limitAt(b, side, of[f + F_LIMIT]!);
  const stop = of[f + F_STOP]!;
  if (type === TYPE_STOP_LIMIT) {
    const lim = of[f + F_LIMIT]!;
    if (triggered) return limitAt(b, side, lim);
    if (side > 0 ? b.o >= stop : b.o <= stop) {
      const p = limitAt(b, side, lim);
      if (p === p) {
        b.reason |= PX_TRIGGERED;
        return p;
      }
      b.triggerOnly = true;
      return NaN;
    }
    if (side > 0 ? b.h >= stop : b.l <= stop) {
      if (side > 0 ? stop <= lim : stop >= lim) {
        b.reason = PX_STOP | PX_TRIGGERED;
        return stop;
      }
      b.triggerOnly = true;
    }
    return NaN;
  }
  if (triggered) return marketAt(b, side, POINT_OPEN);
  return stopAt(b, side, stop);
}

/** Fill price of order `slot` at the close of the bar it was made at, or NaN (wasm `evalAtClose`). */
export function evalAtClose(b: BarState, oi: Int32Array, of: Float64Array, slot: number): number {
  const i = slot * OI, f = slot * OF;
  const type = oi[i + O_TYPE]!, side = oi[i + O_SIDE]!;
  b.triggerOnly = false;
  if (type === TYPE_MARKET) return marketAt(b, side, POINT_CLOSE);
  if (type === TYPE_MOO) return NaN;
  if (type === TYPE_MOC) return b.dayEnd ? marketAt(b, side, POINT_CLOSE) : NaN;
  const lim = of[f + F_LIMIT]!;
  if (type === TYPE_LIMIT) {
    if (side > 0 ? b.c <= lim : b.c >= lim) {
      b.reason = PX_CLOSE;
      return b.c;
    }
    return NaN;
  }
  const stop = of[f + F_STOP]!;
  if (!(side > 0 ? b.c >= stop : b.c <= stop)) return NaN;
  if (type === TYPE_STOP_LIMIT) {
    if (side > 0 ? b.c <= lim : b.c >= lim) {
      b.reason = PX_CLOSE | PX_TRIGGERED;
      return b.c;
    }
    b.triggerOnly = true;
    return NaN;
  }
  const p = marketAt(b, side, POINT_CLOSE);
  b.reason |= PX_TRIGGERED;
  return p;
}

/** A trailing stop's next level after the bar (wasm `trailLevel`). */
export function trailLevel(b: BarState, side: number, type: number, trail: number, ticks: number): number {
  const pct = type === TYPE_TRAIL_PCT;
  const x = side < 0 ? (pct ? b.h * (1 - trail) : b.h - trail) : (pct ? b.l * (1 + trail) : b.l + trail);
  return ticks > 0 ? Math.floor(x * ticks + 0.5) / ticks : x;
}
