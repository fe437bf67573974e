// The sweep kernels: the compute path's SMA-crossover backtest rebuilt for many runs over one prepared
// series (scan the prefix sums to the next signal, value days in bulk), and the preparation of a series.
import { STATUS_OK, STATUS_BAD_ARGS, STATUS_CAPACITY } from './codes';
import {
  TRADE_STRIDE, BOOK_CASH, BOOK_POSITION, BOOK_PENDING, BOOK_SIGNALS, BOOK_TRADES, openBook, fillPending, placeOrder, valueDays, writeResult,
} from './fill';

/** Floats in the result block written by `smaCrossSweep`. */
export const SWEEP_RESULT_SIZE: i32 = 15;

/** slow·Σfast − fast·Σslow at the bar whose prefix entry is at `p` (the exact crossover difference). */
@inline function crossDiff(p: usize, fb: usize, sb: usize, f: i64, s: i64): i64 {
  const top = load<i64>(p);
  return s * (top - load<i64>(p - fb)) - f * (top - load<i64>(p - sb));
}

/** Floats of scratch state per window pair while `smaCrossSweep` runs. */
export const SWEEP_STATE_SIZE: i32 = 20;

// state slots (f64): a book (fill.ts: 2 cash, 3 position, 4 pending, 5 entry bar, 6 entry price,
// 7 entry commission, 8 trades, 9 signals, 10 refused, 11 fills, 13 winning trades, 14 sum of winning
// P&L, 15 losing trades, 16 sum of losing |P&L|) plus 0 next bar, 1 last sign, 12 next day to value

/** Sets up a pair's state at `start`: flat, initial cash, the crossover sign carried in from the history. */
@inline function begin(prefix: usize, st: usize, start: i32, fast: i32, slow: i32, initialCash: f64): void {
  const fb = <usize>fast << 3, sb = <usize>slow << 3;
  const f = <i64>fast, s = <i64>slow;
  let last: i64 = 0;
  for (let b = start - 1; b >= slow - 1; b--) {
    const d = crossDiff(prefix + (<usize>(b + 1) << 3), fb, sb, f, s);
    if (d != 0) {
      last = d > 0 ? 1 : -1;
      break;
    }
  }
  openBook(st, initialCash);
  store<f64>(st, <f64>start);
  store<f64>(st, <f64>last, 8);
}

/**
 * Runs one pair from its state up to bar `stop` (exclusive): fills at each bar's open, then a scan of
 * the prefix sums to the next change of sign (nothing else can happen before it), then the signal.
 * Day ends are valued when the book changes (at a fill); the book is constant in between.
 */
@inline function advance(
  open: usize, close: usize, prefix: usize, dayEnds: usize, equity: usize, trades: usize, st: usize,
  nDays: i32, cap: i32, start: i32, stop: i32, fast: i32, slow: i32, qty: f64, perShare: f64, minCommission: f64, initialCash: f64,
): void {
  const fb = <usize>fast << 3, sb = <usize>slow << 3;
  const f = <i64>fast, s = <i64>slow;
  const first = slow - 1; // the first bar with `slow` values behind it
  let i = <i32>load<f64>(st);
  let last = <i64>load<f64>(st, 8);
  let day = <i32>load<f64>(st, 96);
  while (i < stop) {
    // 1. the pending order fills at this bar's open (orders made at bar t fill at t + 1); the days
    // that ended before this bar are valued with the book they ended with: it changes only here
    if (load<f64>(st + BOOK_PENDING) != 0) {
      day = valueDays(close, dayEnds, equity, day, nDays, i, start, initialCash, load<f64>(st + BOOK_CASH), load<f64>(st + BOOK_POSITION));
      fillPending(st, load<f64>(open + (<usize>i << 3)), i, perShare, minCommission, trades, cap);
    }
    // 2. scan for the next change of sign before `stop`
    let b = i > first ? i : first;
    let p = prefix + (<usize>(b + 1) << 3);
    let sig: i32 = 0; // ±1: a cross at b; ±2: the first sign, no signal; 0: none before `stop`
    if (last > 0) {
      for (; b < stop; b++, p += 8) if (crossDiff(p, fb, sb, f, s) < 0) { sig = -1; break; }
    } else if (last < 0) {
      for (; b < stop; b++, p += 8) if (crossDiff(p, fb, sb, f, s) > 0) { sig = 1; break; }
    } else {
      for (; b < stop; b++, p += 8) {
        const d = crossDiff(p, fb, sb, f, s);
        if (d != 0) { sig = d > 0 ? 2 : -2; break; }
      }
    }
    if (sig == 0) {
      i = stop;
      break;
    }
    // 3. the signal at b's close becomes an order that fills at b + 1
    if (sig == 1) {
      if (load<f64>(st + BOOK_POSITION) == 0) placeOrder(st, true, load<f64>(close + (<usize>b << 3)), qty, perShare, minCommission);
      else store<f64>(st + BOOK_SIGNALS, load<f64>(st + BOOK_SIGNALS) + 1);
      last = 1;
    } else if (sig == -1) {
      if (load<f64>(st + BOOK_POSITION) > 0) placeOrder(st, false, 0, qty, perShare, minCommission);
      else store<f64>(st + BOOK_SIGNALS, load<f64>(st + BOOK_SIGNALS) + 1);
      last = -1;
    } else {
      last = sig > 0 ? 1 : -1;
    }
    i = b + 1;
  }
  store<f64>(st, <f64>i);
  store<f64>(st, <f64>last, 8);
  store<f64>(st, <f64>day, 96);
}

