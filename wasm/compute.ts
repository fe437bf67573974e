// The compute path: a whole SMA-crossover backtest of one symbol in one pass, with a float ledger.
// No events are built; parameter sweeps run this. It must agree with the event engine's trades.
import { STATUS_OK, STATUS_BAD_ARGS, STATUS_CAPACITY } from './codes';
import { BOOK_BYTES, BOOK_CASH, BOOK_POSITION, BOOK_PENDING, BOOK_TRADES, BOOK_FILLS, openBook, fillPending } from './fill';

/** Floats per trade record written by `smaCrossBacktest` (defined with the fill step in fill.ts). */
export { TRADE_STRIDE } from './fill';
/** Floats in the result block written by `smaCrossBacktest`. */
export const RESULT_SIZE: i32 = 8;

/**
 * scaledPrefix: out[0] = 0 and out[k] = Σ round(close × scale) over the first k valid (non-NaN)
 * closes; returns the number of valid closes. Computed once per series and shared by every
 * compute-path run over it (a sweep reads the same prefix for every window pair).
 * Layout: `close` f64[n]; `out` i64[n + 1]. Reference: `scaledPrefix` in src/kernels/reference/compute.ts.
 */
export function scaledPrefix(close: usize, out: usize, n: i32, scale: f64): i32 {
  if (n < 0) return 0;
  let k: i32 = 0;
  let sum: i64 = 0;
  store<i64>(out, 0);
  for (let i = 0; i < n; i++) {
    const c = load<f64>(close + (<usize>i << 3));
    if (c != c) continue;
    sum += <i64>nearest(c * scale);
    k++;
    store<i64>(out + (<usize>k << 3), sum);
  }
  return k;
}

/** The compute path's book (see fill.ts): one run at a time per instance. */
const BOOK: usize = memory.data(<i32>BOOK_BYTES, 8);

/**
 * smaCrossBacktest: the sma_cross strategy with fixed-quantity sizing, next-open market fills
 * and a per-share commission with a minimum, over one symbol's bars.
 * Decisions are those of the event engine: a cross up while flat buys `qty` if
 * qty·close + commission ≤ cash (else it is refused); a cross down while long sells everything;
 * orders made at bar t fill at the open of the next bar with a valid open; NaN bars neither enter
 * the averages nor signal. Crossovers are decided exactly as in `smaCross` (same scaling), from
 * the prefix sums of `scaledPrefix`: Σfast = P[k] − P[k − fast] over the k valid bars so far.
 * Layout: open, close f64[n] (`valid` of the closes are not NaN); prefix i64[valid + 1]; equity f64[n] (output; 0 = not wanted); trades f64[cap·7] =
 * [entryIndex, exitIndex, qty, entryPrice, exitPrice, commission, realizedPnl] per round trip;
 * result f64[8] = [cash, position, lastMark, trades, pendingQty, signals, refused, fills].
 * Returns STATUS_CAPACITY when more than `cap` trades close (the result block is still written).
 * Reference: `smaCrossBacktest` in src/kernels/reference/compute.ts.
 */
export function smaCrossBacktest(
  open: usize, close: usize, prefix: usize, equity: usize, trades: usize, result: usize,
  n: i32, valid: i32, cap: i32,
  fast: i32, slow: i32, qty: f64, perShare: f64, minCommission: f64, initialCash: f64,
): i32 {
  if (n < 0 || fast < 1 || slow < 1 || fast > slow || qty <= 0 || cap < 0) return STATUS_BAD_ARGS;
  // Without gaps and without an equity column, a bar's close is only needed where a signal is
  // decided: the loop then streams the prefix sums alone (a third of the memory traffic).
  const dense = valid == n && equity == 0;
  let k: i32 = 0;
  let last: i64 = 0;
  const fb = <usize>fast << 3;
  const sb = <usize>slow << 3;
  const f = <i64>fast;
  const s = <i64>slow;
  // the book (cash, position, pending order, round trips) lives in static memory, shared in shape with
  // the sweep kernels' fill step; `cash`, `position` and `pending` mirror it for the per-bar loop
  const book = BOOK;
  openBook(book, initialCash);
  let cash = initialCash;
  let position: f64 = 0;
  let mark: f64 = 0;
  let pending: f64 = 0;
  let nSignals: i32 = 0, nRefused: i32 = 0;
  let status = STATUS_OK;
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    // 1. fills at this bar's open
    if (pending != 0) {
      const o = load<f64>(open + off);
      if (o == o) {
        if (fillPending(book, o, i, perShare, minCommission, trades, cap)) status = STATUS_CAPACITY;
        cash = load<f64>(book + BOOK_CASH);
        position = load<f64>(book + BOOK_POSITION);
        pending = 0;
      }
    }
    let c: f64 = 0;
    if (!dense) {
      c = load<f64>(close + off);
      // 2. valuation
      if (c == c) mark = c;
      if (equity != 0) store<f64>(equity + off, cash + position * mark);
      if (c != c) continue;
    }
    // 3. signal: the exact crossover of the two averages, from prefix sums
    k++;
    if (k < slow) continue;
    const pk = prefix + (<usize>k << 3);
    const top = load<i64>(pk);
    const d = s * (top - load<i64>(pk - fb)) - f * (top - load<i64>(pk - sb));
    if (d > 0) {
      if (last < 0) {
        nSignals++;
        if (position == 0) {
          if (dense) c = load<f64>(close + off);
          let cm = qty * perShare;
          if (cm < minCommission) cm = minCommission;
          if (qty * c + cm <= cash) {
            pending = qty;
            store<f64>(book + BOOK_PENDING, pending);
          } else nRefused++;
        }
      }
      last = 1;
    } else if (d < 0) {
      if (last > 0) {
        nSignals++;
        if (position > 0) {
          pending = -position;
          store<f64>(book + BOOK_PENDING, pending);
        }
      }
      last = -1;
    }
  }
  if (dense && n > 0) mark = load<f64>(close + (<usize>(n - 1) << 3));
  store<f64>(result, cash);
  store<f64>(result, position, 8);
  store<f64>(result, mark, 16);
  store<f64>(result, load<f64>(book + BOOK_TRADES), 24);
  store<f64>(result, pending, 32);
  store<f64>(result, <f64>nSignals, 40);
  store<f64>(result, <f64>nRefused, 48);
  store<f64>(result, load<f64>(book + BOOK_FILLS), 56);
  return status;
}
