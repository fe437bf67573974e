// The ledger service: books fills into lots and cash with exact decimals, closes round trips,
// and publishes trades and snapshots. It reads only fill events and the marks the engine provides.
import { Decimal, decStr, decOf, parseDec, type PortfolioView } from '../model/index.js';
import type { EventBus, EventFactory, FillEvent, PositionState, SnapshotPayload, TradePayload } from '../events/index.js';
import { Position, type LotMethod } from './position.js';

/** Settings of the ledger. */
export interface LedgerConfig {
  readonly portfolioId: string;
  readonly initialCash: string;
  readonly currency: string;
  /** RFC 3339 time of the run's first bar. */
  readonly startTime: string;
  readonly longLots?: LotMethod;
  readonly shortLots?: LotMethod;
}

/** A round trip in progress or done. */
interface OpenTrade {
  id: string;
  side: 'long' | 'short';
  fillIds: string[];
  entryQty: Decimal;
  entryNotional: Decimal;
  exitQty: Decimal;
  exitNotional: Decimal;
  realized: Decimal;
  commission: Decimal;
  entryTime: string;
  exitTime?: string;
  correlationId: string | null;
}

const ZERO = new Decimal(0);

/** Books fills; implements the read-only PortfolioView the manager sizes against. */
export class Ledger implements PortfolioView {
  private readonly positions = new Map<string, Position>();
  /** Signed quantity per symbol over all strategies, exact and as a float for the kernel's book. */
  private readonly bySymbol = new Map<string, { qty: Decimal; num: number }>();
  private cashNum: number;
  private readonly trades = new Map<string, OpenTrade>();
  private cashBal: Decimal;
  private readonly initial: Decimal;
  private commissions: Decimal = ZERO;
  private closedTrades = 0;

  /**
   * @param markOf latest valid close of a symbol, as the engine's kernel tracks it (0 before its first bar).
   */
  constructor(
    private readonly bus: EventBus,
    private readonly events: EventFactory,
    private readonly cfg: LedgerConfig,
    private readonly markOf: (symbol: string) => number,
  ) {
    this.initial = new Decimal(cfg.initialCash);
    this.cashBal = this.initial;
    this.cashNum = this.initial.toNumber();
    bus.subscribe('fill', (e) => this.book(e));
  }

  /** Books one fill: lots, realized P&L, cash, and the round trip it belongs to. */
  book(e: FillEvent): void {
    const f = e.payload;
    const strategyId = f.strategy_id ?? 'default';
    const pos = this.position_(strategyId, f.symbol);
    const q = parseDec(f.filled_quantity);
    const p = parseDec(f.fill_price);
    const c = f.commission !== undefined ? parseDec(f.commission) : ZERO;
    const dir: 1 | -1 = f.side === 'buy' ? 1 : -1;
    // cash: buy −(q·p + c), sell +(q·p − c), whether opening or closing
    const gross = q.times(p);
    this.cashBal = dir > 0 ? this.cashBal.minus(gross).minus(c) : this.cashBal.plus(gross).minus(c);
    this.cashNum = this.cashBal.toNumber();
    const agg = this.bySymbol.get(f.symbol);
    const nextQty = agg ? (dir > 0 ? agg.qty.plus(q) : agg.qty.minus(q)) : dir > 0 ? q : q.neg();
    this.bySymbol.set(f.symbol, { qty: nextQty, num: nextQty.toNumber() });
    this.commissions = this.commissions.plus(c);
    pos.commissionPaid = pos.commissionPaid.plus(c);
    pos.mark = p;
    pos.markNumber = NaN;

    let openQty = q;
    let openCommission = c;
    const key = `${strategyId}\u0000${f.symbol}`;
    if (pos.sign !== 0 && pos.sign !== dir) {
      // closing part first; a fill larger than the position opens the other side with the rest
      const held = pos.quantity();
      const closeQty = q.lte(held) ? q : held;
      const exitCommission = closeQty.eq(q) ? c : c.times(closeQty).div(q);
      const res = pos.close(closeQty, p, exitCommission);
      const tr = this.trades.get(key)!;
      tr.fillIds.push(f.fill_id);
      tr.exitQty = tr.exitQty.plus(res.closed);
      tr.exitNotional = tr.exitNotional.plus(res.closed.times(p));
      tr.realized = tr.realized.plus(res.realized);
      tr.commission = tr.commission.plus(exitCommission);
      if ((pos.sign as number) === 0) {
        tr.exitTime = f.timestamp;
        this.trades.delete(key);
        this.closedTrades++;
        this.publishTrade(tr, f.symbol, strategyId, 'closed', e.occurred_at, e.event_id);
      }
      openQty = q.minus(closeQty);
      openCommission = c.minus(exitCommission);
    }
    if (openQty.gt(0)) {
      pos.open(dir, openQty, p, openCommission, f.fill_id);
      let tr = this.trades.get(key);
      if (!tr) {
        tr = {
          id: this.events.id(), side: dir > 0 ? 'long' : 'short', fillIds: [], entryQty: ZERO, entryNotional: ZERO,
          exitQty: ZERO, exitNotional: ZERO, realized: ZERO, commission: ZERO, entryTime: f.timestamp,
          correlationId: e.correlation_id ?? null,
        };
        this.trades.set(key, tr);
      }
      if (tr.fillIds[tr.fillIds.length - 1] !== f.fill_id) tr.fillIds.push(f.fill_id);
      tr.entryQty = tr.entryQty.plus(openQty);
      tr.entryNotional = tr.entryNotional.plus(openQty === q ? gross : openQty.times(p));
      tr.commission = tr.commission.plus(openCommission);
    }
  }

