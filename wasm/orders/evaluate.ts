// The fill rules of one working order at one bar: whether it fills, at what price, and why.
// Pure: it reads the order and the bar set by `setBar`, and writes only `evReason`/`evTriggerOnly`.
import {
  OI, OF, O_TYPE, O_SIDE, O_FLAGS, O_POINT, F_LIMIT, F_STOP,
  TYPE_MARKET, TYPE_LIMIT, TYPE_STOP_LIMIT, TYPE_MOO, TYPE_MOC, TYPE_TRAIL_PCT,
  FLAG_TRIGGERED, POINT_OPEN, POINT_CLOSE, POINT_VWAP,
  PX_OPEN, PX_CLOSE, PX_VWAP, PX_LIMIT, PX_STOP, PX_QUOTE, PX_TRIGGERED,
} from './layout';

// The bar being checked; quotes are NaN when the data has none.
let bO: f64 = 0, bH: f64 = 0, bL: f64 = 0, bC: f64 = 0, bVwap: f64 = NaN;
let qBidO: f64 = NaN, qAskO: f64 = NaN, qBidC: f64 = NaN, qAskC: f64 = NaN;
let bDayEnd: bool = false;

/** Price source (PX_*) of the last evaluation that returned a price. */
export let evReason: i32 = 0;
/** The last evaluation triggered a stop-limit that cannot fill at this bar (it rests as a limit order). */
export let evTriggerOnly: bool = false;

/** Sets the bar the next evaluations read. */
export function setBar(o: f64, h: f64, l: f64, c: f64, vwap: f64, bidO: f64, askO: f64, bidC: f64, askC: f64, dayEnd: bool): void {
  bO = o; bH = h; bL = l; bC = c; bVwap = vwap;
  qBidO = bidO; qAskO = askO; qBidC = bidC; qAskC = askC;
  bDayEnd = dayEnd;
}

/** Open of the bar being checked (for the intrabar path policy). */
export function barOpen(): f64 { return bO; }
/** High of the bar being checked. */
export function barHigh(): f64 { return bH; }
/** Low of the bar being checked. */
export function barLow(): f64 { return bL; }

// A market fill at the open or the close: the quote on the order's side when there is one
// (buys at the ask, sells at the bid), else the trade price.
function marketAt(side: i32, point: i32): f64 {
  if (point == POINT_VWAP) {
    evReason = PX_VWAP;
    return bVwap;
  }
  const atOpen = point == POINT_OPEN;
  const q = side > 0 ? (atOpen ? qAskO : qAskC) : (atOpen ? qBidO : qBidC);
  const base = atOpen ? PX_OPEN : PX_CLOSE;
  if (q == q) {
    evReason = base | PX_QUOTE;
    return q;
  }
  evReason = base;
  return atOpen ? bO : bC;
}

// A limit order against the whole bar: at the open when the bar opens through the limit, else at the limit when touched.
function limitAt(side: i32, lim: f64): f64 {
  if (side > 0 ? bO <= lim : bO >= lim) {
    evReason = PX_OPEN;
    return bO;
  }
  if (side > 0 ? bL <= lim : bH >= lim) {
    evReason = PX_LIMIT;
    return lim;
  }
  return NaN;
}

// A stop order against the whole bar: at the open when the bar gaps through the stop, else at the stop when touched.
function stopAt(side: i32, stop: f64): f64 {
  if (side > 0 ? bO >= stop : bO <= stop) {
    const p = marketAt(side, POINT_OPEN);
    evReason |= PX_TRIGGERED;
    return p;
  }
  if (side > 0 ? bH >= stop : bL <= stop) {
    evReason = PX_STOP | PX_TRIGGERED;
    return stop;
  }
  return NaN;
}

/**
 * evalAtBar: the fill price of order `slot` over the whole bar, or NaN. Market orders fill at
 * their fill point (open, close or VWAP); on-open orders at the open; on-close orders at the close
 * of a session's last bar; limits at min(limit, open) for buys (max for sells) when the bar opens
 * through them, else at the limit when the low (high) touches it; stops at max(stop, open) for buys
 * (min for sells); a triggered stop's remainder is a market order at the open; a stop-limit
 * triggers like a stop and then fills like a limit, except that after an intrabar trigger with the
 * limit on the far side of the stop it waits for the next bar (the bar's path is unknown).
 */
