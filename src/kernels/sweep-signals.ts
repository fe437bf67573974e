// Wrapper of the signal-column sweep kernel (wasm/sweep-signals.ts): one symbol's bars prepared once
// (compacted, all five columns), then any number of runs, each from a signal column a vectorised
// strategy's kernels wrote, booked with the compute path's float ledger.
import { ConfigError, KernelError } from '../model/index.js';
import { STATUS_OK, TRADE_STRIDE } from './codes.js';
import { checkStatus } from './wasm-module.js';
import type { Buf, Workspace } from './workspace.js';
import { SweepSeries, SWEEP_STATE_SIZE, type SweepCosts, type SweepRun } from './sweep.js';
import * as ref from './reference/sweep-signals.js';
import { crossover } from './reference/crossover.js';

export { ACTION_NONE, ACTION_BUY, ACTION_SELL, ACTION_REFUSE, ACTION_UNSUPPORTED, SIGNAL_RESULT_SIZE } from './reference/sweep-signals.js';
import { SIGNAL_RESULT_SIZE } from './reference/sweep-signals.js';

/** The kernel's export (wasm/sweep-signals.ts). */
interface SignalExports {
  signalSweep(
    open: number, close: number, signal: number, table: number, dayEnds: number, equity: number, trades: number, result: number, book: number,
    m: number, nDays: number, cap: number, lo: number, hi: number, start: number, end: number, qty: number, perShare: number, minCommission: number, initialCash: number,
  ): number;
  lineCrossSweep(
    open: number, close: number, a: number, b: number, table: number, dayEnds: number, equity: number, trades: number, result: number, book: number,
    m: number, nDays: number, cap: number, start: number, end: number, qty: number, perShare: number, minCommission: number, initialCash: number,
  ): number;
}

/** Bytes of indicator lines a series keeps for reuse across combinations (each line: 8 bytes per bar). */
const LINE_BUDGET = 160 << 20;

/** What a signal value does, flat and long: ACTION_* codes for values lo…hi (two per value: flat, long). */
export interface DecisionTable {
  readonly lo: number;
  readonly hi: number;
  readonly actions: Int32Array;
  /** Why an ACTION_UNSUPPORTED entry is unsupported, by index into `actions` (for the error message). */
  readonly why?: ReadonlyMap<number, string>;
}

/** Price and volume columns besides open and close. */
type Extra = 'high' | 'low' | 'volume';

/** One symbol's columns for a signal sweep (views of shared memory; high, low, volume only when a strategy reads them). */
export type SignalColumns = Readonly<Record<'open' | 'close', Float64Array> & Partial<Record<Extra, Float64Array>>> & { readonly dayEnd: Uint8Array };

/** The compacted columns a strategy's kernels read, as one slice of the whole series (a StrategySlice). */
export type SeriesSlice = Readonly<Record<'open' | 'close' | Extra, Buf<Float64Array>>> & { readonly len: number; readonly start: number };

/**
 * A symbol prepared for signal sweeps: bars without a close are dropped from every column (as the
 * sma_cross sweep drops them; the indicator kernels skip NaN bars, so the signals are those of the
 * full series at its priced bars), and the run scratch (equity, result, book) is allocated once.
 * Allocate per-run buffers (a strategy's kernels, its signal column) after `reserve` and release
 * them after reading the run.
 */
export class SignalSeries {
  readonly base: SweepSeries;
  /** The whole compacted series as one slice (a column the data lacks holds NaN). */
  readonly slice: SeriesSlice;
  private readonly equity: Buf<Float64Array>;
  private readonly result: Buf<Float64Array>;
  private readonly book: Buf<Float64Array>;
  private readonly table: Buf<Int32Array>;
  private trades: Buf<Float64Array> | null = null;
  private readonly lines: { key: string; buf: Buf<Float64Array>; used: number }[] = [];
  private clock = 0;

  constructor(readonly ws: Workspace, c: SignalColumns) {
    this.base = new SweepSeries(ws, c.open, c.close, c.dayEnd);
    const m = this.base.valid;
    const compact = (src: Float64Array | undefined): Buf<Float64Array> => {
      const out = ws.f64(m);
      const v = out.view();
      if (!src) v.fill(NaN);
      else if (!this.base.barOf) v.set(src.subarray(0, m));
      else {
        const bars = this.base.barOf.view();
        for (let k = 0; k < m; k++) v[k] = src[bars[k]!]!;
      }
      return out;
    };
    this.slice = {
      open: this.base.open.sub(0, m), close: this.base.close.sub(0, m),
      high: compact(c.high), low: compact(c.low), volume: compact(c.volume), len: m, start: 0,
    };
    this.equity = ws.f64(this.base.days);
    this.result = ws.f64(SIGNAL_RESULT_SIZE);
    this.book = ws.f64(SWEEP_STATE_SIZE);
    this.table = ws.i32(2 * 65);
  }

