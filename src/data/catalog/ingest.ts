// `ingest`: converts source files into the Parquet catalog once. Unchanged sources (same key, size and
// SHA-256) are skipped; changed ones replace their earlier rows. Partition files get new names and the
// manifest rename commits them, so an interrupted ingest leaves the catalog as of its last commit.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DEFAULT_ZONE } from '../calendar.js';
import type { CsvMapping } from '../generic/csv-mapping.js';
import { RowTally, type BadRowPolicy } from '../ingest/row-tally.js';
import { identifySource, readWholeFile, sha256Hex } from '../ingest/source-reader.js';
import { CatalogState } from './catalog-state.js';
import { lockCatalog } from './catalog-lock.js';
import { readManifest, writeManifest, type SourceEntry, type SourceRange } from './manifest.js';
import { localYear, splitByYear, type Chunk } from './partition-merge.js';
import { flushPartitions, storeMaster, type Pending } from './ingest-flush.js';
import type { CatalogWriteOptions } from './partition-writer.js';
import { listSourceFiles } from './source-files.js';
import { parseSource, type IngestFormat, type ParsedSource } from './source-parse.js';
import { int64Words, readMs } from '../int64-ns.js';

/** What to ingest and how. */
export interface IngestOptions extends CatalogWriteOptions {
  /** A file, or a folder searched for `.csv`, `.txt` and their `.gz`. */
  readonly source: string;
  readonly catalog: string;
  readonly format: IngestFormat;
  /** `error` (default) stops at the first bad row; `skip` drops and counts bad rows. */
  readonly policy?: BadRowPolicy;
  /** Zone of the files' wall-clock times; default America/New_York. */
  readonly zone?: string;
  /** Dataset to write into; default from the format (`1m`, `1s`, `taq-1m`, `1d`, `1d-primary`, `csv`). */
  readonly dataset?: string;
  readonly mapping?: CsvMapping;
  readonly preset?: string;
  /** Files larger than this are streamed; default 64 MiB. */
  readonly streamAbove?: number;
  /** Minimum seconds between manifest commits during a long ingest (always one at the end); default 10. */
  readonly commitEverySeconds?: number;
  /** Rows held in memory before partitions are written out; default 4,000,000. */
  readonly flushRows?: number;
  readonly onProgress?: (filesDone: number, filesTotal: number) => void;
  /** Called after each partition file is written, before the commit (tests use it to interrupt). */
  readonly afterPartitionWrite?: (file: string) => void;
}

/** What an ingest did. */
export interface IngestSummary {
  readonly catalog: string;
  readonly files: { seen: number; parsed: number; unchanged: number; replaced: number; truncated: number; rejected: Record<string, number> };
  readonly rows: { read: number; written: number; skipped: number; skipped_by_reason: Record<string, number> };
  readonly partitions_written: number;
  readonly datasets: string[];
  /** The first problem of each file with skipped rows (at most 20). */
  readonly problems: string[];
}

