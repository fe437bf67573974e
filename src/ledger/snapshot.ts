// Builds the snapshot payload (contract portfolio/snapshot) from the ledger's state at its marks.
import { DecText, numStr } from '../model/index.js';
import type { PositionState, SnapshotPayload } from '../events/index.js';
import type { LedgerState } from './ledger-state.js';
import type { Position } from './position.js';
import { RealizedTotal, SnapshotValues, decimalValues, scaledValues } from './snapshot-values.js';

// the values of a position a snapshot writes that usually stay the same object from day to day
const POSITION_FIELDS = 10;

/**
 * The texts of the last snapshot, per value: most totals and a held position's costs are the same
 * objects as the day before, so only the values that moved (marks, values, P&L) are formatted again.
 */
export class SnapshotTexts {
  /**
   * Totals by field; 11 and 12: the last market value and unrealized P&L written (one held position: its
   * own are the totals); 13: equity. (Cash, commissions and realized P&L are sums that keep their own texts.)
   */
  readonly totals: DecText[] = Array.from({ length: 15 }, () => new DecText());
  /** The values at the marks, refilled by each snapshot. */
  readonly values = new SnapshotValues();
  /** The realized P&L total, restarted by each snapshot. */
  readonly realized = new RealizedTotal();
  private readonly positions = new Map<Position, DecText[]>();

  /** The texts of one position. */
  of(pos: Position): DecText[] {
    let t = this.positions.get(pos);
    if (t === undefined) this.positions.set(pos, (t = Array.from({ length: POSITION_FIELDS }, () => new DecText())));
    return t;
  }
}

/** The snapshot of `st` at simulated time `at`; marks must be fresh. */
export function buildSnapshot(
  st: LedgerState, cfg: { readonly portfolioId: string; readonly startTime: string; readonly currency: string }, at: string, texts: SnapshotTexts = new SnapshotTexts(),
): SnapshotPayload {
  const tt = texts.totals;
  // the running balances (realized P&L, commissions, cash) are written from their own texts, without making decimals
  const realized = texts.realized.reset(st.totals.portfolioRealized);
  for (const pos of st.positions.values()) realized.add(pos.realized);
  // the values at the marks: in scaled integers when every one fits (the usual case), else with decimal.js
  const v = texts.values;
  if (!scaledValues(st, realized, v)) decimalValues(st, realized, texts.totals, v);
  // positions grouped by strategy, the groups in the order their first position comes
  const groups: Array<{ strategy_id: string; positions: PositionState[] }> = [];
  let group = undefined as (typeof groups)[number] | undefined;
  let held = 0;
  for (const pos of st.positions.values()) {
    const pt = texts.of(pos);
    if (group?.strategy_id !== pos.strategyId) {
      group = groups.find((g) => g.strategy_id === pos.strategyId);
      if (group === undefined) groups.push((group = { strategy_id: pos.strategyId, positions: [] }));
    }
    const list = group.positions;
    if (pos.sign === 0) {
      // flat: no lots, so no value, basis or unrealized P&L; only the mark and the running totals move
      list.push({
        symbol: pos.symbol, side: 'flat', open_quantity: '0', average_fill_price: '0', commission_paid: pos.commissionPaid.text(), fees_paid: pt[1]!.of(pos.feesPaid),
        cost_basis: '0', market_price: markText(pos, pt[2]!), gross_market_value: '0', unrealized_pl: '0', realized_pl: pos.realized.text(),
        dividends_received: pt[4]!.of(pos.dividendsReceived), dividends_paid: pt[5]!.of(pos.dividendsPaid), borrow_fees: pt[6]!.of(pos.borrowFees),
      });
      continue;
    }
    const basis = pos.costBasis();
    list.push({
      symbol: pos.symbol,
      side: pos.sign > 0 ? 'long' : 'short',
      open_quantity: pt[7]!.of(pos.signedQuantity()),
      average_fill_price: pos.quantity().isZero() ? '0' : pt[8]!.of(pos.averagePrice(basis)),
      commission_paid: pos.commissionPaid.text(),
      fees_paid: pt[1]!.of(pos.feesPaid),
      cost_basis: pt[9]!.of(basis),
      market_price: markText(pos, pt[2]!),
      gross_market_value: v.positionValues[held]!,
      unrealized_pl: v.positionUnrealized[held]!,
      realized_pl: pos.realized.text(),
      dividends_received: pt[4]!.of(pos.dividendsReceived),
      dividends_paid: pt[5]!.of(pos.dividendsPaid),
      borrow_fees: pt[6]!.of(pos.borrowFees),
    });
    held++;
  }
  const t = st.totals;
  return {
    portfolio_id: cfg.portfolioId,
    start_datetime: cfg.startTime,
    snapshot_datetime: at,
    reporting_currency: cfg.currency,
    initial_portfolio_equity: tt[0]!.of(st.initial),
    cash_balance: st.cash.text(),
    current_portfolio_equity: v.equity,
    total_market_value: v.marketValue,
    total_unrealized_pl: v.unrealized,
    total_realized_pl: realized.text(),
    total_pl: v.totalPl,
    long_exposure: v.long,
    short_exposure: v.short,
    net_exposure: v.net,
    gross_exposure: v.gross,
    leverage: v.leverage,
    total_commissions_paid: st.commissions.text(),
    total_fees_paid: tt[3]!.of(t.fees),
    total_dividends_received: tt[4]!.of(t.dividendsReceived),
    total_dividends_paid: tt[5]!.of(t.dividendsPaid),
    total_borrow_fees: tt[6]!.of(t.borrowFees),
    total_margin_interest: tt[7]!.of(t.marginInterest),
    total_cash_interest: tt[8]!.of(t.cashInterest),
    total_cash_in_lieu: tt[9]!.of(t.cashInLieu),
    strategies_groups: groups,
  };
}
// a mark the ledger made from the kernel's float is decOf(markNumber), parsed from numStr(markNumber):
// a plain decimal without trailing zeros, so it is decStr of the mark, memoised with the float
function markText(pos: Position, text: DecText): string {
  return Number.isNaN(pos.markNumber) ? text.of(pos.mark) : numStr(pos.markNumber);
}
