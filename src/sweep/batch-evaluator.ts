// Runs batches of combinations in one thread: a symbol's columns are prepared in this thread's
// workspace (one WebAssembly instance), then every combination of its batches reuses them.
// kernel files, not kernels/index.js: a worker thread starts faster without the indicator kernels
import { Workspace } from '../kernels/workspace.js';
import { dropSweepScratch, type SweepCosts, type SweepRun } from '../kernels/sweep.js';
import type { KernelEngine } from '../model/index.js';
import { evaluatorFor, type ComputeEvaluator, type PreparedSeries } from './evaluators.js';
import { NCOLS, RowBuilder, type RowContext } from './row-metrics.js';
import type { SharedColumns } from './dataset.js';

/**
 * Runs of the warm-up batch (one combination over at most WARM_UP_DAYS days): enough for V8 to
 * optimise the metrics loop, which needs loops of realistic length, not only many calls (200 runs
 * over 1 day left the first 50 real rows as slow as with no warm-up).
 */
const WARM_UP_RUNS = 200;
/** Days of the warm-up batch. */
export const WARM_UP_DAYS = 64;

/** What every thread of a sweep receives once (typed arrays over SharedArrayBuffers are not copied). */
export interface EvaluatorInit {
  readonly strategy: string;
  /** The strategy's fixed parameters (indicator names, choices) for strategies on the signal-column path. */
  readonly template?: Readonly<Record<string, unknown>>;
  readonly engine: KernelEngine;
  readonly costs: SweepCosts;
  readonly periodsPerYear: number;
  readonly riskFreeRate: number;
  readonly symbols: readonly (SharedColumns & { readonly dayFirstMs: Float64Array; readonly dayLastMs: Float64Array })[];
}

/** A batch: combinations (values in `names` order, `names.length` per combination) on one symbol's day range. */
export interface BatchTask {
  readonly symbol: number;
  readonly fromDay: number;
  readonly toDay: number;
  readonly names: readonly string[];
  readonly values: Float64Array;
}

/** Evaluates combinations against prepared series; one per thread. */
export class BatchEvaluator {
  private readonly ws: Workspace;
  private readonly evaluator: ComputeEvaluator;
  private readonly prepared = new Map<number, PreparedSeries>();
  private readonly rows = new RowBuilder();
  /** Arena mark below the first prepared series (−1: none yet). */
  private base = -1;

  /**
   * `keep`: how many prepared symbols to hold. A worker holds one: the next symbol is prepared in the
   * memory of the last (a sweep's batches come unit by unit, so a worker rarely goes back), which
   * keeps its memory at one symbol and spares the page faults of fresh memory (measured: touching
   * 25 MB of new WebAssembly memory costs about as much as preparing the symbol in it).
   */
  constructor(readonly init: EvaluatorInit, private readonly keep = Infinity) {
    this.ws = new Workspace(init.engine);
    const e = evaluatorFor(init.strategy, init.template);
    if (!e) throw new Error(`no compute path for strategy ${init.strategy}`);
    this.evaluator = e;
  }

  /** The prepared series of symbol `s` (prepared on first use, then kept). */
  series(s: number): PreparedSeries {
    let p = this.prepared.get(s);
    if (!p) {
      if (this.base < 0) this.base = this.ws.mark();
      else if (this.prepared.size >= this.keep) this.forget();
      p = this.evaluator.prepare(this.ws, this.init.symbols[s]!);
      this.prepared.set(s, p);
    }
    return p;
  }

  /** Runs one combination; the result's views live until the next run. */
  run(s: number, values: Readonly<Record<string, number>>, fromDay: number, toDay: number): SweepRun {
    return this.evaluator.run(this.series(s), values, this.init.costs, fromDay, toDay);
  }

  /** The metrics context of a day range of symbol `s`. */
  context(s: number, fromDay: number, toDay: number): RowContext {
    const sym = this.init.symbols[s]!;
    return {
      initialCash: this.init.costs.initialCash, periodsPerYear: this.init.periodsPerYear, riskFreeRate: this.init.riskFreeRate,
      firstTsMs: sym.dayFirstMs[fromDay]!, lastTsMs: sym.dayLastMs[toDay - 1]!,
    };
  }

  /** The row (NCOLS values) of a run, as a batch stores it. */
  row(run: SweepRun, ctx: RowContext): Float64Array {
    const out = new Float64Array(NCOLS);
    this.rows.write(out, 0, run, ctx);
    return out;
  }

  /**
   * Drops every prepared symbol but keeps their memory (already faulted in): the next symbol is
   * prepared in it. A worker's warm-up prepares a symbol and forgets it when the sweep's symbols are
   * not all run by every worker, so that no worker starts with a symbol already prepared (its first
   * batch of it would cost less than the others') nor with memory still to be faulted in.
   */
  forget(): void {
    if (this.base < 0) return;
    // every buffer above the mark belongs to the series held (and the sweep buffers after them)
    this.prepared.clear();
    this.ws.release(this.base);
    dropSweepScratch(this.ws);
  }

  /** Bytes of this evaluator's kernel memory (0 for the js engine). */
  memoryBytes(): number {
    return this.ws.arena ? this.ws.arena.exports.memory.buffer.byteLength : 0;
  }

  /** Prepares symbols ahead of their batches (a pool's warm-up), so that start-up is not timed as work. */
  prepareAll(symbols: readonly number[]): void {
    for (const s of symbols) this.series(s);
  }

  /**
   * Runs a short batch WARM_UP_RUNS times before the timed batches (once on the js engine), so that
   * V8 has optimised the per-run code (the kernel wrapper, the metrics loop over the days) by then.
   * A thread that meets it cold spends longer on its first rows than on the rest: 50 rows over 2,564
   * days took 37–60 ms cold and 1.5–3.9 ms after this warm-up (one thread, load 6–7). Every thread
   * pays that once, whatever its share of the work: start-up, not work that more threads divide.
   */
  warmUp(task: BatchTask): void {
    for (let r = 0; r < (this.init.engine === 'wasm' ? WARM_UP_RUNS : 1); r++) this.evaluate(task);
  }

  /** The rows (NCOLS per combination) of a batch. */
  evaluate(task: BatchTask): Float64Array {
    const count = task.values.length / task.names.length;
    const out = new Float64Array(count * NCOLS);
    const ctx = this.context(task.symbol, task.fromDay, task.toDay);
    this.evaluator.runMany(this.series(task.symbol), task.names, task.values, this.init.costs, task.fromDay, task.toDay,
      (j, run) => this.rows.write(out, j * NCOLS, run, ctx));
    return out;
  }
}

/** The per-thread init of a dataset (only what workers need; shared columns are not copied). */
export function evaluatorInit(
  strategy: string, engine: KernelEngine, costs: SweepCosts, periodsPerYear: number, riskFreeRate: number,
  symbols: readonly (SharedColumns & { readonly dayFirstMs: Float64Array; readonly dayLastMs: Float64Array })[],
  template?: Readonly<Record<string, unknown>>,
): EvaluatorInit {
  return {
    strategy, engine, costs, periodsPerYear, riskFreeRate, ...(template ? { template } : {}),
    symbols: symbols.map((s) => ({
      symbol: s.symbol, open: s.open, close: s.close, dayEnd: s.dayEnd, dayFirstMs: s.dayFirstMs, dayLastMs: s.dayLastMs,
      ...(s.high ? { high: s.high } : {}), ...(s.low ? { low: s.low } : {}), ...(s.volume ? { volume: s.volume } : {}),
    })),
  };
}
