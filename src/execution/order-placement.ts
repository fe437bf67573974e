// Where a new order goes in the kernel's order table: from which bar it may fill (the fill
// policy), at which point market orders fill, when it expires, and a trailing stop's first level.
import type { FillPolicy } from '../model/index.js';
import type { OrderPayload } from '../events/index.js';
import { orderCodes as K, type OrderSpec } from '../kernels/index.js';
import { kernelTif, kernelType } from './working-order.js';
import type { Refusal } from './order-intake.js';
import type { Venue } from './venue.js';

/** The kernel spec of an order and the global bar after which it expires (−1: never). */
export interface Placement {
  readonly spec: OrderSpec;
  readonly expireBar: number;
}

const POINT: Readonly<Record<FillPolicy, number>> = {
  next_open: K.POINT_OPEN, next_close: K.POINT_CLOSE, same_close: K.POINT_CLOSE, vwap_next_bar: K.POINT_VWAP,
};

// an optional price field as a float (NaN when absent)
function num(x: string | undefined): number {
  return x === undefined ? NaN : Number(x);
}

/**
 * Places an order made at the venue's current bar `now`. It may fill from bar now + 1 (an order made
 * at bar t's close fills no earlier than bar t+1), except under `same_close`, where it is also checked
 * against bar now's own close; a market-on-open order waits for the next session's first bar. DAY
 * orders expire at the end of the session they can first fill in, GTD orders at the end of
 * `expire_date`'s session. A trailing stop without a stop_price starts at the last close ∓ the trail.
 */
export function placeOrder(o: OrderPayload, s: number, venue: Venue, policy: FillPolicy, ticks: number, sameBarEligible = false): Placement | Refusal {
  const now = venue.now();
  const type = kernelType(o);
  const tif = kernelTif(o);
  const sameClose = policy === 'same_close' && now >= 0 && type !== K.TYPE_MOO;
  let eligible = sameClose || sameBarEligible ? Math.max(now, 0) : now + 1;
  if (type === K.TYPE_MOO) eligible = now < 0 ? 0 : venue.nextSessionStart(now);
  let expireBar = -1;
  if (tif === K.TIF_DAY) expireBar = venue.sessionEnd(eligible);
  if (tif === K.TIF_GTD) {
    expireBar = venue.lastBarOn(o.expire_date!);
    if (expireBar < eligible) return { rule: 'expired_on_arrival', reason: `GTD order's expire_date ${o.expire_date} has no bar left at or after the order's first fillable bar` };
  }
  const side: 1 | -1 = o.side === 'buy' ? 1 : -1;
  let stop = num(o.stop_price);
  let trail = NaN;
  if (o.order_type === 'trailing_stop') {
    trail = o.trail_amount !== undefined ? num(o.trail_amount) : num(o.trail_percent);
    if (!(stop > 0)) {
      const last = venue.lastPrice(s);
      if (!(last > 0)) return { rule: 'no_reference_price', reason: `trailing stop on ${o.symbol} without a stop_price needs a last price to start from; there is none yet` };
      const pct = type === K.TYPE_TRAIL_PCT;
      stop = side < 0 ? (pct ? last * (1 - trail) : last - trail) : (pct ? last * (1 + trail) : last + trail);
      // on the tick grid as the kernel rounds the levels it moves (floor(x·k + ½)/k, k = 1 / tick)
      if (ticks > 0) stop = Math.floor(stop * ticks + 0.5) / ticks;
    }
  }
  const spec: OrderSpec = {
    symbol: s, type, side, tif, quantity: Number(o.quantity), limit: num(o.limit_price), stop, trail,
    eligible, point: POINT[policy], sameClose: sameClose && eligible === now,
  };
  return { spec, expireBar };
}
