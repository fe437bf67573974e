// Arrow IPC file (`.arrow`, Feather v2 uncompressed) bar files through apache-arrow's
// tableFromIPC / tableToIPC, with the same schema and validation as the Parquet files.
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import type { BarSeries } from '../model/bars.js';
import { dataErrorAt } from '../model/errors.js';
import { ArrowBarSink, barsToArrowTable } from './arrow-table.js';
import { writeFileAtomic } from '../model/atomic-write.js';
import { defaultSymbol, readBarFileBytes, type ReadBarsOptions } from './csv-reader.js';
import type { WriteBarsOptions } from './csv-writer.js';

/**
 * Reads an Arrow IPC file (or stream) of bars: columns as for Parquet (`timestamp` Timestamp or
 * Int64 ns, `open…volume` numeric, optional `symbol`). Errors name the file, the row and the column.
 */
export function readArrowBars(path: string, options: ReadBarsOptions = {}): BarSeries[] {
  const bytes = readBarFileBytes(path);
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (err) {
    throw dataErrorAt(path, undefined, undefined, `not a readable Arrow IPC file (${err instanceof Error ? err.message : String(err)})`);
  }
  const sink = new ArrowBarSink(path, defaultSymbol(path, options.symbol), table.numRows);
  sink.addTable(table);
  return sink.finish();
}

/** Encodes series as Arrow IPC file bytes (schema as in {@link barsToArrowTable}). */
export function encodeArrowBars(series: BarSeries | readonly BarSeries[], options: WriteBarsOptions = {}): Uint8Array {
  const list: readonly BarSeries[] = Array.isArray(series) ? series : [series as BarSeries];
  return tableToIPC(barsToArrowTable(list, options.symbolColumn ?? list.length > 1), 'file');
}

/** Writes series to an Arrow IPC file atomically; a `symbol` column is added when several series are written. */
export function writeArrowBars(path: string, series: BarSeries | readonly BarSeries[], options: WriteBarsOptions = {}): void {
  writeFileAtomic(path, encodeArrowBars(series, options));
}