  get days(): number {
    return this.base.days;
  }
  get dayEndBars(): Int32Array {
    return this.base.dayEndBars;
  }

  /** Makes room for trade records of runs over bars [start, end) (a round trip spans at least two bars). */
  reserve(records: boolean, fromDay = 0, toDay = this.days): void {
    if (!records) return;
    const { start, end } = this.base.range(fromDay, toDay);
    const cap = Math.ceil((end - start) / 2) + 1;
    if (!this.trades || this.trades.length < cap * TRADE_STRIDE) this.trades = this.ws.f64(cap * TRADE_STRIDE);
  }

  /**
   * Books the run of a signal column (`signal`: one value per compacted bar) over days [fromDay, toDay):
   * each non-zero value does what `table` says for it, flat or long. Trade records need `reserve(true, …)`
   * first. The result's views live until the next run.
   */
  /**
   * A column of this series kept for reuse (an indicator line shared by many combinations): `compute`
   * fills `out` when `key` is not kept; the least recently used line gives way when the budget is full.
   * Call it outside a run's mark: the lines live as long as the series.
   */
  line(key: string, compute: (out: Buf<Float64Array>) => void): Buf<Float64Array> {
    const m = this.base.valid;
    const hit = this.lines.find((l) => l.key === key);
    if (hit) {
      hit.used = ++this.clock;
      return hit.buf;
    }
    const slots = Math.max(2, Math.min(64, Math.floor(LINE_BUDGET / Math.max(1, 8 * m))));
    let slot = this.lines.length < slots ? undefined : this.lines.reduce((a, b) => (a.used <= b.used ? a : b));
    if (!slot) this.lines.push((slot = { key, buf: this.ws.f64(m), used: 0 }));
    slot.key = '';
    compute(slot.buf);
    slot.key = key;
    slot.used = ++this.clock;
    return slot.buf;
  }

  /** Checks a run's arguments; returns the bar range, the trade buffer and the equity view. */
  private prepareRun(table: DecisionTable, costs: SweepCosts, fromDay: number, toDay: number, records: boolean) {
    if (!(costs.quantity > 0)) throw new ConfigError(`sizing.quantity must be positive; got ${costs.quantity}`);
    const n = table.hi - table.lo + 1;
    if (!(n >= 1 && n <= 65) || table.actions.length !== 2 * n) throw new RangeError(`decision table: expected 2 actions per value of ${table.lo}…${table.hi}, at most 65 values`);
    this.table.view().set(table.actions);
    const range = this.base.range(fromDay, toDay);
    let trades: Buf<Float64Array> | null = null;
    if (records) {
      trades = this.trades;
      if (!trades || trades.length < (Math.ceil((range.end - range.start) / 2) + 1) * TRADE_STRIDE) throw new RangeError('signal sweep: call reserve(true, fromDay, toDay) before a run with records');
    }
    return { ...range, trades, cap: trades ? trades.length / TRADE_STRIDE : 0, eq: this.equity.sub(0, range.nDays) };
  }

