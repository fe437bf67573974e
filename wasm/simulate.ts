// The event-driven walk: advance bar by bar over a time slice, check the working orders against each
// bar, and stop as soon as an event is due (a fill, a trigger, an expiry, a signal, a day end).
import { STATUS_OK, STATUS_BAD_ARGS, EVENT_FILL, EVENT_SIGNAL, EVENT_DAY_END, EVENT_EXPIRE, EVENT_TRIGGER, EVENT_WATCH } from './codes';
import { S_COUNT, S_DIRTY, S_IOC, S_TRAIL, S_CLOSE_DUE, S_UP, S_QUIET_LOW, G_ACTIVE, G_CLOSE_DUE } from './orders/layout';
import { setBar } from './orders/evaluate';
import {
  bindOrders, recompute, noFills, fillPass, expiringOrder, trailPass, siAt, sfAt, stopLevel,
  outSlot, outPrice, outQty, outReason,
} from './orders/symbol-orders';

// cursor fields
const C_T: usize = 0, C_S: usize = 4, C_PHASE: usize = 8, C_EV_SYM: usize = 12, C_EV_T: usize = 16, C_SUB: usize = 20, C_SLOT: usize = 24, C_CLOSE_FILLS: usize = 28;

// columns of this call, read by `loadBar`
let cOpen: usize = 0, cHigh: usize = 0, cLow: usize = 0, cClose: usize = 0, cVolume: usize = 0, cVwap: usize = 0;
let cBidO: usize = 0, cAskO: usize = 0, cBidC: usize = 0, cAskC: usize = 0, cDayEnd: usize = 0, sliceLen: i32 = 0;

@inline function col(ptr: usize, s: i32, t: i32): f64 {
  return ptr == 0 ? NaN : load<f64>(ptr + ((<usize>s * <usize>sliceLen + <usize>t) << 3));
}

function loadBar(s: i32, t: i32): void {
  setBar(col(cOpen, s, t), col(cHigh, s, t), col(cLow, s, t), col(cClose, s, t), col(cVwap, s, t),
    col(cBidO, s, t), col(cAskO, s, t), col(cBidC, s, t), col(cAskC, s, t), (load<u8>(cDayEnd + <usize>t) & 1) != 0);
}

/**
 * simulate: walks timeline indices t of a slice of `len` bars for `nsym` symbols and returns at the
 * first event that is due, leaving a cursor so that calling again resumes right after it.
 * Per bar t (global index t0 + t), in this order:
 *  1. orders: for each symbol with a valid open and working orders that the bar can reach (its
 *     low/high against the symbol's quiet range, S_QUIET_LOW..S_UP: one compare each way), the
 *     orders are checked in time priority (wasm/orders/evaluate.ts has the rules): the first that
 *     fills returns EVENT_FILL with the fill record; a stop-limit that triggers without filling
 *     returns EVENT_TRIGGER; then IOC/FOK orders left working return EVENT_EXPIRE one by one; then
 *     trailing stops move. Orders made at bar t − 1's close are eligible from bar t, so nothing
 *     fills before the bar after its order (except with the same_close policy, step 4).
 *  2. valuation: marks take each valid close; equity[t] = cash + Σ position·mark (fills of step 1
 *     are in it, because the caller books them before resuming). When equity[t] ≤ the book's watch
 *     level, return EVENT_WATCH (symbol −1); resuming goes on with step 3 of the same bar.
 *  3. signals: for each symbol with signal[s·len + t] ≠ 0, return EVENT_SIGNAL.
 *  4. same close: symbols flagged S_CLOSE_DUE check the orders made at this bar against its close
 *     (EVENT_FILL / EVENT_TRIGGER / EVENT_EXPIRE as in step 1); equity[t] is valued again after fills.
 *  5. if dayEnd[t] ≠ 0, return EVENT_DAY_END (bit 0: the session's last bar, bit 1: a snapshot is due).
 * Layout: open, high, low, close, volume, vwap, bidOpen, askOpen, bidClose, askClose f64[nsym·len]
 * symbol-major (vwap and the four quote columns may be 0: absent; volume is read only with a
 * participation cap); signal i32[nsym·len]; dayEnd u8[len]; equity f64[len] (output); book
 * f64[2 + 2·nsym] = [cash, position[nsym], mark[nsym], watch] (the caller writes cash and positions after
 * booking fills, and the watch level: −Infinity watches nothing); cursor i32[8] = [t, s, phase, eventSymbol, eventT, sub, eventSlot, closeFills],
 * zeroed at the start of each slice; fill f64[FILL_SIZE] = [price, quantity, reason, stop level]
 * (output of EVENT_FILL); the order table (orders i32[cap·OI], orderPx f64[cap·OF], symI
 * i32[nsym·SI], symF f64[nsym·SF], glob i32[GI]) as wasm/orders/layout.ts describes, written by the
 * caller except the fields the kernel owns (trigger flags, done bars, trailing levels, aggregates).
 * Parameters: participation (share of a bar's volume an order may take; 0 = no cap), ticks
 * (1 / tick size for trailing levels; 0 = no rounding), policy (POLICY_*).
 * Returns STATUS_OK when the slice is done. Reference: `simulate` in src/kernels/reference/simulate.ts.
 */
