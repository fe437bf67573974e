// Synthetic files in Algoseek's formats and folder layout, from generated minute bars: trade-only
// and TAQ minute files per ticker per day, adjusted daily files per SecId with made-up dividends and a
// 2-for-1 split. For tests and benchmarks of the ingest; deterministic bytes for the same input.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BarSeries } from '../../model/bars.js';
import { utcOffsetMs } from '../calendar.js';
import { civilFromDays, DAY_MS } from '../../model/civil-date.js';
import { formatNumber } from '../csv-writer.js';
import { int64Words, readMs } from '../int64-ns.js';
import { TRADE_BAR_HEADER } from './trade-bars.js';

/** Formats `qtrader generate` can write in Algoseek's layouts. */
export const ALGOSEEK_FORMATS = ['algoseek-trades', 'algoseek-taq', 'algoseek-daily'] as const;
/** One of {@link ALGOSEEK_FORMATS}. */
export type AlgoseekFormat = (typeof ALGOSEEK_FORMATS)[number];

/** What to write. */
export interface AlgoseekWriteOptions {
  readonly format: AlgoseekFormat;
  readonly outDir: string;
  /** gzip every file (`.csv.gz`, as delivered); default true. */
  readonly gzip?: boolean;
  /** One file per symbol holding every day instead of the per-day layout (intraday formats). */
  readonly single?: boolean;
  readonly zone?: string;
}

const TAQ_HEADER = 'Date,Ticker,TimeBarStart,OpenBarTime,OpenBidPrice,OpenBidSize,OpenAskPrice,OpenAskSize,FirstTradeTime,FirstTradePrice,FirstTradeSize,HighBidTime,HighBidPrice,HighBidSize,HighAskTime,HighAskPrice,HighAskSize,HighTradeTime,HighTradePrice,HighTradeSize,LowBidTime,LowBidPrice,LowBidSize,LowAskTime,LowAskPrice,LowAskSize,LowTradeTime,LowTradePrice,LowTradeSize,CloseBarTime,CloseBidPrice,CloseBidSize,CloseAskPrice,CloseAskSize,LastTradeTime,LastTradePrice,LastTradeSize,MinSpread,MaxSpread,CancelSize,VolumeWeightPrice,NBBOQuoteCount,TradeAtBid,TradeAtBidMid,TradeAtMid,TradeAtMidAsk,TradeAtAsk,TradeAtCrossOrLocked,Volume,TotalTrades,FinraVolume,FinraVolumeWeightPrice,UptickVolume,DowntickVolume,RepeatUptickVolume,RepeatDowntickVolume,UnknownTickVolume,TradeToMidVolWeight,TradeToMidVolWeightRelative,TimeWeightBid,TimeWeightAsk';
const DAILY_HEADER = 'TradeDate,Ticker,Open,High,Low,Close,MarketHoursVolume,CumulativePriceFactor,CumulativeVolumeFactor,AdjustmentFactor,AdjustmentReason,SecId';

const two = (n: number): string => (n < 10 ? '0' : '') + n;
const f = formatNumber;

/** Local calendar day number and minute of day of each bar. */
function localClock(s: BarSeries, zone: string): { day: Int32Array; minute: Int32Array } {
  const w = int64Words(s.ts);
  const day = new Int32Array(s.ts.length);
  const minute = new Int32Array(s.ts.length);
  for (let i = 0; i < s.ts.length; i++) {
    const ms = readMs(w, i);
    const local = ms + utcOffsetMs(ms, zone);
    day[i] = Math.floor(local / DAY_MS);
    minute[i] = Math.floor((local - day[i]! * DAY_MS) / 60_000);
  }
  return { day, minute };
}

function yyyymmdd(day: number): string {
  const c = civilFromDays(day);
  return `${c.year}${two(c.month)}${two(c.day)}`;
}

function write(path: string, text: string, gzip: boolean): string {
  const p = gzip ? `${path}.gz` : path;
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, gzip ? gzipSync(text) : text);
  return p;
}

/** Rows of one bar in the trade-only layout: VWAP = (h + l + c) / 3 to 4 places, trades = volume / 100. */
function tradeRow(date: string, sym: string, m: number, s: BarSeries, i: number): string {
  const vwap = Math.round(((s.high[i]! + s.low[i]! + s.close[i]!) / 3) * 1e4) / 1e4;
  return `${date},${sym},${two(Math.floor(m / 60))}:${two(m % 60)},${f(s.open[i]!)},${f(s.high[i]!)},${f(s.low[i]!)},${f(s.close[i]!)},${f(vwap)},${s.volume[i]},${Math.max(1, Math.round(s.volume[i]! / 100))}`;
}

