// The equity curve file: equity.csv (timestamp, equity), or equity.parquet for big runs, and
// reading either back so that `qtrader report` can rebuild a per-bar curve it cannot recompute.
import { readFileSync } from 'node:fs';
import { Field, Float64, makeData, RecordBatch, Schema, Struct, Table, TimestampNanosecond, tableFromIPC, tableToIPC } from 'apache-arrow';
import { Compression, readParquet, Table as WasmTable, writeParquet, WriterPropertiesBuilder } from 'parquet-wasm';
import { DataError, isoUtc, writeFileAtomic } from '../model/index.js';
import { writeCsvAtomic } from './csv.js';

/** An equity curve as columns: instants (ms since the epoch) and equity. */
export interface EquityCurve {
  readonly timeMs: Float64Array;
  readonly equity: Float64Array;
}

/** Rows of a Parquet row group. */
const ROW_GROUP = 1_048_576;

/** A float equity as text with at most 6 decimals (per-bar equity is the kernel's float). */
export function formatEquity(x: number): string {
  return String(roundEquity(x));
}

/** Rounds to 6 decimals, the precision equity.csv and equity.parquet keep of a float equity. */
export function roundEquity(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Writes equity.csv from rows of (ISO time, equity text). */
export function writeEquityCsv(path: string, rows: Iterable<readonly [string, string]>): void {
  writeCsvAtomic(path, ['timestamp', 'equity'], rows);
}

/** Rows of a float curve as (ISO time, text with at most 6 decimals). */
export function* floatCurveRows(c: EquityCurve): Generator<readonly [string, string]> {
  for (let i = 0; i < c.timeMs.length; i++) yield [isoUtc(c.timeMs[i]!), formatEquity(c.equity[i]!)] as const;
}

/**
 * Writes equity.parquet: `timestamp` Timestamp(ns, UTC) and `equity` Float64 (rounded as in
 * equity.csv), SNAPPY, row groups of 1,048,576 rows, `created_by` "qtrader": the same curve
 * always gives the same bytes.
 */
export function writeEquityParquet(path: string, c: EquityCurve): void {
  const fields = [new Field('timestamp', new TimestampNanosecond('UTC'), false), new Field('equity', new Float64(), false)];
  const schema = new Schema(fields);
  const n = c.timeMs.length;
  const batches: RecordBatch[] = [];
  for (let a = 0; a < n || (a === 0 && n === 0); a += ROW_GROUP) {
    const b = Math.min(n, a + ROW_GROUP);
    const ts = new BigInt64Array(b - a);
    const eq = new Float64Array(b - a);
    for (let i = a; i < b; i++) {
      ts[i - a] = BigInt(c.timeMs[i]!) * 1_000_000n;
      eq[i - a] = roundEquity(c.equity[i]!);
    }
    const children = [makeData({ type: fields[0]!.type as TimestampNanosecond, length: b - a, data: ts }), makeData({ type: new Float64(), length: b - a, data: eq })];
    batches.push(new RecordBatch(schema, makeData({ type: new Struct(fields), length: b - a, children })));
    if (n === 0) break;
  }
  const props = new WriterPropertiesBuilder().setCompression(Compression.SNAPPY).setMaxRowGroupSize(ROW_GROUP).setCreatedBy('qtrader').build();
  writeFileAtomic(path, writeParquet(WasmTable.fromIPCStream(tableToIPC(new Table(schema, batches), 'stream')), props));
}

/** Reads equity.csv or equity.parquet back (by extension); errors name the file and the row. */
export function readEquityFile(path: string): EquityCurve {
  return path.endsWith('.parquet') ? readEquityParquet(path) : readEquityCsv(path);
}

function readEquityCsv(path: string): EquityCurve {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[0] !== 'timestamp,equity') throw new DataError(`${path}:1: expected the header "timestamp,equity"; got ${JSON.stringify(lines[0])}`);
  if (lines[lines.length - 1] === '') lines.pop();
  const n = lines.length - 1;
  const timeMs = new Float64Array(n);
  const equity = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const line = lines[i + 1]!;
    const comma = line.indexOf(',');
    const t = Date.parse(line.slice(0, comma));
    const v = Number(line.slice(comma + 1));
    if (comma < 0 || !Number.isFinite(t) || line.slice(comma + 1) === '' || !Number.isFinite(v)) {
      throw new DataError(`${path}:${i + 2}: expected an RFC 3339 time and a number; got ${JSON.stringify(line)}`);
    }
    timeMs[i] = t;
    equity[i] = v;
  }
  return { timeMs, equity };
}

function readEquityParquet(path: string): EquityCurve {
  let table: Table;
  try {
    table = tableFromIPC(readParquet(readFileSync(path)).intoIPCStream());
  } catch (err) {
    throw new DataError(`${path}: cannot read Parquet (${err instanceof Error ? err.message : String(err)})`);
  }
  const ts = table.getChild('timestamp');
  const eq = table.getChild('equity');
  if (!ts || !eq) throw new DataError(`${path}: expected columns timestamp and equity; found ${table.schema.fields.map((f) => f.name).join(', ')}`);
  const timeMs = new Float64Array(table.numRows);
  const equity = new Float64Array(table.numRows);
  let at = 0;
  ts.data.forEach((d, k) => {
    const tv = d.values as BigInt64Array;
    const ev = eq.data[k]!.values as Float64Array;
    for (let i = 0; i < d.length; i++) {
      timeMs[at + i] = Number(tv[d.offset + i]! / 1_000_000n);
      equity[at + i] = ev[eq.data[k]!.offset + i]!;
    }
    at += d.length;
  });
  return { timeMs, equity };
}