export function simulate(
  open: usize, high: usize, low: usize, close: usize, volume: usize, vwap: usize,
  bidOpen: usize, askOpen: usize, bidClose: usize, askClose: usize,
  signal: usize, dayEnd: usize, equity: usize, book: usize, cursor: usize, fill: usize,
  orders: usize, orderPx: usize, symI: usize, symF: usize, glob: usize,
  nsym: i32, len: i32, t0: i32, participation: f64, ticks: f64, policy: i32,
): i32 {
  if (nsym < 1 || len < 0 || t0 < 0) return STATUS_BAD_ARGS;
  cOpen = open; cHigh = high; cLow = low; cClose = close; cVolume = volume; cVwap = vwap;
  cBidO = bidOpen; cAskO = askOpen; cBidC = bidClose; cAskC = askClose; cDayEnd = dayEnd; sliceLen = len;
  fillOut = fill;
  bindOrders(orders, orderPx, symI, symF, glob, participation, ticks, policy);
  const positions = book + 8;
  const marks = positions + (<usize>nsym << 3);
  const watch = marks + (<usize>nsym << 3);
  let t = load<i32>(cursor, C_T);
  let s = load<i32>(cursor, C_S);
  let phase = load<i32>(cursor, C_PHASE);
  let sub = load<i32>(cursor, C_SUB);
  while (t < len) {
    const gt = t0 + t;
    if (phase == 0) {
      if (load<i32>(glob + (<usize>G_ACTIVE << 2)) > 0) {
        for (; s < nsym; s++) {
          // (not when resuming inside the symbol's steps: sub > 0)
          if (sub == 0 && quiet(s, t)) continue;
          const code = symbolAtBar(s, t, gt, sub, false);
          if (code != 0) return yieldEvent(cursor, t, s, 0, s, code, t);
          sub = 0;
        }
      }
      value(equity, book, positions, marks, nsym, t, true);
      phase = 2;
      s = 0;
      sub = 0;
      if (load<f64>(equity + (<usize>t << 3)) <= load<f64>(watch)) return yieldEvent(cursor, t, 0, 2, -1, EVENT_WATCH, t);
    }
    if (phase == 2) {
      for (; s < nsym; s++) {
        if (load<i32>(signal + ((<usize>s * <usize>len + <usize>t) << 2)) != 0) {
          return yieldEvent(cursor, t, s + 1, 2, s, EVENT_SIGNAL, t);
        }
      }
      phase = 3;
      s = 0;
      sub = 0;
      store<i32>(cursor, 0, C_CLOSE_FILLS);
    }
    if (phase == 3) {
      if (load<i32>(glob + (<usize>G_CLOSE_DUE << 2)) > 0) {
        for (; s < nsym; s++) {
          if (load<i32>(siAt(s, S_CLOSE_DUE)) == 0) continue;
          const code = symbolAtBar(s, t, gt, sub, true);
          if (code != 0) {
            if (code == EVENT_FILL) store<i32>(cursor, 1, C_CLOSE_FILLS);
            return yieldEvent(cursor, t, s, 3, s, code, t);
          }
          sub = 0;
          store<i32>(siAt(s, S_CLOSE_DUE), 0);
          store<i32>(glob + (<usize>G_CLOSE_DUE << 2), load<i32>(glob + (<usize>G_CLOSE_DUE << 2)) - 1);
        }
        if (load<i32>(cursor, C_CLOSE_FILLS) != 0) value(equity, book, positions, marks, nsym, t, false);
      }
      phase = 4;
    }
    if (load<u8>(dayEnd + <usize>t) != 0) {
      return yieldEvent(cursor, t + 1, 0, 0, -1, EVENT_DAY_END, t);
    }
    t++;
    s = 0;
    phase = 0;
    sub = 0;
  }
  store<i32>(cursor, t, C_T);
  store<i32>(cursor, 0, C_S);
  store<i32>(cursor, 0, C_PHASE);
  store<i32>(cursor, 0, C_SUB);
  return STATUS_OK;
}

