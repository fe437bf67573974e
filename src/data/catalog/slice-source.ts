// The universe as a sequence of aligned time slices read from the catalog row group by row group:
// every symbol on the union of timestamps (NaN prices and zero volume where a symbol has no bar),
// symbol-major like AlignedBars. Memory depends on the slice size and the universe, not on history.
import type { AlignedBars } from '../../model/bars.js';
import { dayEndFlags } from '../calendar.js';
import { compareNs, int64Words, nsToMs } from '../int64-ns.js';
import { Lane } from './lane.js';
import { openLanes, type SliceSourceOptions } from './slice-lanes.js';

/**
 * Anything that hands out aligned slices in timeline order: the catalog reader ({@link SliceSource})
 * and whole bars held in memory (MemorySliceSource). The engine runs on either through one loop.
 */
export interface AlignedSliceSource {
  readonly symbols: readonly string[];
  readonly timezone: string;
  /** Names of the extra columns every slice carries. */
  readonly extraColumns: readonly string[];
  /** Most timestamps a slice holds. */
  readonly sliceRows: number;
  /** Upper bound of the rows to read, summed over symbols (for progress displays). */
  readonly plannedRows: number;
  /** The next slice (offset = timestamps handed out before it), or null at the end. */
  nextSlice(): AlignedSlice | null;
  /** Stops reading (closes files). */
  close(): void;
}

/** One slice: AlignedBars over a window of the timeline, plus where it sits and any extra columns. */
export interface AlignedSlice extends AlignedBars {
  /** Timeline index of this slice's first timestamp (0 for the first slice). */
  readonly offset: number;
  /** Requested extra columns (quotes, factors, `adj_*` prices), symbol-major; NaN where a symbol has no row. */
  readonly extra: Readonly<Record<string, Float64Array>>;
}

const BAR_COUNT = 5;

/**
 * A streaming reader of aligned slices. Iterate it once (`for (const s of source)`); call
 * {@link SliceSource.close} when stopping early. Slices hold at most `sliceRows` timestamps; `dayEnd`
 * is exact across slice boundaries (the next timestamp is looked at before a slice is handed out).
 */
export class SliceSource implements Iterable<AlignedSlice>, AlignedSliceSource {
  readonly symbols: readonly string[];
  readonly timezone: string;
  readonly dataset: string;
  /** Names of the extra columns every slice carries. */
  readonly extraColumns: readonly string[];
  /** Upper bound of the rows to read (partitions overlapping the range), for progress displays. */
  readonly plannedRows: number;
  /** Rows read from the catalog and timestamps handed out so far. */
  rowsRead = 0;
  timestamps = 0;
  private readonly lanes: Lane[];
  /** Most timestamps a slice holds. */
  readonly sliceRows: number;
  private readonly reuse: boolean;
  private union = new Int32Array(0);
  private scratch = new Int32Array(0);
  private out: { ts: BigInt64Array; cols: Float64Array[] } | undefined;
  private started = false;

  constructor(options: SliceSourceOptions) {
    const o = openLanes(options);
    this.symbols = o.symbols;
    this.timezone = o.zone;
    this.dataset = o.dataset;
    this.extraColumns = o.extra;
    this.plannedRows = o.plannedRows;
    this.lanes = o.streams.map((s) => new Lane(s));
    this.sliceRows = Math.max(1, Math.floor(options.sliceRows ?? 4096));
    this.reuse = options.reuse ?? false;
  }

  [Symbol.iterator](): Iterator<AlignedSlice> {
    if (this.started) throw new Error('a SliceSource can be iterated once; open another for a second pass');
    this.started = true;
    return { next: () => {
      const s = this.nextSlice();
      return s ? { value: s, done: false } : { value: undefined, done: true };
    }, return: () => {
      this.close();
      return { value: undefined, done: true };
    } };
  }

  /** Stops reading, closes every file and lets go of the buffers (a slice handed out stays valid). */
  close(): void {
    for (const l of this.lanes) l.release();
    this.out = undefined;
    this.union = new Int32Array(0);
    this.scratch = new Int32Array(0);
  }

  /** The next slice, or null at the end of the data. */
  nextSlice(): AlignedSlice | null {
    const R = this.sliceRows;
    const lanes = this.lanes;
    for (const l of lanes) l.fill(R);
    // Every lane still reading holds all its rows up to its last buffered one: cut there, and where a
    // lane alone already has R rows, at its R-th row (a slice never needs more than R timestamps).
    let cut: Lane | undefined;
    let cutAt = -1;
    const consider = (l: Lane, i: number): void => {
      if (!cut || compareNs(l.words, i, cut.words, cutAt) < 0) {
        cut = l;
        cutAt = i;
      }
    };
    for (const l of lanes) {
      if (l.remaining === 0) continue;
      if (!l.exhausted) consider(l, l.len - 1);
      if (l.remaining >= R) consider(l, l.pos + R - 1);
    }
    const ends = new Int32Array(lanes.length);
    let any = false;
    lanes.forEach((l, j) => {
      ends[j] = cut ? l.upperBound(cut.words, cutAt) : l.len;
      if (ends[j]! > l.pos) any = true;
    });
    if (!any) return null;
    let T = this.buildUnion(ends);
    if (T > R) {
      T = R;
      const u = this.union;
      lanes.forEach((l, j) => {
        ends[j] = l.upperBound(u, T - 1);
      });
    }
    return this.scatter(T, ends);
  }

