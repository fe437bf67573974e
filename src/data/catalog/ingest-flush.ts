// Writing out what an ingest holds in memory: each touched partition is rebuilt from its live file
// (minus rows of replaced sources) and the new chunks, and written under a new name; the security
// master is merged by SecId and stored as reference data.
import { mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { writeFileAtomic } from '../../model/atomic-write.js';
import { isoUtc } from '../../model/time.js';
import type { SecurityRecord } from '../algoseek/security-master.js';
import { int64Words, readMs } from '../int64-ns.js';
import type { BadRowPolicy } from '../ingest/row-tally.js';
import type { CatalogState } from './catalog-state.js';
import { readMasterFile } from './reference-files.js';
import { mergeChunks, removeRanges, type Chunk } from './partition-merge.js';
import { PartitionReader } from './partition-reader.js';
import { writePartition, type CatalogWriteOptions } from './partition-writer.js';

/** New rows and removals waiting for one partition. */
export interface Pending {
  readonly dataset: string;
  readonly symbol: string;
  readonly part: string;
  readonly chunks: Chunk[];
  readonly removals: [number, number][];
}

/** Reads a whole partition file as a chunk of the catalog (no source, no tally). */
export function readPartitionChunk(catalog: string, file: string, columns: readonly string[], textColumns: readonly string[]): Chunk {
  const r = new PartitionReader(join(catalog, file));
  try {
    const n = r.footer.numRows;
    const ts = new BigInt64Array(n);
    const cols = columns.map(() => new Float64Array(n));
    const text: (string | null)[][] = textColumns.map(() => []);
    r.footer.rowGroups.forEach((g, i) => {
      r.readRowGroup(i, ['timestamp', ...columns], [ts, ...cols], g.firstRow);
      textColumns.forEach((c, k) => text[k]!.push(...r.readStrings(i, c)));
    });
    return { ts, columns: cols, text };
  } finally {
    r.close();
  }
}

/**
 * Rebuilds and writes every pending partition (in a fixed order, for reproducible output); returns how
 * many files were written and the files they supersede (deleted after the next commit).
 */
export function flushPartitions(catalog: string, state: CatalogState, pending: ReadonlyMap<string, Pending>, policy: BadRowPolicy, o: CatalogWriteOptions & { afterPartitionWrite?: (file: string) => void }): { written: number; superseded: string[] } {
  const superseded: string[] = [];
  let written = 0;
  for (const key of [...pending.keys()].sort()) {
    const p = pending.get(key)!;
    const shape = state.dataset(p.dataset);
    const live = state.partition(p.dataset, p.symbol, p.part);
    const chunks: Chunk[] = [];
    if (live) chunks.push(removeRanges(readPartitionChunk(catalog, live.file, shape.columns, shape.text_columns), p.removals));
    chunks.push(...p.chunks);
    const merged = mergeChunks(chunks, policy, p.symbol, shape.columns.length, shape.text_columns.length);
    if (live) superseded.push(live.file);
    const n = merged.ts.length;
    if (n === 0) {
      state.setPartition(p.dataset, p.symbol, p.part, undefined);
      continue;
    }
    const w = writePartition(catalog, p.dataset, p.symbol, p.part, {
      ts: merged.ts,
      columns: shape.columns.map((c, k) => [c, merged.columns[k]!] as const),
      text: shape.text_columns.map((c, k) => [c, merged.text[k]!] as const),
    }, o);
    written++;
    o.afterPartitionWrite?.(w.file);
    const words = int64Words(merged.ts);
    state.setPartition(p.dataset, p.symbol, p.part, {
      part: p.part, file: w.file, rows: n,
      first: isoUtc(readMs(words, 0)), last: isoUtc(readMs(words, n - 1)),
      first_ns: merged.ts[0]!.toString(), last_ns: merged.ts[n - 1]!.toString(),
      bytes: w.bytes, sha256: w.sha256,
    });
  }
  return { written, superseded };
}

/** Merges security-master records into the catalog's (by SecId; the new record wins) and writes the file. Returns 1. */
export function storeMaster(catalog: string, state: CatalogState, records: readonly SecurityRecord[], superseded: string[]): number {
  const bySec = new Map<number, SecurityRecord>();
  if (state.master) for (const r of readMasterFile(catalog, state.master.file)) bySec.set(r.secId, r);
  for (const r of records) bySec.set(r.secId, r);
  const all = [...bySec.values()].sort((a, b) => a.secId - b.secId);
  const text = JSON.stringify(all, null, 1) + '\n';
  const sha256 = createHash('sha256').update(text).digest('hex');
  const file = `reference/security-master-${sha256.slice(0, 16)}.json`;
  mkdirSync(join(catalog, 'reference'), { recursive: true });
  writeFileAtomic(join(catalog, file), text);
  if (state.master && state.master.file !== file) superseded.push(state.master.file);
  state.master = { file, records: all.length, sha256 };
  return 1;
}
