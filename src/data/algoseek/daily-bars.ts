// Algoseek daily bars: the standard adjusted daily file (raw OHLCV plus cumulative factors and the
// event rows' AdjustmentFactor/Reason) and the primary-exchange daily file, both matched by name.
import { checkBar } from '../bar-rules.js';
import type { BarBlock } from '../ingest/bar-block.js';
import { CsvChunkParser } from '../ingest/csv-chunk-parser.js';
import { duplicateName, headerIndex, rejectBar, rejectFieldCount, rejectNumber, rejectOrder } from '../ingest/row-checks.js';
import { FieldFlag, Kind, RowScanner, spanText } from '../ingest/row-scanner.js';
import type { BadRows } from '../ingest/row-tally.js';
import { DATE_FORMS, fieldText, TickerBlocks, TradeDate } from '../ingest/row-context.js';

/** Which daily product a file is. */
export type DailyKind = 'standard' | 'primary';

/** Catalog columns of the standard adjusted daily file and their header fields. */
export const STANDARD_DAILY_FIELDS = [
  ['open', 'Open'], ['high', 'High'], ['low', 'Low'], ['close', 'Close'], ['volume', 'MarketHoursVolume'],
  ['cpf', 'CumulativePriceFactor'], ['cvf', 'CumulativeVolumeFactor'], ['adj_factor', 'AdjustmentFactor'], ['sec_id', 'SecId'],
] as const;

/** Catalog columns of the primary-exchange daily file and their header fields (volume = listed + FINRA market hours). */
export const PRIMARY_DAILY_FIELDS = [
  ['open', 'OpenPrice'], ['high', 'HighPrice'], ['low', 'LowPrice'], ['close', 'ClosePrice'], ['volume', 'ListedMarketHoursVolume'],
  ['finra_volume', 'FinraMarketHoursVolume'], ['vwap', 'MarketVWAP'], ['daily_vwap', 'DailyVWAP'], ['sec_id', 'SecId'],
  ['price_factor', 'PriceAdjFactor'], ['volume_factor', 'VolumeAdjFactor'],
] as const;

/** The text column of standard daily files: the reason of an adjustment on its effective date. */
export const ADJ_REASON_COLUMN = 'adj_reason';

const STANDARD_REQUIRED = ['TradeDate', 'Ticker', 'Open', 'High', 'Low', 'Close', 'MarketHoursVolume', 'CumulativePriceFactor', 'CumulativeVolumeFactor', 'AdjustmentFactor', 'AdjustmentReason'];
const PRIMARY_REQUIRED = ['TradeDate', 'Ticker', 'OpenPrice', 'HighPrice', 'LowPrice', 'ClosePrice', 'ListedMarketHoursVolume'];

/** A daily block: the numeric columns plus the adjustment reasons (null where blank). */
export interface DailyBlock extends BarBlock {
  readonly reasons?: readonly (string | null)[];
}

/**
 * Parser of one daily file of either kind (told apart by the header). Bars are stamped at local
 * midnight of TradeDate (`YYYYMMDD`, `YYYY-MM-DD` or `YYYY-MM-DD 00:00:00`). Cumulative factors must be
 * positive; AdjustmentFactor is blank except on event rows.
 */
export class DailyBarParser extends CsvChunkParser {
  kind: DailyKind = 'standard';
  private scanner!: RowScanner;
  private ncols = 0;
  private names: string[] = [];
  private src = new Int32Array(0);
  private fields: readonly (readonly [string, string])[] = STANDARD_DAILY_FIELDS;
  private cDate = 0;
  private cTick = 0;
  private cReason = -1;
  private readonly date: TradeDate;
  private readonly tickers: TickerBlocks;
  private readonly reasons = new Map<string, Map<number, string>>();

  constructor(bad: BadRows, zone = 'America/New_York', capacity = 1024) {
    super(bad);
    this.date = new TradeDate(zone);
    this.tickers = new TickerBlocks(() => this.fields.map(([c]) => c), capacity);
  }

  /** Catalog column names for this file's kind. */
  columns(): string[] {
    return this.fields.map(([c]) => c);
  }

  protected onHeader(names: string[]): boolean {
    const at = headerIndex(names);
    const dup = duplicateName(names);
    if (dup !== undefined) {
      this.bad.reject(1, dup, 'bad-header', `column "${dup}" appears twice in the header`, 0);
      return false;
    }
    this.kind = at('OpenPrice') >= 0 ? 'primary' : 'standard';
    this.fields = this.kind === 'primary' ? PRIMARY_DAILY_FIELDS : STANDARD_DAILY_FIELDS;
    for (const r of this.kind === 'primary' ? PRIMARY_REQUIRED : STANDARD_REQUIRED) {
      if (at(r) < 0) {
        const want = this.kind === 'primary' ? PRIMARY_REQUIRED : STANDARD_REQUIRED;
        this.bad.reject(1, r, 'bad-header', `missing column; an Algoseek ${this.kind === 'primary' ? 'primary-exchange' : 'adjusted'} daily header names ${want.join(',')}; found ${names.join(',')}`, 0);
        return false;
      }
    }
    const kinds = names.map(() => Kind.skip as number);
    this.cDate = at('TradeDate');
    this.cTick = at('Ticker');
    this.cReason = at('AdjustmentReason');
    kinds[this.cDate] = kinds[this.cTick] = Kind.span;
    if (this.cReason >= 0) kinds[this.cReason] = Kind.span;
    this.src = Int32Array.from(this.fields.map(([, h]) => at(h)));
    for (const i of this.src) if (i >= 0) kinds[i] = Kind.num;
    this.scanner = new RowScanner(kinds);
    this.ncols = names.length;
    this.names = names;
    return true;
  }

