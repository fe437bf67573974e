// The execution service: accepts order intents, keeps them pending, and fills them when the
// simulate kernel says a bar is due (market orders at the next bar's open).
import { Decimal, decStr, decOf, numStr, parseDec } from '../model/index.js';
import type { EventBus, EventFactory, OrderEvent, OrderPayload } from '../events/index.js';
import { PerShareCommission, type CommissionConfig } from './commission.js';

/** The bar an order fills against. */
export interface FillBar {
  /** RFC 3339 time of the bar. */
  readonly time: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Settings of the execution service. */
export interface ExecutionConfig {
  readonly commission: CommissionConfig;
  /** Only `next_open` exists yet: an order made at bar t's close fills at the open of the symbol's next bar. */
  readonly fillPolicy: 'next_open';
}

interface Pending {
  readonly order: OrderPayload;
  readonly qty: Decimal;
  /** Signed quantity as a float, for the kernel's pending table. */
  readonly signed: number;
  readonly correlationId: string | null;
  readonly causationId: string;
  readonly strategyId: string | undefined;
}

/** Holds pending orders per symbol and books their fills as fill events. */
export class ExecutionService {
  private readonly pending = new Map<string, Pending[]>();
  private readonly keys = new Set<string>();
  readonly commission: PerShareCommission;

  constructor(private readonly bus: EventBus, private readonly events: EventFactory, readonly cfg: ExecutionConfig) {
    this.commission = new PerShareCommission(cfg.commission);
    bus.subscribe('order', (e) => this.accept(e));
  }

  /** Registers an order intent, or refuses a repeated idempotency key or an unsupported type. */
  accept(e: OrderEvent): void {
    const o = e.payload;
    const refuse = (rule: string, reason: string): void => {
      this.bus.publish(this.events.make('risk_violation', e.occurred_at, {
        order_id: o.order_id, timestamp: o.timestamp, strategy_id: o.source_strategy_id ?? 'unknown', symbol: o.symbol, rule, reason,
      }, e.correlation_id, e.event_id));
    };
    if (this.keys.has(o.idempotency_key)) return refuse('duplicate_order', `idempotency key ${o.idempotency_key} was already used; order refused`);
    if (o.order_type !== 'market') return refuse('unsupported_order_type', `order type ${o.order_type} is not supported by the ${this.cfg.fillPolicy} fill policy yet`);
    this.keys.add(o.idempotency_key);
    let list = this.pending.get(o.symbol);
    if (!list) this.pending.set(o.symbol, (list = []));
    const qty = parseDec(o.quantity);
    list.push({ order: o, qty, signed: o.side === 'buy' ? qty.toNumber() : -qty.toNumber(), correlationId: e.correlation_id ?? null, causationId: e.event_id, strategyId: o.source_strategy_id });
  }

  /** Net signed quantity of the pending orders of `symbol` (0 when none): what the kernel mirrors. */
  pendingQuantity(symbol: string): number {
    const list = this.pending.get(symbol);
    if (!list || list.length === 0) return 0;
    let q = 0;
    for (const p of list) q += p.signed;
    // a buy and a sell that cancel out must still reach the bar: keep the flag non-zero
    return q !== 0 ? q : list.length;
  }

  /** Fills every pending order of `symbol` at the bar's open (policy next_open). */
  fillDue(symbol: string, bar: FillBar): void {
    const list = this.pending.get(symbol);
    if (!list || list.length === 0) return;
    this.pending.delete(symbol);
    const price = decOf(bar.open);
    const priceText = numStr(bar.open);
    for (const p of list) {
      const o = p.order;
      const commission = this.commission.of(p.qty, price);
      const gross = p.qty.times(price);
      const net = o.side === 'buy' ? gross.plus(commission).neg() : gross.minus(commission);
      const commissionText = decStr(commission);
      this.bus.publish(this.events.make('fill', bar.time, {
        fill_id: this.events.id(),
        order_id: o.order_id,
        timestamp: bar.time,
        symbol: o.symbol,
        side: o.side,
        filled_quantity: o.quantity,
        fill_price: priceText,
        commission: commissionText,
        gross_value: decStr(gross),
        net_value: decStr(net),
        remaining_quantity: '0',
        ...(p.strategyId !== undefined ? { strategy_id: p.strategyId } : {}),
        reason: `market order filled at the next bar's open ${priceText}`,
      }, p.correlationId, p.causationId));
    }
  }

  /** Orders still pending (at the end of a run they are reported, not booked). */
  unfilled(): OrderPayload[] {
    const out: OrderPayload[] = [];
    for (const list of this.pending.values()) for (const p of list) out.push(p.order);
    return out;
  }
}
