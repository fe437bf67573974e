// Wrapper of the sweep kernels (wasm/sweep.ts): one symbol's bars prepared once for many sma_cross runs
// over day ranges, each returning its daily equity and round trips without building events.
import { ConfigError, DataError } from '../model/index.js';
import { STATUS_OK, STATUS_CAPACITY, TRADE_STRIDE } from './codes.js';
import { checkStatus } from './wasm-module.js';
import { Workspace, type Buf } from './workspace.js';
import { PRICE_SCALE, checkExactRange, checkWindows } from './sma-cross.js';
import type { ComputeParams, ComputeResult } from './compute.js';
import * as ref from './reference/sweep.js';
import { scaledPrefix } from './reference/compute.js';

/** Floats in the result block of the sweep kernel (mirrors wasm/sweep.ts; a test checks they agree). */
export const SWEEP_RESULT_SIZE = 11;

/** The sweep kernels' exports (wasm/sweep.ts), beyond the core kernels typed in KernelExports. */
interface SweepExports {
  scaledPrefix(close: number, out: number, n: number, scale: number): number;
  sweepScan(open: number, close: number, dayEnd: number, result: number, n: number): number;
  sweepCompact(open: number, close: number, dayEnd: number, dayEnds: number, dayEndBars: number, barOf: number, n: number): number;
  smaCrossSweep(
    open: number, close: number, prefix: number, dayEnds: number, equity: number, trades: number, result: number, m: number, nDays: number, cap: number,
    start: number, end: number, fast: number, slow: number, qty: number, perShare: number, minCommission: number, initialCash: number,
  ): number;
}

/** Account and cost parameters of a sweep run; the windows come per call. */
export type SweepCosts = Omit<ComputeParams, 'fast' | 'slow' | 'withEquity'>;

/** What one sweep run returns; `tradeData` (bar indices of the original bars) and `dailyEquity` are views valid until the next run. */
export interface SweepRun extends Omit<ComputeResult, 'trades' | 'equityCurve'> {
  /** Equity at the close of each day of the range (days [fromDay, toDay)). */
  readonly dailyEquity: Float64Array;
  /** Bar index and price of the open position's entry fill (−1 and 0 when flat). */
  readonly openEntryIndex: number;
  readonly openEntryPrice: number;
}

/**
 * The trade-record buffer that every sweep series of a workspace writes into (one run at a time), grown
 * on demand; when it is the arena's last allocation its old space is reused rather than left behind.
 */
class TradeScratch {
  cap = 1024;
  buf;
  private start: number;
  private end: number;
  constructor(private readonly ws: Workspace) {
    this.start = ws.mark();
    this.buf = ws.f64(this.cap * TRADE_STRIDE);
    this.end = ws.mark();
  }
  grow(cap: number): void {
    if (this.ws.arena && this.ws.mark() === this.end) this.ws.release(this.start);
    this.start = this.ws.mark();
    this.buf = this.ws.f64(cap * TRADE_STRIDE);
    this.end = this.ws.mark();
    this.cap = cap;
  }
}
const scratches = new WeakMap<Workspace, TradeScratch>();
function tradeScratch(ws: Workspace): TradeScratch {
  let s = scratches.get(ws);
  if (!s) scratches.set(ws, (s = new TradeScratch(ws)));
  return s;
}

/**
 * One symbol's bars prepared for many sweep runs: bars without prices are dropped (the compacted
 * series the sweep kernel walks), the scaled-close prefix sums every window pair reads are
 * computed once, and each trading day's last bar is mapped into the compacted series.
 * `dayEnd` flags the last bar of each day (AlignedBars.dayEnd); the last bar always ends a day.
 */
export class SweepSeries {
  /** Bars with prices (the compacted length). */
  readonly valid: number;
  /** Trading days: the number of day ends. */
  readonly days: number;
  /** Original bar index of each day's last bar. */
  readonly dayEndBars: Int32Array;
  readonly maxAbsPrice: number;
  private readonly barOf: Buf<Int32Array> | null;
  private readonly open;
  private readonly close;
  private readonly prefix;
  private readonly dayEnds;
  private readonly equity;
  private readonly result;

