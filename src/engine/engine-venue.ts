// The market the engine's execution service trades in: bars of the slice being run (with optional
// VWAP and quote columns), the simulate kernel's order table and marks, and the session calendar.
import { isoUtc, KernelError, type AlignedBars } from '../model/index.js';
import { utcOffsetMs, parseIsoDate } from '../data/index.js';
import type { OrderTable, SimulateKernel } from '../kernels/index.js';
import type { Venue, VenueBar } from '../execution/index.js';
import type { MarketSlice } from './market-source.js';
import type { SliceFeed } from './slice-feed.js';

/**
 * Optional columns beyond OHLCV, symbol-major like the others (NaN where missing). The data layer
 * provides them where the source has them: `vwap` (e.g. Algoseek minute bars), and the quotes at each
 * bar's open and close from trade-and-quote bars (Algoseek TAQ: first and last bid/ask of the minute).
 */
export interface ExecutionColumns {
  readonly vwap?: Float64Array;
  readonly bidOpen?: Float64Array;
  readonly askOpen?: Float64Array;
  readonly bidClose?: Float64Array;
  readonly askClose?: Float64Array;
}

/** Bars the engine runs on: aligned OHLCV plus whatever execution columns the data has. */
export type MarketBars = AlignedBars & ExecutionColumns;

const DAY_MS = 86_400_000;

/**
 * Implements the execution service's Venue over the engine's slice feed and kernel: bars of the
 * slice being run, and session ends read ahead from the feed only as far as a question needs.
 */
export class EngineVenue implements Venue {
  /** Global index of the bar being handled (−1 before the first). */
  current = -1;
  /** The slice being run (bars are read from it). */
  get slice(): MarketSlice | undefined {
    return this.feed.current ?? undefined;
  }
  /** Called with each slice once it has been run (before the next one starts). */
  readonly onSliceDone: ((slice: MarketSlice) => void)[] = [];
  /** Local day number of each known session end (filled on demand, parallel to the feed's ends). */
  private readonly endDays: number[] = [];
  /** Symbols renamed by a corporate action to a symbol outside the universe, mapped to their column. */
  private readonly aliases = new Map<string, number>();
  /** The symbol each column's position is booked under in the ledger. */
  readonly columnSymbol: string[];

  constructor(private readonly sim: SimulateKernel, readonly feed: SliceFeed, private readonly index: ReadonlyMap<string, number>, symbols: readonly string[], readonly timezone: string) {
    this.columnSymbol = [...symbols];
  }

  get orders(): OrderTable {
    return this.sim.orders;
  }

  now(): number {
    return this.current;
  }

  symbolIndex(symbol: string): number | undefined {
    return this.index.get(symbol) ?? this.aliases.get(symbol);
  }

  /** Books `to` on `from`'s column from now on (a symbol change to a symbol the data does not have). */
  alias(from: string, to: string): void {
    const s = this.symbolIndex(from);
    if (s === undefined || this.index.has(to)) return;
    this.aliases.set(to, s);
    this.columnSymbol[s] = to;
  }

  bar(s: number, t: number): VenueBar {
    const b = this.slice;
    const i = b ? t - b.offset : -1;
    if (!b || i < 0 || i >= b.length) throw new KernelError(`venue: bar ${t} is outside the slice being run`);
    const k = s * b.length + i;
    // (no closure for the optional columns: this runs once per fill)
    return {
      time: isoUtc(b.tsMs[i]!), open: b.open[k]!, high: b.high[k]!, low: b.low[k]!, close: b.close[k]!, volume: b.volume[k]!,
      vwap: optional(b.vwap, k), bidOpen: optional(b.bidOpen, k), askOpen: optional(b.askOpen, k), bidClose: optional(b.bidClose, k), askClose: optional(b.askClose, k),
    };
  }

  lastPrice(s: number): number {
    return this.sim.mark(s);
  }

  nextSessionStart(t: number): number {
    if (!this.feed.ensure(t + 1)) return this.feed.length;
    return this.feed.sessionEndOf(Math.max(t, 0)) + 1;
  }

  sessionEnd(t: number): number {
    if (!this.feed.ensure(t)) return this.feed.length;
    return this.feed.sessionEndOf(Math.max(t, 0));
  }

  lastBarOn(date: string): number {
    const day = parseIsoDate(date);
    if (day === undefined) return -1;
    const ends = this.feed.ends;
    // read ahead until a session after `date` is known (or the data ends)
    while ((ends.length === 0 || this.endDay(ends.length - 1) <= day) && this.feed.readMore());
    let lo = 0, hi = ends.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.endDay(mid) <= day) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? -1 : ends[found]!;
  }

  time(t: number): string {
    if (t > 0) this.feed.ensure(t);
    return isoUtc(this.feed.timeMs(Math.min(Math.max(t, 0), this.feed.length - 1)));
  }

  /** Local day number of bar t (reading ahead to it); undefined when the data ends before it. */
  dayOf(t: number): number | undefined {
    return this.feed.ensure(t) ? localDay(this.feed.timeMs(t), this.timezone) : undefined;
  }

  // local day of the i-th known session end
  private endDay(i: number): number {
    while (this.endDays.length <= i) this.endDays.push(localDay(this.feed.timeMs(this.feed.ends[this.endDays.length]!), this.timezone));
    return this.endDays[i]!;
  }
}

// value k of an optional column, NaN without it
function optional(c: Float64Array | undefined, k: number): number {
  return c ? c[k]! : NaN;
}

/** The local calendar day number (days since 1970-01-01) of an instant in `zone`. */
export function localDay(ms: number, zone: string): number {
  return Math.floor((ms + utcOffsetMs(ms, zone)) / DAY_MS);
}
