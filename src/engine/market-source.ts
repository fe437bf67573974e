// Where the engine's bars come from: slices in timeline order from a catalog (streamed, bounded
// memory) or from whole bars in memory, both as one MarketSource with the execution columns mapped.
import { MemorySliceSource, openSliceSource, type AlignedSlice, type AlignedSliceSource, type SliceSourceOptions } from '../data/index.js';
import type { ExecutionColumns, MarketBars } from './engine-venue.js';

/** One slice of the timeline: MarketBars over a window, `offset` its first timeline index. */
export type MarketSlice = MarketBars & { readonly offset: number };

/** Execution column names of MarketBars. */
export type ExecutionColumn = keyof ExecutionColumns;

/** A single pass over the bars of a run, slice by slice. */
export interface MarketSource {
  readonly symbols: readonly string[];
  readonly timezone: string;
  /** Most timestamps a slice holds (the engine sizes its buffers by it). */
  readonly sliceRows: number;
  /** Timestamps expected, for progress (exact for bars in memory, an upper bound for catalogs). */
  readonly plannedLength: number;
  /** The execution columns every slice carries. */
  readonly columns: ReadonlySet<ExecutionColumn>;
  /** The whole bars, when the source holds them in memory. */
  readonly whole: MarketBars | undefined;
  /** A slice's arrays are re-used for the next one (valid only until then). */
  readonly reuses: boolean;
  /** The next slice, or null at the end. */
  next(): MarketSlice | null;
  /** Stops reading. */
  close(): void;
}

/** Catalog extra columns that are execution columns of the engine's bars, by catalog name. */
export const EXECUTION_COLUMNS: Readonly<Record<string, ExecutionColumn>> = {
  vwap: 'vwap', open_bid: 'bidOpen', open_ask: 'askOpen', close_bid: 'bidClose', close_ask: 'askClose',
};

/** The execution columns among a slice's extra catalog columns. */
export function executionColumns(extra: Readonly<Record<string, Float64Array>>): ExecutionColumns {
  const out: { -readonly [k in ExecutionColumn]?: Float64Array } = {};
  for (const [from, to] of Object.entries(EXECUTION_COLUMNS)) if (extra[from]) out[to] = extra[from];
  return out;
}

/** True for a MarketSource (as opposed to whole bars). */
export function isMarketSource(x: MarketBars | MarketSource): x is MarketSource {
  return typeof (x as MarketSource).next === 'function';
}

/** A MarketSource over any aligned slice source (catalog or memory); `whole` when it holds whole bars. */
export function sliceMarketSource(src: AlignedSliceSource, whole?: MarketBars, reuses = false): MarketSource {
  const columns = new Set<ExecutionColumn>();
  for (const c of src.extraColumns) if (EXECUTION_COLUMNS[c]) columns.add(EXECUTION_COLUMNS[c]);
  const K = Math.max(1, src.symbols.length);
  return {
    symbols: src.symbols, timezone: src.timezone, sliceRows: src.sliceRows, plannedLength: Math.ceil(src.plannedRows / K), columns, whole, reuses,
    next(): MarketSlice | null {
      const s: AlignedSlice | null = src.nextSlice();
      return s ? { ...s, ...executionColumns(s.extra) } : null;
    },
    close: () => src.close(),
  };
}

/** Whole bars in memory as a source of slices of `sliceRows` timestamps (default: one slice). */
export function memorySource(bars: MarketBars, sliceRows?: number): MarketSource {
  const extra: Record<string, Float64Array> = {};
  for (const [name, col] of Object.entries(EXECUTION_COLUMNS)) if (bars[col]) extra[name] = bars[col];
  const src = new MemorySliceSource(bars, extra, sliceRows ?? bars.length);
  return { ...sliceMarketSource(src, bars), plannedLength: bars.length };
}

/** A catalog selection streamed in slices of `sliceRows` timestamps (one set of arrays re-used from slice to slice). */
export function catalogSource(options: SliceSourceOptions): MarketSource {
  return sliceMarketSource(openSliceSource({ ...options, reuse: true }), undefined, true);
}
