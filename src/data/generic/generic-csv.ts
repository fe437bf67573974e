// Reader of users' own CSV files through a CsvMapping: named or positional columns, several timestamp
// forms and zones, scaled prices, one block per symbol; bad rows per the policy, like the Algoseek readers.
import { basename } from 'node:path';
import { checkBar } from '../bar-rules.js';
import { parseDecimal, parseTimestamp } from '../csv-fields.js';
import type { BarBlock } from '../ingest/bar-block.js';
import { CsvChunkParser } from '../ingest/csv-chunk-parser.js';
import { duplicateName, headerIndex, rejectBar, rejectFieldCount, rejectNumber, rejectOrder } from '../ingest/row-checks.js';
import { fieldText, TickerBlocks } from '../ingest/row-context.js';
import { FieldFlag, Kind, RowScanner } from '../ingest/row-scanner.js';
import type { BadRows } from '../ingest/row-tally.js';
import { LocalDayClock, parseDateField, parseTimeField } from '../ingest/wall-clock.js';
import type { ColumnRef, CsvMapping } from './csv-mapping.js';

const BAR = ['open', 'high', 'low', 'close', 'volume'] as const;

/** The base name of a source without `.csv` / `.csv.gz` / `.txt`. */
export function sourceStem(path: string): string {
  return basename(path).replace(/\.gz$/i, '').replace(/\.(csv|txt)$/i, '');
}

/**
 * Parser of one CSV file through a mapping. Without a symbol column, rows belong to the mapping's
 * `symbol`, else to the capture of `symbolPattern` in the file name, else to the file's stem.
 */
export class GenericCsvParser extends CsvChunkParser {
  private scanner!: RowScanner;
  private ncols = -1;
  private names: string[] = [];
  private idx: Record<string, number> = {};
  private extraIdx: number[] = [];
  private readonly columns: string[];
  private readonly clock: LocalDayClock;
  private readonly tickers: TickerBlocks;
  private readonly fixedSymbol: string | undefined;
  private readonly fileDate: number;
  private readonly tsOut = new Float64Array(2);

  constructor(bad: BadRows, readonly mapping: CsvMapping, readonly path: string, capacity = 1024) {
    super(bad, mapping.header, mapping.delimiter);
    this.columns = [...BAR, ...Object.keys(mapping.extra)];
    this.clock = new LocalDayClock(mapping.timestamp.zone);
    this.tickers = new TickerBlocks(() => this.columns, capacity);
    const stem = sourceStem(path);
    const m = mapping.symbolPattern ? new RegExp(mapping.symbolPattern).exec(stem) : null;
    this.fixedSymbol = mapping.columns.symbol !== undefined ? undefined : mapping.symbol ?? (m?.[1] ? m[1].toUpperCase() : stem);
    const d = new RegExp(mapping.datePattern).exec(stem)?.[1];
    const bytes = d ? Buffer.from(d) : undefined;
    this.fileDate = bytes ? parseDateField(bytes, 0, bytes.length) : -1;
    if (!mapping.header) this.setup([]);
  }

  /** The catalog columns of the blocks: open…volume, then the mapping's extra columns. */
  columnNames(): readonly string[] {
    return this.columns;
  }

  protected onHeader(names: string[]): boolean {
    const dup = duplicateName(names);
    if (dup !== undefined) {
      this.bad.reject(1, dup, 'bad-header', `column "${dup}" appears twice in the header`, 0);
      return false;
    }
    return this.setup(names);
  }

  private setup(names: string[]): boolean {
    const at = headerIndex(names);
    const find = (key: string, ref: ColumnRef | undefined): number => {
      if (ref === undefined) return -1;
      const i = typeof ref === 'number' ? ref : at(ref);
      if (i < 0 || (names.length > 0 && i >= names.length)) {
        this.bad.reject(1, String(ref), 'bad-header', `missing column for ${key} (mapping says ${JSON.stringify(ref)}); found ${names.join(',')}`, 0);
        return -2;
      }
      return i;
    };
    const c = this.mapping.columns;
    const refs: [string, ColumnRef | undefined][] = [['timestamp', c.timestamp], ['date', c.date], ['time', c.time], ['open', c.open], ['high', c.high], ['low', c.low], ['close', c.close], ['volume', c.volume], ['symbol', c.symbol]];
    for (const [k, ref] of refs) {
      const i = find(k, ref);
      if (i === -2) return false;
      this.idx[k] = i;
    }
    this.extraIdx = [];
    for (const [k, ref] of Object.entries(this.mapping.extra)) {
      const i = find(k, ref);
      if (i === -2) return false;
      this.extraIdx.push(i);
    }
    const width = Math.max(names.length, ...Object.values(this.idx).map((i) => i + 1), ...this.extraIdx.map((i) => i + 1));
    const kinds = new Array<number>(width).fill(Kind.skip);
    for (const k of ['timestamp', 'date', 'time', 'symbol']) if (this.idx[k]! >= 0) kinds[this.idx[k]!] = Kind.span;
    if (this.mapping.timestamp.format === 'ms_of_day' && this.idx['time']! >= 0) kinds[this.idx['time']!] = Kind.num;
    for (const k of BAR) if (this.idx[k]! >= 0) kinds[this.idx[k]!] = Kind.num;
    for (const i of this.extraIdx) kinds[i] = Kind.num;
    this.scanner = new RowScanner(kinds, this.mapping.delimiter.charCodeAt(0));
    this.ncols = names.length > 0 ? names.length : -1;
    this.names = names.length > 0 ? names : kinds.map((_, i) => String(i + 1));
    return true;
  }

