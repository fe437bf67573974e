// Walk-forward analysis: in each window the in-sample winner (by the ranking metric) is run out of
// sample; the out-of-sample equity is stitched window after window, and in-sample is set against
// out-of-sample performance, with the deflated Sharpe ratio of each in-sample selection.
import { computeMetrics, roundMetrics, type Metrics } from '../reporting/index.js';
import { isoUtc } from '../model/index.js';
import { TRADE_STRIDE } from '../kernels/index.js';
import { writeFileAtomic } from '../data/index.js';
import { NCOLS, columnOf, rowToMetrics } from './row-metrics.js';
import { comboValues, type SweepPlan } from './plan.js';
import { deflatedSharpe, type DeflatedSharpe } from './deflated-sharpe.js';
import { detailOf, type RunDetail } from './top-details.js';
import type { SweepConfig } from './sweep-config.js';
import type { Dataset } from './dataset.js';
import type { BatchEvaluator } from './batch-evaluator.js';
import type { RowStore } from './rows-file.js';

/** One window: its in-sample winner, how it did out of sample, and the selection's deflated Sharpe. */
export interface WindowResult {
  readonly window: number;
  readonly isFrom: number;
  readonly isTo: number;
  readonly oosTo: number;
  /** The winning combination, or null when no row of the window was ranked (the window stays flat). */
  readonly values: Readonly<Record<string, number>> | null;
  readonly isRow: Float64Array | null;
  readonly oos: { readonly metrics: Metrics; readonly detail: RunDetail } | null;
  readonly deflated: DeflatedSharpe | null;
}

/** A symbol's walk-forward: windows, stitched out-of-sample equity and its metrics. */
export interface SymbolWalkForward {
  readonly symbol: number;
  readonly windows: readonly WindowResult[];
  readonly times: Float64Array;
  readonly equity: Float64Array;
  readonly metrics: Metrics;
  /** Mean of the ranking metric over the windows' in-sample winners and over their out-of-sample runs. */
  readonly isMean: number | null;
  readonly oosMean: number | null;
}

/** Per-period excess returns of daily equity that starts from `initial`. */
export function dailyReturns(initial: number, equity: Float64Array, rfPerPeriod: number): Float64Array {
  const r = new Float64Array(equity.length);
  let prev = initial;
  equity.forEach((e, i) => {
    r[i] = prev > 0 ? (e - prev) / prev - rfPerPeriod : NaN;
    prev = e;
  });
  return r.filter((x) => x === x);
}

