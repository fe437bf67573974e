// The reporting service's collector: listens to every event and keeps what the outputs need.
import type { EventBus, FillPayload, SnapshotPayload, TradePayload } from '../events/index.js';
import { CsvWriter } from './csv.js';

/** Column order of trades.csv. */
export const TRADES_HEADER = ['trade_id', 'symbol', 'side', 'quantity', 'entry_time', 'entry_price', 'exit_time', 'exit_price', 'realized_pnl', 'commission'] as const;
/** Column order of fills.csv. */
export const FILLS_HEADER = ['fill_id', 'order_id', 'timestamp', 'symbol', 'side', 'quantity', 'price', 'commission', 'gross_value', 'net_value', 'strategy_id'] as const;

/** Counts of events by kind, as the run result reports them. */
export interface EventCounts {
  signals: number;
  orders: number;
  fills: number;
  trades: number;
  risk_violations: number;
  snapshots: number;
  events: number;
}

/**
 * Collects counts, daily snapshots and the rows of fills.csv and trades.csv from the bus. Rows are
 * formatted as events arrive, so a long run keeps text, not millions of event objects; the
 * payloads themselves are kept only when asked (`keepPayloads`, for tests and the API).
 */
export class ReportingService {
  readonly fills: FillPayload[] = [];
  readonly trades: TradePayload[] = [];
  readonly fillsCsv = new CsvWriter(FILLS_HEADER);
  readonly tradesCsv = new CsvWriter(TRADES_HEADER);
  private readonly pnls: number[] = [];
  readonly violationsByRule: Record<string, number> = {};
  readonly counts: EventCounts = { signals: 0, orders: 0, fills: 0, trades: 0, risk_violations: 0, snapshots: 0, events: 0 };
  /** Equity (exact decimal string) and time of each snapshot, in order. */
  readonly snapshotEquity: { time: string; equity: string }[] = [];
  lastSnapshot: SnapshotPayload | undefined;

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
        case 'fill': {
          const f = e.payload;
          this.counts.fills++;
          this.fillsCsv.addRow([f.fill_id, f.order_id, f.timestamp, f.symbol, f.side, f.filled_quantity, f.fill_price,
            f.commission ?? '', f.gross_value ?? '', f.net_value ?? '', f.strategy_id ?? '']);
          if (this.keepPayloads) this.fills.push(f);
          break;
        }
        case 'trade': {
          const t = e.payload;
          if (t.status !== 'closed') break;
          this.counts.trades++;
          this.tradesCsv.addRow([t.trade_id, t.symbol, t.side, t.quantity ?? '', t.entry_timestamp ?? '', t.entry_price ?? '',
            t.exit_timestamp ?? '', t.exit_price ?? '', t.realized_pnl ?? '', t.commission_total ?? '']);
          this.pnls.push(Number(t.realized_pnl ?? '0'));
          if (this.keepPayloads) this.trades.push(t);
          break;
        }
        case 'risk_violation':
          this.counts.risk_violations++;
          this.violationsByRule[e.payload.rule] = (this.violationsByRule[e.payload.rule] ?? 0) + 1;
          break;
        case 'snapshot':
          this.counts.snapshots++;
          this.lastSnapshot = e.payload;
          this.snapshotEquity.push({ time: e.payload.snapshot_datetime, equity: e.payload.current_portfolio_equity });
          break;
      }
    });
  }

  /** Realized P&L of each closed trade, for the metrics. */
  tradePnls(): Float64Array {
    return Float64Array.from(this.pnls);
  }
}