  protected parseRows(buf: Uint8Array, pos: number, end: number): void {
    const sc = this.scanner;
    const nums = sc.nums;
    const idx = this.idx;
    const scale = this.mapping.priceScale;
    const bad = this.bad;
    const iO = idx['open']!, iH = idx['high']!, iL = idx['low']!, iC = idx['close']!, iV = idx['volume']!;
    let line = this.line;
    while (pos < end) {
      line++;
      const b0 = buf[pos];
      if (b0 === 10) { pos++; continue; }
      if (b0 === 13 && buf[pos + 1] === 10) { pos += 2; continue; }
      bad.tally.read++;
      this.line = line;
      const next = this.ncols > 0 ? sc.scanFast(buf, pos) : -1;
      if (next >= 0 && sc.blanks === 0) pos = next;
      else {
        pos = sc.scan(buf, pos, end);
        // Headerless files: as many fields as the mapping needs, or more.
        const want = this.ncols > 0 ? this.ncols : this.names.length;
        if (this.ncols > 0 ? sc.count !== want : sc.count < want) { rejectFieldCount(bad, line, sc.count, want); continue; }
        // Bar fields must be numbers; extra columns may be blank (NaN) but not text.
        let k = [iO, iH, iL, iC, iV].find((j) => j >= 0 && sc.flags[j] !== FieldFlag.ok);
        if (k === undefined) k = this.extraIdx.find((j) => sc.flags[j] === FieldFlag.notNumber);
        if (k !== undefined) { rejectNumber(bad, line, this.names[k]!, sc.flags[k]!, buf, sc.starts[k]!, sc.ends[k]!); continue; }
      }
      if (!this.timestamp(buf, line)) continue;
      const o = nums[iO]! * scale, h = nums[iH]! * scale, l = nums[iL]! * scale, c = nums[iC]! * scale;
      const v = iV >= 0 ? nums[iV]! : 0;
      const code = checkBar(o, h, l, c, v);
      if (code !== 0) { rejectBar(bad, line, code, o, h, l, c, v, [iO, iH, iL, iC, iV].map((j) => this.names[j] ?? 'volume')); continue; }
      let bld = this.tickers.current;
      if (this.fixedSymbol === undefined) {
        const badTicker = this.tickers.select(sc, buf, idx['symbol']!);
        if (badTicker !== undefined) { bad.reject(line, this.names[idx['symbol']!], 'missing-value', `expected a symbol such as AAPL; got "${badTicker}"`); continue; }
        bld = this.tickers.current;
      } else if (!bld) {
        this.tickers.selectName(this.fixedSymbol);
        bld = this.tickers.current;
      }
      const b = bld!;
      const ms = this.tsOut[0]!;
      const i = b.append(ms, this.tsOut[1]!, line);
      const tsCol = idx['timestamp']! >= 0 ? idx['timestamp']! : idx['date']! >= 0 ? idx['date']! : idx['time']!;
      if (i < 0) { rejectOrder(bad, line, this.names[tsCol]!, i, ms, b.lastMs, b.lastLine, b.symbol); continue; }
      const cols = b.cols;
      cols[0]![i] = o;
      cols[1]![i] = h;
      cols[2]![i] = l;
      cols[3]![i] = c;
      cols[4]![i] = v;
      for (let k = 0; k < this.extraIdx.length; k++) cols[5 + k]![i] = nums[this.extraIdx[k]!]! * scale;
    }
    this.line = line;
  }

  /** The parsed blocks, one per symbol in order of first appearance. */
  blocks(): BarBlock[] {
    return this.tickers.blocks();
  }

