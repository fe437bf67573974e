// momentum_rotation: a multi-asset cross-sectional rotation, event-driven: on the first bar of each
// calendar period, rank the symbols by trailing return and hold the top N.
import { ConfigError } from '../model/index.js';
import type { BarContext, EventStrategy } from './event-strategy.js';
import { LocalCalendar, type CalendarPeriod } from './calendar.js';

const PERIODS: readonly CalendarPeriod[] = ['day', 'week', 'month'];

/**
 * momentum_rotation(lookback, top, rebalance): at the first bar of each new day / week (Monday to
 * Sunday) / month in the data's time zone, the trailing return of each symbol is
 * close(t) / close(t − lookback) − 1 over timeline bars (symbols without both closes are not
 * ranked). Symbols are ranked by return, highest first (ties: the earlier symbol of the run); the
 * top `top` are the target. Held symbols outside the target: CLOSE_LONG; targets not held: OPEN_LONG
 * (closes are signalled first). The first period of the data counts as a rebalance date too, but
 * nothing is ranked until `lookback` bars have passed. Sizing is the manager's.
 */
export class MomentumRotationStrategy implements EventStrategy {
  readonly name = 'momentum_rotation';
  readonly params: Readonly<Record<string, number | string>>;
  readonly lookback: number;
  readonly warmup: number;
  private calendar: LocalCalendar | undefined;
  private lastPeriod = NaN;
  private returns = new Float64Array(0);
  private order: number[] = [];
  /** Local dates (YYYY-MM-DD) of the bars where the strategy ranked the symbols. */
  readonly rebalances: string[] = [];

  constructor(lookback: number, readonly top: number, readonly rebalance: CalendarPeriod) {
    if (!Number.isInteger(lookback) || lookback < 1) throw new ConfigError(`\`strategy.params.lookback\` must be a positive integer (bars); got ${lookback}`);
    if (!Number.isInteger(top) || top < 1) throw new ConfigError(`\`strategy.params.top\` must be a positive integer (symbols to hold); got ${top}`);
    if (!PERIODS.includes(rebalance)) throw new ConfigError(`\`strategy.params.rebalance\` must be one of: ${PERIODS.join(', ')}; got ${JSON.stringify(rebalance)}`);
    this.lookback = lookback;
    this.warmup = lookback + 1;
    this.params = { lookback, top, rebalance };
  }

  onStart(ctx: BarContext): void {
    this.calendar = new LocalCalendar(ctx.timezone);
    this.returns = new Float64Array(ctx.symbols.length);
    this.order = ctx.symbols.map((_, i) => i);
  }

  onBar(ctx: BarContext): void {
    const period = this.calendar!.period(ctx.time, this.rebalance);
    if (period === this.lastPeriod) return;
    this.lastPeriod = period;
    if (ctx.barsSeen <= this.lookback) return;
    const n = ctx.symbols.length;
    let ranked = 0;
    for (let s = 0; s < n; s++) {
      const now = ctx.close(s, 0), then = ctx.close(s, this.lookback);
      const r = now / then - 1;
      this.returns[s] = now > 0 && then > 0 ? r : NaN;
      if (this.returns[s] === this.returns[s]) ranked++;
    }
    if (ranked === 0) return;
    this.rebalances.push(this.calendar!.date(ctx.time));
    const ret = this.returns;
    // NaN last; higher return first; ties by symbol order
    this.order.sort((a, b) => {
      const ra = ret[a]!, rb = ret[b]!;
      if (ra !== ra) return rb !== rb ? a - b : 1;
      if (rb !== rb) return -1;
      return rb - ra || a - b;
    });
    const rankOf = new Int32Array(n).fill(-1);
    this.order.forEach((s, k) => { if (ret[s] === ret[s]) rankOf[s] = k; });
    const pct = (s: number): string => `${(ret[s]! * 100).toFixed(2)}%`;
    for (let s = 0; s < n; s++) {
      if (ctx.position(s) > 0 && !ctx.pending(s) && ctx.close(s) === ctx.close(s) && (rankOf[s]! < 0 || rankOf[s]! >= this.top)) {
        ctx.signal({ symbol: s, intention: 'CLOSE_LONG', reason: `momentum rotation: ${this.lookback}-bar return ${rankOf[s]! < 0 ? 'unknown' : pct(s) + ', rank ' + (rankOf[s]! + 1)}; not in the top ${this.top}` });
      }
    }
    for (let k = 0; k < Math.min(this.top, ranked); k++) {
      const s = this.order[k]!;
      if (ctx.position(s) === 0 && !ctx.pending(s)) {
        ctx.signal({ symbol: s, intention: 'OPEN_LONG', reason: `momentum rotation: ${this.lookback}-bar return ${pct(s)}, rank ${k + 1} of ${ranked}` });
      }
    }
  }
}
