// The market the engine's execution service trades in: bars of the aligned timeline (with optional
// VWAP and quote columns), the simulate kernel's order table and marks, and the session calendar.
import { isoUtc, type AlignedBars } from '../model/index.js';
import { utcOffsetMs, parseIsoDate } from '../data/index.js';
import type { OrderTable, SimulateKernel } from '../kernels/index.js';
import type { Venue, VenueBar } from '../execution/index.js';

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

/** Implements the execution service's Venue over the engine's bars and kernel. */
export class EngineVenue implements Venue {
  /** Global index of the bar being handled (−1 before the first). */
  current = -1;
  /** Index of the session end (day-end bar) of each bar. */
  private readonly sessionEndOf: Int32Array;
  /** Day-end bar indices in order, and the local date (day number) of each. */
  readonly sessionEnds: number[] = [];
  readonly sessionDays: number[] = [];
  /** Symbols renamed by a corporate action to a symbol outside the universe, mapped to their column. */
  private readonly aliases = new Map<string, number>();
  /** The symbol each column's position is booked under in the ledger. */
  readonly columnSymbol: string[];

  constructor(private readonly sim: SimulateKernel, readonly bars: MarketBars, private readonly index: ReadonlyMap<string, number>) {
    const T = bars.length;
    const endOf = new Int32Array(T);
    const de = bars.dayEnd;
    let end = T - 1;
    for (let t = T - 1; t >= 0; t--) {
      if (de[t] === 1) end = t;
      endOf[t] = end;
    }
    this.sessionEndOf = endOf;
    // sessions end at about the same local time every day (a DST change or a half day moves it by
    // hours, never by half a day), so whole days between session ends count calendar days; one zone
    // lookup anchors the first session's local date
    let day0 = 0, ms0 = 0;
    const ts = bars.tsMs;
    for (let t = 0; t < T; t++) {
      if (de[t] !== 1) continue;
      const ms = ts[t]!;
      if (this.sessionEnds.length === 0) {
        day0 = localDay(ms, bars.timezone);
        ms0 = ms;
      }
      this.sessionEnds.push(t);
      this.sessionDays.push(day0 + Math.round((ms - ms0) / DAY_MS));
    }
    this.columnSymbol = [...bars.symbols];
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
    const b = this.bars;
    const k = s * b.length + t;
    const opt = (c: Float64Array | undefined): number => (c ? c[k]! : NaN);
    return {
      time: isoUtc(b.tsMs[t]!), open: b.open[k]!, high: b.high[k]!, low: b.low[k]!, close: b.close[k]!, volume: b.volume[k]!,
      vwap: opt(b.vwap), bidOpen: opt(b.bidOpen), askOpen: opt(b.askOpen), bidClose: opt(b.bidClose), askClose: opt(b.askClose),
    };
  }

  lastPrice(s: number): number {
    return this.sim.mark(s);
  }

  nextSessionStart(t: number): number {
    return t >= this.bars.length - 1 ? this.bars.length : this.sessionEndOf[t]! + 1;
  }

  sessionEnd(t: number): number {
    return t >= this.bars.length ? this.bars.length : this.sessionEndOf[Math.max(t, 0)]!;
  }

  lastBarOn(date: string): number {
    const day = parseIsoDate(date);
    if (day === undefined) return -1;
    let lo = 0, hi = this.sessionDays.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.sessionDays[mid]! <= day) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? -1 : this.sessionEnds[found]!;
  }

  time(t: number): string {
    return isoUtc(this.bars.tsMs[Math.min(Math.max(t, 0), this.bars.length - 1)]!);
  }
}

/** The local calendar day number (days since 1970-01-01) of an instant in `zone`. */
export function localDay(ms: number, zone: string): number {
  return Math.floor((ms + utcOffsetMs(ms, zone)) / DAY_MS);
}
