// What execution needs of the market it trades in: the kernel's order table, the bars, and the clock.
import type { OrderTable } from '../kernels/index.js';

/** One symbol's bar at one timeline index, as a fill is priced against it. */
export interface VenueBar {
  /** RFC 3339 time of the bar (its open). */
  readonly time: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** NaN when the data has no VWAP. */
  readonly vwap: number;
  /** Quotes at the bar's open and close; NaN without trade-and-quote data. */
  readonly bidOpen: number;
  readonly askOpen: number;
  readonly bidClose: number;
  readonly askClose: number;
}

/**
 * The market the execution service trades in. The engine implements it over the aligned bars and
 * the simulate kernel; tests implement it over hand-built bars.
 */
export interface Venue {
  /** The simulate kernel's order table, which execution keeps in step with its working orders. */
  readonly orders: OrderTable;
  /** Global timeline index of the bar being handled; −1 before the first bar. */
  now(): number;
  /** Column index of a symbol, or undefined when the run does not trade it. */
  symbolIndex(symbol: string): number | undefined;
  /** Symbol s's bar at timeline index t. */
  bar(s: number, t: number): VenueBar;
  /** Last valid close of symbol s (0 before its first bar). */
  lastPrice(s: number): number;
  /** Index of the first bar of the first session that starts after bar t. */
  nextSessionStart(t: number): number;
  /** Index of the last bar of the session that contains bar t. */
  sessionEnd(t: number): number;
  /** Index of the last bar on or before the end of `date` (YYYY-MM-DD in the exchange's zone); −1 when none. */
  lastBarOn(date: string): number;
  /** RFC 3339 time of timeline index t (the first bar's time for t < 0). */
  time(t: number): string;
}
