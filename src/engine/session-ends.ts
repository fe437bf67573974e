// What happens at a boundary the simulate kernel stops at: at a session's end, day orders expire,
// financing accrues, a snapshot is taken, and the corporate actions of the next session's date apply;
// every N bars (ledger.snapshots: bars) a snapshot is taken.
import type { EventBus, EventFactory, SnapshotPayload } from '../events/index.js';
import type { SimulateKernel } from '../kernels/index.js';
import type { ExecutionService } from '../execution/index.js';
import { splitTerms, type Ledger } from '../ledger/index.js';
import type { RunConfig } from '../config/index.js';
import type { EngineVenue } from './engine-venue.js';
import type { CorporateActionSchedule } from './corporate-action-schedule.js';

/** Handles the engine's EVENT_DAY_END stops. */
export class SessionEnds {
  /** The last snapshot taken. */
  lastSnapshot: SnapshotPayload | undefined;

  constructor(
    private readonly cfg: RunConfig,
    private readonly bus: EventBus,
    private readonly events: EventFactory,
    private readonly venue: EngineVenue,
    private readonly ledger: Ledger,
    private readonly execution: ExecutionService,
    private readonly sim: SimulateKernel,
    private readonly actions: CorporateActionSchedule,
  ) {}

  /** Bar t is a boundary: `bits` & 1 a session's last bar, & 2 a scheduled snapshot. */
  onBoundary(t: number, bits: number): void {
    const at = this.venue.time(t);
    if ((bits & 1) === 0) {
      if ((bits & 2) !== 0) this.lastSnapshot = this.ledger.snapshot(at);
      return;
    }
    // the order matters: orders of the session expire, then the balances held overnight accrue, then
    // the session's snapshot, then the actions that take effect before the next session's first bar
    this.execution.endOfDay(t);
    // local days of this session and of the next one (its first bar: read ahead when the slice ends here)
    const today = this.venue.dayOf(t)!;
    const next = this.venue.dayOf(t + 1);
    this.ledger.accrue(next === undefined ? 1 : next - today);
    this.syncAll();
    if (this.cfg.ledger.snapshots === 'day' || (bits & 2) !== 0) this.lastSnapshot = this.ledger.snapshot(at);
    if (next === undefined) return;
    const due = this.actions.due(today, next);
    if (due.length === 0) return;
    for (const a of due) {
      const s = this.venue.symbolIndex(a.symbol);
      if (s !== undefined && (a.action_type === 'split' || a.action_type === 'reverse_split')) {
        // the last close in new shares, so that the book is valued right until the next close
        const { to, from } = splitTerms(a);
        this.sim.setMark(s, (this.sim.mark(s) * from.toNumber()) / to.toNumber());
      }
      if (a.action_type === 'symbol_change' && a.new_symbol !== undefined) this.venue.alias(a.symbol, a.new_symbol);
      this.bus.publish(this.events.make('corporate_action', at, a));
    }
    this.syncAll();
  }

  // cash and every column's position as the ledger now has them
  private syncAll(): void {
    this.sim.cash = this.ledger.cashNumber();
    for (let s = 0; s < this.venue.columnSymbol.length; s++) this.sim.setPosition(s, this.ledger.positionNumber(this.venue.columnSymbol[s]!));
  }
}
