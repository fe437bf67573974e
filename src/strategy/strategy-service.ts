// The strategy service: runs a vectorised strategy's kernels per slice and publishes its signals.
import { numStr, isoUtc } from '../model/index.js';
import type { EventBus, EventFactory } from '../events/index.js';
import type { Buf, Workspace } from '../kernels/index.js';
import type { StrategySlice, VectorStrategy } from './strategy.js';

/** Wraps one strategy instance; tracks its own positions and pending orders from events. */
export class StrategyService {
  private readonly index = new Map<string, number>();
  private readonly position: Float64Array;
  private readonly pendingOrders = new Map<string, number>();
  private readonly pendingBySymbol: Int32Array;
  private emitted = 0;

  constructor(
    private readonly bus: EventBus,
    private readonly events: EventFactory,
    readonly strategy: VectorStrategy,
    readonly strategyId: string,
    readonly symbols: readonly string[],
  ) {
    symbols.forEach((s, i) => this.index.set(s, i));
    this.position = new Float64Array(symbols.length);
    this.pendingBySymbol = new Int32Array(symbols.length);
    bus.subscribe('order', (e) => {
      const o = e.payload;
      if (o.source_strategy_id !== strategyId) return;
      const i = this.index.get(o.symbol);
      if (i === undefined) return;
      this.pendingOrders.set(o.order_id, i);
      this.pendingBySymbol[i]!++;
    });
    bus.subscribe('fill', (e) => {
      const f = e.payload;
      if (f.strategy_id !== strategyId) return;
      const i = this.index.get(f.symbol);
      if (i === undefined) return;
      const q = Number(f.filled_quantity);
      this.position[i]! += f.side === 'buy' ? q : -q;
      if (f.remaining_quantity === undefined || Number(f.remaining_quantity) === 0) {
        if (this.pendingOrders.delete(f.order_id)) this.pendingBySymbol[i]!--;
      }
    });
    bus.subscribe('risk_violation', (e) => {
      const id = e.payload.order_id;
      if (id === undefined) return;
      const i = this.pendingOrders.get(id);
      if (i !== undefined && this.pendingOrders.delete(id)) this.pendingBySymbol[i]!--;
    });
  }

  /** Allocates the strategy's kernel state. */
  init(ws: Workspace): void {
    this.strategy.init(ws, this.symbols.length);
  }

  /** Computes the slice's signal column. */
  signals(slice: StrategySlice, out: Buf<Int32Array>): void {
    this.strategy.signals(slice, out);
  }

  /** The column is non-zero for symbol `s` at a bar: decide, and publish a signal if there is one. */
  onSignalBar(s: number, value: number, timeMs: number, close: number): void {
    const d = this.strategy.decide(value, { position: this.position[s]!, pending: this.pendingBySymbol[s]! > 0 });
    if (!d) return;
    const at = isoUtc(timeMs);
    const signalId = this.events.id();
    this.emitted++;
    this.bus.publish(this.events.make('signal', at, {
      signal_id: signalId,
      timestamp: at,
      strategy_id: this.strategyId,
      symbol: this.symbols[s]!,
      intention: d.intention,
      confidence: d.confidence ?? '1',
      price: numStr(close),
      ...(d.reason !== undefined ? { reason: d.reason } : {}),
      metadata: { ...this.strategy.params },
    }, signalId, null));
  }

  /** Signals published so far. */
  get signalCount(): number {
    return this.emitted;
  }
}
