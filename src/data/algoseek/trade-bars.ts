// Algoseek trade-only bars (minute or second, raw or with PriceAdjFactor/VolumeAdjFactor), parsed
// byte by byte into one block per ticker; columns matched by header name, bad rows per the policy.
import type { KernelEngine } from '../../model/index.js';
import { checkBar } from '../bar-rules.js';
import { latin1 } from '../csv-fields.js';
import type { BarBlock } from '../ingest/bar-block.js';
import { CsvChunkParser } from '../ingest/csv-chunk-parser.js';
import { duplicateName, headerIndex, rejectBar, rejectFieldCount, rejectNumber, rejectOrder } from '../ingest/row-checks.js';
import { Kind, RowScanner } from '../ingest/row-scanner.js';
import type { BadRows } from '../ingest/row-tally.js';
import { parseTimeField } from '../ingest/wall-clock.js';
import { DATE_FORMS, TickerBlocks, TradeDate } from '../ingest/row-context.js';
import { StandardTradeRows, STANDARD_TRADE_HEADER } from './trade-row-fast.js';

/** Header names of the trade-only bar file, required then optional. */
export const TRADE_BAR_HEADER = ['Date', 'Ticker', 'TimeBarStart', 'FirstTradePrice', 'HighTradePrice', 'LowTradePrice', 'LastTradePrice', 'VolumeWeightPrice', 'Volume', 'TotalTrades'] as const;
const REQUIRED = ['Date', 'Ticker', 'TimeBarStart', 'FirstTradePrice', 'HighTradePrice', 'LowTradePrice', 'LastTradePrice', 'Volume'];
const NUMERIC = ['FirstTradePrice', 'HighTradePrice', 'LowTradePrice', 'LastTradePrice', 'Volume', 'VolumeWeightPrice', 'TotalTrades', 'PriceAdjFactor', 'VolumeAdjFactor'];

/** Catalog columns of trade bars: raw prices as traded; factors only from the adjusted variant. */
export const TRADE_COLUMNS = ['open', 'high', 'low', 'close', 'volume', 'vwap', 'trades'] as const;
/** Extra columns of the adjusted variant (adjusted = round(price_factor × raw, 4), volume ÷ volume_factor). */
export const TRADE_FACTOR_COLUMNS = ['price_factor', 'volume_factor'] as const;

/**
 * Parser of one trade-bar file. Each row's bar is stamped at `Date` + `TimeBarStart` (America/New_York
 * wall clock unless another zone is given) converted to UTC; open/high/low/close are the first, high,
 * low and last trade prices. Rows must be in time order per ticker.
 */
export class TradeBarParser extends CsvChunkParser {
  /** Whether any `TimeBarStart` carried seconds (the 1-second product). */
  seconds = false;
  /** Whether the file has PriceAdjFactor and VolumeAdjFactor. */
  adjusted = false;
  private scanner!: RowScanner;
  private ncols = 0;
  private col: Record<string, number> = {};
  private names: string[] = [];
  private readonly date: TradeDate;
  private readonly tickers: TickerBlocks;
  private columnNames: readonly string[] = TRADE_COLUMNS;
  /** Set when the header is the standard one: runs of well-formed rows then take {@link StandardTradeRows}. */
  private fast: StandardTradeRows | undefined;

  /**
   * `engine` picks the fast path's implementation for the standard header: the WebAssembly kernel
   * (default) or its TypeScript reference; both give the same columns, messages and counts.
   */
  constructor(bad: BadRows, zone = 'America/New_York', capacity = 1024, private readonly engine: KernelEngine = 'wasm') {
    super(bad);
    this.date = new TradeDate(zone);
    this.tickers = new TickerBlocks(() => this.columnNames, capacity);
  }

