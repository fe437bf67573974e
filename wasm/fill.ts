// The float ledger's fill step and day valuation, shared by the compute path (compute.ts) and the
// sweep kernels (sweep.ts, sweep-signals.ts): one definition, inlined into each caller's loop.

/** Floats per trade record (compute.ts and index.ts re-export it). */
export const TRADE_STRIDE: i32 = 7;

// A book is a block of f64 slots in linear memory (the sweep kernels' per-run state); byte offsets:
/** Cash. */
export const BOOK_CASH: usize = 16;
/** Signed position. */
export const BOOK_POSITION: usize = 24;
/** Signed quantity of the order waiting to fill at the next open (0: none). */
export const BOOK_PENDING: usize = 32;
/** Bar of the open position's entry fill (−1 when flat). */
export const BOOK_ENTRY_INDEX: usize = 40;
export const BOOK_ENTRY_PRICE: usize = 48;
export const BOOK_ENTRY_COMMISSION: usize = 56;
/** Closed round trips. */
export const BOOK_TRADES: usize = 64;
export const BOOK_SIGNALS: usize = 72;
export const BOOK_REFUSED: usize = 80;
export const BOOK_FILLS: usize = 88;
/** Closed trades with a gain and the sum of their P&L; with a loss and the sum of |P&L| (in trade order). */
export const BOOK_WINNERS: usize = 104;
export const BOOK_GROSS_WIN: usize = 112;
export const BOOK_LOSERS: usize = 120;
export const BOOK_GROSS_LOSS: usize = 128;
/** Bytes of a book (slots 0, 1 and 12 belong to the kernel using it). */
export const BOOK_BYTES: usize = 160;

/** Empties a book: flat, `initialCash`, no trades; the kernel's own slots are zeroed too. */
@inline export function openBook(book: usize, initialCash: f64): void {
  memory.fill(book, 0, BOOK_BYTES);
  store<f64>(book + BOOK_CASH, initialCash);
  store<f64>(book + BOOK_ENTRY_INDEX, -1);
}

/**
 * Fills the book's pending market order at `o`, the open of bar `i` (orders made at bar t fill at
 * the next bar's open): per-share commission with a minimum, cash and position updated; a sell
 * closes the round trip opened by the last buy and, when `trades` is not 0, writes its record
 * [entryIndex, exitIndex, qty, entryPrice, exitPrice, commission, realizedPnl] at `trades` + n·7
 * while n < cap. Returns 1 when a record did not fit (the trade is still counted), else 0.
 */
@inline export function fillPending(book: usize, o: f64, i: i32, perShare: f64, minCommission: f64, trades: usize, cap: i32): i32 {
  const pending = load<f64>(book + BOOK_PENDING);
  const q = abs(pending);
  let c = q * perShare;
  if (c < minCommission) c = minCommission;
  let overflow: i32 = 0;
  if (pending > 0) {
    store<f64>(book + BOOK_CASH, load<f64>(book + BOOK_CASH) - (q * o + c));
    store<f64>(book + BOOK_POSITION, load<f64>(book + BOOK_POSITION) + q);
    store<f64>(book + BOOK_ENTRY_INDEX, <f64>i);
    store<f64>(book + BOOK_ENTRY_PRICE, o);
    store<f64>(book + BOOK_ENTRY_COMMISSION, c);
  } else {
    store<f64>(book + BOOK_CASH, load<f64>(book + BOOK_CASH) + (q * o - c));
    store<f64>(book + BOOK_POSITION, load<f64>(book + BOOK_POSITION) - q);
    const entryPrice = load<f64>(book + BOOK_ENTRY_PRICE), entryCommission = load<f64>(book + BOOK_ENTRY_COMMISSION);
    const pnl = (o - entryPrice) * q - entryCommission - c;
    // summed in trade order, as computeMetrics sums a run's trade P&Ls
    if (pnl > 0) {
      store<f64>(book + BOOK_WINNERS, load<f64>(book + BOOK_WINNERS) + 1);
      store<f64>(book + BOOK_GROSS_WIN, load<f64>(book + BOOK_GROSS_WIN) + pnl);
    } else if (pnl < 0) {
      store<f64>(book + BOOK_LOSERS, load<f64>(book + BOOK_LOSERS) + 1);
      store<f64>(book + BOOK_GROSS_LOSS, load<f64>(book + BOOK_GROSS_LOSS) - pnl);
    }
    const n = <i32>load<f64>(book + BOOK_TRADES);
    if (trades != 0) {
      if (n < cap) {
        const rec = trades + (<usize>n * <usize>TRADE_STRIDE << 3);
        store<f64>(rec, load<f64>(book + BOOK_ENTRY_INDEX));
        store<f64>(rec, <f64>i, 8);
        store<f64>(rec, q, 16);
        store<f64>(rec, entryPrice, 24);
        store<f64>(rec, o, 32);
        store<f64>(rec, entryCommission + c, 40);
        store<f64>(rec, pnl, 48);
      } else {
        overflow = 1;
      }
    }
    store<f64>(book + BOOK_TRADES, <f64>(n + 1));
    store<f64>(book + BOOK_ENTRY_INDEX, -1);
  }
  store<f64>(book + BOOK_PENDING, 0);
  store<f64>(book + BOOK_FILLS, load<f64>(book + BOOK_FILLS) + 1);
  return overflow;
}

