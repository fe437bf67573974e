// The sweep's data: each symbol's bars loaded (files or the Parquet catalog) and aligned on their own
// timeline (each symbol is its own backtest), with the columns in SharedArrayBuffers that every worker maps.
import { createHash } from 'node:crypto';
import { ConfigError, DataError, type AlignedBars, type BarSeries } from '../model/index.js';
import { alignBars, loadBars, localToUtcMs, readCatalogAligned, type AlignRange } from '../data/index.js';
import type { RunConfig } from '../config/index.js';
import type { SignalColumns } from '../kernels/sweep-signals.js';

/** One symbol's columns as shared with workers (views of SharedArrayBuffers; nothing is copied; high, low, volume only when the strategy reads them). */
export type SharedColumns = SignalColumns & { readonly symbol: string };

/** One symbol of the sweep. */
export type SymbolData = SharedColumns & {
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
};

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

/** Columns besides open and close that a swept strategy may read. */
export type ExtraColumn = 'high' | 'low' | 'volume';

/** Builds one symbol's shared columns and day table from its aligned bars (one symbol, its own timeline). */
function symbolData(b: AlignedBars, extra: readonly ExtraColumn[]): SymbolData {
  const n = b.length;
  if (n === 0) throw new DataError(`symbol ${b.symbols[0]} has no bars in the selected date range: widen data.start/data.end or check its file`);
  const ends: number[] = [];
  for (let t = 0; t < n; t++) if (b.dayEnd[t] === 1 || t === n - 1) ends.push(t);
  // shared too: every task a worker gets carries these (a SharedArrayBuffer is passed, not copied)
  const dayFirstMs = new Float64Array(new SharedArrayBuffer(8 * ends.length)), dayLastMs = new Float64Array(new SharedArrayBuffer(8 * ends.length));
  ends.forEach((t, d) => {
    dayFirstMs[d] = b.tsMs[d === 0 ? 0 : ends[d - 1]! + 1]!;
    dayLastMs[d] = b.tsMs[t]!;
  });
  const col = (c: Float64Array): Float64Array => shared(c.length === n ? c : c.subarray(0, n), Float64Array);
  return {
    symbol: b.symbols[0]!, bars: n, tsMs: b.tsMs, days: ends.length, dayEndBars: Int32Array.from(ends), dayFirstMs, dayLastMs,
    open: col(b.open), close: col(b.close), dayEnd: shared(b.dayEnd, Uint8Array),
    ...Object.fromEntries(extra.map((c) => [c, col(b[c])])),
  };
}

/**
 * A dataset from aligned bars, one symbol per item (each on its own timeline), taken one at a time;
 * `extra` columns are shared too (and enter the fingerprint).
 */
export function datasetFromAligned(items: Iterable<AlignedBars>, zone: string, extra: readonly ExtraColumn[] = []): Dataset {
  const hash = createHash('sha256');
  const bytes = (a: Float64Array | BigInt64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const symbols: SymbolData[] = [];
  for (const b of items) {
    const symbol = b.symbols[0]!;
    if (symbols.some((x) => x.symbol === symbol)) throw new DataError(`symbol "${symbol}" is given twice; each symbol must come from one file — remove one or set a different symbol`);
    const d = symbolData(b, extra);
    hash.update(`${d.symbol}\n${d.bars}\n`);
    hash.update(bytes(d.tsMs));
    hash.update(bytes(d.open));
    hash.update(bytes(d.close));
    for (const c of extra) hash.update(bytes(d[c]!));
    symbols.push(d);
  }
  return { symbols, timezone: zone, fingerprint: hash.digest('hex') };
}

/**
 * A dataset from series, each aligned alone and filtered to `range` (inclusive ms bounds). The series
 * are taken one at a time from the iterable, so a generator keeps one symbol's bars in memory at once.
 */
export function datasetFromSeries(series: Iterable<BarSeries>, zone: string, range: AlignRange = {}, extra: readonly ExtraColumn[] = []): Dataset {
  return datasetFromAligned((function* () {
    for (const s of series) yield alignBars([s], zone, range);
  })(), zone, extra);
}

/**
 * Loads the configured data into a dataset, one symbol at a time: from `data.catalog` (each symbol
 * read alone, with the run config's dataset, session, price mode, bar size and dates), else from the
 * files (generating missing sample data when asked). `extra` names the columns besides open/close to share.
 */
export async function loadDataset(cfg: RunConfig, log?: (line: string) => void, extra: readonly ExtraColumn[] = []): Promise<Dataset> {
  const cat = cfg.data.catalog;
  if (cat) {
    if (cat.signal_prices) throw new ConfigError('`data.signal_prices` is not supported by sweeps: the compute path trades and signals on the same prices; choose `data.prices` instead');
    if (cat.corporate_actions && cat.prices !== 'total_return') {
      log?.('note: sweeps do not book corporate actions in the ledger; with `data.prices: raw` a split shows as a price jump (use split_adjusted or total_return for adjusted series)');
    }
    return datasetFromAligned((function* () {
      for (const symbol of cfg.data.symbols) {
        yield readCatalogAligned({
          catalog: cat.dir, symbols: [symbol], session: cat.session, prices: cat.prices,
          ...(cat.dataset ? { dataset: cat.dataset } : {}), ...(cat.bar ? { interval: cat.bar } : {}),
          ...(cfg.data.start ? { start: cfg.data.start } : {}), ...(cfg.data.end ? { end: cfg.data.end } : {}),
        });
      }
    })(), cfg.data.timezone, extra);
  }
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
  })(), zone, range, extra);
}
