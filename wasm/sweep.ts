// The sweep kernels: the compute path's SMA-crossover backtest rebuilt for many runs over one prepared
// series (scan the prefix sums to the next signal, value days in bulk), and the preparation of a series.
import { STATUS_OK, STATUS_BAD_ARGS, STATUS_CAPACITY } from './codes';
import { TRADE_STRIDE } from './compute';

/** Floats in the result block written by `smaCrossSweep`. */
export const SWEEP_RESULT_SIZE: i32 = 11;

/** slow·Σfast − fast·Σslow at the bar whose prefix entry is at `p` (the exact crossover difference). */
@inline function crossDiff(p: usize, fb: usize, sb: usize, f: i64, s: i64): i64 {
  const top = load<i64>(p);
  return s * (top - load<i64>(p - fb)) - f * (top - load<i64>(p - sb));
}

/** Values days `day…` whose last bar is before `upTo` (before `start`: initial cash); returns the next day. */
@inline function valueDays(
  close: usize, dayEnds: usize, equity: usize, day: i32, nDays: i32, upTo: i32, start: i32, initialCash: f64, cash: f64, position: f64,
): i32 {
  for (; day < nDays; day++) {
    const t = load<i32>(dayEnds + (<usize>day << 2));
    if (t >= upTo) break;
    if (equity != 0) store<f64>(equity + (<usize>day << 3), t < start ? initialCash : cash + position * load<f64>(close + (<usize>t << 3)));
  }
  return day;
}

/**
 * smaCrossSweep: the backtest of `smaCrossBacktest` over bars [start, end) of a compacted series
 * (every bar valid), built for sweeps: instead of testing every bar for a fill, a day end and a
 * signal, it scans the prefix sums for the next sign change of the crossover difference (one
 * compare per bar) and stops only at signals. Day ends are valued in bulk when the book changes
 * (at a fill) and at the end, since the book is constant in between.
 * Bars before `start` are history: the averages read them and the crossover state is the sign of
 * the last non-zero difference before `start`; the account starts flat with `initialCash` at `start`.
 * With start = 0 and end = m the trades, cash and counts equal `smaCrossBacktest` on the same bars.
 * Layout: open, close f64[m]; prefix i64[m + 1] from `scaledPrefix`; dayEnds i32[nDays], the last
 * bar of each day, non-decreasing and < end (a day ending before `start` gets `initialCash`);
 * equity f64[nDays] (output, equity at each day's last bar after its fill; 0 = not wanted);
 * trades f64[cap·7] as in `smaCrossBacktest` (bar indices into the compacted series);
 * result f64[11] = [cash, position, lastMark, trades, pendingQty, signals, refused, fills,
 * openEntryIndex (−1 when flat), openEntryPrice, openEntryCommission].
 * Returns STATUS_CAPACITY when more than `cap` trades close (the result block is still written).
 * Reference: `smaCrossSweep` in src/kernels/reference/compute.ts (a plain bar-by-bar loop).
 */
