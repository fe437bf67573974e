// The short reason every fill carries: which rule priced it, with the bar's numbers,
// e.g. "stop 100 triggered: low 98.2 ≤ 100; filled at the stop".
import { numStr, type FillPolicy, type OrderType, type Side } from '../model/index.js';
import { orderCodes as K } from '../kernels/index.js';
import type { VenueBar } from './venue.js';

/** What the reason of one fill is made from. */
export interface ReasonInput {
  readonly type: OrderType;
  readonly side: Side;
  readonly policy: FillPolicy;
  /** PX_* bits of the kernel's fill record. */
  readonly source: number;
  readonly bar: VenueBar;
  readonly limit: number;
  /** The stop level at the fill (a trailing stop's current level). */
  readonly stop: number;
  /** The stop condition had triggered at an earlier bar. */
  readonly triggeredBefore: boolean;
}

const n = (x: number): string => numStr(x);

function marketPhrase(policy: FillPolicy, source: number): string {
  const base = source & 15;
  if (base === K.PX_VWAP) return 'at the next bar\'s VWAP';
  if (base === K.PX_OPEN) return 'at the next bar\'s open';
  return policy === 'same_close' ? 'at the close of its own bar (same_close: optimistic)' : 'at the next bar\'s close';
}

// "low 98.2 ≤ 100" / "open 98.2 ≤ 100 (gap)": how the bar reached a level from the side's direction
function reached(bar: VenueBar, level: number, downward: boolean, atOpen: boolean, atClose: boolean): string {
  if (atClose) return `close ${n(bar.close)} ${downward ? '≤' : '≥'} ${n(level)}`;
  if (atOpen) return `open ${n(bar.open)} ${downward ? '≤' : '≥'} ${n(level)} (gap)`;
  return downward ? `low ${n(bar.low)} ≤ ${n(level)}` : `high ${n(bar.high)} ≥ ${n(level)}`;
}

/** Whether a fill of an order of this type has a reason that reads nothing of the bar ({@link marketFillReason}). */
export function reasonNeedsNoBar(type: OrderType): boolean {
  return type === 'market' || type === 'market_on_open' || type === 'market_on_close';
}

/** The reason of a market, market-on-open or market-on-close fill at the price written `priceText` (nothing of the bar is needed). */
export function marketFillReason(type: 'market' | 'market_on_open' | 'market_on_close', side: Side, policy: FillPolicy, source: number, priceText: string): string {
  const quote = (source & K.PX_QUOTE) !== 0;
  if (type === 'market') {
    return quote ? `market ${side} filled at the ${side === 'buy' ? 'ask' : 'bid'} ${priceText} ${marketPhrase(policy, source).replace(/^at /, 'of ')}`
      : `market order filled ${marketPhrase(policy, source)} ${priceText}`;
  }
  const quoted = quote ? ` (${side === 'buy' ? 'ask' : 'bid'} at ${(source & 15) === K.PX_OPEN ? 'the open' : 'the close'})` : '';
  return type === 'market_on_open' ? `market-on-open order filled at the session's opening price ${priceText}${quoted}`
    : `market-on-close order filled at the session's closing price ${priceText}${quoted}`;
}

/** The fill's reason sentence for the reference `price` (its text `priceText`); slippage is added by the caller. */
export function fillReason(x: ReasonInput, price: number, priceText = numStr(price)): string {
  const base = x.source & 15;
  const quote = (x.source & K.PX_QUOTE) !== 0;
  const where = base === K.PX_OPEN ? 'the open' : base === K.PX_CLOSE ? 'the close' : base === K.PX_VWAP ? 'the VWAP' : base === K.PX_LIMIT ? 'the limit' : 'the stop';
  const quoted = quote ? ` (${x.side === 'buy' ? 'ask' : 'bid'} at ${where === 'the open' ? 'the open' : 'the close'})` : '';
  const buy = x.side === 'buy';
  switch (x.type) {
    case 'market':
    case 'market_on_open':
    case 'market_on_close':
      return marketFillReason(x.type, x.side, x.policy, x.source, priceText);
    case 'limit': {
      if (base === K.PX_LIMIT) return `limit ${n(x.limit)} ${x.side}: ${reached(x.bar, x.limit, buy, false, false)}; filled at the limit`;
      if (base === K.PX_CLOSE) return `limit ${n(x.limit)} ${x.side}: ${reached(x.bar, x.limit, buy, false, true)}; filled at the close`;
      return `limit ${n(x.limit)} ${x.side}: the bar opened at ${n(x.bar.open)}, through the limit; filled at the open`;
    }
    case 'stop_limit': {
      const head = `stop-limit ${n(x.stop)}/${n(x.limit)} ${x.side}`;
      if (x.triggeredBefore) {
        return base === K.PX_LIMIT ? `${head} (triggered earlier): ${reached(x.bar, x.limit, buy, false, false)}; filled at the limit`
          : `${head} (triggered earlier): the bar opened at ${n(x.bar.open)}, through the limit; filled at the open`;
      }
      const trig = reached(x.bar, x.stop, !buy, base === K.PX_OPEN || (base === K.PX_LIMIT && (buy ? x.bar.open >= x.stop : x.bar.open <= x.stop)), base === K.PX_CLOSE);
      return `${head} triggered: ${trig}; filled at ${where}, within the limit`;
    }
    default: {
      const label = x.type === 'trailing_stop' ? `trailing stop at ${n(x.stop)}` : `stop ${n(x.stop)}`;
      if (x.triggeredBefore) return `${label} triggered earlier; the rest filled at ${where} ${priceText}${quoted}`;
      return `${label} triggered: ${reached(x.bar, x.stop, !buy, base === K.PX_OPEN, base === K.PX_CLOSE)}; filled at ${where}${quoted}`;
    }
  }
}
