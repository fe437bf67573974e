// results.csv and results.parquet: one row per combination (per symbol and walk-forward window), in
// task order, with its parameters, its rank and its metrics; a null metric is an empty field / null.
import {
  Dictionary, Field, Float64, Int32, makeData, RecordBatch, Schema, Struct, Table, Utf8, vectorFromArray, tableToIPC, type Data,
} from 'apache-arrow';
import { Table as WasmTable, writeParquet } from 'parquet-wasm';
import { parquetWriterProperties, writeFileAtomic, writeFileAtomicStream } from '../data/index.js';
import { NCOLS, ROW_COLUMNS } from './row-metrics.js';
import type { SweepPlan } from './plan.js';
import type { RowStore } from './rows-file.js';

/** What the results tables show. */
export interface ResultsTable {
  readonly plan: SweepPlan;
  readonly store: RowStore;
  readonly symbols: readonly string[];
  /** Rank of each task within its group (0 = unranked). */
  readonly ranks: Int32Array;
  readonly walkForward: boolean;
}

/** Column names of the results tables. */
export function resultColumns(r: ResultsTable): string[] {
  return ['symbol', ...(r.walkForward ? ['window'] : []), ...r.plan.names, 'rank', ...ROW_COLUMNS];
}

/** Writes results.csv, streaming chunks of about a megabyte. */
export function writeResultsCsv(path: string, r: ResultsTable): void {
  const { plan, store } = r;
  const k = plan.names.length;
  const text = (x: number): string => (x === x ? String(x) : '');
  writeFileAtomicStream(path, (write) => {
    let chunk = resultColumns(r).join(',') + '\n';
    for (let t = 0; t < plan.tasks; t++) {
      if (!store.done[t]) continue;
      const unit = plan.units[Math.floor(t / plan.nCombos)]!, c = t % plan.nCombos;
      let line = r.symbols[unit.symbol]!.includes(',') ? `"${r.symbols[unit.symbol]}"` : r.symbols[unit.symbol]!;
      if (r.walkForward) line += ',' + (unit.window + 1);
      for (let i = 0; i < k; i++) line += ',' + text(plan.combos[c * k + i]!);
      line += ',' + (r.ranks[t] ? String(r.ranks[t]) : '');
      for (let j = 0; j < NCOLS; j++) line += ',' + text(store.values[t * NCOLS + j]!);
      chunk += line + '\n';
      if (chunk.length > 1 << 20) {
        write(chunk);
        chunk = '';
      }
    }
    write(chunk);
  });
}

/** A Float64 column with nulls where the value is NaN. */
function floats(values: Float64Array): Data {
  const n = values.length;
  const bitmap = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    if (values[i] === values[i]) bitmap[i >> 3]! |= 1 << (i & 7);
    else nulls++;
  }
  return makeData({ type: new Float64(), length: n, data: values, nullBitmap: bitmap, nullCount: nulls });
}

/** An Int32 column with nulls where `valid` is false. */
function ints(values: Int32Array, valid?: (i: number) => boolean): Data {
  if (!valid) return makeData({ type: new Int32(), length: values.length, data: values });
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < values.length; i++) {
    if (valid(i)) bitmap[i >> 3]! |= 1 << (i & 7);
    else nulls++;
  }
  return makeData({ type: new Int32(), length: values.length, data: values, nullBitmap: bitmap, nullCount: nulls });
}

/**
 * Writes results.parquet: symbol (dictionary), window (Int32, walk-forward only), parameters
 * (Int32 when every value is whole, else Float64), rank (Int32, null when unranked), trade_count
 * (Int32) and the metrics (Float64, null when undefined). Row groups of 1,048,576 rows.
 */
export function writeResultsParquet(path: string, r: ResultsTable): void {
  const { plan, store } = r;
  const k = plan.names.length;
  const tasks: number[] = [];
  for (let t = 0; t < plan.tasks; t++) if (store.done[t]) tasks.push(t);
  const n = tasks.length;
  const dictType = new Dictionary(new Utf8(), new Int32());
  const fields: Field[] = [new Field('symbol', dictType, false)];
  const cols: Data[] = [makeData({
    type: dictType, length: n, data: Int32Array.from(tasks, (t) => plan.units[Math.floor(t / plan.nCombos)]!.symbol), dictionary: vectorFromArray([...r.symbols], new Utf8()),
  })];
  if (r.walkForward) {
    fields.push(new Field('window', new Int32(), false));
    cols.push(ints(Int32Array.from(tasks, (t) => plan.units[Math.floor(t / plan.nCombos)]!.window + 1)));
  }
  plan.names.forEach((name, i) => {
    const v = Float64Array.from(tasks, (t) => plan.combos[(t % plan.nCombos) * k + i]!);
    const whole = v.every((x) => Number.isInteger(x) && Math.abs(x) < 2 ** 31);
    fields.push(new Field(name, whole ? new Int32() : new Float64(), false));
    cols.push(whole ? ints(Int32Array.from(v)) : floats(v));
  });
  const rank = Int32Array.from(tasks, (t) => r.ranks[t]!);
  fields.push(new Field('rank', new Int32(), true));
  cols.push(ints(rank, (i) => rank[i]! > 0));
  ROW_COLUMNS.forEach((name, j) => {
    const v = Float64Array.from(tasks, (t) => store.values[t * NCOLS + j]!);
    if (name === 'trade_count') {
      fields.push(new Field(name, new Int32(), false));
      cols.push(ints(Int32Array.from(v)));
    } else {
      fields.push(new Field(name, new Float64(), true));
      cols.push(floats(v));
    }
  });
  const schema = new Schema(fields);
  const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length: n, children: cols }));
  const ipc = tableToIPC(new Table(schema, [batch]), 'stream');
  writeFileAtomic(path, writeParquet(WasmTable.fromIPCStream(ipc), parquetWriterProperties()));
}