  protected onHeader(names: string[]): boolean {
    const at = headerIndex(names);
    const dup = duplicateName(names);
    if (dup !== undefined) {
      this.bad.reject(1, dup, 'bad-header', `column "${dup}" appears twice in the header`, 0);
      return false;
    }
    for (const r of REQUIRED) {
      if (at(r) < 0) {
        this.bad.reject(1, r, 'bad-header', `missing column; an Algoseek trade bar header has ${TRADE_BAR_HEADER.join(',')} (optionally PriceAdjFactor,VolumeAdjFactor); found ${names.join(',')}`, 0);
        return false;
      }
    }
    const hasP = at('PriceAdjFactor') >= 0;
    if (hasP !== at('VolumeAdjFactor') >= 0) {
      const miss = hasP ? 'VolumeAdjFactor' : 'PriceAdjFactor';
      this.bad.reject(1, miss, 'bad-header', 'missing column; the adjusted variant has both PriceAdjFactor and VolumeAdjFactor', 0);
      return false;
    }
    this.adjusted = hasP;
    this.columnNames = hasP ? [...TRADE_COLUMNS, ...TRADE_FACTOR_COLUMNS] : TRADE_COLUMNS;
    const kinds = names.map(() => Kind.skip as number);
    for (const n of ['Date', 'Ticker', 'TimeBarStart']) kinds[at(n)] = Kind.span;
    for (const n of NUMERIC) if (at(n) >= 0) kinds[at(n)] = Kind.num;
    this.scanner = new RowScanner(kinds);
    this.ncols = names.length;
    this.names = names;
    for (const n of [...REQUIRED, ...NUMERIC]) this.col[n] = at(n);
    const joined = names.join(',');
    if (joined === STANDARD_TRADE_HEADER || joined === `${STANDARD_TRADE_HEADER},PriceAdjFactor,VolumeAdjFactor`) this.fast = new StandardTradeRows(hasP, this.engine);
    return true;
  }