export function evalAtBar(ordersI: usize, ordersF: usize, slot: i32): f64 {
  const oi = ordersI + ((<usize>slot * <usize>OI) << 2);
  const op = ordersF + ((<usize>slot * <usize>OF) << 3);
  const type = load<i32>(oi + (<usize>O_TYPE << 2));
  const side = load<i32>(oi + (<usize>O_SIDE << 2));
  const triggered = (load<i32>(oi + (<usize>O_FLAGS << 2)) & FLAG_TRIGGERED) != 0;
  evTriggerOnly = false;
  if (type == TYPE_MARKET) return marketAt(side, load<i32>(oi + (<usize>O_POINT << 2)));
  if (type == TYPE_MOO) return marketAt(side, POINT_OPEN);
  if (type == TYPE_MOC) return bDayEnd ? marketAt(side, POINT_CLOSE) : NaN;
  if (type == TYPE_LIMIT) return limitAt(side, load<f64>(op + (<usize>F_LIMIT << 3)));
  const stop = load<f64>(op + (<usize>F_STOP << 3));
  if (type == TYPE_STOP_LIMIT) {
    const lim = load<f64>(op + (<usize>F_LIMIT << 3));
    if (triggered) return limitAt(side, lim);
    if (side > 0 ? bO >= stop : bO <= stop) {
      // triggered at the open: the rest of the bar comes after the trigger
      const p = limitAt(side, lim);
      if (p == p) {
        evReason |= PX_TRIGGERED;
        return p;
      }
      evTriggerOnly = true;
      return NaN;
    }
    if (side > 0 ? bH >= stop : bL <= stop) {
      if (side > 0 ? stop <= lim : stop >= lim) {
        evReason = PX_STOP | PX_TRIGGERED;
        return stop;
      }
      evTriggerOnly = true;
    }
    return NaN;
  }
  // stop and trailing stops
  if (triggered) return marketAt(side, POINT_OPEN);
  return stopAt(side, stop);
}

/**
 * evalAtClose: the fill price of order `slot` at the close of the bar it was made at (fill policy
 * same_close), or NaN: market orders at the close, on-close orders when the bar ends a session,
 * limits when the close is at or through the limit, stops when the close is at or through the stop.
 */
export function evalAtClose(ordersI: usize, ordersF: usize, slot: i32): f64 {
  const oi = ordersI + ((<usize>slot * <usize>OI) << 2);
  const op = ordersF + ((<usize>slot * <usize>OF) << 3);
  const type = load<i32>(oi + (<usize>O_TYPE << 2));
  const side = load<i32>(oi + (<usize>O_SIDE << 2));
  evTriggerOnly = false;
  if (type == TYPE_MARKET) return marketAt(side, POINT_CLOSE);
  if (type == TYPE_MOO) return NaN;
  if (type == TYPE_MOC) return bDayEnd ? marketAt(side, POINT_CLOSE) : NaN;
  const lim = load<f64>(op + (<usize>F_LIMIT << 3));
  if (type == TYPE_LIMIT) {
    if (side > 0 ? bC <= lim : bC >= lim) {
      evReason = PX_CLOSE;
      return bC;
    }
    return NaN;
  }
  const stop = load<f64>(op + (<usize>F_STOP << 3));
  if (!(side > 0 ? bC >= stop : bC <= stop)) return NaN;
  if (type == TYPE_STOP_LIMIT) {
    if (side > 0 ? bC <= lim : bC >= lim) {
      evReason = PX_CLOSE | PX_TRIGGERED;
      return bC;
    }
    evTriggerOnly = true;
    return NaN;
  }
  const p = marketAt(side, POINT_CLOSE);
  evReason |= PX_TRIGGERED;
  return p;
}

/** A trailing stop's next level after a bar: it follows the high (sell) or low (buy) by the distance, rounded to the tick grid. */
export function trailLevel(side: i32, type: i32, trail: f64, ticks: f64): f64 {
  const pct = type == TYPE_TRAIL_PCT;
  const x: f64 = side < 0 ? (pct ? bH * (1 - trail) : bH - trail) : (pct ? bL * (1 + trail) : bL + trail);
  return ticks > 0 ? floor(x * ticks + 0.5) / ticks : x;
}