/**
 * smaCrossSweep: the backtest of `smaCrossBacktest` for `count` (fast, slow) window pairs over bars
 * [start, end) of a compacted series (every bar valid), built for sweeps. Each pair scans the prefix
 * sums for the next sign change of its crossover difference (one compare per bar) and stops only at
 * signals. The pairs advance together tile by tile (`tile` bars), so a tile of the prefix sums is read
 * from cache by every pair rather than streamed from memory once per pair; the results do not depend
 * on `tile` or on which pairs share a call.
 * Bars before `start` are history: the averages read them and the crossover state is the sign of
 * the last non-zero difference before `start`; the account starts flat with `initialCash` at `start`.
 * With start = 0 and end = m the trades, cash and counts equal `smaCrossBacktest` on the same bars.
 * Layout: open, close f64[m]; prefix i64[m + 1] from `scaledPrefix`; dayEnds i32[nDays], the last
 * bar of each day, non-decreasing and < end (a day ending before `start` gets `initialCash`);
 * pairs i32[count·2] = (fast, slow) per pair; outputs per pair j: equity f64[j·nDays …] (equity at
 * each day's last bar after its fill; 0 = not wanted), trades f64[j·cap·7 …] as in `smaCrossBacktest`
 * (bar indices into the compacted series; 0 = not wanted: a sweep needs only the sums below),
 * results f64[j·15 …] = [cash, position, lastMark, trades, pendingQty, signals, refused, fills,
 * openEntryIndex (−1 when flat), openEntryPrice, openEntryCommission, winning trades, their P&L sum,
 * losing trades, their |P&L| sum (summed in trade order)]; state f64[count·SWEEP_STATE_SIZE] is scratch.
 * Returns STATUS_CAPACITY when trades are wanted and a pair closes more than `cap` (every result block
 * is still written, with its full trade count). Reference: `smaCrossSweep` in src/kernels/reference/sweep.ts.
 */
