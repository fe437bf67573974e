// The end of a sweep: rank every row, recompute the top N (and the walk-forward), and write the
// outputs into a temporary folder that is renamed into place whole.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isoUtc, packageVersion } from '../model/index.js';
import { writeFileAtomic } from '../data/index.js';
import { ROW_COLUMNS, columnOf } from './row-metrics.js';
import { rankAll } from './rank.js';
import { BatchEvaluator, evaluatorInit } from './batch-evaluator.js';
import { recomputeTop, writeRunDetail, type TopEntry } from './top-details.js';
import { walkForward, writeWalkForward, dailyReturns, trialSharpes, type SymbolWalkForward } from './walk-forward.js';
import { deflatedSharpe, type DeflatedSharpe } from './deflated-sharpe.js';
import { writeResultsCsv, writeResultsParquet, type ResultsTable } from './results-files.js';
import { renderReport } from './html-report.js';
import type { SweepConfig } from './sweep-config.js';
import type { SweepPlan } from './plan.js';
import type { Dataset } from './dataset.js';
import type { RowStore } from './rows-file.js';

/** What a finished sweep returns (sweep.json is `summary`). */
export interface FinalOutcome {
  readonly outDir: string;
  readonly summary: Record<string, unknown>;
  readonly top: readonly TopEntry[];
  readonly walkForward: readonly SymbolWalkForward[] | null;
  readonly deflated: DeflatedSharpe | null;
  /** Label and value lines for a console summary. */
  readonly lines: readonly (readonly [string, string])[];
}

const r12 = (x: number | null): number | null => (x === null || !Number.isFinite(x) ? null : Number(x.toPrecision(12)));
const val = (x: number): number | null => (x === x ? x : null);

function rowMetrics(row: Float64Array): Record<string, number | null> {
  return Object.fromEntries(ROW_COLUMNS.map((c, j) => [c, val(row[j]!)]));
}

function dsrJson(d: DeflatedSharpe | null): Record<string, unknown> | null {
  return d && {
    value: r12(d.value), trials: d.trials, sharpe: r12(d.sharpe), sharpe_variance: r12(d.sharpeVariance), benchmark: r12(d.benchmark),
    returns: d.returns, skewness: r12(d.skewness), kurtosis: r12(d.kurtosis),
  };
}

