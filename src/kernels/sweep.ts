// Wrapper of the sweep kernels (wasm/sweep.ts): one symbol's bars prepared once for many sma_cross runs
// over day ranges, each returning its daily equity and round trips without building events.
import { ConfigError, DataError } from '../model/index.js';
import { STATUS_OK, STATUS_CAPACITY, TRADE_STRIDE } from './codes.js';
import { checkStatus } from './wasm-module.js';
import { Workspace, type Buf } from './workspace.js';
import { PRICE_SCALE, checkExactRange, checkWindows } from './sma-cross.js';
import type { ComputeParams, ComputeResult } from './compute.js';
import * as ref from './reference/sweep.js';

/** Floats in the result block of the sweep kernel (mirrors wasm/sweep.ts; a test checks they agree). */
export const SWEEP_RESULT_SIZE = 15;
/** Floats of scratch state per window pair of the sweep kernel (mirrors wasm/sweep.ts). */
export const SWEEP_STATE_SIZE = 20;
/**
 * Bars the window pairs of one call advance together: their tile of the prefix sums (32 KiB) stays in
 * cache. Measured on the 10×10 grid over 1,000,000 bars (kernel only, on-CPU time, median of 5, 4
 * samples): 4,096 bars took 180–212 ms on one thread, 16,384 bars 196–227 ms, 65,536 bars 188–254 ms;
 * two threads at once, 4,096 and 16,384 bars alike.
 */
export const SWEEP_TILE = 4096;
/** Floats of the state the preparation kernel carries between windows (mirrors wasm/sweep.ts). */
export const PREPARE_STATE_SIZE = 6;
/**
 * Bars per window of the preparation: a window's open, close and prefix sums (768 KiB) stay in the
 * 1 MiB L2 cache from their copy to the kernel's pass.
 */
const PREPARE_WINDOW = 1 << 15;
/** Bytes of trade records one call may fill: pairs are run in groups that fit. */
const TRADE_BUDGET = 32 << 20;
/** Pairs of one call when no trade records are kept (their equity columns stay small). */
const MAX_GROUP = 256;

/** The sweep kernels' exports (wasm/sweep.ts), beyond the core kernels typed in KernelExports. */
interface SweepExports {
  sweepPrepare(
    open: number, close: number, dayEnd: number, prefix: number, barOf: number, dayEnds: number, dayEndBars: number, state: number,
    from: number, to: number, n: number, scale: number,
  ): number;
  smaCrossSweep(
    open: number, close: number, prefix: number, dayEnds: number, pairs: number, equity: number, trades: number, results: number, state: number,
    m: number, nDays: number, cap: number, count: number, tile: number, start: number, end: number, qty: number, perShare: number, minCommission: number, initialCash: number,
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
  /** Closed trades with a gain and the sum of their P&L; with a loss and the sum of |P&L| (in trade order). */
  readonly winners: number;
  readonly grossWin: number;
  readonly losers: number;
  readonly grossLoss: number;
}

/**
 * The buffers every sweep series of a workspace runs into (one call at a time): window pairs, their
 * equity, trade records, result blocks and state, grown on demand; when they are the arena's last
 * allocation their old space is reused rather than left behind.
 */
class SweepScratch {
  group = 0;
  cap = 0;
  days = -1;
  pairs!: Buf<Int32Array>;
  equity!: Buf<Float64Array>;
  trades!: Buf<Float64Array>;
  results!: Buf<Float64Array>;
  state!: Buf<Float64Array>;
  private start = -1;
  private end = -1;
  constructor(private readonly ws: Workspace) {}