export function smaCrossSweep(
  open: usize, close: usize, prefix: usize, dayEnds: usize, pairs: usize, equity: usize, trades: usize, results: usize, state: usize,
  m: i32, nDays: i32, cap: i32, count: i32, tile: i32,
  start: i32, end: i32, qty: f64, perShare: f64, minCommission: f64, initialCash: f64,
): i32 {
  if (m < 0 || start < 0 || end > m || start > end || nDays < 0 || cap < 0 || count < 0 || tile < 1 || qty <= 0) return STATUS_BAD_ARGS;
  for (let j = 0; j < count; j++) {
    const fast = load<i32>(pairs + (<usize>j << 3)), slow = load<i32>(pairs + (<usize>j << 3), 4);
    if (fast < 1 || slow < 1 || fast > slow) return STATUS_BAD_ARGS;
    begin(prefix, state + (<usize>j * <usize>SWEEP_STATE_SIZE << 3), start, fast, slow, initialCash);
  }
  const eqStride = <usize>nDays << 3, trStride = <usize>cap * <usize>TRADE_STRIDE << 3;
  for (let t0 = start; t0 < end; t0 += tile) {
    const stop = end - t0 > tile ? t0 + tile : end;
    for (let j = 0; j < count; j++) {
      advance(open, close, prefix, dayEnds, equity != 0 ? equity + <usize>j * eqStride : 0, trades != 0 ? trades + <usize>j * trStride : 0,
        state + (<usize>j * <usize>SWEEP_STATE_SIZE << 3), nDays, cap, start, stop,
        load<i32>(pairs + (<usize>j << 3)), load<i32>(pairs + (<usize>j << 3), 4), qty, perShare, minCommission, initialCash);
    }
  }
  let status = STATUS_OK;
  for (let j = 0; j < count; j++) {
    const st = state + (<usize>j * <usize>SWEEP_STATE_SIZE << 3);
    const eq = equity != 0 ? equity + <usize>j * eqStride : 0;
    valueDays(close, dayEnds, eq, <i32>load<f64>(st, 96), nDays, end, start, initialCash, load<f64>(st + BOOK_CASH), load<f64>(st + BOOK_POSITION));
    if (trades != 0 && load<f64>(st + BOOK_TRADES) > <f64>cap) status = STATUS_CAPACITY;
    writeResult(st, results + (<usize>j * <usize>SWEEP_RESULT_SIZE << 3), close, start, end);
  }
  return status;
}

/**
 * sweepScan: what preparing a series for `smaCrossSweep` needs to size its buffers.
 * Layout: open, close f64[n]; dayEnd u8[n] (1 at each day's last bar; the last bar always ends a day);
 * result f64[4] = [bars with prices, days, max |close|, first bar with only one of open/close (−1: none)].
 * Reference: `sweepScan` in src/kernels/reference/compute.ts.
 */
export function sweepScan(open: usize, close: usize, dayEnd: usize, result: usize, n: i32): i32 {
  if (n < 0) return STATUS_BAD_ARGS;
  let m: i32 = 0, days: i32 = 0, bad: i32 = -1;
  let max: f64 = 0;
  for (let i = 0; i < n; i++) {
    const c = load<f64>(close + (<usize>i << 3));
    const o = load<f64>(open + (<usize>i << 3));
    if (c == c) {
      m++;
      if (abs(c) > max) max = abs(c);
      if (o != o && bad < 0) bad = i;
    } else if (o == o && bad < 0) bad = i;
    if (load<u8>(dayEnd + <usize>i) == 1 || i == n - 1) days++;
  }
  store<f64>(result, <f64>m);
  store<f64>(result, <f64>days, 8);
  store<f64>(result, max, 16);
  store<f64>(result, <f64>bad, 24);
  return STATUS_OK;
}

/**
 * sweepCompact: drops bars without prices from open and close in place (priced bars first, in order)
 * and maps each day's last bar: dayEnds[d] = its index among priced bars (−1 before the first),
 * dayEndBars[d] = its bar index; barOf[k] = bar index of priced bar k (barOf = 0: not wanted).
 * Layout: open, close f64[n]; dayEnd u8[n]; dayEnds, dayEndBars i32[days]; barOf i32[priced bars].
 * Reference: `sweepCompact` in src/kernels/reference/compute.ts.
 */
export function sweepCompact(open: usize, close: usize, dayEnd: usize, dayEnds: usize, dayEndBars: usize, barOf: usize, n: i32): i32 {
  if (n < 0) return STATUS_BAD_ARGS;
  let k: i32 = 0, d: i32 = 0;
  for (let i = 0; i < n; i++) {
    const c = load<f64>(close + (<usize>i << 3));
    if (c == c) {
      if (barOf != 0) {
        store<i32>(barOf + (<usize>k << 2), i);
        store<f64>(open + (<usize>k << 3), load<f64>(open + (<usize>i << 3)));
        store<f64>(close + (<usize>k << 3), c);
      }
      k++;
    }
    if (load<u8>(dayEnd + <usize>i) == 1 || i == n - 1) {
      store<i32>(dayEnds + (<usize>d << 2), k - 1);
      store<i32>(dayEndBars + (<usize>d << 2), i);
      d++;
    }
  }
  return STATUS_OK;
}
