// A ledger checkpoint: the whole state as JSON-ready text (lots, open round trips, totals), from
// which a fresh ledger continues exactly as the original would have.
import { Decimal } from '../model/index.js';
import type { Position } from './position.js';
import { ZERO, keyOf, type DecimalTotals, type LedgerState, type Totals } from './ledger-state.js';
import { ExactSum } from './exact-sum.js';

/** One position in a checkpoint; decimals as strings. */
export interface PositionCheckpoint {
  readonly strategyId: string;
  readonly symbol: string;
  readonly sign: 0 | 1 | -1;
  readonly realized: string;
  readonly commissionPaid: string;
  readonly feesPaid: string;
  readonly dividendsReceived: string;
  readonly dividendsPaid: string;
  readonly borrowFees: string;
  readonly mark: string;
  readonly lots: ReadonlyArray<{ readonly qty: string; readonly cost: string; readonly commission: string; readonly fillId: string }>;
}

/** The ledger's state in text form (JSON.stringify-able and back). */
export interface LedgerCheckpoint {
  readonly version: 1;
  readonly cash: string;
  readonly totals: Readonly<Record<keyof Totals, string>>;
  readonly closedTrades: number;
  readonly positions: readonly PositionCheckpoint[];
  readonly trades: ReadonlyArray<{
    readonly strategyId: string; readonly symbol: string; readonly id: string; readonly side: 'long' | 'short'; readonly fillIds: readonly string[];
    readonly entryQty: string; readonly entryNotional: string; readonly exitQty: string; readonly exitNotional: string; readonly realized: string;
    readonly commission: string; readonly fees: string; readonly entryTime: string; readonly exitTime?: string; readonly correlationId: string | null;
  }>;
}

const s = (d: Decimal): string => d.toFixed();

/** The checkpoint of a ledger state (marks as they are now). */
export function checkpointOf(st: LedgerState): LedgerCheckpoint {
  const totals = Object.fromEntries(Object.entries({ commissions: st.commissions.value(), ...st.totals }).map(([k, v]) => [k, s(v as Decimal)])) as Record<keyof Totals, string>;
  return {
    version: 1,
    cash: s(st.cash.value()),
    totals,
    closedTrades: st.closedTrades,
    positions: [...st.positions.values()].map((p) => ({
      strategyId: p.strategyId, symbol: p.symbol, sign: p.sign, realized: s(p.realized.value()), commissionPaid: s(p.commissionPaid.value()), feesPaid: s(p.feesPaid),
      dividendsReceived: s(p.dividendsReceived), dividendsPaid: s(p.dividendsPaid), borrowFees: s(p.borrowFees), mark: s(p.mark),
      lots: p.lots.map((l) => ({ qty: s(l.qty), cost: s(l.cost), commission: s(l.commission), fillId: l.fillId })),
    })),
    trades: [...st.trades].map(([key, tr]) => {
      const [strategyId, symbol] = key.split('\u0000') as [string, string];
      return {
        strategyId, symbol, id: tr.id, side: tr.side, fillIds: [...tr.fillIds], entryQty: s(tr.entryQty), entryNotional: s(tr.entryNotional),
        exitQty: s(tr.exitQty), exitNotional: s(tr.exitNotional), realized: s(tr.realized.value()), commission: s(tr.commission.value()), fees: s(tr.fees),
        entryTime: tr.entryTime, ...(tr.exitTime !== undefined ? { exitTime: tr.exitTime } : {}), correlationId: tr.correlationId,
      };
    }),
  };
}

/** Loads a checkpoint into a fresh state; `position` makes (or finds) a position with the ledger's lot methods. */
export function restoreInto(st: LedgerState, cp: LedgerCheckpoint, position: (strategyId: string, symbol: string) => Position): void {
  if (cp.version !== 1) throw new Error(`ledger checkpoint version ${String(cp.version)} is not supported (expected 1)`);
  const D = (x: string): Decimal => new Decimal(x);
  st.cash.set(D(cp.cash));
  const { commissions, ...totals } = cp.totals;
  st.commissions.set(D(commissions));
  st.totals = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, D(v)])) as unknown as DecimalTotals;
  st.closedTrades = cp.closedTrades;
  st.positions.clear();
  st.bySymbol.clear();
  st.trades.clear();
  for (const p of cp.positions) {
    const pos = position(p.strategyId, p.symbol);
    for (const l of p.lots) pos.open(p.sign === 0 ? 1 : p.sign, D(l.qty), ZERO, D(l.commission), l.fillId, D(l.cost));
    pos.sign = p.sign;
    pos.realized.set(D(p.realized));
    pos.commissionPaid.set(D(p.commissionPaid));
    pos.feesPaid = D(p.feesPaid);
    pos.dividendsReceived = D(p.dividendsReceived);
    pos.dividendsPaid = D(p.dividendsPaid);
    pos.borrowFees = D(p.borrowFees);
    pos.mark = D(p.mark);
    const agg = st.bySymbol.get(p.symbol)?.qty ?? new Decimal(0);
    const q = agg.plus(pos.signedQuantity());
    st.bySymbol.set(p.symbol, { qty: q, num: q.toNumber() });
  }
  for (const t of cp.trades) {
    st.trades.set(keyOf(t.strategyId, t.symbol), {
      id: t.id, side: t.side, fillIds: [...t.fillIds], entryQty: D(t.entryQty), entryNotional: D(t.entryNotional), exitQty: D(t.exitQty),
      exitNotional: D(t.exitNotional), realized: new ExactSum(D(t.realized)), commission: new ExactSum(D(t.commission)), fees: D(t.fees), entryTime: t.entryTime,
      ...(t.exitTime !== undefined ? { exitTime: t.exitTime } : {}), correlationId: t.correlationId,
    });
  }
}