  /** Parses the row's timestamp into `tsOut` (UTC ms, sub-ms ns); rejects the row and returns false when it cannot. */
  private timestamp(buf: Uint8Array, line: number): boolean {
    const sc = this.scanner;
    const idx = this.idx;
    const { format, zone } = this.mapping.timestamp;
    const out = this.tsOut;
    const fail = (col: number, want: string, reason: 'bad-date' | 'bad-time' = 'bad-time'): boolean => {
      const text = fieldText(sc, buf, col);
      this.bad.reject(line, this.names[col], text.trim() === '' ? 'missing-value' : reason, `${want}; got "${text}"`);
      return false;
    };
    if (format === 'ms_of_day') {
      const col = idx['time']! >= 0 ? idx['time']! : idx['timestamp']!;
      const x = sc.nums[col]!;
      let date = this.fileDate;
      if (idx['date']! >= 0) date = parseDateField(buf, sc.starts[idx['date']!]!, sc.ends[idx['date']!]!);
      if (date < 0) return fail(idx['date']! >= 0 ? idx['date']! : col, 'expected a date yyyymmdd (in the date column, or in the file name for ms_of_day files)', 'bad-date');
      if (!(x >= 0 && x < 86_400_000 && Math.floor(x) === x)) return fail(col, 'expected whole milliseconds after midnight (0–86399999)');
      this.clock.setDate(date);
      out[0] = this.clock.utc(x);
      out[1] = 0;
      return true;
    }
    const col = idx['timestamp']! >= 0 ? idx['timestamp']! : idx['date']!;
    const s = sc.starts[col]!;
    const e = sc.ends[col]!;
    if (format === 'iso') {
      if (parseTimestamp(buf, s, e, zone, out)) return true;
      return fail(col, 'expected an ISO 8601 timestamp like 2024-01-02T14:30:00Z, 2024-01-02T09:30:00-05:00 or 2024-01-02 09:30');
    }
    if (format === 'local') {
      let msOfDay = 0;
      let de = e;
      if (e - s > 10 || (e - s > 8 && buf[s + 4] !== 45 && buf[s + 4] !== 47)) {
        de = buf[s + 4] === 45 || buf[s + 4] === 47 ? s + 10 : s + 8;
        if (buf[de] !== 32 && buf[de] !== 84) return fail(col, 'expected a local date and time like 20131001 09:30 or 2024-01-02 09:30:00');
        msOfDay = parseTimeField(buf, de + 1, e);
        if (msOfDay < 0) return fail(col, 'expected a local date and time like 20131001 09:30 or 2024-01-02 09:30:00');
      }
      const date = parseDateField(buf, s, de);
      if (date < 0) return fail(col, 'expected a date YYYYMMDD or YYYY-MM-DD (optionally with a time)', 'bad-date');
      if (idx['time']! >= 0) {
        msOfDay = parseTimeField(buf, sc.starts[idx['time']!]!, sc.ends[idx['time']!]!);
        if (msOfDay < 0) return fail(idx['time']!, 'expected a time HH:MM[:SS[.fff]]');
      }
      this.clock.setDate(date);
      out[0] = this.clock.utc(msOfDay);
      out[1] = 0;
      return true;
    }
    return this.epoch(buf, s, e, format, line, col);
  }

  private epoch(buf: Uint8Array, s: number, e: number, format: string, line: number, col: number): boolean {
    const out = this.tsOut;
    const sub = format === 'epoch_ns' ? 6 : format === 'epoch_us' ? 3 : 0;
    if (format === 'epoch_s') {
      const x = parseDecimal(buf, s, e);
      if (!(Math.abs(x) < 9.2e9)) return this.badEpoch(line, col, buf, 'seconds since 1970-01-01 UTC');
      out[0] = Math.round(x * 1000);
      out[1] = 0;
      return true;
    }
    // Whole digits: the last `sub` are below a millisecond, so ns counts never pass through a double.
    let neg = false;
    let i = s;
    if (buf[i] === 45) { neg = true; i++; }
    if (e - i < 1 || e - i > 19) return this.badEpoch(line, col, buf, format.slice(6) + ' since 1970-01-01 UTC');
    let ms = 0;
    let frac = 0;
    for (let k = i; k < e; k++) {
      const d = buf[k]! - 48;
      if (d < 0 || d > 9) return this.badEpoch(line, col, buf, format.slice(6) + ' since 1970-01-01 UTC');
      if (k < e - sub) ms = ms * 10 + d;
      else frac = frac * 10 + d;
    }
    const fracNs = sub === 6 ? frac : frac * 1000;
    if (neg) {
      out[0] = -ms - (fracNs > 0 ? 1 : 0);
      out[1] = fracNs > 0 ? 1e6 - fracNs : 0;
    } else {
      out[0] = ms;
      out[1] = fracNs;
    }
    return true;
  }

  private badEpoch(line: number, col: number, buf: Uint8Array, want: string): boolean {
    const text = fieldText(this.scanner, buf, col);
    this.bad.reject(line, this.names[col], text.trim() === '' ? 'missing-value' : 'bad-time', `expected whole ${want}; got "${text}"`);
    return false;
  }
}
