// Loading bar files of any supported format: the reader is picked by extension, the symbol comes
// from the file's `symbol` column, else the configured symbol, else the file's base name.
import { extname } from 'node:path';
import type { BarSeries } from '../model/bars.js';
import { dataErrorAt, DataError } from '../model/errors.js';
import { readArrowBars } from './arrow-io.js';
import { DEFAULT_ZONE } from './calendar.js';
import { readCsvBars, type ReadBarsOptions } from './csv-reader.js';
import { readParquetBars } from './parquet-io.js';

/** One file to load; `symbol` names its bars when the file has no `symbol` column. */
export interface BarFileSpec {
  readonly path: string;
  readonly symbol?: string;
}

/** What {@link loadBars} loads. */
export interface LoadBarsOptions {
  readonly files: readonly BarFileSpec[];
  /** Zone of timestamps written without an offset. Default America/New_York. */
  readonly zone?: string;
}

/** A bar reader for one format. */
export type BarReader = (path: string, options?: ReadBarsOptions) => BarSeries[];

const READERS: Record<string, BarReader> = { '.csv': readCsvBars, '.parquet': readParquetBars, '.arrow': readArrowBars };

/** The reader for a path's extension (case-insensitive); DataError naming the accepted ones otherwise. */
export function readerFor(path: string): BarReader {
  const reader = READERS[extname(path).toLowerCase()];
  if (!reader) {
    throw dataErrorAt(path, undefined, undefined, `unsupported file type "${extname(path) || '(none)'}"; expected one of ${Object.keys(READERS).join(', ')}`);
  }
  return reader;
}

/**
 * Loads every file into series, in file order (symbols of one file in order of first appearance).
 * Throws DataError when a symbol comes from two files.
 */
export function loadBars(options: LoadBarsOptions): BarSeries[] {
  const zone = options.zone ?? DEFAULT_ZONE;
  const out: BarSeries[] = [];
  const from = new Map<string, string>();
  for (const f of options.files) {
    const read = readerFor(f.path);
    for (const s of read(f.path, f.symbol === undefined ? { zone } : { zone, symbol: f.symbol })) {
      const other = from.get(s.symbol);
      if (other !== undefined) {
        throw new DataError(`symbol "${s.symbol}" is in both ${other} and ${f.path}; each symbol must come from one file — remove one or set a different symbol`);
      }
      from.set(s.symbol, f.path);
      out.push(s);
    }
  }
  return out;
}
