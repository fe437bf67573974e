// A round trip in progress or done: opens when a position leaves flat, closes when it returns to flat.
import { Decimal, decStr, isPositive } from '../model/index.js';
import type { TradePayload } from '../events/index.js';

/** What the ledger accumulates for one round trip. */
export interface RoundTrip {
  id: string;
  side: 'long' | 'short';
  fillIds: string[];
  entryQty: Decimal;
  entryNotional: Decimal;
  exitQty: Decimal;
  exitNotional: Decimal;
  /** Realized P&L: closed lots net of costs, dividends, borrow fees, split cash in lieu. */
  realized: Decimal;
  commission: Decimal;
  fees: Decimal;
  entryTime: string;
  exitTime?: string;
  correlationId: string | null;
  /**
   * The entry (exit) price when it is known without dividing: the price of the only fill so far,
   * valid while `entryQty` (`exitQty`) is still the object it was recorded with (any change makes a new one).
   */
  entryPx?: { readonly qty: Decimal; readonly price: Decimal };
  exitPx?: { readonly qty: Decimal; readonly price: Decimal };
}

/** Records that the trip's entry (exit) price is `price` for its current entry (exit) quantity. */
export function knownPrice(tr: RoundTrip, leg: 'entry' | 'exit', price: Decimal): void {
  if (leg === 'entry') tr.entryPx = { qty: tr.entryQty, price };
  else tr.exitPx = { qty: tr.exitQty, price };
}

// notional ÷ quantity, or the recorded price when it still holds
function avgPrice(notional: Decimal, qty: Decimal, known: { readonly qty: Decimal; readonly price: Decimal } | undefined): Decimal {
  return known !== undefined && known.qty === qty ? known.price : notional.div(qty);
}

const ZERO = new Decimal(0);

/** A new round trip opened by a fill at `time`. */
export function newTrip(id: string, side: 'long' | 'short', time: string, correlationId: string | null): RoundTrip {
  return {
    id, side, fillIds: [], entryQty: ZERO, entryNotional: ZERO, exitQty: ZERO, exitNotional: ZERO, realized: ZERO,
    commission: ZERO, fees: ZERO, entryTime: time, correlationId,
  };
}

/** Rescales a round trip's share counts for a split of `to` for `from` (notional amounts are unchanged). */
export function splitTrip(tr: RoundTrip, to: Decimal, from: Decimal): void {
  tr.entryQty = tr.entryQty.times(to).div(from);
  tr.exitQty = tr.exitQty.times(to).div(from);
}

/** The trade payload of a round trip (contract portfolio/trade). */
export function tradePayload(tr: RoundTrip, symbol: string, strategyId: string, status: 'open' | 'closed', withFees: boolean): TradePayload {
  if (tr.exitTime !== undefined && !withFees && isPositive(tr.exitQty)) {
    // a closed trip without fees: the same keys in the same order as below, without the optional parts
    return {
      trade_id: tr.id, strategy_id: strategyId, symbol, side: tr.side, status, fill_ids: [...tr.fillIds], entry_timestamp: tr.entryTime,
      exit_timestamp: tr.exitTime, entry_price: decStr(avgPrice(tr.entryNotional, tr.entryQty, tr.entryPx)),
      exit_price: decStr(avgPrice(tr.exitNotional, tr.exitQty, tr.exitPx)), quantity: decStr(tr.entryQty), realized_pnl: decStr(tr.realized),
      commission_total: decStr(tr.commission),
    };
  }
  return {
    trade_id: tr.id,
    strategy_id: strategyId,
    symbol,
    side: tr.side,
    status,
    fill_ids: [...tr.fillIds],
    entry_timestamp: tr.entryTime,
    ...(tr.exitTime !== undefined ? { exit_timestamp: tr.exitTime } : {}),
    entry_price: decStr(avgPrice(tr.entryNotional, tr.entryQty, tr.entryPx)),
    ...(isPositive(tr.exitQty) ? { exit_price: decStr(avgPrice(tr.exitNotional, tr.exitQty, tr.exitPx)) } : {}),
    quantity: decStr(tr.entryQty),
    realized_pnl: decStr(tr.realized),
    commission_total: decStr(tr.commission),
    ...(withFees ? { fees_total: decStr(tr.fees) } : {}),
  };
}
