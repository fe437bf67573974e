// Writes series already in memory (generated or loaded) straight into a catalog dataset, yearly
// partitions and manifest included: for tests, benchmarks, and users converting Parquet/Arrow files.
import { mkdirSync } from 'node:fs';
import type { BarSeries } from '../../model/bars.js';
import { DEFAULT_ZONE } from '../calendar.js';
import { CatalogState } from './catalog-state.js';
import { lockCatalog } from './catalog-lock.js';
import { readManifest, writeManifest } from './manifest.js';
import { flushPartitions, type Pending } from './ingest-flush.js';
import { splitByYear, type Chunk } from './partition-merge.js';
import type { CatalogWriteOptions } from './partition-writer.js';

/** Options of {@link writeSeriesToCatalog}. */
export interface SeriesToCatalogOptions extends CatalogWriteOptions {
  readonly dataset?: string;
  readonly zone?: string;
  /** `year` (default) for intraday bars, `none` for daily. */
  readonly partition?: 'year' | 'none';
}

/**
 * Adds series to a catalog dataset (columns open…volume), merging with rows already there (a repeated
 * timestamp is an error). Returns the number of partition files written.
 */
export function writeSeriesToCatalog(dir: string, series: readonly BarSeries[], o: SeriesToCatalogOptions = {}): number {
  const dataset = o.dataset ?? '1m';
  const zone = o.zone ?? DEFAULT_ZONE;
  const partition = o.partition ?? 'year';
  mkdirSync(dir, { recursive: true });
  const release = lockCatalog(dir);
  try {
    const state = new CatalogState(readManifest(dir));
    state.ensureDataset(dataset, { format: 'series', columns: ['open', 'high', 'low', 'close', 'volume'], text_columns: [], partition, zone }, dir);
    let written = 0;
    for (const s of series) {
      const pending = new Map<string, Pending>();
      const chunk: Chunk = { ts: s.ts, columns: [s.open, s.high, s.low, s.close, s.volume], text: [] };
      const parts: [string, Chunk][] = partition === 'year' ? splitByYear(chunk, zone).map(([y, c]) => [String(y), c]) : [['all', chunk]];
      for (const [part, c] of parts) pending.set(part, { dataset, symbol: s.symbol, part, chunks: [c], removals: [] });
      written += flushPartitions(dir, state, pending, 'error', o).written;
    }
    writeManifest(dir, state.toManifest());
    return written;
  } finally {
    release();
  }
}
