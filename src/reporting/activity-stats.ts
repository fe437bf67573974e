// How much of the time the portfolio held positions (exposure, from the round trips) and how much
// it traded (turnover, from the fills and the daily equity).
import { DataError } from '../model/index.js';
import type { FillColumns } from './results.js';

/**
 * Exposure: the share of the run's timeline bars during which a round trip was open. A round trip
 * (the ledger's trade: flat to flat, per strategy and symbol) holds a position from its entry bar
 * up to, not including, its exit bar (fills happen at a bar's open); one still open at the end
 * holds to the last bar. Overlapping round trips count each bar once. Using the ledger's trades
 * rather than summing fills keeps splits and other quantity changes out of the question.
 * `entryBars` and `exitBars` are timeline indices (−1: no entry, or no exit yet); `bars` is the
 * timeline length; null for a run without bars.
 */
export function exposureOf(entryBars: readonly number[], exitBars: readonly number[], bars: number): number | null {
  if (!(bars > 0)) return null;
  // spans [entry, exit) of the round trips, by entry (closing order is mostly entry order already;
  // the total below does not depend on the order of spans with the same entry)
  const starts: number[] = [], ends: number[] = [];
  let sorted = true;
  entryBars.forEach((e, i) => {
    if (e < 0) return;
    const x = exitBars[i]! < 0 ? bars : exitBars[i]!;
    if (x < e) throw new DataError(`trade_exit_bars[${i}] = ${x} is before trade_entry_bars[${i}] = ${e}; a round trip cannot close before it opens`);
    if (x === e) return;
    if (starts.length > 0 && e < starts[starts.length - 1]!) sorted = false;
    starts.push(e);
    ends.push(x);
  });
  const order = starts.map((_, k) => k);
  if (!sorted) order.sort((a, b) => starts[a]! - starts[b]!);
  let invested = 0;
  let end = -1; // the furthest bar covered so far (exclusive)
  for (const k of order) {
    const s = starts[k]!, x = ends[k]!;
    if (x <= end) continue;
    invested += x - Math.max(s, end);
    end = x;
  }
  return invested / bars;
}

/**
 * Turnover over the run: Σ gross value of the fills (buys and sells) / mean of the daily equity
 * samples (the initial equity included), i.e. how many times the average capital was traded (a round trip of all of it counts 2).
 * Null without a positive mean equity.
 */
export function turnoverOf(fills: FillColumns, dailyEquity: Float64Array): number | null {
  let traded = 0;
  fills.gross_value.forEach((g, i) => {
    // gross value is optional in the fill contract: quantity × price when it is missing
    traded += Math.abs(g === '' ? Number(fills.quantity[i]) * Number(fills.price[i]) : Number(g));
  });
  let sum = 0;
  for (let i = 0; i < dailyEquity.length; i++) sum += dailyEquity[i]!;
  const mean = sum / dailyEquity.length;
  return mean > 0 && Number.isFinite(traded) ? traded / mean : null;
}
