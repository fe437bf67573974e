// The catalog manifest: datasets, symbols and their Parquet partitions, every source file ingested
// (size, SHA-256, rows read/written/skipped and why), written deterministically so that the same
// input gives the same bytes. Renaming a new manifest into place is the catalog's commit point.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../../model/errors.js';
import { writeFileAtomic } from '../../model/atomic-write.js';

/** File name of the manifest inside a catalog folder. */
export const MANIFEST_FILE = 'manifest.json';
/** The manifest format version this code writes and reads. */
export const MANIFEST_VERSION = 1;

/** One Parquet file holding one symbol's rows of one part (a year, or `all`). */
export interface PartitionEntry {
  readonly part: string;
  /** Path relative to the catalog folder. */
  readonly file: string;
  readonly rows: number;
  /** First and last bar timestamps: RFC 3339 UTC and exact int64 nanoseconds as text. */
  readonly first: string;
  readonly last: string;
  readonly first_ns: string;
  readonly last_ns: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** One symbol of a dataset. */
export interface SymbolEntry {
  readonly rows: number;
  readonly first: string;
  readonly last: string;
  readonly partitions: readonly PartitionEntry[];
}

/** A dataset: bars of one kind and interval (`1m`, `1s`, `taq-1m`, `1d`, …). */
export interface DatasetEntry {
  /** The ingest format that produced it (`algoseek-trades`, `csv`, …). */
  readonly format: string;
  /** Float64 columns besides `timestamp`, in file order. */
  readonly columns: readonly string[];
  /** Nullable text columns (e.g. `adj_reason`). */
  readonly text_columns: readonly string[];
  /** `year`: one file per symbol per local calendar year; `none`: one file per symbol. */
  readonly partition: 'year' | 'none';
  /** Exchange time zone of the data (day boundaries, sessions, yearly parts). */
  readonly zone: string;
  readonly symbols: Readonly<Record<string, SymbolEntry>>;
}

/** `[symbol, first ms, last ms, rows written]` of one source. */
export type SourceRange = readonly [string, number, number, number];

/** One ingested source file. */
export interface SourceEntry {
  /** Path relative to the ingest root, `/`-separated (the source's identity across runs). */
  readonly key: string;
  readonly dataset: string;
  readonly format: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly rows_read: number;
  readonly rows_written: number;
  readonly rows_skipped: Readonly<Record<string, number>>;
  /** The gzip stream ended early: only the rows before the cut were read. */
  readonly truncated?: boolean;
  /** A file-level problem (empty file, unreadable, bad header) under the skip policy. */
  readonly rejected?: string;
  readonly ranges: readonly SourceRange[];
}

/** Reference data files of the catalog. */
export interface ReferenceEntry {
  readonly file: string;
  readonly records: number;
  readonly sha256: string;
}

/** The whole manifest. */
export interface Manifest {
  readonly format: 'qtrader-catalog';
  readonly version: number;
  readonly datasets: Readonly<Record<string, DatasetEntry>>;
  readonly reference: { readonly security_master?: ReferenceEntry };
  readonly totals: { readonly rows_read: number; readonly rows_written: number; readonly rows_skipped: Readonly<Record<string, number>> };
  readonly sources: readonly SourceEntry[];
}

/** An empty manifest. */
export function emptyManifest(): Manifest {
  return { format: 'qtrader-catalog', version: MANIFEST_VERSION, datasets: {}, reference: {}, totals: { rows_read: 0, rows_written: 0, rows_skipped: {} }, sources: [] };
}

/** Reads the manifest of a catalog folder; an empty one when the folder has none yet. */
export function readManifest(dir: string): Manifest {
  const p = join(dir, MANIFEST_FILE);
  if (!existsSync(p)) return emptyManifest();
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(p, 'utf8')) as Manifest;
  } catch (err) {
    throw new DataError(`${p}: not a readable catalog manifest (${(err as Error).message}); restore it or ingest into a new catalog`);
  }
  if (m.format !== 'qtrader-catalog' || m.version !== MANIFEST_VERSION) {
    throw new DataError(`${p}: not a qtrader catalog manifest of version ${MANIFEST_VERSION} (format ${JSON.stringify(m.format)}, version ${JSON.stringify(m.version)})`);
  }
  return m;
}

/** Whether a folder holds a catalog manifest. */
export function hasManifest(dir: string): boolean {
  return existsSync(join(dir, MANIFEST_FILE));
}

const sortedKeys = <T>(o: Readonly<Record<string, T>>): Record<string, T> => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]!]));

/**
 * Serialises a manifest deterministically: keys of maps sorted, sources sorted by key and written one
 * per line (so that a manifest of many thousands of files stays diffable), no timestamps of its own.
 */
export function formatManifest(m: Manifest): string {
  const datasets: Record<string, unknown> = {};
  for (const [name, d] of Object.entries(sortedKeys(m.datasets))) {
    datasets[name] = { format: d.format, columns: d.columns, text_columns: d.text_columns, partition: d.partition, zone: d.zone, symbols: sortedKeys(d.symbols) };
  }
  const head = {
    format: m.format, version: m.version, datasets,
    reference: m.reference.security_master ? { security_master: m.reference.security_master } : {},
    totals: { rows_read: m.totals.rows_read, rows_written: m.totals.rows_written, rows_skipped: m.totals.rows_skipped },
  };
  const text = JSON.stringify(head, null, 2);
  const sources = [...m.sources].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((s) => '    ' + JSON.stringify(s));
  return `${text.slice(0, -2)},\n  "sources": [${sources.length ? '\n' + sources.join(',\n') + '\n  ' : ''}]\n}\n`;
}

/** Writes the manifest atomically (temp file, then rename): the commit point of an ingest. */
export function writeManifest(dir: string, m: Manifest): void {
  writeFileAtomic(join(dir, MANIFEST_FILE), formatManifest(m), { fsync: true });
}

/** SHA-256 (hex) of a catalog's manifest bytes: changes whenever the catalog's contents do. */
export function manifestHash(dir: string): string {
  return createHash('sha256').update(readFileSync(join(dir, MANIFEST_FILE))).digest('hex');
}
