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
  /** The live orders' ids and symbol indexes. */
  private readonly live = new LiveOrders();

  constructor(bus: EventBus, readonly strategyId: string, private readonly index: ReadonlyMap<string, number>, onFill?: (f: FillPayload, symbol: number) => void) {
    const n = index.size;
    this.position = new Float64Array(n);
    this.pendingBySymbol = new Int32Array(n);
    bus.subscribe('order', (e) => {
      const o = e.payload;
      if (o.source_strategy_id !== strategyId) return;
      const i = index.get(o.symbol);
      if (i === undefined || !this.live.add(o.order_id, i)) return;
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
    const i = this.live.remove(orderId);
    if (i >= 0) this.pendingBySymbol[i]!--;
  }
}

/** Live orders held in two arrays while they are few; a map from the first time there are more. */
const FEW = 16;

/**
 * Order id → symbol index of the live orders. A strategy usually has one or two orders alive: a map
 * that gains and loses an entry per order rebuilds its table every few changes (garbage per order),
 * while a search of a few ids costs less. Past {@link FEW} live orders the ids go into a map for good.
 */
export class LiveOrders {
  private readonly ids: string[] = [];
  private readonly symbols: number[] = [];
  private map: Map<string, number> | undefined;

  /** Adds `id` (of symbol index `s`); false when it is already live. */
  add(id: string, s: number): boolean {
    const map = this.map;
    if (map !== undefined) {
      if (map.has(id)) return false;
      map.set(id, s);
      return true;
    }
    if (this.ids.indexOf(id) >= 0) return false;
    if (this.ids.length < FEW) {
      this.ids.push(id);
      this.symbols.push(s);
      return true;
    }
    this.map = new Map(this.ids.map((x, k) => [x, this.symbols[k]!] as const));
    this.map.set(id, s);
    this.ids.length = 0;
    this.symbols.length = 0;
    return true;
  }

  /** Removes `id`; its symbol index, or −1 when it was not live. */
  remove(id: string): number {
    const map = this.map;
    if (map !== undefined) {
      const s = map.get(id);
      if (s === undefined) return -1;
      map.delete(id);
      return s;
    }
    const ids = this.ids;
    const k = ids.indexOf(id);
    if (k < 0) return -1;
    const s = this.symbols[k]!;
    // the last entry takes the removed one's place (the order of the entries is never read)
    const last = ids.length - 1;
    ids[k] = ids[last]!;
    this.symbols[k] = this.symbols[last]!;
    ids.pop();
    this.symbols.pop();
    return s;
  }

  /** How many orders are live. */
  get size(): number {
    return this.map !== undefined ? this.map.size : this.ids.length;
  }
}
