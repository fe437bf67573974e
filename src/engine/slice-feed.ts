// The engine's view of the timeline while bars stream in: slices handed out in order, the
// timestamps and session ends of everything read so far, and reading ahead only when a question
// needs a later bar (where a session ends, which day the next session is on, a good-till date).
import { DataError } from '../model/index.js';
import { pushDayEnds } from '../model/day-ends.js';
import type { MarketSlice, MarketSource } from './market-source.js';

/** True when `part` is the view of `whole` that starts at index `at`. */
function isViewAt(part: Float64Array, whole: Float64Array, at: number): boolean {
  return part.buffer === whole.buffer && part.byteOffset === whole.byteOffset + at * Float64Array.BYTES_PER_ELEMENT && at + part.length <= whole.length;
}

/**
 * Reads a MarketSource once, keeping the timeline (ms per timestamp: 8 bytes each, none when whole
 * bars in memory lend theirs), the session ends and the slices read ahead but not yet run. Answers about bars up to `length − 1`; asking about a
 * later bar reads ahead (holding those slices until they run), so the answers equal those over the
 * whole bars.
 */
export class SliceFeed {
  /** Timestamps read so far. */
  length = 0;
  /** True once the source has no more slices. */
  done = false;
  /** Day-end (session's last bar) indices read so far, in order. */
  readonly ends: number[] = [];
  /** The slice handed out last by {@link next} (a copy once a read-ahead would overwrite the source's arrays). */
  current: MarketSlice | null = null;
  private ts: Float64Array = new Float64Array(0);
  private lent = false;
  private readonly queue: MarketSlice[] = [];
  /** Slices copied out of a re-using source's arrays. */
  private readonly owned = new WeakSet<MarketSlice>();

  constructor(readonly source: MarketSource) {}

  // reads one more slice into the queue; false at the end of the source
  private pull(): boolean {
    if (this.done) return false;
    // a source that re-uses its arrays overwrites the slices still held: copy them first (reading
    // ahead is rare: a question about a later bar, or a slice that ends at a session's end)
    if (this.source.reuses) {
      if (this.current) this.current = this.own(this.current);
      for (let i = 0; i < this.queue.length; i++) this.queue[i] = this.own(this.queue[i]!);
    }
    const s = this.source.next();
    if (!s || s.length === 0) {
      this.done = true;
      this.source.close();
      return false;
    }
    if (s.offset !== this.length) throw new DataError(`slice source: a slice starts at timeline index ${s.offset}; expected ${this.length}`);
    const n = this.length + s.length;
    this.appendTimeline(s.tsMs, n);
    pushDayEnds(this.ends, s.dayEnd, 0, s.length, this.length);
    this.length = n;
    this.queue.push(s);
    return true;
  }

  // the timeline grows to n timestamps, `tsMs` its new end
  private appendTimeline(tsMs: Float64Array, n: number): void {
    // whole bars in memory whose slices are views of their timeline lend it whole: nothing to copy
    const whole = this.source.whole?.tsMs;
    if (whole && (this.length === 0 || this.ts === whole) && isViewAt(tsMs, whole, this.length)) {
      this.ts = whole;
      this.lent = true;
      return;
    }
    // the first slice of a source that does not re-use its arrays lends its timeline (no copy)
    if (this.length === 0 && !this.source.reuses) {
      this.ts = tsMs;
      this.lent = true;
      return;
    }
    if (this.lent || n > this.ts.length) {
      this.lent = false;
      const planned = this.source.plannedLength;
      const grown = new Float64Array(n <= planned ? planned : Math.max(n, this.ts.length * 2));
      grown.set(this.ts.subarray(0, this.length));
      this.ts = grown;
    }
    this.ts.set(tsMs, this.length);
  }

  /** Reads ahead until bar t is known; false when the data ends before it. */
  ensure(t: number): boolean {
    while (t >= this.length && this.pull());
    return t < this.length;
  }

  /** Reads ahead one slice; false at the end of the data. */
  readMore(): boolean {
    return this.pull();
  }

  /** The next slice to run, or null at the end of the data. */
  next(): MarketSlice | null {
    this.current = null;
    if (this.queue.length === 0 && !this.pull()) return null;
    this.current = this.queue.shift()!;
    return this.current;
  }

  // a copy of a slice in arrays of its own
  private own(s: MarketSlice): MarketSlice {
    if (this.owned.has(s)) return s;
    const c = (a: Float64Array | undefined): Float64Array | undefined => a?.slice();
    const copy: MarketSlice = {
      symbols: s.symbols, length: s.length, timezone: s.timezone, offset: s.offset, ts: s.ts.slice(), tsMs: s.tsMs.slice(), dayEnd: s.dayEnd.slice(),
      open: s.open.slice(), high: s.high.slice(), low: s.low.slice(), close: s.close.slice(), volume: s.volume.slice(),
      ...(s.vwap ? { vwap: c(s.vwap)! } : {}), ...(s.bidOpen ? { bidOpen: c(s.bidOpen)! } : {}), ...(s.askOpen ? { askOpen: c(s.askOpen)! } : {}),
      ...(s.bidClose ? { bidClose: c(s.bidClose)! } : {}), ...(s.askClose ? { askClose: c(s.askClose)! } : {}),
    };
    this.owned.add(copy);
    return copy;
  }

  /** Time (ms) of a bar already known. */
  timeMs(t: number): number {
    return this.ts[t]!;
  }

  /** The timeline read so far (a view; copy to keep it past further reads). */
  timeline(): Float64Array {
    return this.ts.subarray(0, this.length);
  }

  /** The last bar of the session containing bar t ≥ 0 (reading ahead to it); the last bar when no day end follows. */
  sessionEndOf(t: number): number {
    for (;;) {
      const e = this.ends;
      let lo = 0, hi = e.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (e[mid]! < t) lo = mid + 1;
        else hi = mid;
      }
      if (lo < e.length) return e[lo]!;
      if (!this.pull()) return this.length - 1;
    }
  }
}
