// Builds the snapshot payload (contract portfolio/snapshot) from the ledger's state at its marks.
import { addDec, decStr, isPositive, subDec } from '../model/index.js';
import type { PositionState, SnapshotPayload } from '../events/index.js';
import { ZERO, type LedgerState } from './ledger-state.js';

/** The snapshot of `st` at simulated time `at`; marks must be fresh. */
export function buildSnapshot(st: LedgerState, cfg: { readonly portfolioId: string; readonly startTime: string; readonly currency: string }, at: string): SnapshotPayload {
  const groups = new Map<string, PositionState[]>();
  let realized = st.totals.portfolioRealized, unrealized = ZERO, long = ZERO, short = ZERO, mv = ZERO;
  for (const pos of st.positions.values()) {
    let list = groups.get(pos.strategyId);
    if (!list) groups.set(pos.strategyId, (list = []));
    realized = addDec(realized, pos.realized);
    if (pos.sign === 0) {
      // flat: no lots, so no value, basis or unrealized P&L; only the mark and the running totals move
      list.push({
        symbol: pos.symbol, side: 'flat', open_quantity: '0', average_fill_price: '0', commission_paid: decStr(pos.commissionPaid), fees_paid: decStr(pos.feesPaid),
        cost_basis: '0', market_price: decStr(pos.mark), gross_market_value: '0', unrealized_pl: '0', realized_pl: decStr(pos.realized),
        dividends_received: decStr(pos.dividendsReceived), dividends_paid: decStr(pos.dividendsPaid), borrow_fees: decStr(pos.borrowFees),
      });
      continue;
    }
    const value = pos.marketValue();
    const u = pos.unrealized();
    unrealized = addDec(unrealized, u);
    mv = addDec(mv, value);
    if (isPositive(value)) long = addDec(long, value);
    else short = subDec(short, value);
    const q = pos.signedQuantity();
    const absQ = q.abs();
    const basis = pos.costBasis();
    list.push({
      symbol: pos.symbol,
      side: pos.sign > 0 ? 'long' : 'short',
      open_quantity: decStr(q),
      average_fill_price: absQ.isZero() ? '0' : decStr(pos.averagePrice(basis)),
      commission_paid: decStr(pos.commissionPaid),
      fees_paid: decStr(pos.feesPaid),
      cost_basis: decStr(basis),
      market_price: decStr(pos.mark),
      gross_market_value: decStr(value.abs()),
      unrealized_pl: decStr(u),
      realized_pl: decStr(pos.realized),
      dividends_received: decStr(pos.dividendsReceived),
      dividends_paid: decStr(pos.dividendsPaid),
      borrow_fees: decStr(pos.borrowFees),
    });
  }
  const equity = st.cash.plus(mv);
  const gross = long.plus(short);
  const t = st.totals;
  return {
    portfolio_id: cfg.portfolioId,
    start_datetime: cfg.startTime,
    snapshot_datetime: at,
    reporting_currency: cfg.currency,
    initial_portfolio_equity: decStr(st.initial),
    cash_balance: decStr(st.cash),
    current_portfolio_equity: decStr(equity),
    total_market_value: decStr(mv),
    total_unrealized_pl: decStr(unrealized),
    total_realized_pl: decStr(realized),
    total_pl: decStr(realized.plus(unrealized)),
    long_exposure: decStr(long),
    short_exposure: decStr(short),
    net_exposure: decStr(long.minus(short)),
    gross_exposure: decStr(gross),
    leverage: equity.isZero() ? '0' : decStr(gross.div(equity)),
    total_commissions_paid: decStr(t.commissions),
    total_fees_paid: decStr(t.fees),
    total_dividends_received: decStr(t.dividendsReceived),
    total_dividends_paid: decStr(t.dividendsPaid),
    total_borrow_fees: decStr(t.borrowFees),
    total_margin_interest: decStr(t.marginInterest),
    total_cash_interest: decStr(t.cashInterest),
    total_cash_in_lieu: decStr(t.cashInLieu),
    strategies_groups: [...groups].map(([strategy_id, positions]) => ({ strategy_id, positions })),
  };
}
