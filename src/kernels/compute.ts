// Wrapper of the compute path: a whole sma_cross backtest of one symbol with a float ledger, no events.
import { ConfigError } from '../model/index.js';
import { STATUS_OK, STATUS_CAPACITY, TRADE_STRIDE, RESULT_SIZE } from './codes.js';
import { checkStatus } from './wasm-module.js';
import { Workspace } from './workspace.js';
import { PRICE_SCALE, checkExactRange, checkWindows } from './sma-cross.js';
import * as ref from './reference/compute.js';

/** Parameters of one compute-path run. */
export interface ComputeParams {
  readonly fast: number;
  readonly slow: number;
  readonly quantity: number;
  readonly perShare: number;
  readonly minCommission: number;
  readonly initialCash: number;
  /** Also return the per-bar equity column. */
  readonly withEquity?: boolean;
}

/** One round trip of the compute path (bar indices into the series). */
export interface ComputeTrade {
  readonly entryIndex: number;
  readonly exitIndex: number;
  readonly quantity: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly commission: number;
  readonly pnl: number;
}

/** What the compute path returns. */
export interface ComputeResult {
  readonly cash: number;
  readonly position: number;
  readonly mark: number;
  readonly equity: number;
  /** Round trips as records of TRADE_STRIDE floats (see wasm/compute.ts); `trades` materialises them. */
  readonly tradeData: Float64Array;
  readonly tradeCount: number;
  /** The round trips as objects (built on first access; sweeps need only `tradeData`). */
  readonly trades: ComputeTrade[];
  readonly pendingQuantity: number;
  readonly signals: number;
  readonly refused: number;
  readonly fills: number;
  readonly equityCurve?: Float64Array;
}

/** Builds trade objects from compute-path trade records. */
export function tradesFromRecords(data: Float64Array, count: number): ComputeTrade[] {
  const list: ComputeTrade[] = [];
  for (let k = 0; k < count; k++) {
    const o = k * TRADE_STRIDE;
    list.push({
      entryIndex: data[o]!, exitIndex: data[o + 1]!, quantity: data[o + 2]!, entryPrice: data[o + 3]!,
      exitPrice: data[o + 4]!, commission: data[o + 5]!, pnl: data[o + 6]!,
    });
  }
  return list;
}

/**
 * Loaded price columns of one symbol for repeated compute-path runs: copied into the arena once,
 * with the prefix sums of the scaled closes that every window pair reads.
 */
export class ComputeSeries {
  readonly open;
  readonly close;
  readonly prefix;
  readonly maxAbsPrice: number;
  /** Number of valid (non-NaN) closes. */
  readonly valid: number;
  constructor(readonly ws: Workspace, open: Float64Array, close: Float64Array) {
    if (open.length !== close.length) throw new RangeError('open and close differ in length');
    const n = close.length;
    this.open = ws.f64(n);
    this.open.set(open);
    this.close = ws.f64(n);
    this.close.set(close);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const c = Math.abs(close[i]!);
      if (c > m) m = c;
    }
    this.maxAbsPrice = m;
    // prefix sums stay exact in i64 while n·max|v| < 2^63
    if (!(n * Math.round(m * PRICE_SCALE) < 2 ** 63)) throw new RangeError(`compute path: ${n} prices up to ${m} overflow the exact prefix sums`);
    this.prefix = ws.i64(n + 1);
    this.valid = ws.arena
      ? ws.wasm.scaledPrefix(this.close.ptr, this.prefix.ptr, n, PRICE_SCALE)
      : ref.scaledPrefix(this.close.view(), this.prefix.view(), n, PRICE_SCALE);
  }
  get length(): number {
    return this.open.length;
  }
}

/** Runs the fused sma_cross backtest over a loaded series (wasm or js, per the series' workspace). */
export function runSmaCrossBacktest(series: ComputeSeries, p: ComputeParams): ComputeResult {
  checkWindows(p.fast, p.slow);
  if (!(p.quantity > 0)) throw new ConfigError(`sizing.quantity must be positive; got ${p.quantity}`);
  checkExactRange(p.fast, p.slow, series.maxAbsPrice);
  const ws = series.ws;
  const n = series.length;
  // a round trip needs a cross up and a cross down, at least `slow` valid bars apart at the start
  let cap = Math.max(1024, Math.ceil(series.valid / p.slow) + 1);
  for (;;) {
    const m = ws.mark();
    try {
      const equity = p.withEquity ? ws.f64(n) : null;
      const trades = ws.f64(cap * TRADE_STRIDE);
      const result = ws.f64(RESULT_SIZE);
      const status = ws.arena
        ? ws.wasm.smaCrossBacktest(series.open.ptr, series.close.ptr, series.prefix.ptr, equity ? equity.ptr : 0, trades.ptr, result.ptr, n, series.valid, cap,
          p.fast, p.slow, p.quantity, p.perShare, p.minCommission, p.initialCash)
        : ref.smaCrossBacktest(series.open.view(), series.close.view(), series.prefix.view(), equity ? equity.view() : null, trades.view(), result.view(), n, series.valid, cap,
          p.fast, p.slow, p.quantity, p.perShare, p.minCommission, p.initialCash);
      const r = result.view();
      if (status === STATUS_CAPACITY) {
        cap = Math.max(cap * 2, r[3]! + 1);
        continue;
      }
      checkStatus('smaCrossBacktest', status, [STATUS_OK]);
      const tradeCount = r[3]!;
      const tradeData = trades.view().slice(0, tradeCount * TRADE_STRIDE);
      let list: ComputeTrade[] | undefined;
      const out: ComputeResult = {
        cash: r[0]!, position: r[1]!, mark: r[2]!, equity: r[0]! + r[1]! * r[2]!, tradeData, tradeCount,
        get trades() {
          return (list ??= tradesFromRecords(tradeData, tradeCount));
        },
        pendingQuantity: r[4]!, signals: r[5]!, refused: r[6]!, fills: r[7]!,
        ...(equity ? { equityCurve: Float64Array.from(equity.view()) } : {}),
      };
      return out;
    } finally {
      ws.release(m);
    }
  }
}
