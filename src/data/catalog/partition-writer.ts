// Writes one catalog partition (one symbol, one part) as a Parquet file named after its content, with
// the settings chosen for read speed; the file appears atomically and only the manifest makes it live.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Field, Float64, makeData, RecordBatch, Schema, Struct, Table, TimestampNanosecond, Utf8, vectorFromArray, type Data } from 'apache-arrow';
import { tableToIPC } from 'apache-arrow';
import { Compression, EnabledStatistics, Encoding, Table as WasmTable, writeParquet, WriterPropertiesBuilder, WriterVersion } from 'parquet-wasm';
import { writeFileAtomic } from '../../model/atomic-write.js';
import { ConfigError } from '../../model/errors.js';
import { encodePlainParquet } from './parquet-plain-writer.js';

/** Codecs a catalog may be written with. `none` is the default: the reader copies its pages straight from disk. */
export type CatalogCodec = 'none' | 'snappy' | 'zstd';

/** Writer settings of a catalog. */
export interface CatalogWriteOptions {
  readonly codec?: CatalogCodec;
  /** Rows per row group (the unit the slice reader loads per symbol). Default {@link DEFAULT_ROW_GROUP_ROWS}. */
  readonly rowGroupRows?: number;
}

/**
 * Default rows per row group: the unit the slice reader loads per symbol, so memory grows with it
 * (about one group per symbol is buffered: 500 symbols × 16,384 rows × 48 bytes ≈ 390 MB). Measured
 * by bench/catalog.ts (50 symbols × 200,000 bars, CPU-time rates of one run on a shared machine):
 * 4,096 rows 9.6 M bars/s, 16,384 rows 12.6 M bars/s, 65,536 rows 9.4 M bars/s with twice the peak
 * memory (323 vs 167 MiB); 16,384 is the best of the three and keeps 500 symbols under 1 GB (848 MiB).
 */
export const DEFAULT_ROW_GROUP_ROWS = 16_384;

/** The columns of one partition: timestamps, float columns in dataset order, optional text columns. */
export interface PartitionData {
  readonly ts: BigInt64Array;
  readonly columns: readonly (readonly [string, Float64Array])[];
  readonly text?: readonly (readonly [string, readonly (string | null)[]])[];
}

/**
 * Parquet writer properties of the catalog (parquet-wasm path: compressed catalogs and partitions with
 * text columns): PLAIN encoding without dictionaries, the chosen codec, data page v1, chunk min/max
 * statistics (the reader skips row groups outside a date range), `created_by` fixed so equal data give
 * equal bytes. Why uncompressed by default (bench/catalog.ts, one run, CPU time): 48 bytes a bar, read
 * 5.4× faster than SNAPPY (22.7 bytes a bar) and 10.4× faster than ZSTD (16.4 bytes a bar), because
 * PLAIN pages go from disk into the columns with no decoding, while compressed pages go through
 * parquet-wasm; disk is cheaper than the CPU a backtest sweep spends re-reading the same bars.
 */
export function catalogWriterProperties(options: CatalogWriteOptions = {}): ReturnType<WriterPropertiesBuilder['build']> {
  const codec = options.codec ?? 'none';
  const rows = options.rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS;
  if (!Number.isInteger(rows) || rows < 1) throw new ConfigError(`row group size must be a positive integer; got ${rows}`);
  const c = codec === 'none' ? Compression.UNCOMPRESSED : codec === 'snappy' ? Compression.SNAPPY : codec === 'zstd' ? Compression.ZSTD : undefined;
  if (c === undefined) throw new ConfigError(`unknown codec "${String(codec)}"; expected none, snappy or zstd`);
  return new WriterPropertiesBuilder()
    .setWriterVersion(WriterVersion.V1)
    .setCompression(c)
    .setDictionaryEnabled(false)
    .setEncoding(Encoding.PLAIN)
    .setStatisticsEnabled(EnabledStatistics.Chunk)
    .setMaxRowGroupSize(rows)
    .setCreatedBy('qtrader')
    .build();
}

/** Encodes a partition as Parquet bytes: `timestamp` Timestamp(ns, UTC), float columns Float64, text columns Utf8 (nullable). */
export function encodePartition(data: PartitionData, options: CatalogWriteOptions = {}): Uint8Array {
  const n = data.ts.length;
  const fields: Field[] = [new Field('timestamp', new TimestampNanosecond('UTC'), false), ...data.columns.map(([name]) => new Field(name, new Float64(), false))];
  const children: Data[] = [
    makeData({ type: fields[0]!.type as TimestampNanosecond, length: n, data: fresh(data.ts) }),
    ...data.columns.map(([, v]) => makeData({ type: new Float64(), length: n, data: fresh(v) })),
  ];
  for (const [name, values] of data.text ?? []) {
    fields.push(new Field(name, new Utf8(), true));
    children.push(vectorFromArray(values as (string | null)[], new Utf8()).data[0]!);
  }
  const schema = new Schema(fields);
  const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length: n, children }));
  const wasm = WasmTable.fromIPCStream(tableToIPC(new Table(schema, [batch]), 'stream'));
  return writeParquet(wasm, catalogWriterProperties(options));
}

// apache-arrow writes corrupt IPC when two columns of a batch view one ArrayBuffer: give each its own.
function fresh<T extends Float64Array | BigInt64Array>(a: T): T {
  return (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : a.slice()) as T;
}

/** Encodes a symbol for use as a folder name: letters, digits, `.`, `_`, `-` stay; anything else becomes `%XX`. */
export function symbolDir(symbol: string): string {
  return [...Buffer.from(symbol, 'utf8')].map((b) => {
    const ch = String.fromCharCode(b);
    return /[A-Za-z0-9._-]/.test(ch) ? ch : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/** Result of {@link writePartition}: the catalog-relative path, size and SHA-256 of the file. */
export interface WrittenPartition {
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * Writes a partition under `<catalog>/bars/<dataset>/<symbol>/<part>-<hash>.parquet` (atomically; the
 * name carries 16 hex digits of the content's SHA-256, so a rewrite never replaces a live file).
 */
export function writePartition(catalog: string, dataset: string, symbol: string, part: string, data: PartitionData, options: CatalogWriteOptions = {}): WrittenPartition {
  // Numeric, uncompressed partitions (all intraday ones) take the direct writer; the rest parquet-wasm.
  const plain = (options.codec ?? 'none') === 'none' && (data.text ?? []).length === 0;
  const bytes = plain ? encodePlainParquet(data.ts, data.columns, options.rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS) : encodePartition(data, options);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = ['bars', symbolDir(dataset), symbolDir(symbol), `${part}-${sha256.slice(0, 16)}.parquet`].join('/');
  const full = join(catalog, file);
  mkdirSync(dirname(full), { recursive: true });
  writeFileAtomic(full, bytes);
  return { file, bytes: bytes.length, sha256 };
}
