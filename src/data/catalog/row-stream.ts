// One symbol's rows read from the catalog as a stream of batches, one row group at a time: partitions
// and row groups outside the date range are skipped by their statistics, rows outside the range or
// the session are dropped. Memory holds one row group per stream.
import { DataError } from '../../model/errors.js';
import { int64Words, readMs } from '../int64-ns.js';
import type { Catalog, MsRange } from './catalog.js';
import { int64Stat } from './parquet-meta.js';
import { PartitionReader } from './partition-reader.js';
import { keepSession, type Session } from './session.js';

/** A batch of rows: `n` valid entries of `ts` and of each column (in the stream's column order). */
export interface RowBatch {
  readonly n: number;
  readonly ts: BigInt64Array;
  readonly cols: readonly Float64Array[];
}

/** A source of row batches in time order; `next` returns null at the end. A batch's arrays may be
 * re-used by the following call, so consumers copy what they keep. */
export interface RowStream {
  readonly columns: readonly string[];
  next(): RowBatch | null;
  close(): void;
}

/** Where and what a {@link CatalogRowStream} reads. */
export interface RowStreamOptions {
  readonly dataset: string;
  readonly symbol: string;
  readonly columns: readonly string[];
  readonly range?: MsRange;
  /** `regular`: 09:30–16:00 local wall-clock only; `extended` (default): every row. */
  readonly session?: Session;
  /**
   * Read buffers shared by several streams (one per slice source): a batch is copied by its consumer
   * before any stream reads again, so one set of row-group-sized arrays serves every symbol.
   */
  readonly scratch?: ReadScratch;
}

/** Re-usable read buffers (grown as needed by whichever stream needs more). */
export interface ReadScratch {
  ts: BigInt64Array;
  cols: Float64Array[];
}

/** Reads a symbol's rows from its partitions, row group by row group. */
export class CatalogRowStream implements RowStream {
  readonly columns: readonly string[];
  private readonly files: string[];
  private fileIndex = 0;
  private reader: PartitionReader | undefined;
  private group = 0;
  /** Row group announced by peekRows and not read yet (-1: none). */
  private pending = -1;
  private readonly range: MsRange;
  private readonly startNs: bigint | undefined;
  private readonly endNs: bigint | undefined;
  private readonly zone: string;
  private readonly names: readonly string[];
  private readonly buf: ReadScratch;

  constructor(private readonly catalog: Catalog, private readonly o: RowStreamOptions) {
    const d = catalog.dataset(o.dataset);
    for (const c of o.columns) if (!d.columns.includes(c)) throw new DataError(`dataset "${o.dataset}" has no column "${c}"; it has ${d.columns.join(', ')}`);
    this.columns = o.columns;
    this.names = ['timestamp', ...o.columns];
    this.buf = o.scratch ?? { ts: new BigInt64Array(0), cols: [] };
    this.zone = d.zone;
    this.range = o.range ?? {};
    this.startNs = this.range.start === undefined ? undefined : BigInt(this.range.start) * 1_000_000n;
    this.endNs = this.range.end === undefined ? undefined : (BigInt(this.range.end) + 1n) * 1_000_000n - 1n;
    const entry = catalog.symbol(o.dataset, o.symbol);
    this.files = entry.partitions
      .filter((p) => !(this.endNs !== undefined && BigInt(p.first_ns) > this.endNs) && !(this.startNs !== undefined && BigInt(p.last_ns) < this.startNs))
      .map((p) => p.file);
  }

  next(): RowBatch | null {
    for (;;) {
      const n = this.peekRows();
      if (n === 0) return null;
      if (this.buf.ts.length < n || this.buf.cols.length < this.columns.length) {
        this.buf.ts = new BigInt64Array(Math.max(n, this.buf.ts.length));
        this.buf.cols = this.columns.map(() => new Float64Array(this.buf.ts.length));
      }
      const cols = this.columns.map((_, k) => this.buf.cols[k]!);
      const k = this.readInto(this.buf.ts, cols, 0);
      if (k > 0) return { n: k, ts: this.buf.ts.subarray(0, k), cols: cols.map((c) => c.subarray(0, k)) };
    }
  }

  close(): void {
    this.pending = -1;
    this.reader?.close();
    this.reader = undefined;
    this.fileIndex = this.files.length;
  }

  /** Rows of the next row group that may hold rows in the range (files and groups pruned by statistics); 0 at the end. */
  peekRows(): number {
    for (;;) {
      if (this.pending >= 0) return this.reader!.footer.rowGroups[this.pending]!.numRows;
      if (!this.reader) {
        if (this.fileIndex >= this.files.length) return 0;
        this.reader = new PartitionReader(this.catalog.path(this.files[this.fileIndex++]!));
        this.group = 0;
      }
      const groups = this.reader.footer.rowGroups;
      if (this.group >= groups.length) {
        this.reader.close();
        this.reader = undefined;
        continue;
      }
      const g = this.group++;
      const ts = groups[g]!.columns.get('timestamp');
      const lo = int64Stat(ts?.min);
      const hi = int64Stat(ts?.max);
      if (this.endNs !== undefined && lo !== undefined && lo > this.endNs) continue;
      if (this.startNs !== undefined && hi !== undefined && hi < this.startNs) continue;
      this.pending = g;
    }
  }

  /**
   * Reads the row group {@link CatalogRowStream.peekRows} announced into `ts`/`cols` (stream column
   * order) from element `at` on — they need room for that many rows — and keeps the rows in the range
   * and session, packed from `at`. Returns how many were kept (possibly 0).
   */
  readInto(ts: BigInt64Array, cols: readonly Float64Array[], at: number): number {
    const n = this.peekRows();
    if (n === 0) return 0;
    const g = this.pending;
    this.pending = -1;
    this.reader!.readRowGroup(g, this.names, [ts, ...cols], at);
    const { start, end } = this.range;
    let a = 0;
    let b = n;
    if (start !== undefined || end !== undefined) {
      const w = int64Words(ts.subarray(at, at + n));
      if (start !== undefined) while (a < b && readMs(w, a) < start) a++;
      if (end !== undefined) while (b > a && readMs(w, b - 1) > end) b--;
      if (a > 0 && b > a) {
        ts.copyWithin(at, at + a, at + b);
        for (const c of cols) c.copyWithin(at, at + a, at + b);
      }
    }
    let kept = b - a;
    if (this.o.session === 'regular' && kept > 0) {
      kept = keepSession({ n: kept, ts: ts.subarray(at, at + kept), cols: cols.map((c) => c.subarray(at, at + kept)) }, this.zone).n;
    }
    return kept;
  }
}
