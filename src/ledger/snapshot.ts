// Builds the snapshot payload (contract portfolio/snapshot) from the ledger's state at its marks.
import { DecText, addDec, decStr, isPositive, numStr, subDec, type Decimal } from '../model/index.js';
import type { PositionState, SnapshotPayload } from '../events/index.js';
import { ZERO, type LedgerState } from './ledger-state.js';
import { ExactSum } from './exact-sum.js';
import type { Position } from './position.js';

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
  const valueText = tt[11]!, unrealizedText = tt[12]!;
  const groups = new Map<string, PositionState[]>();
  // the running balances (realized P&L, commissions, cash) are written from their own texts, without making decimals
  const realized = new RealizedTotal(st.totals.portfolioRealized);
  let unrealized = ZERO, long = ZERO, short = ZERO, mv = ZERO;
  for (const pos of st.positions.values()) {
    const pt = texts.of(pos);
    let list = groups.get(pos.strategyId);
    if (!list) groups.set(pos.strategyId, (list = []));
    realized.add(pos.realized);
    if (pos.sign === 0) {
      // flat: no lots, so no value, basis or unrealized P&L; only the mark and the running totals move
      list.push({
        symbol: pos.symbol, side: 'flat', open_quantity: '0', average_fill_price: '0', commission_paid: pos.commissionPaid.text(), fees_paid: pt[1]!.of(pos.feesPaid),
        cost_basis: '0', market_price: markText(pos, pt[2]!), gross_market_value: '0', unrealized_pl: '0', realized_pl: pos.realized.text(),
        dividends_received: pt[4]!.of(pos.dividendsReceived), dividends_paid: pt[5]!.of(pos.dividendsPaid), borrow_fees: pt[6]!.of(pos.borrowFees),
      });
      continue;
    }
    const value = pos.marketValue();
    const u = pos.unrealizedFrom(value);
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
      open_quantity: pt[7]!.of(q),
      average_fill_price: absQ.isZero() ? '0' : pt[8]!.of(pos.averagePrice(basis)),
      commission_paid: pos.commissionPaid.text(),
      fees_paid: pt[1]!.of(pos.feesPaid),
      cost_basis: pt[9]!.of(basis),
      market_price: markText(pos, pt[2]!),
      gross_market_value: valueText.of(value.isNegative() ? value.abs() : value),
      unrealized_pl: unrealizedText.of(u),
      realized_pl: pos.realized.text(),
      dividends_received: pt[4]!.of(pos.dividendsReceived),
      dividends_paid: pt[5]!.of(pos.dividendsPaid),
      borrow_fees: pt[6]!.of(pos.borrowFees),
    });
  }
  // no market value (flat, or longs and shorts that cancel): the equity is the cash, and its text the cash's
  // (held: the cash's decimal, made once while the cash stays, plus the value; the leverage divides by it)
  const equity = mv.isZero() ? undefined : addDec(st.cash.value(), mv);
  // adding or subtracting a zero short side gives `long` itself (same value; one long position: its value)
  const gross = addDec(long, short);
  const net = subDec(long, short);
  const t = st.totals;
  return {
    portfolio_id: cfg.portfolioId,
    start_datetime: cfg.startTime,
    snapshot_datetime: at,
    reporting_currency: cfg.currency,
    initial_portfolio_equity: tt[0]!.of(st.initial),
    cash_balance: st.cash.text(),
    current_portfolio_equity: equity === undefined ? st.cash.text() : tt[13]!.of(equity),
    total_market_value: valueText.of(mv),
    total_unrealized_pl: unrealizedText.of(unrealized),
    total_realized_pl: realized.text(),
    total_pl: realized.plus(unrealized),
    long_exposure: valueText.of(long),
    short_exposure: decStr(short),
    net_exposure: valueText.of(net),
    gross_exposure: valueText.of(gross),
    // 0 ÷ equity is 0: no division (and no decimal of the cash) for a flat book
    leverage: gross.isZero() ? '0' : ratio(gross, equity ?? st.cash.value()),
    total_commissions_paid: st.commissions.text(),
    total_fees_paid: tt[3]!.of(t.fees),
    total_dividends_received: tt[4]!.of(t.dividendsReceived),
    total_dividends_paid: tt[5]!.of(t.dividendsPaid),
    total_borrow_fees: tt[6]!.of(t.borrowFees),
    total_margin_interest: tt[7]!.of(t.marginInterest),
    total_cash_interest: tt[8]!.of(t.cashInterest),
    total_cash_in_lieu: tt[9]!.of(t.cashInLieu),
    strategies_groups: [...groups].map(([strategy_id, positions]) => ({ strategy_id, positions })),
  };
}

// gross exposure ÷ equity (0 when the equity is zero)
function ratio(gross: Decimal, equity: Decimal): string {
  return equity.isZero() ? '0' : decStr(gross.div(equity));
}

// a mark the ledger made from the kernel's float is decOf(markNumber), parsed from numStr(markNumber):
// a plain decimal without trailing zeros, so it is decStr of the mark, memoised with the float
function markText(pos: Position, text: DecText): string {
  return Number.isNaN(pos.markNumber) ? text.of(pos.mark) : numStr(pos.markNumber);
}

/**
 * Σ realized P&L over the portfolio and its positions, as addDec sums it (zero terms skipped). While at
 * most one term is non-zero (one traded position, no interest), that term's own sum stands for the
 * total, so its text is the one the position already wrote.
 */
class RealizedTotal {
  private sum: ExactSum | undefined;
  private shared = false;

  constructor(portfolio: Decimal) {
    if (!portfolio.isZero()) this.sum = new ExactSum(portfolio);
  }

  add(term: ExactSum): void {
    if (term.isZero()) return;
    if (this.sum === undefined) {
      this.sum = term;
      this.shared = true;
      return;
    }
    if (this.shared) {
      this.sum = new ExactSum().addSum(this.sum);
      this.shared = false;
    }
    this.sum.addSum(term);
  }

  text(): string {
    return this.sum?.text() ?? '0';
  }

  /** The text of total + `unrealized` (addDec). */
  plus(unrealized: Decimal): string {
    if (unrealized.isZero()) return this.text();
    return this.sum === undefined ? decStr(unrealized) : new ExactSum().addSum(this.sum).add(unrealized).text();
  }
}