/** A TAQ row: quotes a cent either side of the close; every 17th minute has quotes but no trade. */
function taqRow(date: string, sym: string, m: number, s: BarSeries, i: number): string {
  const hh = two(Math.floor(m / 60));
  const mm = two(m % 60);
  const t = (sec: string): string => `${hh}:${mm}:${sec}`;
  const bid = Math.round(s.close[i]! * 100 - 1) / 100;
  const ask = Math.round(s.close[i]! * 100 + 1) / 100;
  const quotes = [f(bid), 300, f(ask), 200];
  const noTrade = i % 17 === 16;
  const trade = (p: number, sec: string): (string | number)[] => (noTrade ? ['', '', ''] : [t(sec), f(p), 100]);
  const vwap = noTrade ? '' : f(Math.round(((s.high[i]! + s.low[i]! + s.close[i]!) / 3) * 1e4) / 1e4);
  const v = noTrade ? 0 : s.volume[i]!;
  return [date, sym, `${hh}${mm}`, t('00.000'), ...quotes, ...trade(s.open[i]!, '00.100'),
    t('10.000'), f(bid), 300, t('10.000'), f(ask), 200, ...trade(s.high[i]!, '20.000'),
    t('30.000'), f(bid), 300, t('30.000'), f(ask), 200, ...trade(s.low[i]!, '40.000'),
    t('59.999'), ...quotes, ...trade(s.close[i]!, '59.000'),
    '0.01', '0.02', 0, vwap, 40, 0, 0, v, 0, 0, 0,
    v, noTrade ? 0 : Math.max(1, Math.round(v / 100)), Math.round(v / 3), noTrade ? '' : vwap, 0, 0, 0, 0, 0, '', '', f(bid), f(ask)].join(',');
}

/**
 * Writes the series in the format's layout under `outDir` and returns the paths written:
 * intraday formats as `{yyyymmdd}/{letter}/{TICKER}.csv[.gz]` (or `{TICKER}.csv[.gz]` with `single`),
 * daily as `{SecId}.csv[.gz]` (SecIds 100001, 100002, … in series order).
 */
export function writeAlgoseekFiles(series: readonly BarSeries[], o: AlgoseekWriteOptions): string[] {
  const zone = o.zone ?? 'America/New_York';
  const gzip = o.gzip ?? true;
  const out: string[] = [];
  series.forEach((s, k) => {
    const { day, minute } = localClock(s, zone);
    if (o.format === 'algoseek-daily') {
      out.push(write(join(o.outDir, `${100001 + k}.csv`), dailyFile(s, day, 100001 + k), gzip));
      return;
    }
    const header = o.format === 'algoseek-trades' ? TRADE_BAR_HEADER.join(',') : TAQ_HEADER;
    const row = o.format === 'algoseek-trades' ? tradeRow : taqRow;
    let lines: string[] = [header];
    const flush = (d: number): void => {
      const path = o.single ? join(o.outDir, `${s.symbol}.csv`) : join(o.outDir, yyyymmdd(d), s.symbol[0]!.toUpperCase(), `${s.symbol}.csv`);
      out.push(write(path, lines.join('\n') + '\n', gzip));
      lines = [header];
    };
    for (let i = 0; i < s.ts.length; i++) {
      if (!o.single && i > 0 && day[i] !== day[i - 1]) flush(day[i - 1]!);
      lines.push(row(yyyymmdd(day[i]!), s.symbol, minute[i]!, s, i));
    }
    if (s.ts.length > 0) flush(day[s.ts.length - 1]!);
  });
  return out;
}

/**
 * One symbol's adjusted daily file from its minute bars: raw daily OHLCV per local day; a cash dividend
 * of 0.4 % of the previous close every 63rd day (factor 0.996) and a 2-for-1 split on the middle day,
 * after which raw prices halve and volumes double; CPF and CVF follow as Algoseek defines them.
 */
function dailyFile(s: BarSeries, day: Int32Array, secId: number): string {
  const days: number[] = [];
  const rows: number[][] = [];
  for (let i = 0; i < s.ts.length; i++) {
    if (i === 0 || day[i] !== day[i - 1]) {
      days.push(day[i]!);
      rows.push([s.open[i]!, s.high[i]!, s.low[i]!, s.close[i]!, 0]);
    }
    const r = rows[rows.length - 1]!;
    r[1] = Math.max(r[1]!, s.high[i]!);
    r[2] = Math.min(r[2]!, s.low[i]!);
    r[3] = s.close[i]!;
    r[4]! += s.volume[i]!;
  }
  const splitAt = Math.floor(days.length / 2);
  let cpf = 1;
  let cvf = 1;
  const lines = [DAILY_HEADER];
  days.forEach((d, j) => {
    const c = civilFromDays(d);
    const post = j >= splitAt && splitAt > 0;
    const [o, h, l, cl, v] = rows[j]!.map((x, k) => (k === 4 ? (post ? x * 2 : x) : post ? x / 2 : x)) as [number, number, number, number, number];
    let factor = '';
    let reason = '';
    if (j === splitAt && j > 0) {
      cpf /= 0.5;
      cvf /= 0.5;
      factor = '0.5';
      reason = 'Subdiv';
    } else if (j > 0 && j % 63 === 0) {
      cpf /= 0.996;
      factor = '0.996';
      reason = 'CashDiv';
    }
    lines.push(`${c.year}-${two(c.month)}-${two(c.day)},${s.symbol},${f(o)},${f(h)},${f(l)},${f(cl)},${v},${cpf},${cvf},${factor},${reason},${secId}`);
  });
  return lines.join('\n') + '\n';
}
