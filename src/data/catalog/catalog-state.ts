// The manifest as a mutable model while an ingest runs: datasets, partitions and sources in maps,
// turned back into a deterministic Manifest (totals recomputed from the sources) at each commit.
import { DataError } from '../../model/errors.js';
import { REJECT_REASONS } from '../ingest/row-tally.js';
import type { DatasetEntry, Manifest, PartitionEntry, ReferenceEntry, SourceEntry, SymbolEntry } from './manifest.js';

/** A dataset's fixed shape. */
export interface DatasetShape {
  readonly format: string;
  readonly columns: readonly string[];
  readonly text_columns: readonly string[];
  readonly partition: 'year' | 'none';
  readonly zone: string;
}

interface MutableDataset extends DatasetShape {
  readonly symbols: Map<string, Map<string, PartitionEntry>>;
}

/** Mutable catalog contents. */
export class CatalogState {
  readonly datasets = new Map<string, MutableDataset>();
  readonly sources = new Map<string, SourceEntry>();
  master: ReferenceEntry | undefined;

  constructor(m: Manifest) {
    for (const [name, d] of Object.entries(m.datasets)) {
      const symbols = new Map<string, Map<string, PartitionEntry>>();
      for (const [sym, e] of Object.entries(d.symbols)) symbols.set(sym, new Map(e.partitions.map((p) => [p.part, p])));
      this.datasets.set(name, { format: d.format, columns: d.columns, text_columns: d.text_columns, partition: d.partition, zone: d.zone, symbols });
    }
    for (const s of m.sources) this.sources.set(s.key, s);
    this.master = m.reference.security_master;
  }

  /** Creates a dataset, or checks that an existing one has the same shape; DataError (naming `file`) otherwise. */
  ensureDataset(name: string, shape: DatasetShape, file: string): void {
    const d = this.datasets.get(name);
    if (!d) {
      this.datasets.set(name, { ...shape, symbols: new Map() });
      return;
    }
    const same = d.format === shape.format && d.partition === shape.partition && d.zone === shape.zone
      && d.columns.join() === shape.columns.join() && d.text_columns.join() === shape.text_columns.join();
    if (!same) {
      throw new DataError(`${file}: dataset "${name}" holds ${d.format} bars with columns ${d.columns.join(',')} (zone ${d.zone}); this file gives ${shape.format} bars with columns ${shape.columns.join(',')} (zone ${shape.zone}) — ingest it into another dataset with --dataset NAME`);
    }
  }

  /** The dataset's shape (it must exist). */
  dataset(name: string): DatasetShape {
    return this.datasets.get(name)!;
  }

  /** The live partition of a symbol, if any. */
  partition(dataset: string, symbol: string, part: string): PartitionEntry | undefined {
    return this.datasets.get(dataset)?.symbols.get(symbol)?.get(part);
  }

  /** Parts of a symbol in a dataset. */
  parts(dataset: string, symbol: string): string[] {
    return [...(this.datasets.get(dataset)?.symbols.get(symbol)?.keys() ?? [])];
  }

  /** Replaces (or with undefined, removes) a partition. */
  setPartition(dataset: string, symbol: string, part: string, entry: PartitionEntry | undefined): void {
    const d = this.datasets.get(dataset)!;
    let parts = d.symbols.get(symbol);
    if (!parts) d.symbols.set(symbol, (parts = new Map()));
    if (entry) parts.set(part, entry);
    else parts.delete(part);
    if (parts.size === 0) d.symbols.delete(symbol);
  }

  /** Every catalog-relative file the state references. */
  referencedFiles(): Set<string> {
    const out = new Set<string>();
    for (const d of this.datasets.values()) for (const parts of d.symbols.values()) for (const p of parts.values()) out.add(p.file);
    if (this.master) out.add(this.master.file);
    return out;
  }

  /** The manifest of this state (sorted, totals summed over sources). */
  toManifest(): Manifest {
    const datasets: Record<string, DatasetEntry> = {};
    for (const name of [...this.datasets.keys()].sort()) {
      const d = this.datasets.get(name)!;
      const symbols: Record<string, SymbolEntry> = {};
      for (const sym of [...d.symbols.keys()].sort()) {
        const partitions = [...d.symbols.get(sym)!.values()].sort((a, b) => (a.part < b.part ? -1 : a.part > b.part ? 1 : 0));
        if (partitions.length === 0) continue;
        symbols[sym] = { rows: partitions.reduce((t, p) => t + p.rows, 0), first: partitions[0]!.first, last: partitions[partitions.length - 1]!.last, partitions };
      }
      datasets[name] = { format: d.format, columns: d.columns, text_columns: d.text_columns, partition: d.partition, zone: d.zone, symbols };
    }
    const sources = [...this.sources.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const skipped: Record<string, number> = {};
    let read = 0;
    let written = 0;
    for (const s of sources) {
      read += s.rows_read;
      written += s.rows_written;
      for (const [r, n] of Object.entries(s.rows_skipped)) skipped[r] = (skipped[r] ?? 0) + n;
    }
    const rows_skipped: Record<string, number> = {};
    for (const r of REJECT_REASONS) if (skipped[r]) rows_skipped[r] = skipped[r]!;
    return {
      format: 'qtrader-catalog', version: 1, datasets,
      reference: this.master ? { security_master: this.master } : {},
      totals: { rows_read: read, rows_written: written, rows_skipped }, sources,
    };
  }
}
