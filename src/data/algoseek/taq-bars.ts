// Algoseek trade-and-quote (TAQ) minute bars, 61- or 54-column layout, matched by header name: trade
// OHLCV plus the NBBO bid/ask fields, stamped at OpenBarTime; quote-only minutes keep NaN trade prices.
import { checkBar } from '../bar-rules.js';
import type { BarBlock } from '../ingest/bar-block.js';
import { CsvChunkParser } from '../ingest/csv-chunk-parser.js';
import { duplicateName, headerIndex, rejectBar, rejectFieldCount, rejectNumber, rejectOrder } from '../ingest/row-checks.js';
import { FieldFlag, Kind, RowScanner } from '../ingest/row-scanner.js';
import type { BadRows } from '../ingest/row-tally.js';
import { parseTimeField } from '../ingest/wall-clock.js';
import { DATE_FORMS, fieldText, TickerBlocks, TradeDate } from '../ingest/row-context.js';

/** Catalog columns of TAQ bars and the header field each comes from (`HighAsk*`/`LowAsk*`: 61-column layout only). */
export const TAQ_FIELDS = [
  ['open', 'FirstTradePrice'], ['high', 'HighTradePrice'], ['low', 'LowTradePrice'], ['close', 'LastTradePrice'],
  ['volume', 'Volume'], ['vwap', 'VolumeWeightPrice'], ['trades', 'TotalTrades'], ['finra_volume', 'FinraVolume'],
  ['open_bid', 'OpenBidPrice'], ['open_bid_size', 'OpenBidSize'], ['open_ask', 'OpenAskPrice'], ['open_ask_size', 'OpenAskSize'],
  ['high_bid', 'HighBidPrice'], ['high_ask', 'HighAskPrice'], ['low_bid', 'LowBidPrice'], ['low_ask', 'LowAskPrice'],
  ['close_bid', 'CloseBidPrice'], ['close_bid_size', 'CloseBidSize'], ['close_ask', 'CloseAskPrice'], ['close_ask_size', 'CloseAskSize'],
  ['min_spread', 'MinSpread'], ['max_spread', 'MaxSpread'],
] as const;

/** Catalog column names of TAQ bars, in order. */
export const TAQ_COLUMNS: readonly string[] = TAQ_FIELDS.map(([c]) => c);

const REQUIRED = ['Date', 'Ticker', 'OpenBarTime', 'FirstTradePrice', 'HighTradePrice', 'LowTradePrice', 'LastTradePrice', 'Volume', 'TotalTrades', 'OpenBidPrice', 'OpenAskPrice', 'CloseBidPrice', 'CloseAskPrice'];

/** Header layouts of TAQ files. */
export type TaqLayout = '61-column' | '54-column';

/**
 * Parser of one TAQ minute-bar file. A minute with quotes but no trade (blank trade fields, Volume and
 * TotalTrades 0) is kept with NaN open/high/low/close and zero volume, so it is never a zero-price bar;
 * blank quote fields (the day's first bar) are NaN. Bars are stamped at `Date` + `OpenBarTime`.
 */
export class TaqBarParser extends CsvChunkParser {
  /** Which header layout the file has (known after the header). */
  layout: TaqLayout = '61-column';
  /** Rows with quotes but no trade. */
  quoteOnly = 0;
  private scanner!: RowScanner;
  private ncols = 0;
  private names: string[] = [];
  /** Header index of each catalog column (-1 when the layout lacks it). */
  private src = new Int32Array(TAQ_FIELDS.length);
  private cDate = 0;
  private cTick = 0;
  private cTime = 0;
  private readonly date: TradeDate;
  private readonly tickers: TickerBlocks;

