// Corporate actions on the book, applied before the first bar of their ex date: splits rescale lots
// (fractional shares paid as cash in lieu), cash dividends are credited to longs and charged to
// shorts, symbol changes carry positions over. Delistings close positions through execution's fills.
import { Decimal, parseDec } from '../model/index.js';
import { PART_DP } from './position.js';
import type { CorporateActionPayload } from '../events/index.js';
import { splitTrip } from './round-trip.js';
import { ZERO, keyOf, moveCash, resumSymbol, type LedgerState } from './ledger-state.js';

/** What applying an action did: whether it was ignored, and which round trips it closed (by key). */
export interface ActionResult {
  readonly ignored: boolean;
  readonly closed: string[];
}

/** Applies one corporate action record to the book. */
export function applyCorporateAction(st: LedgerState, a: CorporateActionPayload, currency = 'USD'): ActionResult {
  switch (a.action_type) {
    case 'split':
    case 'reverse_split':
      return { ignored: false, closed: split(st, a) };
    case 'dividend':
    case 'special_dividend':
      if (a.dividend_type === 'stock' || (a.dividend_currency !== undefined && a.dividend_currency !== currency)) return { ignored: true, closed: [] };
      dividend(st, a);
      return { ignored: false, closed: [] };
    case 'symbol_change':
      rename(st, a.symbol, a.new_symbol!);
      return { ignored: false, closed: [] };
    case 'delisting':
      return { ignored: false, closed: [] };
    default:
      return { ignored: true, closed: [] };
  }
}

/** A split's ratio as `to` new shares for `from` old ones: split_to / split_from when given (exact), else split_ratio / 1. */
export function splitTerms(a: CorporateActionPayload): { to: Decimal; from: Decimal } {
  if (a.split_to !== undefined && a.split_from !== undefined && !parseDec(a.split_from).isZero()) return { to: parseDec(a.split_to), from: parseDec(a.split_from) };
  return { to: parseDec(a.split_ratio!), from: ONE };
}

const ONE = new Decimal(1);

// quantity × ratio and price ÷ ratio for every lot; the fraction of a share left over is sold (or
// bought back, for a short) at the last close in new shares, and paid in cash
function split(st: LedgerState, a: CorporateActionPayload): string[] {
  const { to, from } = splitTerms(a);
  const closed: string[] = [];
  for (const pos of st.positions.values()) {
    if (pos.symbol !== a.symbol) continue;
    pos.mark = pos.mark.times(from).div(to).toDecimalPlaces(PART_DP, Decimal.ROUND_HALF_EVEN);
    if (pos.sign === 0) continue;
    const key = keyOf(pos.strategyId, pos.symbol);
    const tr = st.trades.get(key);
    pos.split(to, from);
    if (tr) splitTrip(tr, to, from);
    const q = pos.quantity();
    const frac = q.minus(q.floor());
    if (frac.isZero()) continue;
    // the cash for the fraction, to the cent, at the last close in new shares
    const amount = frac.times(pos.mark).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
    const price = amount.div(frac);
    const long = pos.sign > 0;
    const res = pos.close(frac, price, ZERO);
    const flow = long ? amount : amount.neg();
    moveCash(st, flow);
    st.totals.cashInLieu = st.totals.cashInLieu.plus(flow);
    if (tr) {
      tr.realized.set(tr.realized.value().plus(res.realized));
      tr.exitQty = tr.exitQty.plus(frac);
      tr.exitNotional = tr.exitNotional.plus(amount);
      if ((pos.sign as number) === 0) closed.push(key);
    }
  }
  resumSymbol(st, a.symbol);
  return closed;
}

// q × amount to each position's cash and realized P&L: positive for longs, negative for shorts
function dividend(st: LedgerState, a: CorporateActionPayload): void {
  const amount = parseDec(a.dividend_amount!);
  for (const pos of st.positions.values()) {
    if (pos.symbol !== a.symbol || pos.sign === 0) continue;
    const flow = pos.signedQuantity().times(amount);
    moveCash(st, flow);
    pos.realized.set(pos.realized.value().plus(flow));
    if (pos.sign > 0) {
      pos.dividendsReceived = pos.dividendsReceived.plus(flow);
      st.totals.dividendsReceived = st.totals.dividendsReceived.plus(flow);
    } else {
      pos.dividendsPaid = pos.dividendsPaid.minus(flow);
      st.totals.dividendsPaid = st.totals.dividendsPaid.minus(flow);
    }
    const tr = st.trades.get(keyOf(pos.strategyId, pos.symbol));
    if (tr) tr.realized.set(tr.realized.value().plus(flow));
  }
}

// positions and open round trips of `from` continue under `to` (lots merge when both are held)
function rename(st: LedgerState, from: string, to: string): void {
  for (const [key, pos] of [...st.positions]) {
    if (pos.symbol !== from) continue;
    const target = keyOf(pos.strategyId, to);
    const existing = st.positions.get(target);
    st.positions.delete(key);
    const tr = st.trades.get(key);
    st.trades.delete(key);
    if (existing && existing.sign !== 0 && pos.sign !== 0) {
      for (const l of pos.lots) existing.open(pos.sign as 1 | -1, l.qty, ZERO, l.commission, l.fillId, l.cost);
      existing.realized.set(existing.realized.value().plus(pos.realized.value()));
      continue;
    }
    pos.symbol = to;
    st.positions.set(target, pos);
    if (tr) st.trades.set(target, tr);
  }
  resumSymbol(st, from);
  resumSymbol(st, to);
}