/** Ranks, recomputes and writes every output of a sweep whose rows are all in `store`. */
export function finalizeSweep(cfg: SweepConfig, data: Dataset, plan: SweepPlan, store: RowStore, outDir: string): FinalOutcome {
  const wfMode = cfg.walkForward !== undefined;
  const unitTasks = (u: number): number[] => Array.from({ length: plan.nCombos }, (_, c) => u * plan.nCombos + c);
  const groups = wfMode ? plan.units.map((_, u) => unitTasks(u)) : [Array.from({ length: plan.tasks }, (_, t) => t)];
  const { ranks, orders } = rankAll(store, groups, cfg.rank);
  const rep = cfg.base.reporting;
  const ev = new BatchEvaluator(evaluatorInit(cfg.strategy, cfg.base.run.engine, cfg.costs, rep.periods_per_year, rep.risk_free_rate, data.symbols, cfg.template));
  const target = resolve(outDir);
  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    return finishInto(tmp, target, cfg, data, plan, store, ranks, orders, ev);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** Computes and writes every output into `tmp`, then renames it to `target`. */
function finishInto(
  tmp: string, target: string, cfg: SweepConfig, data: Dataset, plan: SweepPlan, store: RowStore, ranks: Int32Array, orders: number[][], ev: BatchEvaluator,
): FinalOutcome {
  const wfMode = cfg.walkForward !== undefined;
  const rep = cfg.base.reporting;
  const unitTasks = (u: number): number[] => Array.from({ length: plan.nCombos }, (_, c) => u * plan.nCombos + c);
  const top = wfMode ? [] : recomputeTop(plan, data, store, ev, orders[0]!, cfg.rank.top, (e) => {
    mkdirSync(join(tmp, e.dir), { recursive: true });
    writeRunDetail(join(tmp, e.dir), e, data);
  });
  let deflated: DeflatedSharpe | null = null;
  if (top[0]) {
    const u = Math.floor(top[0].task / plan.nCombos);
    deflated = deflatedSharpe(dailyReturns(cfg.costs.initialCash, top[0].dailyEquity, rep.risk_free_rate / rep.periods_per_year), trialSharpes(store, unitTasks(u), rep.periods_per_year));
  }
  const wf = wfMode ? walkForward(cfg, plan, data, store, orders, ev) : null;
  const symbols = data.symbols.map((s) => s.symbol);
  const params = (v: Readonly<Record<string, number>> | null) => v && Object.fromEntries(plan.names.map((n) => [n, v[n]!]));

  const summary: Record<string, unknown> = {
    sweep_id: plan.id,
    qtrader_version: packageVersion(),
    config: cfg.raw,
    data: {
      fingerprint: data.fingerprint, timezone: data.timezone,
      symbols: data.symbols.map((s) => ({ symbol: s.symbol, bars: s.bars, days: s.days, first_timestamp: isoUtc(s.tsMs[0]!), last_timestamp: isoUtc(s.tsMs[s.bars - 1]!) })),
    },
    space: {
      parameters: Object.fromEntries(cfg.space.axes.map((a) => [a.name, a.values])), constraints: cfg.constraints.map((c) => c.text),
      search: cfg.search, grid_points: cfg.space.size, combinations: plan.nCombos,
    },
    rows: store.count,
    ranked: orders.reduce((n, o) => n + o.length, 0),
    rank: { metric: cfg.rank.metric, order: cfg.rank.order, top: cfg.rank.top, min_trades: cfg.rank.minTrades },
    top: top.map((e) => ({
      rank: e.rank, symbol: symbols[e.symbol], params: params(e.values), ...rowMetrics(e.row), files: { trades: `${e.dir}/trades.csv`, equity: `${e.dir}/equity.csv` },
    })),
    deflated_sharpe: dsrJson(deflated),
    walk_forward: wf && {
      mode: cfg.walkForward!.mode, in_sample_days: cfg.walkForward!.inSampleDays, out_of_sample_days: cfg.walkForward!.outOfSampleDays,
      symbols: wf.map((s) => ({
        symbol: symbols[s.symbol], [`in_sample_mean_${cfg.rank.metric}`]: r12(s.isMean), [`out_of_sample_mean_${cfg.rank.metric}`]: r12(s.oosMean),
        out_of_sample: { ...s.metrics, final_equity: Math.round(s.equity[s.equity.length - 1]! * 100) / 100 },
        windows: s.windows.map((w) => ({
          window: w.window + 1, params: params(w.values), [`in_sample_${cfg.rank.metric}`]: w.isRow ? val(w.isRow[columnOf(cfg.rank.metric)]!) : null,
          out_of_sample: w.oos ? w.oos.metrics : null, deflated_sharpe: dsrJson(w.deflated),
        })),
      })),
    },
    outputs: {
      results_csv: 'results.csv', results_parquet: 'results.parquet', report: 'report.html',
      ...(wf ? { walk_forward: 'walk_forward.csv', oos_equity: 'oos_equity.csv' } : {}),
    },
  };

  const best = top[0];
  const lines: [string, string][] = [
    ['sweep', `${plan.id} (${cfg.strategy}, ${cfg.search.method === 'grid' ? 'grid' : `random, ${cfg.search.samples} samples, seed ${cfg.search.seed}`}`
      + `${cfg.walkForward ? `, walk-forward ${cfg.walkForward.mode} ${cfg.walkForward.inSampleDays}/${cfg.walkForward.outOfSampleDays} days` : ''})`],
    ['data', data.symbols.map((s) => `${s.symbol} ${s.bars.toLocaleString('en-US')} bars`).join(', ')],
    ['combinations', `${plan.nCombos.toLocaleString('en-US')} of ${cfg.space.size.toLocaleString('en-US')} grid points${cfg.constraints.length ? ` (${cfg.constraints.map((c) => c.text).join(', ')})` : ''}`],
    ['rows', `${store.count.toLocaleString('en-US')} (${(summary['ranked'] as number).toLocaleString('en-US')} ranked by ${cfg.rank.metric}, ${cfg.rank.order})`],
  ];
  if (best) lines.push(['best', `${symbols[best.symbol]} ${plan.names.map((n) => `${n}=${best.values[n]}`).join(' ')}: ${cfg.rank.metric} ${Number(best.row[columnOf(cfg.rank.metric)]!.toPrecision(6))}`]);
  if (deflated) lines.push(['deflated Sharpe', `${deflated.value === null ? 'n/a' : deflated.value.toFixed(4)} (best of ${deflated.trials} trials; P(true Sharpe > 0) after selection)`]);
  for (const s of wf ?? []) {
    lines.push([`walk-forward ${symbols[s.symbol]}`, `${s.windows.length} windows; mean ${cfg.rank.metric} in sample ${s.isMean?.toFixed(4) ?? 'n/a'}, out of sample ${s.oosMean?.toFixed(4) ?? 'n/a'}; stitched OOS return ${s.metrics.total_return === null ? 'n/a' : (100 * s.metrics.total_return).toFixed(2) + '%'}, Sharpe ${s.metrics.sharpe?.toFixed(2) ?? 'n/a'}`]);
  }

  const table: ResultsTable = { plan, store, symbols, ranks, walkForward: wfMode };
  writeResultsCsv(join(tmp, 'results.csv'), table);
  writeResultsParquet(join(tmp, 'results.parquet'), table);
  if (wf) writeWalkForward(tmp, cfg, plan, data, wf);
  writeFileAtomic(join(tmp, 'report.html'), renderReport({
    title: `qtrader sweep ${plan.id}`, summary: lines, plan, store, ranks, symbols, metric: cfg.rank.metric, order: cfg.rank.order, top, walkForward: wf,
  }));
  writeFileAtomic(join(tmp, 'sweep.json'), JSON.stringify(summary, null, 2) + '\n');
  mkdirSync(dirname(target), { recursive: true });
  if (existsSync(target)) rmSync(target, { recursive: true, force: true });
  renameSync(tmp, target);
  return { outDir: target, summary, top, walkForward: wf, deflated, lines };
}
