// The reporting service's collector: listens to every event and keeps, as columns of text, what
// the outputs are derived from (snapshots, positions, fills, trades), plus counts.
import { decStr, parseDec } from '../model/index.js';
import type { EventBus, FillPayload, SnapshotPayload, TradePayload } from '../events/index.js';
import { emptyColumns, FILL_KEYS, POSITION_KEYS, SNAPSHOT_KEYS, TRADE_KEYS, type FillColumns, type PositionColumns, type SnapshotColumns, type TradeColumns } from './results.js';

/** Counts of events by kind, as the run result reports them. */
export interface EventCounts {
  signals: number;
  orders: number;
  fills: number;
  trades: number;
  risk_violations: number;
  /** Of the risk violations, those that reduced an order rather than refused it (`action: reduced`). */
  risk_reductions: number;
  snapshots: number;
  events: number;
}

/** Appends the positions of a snapshot to position columns; `all` keeps flat ones too. */
export function appendPositions(cols: PositionColumns, s: SnapshotPayload, all: boolean): void {
  for (const g of s.strategies_groups) {
    for (const p of g.positions) {
      if (!all && p.side === 'flat') continue;
      cols.time.push(s.snapshot_datetime);
      cols.strategy_id.push(g.strategy_id);
      cols.symbol.push(p.symbol);
      cols.side.push(p.side);
      cols.quantity.push(p.open_quantity);
      cols.average_price.push(p.average_fill_price);
      cols.market_price.push(p.market_price);
      cols.market_value.push(p.gross_market_value);
      cols.unrealized_pl.push(p.unrealized_pl);
      cols.realized_pl.push(p.realized_pl);
      cols.commission.push(p.commission_paid);
    }
  }
}

/**
 * Fees other than commissions in a snapshot, exact: regulatory fees on fills, short borrow fees
 * and margin interest (each optional in the contract; absent counts 0).
 */
export function feesOf(s: SnapshotPayload): string {
  // (the usual snapshot has none: answered without making the list)
  if (isNone(s.total_fees_paid) && isNone(s.total_borrow_fees) && isNone(s.total_margin_interest)) return '0';
  const parts = [s.total_fees_paid, s.total_borrow_fees, s.total_margin_interest].filter((x): x is string => x !== undefined && x !== '0');
  if (parts.length === 1) return parts[0]!;
  return decStr(parts.reduce((a, x) => a.plus(parseDec(x)), parseDec('0')));
}

// an optional total that adds nothing
function isNone(x: string | undefined): boolean {
  return x === undefined || x === '0';
}

/**
 * Collects the columns of results.json from the bus. Events are turned into rows of text as they
 * arrive, so a long run keeps strings, not event objects; the payloads themselves are kept only
 * when asked (`keepPayloads`, for tests and API users).
 */
export class ReportingService {
  /** Fill payloads, when `keepPayloads`. */
  readonly fills: FillPayload[] = [];
  /** Closed trade payloads, when `keepPayloads`. */
  readonly trades: TradePayload[] = [];
  /** Snapshot columns (one row per snapshot). */
  readonly snapshotCols: SnapshotColumns = emptyColumns(SNAPSHOT_KEYS);
  /** Open positions at each snapshot. */
  readonly positionCols: PositionColumns = emptyColumns(POSITION_KEYS);
  /** Every fill. */
  readonly fillCols: FillColumns = emptyColumns(FILL_KEYS);
  /** Closed round trips in the order they closed, then those still open at the end. */
  readonly tradeCols: TradeColumns = emptyColumns(TRADE_KEYS);
  /** Refused or reduced signals and orders per rule code. */
  readonly violationsByRule: Record<string, number> = {};
  /** Reduced orders per rule code (a subset of violationsByRule). */
  readonly reductionsByRule: Record<string, number> = {};
  /** Events seen, by kind. */
  readonly counts: EventCounts = { signals: 0, orders: 0, fills: 0, trades: 0, risk_violations: 0, risk_reductions: 0, snapshots: 0, events: 0 };
  /** The latest snapshot. */
  lastSnapshot: SnapshotPayload | undefined;

  /** Subscribes to every event on `bus`. */
  constructor(bus: EventBus, private readonly keepPayloads = false) {
    bus.subscribe('*', (e) => {
      this.counts.events++;
      switch (e.event_type) {
        case 'signal':
          this.counts.signals++;
          break;
        case 'order':
          this.counts.orders++;
          break;
        case 'fill':
          this.counts.fills++;
          this.onFill(e.payload);
          break;
        case 'trade':
          this.onTrade(e.payload);
          break;
        case 'risk_violation':
          this.counts.risk_violations++;
          this.violationsByRule[e.payload.rule] = (this.violationsByRule[e.payload.rule] ?? 0) + 1;
          if (e.payload.action === 'reduced') {
            this.counts.risk_reductions++;
            this.reductionsByRule[e.payload.rule] = (this.reductionsByRule[e.payload.rule] ?? 0) + 1;
          }
          break;
        case 'snapshot':
          this.counts.snapshots++;
          this.onSnapshot(e.payload);
          break;
      }
    });
  }

  private onFill(f: FillPayload): void {
    const c = this.fillCols;
    c.fill_id.push(f.fill_id);
    c.order_id.push(f.order_id);
    c.time.push(f.timestamp);
    c.symbol.push(f.symbol);
    c.side.push(f.side);
    c.quantity.push(f.filled_quantity);
    c.price.push(f.fill_price);
    c.commission.push(f.commission ?? '');
    c.gross_value.push(f.gross_value ?? '');
    c.net_value.push(f.net_value ?? '');
    c.strategy_id.push(f.strategy_id ?? '');
    if (this.keepPayloads) this.fills.push(f);
  }

  private onTrade(t: TradePayload): void {
    // open trades are published once, at the end of the run; they are kept (status open) but not counted
    if (t.status === 'closed') {
      this.counts.trades++;
      if (this.keepPayloads) this.trades.push(t);
    }
    const c = this.tradeCols;
    c.trade_id.push(t.trade_id);
    c.strategy_id.push(t.strategy_id);
    c.symbol.push(t.symbol);
    c.side.push(t.side);
    c.status.push(t.status);
    c.quantity.push(t.quantity ?? '');
    c.entry_time.push(t.entry_timestamp ?? '');
    c.entry_price.push(t.entry_price ?? '');
    c.exit_time.push(t.exit_timestamp ?? '');
    c.exit_price.push(t.exit_price ?? '');
    c.realized_pnl.push(t.realized_pnl ?? '');
    c.commission.push(t.commission_total ?? '');
  }

  private onSnapshot(s: SnapshotPayload): void {
    this.lastSnapshot = s;
    const c = this.snapshotCols;
    c.time.push(s.snapshot_datetime);
    c.cash.push(s.cash_balance);
    c.equity.push(s.current_portfolio_equity);
    c.market_value.push(s.total_market_value);
    c.unrealized_pl.push(s.total_unrealized_pl);
    c.realized_pl.push(s.total_realized_pl);
    c.long_exposure.push(s.long_exposure);
    c.short_exposure.push(s.short_exposure);
    c.gross_exposure.push(s.gross_exposure);
    c.leverage.push(s.leverage);
    c.commissions.push(s.total_commissions_paid ?? '0');
    c.fees.push(feesOf(s));
    appendPositions(this.positionCols, s, false);
  }
}
