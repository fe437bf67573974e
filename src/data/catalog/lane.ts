// One symbol's buffered rows for the slice source: a window of its stream, refilled batch by batch,
// with the unread rows moved to the front so memory stays about one batch plus one slice.
import { DataError } from '../../model/errors.js';
import { compareNs, int64Words } from '../int64-ns.js';
import { CatalogRowStream, type RowStream } from './row-stream.js';

/** A symbol's read-ahead buffer over a {@link RowStream}. */
export class Lane {
  ts: BigInt64Array = new BigInt64Array(0);
  words: Int32Array = new Int32Array(0);
  cols: Float64Array[];
  /** Next unread row and number of buffered rows. */
  pos = 0;
  len = 0;
  /** The stream has no more rows. */
  exhausted = false;

  constructor(readonly stream: RowStream) {
    this.cols = stream.columns.map(() => new Float64Array(0));
  }

  /** Closes the stream and lets go of the buffered rows. */
  release(): void {
    this.stream.close();
    this.ts = new BigInt64Array(0);
    this.words = new Int32Array(0);
    this.cols = this.cols.map(() => new Float64Array(0));
    this.pos = this.len = 0;
    this.exhausted = true;
  }

  /** Rows buffered and not yet read. */
  get remaining(): number {
    return this.len - this.pos;
  }

  /** Pulls batches until at least `want` rows are buffered or the stream ends. */
  fill(want: number): void {
    const direct = this.stream instanceof CatalogRowStream ? this.stream : undefined;
    while (!this.exhausted && this.remaining < want) {
      if (direct) {
        // Catalog rows go from the file straight into this buffer.
        const n = direct.peekRows();
        if (n === 0) {
          this.exhausted = true;
          direct.close();
          break;
        }
        this.compact(n);
        const prevLast = this.len - 1;
        this.len += direct.readInto(this.ts, this.cols, this.len);
        if (prevLast >= 0 && this.len > prevLast + 1 && compareNs(this.words, prevLast + 1, this.words, prevLast) <= 0) throw this.disorder();
        continue;
      }
      const b = this.stream.next();
      if (!b) {
        this.exhausted = true;
        this.stream.close();
        break;
      }
      this.compact(b.n);
      this.ts.set(b.ts.subarray(0, b.n), this.len);
      for (let c = 0; c < this.cols.length; c++) this.cols[c]!.set(b.cols[c]!.subarray(0, b.n), this.len);
      const prevLast = this.len - 1;
      this.len += b.n;
      if (prevLast >= 0 && compareNs(this.words, prevLast + 1, this.words, prevLast) <= 0) {
        throw this.disorder();
      }
    }
  }

  /** The error for rows that go back in time between two row groups (a damaged or hand-edited catalog). */
  private disorder(): DataError {
    return new DataError('catalog rows are out of time order between two row groups; the partition files do not match the manifest — re-ingest into a fresh catalog');
  }

  /** Index of the first buffered row after `pos` whose timestamp is greater than `w[j]` (upper bound). */
  upperBound(w: Int32Array, j: number): number {
    let a = this.pos;
    let b = this.len;
    while (a < b) {
      const m = (a + b) >> 1;
      if (compareNs(this.words, m, w, j) <= 0) a = m + 1;
      else b = m;
    }
    return a;
  }

  /** Moves unread rows to the front and makes room for `extra` more. */
  private compact(extra: number): void {
    const keep = this.remaining;
    const need = keep + extra;
    if (need > this.ts.length) {
      const cap = Math.max(need, Math.ceil(this.ts.length * 1.5));
      const ts = new BigInt64Array(cap);
      ts.set(this.ts.subarray(this.pos, this.len));
      this.ts = ts;
      this.words = int64Words(ts);
      this.cols = this.cols.map((c) => {
        const n = new Float64Array(cap);
        n.set(c.subarray(this.pos, this.len));
        return n;
      });
    } else if (this.pos > 0) {
      this.ts.copyWithin(0, this.pos, this.len);
      for (const c of this.cols) c.copyWithin(0, this.pos, this.len);
    }
    this.pos = 0;
    this.len = keep;
  }
}
