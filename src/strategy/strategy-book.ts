// A strategy's own view of its book, kept from events: signed positions from its fills, and the
// orders of its that are still alive (an order is dead once filled, refused, cancelled, expired or replaced).
import type { EventBus, FillPayload } from '../events/index.js';
import type { OrderStatus } from '../model/index.js';

/** The order_status values after which an order can never fill (contract execution/order_status). */
export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['cancelled', 'expired', 'replaced']);

/**
 * Positions and live orders of one strategy, by symbol index, from the bus: `order` events of the
 * strategy make an order live; a fill with nothing remaining, a risk_violation naming the order, or
 * a terminal order_status (cancelled, expired, replaced) makes it dead, so that a dead order no
 * longer blocks the strategy's next signals.
 */
export class StrategyBook {
  /** Signed quantity held per symbol (from fills). */
  readonly position: Float64Array;
  /** Live orders per symbol. */
  readonly pendingBySymbol: Int32Array;
  private readonly live = new Map<string, number>();

  constructor(bus: EventBus, readonly strategyId: string, private readonly index: ReadonlyMap<string, number>, onFill?: (f: FillPayload, symbol: number) => void) {
    const n = index.size;
    this.position = new Float64Array(n);
    this.pendingBySymbol = new Int32Array(n);
    bus.subscribe('order', (e) => {
      const o = e.payload;
      if (o.source_strategy_id !== strategyId) return;
      const i = index.get(o.symbol);
      if (i === undefined || this.live.has(o.order_id)) return;
      this.live.set(o.order_id, i);
      this.pendingBySymbol[i]!++;
    });
    bus.subscribe('fill', (e) => {
      const f = e.payload;
      if (f.strategy_id !== strategyId) return;
      const i = index.get(f.symbol);
      if (i === undefined) return;
      const q = Number(f.filled_quantity);
      this.position[i]! += f.side === 'buy' ? q : -q;
      if (f.remaining_quantity === undefined || Number(f.remaining_quantity) === 0) this.retire(f.order_id);
      onFill?.(f, i);
    });
    bus.subscribe('risk_violation', (e) => {
      if (e.payload.order_id !== undefined) this.retire(e.payload.order_id);
    });
    bus.subscribe('order_status', (e) => {
      if (TERMINAL_STATUSES.has(e.payload.status)) this.retire(e.payload.order_id);
    });
  }

  /** An order of the strategy waits for symbol `s`. */
  pending(s: number): boolean {
    return this.pendingBySymbol[s]! > 0;
  }

  /** Orders of the strategy still alive (all symbols). */
  get liveOrders(): number {
    return this.live.size;
  }

  private retire(orderId: string): void {
    const i = this.live.get(orderId);
    if (i === undefined) return;
    this.live.delete(orderId);
    this.pendingBySymbol[i]!--;
  }
}