  constructor(bad: BadRows, zone = 'America/New_York', capacity = 1024) {
    super(bad);
    this.date = new TradeDate(zone);
    this.tickers = new TickerBlocks(() => TAQ_COLUMNS, capacity);
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
        this.bad.reject(1, r, 'bad-header', `missing column; an Algoseek TAQ minute-bar header (61 or 54 columns) names ${REQUIRED.join(', ')} among others; found ${names.length} columns: ${names.slice(0, 12).join(',')}${names.length > 12 ? ',…' : ''}`, 0);
        return false;
      }
    }
    this.layout = at('HighAskPrice') >= 0 ? '61-column' : '54-column';
    const kinds = names.map(() => Kind.skip as number);
    this.cDate = at('Date');
    this.cTick = at('Ticker');
    this.cTime = at('OpenBarTime');
    kinds[this.cDate] = kinds[this.cTick] = kinds[this.cTime] = Kind.span;
    TAQ_FIELDS.forEach(([, h], k) => {
      const i = at(h);
      this.src[k] = i;
      if (i >= 0) kinds[i] = Kind.num;
    });
    this.scanner = new RowScanner(kinds);
    this.ncols = names.length;
    this.names = names;
    return true;
  }

  protected parseRows(buf: Uint8Array, pos: number, end: number): void {
    const sc = this.scanner;
    const nums = sc.nums;
    const flags = sc.flags;
    const src = this.src;
    const nf = src.length;
    const [cO, cH, cL, cC, cV, , cN] = src as unknown as number[];
    const bad = this.bad;
    const clock = this.date.clock;
    let line = this.line;
    while (pos < end) {
      line++;
      const b0 = buf[pos];
      if (b0 === 10) { pos++; continue; }
      if (b0 === 13 && buf[pos + 1] === 10) { pos += 2; continue; }
      bad.tally.read++;
      this.line = line;
      const next = sc.scanFast(buf, pos);
      if (next >= 0) pos = next;
      else {
        pos = sc.scan(buf, pos, end);
        if (sc.count !== this.ncols) { rejectFieldCount(bad, line, sc.count, this.ncols); continue; }
        let badCol = -1;
        for (let k = 0; k < nf && badCol < 0; k++) if (src[k]! >= 0 && flags[src[k]!] === FieldFlag.notNumber) badCol = src[k]!;
        if (badCol >= 0) { rejectNumber(bad, line, this.names[badCol]!, flags[badCol]!, buf, sc.starts[badCol]!, sc.ends[badCol]!); continue; }
      }
      if (!this.date.update(sc, buf, this.cDate)) { this.reject(line, this.cDate, buf, 'bad-date', `expected ${DATE_FORMS}`); continue; }
      const tod = parseTimeField(buf, sc.starts[this.cTime]!, sc.ends[this.cTime]!);
      if (tod < 0) { this.reject(line, this.cTime, buf, 'bad-time', 'expected a time HH:MM:SS.mmm'); continue; }
      const o = nums[cO!]!, h = nums[cH!]!, l = nums[cL!]!, c = nums[cC!]!;
      const v = nums[cV!]!, n = nums[cN!]!;
      if (v !== v || n !== n) { this.reject(line, v !== v ? cV! : cN!, buf, 'missing-value', 'expected a number (0 when the minute had no trade)'); continue; }
      const blanks = (o !== o ? 1 : 0) + (h !== h ? 1 : 0) + (l !== l ? 1 : 0) + (c !== c ? 1 : 0);
      if (blanks === 4) {
        if (v !== 0 || n !== 0) { this.reject(line, cO!, buf, 'missing-value', `trade prices are blank but ${this.names[cV!]} is ${v} and ${this.names[cN!]} is ${n}; expected trade prices when there were trades`); continue; }
        this.quoteOnly++;
      } else if (blanks > 0) {
        const k = [cO!, cH!, cL!, cC!].find((x) => nums[x] !== nums[x])!;
        this.reject(line, k, buf, 'missing-value', 'blank trade price while other trade prices are present; expected all four or none');
        continue;
      } else {
        const code = checkBar(o, h, l, c, v);
        if (code !== 0) { rejectBar(bad, line, code, o, h, l, c, v, [cO!, cH!, cL!, cC!, cV!].map((x) => this.names[x]!)); continue; }
      }
      let negative = -1;
      for (let k = 8; k < nf && negative < 0; k++) if (src[k]! >= 0 && nums[src[k]!]! < 0) negative = src[k]!;
      if (negative >= 0) { bad.reject(line, this.names[negative], 'bad-number', `quote fields must not be negative; got ${nums[negative]}`); continue; }
      const badTicker = this.tickers.select(sc, buf, this.cTick);
      if (badTicker !== undefined) { bad.reject(line, this.names[this.cTick], 'missing-value', `expected a ticker such as AAPL; got "${badTicker}"`); continue; }
      const bld = this.tickers.current!;
      const ms = clock.utc(tod);
      const i = bld.append(ms, 0, line);
      if (i < 0) { rejectOrder(bad, line, this.names[this.cTime]!, i, ms, bld.lastMs, bld.lastLine, bld.symbol); continue; }
      const cols = bld.cols;
      for (let k = 0; k < nf; k++) {
        const j = src[k]!;
        cols[k]![i] = j >= 0 ? nums[j]! : NaN;
      }
    }
    this.line = line;
  }

  /** The parsed blocks, one per ticker in order of first appearance. */
  blocks(): BarBlock[] {
    return this.tickers.blocks();
  }

  private reject(line: number, col: number, buf: Uint8Array, reason: 'bad-date' | 'bad-time' | 'missing-value', want: string): void {
    const text = fieldText(this.scanner, buf, col);
    this.bad.reject(line, this.names[col], text.trim() === '' ? 'missing-value' : reason, `${want}; got "${text}"`);
  }
}
