// Plain-TypeScript reference of wasm/orders/symbol-orders.ts: one symbol's orders at one bar.
import {
  OI, OF, SI, SF, O_NEXT, O_TYPE, O_SIDE, O_TIF, O_FLAGS, O_OCO, O_ELIGIBLE, O_DONE_BAR, O_STATE,
  F_QTY, F_LIMIT, F_STOP, F_TRAIL, S_HEAD, S_COUNT, S_IMMEDIATE, S_TRAIL, S_IOC, S_DIRTY, S_USED_BAR,
  S_DOWN, S_UP, S_USED_VOL, S_QUIET_LOW, G_AMBIGUOUS, TYPE_MARKET, TYPE_LIMIT, TYPE_STOP_LIMIT, TYPE_MOO, TYPE_MOC,
  TYPE_TRAIL_AMOUNT, TYPE_TRAIL_PCT, TIF_IOC, TIF_FOK, FLAG_TRIGGERED, PX_OPEN, PX_TRIGGERED,
  POLICY_WORST, POLICY_BEST,
} from '../../order-layout.js';
import { evalAtBar, evalAtClose, trailLevel, type BarState } from './evaluate.js';

/** The order table and settings of one simulate call, and the fill the last pass found. */
export interface OrderContext {
  readonly oi: Int32Array;
  readonly of: Float64Array;
  readonly si: Int32Array;
  readonly sf: Float64Array;
  readonly glob: Int32Array;
  readonly participation: number;
  readonly ticks: number;
  readonly policy: number;
  readonly bar: BarState;
  outSlot: number;
  outPrice: number;
  outQty: number;
  outReason: number;
}

/** Recomputes symbol `s`'s counts and trigger levels (wasm `recompute`). */
export function recompute(x: OrderContext, s: number): void {
  const { oi, of } = x;
  let count = 0, imm = 0, trail = 0, ioc = 0;
  let down = -Infinity, up = Infinity;
  let slot = x.si[s * SI + S_HEAD]!;
  while (slot >= 0) {
    const i = slot * OI;
    if (oi[i + O_STATE] === 1) {
      count++;
      const type = oi[i + O_TYPE]!, side = oi[i + O_SIDE]!;
      const trig = (oi[i + O_FLAGS]! & FLAG_TRIGGERED) !== 0;
      const tif = oi[i + O_TIF]!;
      if (tif === TIF_IOC || tif === TIF_FOK) ioc++;
      let level = NaN;
      let downward = side > 0;
      if (type === TYPE_MARKET || type === TYPE_MOO || type === TYPE_MOC) {
        imm++;
      } else if (type === TYPE_LIMIT || (type === TYPE_STOP_LIMIT && trig)) {
        level = of[slot * OF + F_LIMIT]!;
      } else if (trig) {
        imm++;
      } else {
        level = of[slot * OF + F_STOP]!;
        downward = side < 0;
        if (type === TYPE_TRAIL_AMOUNT || type === TYPE_TRAIL_PCT) trail++;
      }
      if (level === level) {
        if (downward) { if (level > down) down = level; } else if (level < up) up = level;
      }
    }
    slot = oi[i + O_NEXT]!;
  }
  const b = s * SI;
  x.si[b + S_COUNT] = count;
  x.si[b + S_IMMEDIATE] = imm;
  x.si[b + S_TRAIL] = trail;
  x.si[b + S_IOC] = ioc;
  x.sf[s * SF + S_DOWN] = down;
  x.sf[s * SF + S_UP] = up;
  x.sf[s * SF + S_QUIET_LOW] = imm > 0 || ioc > 0 || trail > 0 ? Infinity : down;
  x.si[b + S_DIRTY] = 0;
}

/** True when no order of symbol `s` can fill in a bar with this low and high (wasm `noFills`). */
export function noFills(x: OrderContext, s: number, low: number, high: number): boolean {
  return x.si[s * SI + S_IMMEDIATE] === 0 && low > x.sf[s * SF + S_DOWN]! && high < x.sf[s * SF + S_UP]!;
}

function capQty(x: OrderContext, s: number, slot: number, gt: number, volume: number): number {
  const rem = x.of[slot * OF + F_QTY]!;
  if (x.participation <= 0) return rem;
  if (!(volume > 0)) return 0;
  if (x.si[s * SI + S_USED_BAR] !== gt) {
    x.si[s * SI + S_USED_BAR] = gt;
    x.sf[s * SF + S_USED_VOL] = 0;
  }
  const avail = Math.floor(x.participation * volume + 1e-9) - x.sf[s * SF + S_USED_VOL]!;
  if (avail <= 0) return 0;
  const q = rem < avail ? rem : avail;
  if (x.oi[slot * OI + O_TIF] === TIF_FOK && q < rem) return 0;
  return q;
}

function candidate(x: OrderContext, slot: number, gt: number, atClose: boolean): boolean {
  const i = slot * OI;
  return x.oi[i + O_STATE] === 1 && x.oi[i + O_DONE_BAR] !== gt && (atClose ? x.oi[i + O_ELIGIBLE] === gt : x.oi[i + O_ELIGIBLE]! <= gt);
}

function markTriggered(x: OrderContext, s: number, slot: number, gt: number): boolean {
  const i = slot * OI;
  x.oi[i + O_DONE_BAR] = gt;
  const f = x.oi[i + O_FLAGS]!;
  if ((f & FLAG_TRIGGERED) !== 0) return false;
  x.oi[i + O_FLAGS] = f | FLAG_TRIGGERED;
  x.si[s * SI + S_DIRTY] = 1;
  return true;
}

