// The ledger's mutable state, shared by the ledger service and the helpers that book financing,
// corporate actions, snapshots and checkpoints.
import { Decimal } from '../model/index.js';
import { ExactSum } from './exact-sum.js';
import type { Position } from './position.js';
import type { RoundTrip } from './round-trip.js';

/** Zero, shared. */
export const ZERO = new Decimal(0);

/** Running totals of cash flows other than trading. */
export interface Totals {
  commissions: Decimal;
  fees: Decimal;
  dividendsReceived: Decimal;
  dividendsPaid: Decimal;
  borrowFees: Decimal;
  marginInterest: Decimal;
  cashInterest: Decimal;
  /** Signed: received for fractional long shares, paid for fractional short shares. */
  cashInLieu: Decimal;
  /** Realized P&L that belongs to no position: interest earned less margin interest. */
  portfolioRealized: Decimal;
}

/** The totals the state keeps as decimals: all but the commissions, which every fill adds to (an ExactSum of the state). */
export type DecimalTotals = Omit<Totals, 'commissions'>;

/** Everything the ledger holds. */
export interface LedgerState {
  readonly initial: Decimal;
  /** The cash balance (its float, for the kernel's book, is `cash.toNumber()`). */
  readonly cash: ExactSum;
  /** Σ commissions of all fills. */
  readonly commissions: ExactSum;
  /** Positions by `keyOf(strategyId, symbol)`, flat ones kept until the run ends. */
  readonly positions: Map<string, Position>;
  /** Signed quantity per symbol over all strategies, exact and as a float. */
  readonly bySymbol: Map<string, { qty: Decimal; num: number }>;
  /** Open round trips by position key. */
  readonly trades: Map<string, RoundTrip>;
  totals: DecimalTotals;
  closedTrades: number;
}

/** Zero totals. */
export function newTotals(): DecimalTotals {
  return {
    fees: ZERO, dividendsReceived: ZERO, dividendsPaid: ZERO, borrowFees: ZERO, marginInterest: ZERO,
    cashInterest: ZERO, cashInLieu: ZERO, portfolioRealized: ZERO,
  };
}

/** The key of one strategy's position in one symbol. */
export function keyOf(strategyId: string, symbol: string): string {
  return `${strategyId}\u0000${symbol}`;
}

/**
 * A decimal's float value. Quantities are mostly whole numbers below 10^7, which decimal.js holds in
 * one word of its digits (`d`, base 10^7) with exponent 0…6: that word is the value, no formatting needed.
 */
export function decNumber(x: Decimal): number {
  const d = x.d;
  return d && d.length === 1 && x.e >= 0 && x.e < 7 ? x.s * d[0]! : x.toNumber();
}

/** Adds `delta` to the cash balance. */
export function moveCash(st: LedgerState, delta: Decimal): void {
  // (rare: financing and corporate actions) decimal.js's own addition, as before
  st.cash.set(st.cash.value().plus(delta));
}

/** Recomputes a symbol's summed quantity from its positions. */
export function resumSymbol(st: LedgerState, symbol: string): void {
  let q = ZERO;
  for (const pos of st.positions.values()) if (pos.symbol === symbol) q = q.plus(pos.signedQuantity());
  st.bySymbol.set(symbol, { qty: q, num: decNumber(q) });
}
