// What corporate actions do to execution: a split rescales working orders, a delisting closes the
// positions at the last price with a fill (symbol changes and delistings cancel working orders).
import { Decimal, decStr, numStr, decOf, parseDec } from '../model/index.js';
import type { CorporateActionPayload, FillPayload } from '../events/index.js';
import type { OrderTable } from '../kernels/index.js';
import type { WorkingOrder } from './working-order.js';

/** A split's terms, `to` new shares for `from` old ones (split_to / split_from when given, else split_ratio / 1), read as the ledger reads them. */
export function splitTerms(a: CorporateActionPayload): { to: Decimal; from: Decimal } {
  if (a.split_to !== undefined && a.split_from !== undefined && !parseDec(a.split_from).isZero()) return { to: parseDec(a.split_to), from: parseDec(a.split_from) };
  return { to: parseDec(a.split_ratio!), from: new Decimal(1) };
}

/**
 * Rescales a working order for a split of `to` new shares for `from` old ones, as brokers do: the
 * quantity × to ÷ from rounded down to whole shares, prices and trailing amounts ÷ the ratio.
 * Returns false when no whole share is left (the caller cancels the order).
 */
export function splitOrder(w: WorkingOrder, to: Decimal, from: Decimal, table: OrderTable): boolean {
  const remaining = w.remaining.times(to).div(from).floor();
  if (remaining.isZero()) return false;
  const r = to.toNumber() / from.toNumber();
  w.quantity = w.filled.times(to).div(from).plus(remaining);
  w.remaining = remaining;
  w.limit /= r;
  w.stop = (w.type === 'trailing_stop' ? table.stopLevel(w.slot) : w.stop) / r;
  if (w.type === 'trailing_stop' && w.payload.trail_amount !== undefined) w.trail /= r;
  w.payload = { ...w.payload, quantity: decStr(w.quantity) };
  table.setQuantity(w.slot, remaining.toNumber());
  table.setPrices(w.slot, w.limit, w.stop, w.trail);
  return true;
}

/** The fill that closes one strategy's position in a delisted symbol at the last price, without commission. */
export function closeOutFill(
  h: { readonly strategyId: string; readonly quantity: Decimal }, a: CorporateActionPayload, lastPrice: number, time: string, fillId: string, orderId: string,
): FillPayload {
  const qty = h.quantity.abs();
  const price = decOf(lastPrice);
  const gross = qty.times(price);
  const sell = h.quantity.gt(0);
  return {
    fill_id: fillId, order_id: orderId, timestamp: time, symbol: a.symbol, side: sell ? 'sell' : 'buy',
    filled_quantity: decStr(qty), fill_price: numStr(lastPrice), commission: '0', gross_value: decStr(gross),
    net_value: decStr(sell ? gross : gross.neg()), remaining_quantity: '0', liquidity: 'delisting', strategy_id: h.strategyId,
    reason: `${a.symbol} delisted on ${a.ex_date}: the ${sell ? 'long' : 'short'} position is closed at the last price ${numStr(lastPrice)}`,
  };
}
