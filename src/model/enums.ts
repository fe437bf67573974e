// Shared value types of qtrader: sides, order types, intentions, time in force.
// Imported by every layer; imports nothing.

/** Side of an order or fill. */
export type Side = 'buy' | 'sell';

/** Side of a position. */
export type PositionSide = 'long' | 'short' | 'flat';

/** What a strategy wants to do (contract `strategy/signal`). */
export type Intention = 'OPEN_LONG' | 'CLOSE_LONG' | 'OPEN_SHORT' | 'CLOSE_SHORT';

/** Order types of the `manager/order` contract. */
export type OrderType = 'market' | 'limit' | 'stop' | 'stop_limit' | 'market_on_open' | 'market_on_close' | 'trailing_stop';

/** Time in force of the `manager/order` contract (GTD: good till `expire_date`). */
export type TimeInForce = 'GTC' | 'DAY' | 'IOC' | 'FOK' | 'GTD';

/** Status changes of the `execution/order_status` contract (fills and refusals have their own events). */
export type OrderStatus = 'accepted' | 'triggered' | 'cancelled' | 'expired' | 'replaced';

/**
 * When market orders fill (config `execution.fill_policy`): `next_open` at the open of the bar after
 * the order (the default), `next_close` at that bar's close, `same_close` at the close of the bar the
 * order was made at (optimistic: the decision used that close), `vwap_next_bar` at the next bar's VWAP.
 */
export type FillPolicy = 'next_open' | 'next_close' | 'same_close' | 'vwap_next_bar';

/** Which leg fills when both legs of a bracket are inside one bar (config `execution.intrabar`). */
export type IntrabarPolicy = 'worst_case' | 'best_case' | 'ohlc_path';

/** Which open lot a closing fill matches first; `highest_cost` is the least profitable match. */
export type LotMethod = 'fifo' | 'lifo' | 'highest_cost';

/** What a sell larger than the long position (or a buy larger than the short) does: refused, or split into a close and an opening trade. */
export type OversellPolicy = 'reject' | 'split';

/** Kinds of corporate action of the `data/corporate_action` contract. */
export type CorporateActionType =
  | 'split' | 'reverse_split' | 'dividend' | 'special_dividend' | 'rights_issue'
  | 'merger' | 'spinoff' | 'symbol_change' | 'delisting';

/** Bar interval names of the `data/bar` contract. */
export type Interval =
  | '1s' | '5s' | '10s' | '15s' | '30s'
  | '1m' | '2m' | '5m' | '10m' | '15m' | '30m'
  | '1h' | '4h' | '1d';

/** Which kernel implementation a wrapper runs. */
export type KernelEngine = 'wasm' | 'js';