/** Finds the first order of `s` that fills at bar `gt` (wasm `fillPass`): 1 fill, 2 trigger only, 0 nothing. */
export function fillPass(x: OrderContext, s: number, gt: number, volume: number, atClose: boolean): number {
  const ev = (slot: number): number => (atClose ? evalAtClose(x.bar, x.oi, x.of, slot) : evalAtBar(x.bar, x.oi, x.of, slot));
  let slot = x.si[s * SI + S_HEAD]!;
  while (slot >= 0) {
    const next = x.oi[slot * OI + O_NEXT]!;
    if (candidate(x, slot, gt, atClose)) {
      let p = ev(slot);
      let reason = x.bar.reason;
      if (p === p) {
        let q = capQty(x, s, slot, gt, volume);
        if (q > 0) {
          const partner = x.oi[slot * OI + O_OCO]!;
          if (partner >= 0 && candidate(x, partner, gt, atClose)) {
            const pp = ev(partner);
            const pr = x.bar.reason;
            const pq = pp === pp ? capQty(x, s, partner, gt, volume) : 0;
            if (pq > 0 && choosePartner(x, x.oi[slot * OI + O_SIDE]!, p, reason, pp, pr)) {
              slot = partner; p = pp; reason = pr; q = pq;
            }
          }
          emit(x, s, slot, gt, p, q, reason);
          return 1;
        }
        if ((reason & PX_TRIGGERED) !== 0 && markTriggered(x, s, slot, gt)) {
          x.outSlot = slot;
          return 2;
        }
      } else if (x.bar.triggerOnly && markTriggered(x, s, slot, gt)) {
        x.outSlot = slot;
        return 2;
      }
    }
    slot = next;
  }
  return 0;
}

function choosePartner(x: OrderContext, side: number, p: number, r: number, pp: number, pr: number): boolean {
  const gapA = (r & 15) === PX_OPEN, gapB = (pr & 15) === PX_OPEN;
  if (gapA !== gapB) return gapB;
  x.glob[G_AMBIGUOUS]!++;
  let pol = x.policy;
  if (pol !== POLICY_WORST && pol !== POLICY_BEST) {
    const o = x.bar.o;
    const down = o - x.bar.l, up = x.bar.h - o;
    if (down === up) pol = POLICY_WORST;
    else return down < up ? pp < p : pp > p;
  }
  const partnerWorse = side > 0 ? pp > p : pp < p;
  return pol === POLICY_WORST ? partnerWorse : !partnerWorse && pp !== p;
}

function emit(x: OrderContext, s: number, slot: number, gt: number, p: number, q: number, reason: number): void {
  x.outSlot = slot; x.outPrice = p; x.outQty = q; x.outReason = reason;
  const i = slot * OI;
  x.oi[i + O_DONE_BAR] = gt;
  if ((reason & PX_TRIGGERED) !== 0) {
    const f = x.oi[i + O_FLAGS]!;
    if ((f & FLAG_TRIGGERED) === 0) {
      x.oi[i + O_FLAGS] = f | FLAG_TRIGGERED;
      x.si[s * SI + S_DIRTY] = 1;
    }
  }
  if (x.participation > 0) x.sf[s * SF + S_USED_VOL]! += q;
}

/** First IOC/FOK order of `s` checked at bar `gt` and still working; −1 when none (wasm `expiringOrder`). */
export function expiringOrder(x: OrderContext, s: number, gt: number, atClose: boolean): number {
  let slot = x.si[s * SI + S_HEAD]!;
  while (slot >= 0) {
    const i = slot * OI;
    const tif = x.oi[i + O_TIF]!, el = x.oi[i + O_ELIGIBLE]!;
    if ((tif === TIF_IOC || tif === TIF_FOK) && x.oi[i + O_STATE] === 1 && (atClose ? el === gt : el <= gt)) return slot;
    slot = x.oi[i + O_NEXT]!;
  }
  return -1;
}

/** Moves the trailing stops of `s` checked at bar `gt` (wasm `trailPass`). */
export function trailPass(x: OrderContext, s: number, gt: number): void {
  let slot = x.si[s * SI + S_HEAD]!;
  while (slot >= 0) {
    const i = slot * OI;
    const type = x.oi[i + O_TYPE]!;
    if ((type === TYPE_TRAIL_AMOUNT || type === TYPE_TRAIL_PCT) && x.oi[i + O_STATE] === 1 &&
      x.oi[i + O_ELIGIBLE]! <= gt && (x.oi[i + O_FLAGS]! & FLAG_TRIGGERED) === 0) {
      const side = x.oi[i + O_SIDE]!;
      const lv = trailLevel(x.bar, side, type, x.of[slot * OF + F_TRAIL]!, x.ticks);
      const cur = x.of[slot * OF + F_STOP]!;
      if (side < 0 ? lv > cur : lv < cur) {
        x.of[slot * OF + F_STOP] = lv;
        if (side < 0) { if (lv > x.sf[s * SF + S_DOWN]!) x.sf[s * SF + S_DOWN] = lv; } else if (lv < x.sf[s * SF + S_UP]!) x.sf[s * SF + S_UP] = lv;
      }
    }
    slot = x.oi[i + O_NEXT]!;
  }
}
