// Plain-TypeScript references of wasm/sweep.ts: the sweep backtest as a bar-by-bar loop, and the
// preparation of a series (compaction, prefix sums, day maps).
import { roundHalfEven } from './sma-cross.js';

/**
 * Reference of `smaCrossSweep` (wasm/sweep.ts): each window pair on its own, as a plain loop that visits
 * every bar in the order fill → day-end valuation → signal, with the crossover state rebuilt from all
 * bars before `start` (no tiles, no scanning). `state` is unused; the layout is the kernel's.
 */
export function smaCrossSweep(
  open: Float64Array, close: Float64Array, prefix: BigInt64Array, dayEnds: Int32Array, pairs: Int32Array, equity: Float64Array | null,
  trades: Float64Array | null, results: Float64Array, state: Float64Array, m: number, nDays: number, cap: number, count: number, tile: number,
  start: number, end: number, qty: number, perShare: number, minCommission: number, initialCash: number,
): number {
  void state;
  if (m < 0 || start < 0 || end > m || start > end || nDays < 0 || cap < 0 || count < 0 || tile < 1 || qty <= 0) return 100;
  for (let j = 0; j < count; j++) if (pairs[2 * j]! < 1 || pairs[2 * j + 1]! < 1 || pairs[2 * j]! > pairs[2 * j + 1]!) return 100;
  let status = 0;
  for (let j = 0; j < count; j++) {
    const r = results.subarray(j * 15, (j + 1) * 15);
    one(open, close, prefix, dayEnds, equity ? equity.subarray(j * nDays, (j + 1) * nDays) : null, trades ? trades.subarray(j * cap * 7, (j + 1) * cap * 7) : null, r,
      nDays, cap, start, end, pairs[2 * j]!, pairs[2 * j + 1]!, qty, perShare, minCommission, initialCash);
    if (trades && r[3]! > cap) status = 101;
  }
  return status;
}

/** One window pair of `smaCrossSweep`. */
function one(
  open: Float64Array, close: Float64Array, prefix: BigInt64Array, dayEnds: Int32Array, equity: Float64Array | null, trades: Float64Array | null, result: Float64Array,
  nDays: number, cap: number, start: number, end: number, fast: number, slow: number, qty: number, perShare: number, minCommission: number, initialCash: number,
): void {
  const f = BigInt(fast);
  const sl = BigInt(slow);
  const sign = (b: number): number => {
    if (b + 1 < slow) return 0;
    const top = prefix[b + 1]!;
    const d = sl * (top - prefix[b + 1 - fast]!) - f * (top - prefix[b + 1 - slow]!);
    return d > 0n ? 1 : d < 0n ? -1 : 0;
  };
  let last = 0;
  for (let b = 0; b < start; b++) {
    const d = sign(b);
    if (d !== 0) last = d;
  }
  const book = new RefBook(initialCash, perShare, minCommission, trades, cap);
  let day = 0;
  for (; day < nDays && dayEnds[day]! < start; day++) if (equity) equity[day] = initialCash;
  for (let i = start; i < end; i++) {
    if (book.pending !== 0) book.fill(open[i]!, i);
    for (; day < nDays && dayEnds[day] === i; day++) if (equity) equity[day] = book.cash + book.position * close[i]!;
    const d = sign(i);
    if (d > 0 && last < 0) {
      if (book.position === 0) book.order(true, close[i]!, qty);
      else book.signals++;
    } else if (d < 0 && last > 0) {
      if (book.position > 0) book.order(false, close[i]!, qty);
      else book.signals++;
    }
    if (d !== 0) last = d;
  }
  result.set(book.result(end > start ? close[end - 1]! : 0));
}

/**
 * The float ledger of the sweep references, bar by bar and in plain numbers (the kernels share
 * wasm/fill.ts): cash, position, the order waiting for the next open, the round trips.
 */
export class RefBook {
  cash: number;
  position = 0;
  pending = 0;
  entryIndex = -1;
  entryPrice = 0;
  entryCommission = 0;
  trades = 0;
  signals = 0;
  refused = 0;
  fills = 0;
  private readonly pnls: number[] = [];

  constructor(initialCash: number, private readonly perShare: number, private readonly minCommission: number, private readonly records: Float64Array | null, private readonly cap: number) {
    this.cash = initialCash;
  }

  commission(q: number): number {
    return Math.max(q * this.perShare, this.minCommission);
  }

