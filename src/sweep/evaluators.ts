// The compute-path evaluators a sweep can run, by strategy name: each declares its parameters,
// prepares one symbol's columns in a worker's workspace once, and runs one combination over a day range.
// kernel files, not kernels/index.js: a worker thread starts faster without the indicator kernels
import { SweepSeries, type SweepCosts, type SweepRun } from '../kernels/sweep.js';
import type { Workspace } from '../kernels/workspace.js';
import type { SignalColumns } from '../kernels/sweep-signals.js';
import type { ParamRule } from './param-space.js';

/** One symbol's bar columns as a worker sees them (views of shared memory; high/low/volume when the strategy reads them). */
export type SymbolColumns = SignalColumns;

/** A symbol's columns made ready for many runs (copied into kernel memory, shared indicators computed). */
export interface PreparedSeries {
  /** Number of trading days (the unit of day ranges). */
  readonly days: number;
  /** Original bar index of each day's last bar. */
  readonly dayEndBars: Int32Array;
}

/** A strategy with a compute path: what sweeps can run. */
export interface ComputeEvaluator<S extends PreparedSeries = PreparedSeries> {
  readonly description: string;
  /** How combinations run (printed by the sweep): which kernel, or the event engine. */
  readonly path?: string;
  /** Columns besides open and close the evaluator reads (shared with the workers). */
  readonly columns?: readonly ('high' | 'low' | 'volume')[];
  /** The strategy's parameters in their canonical order, with what each must be. */
  readonly params: Readonly<Record<string, ParamRule>>;
  /** Why the strategy cannot run these values (e.g. fast ≥ slow), or null. */
  check(values: Readonly<Record<string, number>>): string | null;
  /** A constraint text that removes the combinations `check` refuses, suggested to the user. */
  readonly suggestedConstraint?: string;
  /** Prepares a symbol once per workspace; every indicator that combinations share is computed here. */
  prepare(ws: Workspace, columns: SymbolColumns): S;
  /** Runs one combination over days [fromDay, toDay); the result's views live until the next run. */
  run(series: S, values: Readonly<Record<string, number>>, costs: SweepCosts, fromDay: number, toDay: number): SweepRun;
  /**
   * Runs many combinations (`values`: `names.length` per combination, in `names` order) over days
   * [fromDay, toDay), handing each result to `each` (its views live only during the call). Evaluators
   * that share work between combinations (a cached tile of an indicator) do it here.
   */
  runMany(series: S, names: readonly string[], values: Float64Array, costs: SweepCosts, fromDay: number, toDay: number, each: (j: number, run: SweepRun) => void): void;
}

const window = (description: string): ParamRule => ({ integer: true, min: 1, description });

/**
 * sma_cross: long when SMA(fast) crosses above SMA(slow), flat when it crosses below. The
 * prefix sums of the scaled closes (computed once per symbol) give every window's average in
 * O(1), so all combinations share one indicator column, read tile by tile by a batch of pairs.
 */
const smaCross: ComputeEvaluator<SweepSeries> = {
  description: 'long when SMA(fast) crosses above SMA(slow), flat when it crosses below',
  path: 'prefix-sum kernel: every window pair reads the exact prefix sums of the scaled closes, pairs batched tile by tile',
  params: { fast: window('window of the fast average, in bars'), slow: window('window of the slow average, in bars') },
  check: (v) => (v['fast']! < v['slow']! ? null : `fast (${v['fast']}) must be less than slow (${v['slow']})`),
  suggestedConstraint: 'fast < slow',
  prepare: (ws, c) => new SweepSeries(ws, c.open, c.close, c.dayEnd),
  run: (s, v, costs, from, to) => s.run(v['fast']!, v['slow']!, costs, from, to),
  runMany: (s, names, values, costs, from, to, each) => {
    // the pairs advance together tile by tile, so each tile of the prefix sums is read from cache
    const k = names.length, fi = names.indexOf('fast'), si = names.indexOf('slow');
    const pairs = new Int32Array(2 * (values.length / k));
    for (let j = 0; j < pairs.length / 2; j++) {
      pairs[2 * j] = values[j * k + fi]!;
      pairs[2 * j + 1] = values[j * k + si]!;
    }
    s.runPairs(pairs, costs, each, from, to);
  },
};

/** Strategies with their own compute path, by name (other vectorised strategies take vector-evaluator.ts). */
export const EVALUATORS: Readonly<Record<string, ComputeEvaluator>> = {
  sma_cross: smaCross as unknown as ComputeEvaluator,
};

/** Makes the evaluator of a vectorised registry strategy (set by vector-evaluator.ts when it is loaded). */
let vectorFactory: ((name: string, template: Readonly<Record<string, unknown>>) => ComputeEvaluator) | undefined;

/** Registers the factory of signal-column evaluators (vector-evaluator.ts does, when loaded). */
export function setVectorFactory(f: (name: string, template: Readonly<Record<string, unknown>>) => ComputeEvaluator): void {
  vectorFactory = f;
}

/**
 * The evaluator of a strategy: its own compute path (sma_cross), else the signal-column path of a
 * vectorised registry strategy built from `template` (when vector-evaluator.ts is loaded: worker
 * threads load it only for such strategies, so that sma_cross sweeps start without the indicators).
 */
export function evaluatorFor(name: string, template?: Readonly<Record<string, unknown>>): ComputeEvaluator | undefined {
  if (Object.prototype.hasOwnProperty.call(EVALUATORS, name)) return EVALUATORS[name];
  return template && vectorFactory ? vectorFactory(name, template) : undefined;
}
