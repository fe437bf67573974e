// Turns the kernel's fill record into a fill payload: exact price (slippage for market-type fills,
// kept inside the bar's range), commission, fees, values and the reason.
import { Decimal, decStr, decOf, numStr, type FillPolicy } from '../model/index.js';
import { noteFillFacts, type FillPayload } from '../events/index.js';
import { orderCodes as K } from '../kernels/index.js';
import type { Commission } from './costs/commission.js';
import type { RegulatoryFees } from './costs/fees.js';
import { slippageBps, type Slippage } from './costs/slippage.js';
import type { FillValueTable } from './fill-values.js';
import { fillReason, marketFillReason, reasonNeedsNoBar } from './fill-reason.js';
import type { Venue } from './venue.js';
import type { WorkingOrder } from './working-order.js';

/** The costs and rules a fill is priced with. */
export interface FillPricing {
  readonly policy: FillPolicy;
  readonly commission: Commission;
  readonly fees: RegulatoryFees;
  readonly slippage: Slippage;
  /** The run's gross and net values of fills, by quantity and price. */
  readonly values: FillValueTable;
}

/** One fill of a working order, from the kernel's record. */
export interface KernelFill {
  readonly price: number;
  readonly quantity: Decimal;
  /** PX_* bits. */
  readonly reason: number;
  readonly stopLevel: number;
  /** The fill was capped by the participation limit. */
  readonly capped: boolean;
  /** The order's stop had triggered before this bar. */
  readonly triggeredBefore: boolean;
}

const MARKET_TYPES = new Set(['market', 'market_on_open', 'market_on_close', 'stop', 'trailing_stop']);
type MarketType = 'market' | 'market_on_open' | 'market_on_close';

// commissions repeat (one per quantity for per-share models, remembered as the same object): the
// text of the last one is kept
let lastCommission: Decimal | undefined;
let lastCommissionText = '';
function commissionText(c: Decimal): string {
  if (c !== lastCommission) {
    lastCommissionText = decStr(c);
    lastCommission = c;
  }
  return lastCommissionText;
}

/**
 * The fill payload (fill_id and remaining quantity included) of one kernel fill at the venue's bar
 * `t`, whose time is `time`. The bar's prices are read only when something needs them (slippage, the cap's volume, the
 * reason of a limit or stop fill): a market fill needs only the bar's time.
 */
export function buildFill(w: WorkingOrder, f: KernelFill, venue: Venue, t: number, time: string, fillId: string, remaining: Decimal, pricing: FillPricing): FillPayload {
  const quote = (f.reason & K.PX_QUOTE) !== 0;
  const slips = pricing.slippage.active && MARKET_TYPES.has(w.type);
  const bar = slips || f.capped || !reasonNeedsNoBar(w.type) ? venue.bar(w.s, t) : undefined;
  // without slippage the fill is at the kernel's float price: its decimal and values come from the run's table
  const at = slips ? undefined : pricing.values.of(f.quantity, f.price);
  const ref = at ? at.price : decOf(f.price);
  let price = ref;
  let slipped = false;
  if (slips && bar) {
    const atClose = (f.reason & 15) === K.PX_CLOSE;
    price = pricing.slippage.apply(ref, w.side, {
      qty: f.quantity, volume: bar.volume, atQuote: quote,
      bid: atClose ? bar.bidClose : bar.bidOpen, ask: atClose ? bar.askClose : bar.askOpen,
    });
    // a fill at a trade price stays inside the bar's range (a quote fill may lie outside it)
    if (!quote) {
      if (w.side === 'buy' && price.gt(bar.high)) price = decOf(bar.high);
      if (w.side === 'sell' && price.lt(bar.low)) price = decOf(bar.low);
    }
    slipped = true;
  }
  const whole = remaining.isZero() && w.filled.isZero();
  const commission = pricing.commission.fill(w.charges, f.quantity, price, time, whole);
  const fees = pricing.fees.enabled ? pricing.fees.of(w.side, f.quantity, price) : null;
  const costs = fees ? commission.plus(fees) : commission;
  const values = at ?? pricing.values.once(f.quantity, price);
  const gross = values.gross;
  const netText = pricing.values.net(values, costs, w.side === 'buy');
  const refText = numStr(f.price);
  let reason = bar ? fillReason({
    type: w.type, side: w.side, policy: pricing.policy, source: f.reason, bar, limit: w.limit, stop: f.stopLevel, triggeredBefore: f.triggeredBefore,
  }, f.price, refText) : marketFillReason(w.type as MarketType /* no bar read: a market type */, w.side, pricing.policy, f.reason, refText);
  if (slipped && !price.eq(ref)) reason += `; slippage ${decStr(slippageBps(ref, price, w.side))} bps from ${refText}`;
  if (f.capped) reason += `; ${decStr(f.quantity)} of ${decStr(f.quantity.plus(remaining))} (participation cap of the bar's volume ${numStr(bar!.volume)})`;
  // the intent's own text when one fill is the whole order as it arrived (the common case)
  const filledQuantity = whole && f.quantity === w.quantity ? w.payload.quantity : decStr(f.quantity);
  if (!slipped && !fees && !f.capped && !quote && w.strategyId !== undefined) {
    // the common fill, built without the optional parts (the same keys in the same order as below)
    const common: FillPayload = {
      fill_id: fillId, order_id: w.id, timestamp: time, symbol: w.symbol, side: w.side, filled_quantity: filledQuantity, fill_price: refText,
      commission: commissionText(commission), gross_value: values.grossText, net_value: netText, remaining_quantity: remaining.isZero() ? '0' : decStr(remaining),
      strategy_id: w.strategyId, reason,
    };
    // the ledger books it from these decimals rather than parsing the text (the same values)
    noteFillFacts(common, { quantity: f.quantity, price, commission, gross });
    return common;
  }
  return {
    fill_id: fillId,
    order_id: w.id,
    timestamp: time,
    symbol: w.symbol,
    side: w.side,
    filled_quantity: filledQuantity,
    fill_price: slipped ? decStr(price) : refText,
    ...(slipped ? { reference_price: refText, slippage_bps: decStr(slippageBps(ref, price, w.side)) } : {}),
    commission: decStr(commission),
    ...(fees ? { fees: decStr(fees) } : {}),
    gross_value: values.grossText,
    net_value: netText,
    remaining_quantity: remaining.isZero() ? '0' : decStr(remaining),
    ...(f.capped ? { liquidity: 'volume_cap' } : quote ? { liquidity: 'quote' } : {}),
    ...(w.strategyId !== undefined ? { strategy_id: w.strategyId } : {}),
    reason,
  };
}
