// The strategy service: runs a vectorised strategy's kernels per slice and publishes its signals.
import type { EventBus, EventFactory } from '../events/index.js';
import type { Buf, Workspace } from '../kernels/index.js';
import type { StrategySlice, VectorStrategy } from './strategy.js';
import { StrategyBook } from './strategy-book.js';
import { SignalPublisher } from './signal-publisher.js';

/** What the engine drives, whatever the kind of strategy (vectorised or event-driven). */
export interface StrategyRunner {
  readonly strategyId: string;
  /** Registry name of the strategy, e.g. `sma_cross`. */
  readonly name: string;
  /** Bars a symbol needs before the first possible signal. */
  readonly warmup: number;
  /** Columns the strategy reads. */
  readonly inputs: ReadonlyArray<'open' | 'high' | 'low' | 'close' | 'volume'>;
  /** True when it needs every timeline bar (onBar), which makes the engine sync every symbol after it. */
  readonly perBar: boolean;
  /** `name(k=v, …)` for messages. */
  readonly label: string;
  init(ws: Workspace): void;
  signals(slice: StrategySlice, out: Buf<Int32Array>): void;
  /** The strategy's column is `value` ≠ 0 at symbol `s`, bar `index` of the current slice, at time `timeMs` with close `close`. */
  onSignalBar(s: number, value: number, timeMs: number, close: number, index: number): void;
  /** After the last bar. */
  end(): void;
  readonly signalCount: number;
}

/** `name(k=v, …)`. */
export function strategyLabel(name: string, params: Readonly<Record<string, unknown>>): string {
  return `${name}(${Object.entries(params).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ')})`;
}

/** Wraps one vectorised strategy instance; tracks its own positions and live orders from events. */
export class StrategyService implements StrategyRunner {
  private readonly index = new Map<string, number>();
  private readonly book: StrategyBook;
  private readonly publisher: SignalPublisher;
  readonly perBar = false;
  readonly label: string;

  constructor(
    bus: EventBus,
    events: EventFactory,
    readonly strategy: VectorStrategy,
    readonly strategyId: string,
    readonly symbols: readonly string[],
  ) {
    symbols.forEach((s, i) => this.index.set(s, i));
    this.book = new StrategyBook(bus, strategyId, this.index);
    this.publisher = new SignalPublisher(bus, events, strategyId, symbols, strategy.params);
    this.label = strategyLabel(strategy.name, strategy.params);
  }

  get name(): string {
    return this.strategy.name;
  }
  get warmup(): number {
    return this.strategy.warmup;
  }
  get inputs(): VectorStrategy['inputs'] {
    return this.strategy.inputs;
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
  onSignalBar(s: number, value: number, timeMs: number, close: number, index = -1): void {
    const d = this.strategy.decide(value, { position: this.book.position[s]!, pending: this.book.pending(s) }, { symbol: s, index, close });
    if (d) this.publisher.publish(s, timeMs, close, d);
  }

  end(): void {}

  /** Signals published so far. */
  get signalCount(): number {
    return this.publisher.count;
  }
}
