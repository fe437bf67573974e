// What reporting keeps of the market while a run streams its bars slice by slice: the timeline,
// the count of valid bars, the benchmark's close at each day end and the chart symbol's closes.
// Memory grows with the timeline's length (one or two numbers per timestamp), never with the universe.
import { DataError, type AlignedBars } from '../model/index.js';
import { pushDayEnds } from '../model/day-ends.js';
import { minMaxCount, pick } from './downsample.js';
import { localDateKey } from './local-date.js';
import type { BenchmarkSeries, PriceSeries } from './results.js';

/** What collectResults needs of the market a run saw. */
export interface MarketRecord {
  readonly symbols: readonly string[];
  readonly timezone: string;
  /** Timestamps of the run's timeline. */
  readonly length: number;
  /** The timeline in ms (for the trades' bar indices and the bar-level equity file). */
  readonly tsMs: Float64Array;
  /** Symbol-bars with a valid close. */
  readonly validBars: number;
  readonly benchmark: BenchmarkSeries | null;
  readonly price: PriceSeries | null;
}

/** Settings of a {@link MarketRecorder}. */
export interface MarketRecordOptions {
  readonly symbols: readonly string[];
  readonly timezone: string;
  /** Symbol of the buy-and-hold benchmark, or null for none. */
  readonly benchmark: string | null;
  /** Symbol whose price report.html draws. */
  readonly chartSymbol: string;
  /** Buckets of the chart's min/max downsampling. */
  readonly chartPoints: number;
}

function symbolIndex(symbols: readonly string[], symbol: string, key: string): number {
  const s = symbols.indexOf(symbol);
  if (s < 0) throw new DataError(`\`${key}\`: symbol ${symbol} is not in the data (symbols: ${symbols.join(', ')})`);
  return s;
}

