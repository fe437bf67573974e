// The reporting service's collector: listens to every event and keeps what the outputs need.
import type { EventBus, FillPayload, OrderPayload, SnapshotPayload, TradePayload } from '../events/index.js';

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

/** Collects fills, closed trades, daily snapshots and counts from the bus. */
export class ReportingService {
  readonly fills: FillPayload[] = [];
  readonly trades: TradePayload[] = [];
  readonly orders = new Map<string, OrderPayload>();
  readonly violationsByRule: Record<string, number> = {};
  readonly counts: EventCounts = { signals: 0, orders: 0, fills: 0, trades: 0, risk_violations: 0, snapshots: 0, events: 0 };
  /** Equity (exact decimal string) and time of each snapshot, in order. */
  readonly snapshotEquity: { time: string; equity: string }[] = [];
  lastSnapshot: SnapshotPayload | undefined;

  constructor(bus: EventBus, private readonly keepFills = true) {
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
          if (this.keepFills) this.fills.push(e.payload);
          break;
        case 'trade':
          if (e.payload.status === 'closed') {
            this.counts.trades++;
            this.trades.push(e.payload);
          }
          break;
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
    const out = new Float64Array(this.trades.length);
    this.trades.forEach((t, i) => (out[i] = Number(t.realized_pnl ?? '0')));
    return out;
  }
}
