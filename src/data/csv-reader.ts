// Fast bar CSV reader: scans the file's bytes once, parsing fields in place into typed arrays
// (no split, no regex, no string per row), and names file, line and column in every error.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { BarSeries } from '../model/bars.js';
import { dataErrorAt, DataError } from '../model/errors.js';
import { BAR_COLUMNS, describeBarProblem } from './bar-rules.js';
import { DEFAULT_ZONE, isoUtc, zoneOffsets } from './calendar.js';
import { latin1, parseDecimal, parseTimestamp, resetScan, scanEnd, scanNumber, scanUtcTimestamp } from './csv-fields.js';
import { NOT_INCREASING, SeriesBuilder } from './series-builder.js';

/** Options shared by the bar readers. */
export interface ReadBarsOptions {
  /** Zone of timestamps without an offset (plain dates, naive date-times). Default America/New_York. */
  readonly zone?: string;
  /** Symbol for a file without a `symbol` column; default the file's base name. */
  readonly symbol?: string;
}

// Column roles; the numeric order of open…volume matches the `vals` slots below.
const IGNORE = 0;
const TS = 1;
const SYMBOL = 7;
const ROLE_OF: Record<string, number> = { timestamp: TS, open: 2, high: 3, low: 4, close: 5, volume: 6, symbol: SYMBOL };
const EXPECTED_HEADER = BAR_COLUMNS.join(',');

/** Reads a bar file from disk and throws DataError for a missing or empty file. */
export function readBarFileBytes(path: string): Buffer {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw dataErrorAt(path, undefined, undefined, 'file not found; check the path in the data configuration');
    throw dataErrorAt(path, undefined, undefined, `cannot read file (${code ?? String(err)})`);
  }
  if (buf.length === 0) throw dataErrorAt(path, undefined, undefined, 'file is empty; expected bar data');
  return buf;
}

/** Default symbol of a file: the given one, else the base name without extension. */
export function defaultSymbol(path: string, symbol?: string): string {
  return symbol ?? basename(path, extname(path));
}

/**
 * Reads a bar CSV: header `timestamp,open,high,low,close,volume` (any order, matched by name,
 * case-insensitively; extra columns ignored; an optional `symbol` column allows several symbols).
 * Simple double-quoted fields are accepted (no embedded quotes). Series come out in order of first
 * appearance. Throws DataError naming file, line (header = 1) and column on the first bad value.
 */
export function readCsvBars(path: string, options: ReadBarsOptions = {}): BarSeries[] {
  return parseCsvBars(readBarFileBytes(path), path, options);
}

