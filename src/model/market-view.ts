// What the portfolio manager may read of the market: a narrow, read-only view of the bars up to the
// bar being handled. The engine implements it; sizing and risk rules read prices, volatility and
// volume through it and can never see a later bar.

/** Read-only market data up to and including the current bar (never a later one). */
export interface MarketView {
  /** Symbols of the run's universe, in column order. */
  symbols(): readonly string[];
  /** Latest valid close of `symbol` at or before the current bar; NaN before its first bar or for an unknown symbol. */
  close(symbol: string): number;
  /**
   * Average true range over the last `window` valid bars up to the current one: the mean of
   * TR = max(high, previous close) − min(low, previous close). NaN until `window + 1` valid bars.
   */
  atr(symbol: string, window: number): number;
  /**
   * Sample standard deviation (n − 1) of the last `window` simple close-to-close returns of valid
   * bars up to the current one. NaN until `window + 1` valid closes.
   */
  returnStdev(symbol: string, window: number): number;
  /**
   * Mean volume per session over the last `days` complete sessions before the current one (fewer
   * when the run has not seen that many yet); NaN before the first session has completed.
   */
  averageDailyVolume(symbol: string, days: number): number;
  /** Index of the session the current bar belongs to (0 for the first; −1 before the first bar). */
  session(): number;
}
