// One symbol's working orders at one bar: aggregates for the fast skip, the fill pass with the
// participation cap and one-cancels-other resolution, IOC/FOK expiry, and trailing-stop levels.
import {
  OI, OF, SI, SF, O_SYM, O_NEXT, O_TYPE, O_SIDE, O_TIF, O_FLAGS, O_OCO, O_ELIGIBLE, O_DONE_BAR, O_STATE,
  F_QTY, F_LIMIT, F_STOP, F_TRAIL, S_HEAD, S_COUNT, S_IMMEDIATE, S_TRAIL, S_IOC, S_DIRTY, S_USED_BAR,
  S_DOWN, S_UP, S_USED_VOL, S_QUIET_LOW, G_AMBIGUOUS, TYPE_MARKET, TYPE_LIMIT, TYPE_STOP_LIMIT, TYPE_MOO, TYPE_MOC,
  TYPE_TRAIL_AMOUNT, TYPE_TRAIL_PCT, TIF_IOC, TIF_FOK, FLAG_TRIGGERED, PX_OPEN, PX_TRIGGERED,
  POLICY_WORST, POLICY_BEST,
} from './layout';
import { evalAtBar, evalAtClose, evReason, evTriggerOnly, trailLevel, barOpen, barHigh, barLow } from './evaluate';

// The order table and settings of the current simulate call (set by `bindOrders`).
let ordersI: usize = 0, ordersF: usize = 0, symI: usize = 0, symF: usize = 0, glob: usize = 0;
let participation: f64 = 0, ticks: f64 = 0, policy: i32 = 0;

/** Slot of the fill (or trigger) found by the last `fillPass`. */
export let outSlot: i32 = -1;
/** Price of that fill. */
export let outPrice: f64 = 0;
/** Quantity of that fill (the participation cap applied). */
export let outQty: f64 = 0;
/** Price source of that fill (PX_* bits). */
export let outReason: i32 = 0;

/** Binds the order table and the execution settings for this call. */
export function bindOrders(oi: usize, opx: usize, si: usize, sf: usize, g: usize, part: f64, tk: f64, pol: i32): void {
  ordersI = oi; ordersF = opx; symI = si; symF = sf; glob = g;
  participation = part; ticks = tk; policy = pol;
}

@inline function oiAt(slot: i32, field: i32): usize { return ordersI + ((<usize>slot * <usize>OI + <usize>field) << 2); }
@inline function ofAt(slot: i32, field: i32): usize { return ordersF + ((<usize>slot * <usize>OF + <usize>field) << 3); }
/** Address of i32 field `field` of symbol `s`. */
@inline export function siAt(s: i32, field: i32): usize { return symI + ((<usize>s * <usize>SI + <usize>field) << 2); }
/** Address of f64 field `field` of symbol `s`. */
@inline export function sfAt(s: i32, field: i32): usize { return symF + ((<usize>s * <usize>SF + <usize>field) << 3); }

/** Recomputes symbol `s`'s counts and trigger levels from its list, and clears its dirty flag. */
export function recompute(s: i32): void {
  let count = 0, imm = 0, trail = 0, ioc = 0;
  let down: f64 = -Infinity, up: f64 = Infinity;
  let slot = load<i32>(siAt(s, S_HEAD));
  while (slot >= 0) {
    if (load<i32>(oiAt(slot, O_STATE)) == 1) {
      count++;
      const type = load<i32>(oiAt(slot, O_TYPE));
      const side = load<i32>(oiAt(slot, O_SIDE));
      const trig = (load<i32>(oiAt(slot, O_FLAGS)) & FLAG_TRIGGERED) != 0;
      const tif = load<i32>(oiAt(slot, O_TIF));
      if (tif == TIF_IOC || tif == TIF_FOK) ioc++;
      let level: f64 = NaN;
      // a level that triggers on the way down (buy limits, sell stops) or up (sell limits, buy stops)
      let downward = side > 0;
      if (type == TYPE_MARKET || type == TYPE_MOO || type == TYPE_MOC) {
        imm++;
      } else if (type == TYPE_LIMIT || (type == TYPE_STOP_LIMIT && trig)) {
        level = load<f64>(ofAt(slot, F_LIMIT));
      } else if (trig) {
        imm++;
      } else {
        level = load<f64>(ofAt(slot, F_STOP));
        downward = side < 0;
        if (type == TYPE_TRAIL_AMOUNT || type == TYPE_TRAIL_PCT) trail++;
      }
      if (level == level) {
        if (downward) { if (level > down) down = level; } else if (level < up) up = level;
      }
    }
    slot = load<i32>(oiAt(slot, O_NEXT));
  }
  store<i32>(siAt(s, S_COUNT), count);
  store<i32>(siAt(s, S_IMMEDIATE), imm);
  store<i32>(siAt(s, S_TRAIL), trail);
  store<i32>(siAt(s, S_IOC), ioc);
  store<f64>(sfAt(s, S_DOWN), down);
  store<f64>(sfAt(s, S_UP), up);
  // (+∞: an order needs every bar, so no bar is quiet)
  store<f64>(sfAt(s, S_QUIET_LOW), imm > 0 || ioc > 0 || trail > 0 ? Infinity : down);
  store<i32>(siAt(s, S_DIRTY), 0);
}

