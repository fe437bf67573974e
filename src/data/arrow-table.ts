// Conversion between Arrow tables and BarSeries, shared by the Parquet and Arrow IPC readers and
// writers: schema checks, timestamp units, symbol columns, and the same per-bar rules as the CSV reader.
import {
  Dictionary, Field, Float64, Int32, makeData, makeVector, RecordBatch, Schema, Struct, Table, TimestampNanosecond,
  TimeUnit, Type, Utf8, vectorFromArray, type Data, type DataType, type Vector,
} from 'apache-arrow';
import type { BarSeries } from '../model/bars.js';
import { dataErrorAt, type DataError } from '../model/errors.js';
import { BAR_COLUMNS, describeBarProblem } from './bar-rules.js';
import { isoUtc } from './calendar.js';
import { int64Words, MAX_NS_MS, MIN_NS_MS, readInt64AsNumber, readMs, readSubNs } from './int64-ns.js';
import { NOT_INCREASING, SeriesBuilder } from './series-builder.js';

/** Rows per record batch when writing (and per Parquet row group). */
export const BATCH_ROWS = 1_048_576;
const PRICE_COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Builds an Arrow table from series: `timestamp` Timestamp(ns, UTC), `open…volume` Float64 and,
 * when `withSymbol`, `symbol` Dictionary<Int32, Utf8>. Batches hold at most {@link BATCH_ROWS} rows
 * and reference the series' memory (copied only where two columns share a buffer).
 */
export function barsToArrowTable(series: readonly BarSeries[], withSymbol: boolean): Table {
  const fields: Field[] = [
    new Field('timestamp', new TimestampNanosecond('UTC'), false),
    ...PRICE_COLUMNS.map((c) => new Field(c, new Float64(), false)),
  ];
  const dictType = new Dictionary(new Utf8(), new Int32());
  if (withSymbol) fields.push(new Field('symbol', dictType, false));
  const schema = new Schema(fields);
  const dictionary = vectorFromArray(series.map((s) => s.symbol), new Utf8());
  const batches: RecordBatch[] = [];
  series.forEach((s, k) => {
    for (let a = 0; a < s.ts.length || (a === 0 && s.ts.length === 0); a += BATCH_ROWS) {
      const b = Math.min(s.ts.length, a + BATCH_ROWS);
      const seen = new Set<ArrayBufferLike>();
      // apache-arrow 21 writes corrupt IPC when two columns of a batch view the same ArrayBuffer.
      const own = <T extends Float64Array | BigInt64Array>(x: T): T => {
        const v = x.subarray(a, b) as T;
        if (seen.has(v.buffer)) return v.slice() as T;
        seen.add(v.buffer);
        return v;
      };
      const children: Data[] = [
        makeData({ type: fields[0]!.type as TimestampNanosecond, length: b - a, data: own(s.ts) }),
        ...PRICE_COLUMNS.map((c) => makeData({ type: new Float64(), length: b - a, data: own(s[c]) })),
      ];
      if (withSymbol) children.push(makeData({ type: dictType, length: b - a, data: new Int32Array(b - a).fill(k), dictionary }));
      batches.push(new RecordBatch(schema, makeData({ type: new Struct(fields), length: b - a, children })));
      if (s.ts.length === 0) break;
    }
  });
  return new Table(schema, batches);
}

/** Where messages point: the file and the 1-based row number counted across the whole file. */
function rowError(file: string, row: number, column: string, what: string): DataError {
  return dataErrorAt(`${file} row ${row}`, undefined, column, what);
}

/** Accumulates record batches of one file into per-symbol series, validating every row. */
export class ArrowBarSink {
  private readonly builders = new Map<string, SeriesBuilder>();
  private rows = 0;

  /** `capacity` sizes the single-symbol columns (e.g. the file's row count). */
  constructor(private readonly file: string, private readonly fallbackSymbol: string, private readonly capacity = 1024) {}

  /** Checks the schema of a table: required columns present with usable types. */
  checkSchema(fields: readonly Field[]): void {
    const byName = new Map(fields.map((f) => [f.name.toLowerCase(), f] as const));
    for (const c of BAR_COLUMNS) {
      const f = byName.get(c);
      if (!f) throw dataErrorAt(this.file, undefined, c, `missing column; expected columns ${BAR_COLUMNS.join(', ')} (optionally symbol); found ${fields.map((x) => x.name).join(', ')}`);
      const t = f.type as DataType;
      const ok = c === 'timestamp' ? t.typeId === Type.Timestamp || (t.typeId === Type.Int && (t as unknown as { bitWidth: number }).bitWidth === 64) : t.typeId === Type.Float || t.typeId === Type.Int;
      if (!ok) {
        const want = c === 'timestamp' ? 'Timestamp(ns, UTC) or Int64 nanoseconds' : 'Float64';
        throw dataErrorAt(this.file, undefined, c, `column has type ${String(t)}; expected ${want}`);
      }
    }
    const sym = byName.get('symbol');
    if (sym && !isUtf8Like(sym.type)) throw dataErrorAt(this.file, undefined, 'symbol', `column has type ${String(sym.type)}; expected Utf8 or Dictionary<Utf8>`);
  }

