// The sweep kernel of vectorised strategies: a strategy's kernels have written its signal column for
// one parameter set; this walks the column to its non-zero bars and books the decisions with the
// compute path's float ledger (next-open fills, per-share commission with a minimum, fixed quantity).
import { STATUS_OK, STATUS_BAD_ARGS, STATUS_CAPACITY } from './codes';
import { BOOK_CASH, BOOK_POSITION, BOOK_PENDING, BOOK_TRADES, openBook, fillPending, placeOrder, valueDays, writeResult } from './fill';

/** Floats in the result block of `signalSweep`: the 15 of `smaCrossSweep`, then the first bar whose value the table lacks (−1: none). */
export const SIGNAL_RESULT_SIZE: i32 = 16;
/** Actions of the decision table. */
export const ACTION_NONE: i32 = 0;
/** Buy the fixed quantity if cash allows (else refused). */
export const ACTION_BUY: i32 = 1;
/** Sell the whole position. */
export const ACTION_SELL: i32 = 2;
/** A signal the manager refuses without an order (e.g. closing a position that is flat): counted only. */
export const ACTION_REFUSE: i32 = 3;
/** A decision the kernel does not book (a short, a stop-loss): the run stops there and reports the bar. */
export const ACTION_UNSUPPORTED: i32 = 4;

/** Does what a table's action says at a bar with close `c` (ACTION_NONE: nothing). */
@inline function act(book: usize, action: i32, c: f64, qty: f64, perShare: f64, minCommission: f64): void {
  if (action == ACTION_BUY) placeOrder(book, true, c, qty, perShare, minCommission);
  else if (action == ACTION_SELL) placeOrder(book, false, 0, qty, perShare, minCommission);
  // a refusal: counted as a signal and a refused order (a buy no cash can pay for)
  else if (action == ACTION_REFUSE) placeOrder(book, true, Infinity, qty, perShare, minCommission);
}

/** The first bar in [b, end) whose signal is non-zero, or `end`: four bars per compare while none is. */
@inline function nextSignal(signal: usize, b: i32, end: i32): i32 {
  while (b + 4 <= end && !v128.any_true(v128.load(signal + (<usize>b << 2)))) b += 4;
  while (b < end && load<i32>(signal + (<usize>b << 2)) == 0) b++;
  return b;
}

/**
 * signalSweep: one run of a vectorised strategy over bars [start, end) of a compacted series (every
 * bar priced) from its signal column. At a bar b with value v ≠ 0 the action is
 * table[(v − lo)·2 + (long ? 1 : 0)] (ACTION_*; the strategy's decide() for that value, flat or long,
 * as the sweep derived it); an order made at b fills at the open of b + 1, before that bar's signal,
 * so no order is pending when a decision is made. Bars before `start` are history (the column was
 * computed over them); the account starts flat with `initialCash` at `start`.
 * Layout: open, close f64[m]; signal i32[m]; table i32[(hi − lo + 1)·2]; dayEnds i32[nDays] as in
 * `smaCrossSweep`; equity f64[nDays] (0 = not wanted); trades f64[cap·7] (0 = not wanted); result
 * f64[16] = the 15 of `smaCrossSweep`, then the first bar with a value outside [lo, hi] or whose
 * action is ACTION_UNSUPPORTED (−1: none; the run stops there); book f64[SWEEP_STATE_SIZE] is scratch.
 * Returns STATUS_CAPACITY when trades are wanted and more than `cap` close (the result is still written).
 * Reference: `signalSweep` in src/kernels/reference/sweep-signals.ts.
 */
export function signalSweep(
  open: usize, close: usize, signal: usize, table: usize, dayEnds: usize, equity: usize, trades: usize, result: usize, book: usize,
  m: i32, nDays: i32, cap: i32, lo: i32, hi: i32, start: i32, end: i32, qty: f64, perShare: f64, minCommission: f64, initialCash: f64,
): i32 {
  if (m < 0 || start < 0 || end > m || start > end || nDays < 0 || cap < 0 || hi < lo || qty <= 0) return STATUS_BAD_ARGS;
  openBook(book, initialCash);
  let day: i32 = 0;
  let bad: i32 = -1;
  let i = start;
  while (i < end) {
    // 1. the order made at the previous signal fills at this bar's open; the days that ended before
    // this bar are valued with the book they ended with (it changes only at fills)
    if (load<f64>(book + BOOK_PENDING) != 0) {
      day = valueDays(close, dayEnds, equity, day, nDays, i, start, initialCash, load<f64>(book + BOOK_CASH), load<f64>(book + BOOK_POSITION));
      fillPending(book, load<f64>(open + (<usize>i << 3)), i, perShare, minCommission, trades, cap);
    }
    // 2. nothing can happen before the next non-zero value
    const b = nextSignal(signal, i, end);
    if (b >= end) break;
    // 3. the decision at b's close
    const v = load<i32>(signal + (<usize>b << 2));
    const long = load<f64>(book + BOOK_POSITION) > 0;
    const action = v < lo || v > hi ? ACTION_UNSUPPORTED : load<i32>(table + (<usize>(((v - lo) << 1) + (long ? 1 : 0)) << 2));
    if (action == ACTION_UNSUPPORTED) {
      bad = b;
      break;
    }
    act(book, action, load<f64>(close + (<usize>b << 3)), qty, perShare, minCommission);
    i = b + 1;
  }
  valueDays(close, dayEnds, equity, day, nDays, end, start, initialCash, load<f64>(book + BOOK_CASH), load<f64>(book + BOOK_POSITION));
  writeResult(book, result, close, start, end);
  store<f64>(result, <f64>bad, 120);
  return trades != 0 && load<f64>(book + BOOK_TRADES) > <f64>cap ? STATUS_CAPACITY : STATUS_OK;
}

