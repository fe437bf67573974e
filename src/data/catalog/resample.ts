// Resampling a symbol's rows to coarser bars on the fly: N-minute and hourly bins anchored at 09:30
// local time (09:30–10:30, …, pre-market bins line up the same way), daily bins per local date stamped
// at local midnight (as daily files are). Rules per column, and bars are stamped at their bin's start.
import { localToUtcMs, zoneOffsets } from '../calendar.js';
import { civilFromDays, DAY_MS } from '../../model/civil-date.js';
import { int64Words, readMs, writeNs } from '../int64-ns.js';
import type { RowBatch, RowStream } from './row-stream.js';

/** A bar interval: `minutes` (N-minute or hourly bins) or one bar per local `day`. */
export type Interval = { readonly kind: 'minutes'; readonly minutes: number } | { readonly kind: 'day' };

/** Parses `5m`, `15m`, `1h`, `4h`, `1d` (any whole number of minutes or hours, or `1d`); undefined otherwise. */
export function parseInterval(text: string): Interval | undefined {
  const m = /^(\d+)(m|h|d)$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] === 'd') return n === 1 ? { kind: 'day' } : undefined;
  const minutes = m[2] === 'h' ? n * 60 : n;
  return minutes >= 1 && minutes <= 1440 ? { kind: 'minutes', minutes } : undefined;
}

/** How a column aggregates over a bin. */
export type Rule = 'first' | 'max' | 'min' | 'last' | 'sum' | 'vwap';

/**
 * The rule of a column by name: open* → first, high* / max_spread → max, low* / min_spread → min,
 * close* → last, volume / trades / *_volume → sum, vwap / daily_vwap → volume-weighted mean; any other
 * column (factors, ids) → last. NaN values are skipped (a quote-only minute does not blank a bar's OHLC).
 */
export function ruleOf(column: string): Rule {
  if (column === 'vwap' || column === 'daily_vwap') return 'vwap';
  if (column === 'volume' || column === 'trades' || column.endsWith('_volume')) return 'sum';
  if (column.startsWith('open')) return 'first';
  if (column.startsWith('high') || column === 'max_spread') return 'max';
  if (column.startsWith('low') || column === 'min_spread') return 'min';
  return 'last';
}

const RULE_CODES: Record<Rule, number> = { first: 0, max: 1, min: 2, last: 3, sum: 4, vwap: 5 };

/** Resamples a stream; the input must be a finer, time-ordered stream of the same columns. */
export class ResampleStream implements RowStream {
  readonly columns: readonly string[];
  private readonly rules: Int32Array;
  private readonly volumeCol: number;
  private readonly acc: Float64Array;
  private readonly wsum: Float64Array;
  private readonly wvol: Float64Array;
  private binKey = NaN;
  private binStartMs = 0;
  private done = false;
  private readonly dayStart = new Map<number, number>();

  constructor(private readonly inner: RowStream, private readonly interval: Interval, private readonly zone: string, private readonly originMs = (9 * 60 + 30) * 60_000) {
    this.columns = inner.columns;
    this.rules = Int32Array.from(inner.columns.map((c) => RULE_CODES[ruleOf(c)]));
    this.volumeCol = inner.columns.indexOf('volume');
    this.acc = new Float64Array(inner.columns.length);
    this.wsum = new Float64Array(inner.columns.length);
    this.wvol = new Float64Array(inner.columns.length);
    zoneOffsets(zone);
  }

  next(): RowBatch | null {
    while (!this.done) {
      const b = this.inner.next();
      if (!b) {
        this.done = true;
        return this.binKey === this.binKey ? this.emitLast() : null;
      }
      const out = this.consume(b);
      if (out.n > 0) return out;
    }
    return null;
  }

  close(): void {
    this.inner.close();
  }

  private consume(b: RowBatch): RowBatch {
    const k = this.columns.length;
    const ts = new BigInt64Array(b.n + 1);
    const tw = int64Words(ts);
    const cols = this.columns.map(() => new Float64Array(b.n + 1));
    let n = 0;
    const w = int64Words(b.ts);
    const table = zoneOffsets(this.zone);
    for (let i = 0; i < b.n; i++) {
      const ms = readMs(w, i);
      const local = ms + table.offsetAt(ms);
      const day = Math.floor(local / DAY_MS);
      const tod = local - day * DAY_MS;
      let key: number;
      let start: number;
      if (this.interval.kind === 'day') {
        key = day;
        start = this.localMidnight(day);
      } else {
        const bin = this.interval.minutes * 60_000;
        const j = Math.floor((tod - this.originMs) / bin);
        key = day * 10_000 + j;
        start = ms - (tod - (this.originMs + j * bin));
      }
      if (key !== this.binKey) {
        if (this.binKey === this.binKey) {
          writeNs(tw, n, this.binStartMs, 0);
          for (let c = 0; c < k; c++) cols[c]![n] = this.result(c);
          n++;
        }
        this.binKey = key;
        this.binStartMs = start;
        this.reset();
      }
      for (let c = 0; c < k; c++) this.add(c, b.cols[c]![i]!, this.volumeCol >= 0 ? b.cols[this.volumeCol]![i]! : 0);
    }
    return { n, ts: ts.subarray(0, n), cols: cols.map((c) => c.subarray(0, n)) };
  }

  private emitLast(): RowBatch {
    const ts = new BigInt64Array(1);
    writeNs(int64Words(ts), 0, this.binStartMs, 0);
    const cols = this.columns.map((_, c) => Float64Array.of(this.result(c)));
    this.binKey = NaN;
    return { n: 1, ts, cols };
  }

  private reset(): void {
    this.acc.fill(NaN);
    this.wsum.fill(0);
    this.wvol.fill(0);
    for (let c = 0; c < this.rules.length; c++) if (this.rules[c] === RULE_CODES.sum) this.acc[c] = 0;
  }

  private add(c: number, x: number, v: number): void {
    if (x !== x) return;
    const a = this.acc[c]!;
    switch (this.rules[c]) {
      case 0: if (a !== a) this.acc[c] = x; break;
      case 1: if (a !== a || x > a) this.acc[c] = x; break;
      case 2: if (a !== a || x < a) this.acc[c] = x; break;
      case 3: this.acc[c] = x; break;
      case 4: this.acc[c] = a + x; break;
      default:
        this.acc[c] = x;
        if (v > 0) {
          this.wsum[c] += x * v;
          this.wvol[c] += v;
        }
    }
  }

  private result(c: number): number {
    if (this.rules[c] === RULE_CODES.vwap && this.wvol[c]! > 0) return this.wsum[c]! / this.wvol[c]!;
    return this.acc[c]!;
  }

  private localMidnight(day: number): number {
    let t = this.dayStart.get(day);
    if (t === undefined) {
      const { year, month, day: d } = civilFromDays(day);
      t = localToUtcMs(this.zone, year, month, d, 0, 0, 0);
      this.dayStart.set(day, t);
    }
    return t;
  }
}
