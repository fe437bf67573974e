// Column types for market data: one symbol's series and the aligned multi-symbol form.

/** One symbol's bars as columns. Timestamps are int64 ns since the epoch, UTC, at the bar's open. */
export interface BarSeries {
  readonly symbol: string;
  readonly ts: BigInt64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/**
 * Several symbols aligned on the union of their timestamps. Price and volume columns are
 * symbol-major: symbol `s` at timeline index `t` is at `s * length + t`. A symbol without a bar
 * at a timestamp holds NaN prices and zero volume.
 */
export interface AlignedBars {
  readonly symbols: readonly string[];
  /** Number of timestamps on the timeline. */
  readonly length: number;
  /** The timeline, int64 ns UTC, strictly increasing. */
  readonly ts: BigInt64Array;
  /** The timeline in milliseconds (exact for millisecond-aligned data). */
  readonly tsMs: Float64Array;
  /** 1 at the last timeline index of each local trading day (in the data's zone), else 0. */
  readonly dayEnd: Uint8Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** IANA zone of the exchange, used for day boundaries and display. */
  readonly timezone: string;
}