  constructor(readonly ws: Workspace, open: Float64Array, close: Float64Array, dayEnd: Uint8Array) {
    const n = close.length;
    if (open.length !== n || dayEnd.length !== n) throw new RangeError('open, close and dayEnd differ in length');
    // one block copy out of the caller's memory (often a SharedArrayBuffer, whose element reads from
    // JavaScript are many times slower); the kernels below read the copies
    this.open = ws.f64(n);
    this.open.set(open);
    this.close = ws.f64(n);
    this.close.set(close);
    const flags = ws.u8(n);
    flags.set(dayEnd);
    const stats = ws.f64(4);
    const w = ws.arena ? (ws.wasm as unknown as SweepExports) : undefined;
    checkStatus('sweepScan', w ? w.sweepScan(this.open.ptr, this.close.ptr, flags.ptr, stats.ptr, n)
      : ref.sweepScan(this.open.view(), this.close.view(), flags.view(), stats.view(), n));
    const [m, days, max, bad] = Array.from(stats.view()) as [number, number, number, number];
    if (bad >= 0) {
      const noClose = Number.isNaN(this.close.view()[bad]!);
      throw new DataError(`compute path: bar ${bad} has ${noClose ? 'an open but no close' : 'a close but no open'}; a bar needs both prices or neither`);
    }
    if (!(m * Math.round(max * PRICE_SCALE) < 2 ** 63)) throw new RangeError(`compute path: ${m} prices up to ${max} overflow the exact prefix sums`);
    this.valid = m;
    this.maxAbsPrice = max;
    this.days = days;
    this.barOf = m < n ? ws.i32(m) : null;
    this.prefix = ws.i64(m + 1);
    this.dayEnds = ws.i32(days);
    this.equity = ws.f64(days);
    this.result = ws.f64(SWEEP_RESULT_SIZE);
    const ends = ws.i32(days);
    // bars without prices are dropped in place; a day with no priced bar yet maps to −1 (valued at the initial cash)
    checkStatus('sweepCompact', w ? w.sweepCompact(this.open.ptr, this.close.ptr, flags.ptr, this.dayEnds.ptr, ends.ptr, this.barOf ? this.barOf.ptr : 0, n)
      : ref.sweepCompact(this.open.view(), this.close.view(), flags.view(), this.dayEnds.view(), ends.view(), this.barOf ? this.barOf.view() : null, n));
    this.dayEndBars = Int32Array.from(ends.view());
    if (w) w.scaledPrefix(this.close.ptr, this.prefix.ptr, m, PRICE_SCALE);
    else scaledPrefix(this.close.view(), this.prefix.view(), m, PRICE_SCALE);
  }

  /** Original bar index of compacted bar `k`. */
  barIndex(k: number): number {
    return this.barOf ? this.barOf.view()[k]! : k;
  }

  /**
   * Runs sma_cross over days [fromDay, toDay) (default: every day). Bars before the range are
   * history for the averages and the crossover state; the account starts flat at `fromDay`.
   */
  run(fast: number, slow: number, costs: SweepCosts, fromDay = 0, toDay = this.days): SweepRun {
    checkWindows(fast, slow);
    if (!(costs.quantity > 0)) throw new ConfigError(`sizing.quantity must be positive; got ${costs.quantity}`);
    checkExactRange(fast, slow, this.maxAbsPrice);
    if (!(Number.isInteger(fromDay) && Number.isInteger(toDay) && fromDay >= 0 && fromDay <= toDay && toDay <= this.days)) {
      throw new RangeError(`day range [${fromDay}, ${toDay}) is outside [0, ${this.days}]`);
    }
    const de = this.dayEnds.view();
    const start = fromDay > 0 ? de[fromDay - 1]! + 1 : 0;
    const end = toDay > 0 ? de[toDay - 1]! + 1 : 0;
    const nDays = toDay - fromDay;
    const days = this.dayEnds.sub(fromDay, nDays);
    const equity = this.equity.sub(0, nDays);
    const scratch = tradeScratch(this.ws);
    for (;;) {
      const trades = scratch.buf;
      const status = this.ws.arena
        ? (this.ws.wasm as unknown as SweepExports).smaCrossSweep(this.open.ptr, this.close.ptr, this.prefix.ptr, days.ptr, equity.ptr, trades.ptr, this.result.ptr,
          this.valid, nDays, scratch.cap, start, end, fast, slow, costs.quantity, costs.perShare, costs.minCommission, costs.initialCash)
        : ref.smaCrossSweep(this.open.view(), this.close.view(), this.prefix.view(), days.view(), equity.view(), trades.view(), this.result.view(),
          this.valid, nDays, scratch.cap, start, end, fast, slow, costs.quantity, costs.perShare, costs.minCommission, costs.initialCash);
      const r = this.result.view();
      if (status === STATUS_CAPACITY) {
        // the old buffer stays in the arena until the workspace goes; growth is geometric
        scratch.grow(Math.max(scratch.cap * 2, r[3]! + 1));
        continue;
      }
      checkStatus('smaCrossSweep', status, [STATUS_OK]);
      const tradeCount = r[3]!;
      const tradeData = trades.view().subarray(0, tradeCount * TRADE_STRIDE);
      if (this.barOf) {
        const bars = this.barOf.view();
        for (let t = 0; t < tradeData.length; t += TRADE_STRIDE) {
          tradeData[t] = bars[tradeData[t]!]!;
          tradeData[t + 1] = bars[tradeData[t + 1]!]!;
        }
      }
      return {
        cash: r[0]!, position: r[1]!, mark: r[2]!, equity: r[0]! + r[1]! * r[2]!, tradeCount, tradeData, dailyEquity: equity.view(),
        pendingQuantity: r[4]!, signals: r[5]!, refused: r[6]!, fills: r[7]!,
        openEntryIndex: r[8]! >= 0 ? this.barIndex(r[8]!) : -1, openEntryPrice: r[9]!,
      };
    }
  }
}
