// Turns a strategy's decision into a `strategy/signal` event with the run's deterministic ids,
// checking what user code hands over (intention, confidence, prices) against the contract first.
import { numStr, isoUtc, type Intention } from '../model/index.js';
import type { EventBus, EventFactory, SignalPayload } from '../events/index.js';

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
    if (!INTENTIONS.has(d.intention)) throw new TypeError(`${this.where(s)}: \`intention\` must be one of OPEN_LONG, CLOSE_LONG, OPEN_SHORT, CLOSE_SHORT; got ${JSON.stringify(d.intention)}`);
    const confidence = d.confidence === undefined ? '1' : typeof d.confidence === 'number' ? (Number.isFinite(d.confidence) ? numStr(d.confidence) : 'NaN') : d.confidence;
    if (confidence !== '1' && !CONFIDENCE.test(confidence)) throw new TypeError(`${this.where(s)}: \`confidence\` must be a number in [0, 1] (e.g. 0.75 or "0.75"); got ${JSON.stringify(d.confidence)}`);
    const price = this.price(s, 'price', d.price ?? close);
    const at = isoUtc(timeMs);
    const signalId = this.events.id();
    const symbol = this.symbols[s]!;
    const reason = d.reason !== undefined && d.reason !== '' ? String(d.reason) : undefined;
    this.emitted++;
    let payload: SignalPayload;
    if (d.stopLoss === undefined && d.takeProfit === undefined) {
      // the common signal, written without object spreads (the same keys in the same order as below)
      payload = reason !== undefined
        ? { signal_id: signalId, timestamp: at, strategy_id: this.strategyId, symbol, intention: d.intention, confidence, price, reason, metadata: this.metadata }
        : { signal_id: signalId, timestamp: at, strategy_id: this.strategyId, symbol, intention: d.intention, confidence, price, metadata: this.metadata };
    } else {
      payload = {
        signal_id: signalId,
        timestamp: at,
        strategy_id: this.strategyId,
        symbol,
        intention: d.intention,
        confidence,
        price,
        ...(reason !== undefined ? { reason } : {}),
        metadata: this.metadata,
        ...(d.stopLoss !== undefined ? { stop_loss: this.price(s, 'stopLoss', d.stopLoss) } : {}),
        ...(d.takeProfit !== undefined ? { take_profit: this.price(s, 'takeProfit', d.takeProfit) } : {}),
      };
    }
    this.bus.publish(this.events.make('signal', at, payload, signalId, null));
  }

  // the prefix of an error message (built only when a check fails)
  private where(s: number): string {
    return `strategy ${this.strategyId}: signal for ${this.symbols[s]}`;
  }

  /** Signals published so far. */
  get count(): number {
    return this.emitted;
  }

  private price(s: number, key: string, x: number): string {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
      throw new TypeError(`${this.where(s)}: \`${key}\` must be a finite price ≥ 0; got ${String(x)}${key === 'price' ? ' (the bar has no close: pass `price`, or signal on a bar with data)' : ''}`);
    }
    return numStr(x);
  }
}
