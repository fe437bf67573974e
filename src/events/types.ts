// Event types of the bus, field for field the JSON Schema contracts in contracts/schemas/.
import type { Intention, OrderType, PositionSide, Side, TimeInForce } from '../model/index.js';

/** Decimal number as a string, `^-?\d+(\.\d+)?$`. */
export type DecimalString = string;
/** RFC 3339 UTC timestamp with `Z`. */
export type IsoTime = string;

/** Fields every event carries (contracts/schemas/envelope.v1.json). */
export interface Envelope<T extends string = string> {
  readonly event_id: string;
  readonly event_type: T;
  readonly event_version: number;
  /** Simulated time the event happened. */
  readonly occurred_at: IsoTime;
  readonly source_service: string;
  readonly correlation_id?: string | null;
  readonly causation_id?: string | null;
}

/** An event: the envelope plus its payload, which validates against the event type's schema. */
export interface BusEvent<T extends string = string, P = unknown> extends Envelope<T> {
  readonly payload: P;
}

/** contracts/schemas/strategy/signal.v1.json */
export interface SignalPayload {
  readonly signal_id: string;
  readonly timestamp: IsoTime;
  readonly strategy_id: string;
  readonly symbol: string;
  readonly intention: Intention;
  readonly confidence: DecimalString;
  readonly price: DecimalString;
  readonly reason?: string;
  readonly metadata?: Readonly<Record<string, string | number | boolean | null>>;
  readonly stop_loss?: DecimalString;
  readonly take_profit?: DecimalString;
}

/** contracts/schemas/manager/order.v1.json (the order intent). */
export interface OrderPayload {
  readonly order_id: string;
  readonly timestamp: IsoTime;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: DecimalString;
  readonly order_type: OrderType;
  readonly intent_id: string;
  readonly idempotency_key: string;
  readonly limit_price?: DecimalString;
  readonly stop_price?: DecimalString;
  readonly time_in_force?: TimeInForce;
  readonly source_strategy_id?: string;
  readonly stop_loss?: DecimalString;
  readonly take_profit?: DecimalString;
  readonly parent_order_id?: string;
}

/** contracts/schemas/manager/risk_violation.v1.json: a signal or order the manager refused. */
export interface RiskViolationPayload {
  readonly signal_id?: string;
  readonly order_id?: string;
  readonly timestamp: IsoTime;
  readonly strategy_id: string;
  readonly symbol: string;
  readonly rule: string;
  readonly reason: string;
  /** The limit the rule enforces, when it is a number. */
  readonly limit_value?: DecimalString;
  /** The value that broke the limit. */
  readonly actual_value?: DecimalString;
}

/** contracts/schemas/execution/fill.v1.json */
export interface FillPayload {
  readonly fill_id: string;
  readonly order_id: string;
  readonly timestamp: IsoTime;
  readonly symbol: string;
  readonly side: Side;
  readonly filled_quantity: DecimalString;
  readonly fill_price: DecimalString;
  readonly commission?: DecimalString;
  readonly slippage_bps?: DecimalString;
  readonly gross_value?: DecimalString;
  readonly net_value?: DecimalString;
  readonly remaining_quantity?: DecimalString;
  readonly liquidity?: string;
  readonly strategy_id?: string;
  /** Why the fill happened at this price, e.g. "market order filled at next bar's open". */
  readonly reason?: string;
}

/** One position inside a snapshot. */
export interface PositionState {
  readonly symbol: string;
  readonly side: PositionSide;
  readonly open_quantity: DecimalString;
  readonly average_fill_price: DecimalString;
  readonly commission_paid: DecimalString;
  readonly cost_basis: DecimalString;
  readonly market_price: DecimalString;
  readonly gross_market_value: DecimalString;
  readonly unrealized_pl: DecimalString;
  readonly realized_pl: DecimalString;
  readonly dividends_received: DecimalString;
  readonly dividends_paid: DecimalString;
}

/** contracts/schemas/portfolio/snapshot.v1.json: the ledger's state at a moment. */
export interface SnapshotPayload {
  readonly portfolio_id: string;
  readonly start_datetime: IsoTime;
  readonly snapshot_datetime: IsoTime;
  readonly reporting_currency: string;
  readonly initial_portfolio_equity: DecimalString;
  readonly cash_balance: DecimalString;
  readonly current_portfolio_equity: DecimalString;
  readonly total_market_value: DecimalString;
  readonly total_unrealized_pl: DecimalString;
  readonly total_realized_pl: DecimalString;
  readonly total_pl: DecimalString;
  readonly long_exposure: DecimalString;
  readonly short_exposure: DecimalString;
  readonly net_exposure: DecimalString;
  readonly gross_exposure: DecimalString;
  readonly leverage: DecimalString;
  readonly total_commissions_paid?: DecimalString;
  readonly total_dividends_received?: DecimalString;
  readonly total_dividends_paid?: DecimalString;
  readonly total_borrow_fees?: DecimalString;
  readonly total_margin_interest?: DecimalString;
  readonly strategies_groups: ReadonlyArray<{ readonly strategy_id: string; readonly positions: readonly PositionState[] }>;
}

/** contracts/schemas/portfolio/trade.v1.json: a round trip, flat to flat. */
export interface TradePayload {
  readonly trade_id: string;
  readonly strategy_id: string;
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly status: 'open' | 'closed';
  readonly fill_ids: readonly string[];
  readonly entry_timestamp?: IsoTime;
  readonly exit_timestamp?: IsoTime;
  readonly entry_price?: DecimalString;
  readonly exit_price?: DecimalString;
  readonly quantity?: DecimalString;
  readonly realized_pnl?: DecimalString;
  readonly commission_total?: DecimalString;
}

export type SignalEvent = BusEvent<'signal', SignalPayload>;
export type OrderEvent = BusEvent<'order', OrderPayload>;
export type RiskViolationEvent = BusEvent<'risk_violation', RiskViolationPayload>;
export type FillEvent = BusEvent<'fill', FillPayload>;
export type SnapshotEvent = BusEvent<'snapshot', SnapshotPayload>;
export type TradeEvent = BusEvent<'trade', TradePayload>;

/** Every event type the engine puts on the bus. */
export type QtraderEvent = SignalEvent | OrderEvent | RiskViolationEvent | FillEvent | SnapshotEvent | TradeEvent;

/** Maps an event type name to the schema path under contracts/schemas/. */
export const EVENT_SCHEMAS: Readonly<Record<QtraderEvent['event_type'], string>> = {
  signal: 'strategy/signal.v1.json',
  order: 'manager/order.v1.json',
  risk_violation: 'manager/risk_violation.v1.json',
  fill: 'execution/fill.v1.json',
  snapshot: 'portfolio/snapshot.v1.json',
  trade: 'portfolio/trade.v1.json',
};