/** The sign of the last bar before `start` where a ≠ b (NaN bars skipped), or 0: the crossover state at `start`. */
@inline function crossState(a: usize, b: usize, start: i32): i32 {
  for (let i = start - 1; i >= 0; i--) {
    const x = load<f64>(a + (<usize>i << 3)), y = load<f64>(b + (<usize>i << 3));
    if (x > y) return 1;
    if (x < y) return -1;
  }
  return 0;
}

/**
 * lineCrossSweep: `signalSweep` over the column `crossover(a, b)` would write, without writing it: the
 * run scans the two lines for the next change of side (a bar where a < b while above, a > b while
 * below; equal and NaN bars skipped, as in `crossover`) and books CROSS_UP (1) and CROSS_DOWN (−1)
 * as `table` says (lo = −1, hi = 1). The crossover state at `start` comes from the bars before it.
 * Layout: a, b f64[m] (the two lines over the compacted series); the rest as in `signalSweep`.
 * Reference: `signalSweep` of `crossover(a, b)` (src/kernels/reference), tested equal.
 */
export function lineCrossSweep(
  open: usize, close: usize, a: usize, b: usize, table: usize, dayEnds: usize, equity: usize, trades: usize, result: usize, book: usize,
  m: i32, nDays: i32, cap: i32, start: i32, end: i32, qty: f64, perShare: f64, minCommission: f64, initialCash: f64,
): i32 {
  if (m < 0 || start < 0 || end > m || start > end || nDays < 0 || cap < 0 || qty <= 0) return STATUS_BAD_ARGS;
  openBook(book, initialCash);
  let day: i32 = 0;
  let bad: i32 = -1;
  let last = crossState(a, b, start);
  let i = start;
  while (i < end) {
    if (load<f64>(book + BOOK_PENDING) != 0) {
      day = valueDays(close, dayEnds, equity, day, nDays, i, start, initialCash, load<f64>(book + BOOK_CASH), load<f64>(book + BOOK_POSITION));
      fillPending(book, load<f64>(open + (<usize>i << 3)), i, perShare, minCommission, trades, cap);
    }
    // the next change of side: nothing else can happen before it
    let k = i;
    let v: i32 = 0;
    if (last > 0) {
      // two bars per compare while neither is below (NaN compares false, as in the scalar loop)
      while (k + 2 <= end && !v128.any_true(f64x2.lt(v128.load(a + (<usize>k << 3)), v128.load(b + (<usize>k << 3))))) k += 2;
      for (; k < end; k++) if (load<f64>(a + (<usize>k << 3)) < load<f64>(b + (<usize>k << 3))) { v = -1; break; }
    } else if (last < 0) {
      while (k + 2 <= end && !v128.any_true(f64x2.gt(v128.load(a + (<usize>k << 3)), v128.load(b + (<usize>k << 3))))) k += 2;
      for (; k < end; k++) if (load<f64>(a + (<usize>k << 3)) > load<f64>(b + (<usize>k << 3))) { v = 1; break; }
    } else {
      for (; k < end; k++) {
        const x = load<f64>(a + (<usize>k << 3)), y = load<f64>(b + (<usize>k << 3));
        if (x > y) { last = 1; break; }
        if (x < y) { last = -1; break; }
      }
    }
    if (k >= end) break;
    i = k + 1;
    if (v == 0) continue; // the first side taken: no signal
    last = v;
    const long = load<f64>(book + BOOK_POSITION) > 0;
    const action = load<i32>(table + (<usize>(((v + 1) << 1) + (long ? 1 : 0)) << 2));
    if (action == ACTION_UNSUPPORTED) {
      bad = k;
      break;
    }
    act(book, action, load<f64>(close + (<usize>k << 3)), qty, perShare, minCommission);
  }
  valueDays(close, dayEnds, equity, day, nDays, end, start, initialCash, load<f64>(book + BOOK_CASH), load<f64>(book + BOOK_POSITION));
  writeResult(book, result, close, start, end);
  store<f64>(result, <f64>bad, 120);
  return trades != 0 && load<f64>(book + BOOK_TRADES) > <f64>cap ? STATUS_CAPACITY : STATUS_OK;
}