/** Runs an ingest; see {@link IngestOptions}. */
export async function ingest(o: IngestOptions): Promise<IngestSummary> {
  const zone = o.zone ?? DEFAULT_ZONE;
  const policy = o.policy ?? 'error';
  const streamAbove = o.streamAbove ?? 64 * 1024 * 1024;
  mkdirSync(o.catalog, { recursive: true });
  const release = lockCatalog(o.catalog);
  try {
    const state = new CatalogState(readManifest(o.catalog));
    removeOrphans(o.catalog, state.referencedFiles());
    const files = listSourceFiles(o.source);
    const sum = { seen: files.length, parsed: 0, unchanged: 0, replaced: 0, truncated: 0, rejected: {} as Record<string, number> };
    const problems: string[] = [];
    const parsedKeys: string[] = [];
    const datasets = new Set<string>();
    let pending = new Map<string, Pending>();
    let waiting: { key: string; parsed: ParsedSource; bytes: number; sha256: string }[] = [];
    let pendingRows = 0;
    let partitionsWritten = 0;
    let superseded: string[] = [];
    let lastCommit = performance.now();
    let group: string | null | undefined;

    const flush = (): void => {
      const r = flushPartitions(o.catalog, state, pending, policy, o);
      partitionsWritten += r.written;
      superseded.push(...r.superseded);
      for (const w of waiting) state.sources.set(w.key, sourceEntry(w.key, o.format, w));
      pending = new Map();
      waiting = [];
      pendingRows = 0;
    };
    const commit = (): void => {
      writeManifest(o.catalog, state.toManifest());
      const live = state.referencedFiles();
      for (const f of superseded) if (!live.has(f)) rmSync(join(o.catalog, f), { force: true });
      superseded = [];
      lastCommit = performance.now();
    };

    for (let i = 0; i < files.length; i++) {
      const f = files[i]!;
      if (f.group !== group && pending.size > 0) flush();
      group = f.group;
      const size = statSync(f.path).size;
      const raw = size <= streamAbove ? readWholeFile(f.path) : undefined;
      const id = raw ? { bytes: raw.length, sha256: sha256Hex(raw) } : await identifySource(f.path);
      const old = state.sources.get(f.key);
      if (old && old.bytes === id.bytes && old.sha256 === id.sha256 && old.format === o.format) {
        sum.unchanged++;
        o.onProgress?.(i + 1, files.length);
        continue;
      }
      let parsed: ParsedSource;
      try {
        parsed = await parseSource(f.path, raw, { format: o.format, policy, zone, streamAbove, ...(o.dataset ? { dataset: o.dataset } : {}), ...(o.mapping ? { mapping: o.mapping } : {}), ...(o.preset ? { preset: o.preset } : {}) });
      } catch (err) {
        // Keep what the files before this one gave: write it out and commit, then report the error.
        flush();
        commit();
        throw err;
      }
      sum.parsed++;
      parsedKeys.push(f.key);
      if (old) {
        sum.replaced++;
        scheduleRemovals(state, pending, old);
      }
      if (parsed.truncated) sum.truncated++;
      if (parsed.rejected) sum.rejected[parsed.rejected] = (sum.rejected[parsed.rejected] ?? 0) + 1;
      if (parsed.message && problems.length < 20) problems.push(parsed.message);
      if (parsed.master) {
        partitionsWritten += storeMaster(o.catalog, state, parsed.master, superseded);
        parsed.tally.written = parsed.master.length;
        state.sources.set(f.key, sourceEntry(f.key, o.format, { parsed, ...id }));
      } else if (parsed.blocks.length > 0 || !parsed.rejected) {
        state.ensureDataset(parsed.dataset, { format: o.format, columns: parsed.columns, text_columns: parsed.textColumns, partition: parsed.partition, zone }, f.path);
        datasets.add(parsed.dataset);
        for (const b of parsed.blocks) {
          const chunk: Chunk = { ts: b.ts, columns: parsed.columns.map((c) => b.columns[c]!), text: parsed.textColumns.map(() => b.reasons ?? new Array<string | null>(b.length).fill(null)), source: f.key, tally: parsed.tally };
          const parts: [string, Chunk][] = parsed.partition === 'year' ? splitByYear(chunk, zone).map(([y, c]) => [String(y), c]) : [['all', chunk]];
          for (const [part, c] of parts) pendingFor(pending, parsed.dataset, b.symbol, part).chunks.push(c);
          pendingRows += b.length;
        }
        waiting.push({ key: f.key, parsed, ...id });
      } else {
        state.sources.set(f.key, sourceEntry(f.key, o.format, { parsed, ...id }));
      }
      if (pendingRows >= (o.flushRows ?? 4_000_000)) flush();
      if (pending.size === 0 && performance.now() - lastCommit > (o.commitEverySeconds ?? 10) * 1000) commit();
      o.onProgress?.(i + 1, files.length);
    }
    flush();
    commit();
    const totals = new RowTally();
    // The summary counts this run's files only (unchanged ones were not read).
    for (const key of parsedKeys) {
      const s = state.sources.get(key);
      if (!s) continue;
      totals.read += s.rows_read;
      totals.written += s.rows_written;
      for (const [r, n] of Object.entries(s.rows_skipped)) totals.skip(r as never, n);
    }
    return {
      catalog: o.catalog, files: sum,
      rows: { read: totals.read, written: totals.written, skipped: totals.skippedTotal, skipped_by_reason: totals.skippedObject() },
      partitions_written: partitionsWritten, datasets: [...datasets].sort(), problems,
    };
  } finally {
    release();
  }
}

function pendingFor(pending: Map<string, Pending>, dataset: string, symbol: string, part: string): Pending {
  const k = `${dataset}\u0000${symbol}\u0000${part}`;
  let p = pending.get(k);
  if (!p) pending.set(k, (p = { dataset, symbol, part, chunks: [], removals: [] }));
  return p;
}

/** A changed source's earlier rows (its per-symbol time ranges) are removed from the partitions they touched. */
function scheduleRemovals(state: CatalogState, pending: Map<string, Pending>, old: SourceEntry): void {
  if (!state.datasets.has(old.dataset)) return;
  const shape = state.dataset(old.dataset);
  for (const [symbol, first, last] of old.ranges) {
    const parts = shape.partition === 'none' ? ['all'] : state.parts(old.dataset, symbol).filter((p) => Number(p) >= localYear(first, shape.zone) && Number(p) <= localYear(last, shape.zone));
    for (const part of parts) pendingFor(pending, old.dataset, symbol, part).removals.push([first, last]);
  }
}

/** The manifest entry of a parsed source, once its rows have been written. */
function sourceEntry(key: string, format: string, w: { parsed: ParsedSource; bytes: number; sha256: string }): SourceEntry {
  const p = w.parsed;
  const ranges: SourceRange[] = p.blocks.map((b) => {
    const words = int64Words(b.ts);
    return [b.symbol, readMs(words, 0), readMs(words, b.length - 1), b.length] as const;
  }).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    key, dataset: p.dataset, format, bytes: w.bytes, sha256: w.sha256,
    rows_read: p.tally.read, rows_written: p.tally.written, rows_skipped: p.tally.skippedObject(),
    ...(p.truncated ? { truncated: true } : {}), ...(p.rejected ? { rejected: p.rejected } : {}), ranges,
  };
}

/** Deletes partition and reference files no manifest references (left by an interrupted ingest), and temp files. */
function removeOrphans(dir: string, live: Set<string>): void {
  const walk = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.tmp') || ((e.name.endsWith('.parquet') || e.name.endsWith('.json')) && !live.has(relative(dir, full).split(sep).join('/')))) rmSync(full, { force: true });
    }
  };
  walk(join(dir, 'bars'));
  walk(join(dir, 'reference'));
  for (const e of readdirSync(dir)) if (e.endsWith('.tmp')) rmSync(join(dir, e), { force: true });
}