  /** Makes room for `group` pairs of `cap` trades and `days` days each. */
  ensure(group: number, cap: number, days: number): void {
    if (group <= this.group && cap <= this.cap && days <= this.days) return;
    this.group = Math.max(group, this.group);
    this.cap = Math.max(cap, this.cap);
    this.days = Math.max(days, this.days);
    if (this.ws.arena && this.ws.mark() === this.end) this.ws.release(this.start);
    this.start = this.ws.mark();
    this.pairs = this.ws.i32(2 * this.group);
    this.equity = this.ws.f64(this.group * this.days);
    this.trades = this.ws.f64(this.group * this.cap * TRADE_STRIDE);
    this.results = this.ws.f64(this.group * SWEEP_RESULT_SIZE);
    this.state = this.ws.f64(this.group * SWEEP_STATE_SIZE);
    this.end = this.ws.mark();
  }
}
const scratches = new WeakMap<Workspace, SweepScratch>();
function scratchOf(ws: Workspace): SweepScratch {
  let s = scratches.get(ws);
  if (!s) scratches.set(ws, (s = new SweepScratch(ws)));
  return s;
}

/**
 * Forgets the sweep buffers of a workspace: call it after releasing the arena below them (a worker
 * that reuses one symbol's memory for the next), so that the next run allocates them afresh.
 */
export function dropSweepScratch(ws: Workspace): void {
  scratches.delete(ws);
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
  /** Priced bar k → original bar index (null when no bar was dropped). */
  readonly barOf: Buf<Int32Array> | null;
  /** The compacted opens and closes (the first `valid` values; kernels of other strategies read them too). */
  readonly open: Buf<Float64Array>;
  readonly close: Buf<Float64Array>;
  private readonly prefix;
  /** Each day's last bar in the compacted series (−1: no priced bar yet). */
  readonly dayEnds: Buf<Int32Array>;

  constructor(readonly ws: Workspace, open: Float64Array, close: Float64Array, dayEnd: Uint8Array) {
    const n = close.length;
    if (open.length !== n || dayEnd.length !== n) throw new RangeError('open, close and dayEnd differ in length');
    const w = ws.arena ? (ws.wasm as unknown as SweepExports) : undefined;
    // the kernel writes every element it keeps before anything reads it: memory a worker used for its
    // last symbol is not cleared first. Sizes are those of a series without gaps (barOf, the tail of the
    // prefix and the day maps are cut to size below)
    this.open = ws.f64(n, false);
    this.close = ws.f64(n, false);
    this.prefix = ws.i64(n + 1, false);
    const kept = ws.mark();
    const barOf = ws.i32(n, false); // written only once a bar is dropped
    const win = Math.max(1, Math.min(n, PREPARE_WINDOW));
    const flags = ws.u8(win, false), ends = ws.i32(win, false), endBars = ws.i32(win, false), state = ws.f64(PREPARE_STATE_SIZE, false);
    const [ov, cv, fv, sv] = [this.open.view(), this.close.view(), flags.view(), state.view()];
    const pieces: [Int32Array, Int32Array][] = [];
    // window by window: one block copy of each column out of the caller's memory (often a
    // SharedArrayBuffer, whose element reads from JavaScript are many times slower), then the one pass
    // of the kernel over the window while it is still in cache
    let a = 0;
    do {
      const b = Math.min(n, a + win);
      ov.set(open.subarray(a, b), a);
      cv.set(close.subarray(a, b), a);
      fv.set(dayEnd.subarray(a, b));
      checkStatus('sweepPrepare', w
        ? w.sweepPrepare(this.open.ptr, this.close.ptr, flags.ptr, this.prefix.ptr, barOf.ptr, ends.ptr, endBars.ptr, state.ptr, a, b, n, PRICE_SCALE)
        : ref.sweepPrepare(ov, cv, fv, this.prefix.view(), barOf.view(), ends.view(), endBars.view(), sv, a, b, n, PRICE_SCALE));
      const bad = sv[3]!;
      if (bad >= 0) {
        const noClose = Number.isNaN(close[bad]!);
        throw new DataError(`compute path: bar ${bad} has ${noClose ? 'an open but no close' : 'a close but no open'}; a bar needs both prices or neither`);
      }
      if (sv[5]! > 0) pieces.push([ends.view().slice(0, sv[5]!), endBars.view().slice(0, sv[5]!)]);
      a = b;
    } while (a < n);
    const [m, days, max] = [sv[0]!, sv[1]!, sv[2]!];
    if (!(m * Math.round(max * PRICE_SCALE) < 2 ** 63)) throw new RangeError(`compute path: ${m} prices up to ${max} overflow the exact prefix sums`);
    this.valid = m;
    this.maxAbsPrice = max;
    this.days = days;
    const compacted = new Int32Array(days);
    this.dayEndBars = new Int32Array(days);
    let d = 0;
    for (const [c, e] of pieces) {
      compacted.set(c, d);
      this.dayEndBars.set(e, d);
      d += c.length;
    }
    // keep barOf (the first m entries) only when a bar was dropped; the window buffers are freed
    ws.release(kept + (m < n ? Math.ceil(m / 4) * 16 : 0));
    this.barOf = m < n ? barOf.sub(0, m) : null;
    this.dayEnds = ws.i32(days);
    this.dayEnds.set(compacted);
  }

  /** Compacted bars [start, end) and the day ends of days [fromDay, toDay); fails on a range outside the series. */
  range(fromDay: number, toDay: number): { start: number; end: number; nDays: number; days: Buf<Int32Array> } {
    if (!(Number.isInteger(fromDay) && Number.isInteger(toDay) && fromDay >= 0 && fromDay <= toDay && toDay <= this.days)) {
      throw new RangeError(`day range [${fromDay}, ${toDay}) is outside [0, ${this.days}]`);
    }
    const de = this.dayEnds.view();
    const nDays = toDay - fromDay;
    return { start: fromDay > 0 ? de[fromDay - 1]! + 1 : 0, end: toDay > 0 ? de[toDay - 1]! + 1 : 0, nDays, days: this.dayEnds.sub(fromDay, nDays) };
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
    let out: SweepRun | undefined;
    this.runPairs(Int32Array.of(fast, slow), costs, (_, r) => (out = r), fromDay, toDay, true);
    return out!;
  }

  /**
   * Runs every (fast, slow) pair of `pairs` (interleaved) over days [fromDay, toDay), in groups that
   * advance together tile by tile, and hands each result to `each` with its pair index; the result's
   * views are valid only inside the call. Trade records are kept only when `records` is set (a sweep's
   * rows need only the trade counts and P&L sums).
   */
  runPairs(pairs: Int32Array, costs: SweepCosts, each: (j: number, run: SweepRun) => void, fromDay = 0, toDay = this.days, records = false): void {
    const count = pairs.length >> 1;
    for (let j = 0; j < count; j++) {
      checkWindows(pairs[2 * j]!, pairs[2 * j + 1]!);
      checkExactRange(pairs[2 * j]!, pairs[2 * j + 1]!, this.maxAbsPrice);
    }
    if (!(costs.quantity > 0)) throw new ConfigError(`sizing.quantity must be positive; got ${costs.quantity}`);
    const { start, end, nDays, days } = this.range(fromDay, toDay);
    const sc = scratchOf(this.ws);
    // a first guess of room for trades per pair; pairs that close more are run again with room for all
    let cap = records ? Math.max(sc.cap, 1024, Math.ceil((end - start) / 64)) : 0;
    let todo = Array.from({ length: count }, (_, j) => j);
    while (todo.length > 0) {
      const retry: number[] = [];
      for (let a = 0; a < todo.length;) {
        const group = Math.max(1, Math.min(todo.length - a, records ? Math.floor(TRADE_BUDGET / (cap * TRADE_STRIDE * 8)) : MAX_GROUP));
        sc.ensure(group, cap, nDays);
        const pv = sc.pairs.view();
        for (let g = 0; g < group; g++) {
          pv[2 * g] = pairs[2 * todo[a + g]!]!;
          pv[2 * g + 1] = pairs[2 * todo[a + g]! + 1]!;
        }
        const status = this.ws.arena
          ? (this.ws.wasm as unknown as SweepExports).smaCrossSweep(this.open.ptr, this.close.ptr, this.prefix.ptr, days.ptr, sc.pairs.ptr, sc.equity.ptr,
            records ? sc.trades.ptr : 0, sc.results.ptr, sc.state.ptr, this.valid, nDays, sc.cap, group, SWEEP_TILE, start, end, costs.quantity, costs.perShare, costs.minCommission, costs.initialCash)
          : ref.smaCrossSweep(this.open.view(), this.close.view(), this.prefix.view(), days.view(), sc.pairs.view(), sc.equity.view(), records ? sc.trades.view() : null,
            sc.results.view(), sc.state.view(), this.valid, nDays, sc.cap, group, SWEEP_TILE, start, end, costs.quantity, costs.perShare, costs.minCommission, costs.initialCash);
        checkStatus('smaCrossSweep', status, [STATUS_OK, STATUS_CAPACITY]);
        const r = sc.results.view();
        for (let g = 0; g < group; g++) {
          const trades = r[g * SWEEP_RESULT_SIZE + 3]!;
          if (!records || trades <= sc.cap) each(todo[a + g]!, this.resultOf(sc, g, nDays, records));
          else {
            retry.push(todo[a + g]!);
            cap = Math.max(cap, trades + 1);
          }
        }
        a += group;
      }
      todo = retry;
    }
  }

  /** The run of pair `g` of the last call, its trades mapped to the original bars. */
  private resultOf(sc: SweepScratch, g: number, nDays: number, records: boolean): SweepRun {
    const r = sc.results.view().subarray(g * SWEEP_RESULT_SIZE, (g + 1) * SWEEP_RESULT_SIZE);
    const tradeCount = r[3]!;
    const tradeData = records ? sc.trades.view().subarray(g * sc.cap * TRADE_STRIDE, (g * sc.cap + tradeCount) * TRADE_STRIDE) : new Float64Array(0);
    if (this.barOf) {
      const bars = this.barOf.view();
      for (let t = 0; t < tradeData.length; t += TRADE_STRIDE) {
        tradeData[t] = bars[tradeData[t]!]!;
        tradeData[t + 1] = bars[tradeData[t + 1]!]!;
      }
    }
    return {
      cash: r[0]!, position: r[1]!, mark: r[2]!, equity: r[0]! + r[1]! * r[2]!, tradeCount, tradeData,
      dailyEquity: sc.equity.view().subarray(g * nDays, (g + 1) * nDays),
      pendingQuantity: r[4]!, signals: r[5]!, refused: r[6]!, fills: r[7]!,
      openEntryIndex: r[8]! >= 0 ? this.barIndex(r[8]!) : -1, openEntryPrice: r[9]!,
      winners: r[11]!, grossWin: r[12]!, losers: r[13]!, grossLoss: r[14]!,
    };
  }
}
