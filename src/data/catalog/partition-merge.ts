// Building one partition's rows from what is already in the catalog and what new sources bring:
// blocks split by local year, rows of replaced sources removed, chunks merged in time order with
// duplicate timestamps rejected (the earlier source wins), and rows written counted per source.
import { DataError } from '../../model/errors.js';
import { isoUtc } from '../../model/time.js';
import { localToUtcMs, utcOffsetMs } from '../calendar.js';
import { civilFromDays, DAY_MS } from '../../model/civil-date.js';
import { compareNs, int64Words, readMs } from '../int64-ns.js';
import type { BadRowPolicy, RowTally } from '../ingest/row-tally.js';

/** Rows of one partition from one origin: the catalog (`source` undefined) or a source file. */
export interface Chunk {
  readonly ts: BigInt64Array;
  /** Float columns in the dataset's order. */
  readonly columns: readonly Float64Array[];
  /** Text columns in the dataset's order (null = blank). */
  readonly text: readonly (readonly (string | null)[])[];
  readonly source?: string;
  readonly tally?: RowTally;
}

/** A chunk's rows `[a, b)`. */
export function sliceChunk(c: Chunk, a: number, b: number): Chunk {
  return { ...c, ts: c.ts.subarray(a, b), columns: c.columns.map((x) => x.subarray(a, b)), text: c.text.map((x) => x.slice(a, b)) };
}

/** The local calendar year (in `zone`) of a UTC millisecond instant. */
export function localYear(ms: number, zone: string): number {
  return civilFromDays(Math.floor((ms + utcOffsetMs(ms, zone)) / DAY_MS)).year;
}

/** Splits a sorted chunk at local year boundaries: `[year, rows of that year]` in order. */
export function splitByYear(c: Chunk, zone: string): [number, Chunk][] {
  const n = c.ts.length;
  if (n === 0) return [];
  const w = int64Words(c.ts);
  const out: [number, Chunk][] = [];
  let a = 0;
  while (a < n) {
    const y = localYear(readMs(w, a), zone);
    const next = localToUtcMs(zone, y + 1, 1, 1, 0, 0, 0);
    let lo = a;
    let hi = n;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (readMs(w, m) < next) lo = m + 1;
      else hi = m;
    }
    out.push([y, a === 0 && lo === n ? c : sliceChunk(c, a, lo)]);
    a = lo;
  }
  return out;
}

/** Removes the rows whose millisecond time falls in any inclusive `[first, last]` range. */
export function removeRanges(c: Chunk, ranges: readonly (readonly [number, number])[]): Chunk {
  if (ranges.length === 0) return c;
  const w = int64Words(c.ts);
  const keep: number[] = [];
  for (let i = 0; i < c.ts.length; i++) {
    const ms = readMs(w, i);
    if (!ranges.some(([a, b]) => ms >= a && ms <= b)) keep.push(i);
  }
  if (keep.length === c.ts.length) return c;
  return {
    ...c,
    ts: BigInt64Array.from(keep, (i) => c.ts[i]!),
    columns: c.columns.map((x) => Float64Array.from(keep, (i) => x[i]!)),
    text: c.text.map((x) => keep.map((i) => x[i]!)),
  };
}

/** The merged rows of a partition. */
export interface MergedRows {
  readonly ts: BigInt64Array;
  readonly columns: Float64Array[];
  readonly text: (string | null)[][];
}

/**
 * Merges chunks into one time-ordered set of rows. Chunks are taken in the given order of precedence
 * (catalog first, then sources by key): when two rows share a timestamp the earlier chunk's row stays
 * and the later one is rejected as `duplicate-timestamp` — an error naming both origins under the
 * `error` policy, counted on the later source's tally under `skip`. Rows kept are added to each
 * source's `written` count.
 */
export function mergeChunks(chunks: readonly Chunk[], policy: BadRowPolicy, symbol: string, ncols: number, ntext: number): MergedRows {
  const live = chunks.filter((c) => c.ts.length > 0);
  const order = live.map((_, i) => i).sort((x, y) => {
    const d = compareNs(int64Words(live[x]!.ts), 0, int64Words(live[y]!.ts), 0);
    return d !== 0 ? d : x - y;
  });
  // The common case: chunks follow each other in time; they are then concatenated.
  let disjoint = true;
  for (let k = 1; k < order.length && disjoint; k++) {
    const prev = live[order[k - 1]!]!;
    disjoint = compareNs(int64Words(live[order[k]!]!.ts), 0, int64Words(prev.ts), prev.ts.length - 1) > 0;
  }
  if (disjoint) return concatChunks(order.map((k) => live[k]!), ncols, ntext);
  // Interleaved chunks (a backfilled day, duplicates): sort every row by (time, precedence).
  let picks: [number, number][] = [];
  live.forEach((c, k) => {
    for (let i = 0; i < c.ts.length; i++) picks.push([k, i]);
  });
  {
    const words = live.map((c) => int64Words(c.ts));
    picks.sort((p, q) => compareNs(words[p[0]]!, p[1], words[q[0]]!, q[1]) || p[0] - q[0]);
    const kept: [number, number][] = [];
    for (const p of picks) {
      const last = kept[kept.length - 1];
      if (last && compareNs(words[last[0]]!, last[1], words[p[0]]!, p[1]) === 0) {
        const loser = live[p[0]]!;
        const ms = readMs(words[p[0]]!, p[1]);
        if (policy === 'error') {
          const other = live[last[0]]!.source ?? 'the catalog';
          throw new DataError(`${loser.source ?? 'catalog'}: duplicate timestamp ${isoUtc(ms)} for ${symbol}: already in ${other}; each bar time may come from one source (remove the duplicate file, or pass --on-bad-row skip to keep the first)`);
        }
        loser.tally?.skip('duplicate-timestamp');
        continue;
      }
      kept.push(p);
    }
    picks = kept;
  }
  const n = picks.length;
  const ts = new BigInt64Array(n);
  const columns = Array.from({ length: ncols }, () => new Float64Array(n));
  const text = Array.from({ length: ntext }, () => new Array<string | null>(n));
  const written = new Array<number>(live.length).fill(0);
  for (let r = 0; r < n; r++) {
    const [k, i] = picks[r]!;
    const c = live[k]!;
    ts[r] = c.ts[i]!;
    for (let j = 0; j < ncols; j++) columns[j]![r] = c.columns[j]![i]!;
    for (let j = 0; j < ntext; j++) text[j]![r] = c.text[j]![i] ?? null;
    written[k]!++;
  }
  live.forEach((c, k) => {
    if (c.tally) c.tally.written += written[k]!;
  });
  return { ts, columns, text };
}

/** Concatenates chunks that follow each other in time (every row is kept). */
function concatChunks(list: readonly Chunk[], ncols: number, ntext: number): MergedRows {
  const n = list.reduce((t, c) => t + c.ts.length, 0);
  const ts = new BigInt64Array(n);
  const columns = Array.from({ length: ncols }, () => new Float64Array(n));
  const text = Array.from({ length: ntext }, () => new Array<string | null>(n));
  let at = 0;
  for (const c of list) {
    ts.set(c.ts, at);
    for (let j = 0; j < ncols; j++) columns[j]!.set(c.columns[j]!, at);
    for (let j = 0; j < ntext; j++) for (let i = 0; i < c.ts.length; i++) text[j]![at + i] = c.text[j]![i] ?? null;
    if (c.tally) c.tally.written += c.ts.length;
    at += c.ts.length;
  }
  return { ts, columns, text };
}
