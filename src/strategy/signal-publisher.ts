// Turns a strategy's decision into a `strategy/signal` event with the run's deterministic ids,
// checking what user code hands over (intention, confidence, prices) against the contract first.
import { numStr, isoUtc, type Intention } from '../model/index.js';
import type { EventBus, EventFactory } from '../events/index.js';

/** What a strategy decides for one symbol at one bar. */
export interface SignalSpec {
  readonly intention: Intention;
  /** A decimal string or number in [0, 1]; default "1". */
  readonly confidence?: string | number;
  /** Price the strategy saw (default: the bar's close). */
  readonly price?: number;
  readonly stopLoss?: number;
  readonly takeProfit?: number;
  readonly reason?: string;
}

const INTENTIONS: ReadonlySet<string> = new Set(['OPEN_LONG', 'CLOSE_LONG', 'OPEN_SHORT', 'CLOSE_SHORT']);
const CONFIDENCE = /^(0(\.\d+)?|1(\.0+)?)$/;

/** Publishes the signals of one strategy. */
export class SignalPublisher {
  private emitted = 0;

  constructor(
    private readonly bus: EventBus,
    private readonly events: EventFactory,
    readonly strategyId: string,
    private readonly symbols: readonly string[],
    metadata: Readonly<Record<string, string | number>>,
  ) {
    // one frozen copy shared by every signal of the strategy (events are never mutated)
    this.metadata = Object.freeze({ ...metadata });
  }

  private readonly metadata: Readonly<Record<string, string | number>>;

  /** Publishes a signal for symbol index `s` at time `timeMs`; `close` is the price when the spec gives none. */
  publish(s: number, timeMs: number, close: number, d: SignalSpec): void {
    // the message prefix is built only when a check fails
    const where = (): string => `strategy ${this.strategyId}: signal for ${this.symbols[s]}`;
    if (!INTENTIONS.has(d.intention)) throw new TypeError(`${where()}: \`intention\` must be one of OPEN_LONG, CLOSE_LONG, OPEN_SHORT, CLOSE_SHORT; got ${JSON.stringify(d.intention)}`);
    const confidence = d.confidence === undefined ? '1' : typeof d.confidence === 'number' ? (Number.isFinite(d.confidence) ? numStr(d.confidence) : 'NaN') : d.confidence;
    if (!CONFIDENCE.test(confidence)) throw new TypeError(`${where()}: \`confidence\` must be a number in [0, 1] (e.g. 0.75 or "0.75"); got ${JSON.stringify(d.confidence)}`);
    const price = this.price(where, 'price', d.price ?? close);
    const at = isoUtc(timeMs);
    const signalId = this.events.id();
    this.emitted++;
    this.bus.publish(this.events.make('signal', at, {
      signal_id: signalId,
      timestamp: at,
      strategy_id: this.strategyId,
      symbol: this.symbols[s]!,
      intention: d.intention,
      confidence,
      price,
      ...(d.reason !== undefined && d.reason !== '' ? { reason: String(d.reason) } : {}),
      metadata: this.metadata,
      ...(d.stopLoss !== undefined ? { stop_loss: this.price(where, 'stopLoss', d.stopLoss) } : {}),
      ...(d.takeProfit !== undefined ? { take_profit: this.price(where, 'takeProfit', d.takeProfit) } : {}),
    }, signalId, null));
  }

  /** Signals published so far. */
  get count(): number {
    return this.emitted;
  }

  private price(where: () => string, key: string, x: number): string {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
      throw new TypeError(`${where()}: \`${key}\` must be a finite price ≥ 0; got ${String(x)}${key === 'price' ? ' (the bar has no close: pass `price`, or signal on a bar with data)' : ''}`);
    }
    return numStr(x);
  }
}
