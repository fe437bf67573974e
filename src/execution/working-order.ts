// A working order as execution tracks it: the intent, what has filled, its slot in the kernel's
// order table, its costs so far, and its bracket (legs placed on fill, one cancelling the other).
import { Decimal, DecText, POW10, isCanonical, numStr, type OrderStatus, type OrderType, type Side } from '../model/index.js';
import type { OrderPayload, OrderStatusPayload } from '../events/index.js';
import { orderCodes as K } from '../kernels/index.js';
import type { OrderCharges } from './costs/commission.js';

/** An order execution holds until it fills, expires or is cancelled. */
export interface WorkingOrder {
  readonly id: string;
  /** The intent (for a bracket leg, one execution made up); reported when still working at the end. */
  payload: OrderPayload;
  readonly symbol: string;
  /** Column index of the symbol. */
  readonly s: number;
  readonly side: Side;
  readonly type: OrderType;
  quantity: Decimal;
  filled: Decimal;
  remaining: Decimal;
  /** Slot in the kernel's order table. */
  slot: number;
  readonly strategyId: string | undefined;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly charges: OrderCharges;
  limit: number;
  stop: number;
  trail: number;
  /** Global bar index after which the order expires (DAY, GTD); −1 never. */
  expireBar: number;
  /** Fills never exceed the position it closes (bracket legs; closing orders under `oversell: reject`). */
  readonly reduceOnly: boolean;
  /** Bracket prices to place on fill, as decimal texts in decStr's form (the legs' stop and limit prices). */
  readonly stopLoss: string | null;
  readonly takeProfit: string | null;
  /** Legs placed for this order, when it is a bracket parent ({@link NO_LEGS} until then). */
  legs: readonly WorkingOrder[];
  /** The parent of a bracket leg. */
  readonly parentId: string | undefined;
  /** The one-cancels-other partner of a bracket leg. */
  partner: WorkingOrder | undefined;
}

/** The legs of an order that has none (shared: a new list is made when legs are placed). */
export const NO_LEGS: readonly WorkingOrder[] = Object.freeze([]);

const KIND: Readonly<Record<OrderType, number>> = {
  market: K.TYPE_MARKET,
  limit: K.TYPE_LIMIT,
  stop: K.TYPE_STOP,
  stop_limit: K.TYPE_STOP_LIMIT,
  market_on_open: K.TYPE_MOO,
  market_on_close: K.TYPE_MOC,
  trailing_stop: K.TYPE_TRAIL_AMOUNT,
};

/** The kernel's TYPE_* of an order (a trailing stop in percent is TYPE_TRAIL_PCT). */
export function kernelType(o: OrderPayload): number {
  if (o.order_type === 'trailing_stop' && o.trail_percent !== undefined && o.trail_amount === undefined) return K.TYPE_TRAIL_PCT;
  return KIND[o.order_type];
}

/** The kernel's TIF_* of an order. */
export function kernelTif(o: OrderPayload): number {
  switch (o.time_in_force) {
    case 'DAY': return K.TIF_DAY;
    case 'IOC': return K.TIF_IOC;
    case 'FOK': return K.TIF_FOK;
    case 'GTD': return K.TIF_GTD;
    default: return K.TIF_GTC;
  }
}

/**
 * The quantity a float from the kernel stands for: the exact remaining quantity when it is all of
 * the order's quantity in the kernel's table (`tableQty`), else the whole shares the cap allowed.
 */
export function fillQuantity(w: WorkingOrder, q: number, tableQty: number): Decimal {
  return q >= tableQty ? w.remaining : new Decimal(q);
}

// a bracket's legs report the same quantity object in their status events, placed and cancelled
const quantityText = new DecText();
const remainingText = new DecText();

/** {@link priceText} of the last float and text it was asked for: exact, as it is a function of the two. */
class PriceText {
  private x = NaN;
  private t: string | undefined;
  private text = '';

  of(x: number, t: string | undefined): string {
    if (x !== this.x || t !== this.t) {
      this.text = priceText(x, t);
      this.x = x;
      this.t = t;
    }
    return this.text;
  }
}

// and the same limit and stop prices (the take-profit leg's limit, the stop-loss leg's stop)
const limitText = new PriceText();
const stopText = new PriceText();

/** The order_status payload of a change in a working order's life at RFC 3339 time `at`. */
export function statusPayload(w: WorkingOrder, at: string, status: OrderStatus, code: string, reason: string, replacedBy?: string): OrderStatusPayload {
  // written key by key rather than with object spreads of optional keys (a status event per bracket
  // leg placed and cancelled): the keys are added in the order the event log has always had
  const p: Mutable<OrderStatusPayload> = { order_id: w.id, timestamp: at, symbol: w.symbol, status, reason_code: code, reason };
  if (w.strategyId !== undefined) p.strategy_id = w.strategyId;
  p.side = w.side;
  p.order_type = w.type;
  p.quantity = quantityText.of(w.quantity);
  if (status !== 'accepted' && status !== 'triggered') p.remaining_quantity = remainingText.of(w.remaining);
  if (w.limit === w.limit) p.limit_price = limitText.of(w.limit, w.payload.limit_price);
  if (w.stop === w.stop) p.stop_price = stopText.of(w.stop, w.payload.stop_price);
  if (w.payload.parent_order_id !== undefined) p.parent_order_id = w.payload.parent_order_id;
  if (replacedBy !== undefined) p.replaced_by = replacedBy;
  return p;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };


/**
 * numStr(x) for a price `x` that was read from the text `t` (an order's limit or stop price): `t`
 * itself when it is canonical, at most 15 characters long and still the value of x. That is exact:
 * decimals of at most 15 significant digits are never the same float (DBL_DIG = 15), so such a `t`
 * is the shortest text of its float, which is the text numStr writes. Else numStr(x) (e.g. a
 * trailing stop's level has moved). Formatting a float is the slow part of a bracket leg's status.
 */
export function priceText(x: number, t: string | undefined): string {
  return t !== undefined && t.length <= 15 && isCanonical(t) && canonicalFloat(t) === x ? t : numStr(x);
}

/**
 * Number(t) for a text `t` in decStr's form (isCanonical), without the runtime's string-to-number
 * call (a bracket's legs read their two prices, and their status events check them, on every trip).
 * Exact: with at most 15 digits the digits are an integer m < 10^15 < 2^53 and the fraction digits k
 * at most 14, so m and 10^k are exact floats and m / 10^k is one correctly rounded division of the
 * text's exact value, the float Number gives. Longer texts go to Number.
 */
export function canonicalFloat(t: string): number {
  const n = t.length;
  const neg = t.charCodeAt(0) === 45;
  let m = 0, k = -1, digits = 0;
  for (let i = neg ? 1 : 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c === 46) {
      k = 0;
      continue;
    }
    m = m * 10 + (c - 48);
    digits++;
    if (k >= 0) k++;
  }
  if (digits > 15) return Number(t);
  const x = k > 0 ? m / POW10[k]! : m;
  return neg ? -x : x;
}
