// Plain-TypeScript references of wasm/sweep.ts: the sweep backtest as a bar-by-bar loop, and the
// preparation of a series (scan, compaction, day maps).

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
  let cash = initialCash, position = 0, pending = 0;
  let entryIndex = -1, entryPrice = 0, entryCommission = 0;
  let nTrades = 0, nSignals = 0, nRefused = 0, nFills = 0;
  const pnls: number[] = [];
  const commission = (q: number): number => Math.max(q * perShare, minCommission);
  let day = 0;
  for (; day < nDays && dayEnds[day]! < start; day++) if (equity) equity[day] = initialCash;
  for (let i = start; i < end; i++) {
    if (pending !== 0) {
      const o = open[i]!;
      const q = Math.abs(pending);
      const c = commission(q);
      if (pending > 0) {
        cash -= q * o + c;
        position += q;
        entryIndex = i;
        entryPrice = o;
        entryCommission = c;
      } else {
        cash += q * o - c;
        position -= q;
        const pnl = (o - entryPrice) * q - entryCommission - c;
        pnls.push(pnl);
        if (trades && nTrades < cap) trades.set([entryIndex, i, q, entryPrice, o, entryCommission + c, pnl], nTrades * 7);
        nTrades++;
        entryIndex = -1;
      }
      pending = 0;
      nFills++;
    }
    for (; day < nDays && dayEnds[day] === i; day++) if (equity) equity[day] = cash + position * close[i]!;
    const d = sign(i);
    if (d > 0 && last < 0) {
      nSignals++;
      if (position === 0) {
        if (qty * close[i]! + commission(qty) <= cash) pending = qty;
        else nRefused++;
      }
    } else if (d < 0 && last > 0) {
      nSignals++;
      if (position > 0) pending = -position;
    }
    if (d !== 0) last = d;
  }
  // the P&L sums are taken after the run, over the list in trade order (the kernel keeps running sums)
  const wins = pnls.filter((x) => x > 0), losses = pnls.filter((x) => x < 0);
  result.set([cash, position, end > start ? close[end - 1]! : 0, nTrades, pending, nSignals, nRefused, nFills,
    entryIndex, position !== 0 ? entryPrice : 0, position !== 0 ? entryCommission : 0,
    wins.length, wins.reduce((a, x) => a + x, 0), losses.length, losses.reduce((a, x) => a - x, 0)]);
}

/** Reference of `sweepScan` (wasm/sweep.ts): priced bars, days, max |close|, first half-priced bar. */
export function sweepScan(open: Float64Array, close: Float64Array, dayEnd: Uint8Array, result: Float64Array, n: number): number {
  if (n < 0) return 100;
  let m = 0, days = 0, max = 0, bad = -1;
  for (let i = 0; i < n; i++) {
    const priced = !Number.isNaN(close[i]!);
    if (priced) {
      m++;
      max = Math.max(max, Math.abs(close[i]!));
    }
    if (bad < 0 && priced === Number.isNaN(open[i]!)) bad = i;
    if (dayEnd[i] === 1 || i === n - 1) days++;
  }
  result.set([m, days, max, bad]);
  return 0;
}

/** Reference of `sweepCompact` (wasm/sweep.ts): in-place compaction and the day maps. */
export function sweepCompact(
  open: Float64Array, close: Float64Array, dayEnd: Uint8Array, dayEnds: Int32Array, dayEndBars: Int32Array, barOf: Int32Array | null, n: number,
): number {
  if (n < 0) return 100;
  const bars: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(close[i]!)) bars.push(i);
  if (barOf) {
    barOf.set(bars);
    bars.forEach((i, k) => {
      open[k] = open[i]!;
      close[k] = close[i]!;
    });
  }
  let d = 0, priced = 0;
  for (let i = 0; i < n; i++) {
    while (priced < bars.length && bars[priced]! <= i) priced++;
    if (dayEnd[i] === 1 || i === n - 1) {
      dayEnds[d] = priced - 1;
      dayEndBars[d++] = i;
    }
  }
  return 0;
}
