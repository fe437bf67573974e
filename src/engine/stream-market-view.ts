// The manager's MarketView on a run that streams its bars: whole bars in memory are read by
// EngineMarketView; a streamed run answers from the slice being run and what it kept of earlier ones.
import { ConfigError, type MarketView } from '../model/index.js';
import { EngineMarketView } from './market-view.js';
import type { EngineVenue } from './engine-venue.js';
import type { SliceFeed } from './slice-feed.js';
import type { MarketSlice } from './market-source.js';

/**
 * MarketView of a streamed run: the latest valid close (the slice being run, then the last valid close
 * of each symbol before it) and the session index (from the feed's session ends). Trailing windows
 * (ATR, return volatility, average daily volume) need bars the stream no longer holds: asking for one
 * is a ConfigError that says so.
 */
export class StreamMarketView implements MarketView {
  private readonly index: ReadonlyMap<string, number>;
  /** Last valid close of each symbol before the slice being run (NaN: none yet). */
  private readonly carry: Float64Array;

  constructor(private readonly feed: SliceFeed, private readonly venue: EngineVenue, private readonly universe: readonly string[]) {
    this.index = new Map(universe.map((s, i) => [s, i] as const));
    this.carry = new Float64Array(universe.length).fill(NaN);
    venue.onSliceDone.push((b) => this.fold(b));
  }

  symbols(): readonly string[] {
    return this.universe;
  }

  private fold(b: MarketSlice): void {
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
  }

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

  atr(): number {
    throw new ConfigError(unsupported('ATR'));
  }

  returnStdev(): number {
    throw new ConfigError(unsupported('return volatility'));
  }

  averageDailyVolume(): number {
    throw new ConfigError(unsupported('average daily volume'));
  }

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

function unsupported(what: string): string {
  return `risk rules that read ${what} over a trailing window need the whole bars in memory; a run streamed from data.catalog does not keep them: use a file run (data.files) or drop the volatility sizing, ATR exits and max_adv_pct from the risk policy`;
}

/** The MarketView of a run: over the whole bars when the source holds them, else streamed. */
export function engineMarketView(feed: SliceFeed, venue: EngineVenue, symbols: readonly string[]): MarketView {
  const whole = feed.source.whole;
  return whole ? new EngineMarketView(whole, () => venue.current) : new StreamMarketView(feed, venue, symbols);
}
