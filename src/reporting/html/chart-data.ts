// The data report.html's charts draw, prepared in Node: curves downsampled for display, rolling
// Sharpe, the histogram of trade returns, and the chart symbol's price merged with trade markers.
import { minMaxIndices, pick } from '../downsample.js';
import { underwater } from '../drawdown.js';
import { dailyReturns } from '../return-stats.js';
import type { DailySeries } from '../run-analysis.js';
import type { RunResults } from '../results.js';
import { decimalNumber } from '../decimal-number.js';
import { isoMs } from '../local-date.js';
import { formatValue } from './format.js';

/** Columns of the page's charts (x in seconds since the epoch, as uPlot wants time). */
export interface ChartData {
  readonly zone: string;
  readonly equity: { x: number[]; strategy: number[]; benchmark: number[] | null };
  readonly drawdown: { x: number[]; pct: number[] };
  readonly rolling: { x: number[]; sharpe: (number | null)[]; window: number };
  readonly histogram: { x: number[]; count: number[]; binPct: number };
  readonly price: { symbol: string; x: number[]; close: (number | null)[]; entry: (number | null)[]; exit: (number | null)[] } | null;
  /** Sentences for the page on what was downsampled or left out. */
  readonly notes: string[];
}

const round = (x: number, d: number): number => {
  const f = 10 ** d;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r;
};
const secs = (ms: number): number => ms / 1000;
// n.toLocaleString('en-US') of a count, without ICU's number formatting (its first use in a process costs tens of ms)
const count = (n: number): string => (Number.isSafeInteger(n) ? formatValue(n, 'int') : n.toLocaleString('en-US'));

/** Rolling Sharpe of the last `w` daily returns at each day (annualised with P; rf subtracted); null before a full window or without spread. */
export function rollingSharpe(returns: Float64Array, w: number, periodsPerYear: number, riskFreeRate: number): (number | null)[] {
  const out: (number | null)[] = new Array(returns.length).fill(null);
  const tau = riskFreeRate / periodsPerYear;
  for (let i = w - 1; i < returns.length; i++) {
    let s = 0;
    for (let k = i - w + 1; k <= i; k++) s += returns[k]!;
    const mean = s / w;
    let ss = 0;
    for (let k = i - w + 1; k <= i; k++) ss += (returns[k]! - mean) ** 2;
    const sd = Math.sqrt(ss / (w - 1));
    out[i] = sd > 1e-13 ? ((mean - tau) / sd) * Math.sqrt(periodsPerYear) : null;
  }
  return out;
}

/** Histogram of values: ⌈√n⌉ bins clamped to [5, 50] over [min, max] (±0.5 around a single value). */
export function histogram(values: readonly number[]): { lo: number; width: number; counts: number[] } {
  if (values.length === 0) return { lo: 0, width: 0, counts: [] };
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi === lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  const bins = Math.min(50, Math.max(5, Math.ceil(Math.sqrt(values.length))));
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]!++;
  return { lo, width, counts };
}

/** The closed trades report.html lists and marks: the most recent `html_trades` of them, by closing order. */
export function listedTrades(r: RunResults): number[] {
  const closed: number[] = [];
  r.trades.status.forEach((s, i) => { if (s === 'closed') closed.push(i); });
  return closed.slice(Math.max(0, closed.length - r.options.html_trades));
}