/** A growable column of float64 values; may hold a first chunk it was lent without copying it. */
class Column {
  data: Float64Array = new Float64Array(0);
  length = 0;
  private lent = false;
  push(src: Float64Array, from: number, to: number, lend = false): void {
    const n = to - from;
    if (lend && this.length === 0) {
      this.data = src.subarray(from, to);
      this.length = n;
      this.lent = true;
      return;
    }
    if (this.lent || this.length + n > this.data.length) {
      this.lent = false;
      const grown = new Float64Array(Math.max(this.length + n, this.data.length * 2));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(src.subarray(from, to), this.length);
    this.length += n;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** Entries of `c[from, to)` that are not NaN. */
function validIn(c: Float64Array, from: number, to: number): number {
  let valid = 0;
  for (let i = from; i < to; i++) if (c[i] === c[i]) valid++;
  return valid;
}

/** The last index in `[from, to]` with a positive close `c[i] > 0` (NaN is not), or −1 when there is none. */
function lastPriced(c: Float64Array, from: number, to: number): number {
  let i = to;
  while (i >= from && !(c[i]! > 0)) i--;
  return i >= from ? i : -1;
}

/** The first index in `[from, to)` with a positive open or close, or `to` when there is none. */
function firstPriced(open: Float64Array, c: Float64Array, from: number, to: number): number {
  let i = from;
  while (i < to && !(open[i]! > 0) && !(c[i]! > 0)) i++;
  return i;
}

/**
 * Records, slice by slice in timeline order, what the saved results need of the bars. Gives the
 * same numbers as reading the whole bars at the end: buy and hold of the benchmark bought at its
 * first valid open (its first close when that open is missing) and valued at the last valid close
 * at or before each day end; the chart symbol's closes downsampled by {@link minMaxCount}.
 */
export class MarketRecorder {
  private readonly bench: number;
  private readonly chart: number;
  private readonly ts = new Column();
  private readonly chartClose = new Column();
  private valid = 0;
  private start = NaN;
  private last = NaN;
  private readonly day: string[] = [];
  private readonly close: number[] = [];
  /** The day ends of the slice being added (re-used). */
  private readonly ends: number[] = [];

  constructor(private readonly o: MarketRecordOptions) {
    this.bench = o.benchmark === null ? -1 : symbolIndex(o.symbols, o.benchmark, 'reporting.benchmark');
    this.chart = symbolIndex(o.symbols, o.chartSymbol, 'reporting.chart_symbol');
  }

  /**
   * Adds the next slice of the timeline (symbol-major columns of `slice.length` per symbol). `lend`:
   * the slice's arrays stay unchanged for the recorder's life, so a first slice is kept without a copy.
   */
  add(slice: AlignedBars, lend = false): void {
    const T = slice.length;
    const c = slice.close;
    // valid closes of every symbol but the chart symbol's (counted by the downsampling pass in finish)
    for (let s = 0, n = Math.ceil(c.length / T); s < n; s++) if (s !== this.chart) this.valid += validIn(c, s * T, Math.min(s * T + T, c.length));
    this.ts.push(slice.tsMs, 0, T, lend);
    this.chartClose.push(c, this.chart * T, (this.chart + 1) * T, lend);
    if (this.bench >= 0) this.addBenchmark(slice);
  }

  // The benchmark's start price and its last positive close at each day end. That close is found
  // by looking back from the day end to the bar after the previous one (usually the day end itself
  // has it), so the bars in between are not visited one by one.
  private addBenchmark(slice: AlignedBars): void {
    const T = slice.length;
    const base = this.bench * T;
    const c = slice.close, open = slice.open, tsMs = slice.tsMs;
    let start = this.start, last = this.last;
    // before bar `first` the benchmark has no price yet (0 once it has started)
    let first = 0;
    if (!(start > 0)) {
      // the first bar with a positive open or close buys: at its open, else at its close
      first = firstPriced(open, c, base, base + T) - base;
      if (first < T) {
        const o = open[base + first]!;
        start = last = o > 0 ? o : c[base + first]!;
      }
    }
    // bars [from, t] are those after the previous day end (from `first` on)
    let from = first;
    const ends = this.ends;
    ends.length = 0;
    pushDayEnds(ends, slice.dayEnd, 0, T);
    for (let e = 0; e < ends.length; e++) {
      const t = ends[e]!;
      this.day.push(localDateKey(tsMs[t]!, this.o.timezone));
      if (t < first) {
        // no price yet: NaN, as finish expects
        this.close.push(NaN);
        continue;
      }
      const k = lastPriced(c, base + from, base + t);
      if (k >= 0) last = c[k]!;
      this.close.push(last);
      from = t + 1;
    }
    // the bars after the last day end carry their last close into the next slice
    if (from < T) {
      const k = lastPriced(c, base + from, base + T - 1);
      if (k >= 0) last = c[k]!;
    }
    this.start = start;
    this.last = last;
  }

  /** The record of everything added. */
  finish(): MarketRecord {
    const tsMs = this.ts.view();
    const closes = this.chartClose.view();
    const { indices: idx, valid: chartBars } = minMaxCount(closes, this.o.chartPoints);
    // before the benchmark's first valid price its day ends hold NaN: the series starts at its first bar
    const benchmark = this.bench < 0 || !(this.start > 0) ? null
      : { symbol: this.o.benchmark!, start_price: this.start, day: this.day, close: this.close.map((x) => (x > 0 ? x : this.start)) };
    return {
      symbols: this.o.symbols, timezone: this.o.timezone, length: tsMs.length, tsMs, validBars: this.valid + chartBars, benchmark,
      price: tsMs.length > 0 ? { symbol: this.o.chartSymbol, bars: chartBars, time_ms: pick(tsMs, idx), close: pick(closes, idx) } : null,
    };
  }
}

/** The record of whole bars (one slice). */
export function recordBars(bars: AlignedBars, o: Omit<MarketRecordOptions, 'symbols' | 'timezone'>): MarketRecord {
  const r = new MarketRecorder({ ...o, symbols: bars.symbols, timezone: bars.timezone });
  r.add(bars, true);
  return r.finish();
}