  /** The pending order fills at `o`, the open of bar `i`; a sell closes the round trip (recorded while there is room). */
  fill(o: number, i: number): void {
    const q = Math.abs(this.pending);
    const c = this.commission(q);
    if (this.pending > 0) {
      this.cash -= q * o + c;
      this.position += q;
      this.entryIndex = i;
      this.entryPrice = o;
      this.entryCommission = c;
    } else {
      this.cash += q * o - c;
      this.position -= q;
      const pnl = (o - this.entryPrice) * q - this.entryCommission - c;
      this.pnls.push(pnl);
      if (this.records && this.trades < this.cap) this.records.set([this.entryIndex, i, q, this.entryPrice, o, this.entryCommission + c, pnl], this.trades * 7);
      this.trades++;
      this.entryIndex = -1;
    }
    this.pending = 0;
    this.fills++;
  }

  /** A signal's order at close `c`: buy `qty` if cash allows (else refused), or sell the whole position. */
  order(buy: boolean, c: number, qty: number): void {
    this.signals++;
    if (!buy) this.pending = -this.position;
    else if (qty * c + this.commission(qty) <= this.cash) this.pending = qty;
    else this.refused++;
  }

  /** The 15 floats of a sweep result block (the P&L sums taken after the run, over the trades in order). */
  result(lastMark: number): number[] {
    const wins = this.pnls.filter((x) => x > 0), losses = this.pnls.filter((x) => x < 0);
    return [this.cash, this.position, lastMark, this.trades, this.pending, this.signals, this.refused, this.fills,
      this.entryIndex, this.position !== 0 ? this.entryPrice : 0, this.position !== 0 ? this.entryCommission : 0,
      wins.length, wins.reduce((a, x) => a + x, 0), losses.length, losses.reduce((a, x) => a - x, 0)];
  }
}

/** i64.trunc_sat_f64_s of an integer-valued float: ±Infinity saturate. */
function toI64(x: number): bigint {
  if (x >= 2 ** 63) return 2n ** 63n - 1n;
  if (x < -(2 ** 63)) return -(2n ** 63n);
  return BigInt(x);
}

/**
 * Reference of `sweepPrepare` (wasm/sweep.ts): the window [from, to) of a series' preparation, bar by
 * bar with BigInt sums (wrapped to 64 bits as the kernel's i64), the state carried in `state` as the
 * kernel carries it (slot 4 holds the sum's 64 bits).
 */
export function sweepPrepare(
  open: Float64Array, close: Float64Array, dayEnd: Uint8Array, prefix: BigInt64Array, barOf: Int32Array, dayEnds: Int32Array, dayEndBars: Int32Array,
  state: Float64Array, from: number, to: number, n: number, scale: number,
): number {
  if (n < 0 || from < 0 || to > n || from > to) return 100;
  const sumSlot = new BigInt64Array(state.buffer, state.byteOffset + 32, 1);
  if (from === 0) {
    state.set([0, 0, 0, -1]);
    sumSlot[0] = 0n;
    prefix[0] = 0n;
  }
  state[5] = 0;
  if (state[3]! >= 0) return 0;
  let priced = state[0]!, days = state[1]!, max = state[2]!, sum = sumSlot[0]!;
  // the bars dropped so far: none while every bar before `from` is priced
  let dropped = priced < from;
  let bad = -1, d = 0;
  for (let i = from; i < to; i++) {
    const hasClose = !Number.isNaN(close[i]!), hasOpen = !Number.isNaN(open[i]!);
    if (hasClose !== hasOpen) {
      bad = i;
      break;
    }
    if (!hasClose) {
      if (!dropped) for (let j = 0; j < priced; j++) barOf[j] = j;
      dropped = true;
    } else {
      max = Math.max(max, Math.abs(close[i]!));
      sum = BigInt.asIntN(64, sum + toI64(roundHalfEven(close[i]! * scale)));
      if (dropped) {
        open[priced] = open[i]!;
        close[priced] = close[i]!;
        barOf[priced] = i;
      }
      prefix[++priced] = sum;
    }
    if (dayEnd[i - from] === 1 || i === n - 1) {
      dayEnds[d] = priced - 1;
      dayEndBars[d++] = i;
    }
  }
  state.set([priced, days + d, max, bad]);
  sumSlot[0] = sum;
  state[5] = d;
  return 0;
}
