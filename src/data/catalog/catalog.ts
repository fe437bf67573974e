// A catalog opened for reading: its manifest, datasets and symbols, whole-series reads for moderate
// sizes, and the reference data (security master). Streaming reads are in slice-source.ts.
import { join } from 'node:path';
import { ConfigError, DataError } from '../../model/errors.js';
import { SecurityMaster } from '../algoseek/security-master.js';
import { int64Words, readMs } from '../int64-ns.js';
import { hasManifest, readManifest, type DatasetEntry, type Manifest, type SymbolEntry } from './manifest.js';
import { PartitionReader } from './partition-reader.js';
import { readMasterFile } from './reference-files.js';

/** One symbol's rows of a dataset: timestamps and the requested float columns (and text columns). */
export interface CatalogSeries {
  readonly symbol: string;
  readonly ts: BigInt64Array;
  readonly columns: Readonly<Record<string, Float64Array>>;
  readonly text: Readonly<Record<string, readonly (string | null)[]>>;
}

/** Inclusive millisecond bounds. */
export interface MsRange {
  readonly start?: number;
  readonly end?: number;
}

/** A catalog folder opened for reading. */
export class Catalog {
  readonly manifest: Manifest;
  private master: SecurityMaster | undefined | null = null;

  private constructor(readonly dir: string) {
    this.manifest = readManifest(dir);
  }

  /** Opens a catalog; ConfigError when the folder has no manifest. */
  static open(dir: string): Catalog {
    if (!hasManifest(dir)) throw new ConfigError(`${dir}: not a qtrader catalog (no manifest.json); create one with \`qtrader ingest <source> --format … --catalog ${dir}\``);
    return new Catalog(dir);
  }

  /** Dataset names, sorted. */
  datasets(): string[] {
    return Object.keys(this.manifest.datasets).sort();
  }

  /** A dataset's entry; ConfigError naming the ones that exist otherwise. */
  dataset(name: string): DatasetEntry {
    const d = this.manifest.datasets[name];
    if (!d) throw new ConfigError(`${this.dir}: no dataset "${name}" in the catalog; it has ${this.datasets().join(', ') || 'none (ingest something first)'}`);
    return d;
  }

  /** The dataset to use when none is named: the only one, else `1m`, else `1d`; ConfigError when ambiguous. */
  defaultDataset(): string {
    const names = this.datasets();
    if (names.length === 1) return names[0]!;
    for (const n of ['1m', '1d']) if (names.includes(n)) return n;
    throw new ConfigError(`${this.dir}: the catalog has several datasets (${names.join(', ')}); name one with data.dataset`);
  }

  /** Symbols of a dataset, sorted. */
  symbols(dataset: string): string[] {
    return Object.keys(this.dataset(dataset).symbols).sort();
  }

  /** A symbol's entry; DataError naming the dataset when it is missing. */
  symbol(dataset: string, symbol: string): SymbolEntry {
    const e = this.dataset(dataset).symbols[symbol];
    if (!e) throw new DataError(`${this.dir}: symbol "${symbol}" is not in dataset "${dataset}" (${Object.keys(this.dataset(dataset).symbols).length} symbols); check data.symbols or ingest it`);
    return e;
  }

  /** Absolute path of a catalog-relative file. */
  path(file: string): string {
    return join(this.dir, file);
  }

  /**
   * Reads a symbol's rows (all float columns unless `columns` is given, plus text columns), skipping
   * files and row groups outside `range` by their statistics; rows are then cut to the range exactly.
   */
  readSeries(dataset: string, symbol: string, range: MsRange = {}, columns?: readonly string[]): CatalogSeries {
    const d = this.dataset(dataset);
    const cols = columns ?? d.columns;
    for (const c of cols) if (!d.columns.includes(c)) throw new ConfigError(`dataset "${dataset}" has no column "${c}"; it has ${d.columns.join(', ')}`);
    const entry = this.symbol(dataset, symbol);
    const parts: { ts: BigInt64Array; cols: Float64Array[]; text: (string | null)[][] }[] = [];
    for (const p of entry.partitions) {
      if (range.end !== undefined && Date.parse(p.first) > range.end) continue;
      if (range.start !== undefined && Date.parse(p.last) < range.start - 1) continue;
      const r = new PartitionReader(this.path(p.file));
      try {
        const n = r.footer.numRows;
        const ts = new BigInt64Array(n);
        const out = cols.map(() => new Float64Array(n));
        const text: (string | null)[][] = d.text_columns.map(() => []);
        r.footer.rowGroups.forEach((g, i) => {
          r.readRowGroup(i, ['timestamp', ...cols], [ts, ...out], g.firstRow);
          d.text_columns.forEach((c, k) => text[k]!.push(...r.readStrings(i, c)));
        });
        parts.push({ ts, cols: out, text });
      } finally {
        r.close();
      }
    }
    return cutToRange(symbol, cols, d.text_columns, parts, range);
  }

  /** The security master stored in the catalog, if one was ingested. */
  securityMaster(): SecurityMaster | undefined {
    if (this.master === null) {
      const ref = this.manifest.reference.security_master;
      this.master = ref ? new SecurityMaster(readMasterFile(this.dir, ref.file)) : undefined;
    }
    return this.master;
  }
}

function cutToRange(symbol: string, cols: readonly string[], textCols: readonly string[], parts: { ts: BigInt64Array; cols: Float64Array[]; text: (string | null)[][] }[], range: MsRange): CatalogSeries {
  const keep: [number, number][] = parts.map((p) => {
    const w = int64Words(p.ts);
    let a = 0;
    let b = p.ts.length;
    if (range.start !== undefined) while (a < b && readMs(w, a) < range.start) a++;
    if (range.end !== undefined) while (b > a && readMs(w, b - 1) > range.end) b--;
    return [a, b];
  });
  const n = keep.reduce((t, [a, b]) => t + b - a, 0);
  const ts = new BigInt64Array(n);
  const columns: Record<string, Float64Array> = {};
  for (const c of cols) columns[c] = new Float64Array(n);
  const text: Record<string, (string | null)[]> = {};
  for (const c of textCols) text[c] = [];
  let at = 0;
  parts.forEach((p, k) => {
    const [a, b] = keep[k]!;
    ts.set(p.ts.subarray(a, b), at);
    cols.forEach((c, j) => columns[c]!.set(p.cols[j]!.subarray(a, b), at));
    textCols.forEach((c, j) => text[c]!.push(...p.text[j]!.slice(a, b)));
    at += b - a;
  });
  return { symbol, ts, columns, text };
}
