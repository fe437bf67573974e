// What the portfolio manager may read of the portfolio: a narrow, read-only view the engine wires in.
import type { Decimal } from './decimal.js';

/** Read-only view of the book that sizing and risk checks need. */
export interface PortfolioView {
  /** Cash balance. */
  cash(): Decimal;
  /** Equity at the latest marks: cash + signed market value. */
  equity(): Decimal;
  /** Signed open quantity of `symbol` for `strategyId` (all strategies when omitted). */
  position(symbol: string, strategyId?: string): Decimal;
}
