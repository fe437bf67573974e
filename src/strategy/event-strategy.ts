// What an event-driven strategy is: callbacks per bar and per fill, reading the past through a
// context that holds only bars up to the current one (it cannot see the future).
import type { Intention } from '../model/index.js';
import type { FillPayload } from '../events/index.js';

/** An indicator the strategy declares up front; the engine's kernels compute it per slice. */
export interface IndicatorDeclaration {
  /** Registry name, e.g. `ema`, `atr`, `bbands`. */
  readonly name: string;
  readonly params?: Readonly<Record<string, number>>;
  /** Which output of a multi-output indicator (default: the first, e.g. `macd` of MACD). */
  readonly output?: string;
}

/** A symbol by its index in `ctx.symbols` or by name. */
export type SymbolRef = number | string;

/** What `ctx.signal` takes. */
export interface SignalRequest {
  readonly symbol: SymbolRef;
  readonly intention: Intention;
  /** A number or decimal string in [0, 1]; default 1. */
  readonly confidence?: number | string;
  /** Price the strategy saw; default: the symbol's current close. */
  readonly price?: number;
  /** Stop-loss price; execution places it as a bracket leg when the opening order fills. */
  readonly stopLoss?: number;
  /** Take-profit price (a bracket leg, like stopLoss). */
  readonly takeProfit?: number;
  readonly reason?: string;
}

/**
 * The window an event-driven strategy sees. Price and indicator readers take a symbol and `ago`
 * (0 = the current bar, 1 = the bar before, …, up to the strategy's `lookback`); a negative `ago`,
 * one beyond the lookback, or a non-integer throws. Bars before the first bar of the data read NaN,
 * as do bars where a symbol has no data. Readers allocate nothing.
 */
export interface BarContext {
  /** Symbols of the run, in column order. */
  readonly symbols: readonly string[];
  /** Global timeline index of the current bar (−1 in onStart). */
  readonly barIndex: number;
  /** Time of the current bar's close in ms since the epoch, UTC (NaN in onStart). */
  readonly time: number;
  /** The data's IANA time zone, e.g. America/New_York. */
  readonly timezone: string;
  /** Id of this strategy in the run. */
  readonly strategyId: string;
  /** The strategy's parameters as given in the config. */
  readonly params: Readonly<Record<string, unknown>>;
  open(symbol: SymbolRef, ago?: number): number;
  high(symbol: SymbolRef, ago?: number): number;
  low(symbol: SymbolRef, ago?: number): number;
  close(symbol: SymbolRef, ago?: number): number;
  volume(symbol: SymbolRef, ago?: number): number;
  /** A declared indicator's value (`indicators` key of the strategy). */
  indicator(key: string, symbol: SymbolRef, ago?: number): number;
  /** Bars of history the context holds for reading (current bar included), at most lookback + 1. */
  readonly barsSeen: number;
  /** Signed quantity this strategy holds (from its fills). */
  position(symbol: SymbolRef): number;
  /** An order of this strategy for the symbol is still alive. */
  pending(symbol: SymbolRef): boolean;
  /** Index of a symbol in `symbols` (throws for an unknown one). */
  symbolIndex(symbol: SymbolRef): number;
  /** Publishes a `strategy/signal` event at the current bar (only inside onBar). */
  signal(request: SignalRequest): void;
}

/**
 * An event-driven strategy: the engine calls `onBar` once per timeline bar (every symbol's bar at
 * that time), in time order, after the bar's fills are booked; `onFill` with each fill of the
 * strategy's orders; `onStart` before the first bar and `onEnd` after the last.
 */
export interface EventStrategy {
  /** Name for messages and reports, e.g. `momentum_rotation`. */
  readonly name: string;
  /** Parameters echoed in signals' metadata. */
  readonly params?: Readonly<Record<string, number | string>>;
  /** Past bars readable besides the current one (ago ∈ [0, lookback]); default 1. */
  readonly lookback?: number;
  /** Indicators computed by the kernels for `ctx.indicator(key, …)`. */
  readonly indicators?: Readonly<Record<string, IndicatorDeclaration>>;
  /** Bars a symbol needs before the first possible signal (precondition check); default 1. */
  readonly warmup?: number;
  onStart?(ctx: BarContext): void;
  onBar(ctx: BarContext): void;
  onFill?(ctx: BarContext, fill: FillPayload): void;
  onEnd?(ctx: BarContext): void;
}

/** A strategy either kind: vectorised (fast path) or event-driven (`onBar`). */
export function isEventStrategy(x: unknown): x is EventStrategy {
  return typeof x === 'object' && x !== null && typeof (x as { onBar?: unknown }).onBar === 'function';
}