  /** Adds every row of `table`, validating schema, nulls, timestamps and bars. */
  addTable(table: Table): void {
    this.checkSchema(table.schema.fields);
    const actual = new Map(table.schema.fields.map((f) => [f.name.toLowerCase(), f.name] as const));
    for (const batch of table.batches) {
      const n = batch.numRows;
      if (n === 0) continue;
      const col = (name: string): Vector | undefined => {
        const a = actual.get(name);
        return a === undefined ? undefined : batch.getChild(a) ?? undefined;
      };
      for (const c of [...BAR_COLUMNS, 'symbol']) {
        const v = col(c);
        if (v && v.nullCount > 0) {
          let i = 0;
          while (v.isValid(i)) i++;
          throw rowError(this.file, this.rows + i + 1, c, 'null value; every bar needs a timestamp, prices, a volume (and a symbol)');
        }
      }
      const tsVec = col('timestamp')!;
      const unit = tsVec.type.typeId === Type.Timestamp ? (tsVec.type as TimestampNanosecond).unit : TimeUnit.NANOSECOND;
      const tsValues = tsVec.toArray() as BigInt64Array;
      const words = int64Words(tsValues);
      const [o, h, l, c, v] = PRICE_COLUMNS.map((name) => toFloat64(col(name)!));
      const symVec = col('symbol');
      const sym = symVec ? symbolIds(symVec, this.builders, this.capacity) : undefined;
      let builder = sym ? undefined : this.single();
      for (let i = 0; i < n; i++) {
        const row = this.rows + i + 1;
        let ms: number;
        let sub = 0;
        if (unit === TimeUnit.NANOSECOND) {
          ms = readMs(words, i);
          sub = readSubNs(words, i);
        } else {
          const x = readInt64AsNumber(words, i);
          if (unit === TimeUnit.SECOND) ms = x * 1000;
          else if (unit === TimeUnit.MILLISECOND) ms = x;
          else {
            ms = Math.floor(x / 1000);
            sub = (x - ms * 1000) * 1000;
          }
          if (!(ms >= MIN_NS_MS && ms <= MAX_NS_MS)) throw rowError(this.file, row, 'timestamp', `timestamp ${x} (${TimeUnit[unit]}) is outside the int64 nanosecond range (years 1678–2261)`);
        }
        if (sym) {
          builder = sym.builders[sym.ids[i]!]!;
          if (builder.symbol.length === 0) throw rowError(this.file, row, 'symbol', 'empty symbol; expected a ticker such as AAPL');
        }
        const b = builder!;
        const p = b.push(ms, sub, o![i]!, h![i]!, l![i]!, c![i]!, v![i]!, row);
        if (p === NOT_INCREASING) {
          throw rowError(this.file, row, 'timestamp', `timestamp ${isoUtc(ms)} is not after ${isoUtc(b.lastMs)} at row ${b.lastPos} (symbol ${b.symbol}); timestamps must be strictly increasing per symbol — sort the data and drop duplicates`);
        }
        if (p !== 0) {
          const r = describeBarProblem(p, o![i]!, h![i]!, l![i]!, c![i]!, v![i]!);
          throw rowError(this.file, row, r.column, r.message);
        }
      }
      this.rows += n;
    }
  }

  /** The series read so far, in order of first appearance; throws when the file had no rows. */
  finish(): BarSeries[] {
    if (this.rows === 0) throw dataErrorAt(this.file, undefined, undefined, 'no data rows; expected at least one bar');
    return [...this.builders.values()].map((b) => b.finish());
  }

  private single(): SeriesBuilder {
    let b = this.builders.get(this.fallbackSymbol);
    if (!b) {
      b = new SeriesBuilder(this.fallbackSymbol, this.capacity);
      this.builders.set(this.fallbackSymbol, b);
    }
    return b;
  }
}

function isUtf8Like(t: DataType): boolean {
  if (t.typeId === Type.Dictionary) return isUtf8Like((t as Dictionary).dictionary);
  return t.typeId === Type.Utf8 || t.typeId === Type.LargeUtf8;
}

function toFloat64(v: Vector): Float64Array {
  const a = v.toArray() as ArrayLike<number | bigint>;
  if (a instanceof Float64Array) return a;
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Number(a[i]);
  return out;
}

/** Per-row builder ids of a symbol column; dictionary columns cost one look-up per dictionary entry. */
function symbolIds(v: Vector, builders: Map<string, SeriesBuilder>, capacity: number): { ids: Int32Array; builders: SeriesBuilder[] } {
  const list: SeriesBuilder[] = [];
  const local = new Map<string, number>();
  const idOf = (s: string): number => {
    let id = local.get(s);
    if (id === undefined) {
      let b = builders.get(s);
      if (!b) {
        b = new SeriesBuilder(s, Math.min(capacity, 65_536));
        builders.set(s, b);
      }
      id = list.length;
      list.push(b);
      local.set(s, id);
    }
    return id;
  };
  const ids = new Int32Array(v.length);
  let at = 0;
  for (const d of v.data) {
    if (d.type.typeId === Type.Dictionary && d.dictionary) {
      const dict = d.dictionary;
      const map = new Int32Array(dict.length);
      for (let j = 0; j < dict.length; j++) map[j] = idOf(String(dict.get(j)));
      const keys = d.values as ArrayLike<number>;
      for (let i = 0; i < d.length; i++) ids[at + i] = map[keys[i]!]!;
    } else {
      const vec = makeVector(d);
      let last = '';
      let lastId = -1;
      for (let i = 0; i < d.length; i++) {
        const s = String(vec.get(i));
        if (s !== last || lastId < 0) {
          last = s;
          lastId = idOf(s);
        }
        ids[at + i] = lastId;
      }
    }
    at += d.length;
  }
  return { ids, builders: list };
}