/** Per-period Sharpe ratios of the rows of `tasks` that have one (the trials of a selection). */
export function trialSharpes(store: RowStore, tasks: ArrayLike<number>, periodsPerYear: number): number[] {
  const col = columnOf('sharpe');
  const out: number[] = [];
  for (let i = 0; i < tasks.length; i++) {
    const x = store.values[tasks[i]! * NCOLS + col]!;
    if (x === x) out.push(x / Math.sqrt(periodsPerYear));
  }
  return out;
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** Runs the walk-forward of every symbol from the in-sample rows and their rankings (`orders[u]` per unit). */
export function walkForward(cfg: SweepConfig, plan: SweepPlan, data: Dataset, store: RowStore, orders: readonly number[][], ev: BatchEvaluator): SymbolWalkForward[] {
  const ppy = cfg.base.reporting.periods_per_year, rf = cfg.base.reporting.risk_free_rate;
  const cash = cfg.costs.initialCash;
  const col = columnOf(cfg.rank.metric);
  return data.symbols.map((sym, s) => {
    const windows: WindowResult[] = [];
    const times: number[] = [], equity: number[] = [], pnls: number[] = [];
    let base = cash;
    plan.windows[s]!.forEach((w, i) => {
      const u = plan.units.findIndex((x) => x.symbol === s && x.window === i);
      const best = orders[u]![0];
      let result: WindowResult = { window: i, isFrom: w.isFrom, isTo: w.isTo, oosTo: w.oosTo, values: null, isRow: null, oos: null, deflated: null };
      if (best !== undefined) {
        const values = comboValues(plan, best % plan.nCombos);
        const tasks = Array.from({ length: plan.nCombos }, (_, c) => u * plan.nCombos + c);
        const is = detailOf(ev, data, s, values, w.isFrom, w.isTo);
        const deflated = deflatedSharpe(dailyReturns(cash, is.dailyEquity, rf / ppy), trialSharpes(store, tasks, ppy));
        const detail = detailOf(ev, data, s, values, w.isTo, w.oosTo);
        const metrics = rowToMetrics(detail.row);
        result = { ...result, values, isRow: store.values.slice(best * NCOLS, (best + 1) * NCOLS), oos: { metrics, detail }, deflated };
      }
      // stitch: the window's equity relative to its start, from where the previous window ended
      const factor = base / cash;
      for (let d = w.isTo; d < w.oosTo; d++) {
        times.push(sym.dayLastMs[d]!);
        equity.push(result.oos ? result.oos.detail.dailyEquity[d - w.isTo]! * factor : base);
      }
      if (result.oos) {
        const t = result.oos.detail.trades;
        for (let o = 6; o < t.length; o += TRADE_STRIDE) pnls.push(t[o]! * factor);
      }
      base = equity[equity.length - 1] ?? base;
      windows.push(result);
    });
    const first = plan.windows[s]![0]!.isTo, last = plan.windows[s]![plan.windows[s]!.length - 1]!.oosTo - 1;
    const eq = Float64Array.from(equity);
    const metrics = roundMetrics(computeMetrics({
      dailyEquity: Float64Array.from([cash, ...equity]), firstTsMs: sym.dayFirstMs[first]!, lastTsMs: sym.dayLastMs[last]!,
      initialEquity: cash, finalEquity: base, tradePnls: Float64Array.from(pnls), periodsPerYear: ppy, riskFreeRate: rf,
    }));
    const metricOf = (m: Metrics): number | null => (m as unknown as Record<string, number | null>)[cfg.rank.metric] ?? null;
    return {
      symbol: s, windows, times: Float64Array.from(times), equity: eq, metrics,
      isMean: mean(windows.filter((x) => x.isRow).map((x) => x.isRow![col]!).filter((x) => x === x)),
      oosMean: mean(windows.map((x) => (x.oos ? metricOf(x.oos.metrics) : null)).filter((x): x is number => x !== null)),
    };
  });
}

/** Writes walk_forward.csv (one line per window) and oos_equity.csv (the stitched daily equity). */
export function writeWalkForward(dir: string, cfg: SweepConfig, plan: SweepPlan, data: Dataset, wf: readonly SymbolWalkForward[]): void {
  const m = cfg.rank.metric;
  const text = (x: number | null | undefined): string => (x === null || x === undefined || x !== x ? '' : String(x));
  let csv = `symbol,window,is_start,is_end,oos_start,oos_end,${plan.names.join(',')},is_${m},oos_${m},is_total_return,oos_total_return,oos_trades,oos_final_equity,deflated_sharpe\n`;
  let eq = 'symbol,timestamp,equity\n';
  for (const s of wf) {
    const sym = data.symbols[s.symbol]!;
    for (const w of s.windows) {
      const oos = w.oos?.metrics as unknown as Record<string, number | null> | undefined;
      csv += [sym.symbol, w.window + 1, isoUtc(sym.dayFirstMs[w.isFrom]!), isoUtc(sym.dayLastMs[w.isTo - 1]!), isoUtc(sym.dayFirstMs[w.isTo]!), isoUtc(sym.dayLastMs[w.oosTo - 1]!),
        ...plan.names.map((n) => text(w.values?.[n])), text(w.isRow?.[columnOf(m)]), text(oos?.[m]), text(w.isRow?.[columnOf('total_return')]),
        text(oos?.['total_return']), text(oos?.['trade_count']), text(w.oos ? Math.round(w.oos.detail.finalEquity * 100) / 100 : null),
        text(w.deflated?.value === null || w.deflated?.value === undefined ? null : Number(w.deflated.value.toPrecision(12)))].join(',') + '\n';
    }
    s.times.forEach((t, i) => (eq += `${sym.symbol},${isoUtc(t)},${Math.round(s.equity[i]! * 1e6) / 1e6}\n`));
  }
  writeFileAtomic(`${dir}/walk_forward.csv`, csv);
  writeFileAtomic(`${dir}/oos_equity.csv`, eq);
}
