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
  const p = parent.payload;
  const side = parent.side === 'buy' ? 'sell' : 'buy';
  const base = {
    timestamp: time, symbol: parent.symbol, side, quantity: decStr(qty), intent_id: p.intent_id, time_in_force: 'GTC',
    ...(parent.strategyId !== undefined ? { source_strategy_id: parent.strategyId } : {}), parent_order_id: parent.id,
  } as const;
  const out: OrderPayload[] = [];
  if (parent.stopLoss) {
    out.push({ ...base, order_id: nextId(), order_type: 'stop', stop_price: decStr(parent.stopLoss), idempotency_key: `${p.idempotency_key}:stop_loss:${round}` });
  }
  if (parent.takeProfit) {
    out.push({ ...base, order_id: nextId(), order_type: 'limit', limit_price: decStr(parent.takeProfit), idempotency_key: `${p.idempotency_key}:take_profit:${round}` });
  }
  return out;
}
