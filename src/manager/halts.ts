// The halting rules: a drawdown from the peak equity stops new positions for the rest of the run;
// a loss since the previous session's close stops them for the rest of the session. Equity is seen
// at signals, at snapshots (the ledger's day-end snapshots by default) and at every bar through the
// engine's equity watch (`watchLevel`: the float level at or below which a bar's equity may breach a
// rule), compared exactly: floats settle the clear cases, and a snapshot's equity text is parsed
// only when a comparison needs it. The peak is the highest equity seen at signals and snapshots.
import { Decimal, parseDec } from '../model/index.js';
import type { RiskLimits } from './risk-policy.js';
import { toFloat } from './to-float.js';

/** A halt that just started (so that the manager flattens once), or that holds. */
export interface HaltState {
  readonly rule: 'max_drawdown_halt' | 'daily_loss_limit';
  /** True the first time the halt is found (the moment to flatten). */
  readonly fresh: boolean;
  readonly limit: Decimal;
  readonly actual: Decimal;
  readonly reason: string;
  readonly flatten: boolean;
}

/** An equity as it was seen: a decimal (at a signal) or a snapshot's decimal text. */
type Equity = Decimal | string;

/** The decimal of an equity (a snapshot's text is parsed once: parseDec shares parses). */
function exact(x: Equity): Decimal {
  return typeof x === 'string' ? parseDec(x) : x;
}

/** Tracks peak equity, the session's starting equity, and whether a halt holds. */
export class Halts {
  private peak: Equity;
  private peakF: number;
  /** 1 − limit as floats, for the clear cases. */
  private readonly ddKeep: number;
  private readonly dayKeep: number;
  private drawdownHalted = false;
  private drawdownAt: Decimal | null = null;
  /** Equity of the latest snapshot: the previous session's close when a session starts. */
  private lastClose: Equity;
  private lastCloseF: number;
  private session = -1;
  private dayStart: Equity;
  private dayStartF: number;
  private dayHalted = false;
  private readonly maxDd: Decimal | null;
  private readonly dayLoss: Decimal | null;
  /** Bumped whenever something {@link watchLevel} reads changes (peak, closes, session, halts). */
  version = 0;

  constructor(private readonly limits: RiskLimits, initialEquity: Decimal) {
    this.peak = initialEquity;
    this.peakF = initialEquity.toNumber();
    this.lastClose = initialEquity;
    this.lastCloseF = this.peakF;
    this.dayStart = initialEquity;
    this.dayStartF = this.peakF;
    this.ddKeep = 1 - (limits.max_drawdown ?? 0);
    this.dayKeep = 1 - (limits.daily_loss_limit ?? 0);
    this.maxDd = limits.max_drawdown !== undefined ? new Decimal(limits.max_drawdown) : null;
    this.dayLoss = limits.daily_loss_limit !== undefined ? new Decimal(limits.daily_loss_limit) : null;
  }

  /** Whether any halting rule is configured. */
  get active(): boolean {
    return this.maxDd !== null || this.dayLoss !== null;
  }

  /**
   * A snapshot's equity (a decimal, or its decimal text as the snapshot event carries it): a new
   * peak, the close a next session starts from, and a drawdown check.
   */
  onSnapshot(equity: Equity): HaltState | null {
    // a decimal text's float is the float of its decimal (both are the correctly rounded value)
    const f = typeof equity === 'string' ? Number(equity) : toFloat(equity);
    this.lastClose = equity;
    this.lastCloseF = f;
    this.version++;
    return this.checkDrawdown(equity, f);
  }

  /**
   * Equity at an opening signal in session `session`: the halt that refuses it, if any. The session
   * starts from the latest snapshot before it (the previous close).
   */
  check(equity: Decimal, session: number, equityF = toFloat(equity)): HaltState | null {
    if (session !== this.session) {
      this.session = session;
      this.dayStart = this.lastClose;
      this.dayStartF = this.lastCloseF;
      this.dayHalted = false;
      this.version++;
    }
    const dd = this.checkDrawdown(equity, equityF);
    if (dd) return dd;
    if (this.dayLoss === null || !(this.dayStartF > 0)) return null;
    // loss = (dayStart − equity) / dayStart ≥ limit  ⇔  equity ≤ dayStart × (1 − limit); floats settle the clear cases
    if (!this.dayHalted && equityF > this.dayStartF * this.dayKeep * (1 + 1e-9) + 1e-6) return null;
    const dayStart = exact(this.dayStart);
    if (!this.dayHalted && equity.gt(dayStart.times(Decimal.sub(1, this.dayLoss)))) return null;
    const fresh = !this.dayHalted;
    if (fresh) this.version++;
    this.dayHalted = true;
    const loss = dayStart.minus(equity).div(dayStart);
    return {
      rule: 'daily_loss_limit', fresh, limit: this.dayLoss, actual: loss, flatten: this.limits.daily_loss_action === 'flatten',
      reason: `equity ${equity.toFixed(2)} is down ${pct(loss)} from the previous close ${dayStart.toFixed(2)}; the daily loss limit is ${pct(this.dayLoss)}: no new positions this session`,
    };
  }

  /**
   * The float equity at or below which a bar may breach a rule not halted yet (−Infinity: none):
   * above it the float tests of {@link check} clear every rule. The loss limit's part is that of
   * the session `session` when it has started a check already, else the latest snapshot's (the
   * previous close the next session starts from); a session halted by it watches for the next one.
   * `below` caps the level (a watch that found no breach at some equity waits for a lower one).
   */
  watchLevel(session: number, below = Infinity): number {
    let level = -Infinity;
    if (this.maxDd !== null && !this.drawdownHalted && this.peakF > 0) level = this.peakF * this.ddKeep * (1 + 1e-9) + 1e-6;
    if (this.dayLoss !== null) {
      const start = session !== this.session || this.dayHalted ? this.lastCloseF : this.dayStartF;
      if (start > 0) level = Math.max(level, start * this.dayKeep * (1 + 1e-9) + 1e-6);
    }
    return Math.min(level, below);
  }

  private checkDrawdown(equity: Equity, equityF: number): HaltState | null {
    // a new peak: floats settle it unless the two are within rounding of each other
    if (equityF > this.peakF * (1 + 1e-12) || (equityF >= this.peakF * (1 - 1e-12) && exact(equity).gt(exact(this.peak)))) {
      this.peak = equity;
      this.peakF = equityF;
      this.version++;
    }
    if (this.maxDd === null) return null;
    // drawdown = (peak − equity) / peak ≥ limit  ⇔  equity ≤ peak × (1 − limit)
    if (!this.drawdownHalted) {
      if (!(this.peakF > 0) || equityF > this.peakF * this.ddKeep * (1 + 1e-9) + 1e-6) return null;
      const peak = exact(this.peak);
      if (exact(equity).gt(peak.times(Decimal.sub(1, this.maxDd)))) return null;
      this.drawdownAt = peak.minus(exact(equity)).div(peak);
    }
    const fresh = !this.drawdownHalted;
    if (fresh) this.version++;
    this.drawdownHalted = true;
    return {
      rule: 'max_drawdown_halt', fresh, limit: this.maxDd, actual: this.drawdownAt!, flatten: this.limits.drawdown_action === 'flatten',
      reason: `drawdown reached ${pct(this.drawdownAt!)} of the peak equity ${exact(this.peak).toFixed(2)}; the limit is ${pct(this.maxDd)}: no new positions for the rest of the run`,
    };
  }
}

function pct(x: Decimal): string {
  return `${x.times(100).toDecimalPlaces(4).toFixed()}%`;
}