  protected parseRows(buf: Uint8Array, pos: number, end: number): void {
    const sc = this.scanner;
    const nums = sc.nums;
    const src = this.src;
    const bad = this.bad;
    const standard = this.kind === 'standard';
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
        const k = [...src].find((j) => j >= 0 && sc.flags[j] === FieldFlag.notNumber);
        if (k !== undefined) { rejectNumber(bad, line, this.names[k]!, sc.flags[k]!, buf, sc.starts[k]!, sc.ends[k]!); continue; }
      }
      if (!this.date.update(sc, buf, this.cDate)) {
        const text = fieldText(sc, buf, this.cDate);
        bad.reject(line, this.names[this.cDate], text.trim() === '' ? 'missing-value' : 'bad-date', `expected ${DATE_FORMS}; got "${text}"`);
        continue;
      }
      const o = nums[src[0]!]!, h = nums[src[1]!]!, l = nums[src[2]!]!, c = nums[src[3]!]!;
      let v = nums[src[4]!]!;
      if (!standard && src[5]! >= 0 && nums[src[5]!] === nums[src[5]!]) v += nums[src[5]!]!;
      const blank = [0, 1, 2, 3, 4].find((k) => nums[src[k]!] !== nums[src[k]!]);
      if (blank !== undefined) { rejectNumber(bad, line, this.names[src[blank]!]!, FieldFlag.empty, buf, sc.starts[src[blank]!]!, sc.ends[src[blank]!]!); continue; }
      const code = checkBar(o, h, l, c, v);
      if (code !== 0) { rejectBar(bad, line, code, o, h, l, c, v, [0, 1, 2, 3, 4].map((k) => this.names[src[k]!]!)); continue; }
      if (standard && !this.factorsOk(line, buf)) continue;
      const badTicker = this.tickers.select(sc, buf, this.cTick);
      if (badTicker !== undefined) { bad.reject(line, this.names[this.cTick], 'missing-value', `expected a ticker such as AAPL; got "${badTicker}"`); continue; }
      const bld = this.tickers.current!;
      const ms = this.date.clock.utc(0);
      const i = bld.append(ms, 0, line);
      if (i < 0) { rejectOrder(bad, line, this.names[this.cDate]!, i, ms, bld.lastMs, bld.lastLine, bld.symbol); continue; }
      const cols = bld.cols;
      for (let k = 0; k < src.length; k++) cols[k]![i] = src[k]! >= 0 ? nums[src[k]!]! : NaN;
      cols[4]![i] = v;
      if (standard && sc.ends[this.cReason]! > sc.starts[this.cReason]!) {
        let m = this.reasons.get(bld.symbol);
        if (!m) this.reasons.set(bld.symbol, (m = new Map()));
        m.set(i, spanText(buf, sc.starts[this.cReason]!, sc.ends[this.cReason]!).trim());
      }
    }
    this.line = line;
  }

  /** The parsed blocks, one per ticker in order of first appearance, with adjustment reasons. */
  blocks(): DailyBlock[] {
    return this.tickers.blocks().map((b) => {
      const m = this.reasons.get(b.symbol);
      if (this.kind !== 'standard') return b;
      const reasons: (string | null)[] = new Array<string | null>(b.length).fill(null);
      if (m) for (const [i, r] of m) reasons[i] = r === '' ? null : r;
      return { ...b, reasons };
    });
  }

  /** Checks the standard file's factors: cumulative ones positive, AdjustmentFactor blank or positive and set with a reason. */
  private factorsOk(line: number, buf: Uint8Array): boolean {
    const sc = this.scanner;
    const nums = sc.nums;
    for (const k of [5, 6]) {
      const j = this.src[k]!;
      const x = nums[j]!;
      if (!(x > 0 && x < Infinity)) {
        if (x !== x) rejectNumber(this.bad, line, this.names[j]!, FieldFlag.empty, buf, sc.starts[j]!, sc.ends[j]!);
        else this.bad.reject(line, this.names[j], 'non-positive-price', `cumulative factor must be positive; got ${x}`);
        return false;
      }
    }
    const jf = this.src[7]!;
    const f = nums[jf]!;
    const hasReason = sc.ends[this.cReason]! > sc.starts[this.cReason]!;
    if (f === f && !(f > 0 && f < Infinity)) {
      this.bad.reject(line, this.names[jf], 'non-positive-price', `AdjustmentFactor must be positive; got ${f}`);
      return false;
    }
    if ((f === f) !== hasReason) {
      this.bad.reject(line, this.names[hasReason ? jf : this.cReason], 'missing-value', 'AdjustmentFactor and AdjustmentReason are set together (on the event\'s effective date) or both left blank');
      return false;
    }
    return true;
  }
}
