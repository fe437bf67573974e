// The ledger service: books fills into lots and cash with exact decimals, closes round trips, accrues
// financing, applies corporate actions, and publishes trades and snapshots. It reads fill and
// corporate_action events and the marks the engine provides.
import { Decimal, addDec, cmpDec, isPositive, parseDec, subDec, type PortfolioView } from '../model/index.js';
import { fillFactsOf, type CorporateActionEvent, type EventBus, type EventFactory, type FillEvent, type SnapshotPayload } from '../events/index.js';
import { Position, lotPrice, part, type LotMethod } from './position.js';
import { knownPrice, newTrip, tradePayload, type RoundTrip } from './round-trip.js';
import { SnapshotTexts, buildSnapshot } from './snapshot.js';
import { accrueFinancing, type FinancingConfig } from './financing.js';
import { applyCorporateAction } from './corporate-actions.js';
import { checkpointOf, restoreInto, type LedgerCheckpoint } from './checkpoint.js';
import { ZERO, decNumber, keyOf, newTotals, type LedgerState, type Totals } from './ledger-state.js';
import { ExactSum } from './exact-sum.js';

/** Settings of the ledger. */
export interface LedgerConfig {
  readonly portfolioId: string;
  readonly initialCash: string;
  readonly currency: string;
  /** RFC 3339 time of the run's first bar. */
  readonly startTime: string;
  /** Lot matching of longs (default fifo) and shorts (default lifo). */
  readonly longLots?: LotMethod;
  readonly shortLots?: LotMethod;
  /** Borrow fees, margin interest, interest on cash. */
  readonly financing?: FinancingConfig;
  /** Fills may carry fees (snapshots and trades then report them). */
  readonly fees?: boolean;
}

/** Books fills; implements the read-only PortfolioView the manager sizes against. */
export class Ledger implements PortfolioView {
  private readonly st: LedgerState;
  /** Bumped by every change a snapshot could show (fills, financing, corporate actions, marks, restores). */
  private version = 0;
  /** The last snapshot built and the version it shows: an unchanged book reuses it with the new time. */
  private lastSnapshot: SnapshotPayload | undefined;
  private lastSnapshotVersion = -1;
  /** Texts of the values the last snapshot wrote (most are the same objects the next day). */
  private readonly snapshotTexts = new SnapshotTexts();
  /**
   * Positions and their state keys by strategy, then symbol: lookups on every signal, order and fill
   * without building a key string. Cleared when corporate actions or a restore re-key positions.
   */
  private readonly index = new Map<string, Map<string, { readonly pos: Position; readonly key: string }>>();
  /** Corporate actions the ledger does not apply (mergers, spin-offs, rights, stock dividends), as `type:symbol:date`. */
  readonly ignoredActions: string[] = [];

  /**
   * @param markOf latest valid close of a symbol, as the engine's kernel tracks it (0 before its first bar).
   */
  constructor(
    private readonly bus: EventBus,
    private readonly events: EventFactory,
    readonly cfg: LedgerConfig,
    private readonly markOf: (symbol: string) => number,
  ) {
    const initial = new Decimal(cfg.initialCash);
    this.st = {
      initial, cash: new ExactSum(initial), commissions: new ExactSum(), positions: new Map(), bySymbol: new Map(), trades: new Map(),
      totals: newTotals(), closedTrades: 0,
    };
    bus.subscribe('fill', (e) => this.book(e));
    bus.subscribe('corporate_action', (e) => this.onCorporateAction(e));
  }

