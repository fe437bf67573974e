// Bracket legs: when an order with stop_loss / take_profit fills, execution places a stop and a
// limit order on the other side for the filled quantity; they cancel each other (one-cancels-other).
import { decStr, type Decimal } from '../model/index.js';
import type { OrderPayload } from '../events/index.js';
import type { WorkingOrder } from './working-order.js';

/**
 * The leg orders of a bracket parent for `qty` shares: a stop at stop_loss and a limit at
 * take_profit (whichever are set), good till cancelled, with the parent's intent and a derived
 * idempotency key. `round` numbers legs placed again after earlier ones finished.
 */
export function legOrders(parent: WorkingOrder, qty: Decimal, time: string, round: number, nextId: () => string): OrderPayload[] {
  const out: OrderPayload[] = [];
  const quantity = decStr(qty);
  if (parent.stopLoss) out.push(leg(parent, quantity, time, nextId(), 'stop', decStr(parent.stopLoss), `${parent.payload.idempotency_key}:stop_loss:${round}`));
  if (parent.takeProfit) out.push(leg(parent, quantity, time, nextId(), 'limit', decStr(parent.takeProfit), `${parent.payload.idempotency_key}:take_profit:${round}`));
  return out;
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
