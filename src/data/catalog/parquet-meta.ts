// The parts of a Parquet footer the catalog reader needs: the flat schema, and per row group each
// column chunk's type, codec, encodings, byte range and min/max statistics (for pruning by time).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { dataErrorAt } from '../../model/errors.js';
import { bytes, CompactDecoder, list, num, sub, type ThriftStruct } from './thrift-compact.js';

/** Parquet physical types used here. */
export const PhysicalType = { int64: 2, double: 5, byteArray: 6 } as const;

/** One column chunk of a row group. */
export interface ColumnChunkInfo {
  readonly name: string;
  readonly type: number;
  /** 0 = uncompressed, 1 = snappy, 6 = zstd, … */
  readonly codec: number;
  readonly encodings: readonly number[];
  readonly numValues: number;
  /** Byte offset of the chunk's first page (dictionary page if any) and its total byte length. */
  readonly start: number;
  readonly length: number;
  readonly hasDictionary: boolean;
  /** Plain-encoded min/max statistics, when written. */
  readonly min?: Uint8Array;
  readonly max?: Uint8Array;
}

/** One row group: its rows and column chunks by name; `firstRow` counts rows of earlier groups. */
export interface RowGroupInfo {
  readonly numRows: number;
  readonly firstRow: number;
  readonly columns: ReadonlyMap<string, ColumnChunkInfo>;
}

/** A leaf field of the flat schema. */
export interface FieldInfo {
  readonly name: string;
  readonly type: number;
  readonly required: boolean;
}

/** The decoded footer. */
export interface ParquetFooter {
  readonly numRows: number;
  readonly fields: readonly FieldInfo[];
  readonly rowGroups: readonly RowGroupInfo[];
  /** Byte length of the whole file. */
  readonly fileBytes: number;
}

/** Reads `n` bytes at `offset` of an open file. */
export function preadExact(fd: number, into: Uint8Array, n: number, offset: number, path: string): void {
  let got = 0;
  while (got < n) {
    const r = readSync(fd, into, got, n - got, offset + got);
    if (r <= 0) throw dataErrorAt(path, undefined, undefined, `unexpected end of file reading ${n} bytes at ${offset}; the file is truncated`);
    got += r;
  }
}

/** Decodes the footer of an open Parquet file; DataError names the file when it is not Parquet. */
export function readFooter(fd: number, path: string): ParquetFooter {
  const size = fstatSync(fd).size;
  const tail = new Uint8Array(8);
  if (size < 12) throw dataErrorAt(path, undefined, undefined, 'not a Parquet file (too short)');
  preadExact(fd, tail, 8, size - 8, path);
  if (tail[4] !== 0x50 || tail[5] !== 0x41 || tail[6] !== 0x52 || tail[7] !== 0x31) throw dataErrorAt(path, undefined, undefined, 'not a Parquet file (no PAR1 magic at the end); the file may be truncated');
  const len = (tail[0]! | (tail[1]! << 8) | (tail[2]! << 16) | (tail[3]! << 24)) >>> 0;
  if (len + 12 > size) throw dataErrorAt(path, undefined, undefined, 'corrupt Parquet footer length');
  const buf = new Uint8Array(len);
  preadExact(fd, buf, len, size - 8 - len, path);
  let meta: ThriftStruct;
  try {
    meta = new CompactDecoder(buf, 0, len).struct();
  } catch (err) {
    throw dataErrorAt(path, undefined, undefined, `corrupt Parquet footer (${(err as Error).message})`);
  }
  return decodeFooter(meta, size);
}

/** Opens, reads the footer of and closes a Parquet file. */
export function readFooterOf(path: string): ParquetFooter {
  const fd = openSync(path, 'r');
  try {
    return readFooter(fd, path);
  } finally {
    closeSync(fd);
  }
}

function decodeFooter(meta: ThriftStruct, fileBytes: number): ParquetFooter {
  const schema = list(meta, 2) as ThriftStruct[];
  const fields: FieldInfo[] = schema.slice(1).map((e) => ({
    name: new TextDecoder().decode(bytes(e, 4) ?? new Uint8Array(0)),
    type: num(e, 1) ?? -1,
    required: (num(e, 3) ?? 0) === 0,
  }));
  let firstRow = 0;
  const rowGroups: RowGroupInfo[] = (list(meta, 4) as ThriftStruct[]).map((rg) => {
    const columns = new Map<string, ColumnChunkInfo>();
    for (const cc of list(rg, 1) as ThriftStruct[]) {
      const md = sub(cc, 3);
      if (!md) continue;
      const name = (list(md, 3) as Uint8Array[]).map((p) => new TextDecoder().decode(p)).join('.');
      const dataOff = num(md, 9) ?? 0;
      const dictOff = num(md, 11);
      const start = dictOff !== undefined && dictOff > 0 && dictOff < dataOff ? dictOff : dataOff;
      const stats = sub(md, 12);
      columns.set(name, {
        name, type: num(md, 1) ?? -1, codec: num(md, 4) ?? 0, encodings: list(md, 2) as number[], numValues: num(md, 5) ?? 0,
        start, length: num(md, 7) ?? 0, hasDictionary: start !== dataOff,
        ...(stats && (bytes(stats, 6) ?? bytes(stats, 2)) ? { min: (bytes(stats, 6) ?? bytes(stats, 2))! } : {}),
        ...(stats && (bytes(stats, 5) ?? bytes(stats, 1)) ? { max: (bytes(stats, 5) ?? bytes(stats, 1))! } : {}),
      });
    }
    const numRows = num(rg, 3) ?? 0;
    const info = { numRows, firstRow, columns };
    firstRow += numRows;
    return info;
  });
  return { numRows: num(meta, 3) ?? firstRow, fields, rowGroups, fileBytes };
}

/** The int64 value of 8 little-endian statistic bytes as a BigInt (undefined when absent or not 8 bytes). */
export function int64Stat(b: Uint8Array | undefined): bigint | undefined {
  if (!b || b.length !== 8) return undefined;
  return new DataView(b.buffer, b.byteOffset, 8).getBigInt64(0, true);
}
