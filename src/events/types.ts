// Event types of the bus, field for field the JSON Schema contracts in contracts/schemas/.
import type { CorporateActionType, Intention, OrderStatus, OrderType, PositionSide, Side, TimeInForce } from '../model/index.js';

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
  /** Trailing stop distance as a price amount. */
  readonly trail_amount?: DecimalString;
  /** Trailing stop distance as a fraction of the price. */
  readonly trail_percent?: DecimalString;
  readonly time_in_force?: TimeInForce;
  /** Last date (YYYY-MM-DD) a GTD order works. */
  readonly expire_date?: string;
  readonly source_strategy_id?: string;
  readonly stop_loss?: DecimalString;
  readonly take_profit?: DecimalString;
  readonly parent_order_id?: string;
  /** Cancel/replace: the working order this one replaces. */
  readonly replaces_order_id?: string;
}

/** contracts/schemas/manager/order_cancel.v1.json: a request to cancel a working order. */
export interface OrderCancelPayload {
  readonly order_id: string;
  readonly timestamp: IsoTime;
  readonly symbol: string;
  readonly strategy_id?: string;
  readonly reason?: string;
}

/** contracts/schemas/execution/order_status.v1.json: an order's life other than fills and refusals. */
export interface OrderStatusPayload {
  readonly order_id: string;
  readonly timestamp: IsoTime;
  readonly symbol: string;
  readonly status: OrderStatus;
  readonly reason_code: string;
  readonly reason: string;
  readonly strategy_id?: string;
  readonly side?: Side;
  readonly order_type?: OrderType;
  readonly quantity?: DecimalString;
  readonly remaining_quantity?: DecimalString;
  readonly limit_price?: DecimalString;
  readonly stop_price?: DecimalString;
  readonly parent_order_id?: string;
  readonly replaced_by?: string;
}

/** contracts/schemas/data/corporate_action.v1.json: a split, dividend, symbol change or delisting. */
export interface CorporateActionPayload {
  readonly symbol: string;
  readonly asset_class: string;
  readonly action_type: CorporateActionType;
  readonly announcement_date: string;
  /** The ledger applies the action before the first bar of this date. */
  readonly ex_date: string;
  readonly effective_date: string;
  readonly source: string;
  readonly split_ratio?: DecimalString;
  readonly split_from?: DecimalString;
  readonly split_to?: DecimalString;
  readonly dividend_amount?: DecimalString;
  readonly dividend_currency?: string;
  readonly dividend_type?: 'ordinary' | 'qualified' | 'special' | 'capital_return' | 'stock';
  readonly price_adjustment_factor?: DecimalString;
  readonly volume_adjustment_factor?: DecimalString;
  readonly new_symbol?: string;
}

/** contracts/schemas/manager/risk_violation.v1.json: a signal or order the manager refused or reduced. */
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
  /** refused: no order was made (also when absent); reduced: the order was made with `allowed_quantity`. */
  readonly action?: 'refused' | 'reduced';
  /** Shares the order had before the rule applied. */
  readonly requested_quantity?: DecimalString;
  /** Shares the rule allowed: the reduced order's quantity, or 0 when refused. */
  readonly allowed_quantity?: DecimalString;
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
  /** Price before slippage. */
  readonly reference_price?: DecimalString;
  readonly commission?: DecimalString;
  /** Regulatory fees (SEC fee, FINRA TAF). */
  readonly fees?: DecimalString;
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
  readonly fees_paid?: DecimalString;
  readonly cost_basis: DecimalString;
  readonly market_price: DecimalString;
  readonly gross_market_value: DecimalString;
  readonly unrealized_pl: DecimalString;
  readonly realized_pl: DecimalString;
  readonly dividends_received: DecimalString;
  readonly dividends_paid: DecimalString;
  readonly borrow_fees?: DecimalString;
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
  readonly total_fees_paid?: DecimalString;
  readonly total_dividends_received?: DecimalString;
  readonly total_dividends_paid?: DecimalString;
  readonly total_borrow_fees?: DecimalString;
  readonly total_margin_interest?: DecimalString;
  readonly total_cash_interest?: DecimalString;
  readonly total_cash_in_lieu?: DecimalString;
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
  readonly fees_total?: DecimalString;
}

export type SignalEvent = BusEvent<'signal', SignalPayload>;
export type OrderEvent = BusEvent<'order', OrderPayload>;
export type RiskViolationEvent = BusEvent<'risk_violation', RiskViolationPayload>;
export type FillEvent = BusEvent<'fill', FillPayload>;
export type SnapshotEvent = BusEvent<'snapshot', SnapshotPayload>;
export type TradeEvent = BusEvent<'trade', TradePayload>;
export type OrderCancelEvent = BusEvent<'order_cancel', OrderCancelPayload>;
export type OrderStatusEvent = BusEvent<'order_status', OrderStatusPayload>;
export type CorporateActionEvent = BusEvent<'corporate_action', CorporateActionPayload>;

/** Every event type the engine puts on the bus. */
export type QtraderEvent =
  | SignalEvent | OrderEvent | RiskViolationEvent | FillEvent | SnapshotEvent | TradeEvent
  | OrderCancelEvent | OrderStatusEvent | CorporateActionEvent;

/** Maps an event type name to the schema path under contracts/schemas/. */
export const EVENT_SCHEMAS: Readonly<Record<QtraderEvent['event_type'], string>> = {
  signal: 'strategy/signal.v1.json',
  order: 'manager/order.v1.json',
  risk_violation: 'manager/risk_violation.v1.json',
  fill: 'execution/fill.v1.json',
  snapshot: 'portfolio/snapshot.v1.json',
  trade: 'portfolio/trade.v1.json',
  order_cancel: 'manager/order_cancel.v1.json',
  order_status: 'execution/order_status.v1.json',
  corporate_action: 'data/corporate_action.v1.json',
};
