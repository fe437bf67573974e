// The engine's MarketView: prices, volatility and volume of the bars up to the bar being handled,
// computed on demand over a trailing window (the manager asks per signal, not per bar), so nothing
// is kept per bar and no value can depend on a later bar.
import type { AlignedBars, MarketView } from '../model/index.js';

/** Where the engine is: the global index of the bar being handled (−1 before the first), e.g. its venue. */
export interface BarClock {
  readonly current: number;
}

/** Implements MarketView over aligned bars, reading only indices ≤ `now()`. */
export class EngineMarketView implements MarketView {
  private readonly index: ReadonlyMap<string, number>;
  /**
   * The bar being handled. An object read by property (the engine's venue), not a closure: code
   * optimized for one run's view then stays valid for the next run's (same class, no per-run call target).
   */
  private readonly clock: BarClock;
  /** The bar of the latest session() answer, and the answer (a signal asks for it more than once). */
  private sessionAt = -1;
  private sessionIs = -1;
  /** First bar of each session seen so far; sessions are discovered as `now` advances. */
  private readonly sessionStarts: number[] = [];
  /** Bars scanned for session ends so far (all of them < this are counted). */
  private scanned = 0;
  /** Volume of each complete session per symbol, filled as sessions are asked for (each summed once). */
  private readonly sessionVolume = new Map<number, number[]>();

  /**
   * @param bars the run's aligned bars (symbol-major); only indices up to `now()` are read.
   * @param now global index of the bar being handled (−1 before the first): a function, or an object
   *   whose `current` it is (the engine's venue).
   */
  constructor(private readonly bars: AlignedBars, now: (() => number) | BarClock) {
    this.index = new Map(bars.symbols.map((s, i) => [s, i] as const));
    this.clock = typeof now === 'function' ? { get current() { return now(); } } : now;
  }

  private now(): number {
    return this.clock.current;
  }

  /** MarketView: the universe. */
  symbols(): readonly string[] {
    return this.bars.symbols;
  }

  /** MarketView: latest valid close at or before now. */
  close(symbol: string): number {
    const s = this.index.get(symbol);
    const t = this.now();
    if (s === undefined || t < 0) return NaN;
    const c = this.bars.close;
    const base = s * this.bars.length;
    for (let k = t; k >= 0; k--) {
      const v = c[base + k]!;
      if (v === v) return v;
    }
    return NaN;
  }

  /** MarketView: mean true range of the last `window` valid bars. */
  atr(symbol: string, window: number): number {
    const s = this.index.get(symbol);
    const t = this.now();
    if (s === undefined || t < 0 || window < 1) return NaN;
    const { high, low, close, length } = this.bars;
    const base = s * length;
    let sum = 0, n = 0;
    // walk back over valid bars: bar k's TR needs the previous valid close
    let k = t;
    while (k >= 0 && close[base + k] !== close[base + k]) k--;
    while (n < window) {
      let j = k - 1;
      while (j >= 0 && close[base + j] !== close[base + j]) j--;
      if (j < 0) return NaN;
      const pc = close[base + j]!;
      const h = high[base + k]!, l = low[base + k]!;
      sum += (h > pc ? h : pc) - (l < pc ? l : pc);
      n++;
      k = j;
    }
    return sum / n;
  }

  /** MarketView: sample standard deviation of the last `window` close-to-close returns. */
  returnStdev(symbol: string, window: number): number {
    const s = this.index.get(symbol);
    const t = this.now();
    if (s === undefined || t < 0 || window < 2) return NaN;
    const { close, length } = this.bars;
    const base = s * length;
    let sum = 0, sum2 = 0, n = 0;
    let k = t;
    while (k >= 0 && close[base + k] !== close[base + k]) k--;
    while (n < window) {
      let j = k - 1;
      while (j >= 0 && close[base + j] !== close[base + j]) j--;
      if (j < 0) return NaN;
      const r = close[base + k]! / close[base + j]! - 1;
      sum += r;
      sum2 += r * r;
      n++;
      k = j;
    }
    const mean = sum / n;
    const v = (sum2 - n * mean * mean) / (n - 1);
    return Math.sqrt(v > 0 ? v : 0);
  }

  /** MarketView: mean session volume over up to `days` complete sessions before the current one. */
  averageDailyVolume(symbol: string, days: number): number {
    const s = this.index.get(symbol);
    const session = this.session();
    if (s === undefined || session < 1 || days < 1) return NaN;
    let sums = this.sessionVolume.get(s);
    if (!sums) this.sessionVolume.set(s, (sums = []));
    const vol = this.bars.volume;
    const base = s * this.bars.length;
    // sum each complete session before the current one once
    for (let k = sums.length; k < session; k++) {
      let v = 0;
      for (let t = this.sessionStarts[k]!, end = this.sessionStarts[k + 1]!; t < end; t++) v += vol[base + t]!;
      sums.push(v);
    }
    const first = Math.max(0, session - days);
    let sum = 0;
    for (let k = first; k < session; k++) sum += sums[k]!;
    return sum / (session - first);
  }

  /** MarketView: index of the current bar's session, counting session ends up to now. */
  session(): number {
    const t = this.now();
    if (t < 0) return -1;
    if (t === this.sessionAt) return this.sessionIs;
    const de = this.bars.dayEnd;
    const starts = this.sessionStarts;
    if (starts.length === 0) starts.push(0);
    // a session ends at a day-end bar; the next bar starts the next session (bars before t only)
    let k = this.scanned;
    for (; k < t; k++) if (de[k] === 1) starts.push(k + 1);
    if (k > this.scanned) this.scanned = k;
    let i = starts.length - 1;
    while (starts[i]! > t) i--;
    this.sessionAt = t;
    this.sessionIs = i;
    return i;
  }
}
