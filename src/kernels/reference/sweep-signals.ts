// Plain-TypeScript reference of wasm/sweep-signals.ts: a vectorised strategy's run from its signal
// column, as a bar-by-bar loop in the order fill → day-end valuation → decision.
import { RefBook } from './sweep.js';

/** Actions of the decision table (mirror wasm/sweep-signals.ts; a test checks they agree). */
export const ACTION_NONE = 0;
export const ACTION_BUY = 1;
export const ACTION_SELL = 2;
export const ACTION_REFUSE = 3;
export const ACTION_UNSUPPORTED = 4;
/** Floats in the result block of `signalSweep`. */
export const SIGNAL_RESULT_SIZE = 16;

/**
 * Reference of `signalSweep` (wasm/sweep-signals.ts): visits every bar of [start, end) (no skipping of
 * zero runs); the P&L sums are taken after the run over the trades in order. `scratch` (the kernel's book) is unused.
 */
export function signalSweep(
  open: Float64Array, close: Float64Array, signal: Int32Array, table: Int32Array, dayEnds: Int32Array, equity: Float64Array | null,
  trades: Float64Array | null, result: Float64Array, scratch: Float64Array, m: number, nDays: number, cap: number, lo: number, hi: number,
  start: number, end: number, qty: number, perShare: number, minCommission: number, initialCash: number,
): number {
  void scratch;
  if (m < 0 || start < 0 || end > m || start > end || nDays < 0 || cap < 0 || hi < lo || qty <= 0) return 100;
  const book = new RefBook(initialCash, perShare, minCommission, trades, cap);
  let bad = -1;
  let day = 0;
  for (; day < nDays && dayEnds[day]! < start; day++) if (equity) equity[day] = initialCash;
  for (let i = start; i < end; i++) {
    if (book.pending !== 0) book.fill(open[i]!, i);
    const v = signal[i]!;
    const action = v === 0 ? ACTION_NONE : v < lo || v > hi ? ACTION_UNSUPPORTED : table[(v - lo) * 2 + (book.position > 0 ? 1 : 0)]!;
    if (action === ACTION_UNSUPPORTED) {
      bad = i;
      break;
    }
    for (; day < nDays && dayEnds[day] === i; day++) if (equity) equity[day] = book.cash + book.position * close[i]!;
    if (action === ACTION_BUY || action === ACTION_SELL) book.order(action === ACTION_BUY, close[i]!, qty);
    else if (action === ACTION_REFUSE) {
      book.signals++;
      book.refused++;
    }
  }
  // the kernel values the days left with the book it stopped with
  for (; day < nDays; day++) if (equity) equity[day] = book.cash + book.position * close[dayEnds[day]!]!;
  result.set([...book.result(end > start ? close[end - 1]! : 0), bad]);
  return trades && book.trades > cap ? 101 : 0;
}