  /** Books one fill: lots, realized P&L, cash, and the round trip it belongs to. */
  book(e: FillEvent): void {
    const st = this.st;
    const f = e.payload;
    this.version++;
    const strategyId = f.strategy_id ?? 'default';
    const { pos, key } = this.entry(strategyId, f.symbol, true)!;
    // the decimals execution wrote this payload's text from, when it noted them (else the text parsed)
    const facts = fillFactsOf(f);
    const q = facts !== undefined ? facts.quantity : parseDec(f.filled_quantity);
    const p = facts !== undefined ? facts.price : parseDec(f.fill_price);
    const commission = facts !== undefined ? facts.commission : f.commission !== undefined ? parseDec(f.commission) : ZERO;
    const fees = f.fees !== undefined ? parseDec(f.fees) : ZERO;
    const c = fees.isZero() ? commission : addDec(commission, fees);
    const dir: 1 | -1 = f.side === 'buy' ? 1 : -1;
    // cash: buy −(q·p + c), sell +(q·p − c), whether opening or closing (summed in scaled integers while they fit)
    const gross = facts !== undefined ? facts.gross : q.times(p);
    if (dir > 0) st.cash.sub(gross);
    else st.cash.add(gross);
    st.cash.sub(c);
    const agg = st.bySymbol.get(f.symbol);
    if (agg) {
      // the aggregate is the ledger's own (never handed out): updated in place; a fill of the whole
      // holding leaves zero (x − x is +0 in decimal.js, as here)
      agg.qty = sameMagnitude(agg.qty, q) && (agg.qty.s > 0) !== (dir > 0) ? ZERO : dir > 0 ? addDec(agg.qty, q) : subDec(agg.qty, q);
      agg.num = decNumber(agg.qty);
    } else {
      const qty = dir > 0 ? q : q.neg();
      st.bySymbol.set(f.symbol, { qty, num: decNumber(qty) });
    }
    st.commissions.add(commission);
    pos.commissionPaid.add(commission);
    if (!fees.isZero()) {
      st.totals.fees = st.totals.fees.plus(fees);
      pos.feesPaid = pos.feesPaid.plus(fees);
    }
    pos.mark = p;

    let openQty = q;
    let openCommission = commission;
    let openFees = fees;
    if (pos.sign !== 0 && pos.sign !== dir) {
      // closing part first; a fill larger than the position opens the other side with the rest
      const held = pos.quantity();
      const whole = cmpDec(q, held) <= 0;
      const closeQty = whole ? q : held;
      const exitCommission = whole ? commission : part(commission, closeQty, q);
      const exitFees = whole || fees.isZero() ? fees : part(fees, closeQty, q);
      const res = pos.close(closeQty, p, exitFees.isZero() ? exitCommission : addDec(exitCommission, exitFees), whole ? gross : undefined);
      const tr = st.trades.get(key)!;
      tr.fillIds.push(f.fill_id);
      const firstExit = tr.exitQty.isZero();
      tr.exitQty = addDec(tr.exitQty, res.closed);
      tr.exitNotional = addDec(tr.exitNotional, res.closed === q ? gross : res.closed.times(p));
      // one closing fill so far: the exit price is its price (exitNotional ÷ exitQty = p exactly)
      if (firstExit) knownPrice(tr, 'exit', p, f.fill_price);
      tr.realized.addSum(res.realizedSum);
      tr.commission.add(exitCommission);
      if (!exitFees.isZero()) tr.fees = tr.fees.plus(exitFees);
      if ((pos.sign as number) === 0) {
        tr.exitTime = f.timestamp;
        this.closeTrip(key, tr, f.symbol, strategyId, e.occurred_at, e.event_id);
      }
      openQty = whole ? ZERO : subDec(q, closeQty);
      openCommission = whole ? ZERO : subDec(commission, exitCommission);
      openFees = whole ? ZERO : subDec(fees, exitFees);
    }
    if (isPositive(openQty)) {
      pos.open(dir, openQty, p, openFees.isZero() ? openCommission : addDec(openCommission, openFees), f.fill_id, openQty === q ? gross : undefined, true);
      let tr = st.trades.get(key);
      if (!tr) {
        tr = newTrip(this.events.id(), dir > 0 ? 'long' : 'short', f.timestamp, e.correlation_id ?? null);
        st.trades.set(key, tr);
      }
      // the closing part of this fill may have listed it already (an index of −1 on an empty list is a slow lookup: checked first)
      const ids = tr.fillIds;
      if (ids.length === 0 || ids[ids.length - 1] !== f.fill_id) ids.push(f.fill_id);
      const firstEntry = tr.entryQty.isZero();
      tr.entryQty = addDec(tr.entryQty, openQty);
      tr.entryNotional = addDec(tr.entryNotional, openQty === q ? gross : openQty.times(p));
      // one opening fill so far: the entry price is its price (entryNotional ÷ entryQty = p exactly)
      if (firstEntry) knownPrice(tr, 'entry', p, f.fill_price, openQty === q ? f.filled_quantity : undefined);
      tr.commission.add(openCommission);
      if (!openFees.isZero()) tr.fees = tr.fees.plus(openFees);
    }
  }