/** Prepares every chart's columns from the saved results and their daily series. */
export function chartData(r: RunResults, daily: DailySeries): ChartData {
  const o = r.options;
  const notes: string[] = [];
  const n = daily.equity.length;
  const idx = minMaxIndices(daily.equity, o.chart_points);
  if (idx.length < n) notes.push(`Equity and benchmark: ${count(n)} daily points drawn as ${count(idx.length)} (lowest and highest equity of each of ${count(o.chart_points)} buckets).`);
  const x = pick(daily.timeMs, idx).map(secs);
  const b = daily.benchmark;
  const initial = daily.equity[0]!;
  const equity = {
    x, strategy: pick(daily.equity, idx).map((v) => round(v, 2)),
    benchmark: b ? idx.map((i) => round((initial * b[i]!) / b[0]!, 2)) : null,
  };
  const uw = underwater(daily.equity);
  const ddIdx = minMaxIndices(uw, o.chart_points);
  if (ddIdx.length < n) notes.push(`Drawdown: ${count(n)} daily points drawn as ${count(ddIdx.length)} (min and max per bucket).`);
  const returns = dailyReturns(daily.equity) ?? new Float64Array(0);
  const rs = rollingSharpe(returns, o.rolling_window, o.periods_per_year, o.risk_free_rate);
  // rolling values sit on days 1..n−1; downsample where they are defined
  const rsFilled = Float64Array.from(rs, (v) => (v === null ? NaN : v));
  const rsIdx = minMaxIndices(rsFilled, o.chart_points);
  if (rsIdx.length < rs.filter((v) => v !== null).length) notes.push(`Rolling Sharpe: drawn from ${count(rsIdx.length)} of its daily values (min and max per bucket).`);
  const listed = listedTrades(r);
  const allReturns: number[] = [];
  r.trades.status.forEach((s, i) => {
    if (s !== 'closed') return;
    const cost = decimalNumber(r.trades.entry_price[i]!) * decimalNumber(r.trades.quantity[i]!);
    if (cost > 0) allReturns.push((100 * decimalNumber(r.trades.realized_pnl[i]!)) / cost);
  });
  const h = histogram(allReturns);
  const price = priceChart(r, listed, notes);
  const closedCount = r.trades.status.filter((st) => st === 'closed').length;
  if (listed.length < closedCount) notes.push(`Trades: the ${count(listed.length)} most recent of ${count(closedCount)} are listed and marked on the price; trades.csv has them all.`);
  return {
    zone: r.run.data.timezone,
    equity,
    drawdown: { x: pick(daily.timeMs, ddIdx).map(secs), pct: pick(uw, ddIdx).map((v) => round(v * 100, 4)) },
    rolling: { x: rsIdx.map((i) => secs(daily.timeMs[i + 1]!)), sharpe: rsIdx.map((i) => round(rs[i]!, 4)), window: o.rolling_window },
    histogram: { x: h.counts.map((_, k) => round(h.lo + (k + 0.5) * h.width, 6)), count: h.counts, binPct: round(h.width, 6) },
    price,
    notes,
  };
}

/** The chart symbol's (downsampled) closes on one x axis with the entries and exits of the listed trades. */
function priceChart(r: RunResults, listed: readonly number[], notes: string[]): ChartData['price'] {
  const p = r.price;
  if (!p) return null;
  if (p.close.length < p.bars) notes.push(`Price of ${p.symbol}: ${count(p.bars)} bars drawn as ${count(p.close.length)} points (lowest and highest close of each bucket).`);
  const at = new Map<number, { close: number | null; entry: number | null; exit: number | null }>();
  const slot = (ms: number) => {
    let s = at.get(ms);
    if (!s) at.set(ms, (s = { close: null, entry: null, exit: null }));
    return s;
  };
  p.time_ms.forEach((ms, i) => (slot(ms).close = p.close[i]!));
  for (const i of listed) {
    if (r.trades.symbol[i] !== p.symbol) continue;
    slot(isoMs(r.trades.entry_time[i]!)).entry = decimalNumber(r.trades.entry_price[i]!);
    slot(isoMs(r.trades.exit_time[i]!)).exit = decimalNumber(r.trades.exit_price[i]!);
  }
  // a typed array sorts numbers by value without calling a comparator (the same order: times are distinct and never NaN here)
  const xs = Array.from(Float64Array.from(at.keys()).sort());
  return {
    symbol: p.symbol,
    x: xs.map(secs),
    close: xs.map((ms) => at.get(ms)!.close),
    entry: xs.map((ms) => at.get(ms)!.entry),
    exit: xs.map((ms) => at.get(ms)!.exit),
  };
}
