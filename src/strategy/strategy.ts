// What a vectorised strategy is: it fills a signal column per slice with kernels, then decides per hit.
import type { Intention } from '../model/index.js';
import type { Buf, Workspace } from '../kernels/index.js';

/** Columns of one time slice (symbol-major, `len` bars per symbol), living in the kernel workspace. */
export interface StrategySlice {
  readonly open: Buf<Float64Array>;
  readonly high: Buf<Float64Array>;
  readonly low: Buf<Float64Array>;
  readonly close: Buf<Float64Array>;
  readonly volume: Buf<Float64Array>;
  readonly len: number;
  /** Timeline index of the slice's first bar. */
  readonly start: number;
}

/** What the strategy knows of its own book for a symbol when a signal column is non-zero. */
export interface SymbolState {
  /** Signed quantity the strategy holds (from its fills). */
  readonly position: number;
  /** An order of this strategy is waiting to fill. */
  readonly pending: boolean;
}

/**
 * Where a non-zero column value sits: symbol `symbol` at bar `index` of the current slice (the
 * strategy may read its own columns of the slice there; never later bars, which it has not been
 * shown by the engine yet in any meaningful sense: the decision must use index and before only).
 */
export interface SignalBar {
  readonly symbol: number;
  /** Bar index inside the current slice (0 ≤ index < slice.len). */
  readonly index: number;
  /** The bar's close. */
  readonly close: number;
}

/** A decision to emit a signal. */
export interface Decision {
  readonly intention: Intention;
  readonly confidence?: string;
  readonly reason?: string;
  /** Suggested stop-loss price (execution turns it into a bracket leg of the opening order). */
  readonly stopLoss?: number;
  /** Suggested take-profit price. */
  readonly takeProfit?: number;
}

/** A strategy on the fast path: kernels over whole slices, TypeScript only where the column is non-zero. */
export interface VectorStrategy {
  /** Registry name, e.g. `sma_cross`. */
  readonly name: string;
  /** Validated parameters, echoed in signals' metadata. */
  readonly params: Readonly<Record<string, number | string>>;
  /** Bars a symbol needs before the first possible signal (for the precondition check). */
  readonly warmup: number;
  /** Columns the strategy's kernels read besides close (open and close are always there). */
  readonly inputs: ReadonlyArray<'open' | 'high' | 'low' | 'close' | 'volume'>;
  /** Allocates kernel state for `nsym` symbols. */
  init(ws: Workspace, nsym: number): void;
  /** Writes the slice's signal column (non-zero where a decision may be due). */
  signals(slice: StrategySlice, out: Buf<Int32Array>): void;
  /** Turns a non-zero column value into a decision, or null to do nothing. */
  decide(value: number, state: SymbolState, bar: SignalBar): Decision | null;
}
