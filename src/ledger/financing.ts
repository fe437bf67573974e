// Daily financing on the balances held at a session's end: short borrow fees (per-symbol rates),
// margin interest on negative cash, interest on positive cash. Each accrual is rounded to the cent.
import { Decimal } from '../model/index.js';
import { ZERO, keyOf, moveCash, type LedgerState } from './ledger-state.js';

/** Yearly rates as decimal fractions ("0.05" = 5%), on an actual/`dayCount` basis. */
export interface FinancingConfig {
  /** Short borrow fee on short market value; default 0.05. */
  readonly borrowRate?: string;
  /** Per-symbol borrow fees that override `borrowRate` (hard-to-borrow names). */
  readonly borrowRates?: Readonly<Record<string, string>>;
  /** Interest charged on negative cash; default 0.07. */
  readonly marginRate?: string;
  /** Interest paid on positive cash; default 0. */
  readonly cashRate?: string;
  /** Days in the interest year; default 360. */
  readonly dayCount?: number;
}

const cents = (x: Decimal): Decimal => x.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);

/**
 * Books `days` days of financing: each short position pays |qty| × mark × rate × days / dayCount
 * (realized P&L of the position and its round trip), negative cash pays the margin rate, positive
 * cash earns the cash rate (realized P&L of the portfolio).
 */
export function accrueFinancing(st: LedgerState, cfg: FinancingConfig, days: number): void {
  const dayCount = cfg.dayCount ?? 360;
  const scale = new Decimal(days).div(dayCount);
  for (const pos of st.positions.values()) {
    if (pos.sign >= 0) continue;
    const rate = new Decimal(cfg.borrowRates?.[pos.symbol] ?? cfg.borrowRate ?? '0.05');
    const fee = cents(pos.quantity().times(pos.mark).times(rate).times(scale));
    if (fee.isZero()) continue;
    moveCash(st, fee.neg());
    pos.realized.set(pos.realized.value().minus(fee));
    pos.borrowFees = pos.borrowFees.plus(fee);
    st.totals.borrowFees = st.totals.borrowFees.plus(fee);
    const tr = st.trades.get(keyOf(pos.strategyId, pos.symbol));
    if (tr) tr.realized.set(tr.realized.value().minus(fee));
  }
  const cash = st.cash.value();
  if (cash.isNegative()) {
    const interest = cents(cash.neg().times(cfg.marginRate ?? '0.07').times(scale));
    if (!interest.isZero()) {
      moveCash(st, interest.neg());
      st.totals.marginInterest = st.totals.marginInterest.plus(interest);
      st.totals.portfolioRealized = st.totals.portfolioRealized.minus(interest);
    }
  } else if (cash.gt(ZERO) && cfg.cashRate !== undefined) {
    const interest = cents(cash.times(cfg.cashRate).times(scale));
    if (!interest.isZero()) {
      moveCash(st, interest);
      st.totals.cashInterest = st.totals.cashInterest.plus(interest);
      st.totals.portfolioRealized = st.totals.portfolioRealized.plus(interest);
    }
  }
}
