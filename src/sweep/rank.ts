// Ranking of result rows by the chosen metric: best first, rows without a value (or with too few
// trades) unranked, ties broken by task order, so the ranking never depends on completion order.
import { NCOLS, columnOf } from './row-metrics.js';
import type { RankSpec } from './sweep-config.js';
import type { RowStore } from './rows-file.js';

/** Task ids of a group of rows, best first (only ranked rows). */
export function rankTasks(store: RowStore, tasks: ArrayLike<number>, rank: RankSpec): number[] {
  const col = columnOf(rank.metric);
  const trades = columnOf('trade_count');
  const v = store.values;
  const sign = rank.order === 'desc' ? -1 : 1;
  const eligible: number[] = [];
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i]!;
    if (!store.done[t]) continue;
    const x = v[t * NCOLS + col]!;
    if (x === x && v[t * NCOLS + trades]! >= rank.minTrades) eligible.push(t);
  }
  return eligible.sort((a, b) => sign * (v[a * NCOLS + col]! - v[b * NCOLS + col]!) || a - b);
}

/** Rank (1 = best) of every task within its group; 0 for unranked rows. */
export function rankAll(store: RowStore, groups: readonly ArrayLike<number>[], rank: RankSpec): { ranks: Int32Array; orders: number[][] } {
  const ranks = new Int32Array(store.tasks);
  const orders = groups.map((g) => {
    const order = rankTasks(store, g, rank);
    order.forEach((t, i) => (ranks[t] = i + 1));
    return order;
  });
  return { ranks, orders };
}
