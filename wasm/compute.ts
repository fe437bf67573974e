// The compute path: a whole SMA-crossover backtest of one symbol in one pass, with a float ledger.
// No events are built; parameter sweeps run this. It must agree with the event engine's trades.
import { STATUS_OK, STATUS_BAD_ARGS, STATUS_CAPACITY } from './codes';

/** Floats per trade record written by `smaCrossBacktest`. */
export const TRADE_STRIDE: i32 = 7;
/** Floats in the result block written by `smaCrossBacktest`. */
export const RESULT_SIZE: i32 = 8;

/**
 * smaCrossBacktest: the sma_cross strategy with fixed-quantity sizing, next-open market fills
 * and a per-share commission with a minimum, over one symbol's bars.
 * Decisions are those of the event engine: a cross up while flat buys `qty` if
 * qty·close + commission ≤ cash (else it is refused); a cross down while long sells everything;
 * orders made at bar t fill at the open of the next bar with a valid open; NaN bars neither enter
 * the averages nor signal. Crossovers are decided exactly as in `smaCross` (same scaling).
 * Layout: open, close f64[n]; equity f64[n] (output; 0 = not wanted); trades f64[cap·7] =
 * [entryIndex, exitIndex, qty, entryPrice, exitPrice, commission, realizedPnl] per round trip;
 * result f64[8] = [cash, position, lastMark, trades, pendingQty, signals, refused, fills].
 * Returns STATUS_CAPACITY when more than `cap` trades close (the result block is still written).
 * Reference: `smaCrossBacktest` in src/kernels/reference/compute.ts.
 */
export function smaCrossBacktest(
  open: usize, close: usize, equity: usize, trades: usize, result: usize,
  n: i32, cap: i32,
  fast: i32, slow: i32, scale: f64, qty: f64, perShare: f64, minCommission: f64, initialCash: f64,
): i32 {
  if (n < 0 || fast < 1 || slow < 1 || fast > slow || qty <= 0 || cap < 0) return STATUS_BAD_ARGS;
  // The windows' ring is kept in the result block's tail region supplied by the caller:
  // result + 64 holds i64[slow].
  const ring = result + (<usize>RESULT_SIZE << 3);
  let count: i64 = 0, fastSum: i64 = 0, slowSum: i64 = 0, last: i64 = 0;
  let pos: i32 = 0;
  let fpos: i32 = slow - fast;
  const f = <i64>fast;
  const s = <i64>slow;
  let cash = initialCash;
  let position: f64 = 0;
  let mark: f64 = 0;
  let pending: f64 = 0;
  let entryIndex: i32 = -1;
  let entryPrice: f64 = 0;
  let entryCommission: f64 = 0;
  let nTrades: i32 = 0, nSignals: i32 = 0, nRefused: i32 = 0, nFills: i32 = 0;
  let status = STATUS_OK;
  for (let i = 0; i < n; i++) {
    const off = <usize>i << 3;
    // 1. fills at this bar's open
    if (pending != 0) {
      const o = load<f64>(open + off);
      if (o == o) {
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
        }
        pending = 0;
        nFills++;
      }
    }
    const c = load<f64>(close + off);
    // 2. valuation
    if (c == c) mark = c;
    if (equity != 0) store<f64>(equity + off, cash + position * mark);
    if (c != c) continue;
    // 3. signal: the exact crossover of the two averages
    const v = <i64>nearest(c * scale);
    if (count >= f) fastSum -= load<i64>(ring + (<usize>fpos << 3));
    if (count >= s) slowSum -= load<i64>(ring + (<usize>pos << 3));
    fastSum += v;
    slowSum += v;
    store<i64>(ring + (<usize>pos << 3), v);
    pos++;
    if (pos == slow) pos = 0;
    fpos++;
    if (fpos == slow) fpos = 0;
    count++;
    if (count < s) continue;
    const d = s * fastSum - f * slowSum;
    if (d > 0) {
      if (last < 0) {
        nSignals++;
        if (position == 0) {
          let cm = qty * perShare;
          if (cm < minCommission) cm = minCommission;
          if (qty * c + cm <= cash) pending = qty;
          else nRefused++;
        }
      }
      last = 1;
    } else if (d < 0) {
      if (last > 0) {
        nSignals++;
        if (position > 0) pending = -position;
      }
      last = -1;
    }
  }
  store<f64>(result, cash);
  store<f64>(result, position, 8);
  store<f64>(result, mark, 16);
  store<f64>(result, <f64>nTrades, 24);
  store<f64>(result, pending, 32);
  store<f64>(result, <f64>nSignals, 40);
  store<f64>(result, <f64>nRefused, 48);
  store<f64>(result, <f64>nFills, 56);
  return status;
}