export function smaCrossSweep(
  open: usize, close: usize, prefix: usize, dayEnds: usize, equity: usize, trades: usize, result: usize,
  m: i32, nDays: i32, cap: i32,
  start: i32, end: i32, fast: i32, slow: i32, qty: f64, perShare: f64, minCommission: f64, initialCash: f64,
): i32 {
  if (m < 0 || start < 0 || end > m || start > end || nDays < 0 || cap < 0) return STATUS_BAD_ARGS;
  if (fast < 1 || slow < 1 || fast > slow || qty <= 0) return STATUS_BAD_ARGS;
  const fb = <usize>fast << 3, sb = <usize>slow << 3;
  const f = <i64>fast, s = <i64>slow;
  const first = slow - 1; // the first bar with `slow` values behind it
  // the crossover state carried in from the history before `start`
  let last: i64 = 0;
  for (let b = start - 1; b >= first; b--) {
    const d = crossDiff(prefix + (<usize>(b + 1) << 3), fb, sb, f, s);
    if (d != 0) {
      last = d > 0 ? 1 : -1;
      break;
    }
  }
  let cash = initialCash, position: f64 = 0, pending: f64 = 0;
  let entryIndex: i32 = -1, entryPrice: f64 = 0, entryCommission: f64 = 0;
  let nTrades: i32 = 0, nSignals: i32 = 0, nRefused: i32 = 0, nFills: i32 = 0;
  let status = STATUS_OK;
  let day: i32 = 0;
  let i = start;
  while (i < end) {
    // 1. the pending order fills at this bar's open (orders made at bar t fill at t + 1); the days
    // that ended before this bar are valued with the book they ended with: it changes only here
    if (pending != 0) {
      day = valueDays(close, dayEnds, equity, day, nDays, i, start, initialCash, cash, position);
      const o = load<f64>(open + (<usize>i << 3));
      const q = abs(pending);
      let c = q * perShare;
      if (c < minCommission) c = minCommission;
      if (pending > 0) {
        cash -= q * o + c;
        position += q;
        entryIndex = i;
        entryPrice = o;
        entryCommission = c;
      } else {
        cash += q * o - c;
        position -= q;
        if (nTrades < cap) {
          const rec = trades + (<usize>nTrades * <usize>TRADE_STRIDE << 3);
          store<f64>(rec, <f64>entryIndex);
          store<f64>(rec, <f64>i, 8);
          store<f64>(rec, q, 16);
          store<f64>(rec, entryPrice, 24);
          store<f64>(rec, o, 32);
          store<f64>(rec, entryCommission + c, 40);
          store<f64>(rec, (o - entryPrice) * q - entryCommission - c, 48);
        } else {
          status = STATUS_CAPACITY;
        }
        nTrades++;
        entryIndex = -1;
      }
      pending = 0;
      nFills++;
    }
    // 2. scan for the next change of sign: nothing else can happen before it
    let b = i > first ? i : first;
    let p = prefix + (<usize>(b + 1) << 3);
    let sig: i32 = 0; // ±1: a cross at b; ±2: the first sign, no signal; 0: none before `end`
    if (last > 0) {
      for (; b < end; b++, p += 8) if (crossDiff(p, fb, sb, f, s) < 0) { sig = -1; break; }
    } else if (last < 0) {
      for (; b < end; b++, p += 8) if (crossDiff(p, fb, sb, f, s) > 0) { sig = 1; break; }
    } else {
      for (; b < end; b++, p += 8) {
        const d = crossDiff(p, fb, sb, f, s);
        if (d != 0) { sig = d > 0 ? 2 : -2; break; }
      }
    }
    if (sig == 0) break;
    // 3. the signal at b's close becomes an order that fills at b + 1
    if (sig == 1) {
      nSignals++;
      if (position == 0) {
        let cm = qty * perShare;
        if (cm < minCommission) cm = minCommission;
        if (qty * load<f64>(close + (<usize>b << 3)) + cm <= cash) pending = qty;
        else nRefused++;
      }
      last = 1;
    } else if (sig == -1) {
      nSignals++;
      if (position > 0) pending = -position;
      last = -1;
    } else {
      last = sig > 0 ? 1 : -1;
    }
    i = b + 1;
  }
  valueDays(close, dayEnds, equity, day, nDays, end, start, initialCash, cash, position);
  store<f64>(result, cash);
  store<f64>(result, position, 8);
  store<f64>(result, end > start ? load<f64>(close + (<usize>(end - 1) << 3)) : 0, 16);
  store<f64>(result, <f64>nTrades, 24);
  store<f64>(result, pending, 32);
  store<f64>(result, <f64>nSignals, 40);
  store<f64>(result, <f64>nRefused, 48);
  store<f64>(result, <f64>nFills, 56);
  store<f64>(result, <f64>entryIndex, 64);
  store<f64>(result, position != 0 ? entryPrice : 0, 72);
  store<f64>(result, position != 0 ? entryCommission : 0, 80);
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