/**
 * The market order a signal at bar `b` (close `c`) makes under fixed-quantity sizing, as the manager
 * decides it: a buy of `qty` when flat and qty·c + commission ≤ cash (else refused); a sell of the
 * whole position. `buy` chooses which; counts the signal (and a refusal) in the book.
 */
@inline export function placeOrder(book: usize, buy: bool, c: f64, qty: f64, perShare: f64, minCommission: f64): void {
  store<f64>(book + BOOK_SIGNALS, load<f64>(book + BOOK_SIGNALS) + 1);
  if (buy) {
    let cm = qty * perShare;
    if (cm < minCommission) cm = minCommission;
    if (qty * c + cm <= load<f64>(book + BOOK_CASH)) store<f64>(book + BOOK_PENDING, qty);
    else store<f64>(book + BOOK_REFUSED, load<f64>(book + BOOK_REFUSED) + 1);
  } else {
    store<f64>(book + BOOK_PENDING, -load<f64>(book + BOOK_POSITION));
  }
}

/** Values days `day…` whose last bar is before `upTo` (before `start`: initial cash); returns the next day. */
@inline export function valueDays(
  close: usize, dayEnds: usize, equity: usize, day: i32, nDays: i32, upTo: i32, start: i32, initialCash: f64, cash: f64, position: f64,
): i32 {
  for (; day < nDays; day++) {
    const t = load<i32>(dayEnds + (<usize>day << 2));
    if (t >= upTo) break;
    if (equity != 0) store<f64>(equity + (<usize>day << 3), t < start ? initialCash : cash + position * load<f64>(close + (<usize>t << 3)));
  }
  return day;
}

/** Writes the 15-float result block of a sweep run from its book (layout in `smaCrossSweep`). */
@inline export function writeResult(book: usize, r: usize, close: usize, start: i32, end: i32): void {
  const position = load<f64>(book + BOOK_POSITION);
  store<f64>(r, load<f64>(book + BOOK_CASH));
  store<f64>(r, position, 8);
  store<f64>(r, end > start ? load<f64>(close + (<usize>(end - 1) << 3)) : 0, 16);
  store<f64>(r, load<f64>(book + BOOK_TRADES), 24);
  store<f64>(r, load<f64>(book + BOOK_PENDING), 32);
  store<f64>(r, load<f64>(book + BOOK_SIGNALS), 40);
  store<f64>(r, load<f64>(book + BOOK_REFUSED), 48);
  store<f64>(r, load<f64>(book + BOOK_FILLS), 56);
  store<f64>(r, load<f64>(book + BOOK_ENTRY_INDEX), 64);
  store<f64>(r, position != 0 ? load<f64>(book + BOOK_ENTRY_PRICE) : 0, 72);
  store<f64>(r, position != 0 ? load<f64>(book + BOOK_ENTRY_COMMISSION) : 0, 80);
  store<f64>(r, load<f64>(book + BOOK_WINNERS), 88);
  store<f64>(r, load<f64>(book + BOOK_GROSS_WIN), 96);
  store<f64>(r, load<f64>(book + BOOK_LOSERS), 104);
  store<f64>(r, load<f64>(book + BOOK_GROSS_LOSS), 112);
}