  protected parseRows(buf: Uint8Array, pos: number, end: number): void {
    const sc = this.scanner;
    const nums = sc.nums;
    const flags = sc.flags;
    const c = this.col;
    const cDate = c['Date']!, cTick = c['Ticker']!, cTime = c['TimeBarStart']!;
    const cO = c['FirstTradePrice']!, cH = c['HighTradePrice']!, cL = c['LowTradePrice']!, cC = c['LastTradePrice']!;
    const cV = c['Volume']!, cW = c['VolumeWeightPrice']!, cN = c['TotalTrades']!;
    const cPf = c['PriceAdjFactor']!, cVf = c['VolumeAdjFactor']!;
    const bad = this.bad;
    const tally = bad.tally;
    const clock = this.date.clock;
    const tickers = this.tickers;
    const std = this.fast;
    std?.nextChunk();
    const expected = Math.max(this.sizeHint, end - pos);
    if (!tickers.current && expected > 1 << 16) {
      // A large input: size the columns from the first line's length so they rarely regrow.
      let e = pos;
      while (e < end && buf[e] !== 10) e++;
      tickers.expect(expected, e - pos + 1);
    }
    let line = this.line;
    while (pos < end) {
      if (std) {
        // Runs of plain rows after an accepted one; the general path below takes the row that ends a run.
        pos = std.run(buf, pos, end, line);
        line += std.rows;
        tally.read += std.rows;
        if (pos >= end) break;
      }
      line++;
      const rowStart = pos;
      const b0 = buf[pos];
      if (b0 === 10) { pos++; continue; }
      if (b0 === 13 && buf[pos + 1] === 10) { pos += 2; continue; }
      tally.read++;
      const next = sc.scanFast(buf, pos);
      const fast = next >= 0 && sc.blanks === 0;
      if (fast) pos = next;
      else {
        pos = sc.scan(buf, pos, end);
        if (sc.count !== this.ncols) { this.line = line; rejectFieldCount(bad, line, sc.count, this.ncols); continue; }
        if ((flags[cO]! | flags[cH]! | flags[cL]! | flags[cC]! | flags[cV]!) !== 0) { this.line = line; this.badNumbers(line, buf, [cO, cH, cL, cC, cV]); continue; }
        // Optional columns may be blank (NaN) but not text.
        if ((cW >= 0 && flags[cW] === 2) || (cN >= 0 && flags[cN] === 2)) { this.line = line; this.badNumbers(line, buf, [cW, cN].filter((k) => k >= 0 && flags[k] === 2)); continue; }
      }
      // The date and ticker bytes usually repeat row after row (one file per ticker per day).
      if (!this.date.update(sc, buf, cDate)) { this.line = line; this.badField(line, cDate, buf, 'bad-date', `expected ${DATE_FORMS}`); continue; }
      const tS = sc.starts[cTime]!, tE = sc.ends[cTime]!;
      const tod = parseTimeField(buf, tS, tE);
      if (tod < 0) { this.line = line; this.badField(line, cTime, buf, 'bad-time', 'expected a time HH:MM (or HH:MM:SS)'); continue; }
      if (tE - tS === 6 || tE - tS >= 8) this.seconds = true;
      const o = nums[cO]!, h = nums[cH]!, l = nums[cL]!, cl = nums[cC]!, v = nums[cV]!;
      const code = checkBar(o, h, l, cl, v);
      if (code !== 0) { this.line = line; rejectBar(bad, line, code, o, h, l, cl, v, [this.names[cO]!, this.names[cH]!, this.names[cL]!, this.names[cC]!, this.names[cV]!]); continue; }
      const w = cW >= 0 && (fast || flags[cW] === 0) ? nums[cW]! : NaN;
      const n = cN >= 0 && (fast || flags[cN] === 0) ? nums[cN]! : NaN;
      let pf = 1;
      let vf = 1;
      if (cPf >= 0) {
        pf = nums[cPf]!;
        vf = nums[cVf]!;
        if ((!fast && (flags[cPf]! | flags[cVf]!) !== 0) || !(pf > 0 && pf < Infinity) || !(vf > 0 && vf < Infinity)) {
          this.line = line;
          if (!fast && (flags[cPf]! | flags[cVf]!) !== 0) this.badNumbers(line, buf, [cPf, cVf]);
          else bad.reject(line, pf > 0 && pf < Infinity ? 'VolumeAdjFactor' : 'PriceAdjFactor', 'non-positive-price', 'adjustment factor must be a positive finite number');
          continue;
        }
      }
      const badTicker = tickers.select(sc, buf, cTick);
      if (badTicker !== undefined) { this.line = line; bad.reject(line, this.names[cTick], 'missing-value', `expected a ticker such as AAPL; got "${badTicker}"`); continue; }
      const bld = tickers.current!;
      const ms = clock.utc(tod);
      const i = bld.append(ms, 0, line);
      if (i < 0) { this.line = line; rejectOrder(bad, line, this.names[cTime]!, i, ms, bld.lastMs, bld.lastLine, bld.symbol); continue; }
      if (std) std.arm(buf, rowStart, sc.ends[cTick]!, bld, clock.fixedBase());
      const cols = bld.cols;
      cols[0]![i] = o;
      cols[1]![i] = h;
      cols[2]![i] = l;
      cols[3]![i] = cl;
      cols[4]![i] = v;
      cols[5]![i] = w;
      cols[6]![i] = n;
      if (cPf >= 0) {
        cols[7]![i] = pf;
        cols[8]![i] = vf;
      }
    }
    this.line = line;
  }

  /** The parsed blocks, one per ticker in order of first appearance. */
  blocks(): BarBlock[] {
    return this.tickers.blocks();
  }

  private badField(line: number, col: number, buf: Uint8Array, reason: 'bad-date' | 'bad-time', want: string): void {
    const text = latin1(buf, this.scanner.starts[col]!, this.scanner.ends[col]!);
    this.bad.reject(line, this.names[col], text.trim() === '' ? 'missing-value' : reason, `${want}; got "${text}"`);
  }

  private badNumbers(line: number, buf: Uint8Array, cols: number[]): void {
    const sc = this.scanner;
    const col = cols.find((k) => sc.flags[k] !== 0)!;
    rejectNumber(this.bad, line, this.names[col]!, sc.flags[col]!, buf, sc.starts[col]!, sc.ends[col]!);
  }
}
