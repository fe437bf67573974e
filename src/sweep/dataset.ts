// The sweep's data: each symbol's bars loaded and aligned on their own timeline (each symbol is its
// own backtest), with the open/close/day-end columns in SharedArrayBuffers that every worker maps.
import { createHash } from 'node:crypto';
import { DataError, type AlignedBars, type BarSeries } from '../model/index.js';
import { alignBars, loadBars, localToUtcMs, type AlignRange } from '../data/index.js';
import type { RunConfig } from '../config/index.js';

/** One symbol's columns as shared with workers (views of SharedArrayBuffers; nothing is copied). */
export interface SharedColumns {
  readonly symbol: string;
  readonly open: Float64Array;
  readonly close: Float64Array;
  readonly dayEnd: Uint8Array;
}

/** One symbol of the sweep. */
export interface SymbolData extends SharedColumns {
  /** Bars on the symbol's timeline. */
  readonly bars: number;
  /** Bar-open times (ms UTC), for trade and equity timestamps in outputs. */
  readonly tsMs: Float64Array;
  /** Trading days (each ends at a bar flagged in `dayEnd`, and the last bar ends the last one). */
  readonly days: number;
  /** Bar index of each day's last bar. */
  readonly dayEndBars: Int32Array;
  /** Time of each day's first bar and of its last bar. */
  readonly dayFirstMs: Float64Array;
  readonly dayLastMs: Float64Array;
}

/** Every symbol of a sweep, with a fingerprint of the prices and times that results depend on. */
export interface Dataset {
  readonly symbols: readonly SymbolData[];
  readonly timezone: string;
  /** sha256 (hex) of each symbol's name, timestamps, opens and closes. */
  readonly fingerprint: string;
}

function shared<T extends Float64Array | Uint8Array>(src: T, Ctor: { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }): T {
  const out = new Ctor(new SharedArrayBuffer(src.length * Ctor.BYTES_PER_ELEMENT));
  out.set(src as never);
  return out;
}

/** Builds one symbol's shared columns and day table from its aligned bars. */
function symbolData(b: AlignedBars): SymbolData {
  const n = b.length;
  if (n === 0) throw new DataError(`symbol ${b.symbols[0]} has no bars in the selected date range: widen data.start/data.end or check its file`);
  const ends: number[] = [];
  for (let t = 0; t < n; t++) if (b.dayEnd[t] === 1 || t === n - 1) ends.push(t);
  const dayFirstMs = new Float64Array(ends.length), dayLastMs = new Float64Array(ends.length);
  ends.forEach((t, d) => {
    dayFirstMs[d] = b.tsMs[d === 0 ? 0 : ends[d - 1]! + 1]!;
    dayLastMs[d] = b.tsMs[t]!;
  });
  return {
    symbol: b.symbols[0]!, bars: n, tsMs: b.tsMs, days: ends.length, dayEndBars: Int32Array.from(ends), dayFirstMs, dayLastMs,
    open: shared(b.open, Float64Array), close: shared(b.close, Float64Array), dayEnd: shared(b.dayEnd, Uint8Array),
  };
}

/**
 * A dataset from series, each aligned alone and filtered to `range` (inclusive ms bounds). The series
 * are taken one at a time from the iterable, so a generator keeps one symbol's bars in memory at once.
 */
export function datasetFromSeries(series: Iterable<BarSeries>, zone: string, range: AlignRange = {}): Dataset {
  const hash = createHash('sha256');
  const bytes = (a: Float64Array | BigInt64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const symbols: SymbolData[] = [];
  for (const s of series) {
    if (symbols.some((x) => x.symbol === s.symbol)) throw new DataError(`symbol "${s.symbol}" is given twice; each symbol must come from one file — remove one or set a different symbol`);
    const d = symbolData(alignBars([s], zone, range));
    hash.update(`${d.symbol}\n${d.bars}\n`);
    hash.update(bytes(d.tsMs));
    hash.update(bytes(d.open));
    hash.update(bytes(d.close));
    symbols.push(d);
  }
  return { symbols, timezone: zone, fingerprint: hash.digest('hex') };
}

/** Loads the configured files (generating missing sample data when asked) into a dataset, one file at a time. */
export async function loadDataset(cfg: RunConfig, log?: (line: string) => void): Promise<Dataset> {
  if (cfg.data.generate) {
    // the engine is loaded only to generate missing sample files; workers never load it
    const { ensureData } = await import('../engine/index.js');
    await ensureData(cfg, log);
  }
  const range: { start?: number; end?: number } = {};
  const day = (s: string): [number, number, number] => s.split('-').map(Number) as [number, number, number];
  if (cfg.data.start) range.start = localToUtcMs(cfg.data.timezone, ...day(cfg.data.start), 0, 0, 0);
  if (cfg.data.end) range.end = localToUtcMs(cfg.data.timezone, ...day(cfg.data.end), 23, 59, 59) + 999;
  const zone = cfg.data.timezone;
  return datasetFromSeries((function* () {
    for (const f of cfg.data.files) yield* loadBars({ files: [{ path: f.path, symbol: f.symbol }], zone });
  })(), zone, range);
}
