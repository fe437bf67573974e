// The manager's MarketView on a run that streams its bars: whole bars in memory are read by
// EngineMarketView; a streamed run answers from the slice being run and what it kept of earlier ones
// (the last valid close, and trailing rings of bars and session volumes sized from the risk policy).
import { ConfigError, KernelError, type MarketView } from '../model/index.js';
import type { RiskPolicy } from '../manager/index.js';
import { EngineMarketView } from './market-view.js';
import type { EngineVenue } from './engine-venue.js';
import type { SliceFeed } from './slice-feed.js';
import type { MarketSlice } from './market-source.js';

/** The longest trailing windows a run's MarketView must answer (0: none). */
export interface MarketWindows {
  /** Longest ATR / return-volatility window, in valid bars. */
  readonly bars: number;
  /** Longest average-daily-volume window, in sessions. */
  readonly sessions: number;
}

/**
 * Every trailing window a risk policy can ask the MarketView for: the sizing rule's window
 * (volatility_target, inverse_volatility), the ATR windows of its stop-loss and take-profit, and
 * `adv_days` when `max_adv_pct` is set. No policy (the legacy sizing: fixed quantity or fraction) reads none.
 */
export function marketWindows(policy: RiskPolicy | undefined): MarketWindows {
  if (!policy) return { bars: 0, sessions: 0 };
  const rule = policy.sizing.rule;
  let bars = rule.method === 'volatility_target' || rule.method === 'inverse_volatility' ? rule.window : 0;
  for (const x of [policy.stops.stop_loss, policy.stops.take_profit]) if (x && 'atr' in x && x.window > bars) bars = x.window;
  return { bars, sessions: policy.limits.max_adv_pct !== undefined ? policy.limits.adv_days : 0 };
}

/**
 * MarketView of a streamed run, answering exactly as EngineMarketView over the whole bars would:
 * the latest valid close (the slice being run, then the last valid close of each symbol before it),
 * the session index (from the feed's session ends), and the trailing windows from rings kept per
 * symbol as bars pass: the high, low and close of the last `windows.bars + 1` valid bars, and the
 * volume of the last `windows.sessions + 1` complete sessions. Bars are folded into the rings up to
 * the bar being run when a window is asked for, and the rest of each slice when it is done, so no
 * answer reads a later bar. A window longer than the rings were sized for is a ConfigError.
 */
export class StreamMarketView implements MarketView {
  private readonly index: ReadonlyMap<string, number>;
  /** Last valid close of each symbol before the slice being run (NaN: none yet). */
  private readonly carry: Float64Array;
  /** Valid bars kept per symbol (windows.bars + 1: a window of n needs n + 1 bars). */
  private readonly cap: number;
  /** Rings of the last `cap` valid bars' high, low and close, symbol-major (`cap` per symbol). */
  private readonly ringHigh: Float64Array;
  private readonly ringLow: Float64Array;
  private readonly ringClose: Float64Array;
  /** Valid bars seen per symbol (the ring's newest is at (seen − 1) mod cap). */
  private readonly seen: Float64Array;
  /** Complete session volumes kept per symbol (windows.sessions + 1: the session ending at the current bar is folded with it). */
  private readonly dayCap: number;
  /** Rings of the last `dayCap` complete sessions' volumes, symbol-major. */
  private readonly ringVolume: Float64Array;
  /** Volume of each symbol's session in progress so far. */
  private readonly dayVolume: Float64Array;
  /** Sessions completed (the same for every symbol). */
  private days = 0;
  /** Bars folded into the rings: every bar < this. */
  private folded = 0;

  /**
   * @param feed the run's slice feed (session ends).
   * @param venue the run's venue (bar being handled, slice being run, slice-done hook).
   * @param universe the run's symbols, in column order.
   * @param windows the longest trailing windows that will be asked for (see {@link marketWindows}).
   */
  constructor(private readonly feed: SliceFeed, private readonly venue: EngineVenue, private readonly universe: readonly string[], private readonly windows: MarketWindows) {
    const n = universe.length;
    this.index = new Map(universe.map((s, i) => [s, i] as const));
    this.carry = new Float64Array(n).fill(NaN);
    this.cap = windows.bars > 0 ? windows.bars + 1 : 0;
    this.ringHigh = new Float64Array(n * this.cap);
    this.ringLow = new Float64Array(n * this.cap);
    this.ringClose = new Float64Array(n * this.cap);
    this.seen = new Float64Array(this.cap > 0 ? n : 0);
    this.dayCap = windows.sessions > 0 ? windows.sessions + 1 : 0;
    this.ringVolume = new Float64Array(n * this.dayCap);
    this.dayVolume = new Float64Array(this.dayCap > 0 ? n : 0);
    venue.onSliceDone.push((b) => this.sliceDone(b));
  }

  /** MarketView: the universe. */
  symbols(): readonly string[] {
    return this.universe;
  }

  private sliceDone(b: MarketSlice): void {
    const T = b.length;
    for (let s = 0; s < this.carry.length; s++) {
      for (let k = T - 1; k >= 0; k--) {
        const v = b.close[s * T + k]!;
        if (v === v) {
          this.carry[s] = v;
          break;
        }
      }
    }
    this.fold(b, b.offset + T);
  }