  /** Publishes the round trips still open (at the end of a run). */
  publishOpenTrades(occurredAt: string): void {
    for (const [key, tr] of this.trades) {
      const [strategyId, symbol] = key.split('\u0000') as [string, string];
      this.publishTrade(tr, symbol, strategyId, 'open', occurredAt, null);
    }
  }

  /** Publishes a snapshot of the book at simulated time `at`, valued at the current marks. */
  snapshot(at: string): SnapshotPayload {
    const groups = new Map<string, PositionState[]>();
    let realized = ZERO, unrealized = ZERO, long = ZERO, short = ZERO, mv = ZERO;
    for (const pos of this.positions.values()) {
      this.refreshMark(pos);
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
      list.push({
        symbol: pos.symbol,
        side: pos.sign > 0 ? 'long' : pos.sign < 0 ? 'short' : 'flat',
        open_quantity: decStr(q),
        average_fill_price: absQ.isZero() ? '0' : decStr(pos.costBasis().div(absQ)),
        commission_paid: decStr(pos.commissionPaid),
        cost_basis: decStr(pos.costBasis()),
        market_price: decStr(pos.mark),
        gross_market_value: decStr(value.abs()),
        unrealized_pl: decStr(u),
        realized_pl: decStr(pos.realized),
        dividends_received: '0',
        dividends_paid: '0',
      });
    }
    const equity = this.cashBal.plus(mv);
    const gross = long.plus(short);
    const payload: SnapshotPayload = {
      portfolio_id: this.cfg.portfolioId,
      start_datetime: this.cfg.startTime,
      snapshot_datetime: at,
      reporting_currency: this.cfg.currency,
      initial_portfolio_equity: decStr(this.initial),
      cash_balance: decStr(this.cashBal),
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
      total_commissions_paid: decStr(this.commissions),
      strategies_groups: [...groups].map(([strategy_id, positions]) => ({ strategy_id, positions })),
    };
    this.bus.publish(this.events.make('snapshot', at, payload));
    return payload;
  }

  /** PortfolioView: cash balance. */
  cash(): Decimal {
    return this.cashBal;
  }

  /** PortfolioView: cash + signed market value at the current marks. */
  equity(): Decimal {
    let e = this.cashBal;
    for (const pos of this.positions.values()) {
      if (pos.sign === 0) continue;
      this.refreshMark(pos);
      e = e.plus(pos.marketValue());
    }
    return e;
  }

  /** PortfolioView: signed quantity of a symbol, for one strategy or summed over all. */
  position(symbol: string, strategyId?: string): Decimal {
    if (strategyId !== undefined) return this.positions.get(`${strategyId}\u0000${symbol}`)?.signedQuantity() ?? ZERO;
    return this.bySymbol.get(symbol)?.qty ?? ZERO;
  }

  /** Cash as a float, for the kernel's book (the exact value is `cash()`). */
  cashNumber(): number {
    return this.cashNum;
  }

  /** Signed quantity of a symbol over all strategies as a float, for the kernel's book. */
  positionNumber(symbol: string): number {
    return this.bySymbol.get(symbol)?.num ?? 0;
  }

  /** Totals for the run result. */
  totals(): { cash: Decimal; realized: Decimal; unrealized: Decimal; commissions: Decimal; equity: Decimal; closedTrades: number } {
    let realized = ZERO, unrealized = ZERO;
    for (const pos of this.positions.values()) {
      this.refreshMark(pos);
      realized = realized.plus(pos.realized);
      unrealized = unrealized.plus(pos.unrealized());
    }
    return { cash: this.cashBal, realized, unrealized, commissions: this.commissions, equity: this.equity(), closedTrades: this.closedTrades };
  }

  private refreshMark(pos: Position): void {
    const m = this.markOf(pos.symbol);
    if (m > 0 && Number.isFinite(m) && m !== pos.markNumber) {
      pos.mark = decOf(m);
      pos.markNumber = m;
    }
  }

  private position_(strategyId: string, symbol: string): Position {
    const key = `${strategyId}\u0000${symbol}`;
    let pos = this.positions.get(key);
    if (!pos) {
      pos = new Position(strategyId, symbol, this.cfg.longLots ?? 'fifo', this.cfg.shortLots ?? 'lifo');
      this.positions.set(key, pos);
    }
    return pos;
  }

  private publishTrade(tr: OpenTrade, symbol: string, strategyId: string, status: 'open' | 'closed', at: string, causation: string | null): void {
    const payload: TradePayload = {
      trade_id: tr.id,
      strategy_id: strategyId,
      symbol,
      side: tr.side,
      status,
      fill_ids: [...tr.fillIds],
      entry_timestamp: tr.entryTime,
      ...(tr.exitTime !== undefined ? { exit_timestamp: tr.exitTime } : {}),
      entry_price: decStr(tr.entryNotional.div(tr.entryQty)),
      ...(tr.exitQty.gt(0) ? { exit_price: decStr(tr.exitNotional.div(tr.exitQty)) } : {}),
      quantity: decStr(tr.entryQty),
      realized_pnl: decStr(tr.realized),
      commission_total: decStr(tr.commission),
    };
    this.bus.publish(this.events.make('trade', at, payload, tr.correlationId, causation));
  }
}
