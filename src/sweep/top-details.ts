// The full outputs of the best rows, recomputed at the end (a sweep keeps only summaries while it
// runs): each top combination's daily equity and round trips, checked against its stored row.
import { KernelError, isoUtc } from '../model/index.js';
import { TRADE_STRIDE } from '../kernels/index.js';
import { writeFileAtomic, writeFileAtomicStream } from '../data/index.js';
import { NCOLS, ROW_COLUMNS } from './row-metrics.js';
import { comboValues, type SweepPlan } from './plan.js';
import type { Dataset } from './dataset.js';
import type { BatchEvaluator } from './batch-evaluator.js';
import type { RowStore } from './rows-file.js';

/** A recomputed run over a day range of one symbol. */
export interface RunDetail {
  readonly symbol: number;
  readonly values: Readonly<Record<string, number>>;
  readonly fromDay: number;
  readonly toDay: number;
  /** Equity at each day's close, and the time of each day's last bar. */
  readonly dailyEquity: Float64Array;
  readonly dayTimes: Float64Array;
  /** Closed round trips, TRADE_STRIDE floats each (bar indices into the symbol's bars). */
  readonly trades: Float64Array;
  readonly finalEquity: number;
}

/** One of the top rows with its recomputed outputs. */
export interface TopEntry extends RunDetail {
  readonly rank: number;
  readonly task: number;
  readonly row: Float64Array;
  /** Folder of its files inside the output folder, e.g. `top/01`. */
  readonly dir: string;
}

/** Reruns one combination with every output kept (copies, not views); `run` is its row when asked. */
export function detailOf(ev: BatchEvaluator, data: Dataset, s: number, values: Readonly<Record<string, number>>, fromDay: number, toDay: number): RunDetail & { readonly row: Float64Array } {
  const run = ev.run(s, values, fromDay, toDay);
  return {
    symbol: s, values, fromDay, toDay, dailyEquity: Float64Array.from(run.dailyEquity), dayTimes: data.symbols[s]!.dayLastMs.slice(fromDay, toDay),
    trades: Float64Array.from(run.tradeData), finalEquity: run.equity, row: ev.row(run, ev.context(s, fromDay, toDay)),
  };
}

/**
 * Recomputes the first `n` tasks of `order`, checks each reproduces its stored row exactly, and hands
 * each to `write` (for its files); the entries returned keep their daily equity, not their trades.
 */
export function recomputeTop(
  plan: SweepPlan, data: Dataset, store: RowStore, ev: BatchEvaluator, order: readonly number[], n: number, write: (e: TopEntry) => void,
): TopEntry[] {
  const width = String(Math.min(n, order.length)).length;
  return order.slice(0, n).map((task, i) => {
    const unit = plan.units[Math.floor(task / plan.nCombos)]!;
    const d = detailOf(ev, data, unit.symbol, comboValues(plan, task % plan.nCombos), unit.fromDay, unit.toDay);
    const row = store.values.slice(task * NCOLS, (task + 1) * NCOLS);
    for (let j = 0; j < NCOLS; j++) {
      if (!Object.is(d.row[j], row[j])) {
        throw new KernelError(`rank ${i + 1} (${JSON.stringify(d.values)}): rerunning gives ${ROW_COLUMNS[j]} = ${d.row[j]} but the sweep stored ${row[j]}; the rows are not from this data and config`);
      }
    }
    const entry: TopEntry = { ...d, rank: i + 1, task, row, dir: `top/${String(i + 1).padStart(width, '0')}` };
    write(entry);
    // the trades are on disk now: memory holds one top entry's trades at a time
    return { ...entry, trades: new Float64Array(0) };
  });
}

const num = (x: number): string => String(Math.round(x * 1e6) / 1e6);

/** Writes a run's trades.csv (closed round trips) and equity.csv (daily) into `dir`, a megabyte chunk at a time. */
export function writeRunDetail(dir: string, d: RunDetail, data: Dataset): void {
  const sym = data.symbols[d.symbol]!;
  const t = d.trades;
  writeFileAtomicStream(`${dir}/trades.csv`, (write) => {
    let chunk = 'symbol,side,quantity,entry_time,entry_price,exit_time,exit_price,realized_pnl,commission\n';
    for (let o = 0; o < t.length; o += TRADE_STRIDE) {
      chunk += `${sym.symbol},long,${t[o + 2]},${isoUtc(sym.tsMs[t[o]!]!)},${t[o + 3]},${isoUtc(sym.tsMs[t[o + 1]!]!)},${t[o + 4]},${num(t[o + 6]!)},${num(t[o + 5]!)}\n`;
      if (chunk.length > 1 << 20) {
        write(chunk);
        chunk = '';
      }
    }
    write(chunk);
  });
  let eq = 'timestamp,equity\n';
  d.dailyEquity.forEach((e, i) => (eq += `${isoUtc(d.dayTimes[i]!)},${num(e)}\n`));
  writeFileAtomic(`${dir}/equity.csv`, eq);
}