  // folds the bars of slice b from `folded` up to (not including) global index `to` into the rings
  private fold(b: MarketSlice, to: number): void {
    const from = this.folded;
    if (to <= from) return;
    this.folded = to;
    const T = b.length, o = b.offset;
    if (from < o) throw new KernelError(`stream market view: bars ${from}–${o - 1} were never folded (a slice ended without its slice-done call)`);
    const cap = this.cap, dayCap = this.dayCap;
    if (cap > 0) {
      const { high, low, close } = b;
      for (let s = 0; s < this.universe.length; s++) {
        const base = s * T - o, rb = s * cap;
        let n = this.seen[s]!;
        for (let t = from; t < to; t++) {
          const c = close[base + t]!;
          if (c !== c) continue;
          const i = rb + (n % cap);
          this.ringHigh[i] = high[base + t]!;
          this.ringLow[i] = low[base + t]!;
          this.ringClose[i] = c;
          n++;
        }
        this.seen[s] = n;
      }
    }
    if (dayCap > 0) {
      const { volume, dayEnd } = b;
      const days = this.days;
      let ended = 0;
      for (let s = 0; s < this.universe.length; s++) {
        const base = s * T - o, rb = s * dayCap;
        // summed in bar order from 0, as EngineMarketView sums a session
        let v = this.dayVolume[s]!, d = days;
        for (let t = from; t < to; t++) {
          v += volume[base + t]!;
          if (dayEnd[t - o] === 1) {
            this.ringVolume[rb + (d % dayCap)] = v;
            d++;
            v = 0;
          }
        }
        this.dayVolume[s] = v;
        ended = d - days;
      }
      this.days = days + ended;
    }
  }

  // folds the slice being run up to the bar being handled (all earlier slices are folded when done)
  private sync(): void {
    const b = this.venue.slice;
    if (!b) return;
    const t = this.venue.current;
    const end = b.offset + b.length;
    this.fold(b, t + 1 < end ? t + 1 : end);
  }

  private tooLong(what: string, window: number, kept: number, unit: string): ConfigError {
    return new ConfigError(`stream market view: ${what}(${window}) reads a trailing window of ${window} ${unit}, but this streamed run keeps only ${kept} (the longest window its risk policy reads)`);
  }

  /** MarketView: latest valid close at or before the bar being handled. */
  close(symbol: string): number {
    const s = this.index.get(symbol);
    const t = this.venue.current;
    const b = this.venue.slice;
    if (s === undefined || t < 0) return NaN;
    // between slices (after the last one) the carried closes are the latest
    if (!b) return this.carry[s]!;
    const T = b.length;
    for (let k = Math.min(t - b.offset, T - 1); k >= 0; k--) {
      const v = b.close[s * T + k]!;
      if (v === v) return v;
    }
    return this.carry[s]!;
  }

  /** MarketView: mean true range of the last `window` valid bars (≤ windows.bars). */
  atr(symbol: string, window: number): number {
    if (window > this.windows.bars) throw this.tooLong('ATR', window, this.windows.bars, 'bars');
    const s = this.index.get(symbol);
    if (s === undefined || this.venue.current < 0 || window < 1) return NaN;
    this.sync();
    const n = this.seen[s]!, cap = this.cap, rb = s * cap;
    if (n < window + 1) return NaN;
    // newest first, as EngineMarketView sums: bar k's TR with the previous valid close
    let sum = 0;
    for (let i = 1; i <= window; i++) {
      const k = rb + ((n - i) % cap);
      const pc = this.ringClose[rb + ((n - i - 1) % cap)]!;
      const h = this.ringHigh[k]!, l = this.ringLow[k]!;
      sum += (h > pc ? h : pc) - (l < pc ? l : pc);
    }
    return sum / window;
  }

  /** MarketView: sample standard deviation of the last `window` close-to-close returns (≤ windows.bars). */
  returnStdev(symbol: string, window: number): number {
    if (window > this.windows.bars) throw this.tooLong('return volatility', window, this.windows.bars, 'returns');
    const s = this.index.get(symbol);
    if (s === undefined || this.venue.current < 0 || window < 2) return NaN;
    this.sync();
    const n = this.seen[s]!, cap = this.cap, rb = s * cap;
    if (n < window + 1) return NaN;
    let sum = 0, sum2 = 0;
    for (let i = 1; i <= window; i++) {
      const r = this.ringClose[rb + ((n - i) % cap)]! / this.ringClose[rb + ((n - i - 1) % cap)]! - 1;
      sum += r;
      sum2 += r * r;
    }
    const mean = sum / window;
    const v = (sum2 - window * mean * mean) / (window - 1);
    return Math.sqrt(v > 0 ? v : 0);
  }

  /** MarketView: mean session volume over up to `days` (≤ windows.sessions) complete sessions before the current one. */
  averageDailyVolume(symbol: string, days: number): number {
    if (days > this.windows.sessions) throw this.tooLong('average daily volume', days, this.windows.sessions, 'sessions');
    const s = this.index.get(symbol);
    const session = this.session();
    if (s === undefined || session < 1 || days < 1) return NaN;
    this.sync();
    // every session ending before the bar being handled is folded (and the current one when it ends
    // at this bar: the ring keeps windows.sessions + 1, so the `days` before the current one are in it)
    const first = Math.max(0, session - days), rb = s * this.dayCap;
    let sum = 0;
    for (let k = first; k < session; k++) sum += this.ringVolume[rb + (k % this.dayCap)]!;
    return sum / (session - first);
  }

  /** MarketView: index of the current bar's session, counting the session ends before it. */
  session(): number {
    const t = this.venue.current;
    if (t < 0) return -1;
    // sessions before t's: the day ends before t (all read already: they precede the bar being run)
    const e = this.feed.ends;
    let lo = 0, hi = e.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (e[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * The MarketView of a run: over the whole bars when the source holds them, else streamed with rings
 * sized for `windows` (the longest trailing windows the run's risk policy reads: {@link marketWindows}).
 */
export function engineMarketView(feed: SliceFeed, venue: EngineVenue, symbols: readonly string[], windows: MarketWindows): MarketView {
  const whole = feed.source.whole;
  return whole ? new EngineMarketView(whole, venue) : new StreamMarketView(feed, venue, symbols, windows);
}