// True when symbol s's orders have nothing to do at bar t: its aggregates are current and the bar lies
// strictly inside its quiet range. symbolAtBar(s, t, gt, 0, false) then returns 0 without a write
// (skipFills holds and no IOC or trailing stop is working): this is that test without the call.
@inline function quiet(s: i32, t: i32): bool {
  const at = (<usize>s * <usize>sliceLen + <usize>t) << 3;
  return load<i32>(siAt(s, S_DIRTY)) == 0 && load<f64>(cLow + at) > load<f64>(sfAt(s, S_QUIET_LOW)) && load<f64>(cHigh + at) < load<f64>(sfAt(s, S_UP));
}

// Where symbolAtBar writes the fill record, and the sub-step and slot of the event it returns.
let fillOut: usize = 0;
let subOut: i32 = 0;
let slotOut: i32 = -1;

// The per-symbol order steps at bar t; returns an event code, or 0 when the symbol is done for the bar.
// `sub` is where to resume: 0 fills, 1 IOC/FOK expiries (then trailing stops, which never yield).
function symbolAtBar(s: i32, t: i32, gt: i32, sub: i32, atClose: bool): i32 {
  const o = col(cOpen, s, t);
  if (o != o) return 0;
  if (load<i32>(siAt(s, S_DIRTY)) != 0) recompute(s);
  if (load<i32>(siAt(s, S_COUNT)) == 0) return 0;
  if (sub == 0) {
    // the fill pass only when the bar can reach an order; IOC expiries and trailing levels need no pass
    const skipFills = !atClose && noFills(s, col(cLow, s, t), col(cHigh, s, t));
    if (skipFills && load<i32>(siAt(s, S_IOC)) == 0 && load<i32>(siAt(s, S_TRAIL)) == 0) return 0;
    loadBar(s, t);
    const vol = cVolume == 0 ? NaN : col(cVolume, s, t);
    const r = skipFills ? 0 : fillPass(s, gt, vol, atClose);
    if (r != 0) {
      subOut = 0;
      slotOut = outSlot;
      if (r == 1) {
        store<f64>(fillOut, outPrice);
        store<f64>(fillOut + 8, outQty);
        store<f64>(fillOut + 16, <f64>outReason);
        store<f64>(fillOut + 24, stopLevel(outSlot));
        return EVENT_FILL;
      }
      return EVENT_TRIGGER;
    }
    sub = 1;
  }
  if (load<i32>(siAt(s, S_DIRTY)) != 0) recompute(s);
  if (load<i32>(siAt(s, S_IOC)) > 0) {
    const slot = expiringOrder(s, gt, atClose);
    if (slot >= 0) {
      subOut = 1;
      slotOut = slot;
      return EVENT_EXPIRE;
    }
  }
  if (!atClose && load<i32>(siAt(s, S_TRAIL)) > 0) {
    loadBar(s, t);
    trailPass(s, gt);
  }
  return 0;
}

// equity[t] = cash + Σ position · mark; the first valuation of a bar also takes its valid closes as marks.
function value(equity: usize, book: usize, positions: usize, marks: usize, nsym: i32, t: i32, takeMarks: bool): void {
  let total = load<f64>(book);
  for (let k = 0; k < nsym; k++) {
    const m = marks + (<usize>k << 3);
    if (takeMarks) {
      const c = load<f64>(cClose + ((<usize>k * <usize>sliceLen + <usize>t) << 3));
      if (c == c) store<f64>(m, c);
    }
    const q = load<f64>(positions + (<usize>k << 3));
    if (q != 0) total += q * load<f64>(m);
  }
  store<f64>(equity + (<usize>t << 3), total);
}

// Saves where to resume and which bar and symbol the event is at; returns the event code.
function yieldEvent(cursor: usize, t: i32, s: i32, phase: i32, evSym: i32, code: i32, evT: i32): i32 {
  store<i32>(cursor, t, C_T);
  store<i32>(cursor, s, C_S);
  store<i32>(cursor, phase, C_PHASE);
  store<i32>(cursor, evSym, C_EV_SYM);
  store<i32>(cursor, evT, C_EV_T);
  const orderEvent = code == EVENT_FILL || code == EVENT_TRIGGER || code == EVENT_EXPIRE;
  store<i32>(cursor, orderEvent ? subOut : 0, C_SUB);
  store<i32>(cursor, orderEvent ? slotOut : -1, C_SLOT);
  return code;
}