  /**
   * Accrues `days` calendar days of financing at a session's end, on the balances held then:
   * borrow fees on short value, margin interest on negative cash, interest on positive cash.
   */
  accrue(days: number): void {
    if (days <= 0) return;
    const fin = this.cfg.financing ?? {};
    // most sessions end long-only with cash ≥ 0 and no interest on cash: nothing accrues
    let shorts = false;
    for (const pos of this.st.positions.values()) if (pos.sign < 0) shorts = true;
    if (!shorts && this.st.cash.toNumber() >= 0 && fin.cashRate === undefined) return;
    this.refreshMarks();
    this.version++;
    accrueFinancing(this.st, fin, days);
  }

  /** Publishes the round trips still open (at the end of a run). */
  publishOpenTrades(occurredAt: string): void {
    for (const [key, tr] of this.st.trades) {
      const [strategyId, symbol] = key.split('\u0000') as [string, string];
      this.bus.publish(this.events.make('trade', occurredAt, tradePayload(tr, symbol, strategyId, 'open', this.cfg.fees ?? false), tr.correlationId, null));
    }
  }

  /** Publishes a snapshot of the book at simulated time `at`, valued at the current marks. */
  snapshot(at: string): SnapshotPayload {
    this.refreshMarks();
    // most days of a sparse strategy change nothing but the time (flat, or marks unchanged)
    const last = this.lastSnapshot;
    const payload = last !== undefined && this.lastSnapshotVersion === this.version ? { ...last, snapshot_datetime: at } : buildSnapshot(this.st, this.cfg, at, this.snapshotTexts);
    this.lastSnapshot = payload;
    this.lastSnapshotVersion = this.version;
    this.bus.publish(this.events.make('snapshot', at, payload));
    return payload;
  }

  /** PortfolioView: cash balance. */
  cash(): Decimal {
    return this.st.cash.value();
  }

  /** PortfolioView: cash + signed market value at the current marks. */
  equity(): Decimal {
    let e = this.st.cash.value();
    for (const pos of this.st.positions.values()) {
      if (pos.sign === 0) continue;
      this.refreshMark(pos);
      e = e.plus(pos.marketValue());
    }
    return e;
  }

  /** PortfolioView: signed quantity of a symbol, for one strategy or summed over all. */
  position(symbol: string, strategyId?: string): Decimal {
    if (strategyId !== undefined) return this.entry(strategyId, symbol, false)?.pos.signedQuantity() ?? ZERO;
    return this.st.bySymbol.get(symbol)?.qty ?? ZERO;
  }

  /** Who holds `symbol`: each strategy's non-zero signed quantity. */
  holdings(symbol: string): { strategyId: string; quantity: Decimal }[] {
    const out: { strategyId: string; quantity: Decimal }[] = [];
    for (const pos of this.st.positions.values()) if (pos.symbol === symbol && pos.sign !== 0) out.push({ strategyId: pos.strategyId, quantity: pos.signedQuantity() });
    return out;
  }

  /** The open lots of one position with their entry prices (for checks: they sum to the position). */
  lots(symbol: string, strategyId: string): Array<{ readonly qty: Decimal; readonly price: Decimal }> {
    return (this.st.positions.get(keyOf(strategyId, symbol))?.lots ?? []).map((l) => ({ qty: l.qty, price: lotPrice(l) }));
  }

  /** Cash as a float, for the kernel's book (the exact value is `cash()`). */
  cashNumber(): number {
    return this.st.cash.toNumber();
  }