  /** Writes the sorted union of the lanes' windows `[pos, ends)` into `this.union`; returns its length. */
  private buildUnion(ends: Int32Array): number {
    let n = 0;
    this.lanes.forEach((l, j) => {
      const m = ends[j]! - l.pos;
      if (m <= 0) return;
      if (this.union.length < 2 * (n + m)) this.grow(2 * (n + m));
      const u = this.union;
      const w = l.words;
      // Usual case: the window has exactly the union's timestamps. Compared as float64 bit patterns:
      // equal patterns compare equal (except NaN patterns, which only send the lane to the merge below).
      if (m === n) {
        const uf = new Float64Array(u.buffer, u.byteOffset, n);
        const lf = new Float64Array(l.ts.buffer, l.ts.byteOffset + 8 * l.pos, n);
        let i = 0;
        while (i < n && uf[i] === lf[i]) i++;
        if (i === n) return;
      }
      const s = this.scratch;
      let a = 0;
      let b = l.pos;
      let k = 0;
      const bEnd = ends[j]!;
      while (a < n || b < bEnd) {
        const c = a >= n ? 1 : b >= bEnd ? -1 : compareNs(u, a, w, b);
        if (c <= 0) {
          s[2 * k] = u[2 * a]!;
          s[2 * k + 1] = u[2 * a + 1]!;
          a++;
          if (c === 0) b++;
        } else {
          s[2 * k] = w[2 * b]!;
          s[2 * k + 1] = w[2 * b + 1]!;
          b++;
        }
        k++;
      }
      this.scratch = u;
      this.union = s;
      n = k;
    });
    return n;
  }

  private grow(words: number): void {
    const cap = Math.max(words, this.union.length * 2);
    const u = new Int32Array(cap);
    u.set(this.union);
    this.union = u;
    this.scratch = new Int32Array(cap);
  }

  /** Builds the slice of `T` union timestamps: each lane's rows scattered onto it; advances the lanes. */
  private scatter(T: number, ends: Int32Array): AlignedSlice {
    const K = this.lanes.length;
    const ncol = BAR_COUNT + this.extraColumns.length;
    let out = this.out;
    if (!this.reuse || !out || out.ts.length !== T) {
      out = { ts: new BigInt64Array(T), cols: Array.from({ length: ncol }, () => new Float64Array(K * T)) };
      if (this.reuse) this.out = out;
    }
    const tw = int64Words(out.ts);
    tw.set(this.union.subarray(0, 2 * T));
    let rows = 0;
    const cols = out.cols;
    this.lanes.forEach((l, j) => {
      const a = l.pos;
      const b = ends[j]!;
      const base = j * T;
      if (b - a === T) {
        // The lane has a row at every timestamp of the slice: a straight copy per column.
        for (let c = 0; c < ncol; c++) cols[c]!.set(l.cols[c]!.subarray(a, b), base);
      } else {
        for (let c = 0; c < ncol; c++) cols[c]!.fill(c === 4 ? 0 : NaN, base, base + T);
      }
      if (b - a !== T && b > a) {
        const w = l.words;
        const [o, h, lo, cl, v] = cols as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
        const [so, sh, sl, sc, sv] = l.cols as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
        let t = 0;
        for (let i = a; i < b; i++) {
          while (compareNs(tw, t, w, i) < 0) t++;
          const at = base + t;
          o[at] = so[i]!;
          h[at] = sh[i]!;
          lo[at] = sl[i]!;
          cl[at] = sc[i]!;
          v[at] = sv[i]!;
          for (let c = BAR_COUNT; c < ncol; c++) cols[c]![at] = l.cols[c]![i]!;
        }
      }
      rows += b - a;
      l.pos = b;
    });
    this.rowsRead += rows;
    const tsMs = nsToMs(out.ts);
    const offset = this.timestamps;
    this.timestamps += T;
    return {
      symbols: this.symbols, length: T, ts: out.ts, tsMs, dayEnd: this.dayEnds(tsMs), timezone: this.timezone,
      open: out.cols[0]!, high: out.cols[1]!, low: out.cols[2]!, close: out.cols[3]!, volume: out.cols[4]!,
      offset, extra: Object.fromEntries(this.extraColumns.map((c, k) => [c, out.cols[BAR_COUNT + k]!])),
    };
  }

  /** Day-end flags of a slice, the last one decided by the next timestamp of any lane. */
  private dayEnds(tsMs: Float64Array): Uint8Array {
    let next: Lane | undefined;
    for (const l of this.lanes) {
      if (l.remaining === 0) l.fill(1);
      if (l.remaining > 0 && (!next || compareNs(l.words, l.pos, next.words, next.pos) < 0)) next = l;
    }
    if (!next) return dayEndFlags(tsMs, this.timezone);
    const ext = new Float64Array(tsMs.length + 1);
    ext.set(tsMs);
    ext[tsMs.length] = nsToMs(next.ts.subarray(next.pos, next.pos + 1))[0]!;
    return dayEndFlags(ext, this.timezone).subarray(0, tsMs.length);
  }
}

/** Opens a slice source over a catalog; see {@link SliceSourceOptions}. */
export function openSliceSource(options: SliceSourceOptions): SliceSource {
  return new SliceSource(options);
}