  /**
   * Books the crossovers of two lines (each a column of this series, e.g. from `line`): the run of
   * `run` over the column `crossover(a, b)` would give (+1 up, −1 down), without writing that column.
   * `table` covers −1…1.
   */
  runCross(a: Buf<Float64Array>, b: Buf<Float64Array>, table: DecisionTable, costs: SweepCosts, fromDay = 0, toDay = this.days, records = false): SweepRun {
    const m = this.base.valid;
    if (a.length < m || b.length < m) throw new RangeError(`lines hold ${a.length} and ${b.length} values; the series has ${m}`);
    if (table.lo !== -1 || table.hi !== 1) throw new RangeError('lineCrossSweep: the decision table must cover −1…1');
    const { start, end, nDays, days, trades, cap, eq } = this.prepareRun(table, costs, fromDay, toDay, records);
    let status: number;
    if (this.ws.arena) {
      status = (this.ws.wasm as unknown as SignalExports).lineCrossSweep(this.base.open.ptr, this.base.close.ptr, a.ptr, b.ptr, this.table.ptr, days.ptr, eq.ptr,
        trades ? trades.ptr : 0, this.result.ptr, this.book.ptr, m, nDays, cap, start, end, costs.quantity, costs.perShare, costs.minCommission, costs.initialCash);
    } else {
      // the reference: the crossover column, then the signal-column run over it
      const col = new Int32Array(m);
      crossover(a.view(), b.view(), col, m, new Float64Array(1));
      status = ref.signalSweep(this.base.open.view(), this.base.close.view(), col, this.table.view(), days.view(), eq.view(), trades ? trades.view() : null,
        this.result.view(), this.book.view(), m, nDays, cap, -1, 1, start, end, costs.quantity, costs.perShare, costs.minCommission, costs.initialCash);
    }
    checkStatus('lineCrossSweep', status, [STATUS_OK]);
    return this.decode(table, (k) => {
      const x = a.view()[k]!, y = b.view()[k]!;
      return x > y ? 1 : -1;
    }, eq, trades);
  }

  run(signal: Buf<Int32Array>, table: DecisionTable, costs: SweepCosts, fromDay = 0, toDay = this.days, records = false): SweepRun {
    const m = this.base.valid;
    if (signal.length < m) throw new RangeError(`signal column holds ${signal.length} values; the series has ${m}`);
    const { start, end, nDays, days, trades, cap, eq } = this.prepareRun(table, costs, fromDay, toDay, records);
    const status = this.ws.arena
      ? (this.ws.wasm as unknown as SignalExports).signalSweep(this.base.open.ptr, this.base.close.ptr, signal.ptr, this.table.ptr, days.ptr, eq.ptr,
        trades ? trades.ptr : 0, this.result.ptr, this.book.ptr, m, nDays, cap, table.lo, table.hi, start, end, costs.quantity, costs.perShare, costs.minCommission, costs.initialCash)
      : ref.signalSweep(this.base.open.view(), this.base.close.view(), signal.view(), this.table.view(), days.view(), eq.view(), trades ? trades.view() : null,
        this.result.view(), this.book.view(), m, nDays, cap, table.lo, table.hi, start, end, costs.quantity, costs.perShare, costs.minCommission, costs.initialCash);
    checkStatus('signalSweep', status, [STATUS_OK]);
    return this.decode(table, (k) => signal.view()[k]!, eq, trades);
  }

  /** The run in the result block; fails naming the bar where the kernel stopped at a decision it cannot book. */
  private decode(table: DecisionTable, valueAt: (k: number) => number, eq: Buf<Float64Array>, trades: Buf<Float64Array> | null): SweepRun {
    const r = this.result.view();
    if (r[15]! >= 0) {
      const v = valueAt(r[15]!), at = this.base.barIndex(r[15]!);
      const why = v >= table.lo && v <= table.hi ? table.why?.get(2 * (v - table.lo) + (r[1]! > 0 ? 1 : 0)) : undefined;
      throw new KernelError(why ? `signal sweep: at bar ${at} (signal ${v}) the strategy ${why}, which the sweep's compute path does not book (long-only, fixed quantity, market orders)`
        : `signal sweep: the signal column holds ${v} at bar ${at}, outside the values ${table.lo}…${table.hi} whose decisions were derived`);
    }
    const tradeCount = r[3]!;
    const tradeData = trades ? trades.view().subarray(0, tradeCount * TRADE_STRIDE) : new Float64Array(0);
    for (let t = 0; t < tradeData.length; t += TRADE_STRIDE) {
      tradeData[t] = this.base.barIndex(tradeData[t]!);
      tradeData[t + 1] = this.base.barIndex(tradeData[t + 1]!);
    }
    return {
      cash: r[0]!, position: r[1]!, mark: r[2]!, equity: r[0]! + r[1]! * r[2]!, tradeCount, tradeData, dailyEquity: eq.view(),
      pendingQuantity: r[4]!, signals: r[5]!, refused: r[6]!, fills: r[7]!,
      openEntryIndex: r[8]! >= 0 ? this.base.barIndex(r[8]!) : -1, openEntryPrice: r[9]!,
      winners: r[11]!, grossWin: r[12]!, losers: r[13]!, grossLoss: r[14]!,
    };
  }
}