  /** Signed quantity of a symbol over all strategies as a float, for the kernel's book. */
  positionNumber(symbol: string): number {
    return this.st.bySymbol.get(symbol)?.num ?? 0;
  }

  /** Totals for the run result. */
  totals(): { cash: Decimal; realized: Decimal; unrealized: Decimal; commissions: Decimal; equity: Decimal; closedTrades: number } & Readonly<Totals> {
    let realized = this.st.totals.portfolioRealized, unrealized = ZERO;
    for (const pos of this.st.positions.values()) {
      this.refreshMark(pos);
      realized = realized.plus(pos.realized.value());
      unrealized = unrealized.plus(pos.unrealized());
    }
    // (the keys in the order they always had: commissions first, as in the totals)
    return {
      commissions: this.st.commissions.value(), ...this.st.totals, cash: this.st.cash.value(), realized, unrealized, equity: this.equity(),
      closedTrades: this.st.closedTrades,
    };
  }

  /** The whole state as JSON-ready text: `restore` on a fresh ledger continues exactly from here. */
  checkpoint(): LedgerCheckpoint {
    this.refreshMarks();
    return checkpointOf(this.st);
  }

  /** Replaces this (fresh) ledger's state with a checkpoint's. */
  restore(cp: LedgerCheckpoint): void {
    this.version++;
    this.index.clear();
    restoreInto(this.st, cp, (strategyId, symbol) => this.position_(strategyId, symbol));
  }

  private onCorporateAction(e: CorporateActionEvent): void {
    this.refreshMarks();
    this.version++;
    this.index.clear();
    const r = applyCorporateAction(this.st, e.payload);
    if (r.ignored) this.ignoredActions.push(`${e.payload.action_type}:${e.payload.symbol}:${e.payload.ex_date}`);
    for (const key of r.closed) {
      const tr = this.st.trades.get(key)!;
      const [strategyId, symbol] = key.split('\u0000') as [string, string];
      tr.exitTime = e.occurred_at;
      this.closeTrip(key, tr, symbol, strategyId, e.occurred_at, e.event_id);
    }
  }

  private closeTrip(key: string, tr: RoundTrip, symbol: string, strategyId: string, at: string, causation: string): void {
    this.st.trades.delete(key);
    this.st.closedTrades++;
    this.bus.publish(this.events.make('trade', at, tradePayload(tr, symbol, strategyId, 'closed', this.cfg.fees ?? false), tr.correlationId, causation));
  }

  private refreshMarks(): void {
    for (const pos of this.st.positions.values()) this.refreshMark(pos);
  }

  private refreshMark(pos: Position): void {
    const m = this.markOf(pos.symbol);
    if (m > 0 && Number.isFinite(m) && m !== pos.markNumber) {
      this.version++;
      pos.markAt(m);
    }
  }

  private position_(strategyId: string, symbol: string): Position {
    return this.entry(strategyId, symbol, true)!.pos;
  }

  // the position of one strategy in one symbol and its key; made (flat) when `create`
  private entry(strategyId: string, symbol: string, create: boolean): { readonly pos: Position; readonly key: string } | undefined {
    let bySymbol = this.index.get(strategyId);
    const hit = bySymbol?.get(symbol);
    if (hit !== undefined) return hit;
    const key = keyOf(strategyId, symbol);
    let pos = this.st.positions.get(key);
    if (!pos) {
      if (!create) return undefined;
      pos = new Position(strategyId, symbol, this.cfg.longLots ?? 'fifo', this.cfg.shortLots ?? 'lifo');
      this.st.positions.set(key, pos);
    }
    if (!bySymbol) this.index.set(strategyId, (bySymbol = new Map()));
    const e = { pos, key };
    bySymbol.set(symbol, e);
    return e;
  }
}

// |a| = |b|: decimal.js keeps digits without trailing zero words, so equal magnitudes have equal words and exponents
function sameMagnitude(a: Decimal, b: Decimal): boolean {
  const ad = a.d, bd = b.d;
  if (!ad || !bd || a.e !== b.e || ad.length !== bd.length) return false;
  for (let i = 0; i < ad.length; i++) if (ad[i] !== bd[i]) return false;
  return true;
}