/**
 * True when no order of symbol `s` can fill in a bar with this low and high: none without a price
 * condition, and no trigger level (trailing stops' included) within the bar's range.
 */
export function noFills(s: i32, low: f64, high: f64): bool {
  return load<i32>(siAt(s, S_IMMEDIATE)) == 0 && low > load<f64>(sfAt(s, S_DOWN)) && high < load<f64>(sfAt(s, S_UP));
}

// Quantity the order may fill at this bar: all of it, or what the participation cap leaves of the bar's volume.
function capQty(s: i32, slot: i32, gt: i32, volume: f64): f64 {
  const rem = load<f64>(ofAt(slot, F_QTY));
  if (participation <= 0) return rem;
  if (!(volume > 0)) return 0;
  if (load<i32>(siAt(s, S_USED_BAR)) != gt) {
    store<i32>(siAt(s, S_USED_BAR), gt);
    store<f64>(sfAt(s, S_USED_VOL), 0);
  }
  // the epsilon keeps floor(0.29 × 100) at 29 although 0.29 × 100 is 28.999999999999996 in binary
  const avail = floor(participation * volume + 1e-9) - load<f64>(sfAt(s, S_USED_VOL));
  if (avail <= 0) return 0;
  const q = rem < avail ? rem : avail;
  if (load<i32>(oiAt(slot, O_TIF)) == TIF_FOK && q < rem) return 0;
  return q;
}

@inline function candidate(slot: i32, gt: i32, atClose: bool): bool {
  return load<i32>(oiAt(slot, O_STATE)) == 1 && load<i32>(oiAt(slot, O_DONE_BAR)) != gt &&
    (atClose ? load<i32>(oiAt(slot, O_ELIGIBLE)) == gt : load<i32>(oiAt(slot, O_ELIGIBLE)) <= gt);
}

/** Marks that the order's stop condition triggered at bar `gt` without a fill; returns true when that is news. */
function markTriggered(s: i32, slot: i32, gt: i32): bool {
  store<i32>(oiAt(slot, O_DONE_BAR), gt);
  const f = load<i32>(oiAt(slot, O_FLAGS));
  if ((f & FLAG_TRIGGERED) != 0) return false;
  store<i32>(oiAt(slot, O_FLAGS), f | FLAG_TRIGGERED);
  store<i32>(siAt(s, S_DIRTY), 1);
  return true;
}

/**
 * fillPass: finds the first order of symbol `s` (time priority) that fills at bar `gt` and writes
 * it to out*; returns 1 for a fill, 2 for a stop-limit that triggered without filling (outSlot set),
 * 0 when nothing more happens. When the order has a one-cancels-other partner that would fill in the
 * same bar, a leg that fills at the open came first; otherwise the intrabar policy chooses:
 * worst case (the worse price for the side), best case, or the path open → nearer extreme →
 * farther extreme (a tie of distances counts as worst case).
 */
export function fillPass(s: i32, gt: i32, volume: f64, atClose: bool): i32 {
  let slot = load<i32>(siAt(s, S_HEAD));
  while (slot >= 0) {
    const next = load<i32>(oiAt(slot, O_NEXT));
    if (candidate(slot, gt, atClose)) {
      let p = atClose ? evalAtClose(ordersI, ordersF, slot) : evalAtBar(ordersI, ordersF, slot);
      let reason = evReason;
      if (p == p) {
        let q = capQty(s, slot, gt, volume);
        if (q > 0) {
          const partner = load<i32>(oiAt(slot, O_OCO));
          if (partner >= 0 && candidate(partner, gt, atClose)) {
            const pp = atClose ? evalAtClose(ordersI, ordersF, partner) : evalAtBar(ordersI, ordersF, partner);
            const pr = evReason;
            const pq = pp == pp ? capQty(s, partner, gt, volume) : 0;
            if (pq > 0 && choosePartner(load<i32>(oiAt(slot, O_SIDE)), p, reason, pp, pr)) {
              slot = partner; p = pp; reason = pr; q = pq;
            }
          }
          emit(s, slot, gt, p, q, reason);
          return 1;
        }
        if ((reason & PX_TRIGGERED) != 0 && markTriggered(s, slot, gt)) {
          outSlot = slot;
          return 2;
        }
      } else if (evTriggerOnly && markTriggered(s, slot, gt)) {
        outSlot = slot;
        return 2;
      }
    }
    slot = next;
  }
  return 0;
}

