// Reads row groups of one catalog Parquet file into typed arrays. Uncompressed PLAIN pages of required
// int64/double columns (the catalog's layout) are copied straight from disk; anything else goes through
// parquet-wasm, so files written by other tools or with a codec still read, only slower.
import { closeSync, openSync, readFileSync } from 'node:fs';
import { tableFromIPC, type Table } from 'apache-arrow';
import { readParquet } from 'parquet-wasm';
import { dataErrorAt } from '../../model/errors.js';
import { num, sub, CompactDecoder } from './thrift-compact.js';
import { PhysicalType, preadExact, readFooter, type ColumnChunkInfo, type ParquetFooter } from './parquet-meta.js';

/** A destination column: int64 timestamps or float64 values. */
export type ColumnArray = BigInt64Array | Float64Array;

/** One open Parquet file of the catalog. Call {@link PartitionReader.close} when done. */
export class PartitionReader {
  readonly footer: ParquetFooter;
  /** Row groups read through the slow path (for tests and benchmarks). */
  slowReads = 0;
  private fd: number;
  private scratch = new Uint8Array(256);
  private whole: Uint8Array | undefined;

  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, 'r');
    } catch (err) {
      throw dataErrorAt(path, undefined, undefined, `cannot open catalog file (${(err as NodeJS.ErrnoException).code ?? String(err)}); the catalog may be damaged — re-run the ingest`);
    }
    try {
      this.footer = readFooter(this.fd, path);
    } catch (err) {
      closeSync(this.fd);
      throw err;
    }
  }

  /** Closes the file. */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    this.whole = undefined;
  }

  /**
   * Reads columns `names` of row group `g` into `out` (same order) starting at element `at`; each
   * destination must hold `at + numRows` values. Timestamps go into BigInt64Arrays, the rest into
   * Float64Arrays (integer columns converted).
   */
  readRowGroup(g: number, names: readonly string[], out: readonly ColumnArray[], at: number): void {
    const rg = this.footer.rowGroups[g]!;
    const slow: number[] = [];
    names.forEach((name, k) => {
      const cc = rg.columns.get(name);
      if (!cc) throw dataErrorAt(this.path, undefined, name, `column missing from row group ${g}; the catalog file does not match the manifest — re-run the ingest`);
      if (!this.readPlain(cc, rg.numRows, out[k]!, at)) slow.push(k);
    });
    if (slow.length > 0) this.readSlow(g, slow.map((k) => names[k]!), slow.map((k) => out[k]!), at);
  }

  /** Reads a text column (e.g. adjustment reasons) of row group `g`; nulls come back as null. */
  readStrings(g: number, name: string): (string | null)[] {
    const t = this.table(g, [name]);
    const v = t.getChild(name);
    if (!v) throw dataErrorAt(this.path, undefined, name, 'column missing');
    const out: (string | null)[] = [];
    for (let i = 0; i < v.length; i++) {
      const x = v.get(i) as string | null;
      out.push(x === null || x === undefined ? null : String(x));
    }
    return out;
  }

  /**
   * Fast path for an uncompressed PLAIN chunk of a required int64/double column: each page's header is
   * decoded, then its values are read from the file straight into the destination (one copy, by the
   * kernel). Returns false when the chunk is of another kind (nothing usable written).
   */
  private readPlain(cc: ColumnChunkInfo, rows: number, out: ColumnArray, at: number): boolean {
    const isTs = out instanceof BigInt64Array;
    if (cc.codec !== 0 || cc.hasDictionary || cc.type !== (isTs ? PhysicalType.int64 : PhysicalType.double)) return false;
    const field = this.footer.fields.find((f) => f.name === cc.name);
    if (!field?.required) return false;
    const dest = new Uint8Array(out.buffer, out.byteOffset + at * 8, rows * 8);
    const end = cc.start + cc.length;
    let page = cc.start;
    let filled = 0;
    while (page < end && filled < rows) {
      const head = this.pageHeader(page, end);
      if (!head) return false;
      const { n, values, next } = head;
      if (values + n * 8 > next || filled + n > rows) return false;
      preadExact(this.fd, dest.subarray(filled * 8, (filled + n) * 8), n * 8, values, this.path);
      filled += n;
      page = next;
    }
    if (filled !== rows) throw dataErrorAt(this.path, undefined, cc.name, `column chunk holds ${filled} values; expected ${rows}`);
    return true;
  }

  /**
   * Decodes the data page header at file offset `page`: its value count, where its values start and
   * where the next page starts; undefined for pages the fast path does not read (dictionary, encoded).
   */
  private pageHeader(page: number, end: number): { n: number; values: number; next: number } | undefined {
    for (let want = 256; ; want *= 16) {
      const len = Math.min(want, end - page);
      if (this.scratch.length < len) this.scratch = new Uint8Array(len);
      preadExact(this.fd, this.scratch, len, page, this.path);
      let h;
      let dec;
      try {
        dec = new CompactDecoder(this.scratch, 0, len);
        h = dec.struct();
      } catch (err) {
        if (len < end - page && err instanceof RangeError) continue;
        throw dataErrorAt(this.path, undefined, undefined, `corrupt Parquet page header at byte ${page} (${(err as Error).message})`);
      }
      const type = num(h, 1);
      const size = num(h, 3) ?? 0;
      let values = page + dec.pos;
      let n: number;
      if (type === 0) {
        const d = sub(h, 5);
        if (!d || num(d, 2) !== 0) return undefined;
        n = num(d, 1) ?? 0;
      } else if (type === 3) {
        const d = sub(h, 8);
        if (!d || num(d, 4) !== 0 || (num(d, 2) ?? 0) !== 0) return undefined;
        n = num(d, 1) ?? 0;
        values += (num(d, 5) ?? 0) + (num(d, 6) ?? 0);
      } else {
        return undefined;
      }
      return { n, values, next: page + dec.pos + size };
    }
  }

  /** Slow path: decodes the row group with parquet-wasm and copies the columns out. */
  private readSlow(g: number, names: string[], out: ColumnArray[], at: number): void {
    this.slowReads++;
    const t = this.table(g, names);
    names.forEach((name, k) => {
      const v = t.getChild(name);
      if (!v) throw dataErrorAt(this.path, undefined, name, 'column missing');
      const dst = out[k]!;
      const src = v.toArray() as ArrayLike<number | bigint>;
      if (dst instanceof BigInt64Array) {
        if (src instanceof BigInt64Array) dst.set(src, at);
        else for (let i = 0; i < src.length; i++) dst[at + i] = BigInt(src[i]!);
      } else if (src instanceof Float64Array) dst.set(src, at);
      else for (let i = 0; i < src.length; i++) dst[at + i] = Number(src[i]);
    });
  }

  private table(g: number, names: string[]): Table {
    this.whole ??= readFileSync(this.path);
    try {
      return tableFromIPC(readParquet(this.whole, { rowGroups: [g], columns: names, batchSize: Math.max(1, this.footer.rowGroups[g]!.numRows) }).intoIPCStream());
    } catch (err) {
      throw dataErrorAt(this.path, undefined, undefined, `cannot decode Parquet row group ${g} (${err instanceof Error ? err.message : String(err)})`);
    }
  }
}
