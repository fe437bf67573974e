// A round trip in progress or done: opens when a position leaves flat, closes when it returns to flat.
import { Decimal, decStr, isCanonical, isPositive } from '../model/index.js';
import type { TradePayload } from '../events/index.js';
import { ExactSum } from './exact-sum.js';

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
  readonly realized: ExactSum;
  readonly commission: ExactSum;
  fees: Decimal;
  entryTime: string;
  exitTime?: string;
  correlationId: string | null;
  /**
   * The entry (exit) price when it is known without dividing: the price of the only fill so far,
   * valid while `entryQty` (`exitQty`) is still the object it was recorded with (any change makes a new one).
   */
  entryPx?: KnownPrice;
  exitPx?: KnownPrice;
}

/** A leg's price (and, when known, its text and its quantity's) while the leg is one fill. */
export interface KnownPrice {
  readonly qty: Decimal;
  readonly price: Decimal;
  /** decStr(price) and decStr(qty), when the fill's own texts are already in that form. */
  readonly priceText: string | undefined;
  readonly qtyText: string | undefined;
}

/**
 * Records that the trip's entry (exit) price is `price` for its current entry (exit) quantity;
 * `priceText` and `qtyText` are the fill's texts of that price and quantity, reused when canonical.
 */
export function knownPrice(tr: RoundTrip, leg: 'entry' | 'exit', price: Decimal, priceText?: string, qtyText?: string): void {
  const pt = priceText !== undefined && isCanonical(priceText) ? priceText : undefined;
  if (leg === 'entry') tr.entryPx = { qty: tr.entryQty, price, priceText: pt, qtyText: qtyText !== undefined && isCanonical(qtyText) ? qtyText : undefined };
  else tr.exitPx = { qty: tr.exitQty, price, priceText: pt, qtyText: undefined };
}

// notional ÷ quantity, or the recorded price when it still holds
function avgPrice(notional: Decimal, qty: Decimal, known: KnownPrice | undefined): Decimal {
  return known !== undefined && known.qty === qty ? known.price : notional.div(qty);
}

// decStr of the average price, from the recorded text when it still holds
function avgPriceText(notional: Decimal, qty: Decimal, known: KnownPrice | undefined): string {
  return known !== undefined && known.qty === qty && known.priceText !== undefined ? known.priceText : decStr(avgPrice(notional, qty, known));
}

// decStr of the entry quantity, from the recorded text when it still holds
function quantityText(tr: RoundTrip): string {
  const known = tr.entryPx;
  return known !== undefined && known.qty === tr.entryQty && known.qtyText !== undefined ? known.qtyText : decStr(tr.entryQty);
}

const ZERO = new Decimal(0);

/** A new round trip opened by a fill at `time`. */
export function newTrip(id: string, side: 'long' | 'short', time: string, correlationId: string | null): RoundTrip {
  return {
    id, side, fillIds: [], entryQty: ZERO, entryNotional: ZERO, exitQty: ZERO, exitNotional: ZERO, realized: new ExactSum(),
    commission: new ExactSum(), fees: ZERO, entryTime: time, correlationId,
  };
}

/** Rescales a round trip's share counts for a split of `to` for `from` (notional amounts are unchanged). */
export function splitTrip(tr: RoundTrip, to: Decimal, from: Decimal): void {
  tr.entryQty = tr.entryQty.times(to).div(from);
  tr.exitQty = tr.exitQty.times(to).div(from);
}

/** The trade payload of a round trip (contract portfolio/trade); a `closed` trip must not change afterwards (its fill list may be the payload's). */
export function tradePayload(tr: RoundTrip, symbol: string, strategyId: string, status: 'open' | 'closed', withFees: boolean): TradePayload {
  if (tr.exitTime !== undefined && !withFees && isPositive(tr.exitQty)) {
    // a closed trip without fees: the same keys in the same order as below, without the optional parts;
    // the ledger drops a closed trip as it publishes it, so its list of fills is handed over, not copied
    return {
      trade_id: tr.id, strategy_id: strategyId, symbol, side: tr.side, status, fill_ids: status === 'closed' ? tr.fillIds : [...tr.fillIds], entry_timestamp: tr.entryTime,
      exit_timestamp: tr.exitTime, entry_price: avgPriceText(tr.entryNotional, tr.entryQty, tr.entryPx),
      exit_price: avgPriceText(tr.exitNotional, tr.exitQty, tr.exitPx), quantity: quantityText(tr), realized_pnl: tr.realized.text(),
      commission_total: tr.commission.text(),
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
    entry_price: avgPriceText(tr.entryNotional, tr.entryQty, tr.entryPx),
    ...(isPositive(tr.exitQty) ? { exit_price: avgPriceText(tr.exitNotional, tr.exitQty, tr.exitPx) } : {}),
    quantity: quantityText(tr),
    realized_pnl: tr.realized.text(),
    commission_total: tr.commission.text(),
    ...(withFees ? { fees_total: decStr(tr.fees) } : {}),
  };
}
