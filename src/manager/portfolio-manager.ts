// The portfolio manager: turns signals into order intents (sizing) or refuses them (risk), with a reason.
import { Decimal, decStr, parseDec, type PortfolioView, type Side } from '../model/index.js';
import type { EventBus, EventFactory, SignalEvent } from '../events/index.js';
import { sizeOpen, type SizingConfig } from './sizing.js';

/** Settings of the manager. */
export interface ManagerConfig {
  readonly sizing: SizingConfig;
  readonly allowShort: boolean;
  /** Estimated commission of an order, for the cash check (the execution's model). */
  readonly estimateCommission: (qty: Decimal, price: Decimal) => Decimal;
}

/** Sizes and risk-checks signals into market orders. */
export class PortfolioManager {
  private readonly fixedQty: Decimal | null;

  constructor(
    private readonly bus: EventBus,
    private readonly events: EventFactory,
    private readonly view: PortfolioView,
    private readonly cfg: ManagerConfig,
  ) {
    this.fixedQty = cfg.sizing.method === 'fixed_quantity' ? new Decimal(cfg.sizing.quantity) : null;
    bus.subscribe('signal', (e) => this.onSignal(e));
  }

  /** Handles one signal: an order event, or a risk-violation event saying why not. */
  onSignal(e: SignalEvent): void {
    const s = e.payload;
    const price = parseDec(s.price);
    const held = this.view.position(s.symbol, s.strategy_id);
    switch (s.intention) {
      case 'OPEN_LONG':
        return this.open(e, 'buy', price);
      case 'OPEN_SHORT':
        if (!this.cfg.allowShort) return this.refuse(e, 'shorting_disabled', 'short selling is disabled by the risk policy');
        return this.open(e, 'sell', price);
      case 'CLOSE_LONG':
        if (held.lte(0)) return this.refuse(e, 'no_position', `no long position in ${s.symbol} to close`);
        return this.order(e, 'sell', held);
      case 'CLOSE_SHORT':
        if (held.gte(0)) return this.refuse(e, 'no_position', `no short position in ${s.symbol} to close`);
        return this.order(e, 'buy', held.neg());
    }
  }

  private open(e: SignalEvent, side: Side, price: Decimal): void {
    const qty = this.fixedQty ?? sizeOpen(this.cfg.sizing, price, this.view.equity());
    if (qty.lte(0)) return this.refuse(e, 'min_ticket', `sizing gives ${decStr(qty)} shares at ${decStr(price)}`, '1', decStr(qty));
    if (side === 'buy') {
      // the order fills at the next open, which may differ from this close: checked at the signal's price.
      // A float estimate settles clear cases; only near the boundary is the exact cost computed.
      const cash = this.view.cash();
      const commission = this.cfg.estimateCommission(qty, price);
      const approx = qty.toNumber() * price.toNumber() + commission.toNumber();
      const cashF = cash.toNumber();
      const clear = approx < cashF * (1 - 1e-9) - 1e-6;
      const cost = clear ? null : qty.times(price).plus(commission);
      if (cost && cost.gt(cash)) {
        return this.refuse(e, 'insufficient_cash',
          `buying ${decStr(qty)} ${e.payload.symbol} at ${decStr(price)} costs ${decStr(cost)} with commission; cash is ${decStr(cash)}`,
          decStr(cash), decStr(cost));
      }
    }
    this.order(e, side, qty, true);
  }

  // an opening order carries the signal's stop_loss / take_profit: execution places them as a bracket on fill
  private order(e: SignalEvent, side: Side, qty: Decimal, opening = false): void {
    const s = e.payload;
    this.bus.publish(this.events.make('order', e.occurred_at, {
      order_id: this.events.id(),
      timestamp: s.timestamp,
      symbol: s.symbol,
      side,
      quantity: decStr(qty),
      order_type: 'market',
      intent_id: s.signal_id,
      idempotency_key: `${s.signal_id}:1`,
      time_in_force: 'GTC',
      source_strategy_id: s.strategy_id,
      ...(opening && s.stop_loss !== undefined ? { stop_loss: s.stop_loss } : {}),
      ...(opening && s.take_profit !== undefined ? { take_profit: s.take_profit } : {}),
    }, e.correlation_id, e.event_id));
  }

  private refuse(e: SignalEvent, rule: string, reason: string, limit?: string, actual?: string): void {
    const s = e.payload;
    this.bus.publish(this.events.make('risk_violation', e.occurred_at, {
      signal_id: s.signal_id, timestamp: s.timestamp, strategy_id: s.strategy_id, symbol: s.symbol, rule, reason,
      ...(limit !== undefined ? { limit_value: limit } : {}),
      ...(actual !== undefined ? { actual_value: actual } : {}),
    }, e.correlation_id, e.event_id));
  }
}
