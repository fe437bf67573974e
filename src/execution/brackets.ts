// Bracket legs: the stop-loss and take-profit orders execution places when an order carrying exits
// fills, and the kernel spec each works with (one cancels the other; execution links them).
import type { OrderPayload } from '../events/index.js';
import { orderCodes as K, type OrderSpec } from '../kernels/index.js';
import { canonicalFloat, type WorkingOrder } from './working-order.js';

/** One leg: the order execution made up for it and its spec in the kernel's order table. */
export interface BracketLeg {
  readonly order: OrderPayload;
  readonly spec: OrderSpec;
}

/**
 * Legs of `parent` for `quantity` shares (its text; stop-loss first, then take-profit, whichever are
 * set): the opposite side, good till cancelled, with ids from `ids`, the parent's intent and a
 * derived idempotency key. `round` numbers legs placed again after earlier ones finished. Placed at bar `now`, a leg may
 * fill from bar now + 1, or from bar now itself when the parent filled at its open (`atOpen`: the rest
 * of that bar is still to come); it is a plain stop or limit order, so it is placed as placeOrder
 * places a GTC order under next_open (never refused: only GTD dates and trailing stops are).
 */
export function bracketLegs(parent: WorkingOrder, quantity: string, time: string, round: number, ids: { id(): string }, now: number, atOpen: boolean): BracketLeg[] {
  const out: BracketLeg[] = [];
  const eligible = atOpen ? Math.max(now, 0) : now + 1;
  const qty = Number(quantity);
  const side: 1 | -1 = parent.side === 'buy' ? -1 : 1;
  if (parent.stopLoss !== null) {
    const order = leg(parent, quantity, time, ids.id(), 'stop', parent.stopLoss, `${parent.payload.idempotency_key}:stop_loss:${round}`);
    out.push({ order, spec: spec(parent.s, K.TYPE_STOP, side, qty, NaN, canonicalFloat(parent.stopLoss), eligible) });
  }
  if (parent.takeProfit !== null) {
    const order = leg(parent, quantity, time, ids.id(), 'limit', parent.takeProfit, `${parent.payload.idempotency_key}:take_profit:${round}`);
    out.push({ order, spec: spec(parent.s, K.TYPE_LIMIT, side, qty, canonicalFloat(parent.takeProfit), NaN, eligible) });
  }
  return out;
}

// a leg's spec as placeOrder makes it for its payload (the prices are the floats of the payload's texts)
function spec(symbol: number, type: number, side: 1 | -1, quantity: number, limit: number, stop: number, eligible: number): OrderSpec {
  return { symbol, type, side, tif: K.TIF_GTC, quantity, limit, stop, trail: NaN, eligible, point: K.POINT_OPEN, sameClose: false };
}

// One leg, written out field by field (object spreads of a conditional key were the slow part of a
// bracket fill); the keys keep the order the event log has always had.
function leg(parent: WorkingOrder, quantity: string, time: string, id: string, type: 'stop' | 'limit', price: string, key: string): OrderPayload {
  const side = parent.side === 'buy' ? 'sell' : 'buy';
  const intent = parent.payload.intent_id;
  const sid = parent.strategyId;
  if (type === 'stop') {
    return sid !== undefined
      ? { timestamp: time, symbol: parent.symbol, side, quantity, intent_id: intent, time_in_force: 'GTC', source_strategy_id: sid, parent_order_id: parent.id, order_id: id, order_type: type, stop_price: price, idempotency_key: key }
      : { timestamp: time, symbol: parent.symbol, side, quantity, intent_id: intent, time_in_force: 'GTC', parent_order_id: parent.id, order_id: id, order_type: type, stop_price: price, idempotency_key: key };
  }
  return sid !== undefined
    ? { timestamp: time, symbol: parent.symbol, side, quantity, intent_id: intent, time_in_force: 'GTC', source_strategy_id: sid, parent_order_id: parent.id, order_id: id, order_type: type, limit_price: price, idempotency_key: key }
    : { timestamp: time, symbol: parent.symbol, side, quantity, intent_id: intent, time_in_force: 'GTC', parent_order_id: parent.id, order_id: id, order_type: type, limit_price: price, idempotency_key: key };
}