/** Parses CSV bytes already in memory; `file` is only used in messages. See {@link readCsvBars}. */
export function parseCsvBars(bytes: Uint8Array, file: string, options: ReadBarsOptions = {}): BarSeries[] {
  // A plain Uint8Array view: element access on Buffer (a subclass) can be slower in hot loops.
  const buf = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  resetScan();
  const zone = options.zone ?? DEFAULT_ZONE;
  zoneOffsets(zone);
  const len = buf.length;
  let pos = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let headerEnd = pos;
  while (headerEnd < len && buf[headerEnd] !== 10) headerEnd++;
  const headerText = Buffer.from(buf.buffer, buf.byteOffset + pos, headerEnd - pos).toString('utf8').replace(/\r$/, '');
  if (headerText.trim() === '') {
    throw dataErrorAt(file, 1, undefined, `file has no header; expected a first line like "${EXPECTED_HEADER}"`);
  }
  const names = headerText.split(',').map((h) => h.trim().replace(/^"(.*)"$/, '$1').toLowerCase());
  const roles = names.map((n) => ROLE_OF[n] ?? IGNORE);
  for (const col of BAR_COLUMNS) {
    if (!names.includes(col)) {
      throw dataErrorAt(file, 1, col, `missing column; the header must name ${BAR_COLUMNS.join(', ')} (found: ${names.join(', ')})`);
    }
  }
  const ncols = names.length;
  pos = headerEnd + 1;

  const hasSymbol = roles.includes(SYMBOL);
  const builders = new Map<string, SeriesBuilder>();
  let builder: SeriesBuilder | undefined;
  if (!hasSymbol) {
    builder = new SeriesBuilder(defaultSymbol(file, options.symbol), estimateRows(buf, pos));
    builders.set(builder.symbol, builder);
  }
  let lastSym = new Uint8Array(0);
  const vals = new Float64Array(8);
  const tsOut = new Float64Array(2);
  let line = 1;

  while (pos < len) {
    line++;
    if (buf[pos] === 10) { pos++; continue; }
    if (buf[pos] === 13 && (pos + 1 === len || buf[pos + 1] === 10)) { pos += 2; continue; }
    let symStart = 0;
    let symEnd = 0;
    for (let col = 0; col < ncols; col++) {
      const role = roles[col]!;
      // Fast paths parse while scanning; anything unusual falls through to the general path.
      if (role === TS) {
        const ms = scanUtcTimestamp(buf, pos, len);
        if (scanEnd[0]! >= 0) {
          tsOut[0] = ms;
          tsOut[1] = 0;
          pos = scanEnd[0]!;
        }
      } else if (role !== SYMBOL && role !== IGNORE) {
        const x = scanNumber(buf, pos, len);
        if (scanEnd[0]! >= 0) {
          vals[role] = x;
          pos = scanEnd[0]!;
        }
      } else {
        scanEnd[0] = -1;
      }
      if (scanEnd[0]! < 0) {
        let s = pos;
        let e: number;
        if (buf[pos] === 34) {
          s = pos + 1;
          e = s;
          while (e < len && buf[e] !== 34) e++;
          pos = e < len ? e + 1 : e;
        } else {
          let b: number;
          while (pos < len && (b = buf[pos]!) !== 44 && b !== 10 && b !== 13) pos++;
          e = pos;
        }
        if (role === TS) {
          if (!parseTimestamp(buf, s, e, zone, tsOut)) {
            throw dataErrorAt(file, line, names[col], `expected an ISO 8601 timestamp like 2024-01-02T14:30:00Z or 2024-01-02T09:30:00-05:00, or a date YYYY-MM-DD (years 1678–2261); got "${latin1(buf, s, e)}"`);
          }
        } else if (role === SYMBOL) {
          symStart = s;
          symEnd = e;
        } else if (role !== IGNORE) {
          const x = parseDecimal(buf, s, e);
          if (x !== x) throw numberError(file, line, names[col]!, latin1(buf, s, e));
          vals[role] = x;
        }
      }
      if (col < ncols - 1) {
        if (buf[pos] !== 44) {
          throw dataErrorAt(file, line, names[col + 1], `row has ${col + 1} field(s); expected ${ncols} as in the header`);
        }
        pos++;
      }
    }
    if (pos < len && buf[pos] === 44) {
      throw dataErrorAt(file, line, ncols + 1, `row has more fields than the header's ${ncols}`);
    }
    if (pos < len && buf[pos] === 13) pos++;
    if (pos < len && buf[pos] === 10) pos++;

    if (hasSymbol && (builder === undefined || !sameBytes(buf, symStart, symEnd, lastSym))) {
      const sym = Buffer.from(buf.buffer, buf.byteOffset + symStart, symEnd - symStart).toString('utf8').trim();
      if (sym === '') throw dataErrorAt(file, line, 'symbol', 'empty symbol; expected a ticker such as AAPL');
      builder = builders.get(sym);
      if (!builder) {
        builder = new SeriesBuilder(sym);
        builders.set(sym, builder);
      }
      lastSym = buf.slice(symStart, symEnd);
    }
    const b = builder!;
    const problem = b.push(tsOut[0]!, tsOut[1]!, vals[2]!, vals[3]!, vals[4]!, vals[5]!, vals[6]!, line);
    if (problem !== 0) throw rowError(file, line, b, problem, tsOut[0]!, vals);
  }
  if (line === 1 || [...builders.values()].every((x) => x.length === 0)) {
    throw dataErrorAt(file, undefined, undefined, `no data rows after the header; expected at least one bar`);
  }
  return [...builders.values()].map((x) => x.finish());
}

function numberError(file: string, line: number, column: string, text: string): DataError {
  if (text.trim().toLowerCase() === 'nan') return dataErrorAt(file, line, column, `NaN is not allowed; expected a finite number`);
  if (text.trim() === '') return dataErrorAt(file, line, column, `empty value; expected a number`);
  return dataErrorAt(file, line, column, `expected a number; got "${text}"`);
}

function rowError(file: string, line: number, b: SeriesBuilder, problem: number, ms: number, v: Float64Array): DataError {
  if (problem === NOT_INCREASING) {
    return dataErrorAt(file, line, 'timestamp', `timestamp ${isoUtc(ms)} is not after ${isoUtc(b.lastMs)} on line ${b.lastPos} (symbol ${b.symbol}); timestamps must be strictly increasing per symbol — sort the file and drop duplicates`);
  }
  const r = describeBarProblem(problem, v[2]!, v[3]!, v[4]!, v[5]!, v[6]!);
  return dataErrorAt(file, line, r.column, r.message);
}

function sameBytes(buf: Uint8Array, s: number, e: number, other: Uint8Array): boolean {
  if (e - s !== other.length) return false;
  for (let i = 0; i < other.length; i++) if (buf[s + i] !== other[i]) return false;
  return true;
}

/** Row count estimate from the mean length of the first lines, so the columns rarely regrow. */
function estimateRows(buf: Uint8Array, start: number): number {
  const end = Math.min(buf.length, start + 65536);
  let lines = 0;
  for (let i = start; i < end; i++) if (buf[i] === 10) lines++;
  if (lines === 0) return 16;
  return Math.ceil(((buf.length - start) / ((end - start) / lines)) * 1.02) + 16;
}