// True when the partner's fill (pp, pr) comes before the order's (p, r) in this bar.
function choosePartner(side: i32, p: f64, r: i32, pp: f64, pr: i32): bool {
  const gapA = (r & 15) == PX_OPEN, gapB = (pr & 15) == PX_OPEN;
  if (gapA != gapB) return gapB;
  store<i32>(glob + (<usize>G_AMBIGUOUS << 2), load<i32>(glob + (<usize>G_AMBIGUOUS << 2)) + 1);
  let pol = policy;
  if (pol != POLICY_WORST && pol != POLICY_BEST) {
    const o = barOpen();
    const down = o - barLow(), up = barHigh() - o;
    if (down == up) pol = POLICY_WORST;
    else return down < up ? pp < p : pp > p;
  }
  // worse for a buy is a higher price, for a sell a lower one
  const partnerWorse = side > 0 ? pp > p : pp < p;
  return pol == POLICY_WORST ? partnerWorse : !partnerWorse && pp != p;
}

function emit(s: i32, slot: i32, gt: i32, p: f64, q: f64, reason: i32): void {
  outSlot = slot; outPrice = p; outQty = q; outReason = reason;
  store<i32>(oiAt(slot, O_DONE_BAR), gt);
  if ((reason & PX_TRIGGERED) != 0) {
    const f = load<i32>(oiAt(slot, O_FLAGS));
    if ((f & FLAG_TRIGGERED) == 0) {
      store<i32>(oiAt(slot, O_FLAGS), f | FLAG_TRIGGERED);
      store<i32>(siAt(s, S_DIRTY), 1);
    }
  }
  if (participation > 0) store<f64>(sfAt(s, S_USED_VOL), load<f64>(sfAt(s, S_USED_VOL)) + q);
}

/** The stop level of an order (its current level for trailing stops). */
export function stopLevel(slot: i32): f64 {
  return load<f64>(ofAt(slot, F_STOP));
}

/** First IOC or FOK order of symbol `s` that was checked at bar `gt` (atClose: made at it) and is still working; −1 when none. */
export function expiringOrder(s: i32, gt: i32, atClose: bool): i32 {
  let slot = load<i32>(siAt(s, S_HEAD));
  while (slot >= 0) {
    const tif = load<i32>(oiAt(slot, O_TIF));
    const el = load<i32>(oiAt(slot, O_ELIGIBLE));
    if ((tif == TIF_IOC || tif == TIF_FOK) && load<i32>(oiAt(slot, O_STATE)) == 1 && (atClose ? el == gt : el <= gt)) return slot;
    slot = load<i32>(oiAt(slot, O_NEXT));
  }
  return -1;
}

/** Moves the untriggered trailing stops of symbol `s` that were checked at bar `gt` after the bar's high (sells) or low (buys). */
export function trailPass(s: i32, gt: i32): void {
  let slot = load<i32>(siAt(s, S_HEAD));
  while (slot >= 0) {
    const type = load<i32>(oiAt(slot, O_TYPE));
    if ((type == TYPE_TRAIL_AMOUNT || type == TYPE_TRAIL_PCT) && load<i32>(oiAt(slot, O_STATE)) == 1 &&
      load<i32>(oiAt(slot, O_ELIGIBLE)) <= gt && (load<i32>(oiAt(slot, O_FLAGS)) & FLAG_TRIGGERED) == 0) {
      const side = load<i32>(oiAt(slot, O_SIDE));
      const x = trailLevel(side, type, load<f64>(ofAt(slot, F_TRAIL)), ticks);
      const cur = load<f64>(ofAt(slot, F_STOP));
      if (side < 0 ? x > cur : x < cur) {
        store<f64>(ofAt(slot, F_STOP), x);
        // levels only move toward the price, so the symbol's extreme level moves the same way
        if (side < 0) { if (x > load<f64>(sfAt(s, S_DOWN))) store<f64>(sfAt(s, S_DOWN), x); } else if (x < load<f64>(sfAt(s, S_UP))) store<f64>(sfAt(s, S_UP), x);
      }
    }
    slot = load<i32>(oiAt(slot, O_NEXT));
  }
}

/** Symbol of an order slot. */
export function slotSymbol(slot: i32): i32 {
  return load<i32>(oiAt(slot, O_SYM));
}
