// Plain-TypeScript reference of wasm/compute.ts: the fused SMA-crossover backtest with a float ledger.
import { roundHalfEven } from './sma-cross.js';

/** Prefix sums of the scaled valid closes; see wasm/compute.ts. Returns the number of valid closes. */
export function scaledPrefix(close: Float64Array, out: BigInt64Array, n: number, scale: number): number {
  if (n < 0) return 0;
  let k = 0;
  let sum = 0n;
  out[0] = 0n;
  for (let i = 0; i < n; i++) {
    const c = close[i]!;
    if (c !== c) continue;
    sum += BigInt(roundHalfEven(c * scale));
    out[++k] = sum;
  }
  return k;
}

/** One-pass sma_cross backtest of one symbol; see wasm/compute.ts for semantics and layout. */
export function smaCrossBacktest(
  open: Float64Array, close: Float64Array, prefix: BigInt64Array, equity: Float64Array | null, trades: Float64Array, result: Float64Array,
  n: number, valid: number, cap: number,
  fast: number, slow: number, qty: number, perShare: number, minCommission: number, initialCash: number,
): number {
  if (n < 0 || fast < 1 || slow < 1 || fast > slow || qty <= 0 || cap < 0) return 100;
  void valid; // the kernel's dense fast path gives the same results; the reference always reads closes
  // The window sums come from the BigInt prefix; the comparison is exact like the kernel's i64.
  const f = BigInt(fast);
  const sl = BigInt(slow);
  let k = 0, last = 0;
  let cash = initialCash, position = 0, mark = 0, pending = 0;
  let entryIndex = -1, entryPrice = 0, entryCommission = 0;
  let nTrades = 0, nSignals = 0, nRefused = 0, nFills = 0, status = 0;
  for (let i = 0; i < n; i++) {
    if (pending !== 0) {
      const o = open[i]!;
      if (o === o) {
        const q = Math.abs(pending);
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
            const r = nTrades * 7;
            trades[r] = entryIndex;
            trades[r + 1] = i;
            trades[r + 2] = q;
            trades[r + 3] = entryPrice;
            trades[r + 4] = o;
            trades[r + 5] = entryCommission + c;
            trades[r + 6] = (o - entryPrice) * q - entryCommission - c;
          } else status = 101;
          nTrades++;
        }
        pending = 0;
        nFills++;
      }
    }
    const c = close[i]!;
    if (c === c) mark = c;
    if (equity) equity[i] = cash + position * mark;
    if (c !== c) continue;
    k++;
    if (k < slow) continue;
    const top = prefix[k]!;
    const d = sl * (top - prefix[k - fast]!) - f * (top - prefix[k - slow]!);
    if (d > 0n) {
      if (last < 0) {
        nSignals++;
        if (position === 0) {
          let cm = qty * perShare;
          if (cm < minCommission) cm = minCommission;
          if (qty * c + cm <= cash) pending = qty;
          else nRefused++;
        }
      }
      last = 1;
    } else if (d < 0n) {
      if (last > 0) {
        nSignals++;
        if (position > 0) pending = -position;
      }
      last = -1;
    }
  }
  result[0] = cash;
  result[1] = position;
  result[2] = mark;
  result[3] = nTrades;
  result[4] = pending;
  result[5] = nSignals;
  result[6] = nRefused;
  result[7] = nFills;
  return status;
}
