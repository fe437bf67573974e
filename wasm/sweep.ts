// The sweep kernels: the compute path's SMA-crossover backtest rebuilt for many runs over one prepared
// series (scan the prefix sums to the next signal, value days in bulk), and the preparation of a series in one pass.
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

/** Slots (f64) of the state `sweepPrepare` carries from one call to the next. */
export const PREPARE_STATE_SIZE: i32 = 6;

/**
 * sweepPrepare: one pass that makes a series ready for `smaCrossSweep`, called on consecutive windows
 * [from, to) of its n bars (each window's columns are copied in just before, so the pass reads them
 * from cache): bars without prices are dropped from open and close in place (priced bars first, in
 * order), the prefix sums of `scaledPrefix` are written over the priced closes, and each day's last
 * bar is mapped. Stops at the first bar with only one of open/close (state slot 3).
 * Layout: open, close f64[n] (bars [from, to) hold their own values; the state's first `priced`
 * entries are the compacted bars before `from`); dayEnd u8[to − from] = the flags of bars [from, to)
 * (1 at a day's last bar; the last bar always ends a day); prefix i64[n + 1] (prefix[k] = Σ of the
 * first k scaled priced closes); barOf i32[n]: barOf[k] = bar index of priced bar k, written only
 * once a bar has been dropped (the bars before the first drop are filled in then); dayEnds,
 * dayEndBars i32[to − from]: the day ends of this window, as the index of the day's last priced bar
 * (−1 before the first) and as a bar index; state f64[PREPARE_STATE_SIZE] = [priced bars, days,
 * max |close|, first half-priced bar (−1: none), Σ (i64 bits), day ends of this window], reset by
 * the call with from = 0. Prefix sums of closes with |close|·scale·priced ≥ 2^63 wrap (the caller
 * checks the bound). Reference: `sweepPrepare` in src/kernels/reference/sweep.ts.
 */
export function sweepPrepare(
  open: usize, close: usize, dayEnd: usize, prefix: usize, barOf: usize, dayEnds: usize, dayEndBars: usize, state: usize,
  from: i32, to: i32, n: i32, scale: f64,
): i32 {
  if (n < 0 || from < 0 || to > n || from > to) return STATUS_BAD_ARGS;
  if (from == 0) {
    store<f64>(state, 0);
    store<f64>(state, 0, 8);
    store<f64>(state, 0, 16);
    store<f64>(state, -1, 24);
    store<i64>(state, 0, 32);
    store<i64>(prefix, 0);
  }
  store<f64>(state, 0, 40);
  if (load<f64>(state, 24) >= 0) return STATUS_OK;
  let k = <i32>load<f64>(state);
  let days = <i32>load<f64>(state, 8);
  let max = load<f64>(state, 16);
  let sum = load<i64>(state, 32);
  let bad: i32 = -1;
  let d: i32 = 0;
  for (let i = from; i < to; i++) {
    const c = load<f64>(close + (<usize>i << 3));
    const o = load<f64>(open + (<usize>i << 3));
    if (c == c) {
      if (o != o) {
        bad = i;
        break;
      }
      const a = abs(c);
      if (a > max) max = a;
      sum += <i64>nearest(c * scale);
      if (k < i) {
        // a bar was dropped before this one: compact (k < i, so only bars already read are overwritten)
        store<f64>(open + (<usize>k << 3), o);
        store<f64>(close + (<usize>k << 3), c);
        store<i32>(barOf + (<usize>k << 2), i);
      }
      k++;
      store<i64>(prefix + (<usize>k << 3), sum);
    } else if (o == o) {
      bad = i;
      break;
    } else if (k == i) {
      // the first bar dropped: every bar before it is its own priced bar
      for (let j: i32 = 0; j < k; j++) store<i32>(barOf + (<usize>j << 2), j);
    }
    if (load<u8>(dayEnd + <usize>(i - from)) == 1 || i == n - 1) {
      store<i32>(dayEnds + (<usize>d << 2), k - 1);
      store<i32>(dayEndBars + (<usize>d << 2), i);
      d++;
    }
  }
  store<f64>(state, <f64>k);
  store<f64>(state, <f64>(days + d), 8);
  store<f64>(state, max, 16);
  store<f64>(state, <f64>bad, 24);
  store<i64>(state, sum, 32);
  store<f64>(state, <f64>d, 40);
  return STATUS_OK;
}
