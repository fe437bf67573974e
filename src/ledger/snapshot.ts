// Builds the snapshot payload (contract portfolio/snapshot) from the ledger's state at its marks.
import { decStr } from '../model/index.js';
import type { PositionState, SnapshotPayload } from '../events/index.js';
import { ZERO, type LedgerState } from './ledger-state.js';

/** The snapshot of `st` at simulated time `at`; marks must be fresh. */
export function buildSnapshot(st: LedgerState, cfg: { readonly portfolioId: string; readonly startTime: string; readonly currency: string }, at: string): SnapshotPayload {
  const groups = new Map<string, PositionState[]>();
  let realized = st.totals.portfolioRealized, unrealized = ZERO, long = ZERO, short = ZERO, mv = ZERO;
  for (const pos of st.positions.values()) {
    const value = pos.marketValue();
    const u = pos.unrealized();
    realized = realized.plus(pos.realized);
    unrealized = unrealized.plus(u);
    mv = mv.plus(value);
    if (value.gt(0)) long = long.plus(value);
    else short = short.plus(value.neg());
    const q = pos.signedQuantity();
    const absQ = q.abs();
    let list = groups.get(pos.strategyId);
    if (!list) groups.set(pos.strategyId, (list = []));
    const basis = pos.costBasis();
    list.push({
      symbol: pos.symbol,
      side: pos.sign > 0 ? 'long' : pos.sign < 0 ? 'short' : 'flat',
      open_quantity: decStr(q),
      average_fill_price: absQ.isZero() ? '0' : decStr(basis.div(absQ)),
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
