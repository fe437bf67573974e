// Runs the pending tasks of a shard on a pool of worker threads (piscina), in batches sized to a few
// tenths of a second, handing each finished batch to the caller (rows, checkpoint, progress).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Piscina } from 'piscina';
import { ConfigError, DataError, KernelError, packageRoot } from '../model/index.js';
import { BatchEvaluator, WARM_UP_DAYS, type BatchTask, type EvaluatorInit } from './batch-evaluator.js';
import type { WarmUp, WorkerTask } from './worker.js';
import { inShard, type Shard, type SweepPlan } from './plan.js';
import type { RowStore } from './rows-file.js';
import { NCOLS } from './row-metrics.js';

/** Progress of a sweep: tasks (combinations × units) and bar-evaluations done of total. */
export interface SweepProgress {
  readonly done: number;
  readonly total: number;
  readonly barEvals: number;
  readonly totalBarEvals: number;
}

/**
 * A pool of sweep worker threads started ahead of the data (`startPool`): the threads boot and load
 * their modules while the caller loads the bars; the sweep's columns reach them with the first task.
 */
export interface SweepPool {
  readonly threads: number;
  readonly piscina: Piscina<WorkerTask, WorkerReply>;
  /** Stops the threads. */
  destroy(): Promise<void>;
}

/** Starts `threads` sweep worker threads; `vector`: they will run signal-column strategies (load those modules now). */
export function startPool(threads: number, vector = false): SweepPool {
  const piscina = new Piscina<WorkerTask, WorkerReply>({
    filename: workerFile(), workerData: { vector }, minThreads: threads, maxThreads: threads, idleTimeout: 60_000,
  });
  return { threads, piscina, destroy: () => piscina.destroy() };
}

let initCount = 0;

/** How to execute. */
export interface ExecuteOptions {
  /** Worker threads; 0 runs every batch in this thread. */
  readonly workers: number;
  /** Threads started earlier (`startPool`, with `workers` threads); else a pool is started here and stopped at the end. */
  readonly pool?: SweepPool;
  readonly shard: Shard;
  /** Called with each finished batch, in completion order, after its rows are stored. */
  readonly onBatch?: (tasks: readonly number[], rows: Float64Array) => void;
  readonly onProgress?: (p: SweepProgress) => void;
  /** Called when the threads are ready and the timed computing starts (benchmarks sample thread CPU times here). */
  readonly onComputeStart?: () => void;
}

/** Bar-evaluations of the largest batch: about a quarter of a second of one core (the js reference is ~50× slower). */
const BATCH_EVALS = { wasm: 100_000_000, js: 2_000_000 } as const;

interface Batch {
  readonly tasks: number[];
  readonly task: BatchTask;
  readonly evals: number;
}

/** The combinations of a shard, in order. */
function combosOfShard(plan: SweepPlan, shard: Shard): number[] {
  const combos: number[] = [];
  for (let c = 0; c < plan.nCombos; c++) if (inShard(c, shard)) combos.push(c);
  return combos;
}

/**
 * Whether each unit is split over the workers: only when units are too few to keep them busy; else
 * each unit goes whole to one worker, which prepares its symbol once (8 symbols × 4 combinations on
 * 2 workers: 8 preparations rather than 16).
 */
function splitsUnits(plan: SweepPlan, workers: number): boolean {
  return plan.units.length < 4 * workers;
}

/** The batches of the shard's tasks not yet in `store`, unit by unit. */
function* batches(plan: SweepPlan, store: RowStore, shard: Shard, workers: number, evalsPerBatch: number): Generator<Batch> {
  const k = plan.names.length;
  const combos = combosOfShard(plan, shard);
  const w = splitsUnits(plan, workers) ? workers : 1;
  for (let u = 0; u < plan.units.length; u++) {
    const unit = plan.units[u]!;
    const most = Math.max(1, Math.floor(evalsPerBatch / Math.max(1, unit.bars)));
    const todo = combos.filter((c) => !store.done[u * plan.nCombos + c]);
    // equal batches, as many as a multiple of `w`, each at most about a quarter second of one core:
    // every worker gets the same share of the unit. Not a tail of ever smaller batches (guided
    // scheduling, as before): the pairs of a batch run together tile by tile and a small group costs
    // much more per pair (measured on the 10×10 grid, one thread: 100 pairs in groups of 50 cost about
    // as much as in one group, in groups of 10 a third more, one by one about twice as much), so the
    // worker that took the small batches finished last
    const n = Math.min(todo.length, w * Math.ceil(todo.length / (w * most)));
    for (let i = 0; i < n; i++) {
      // dealt in grid order, there and back (0, 1, …, n − 1, n − 1, …, 0, 0, 1, …): each batch samples
      // the whole space, and a cost that grows along the grid (small windows make more trades than
      // large ones) is shared evenly, so batches of equal size cost about the same
      const part = todo.filter((_, j) => (Math.floor(j / n) % 2 === 0 ? j % n : n - 1 - (j % n)) === i);
      const values = new Float64Array(part.length * k);
      part.forEach((c, j) => values.set(plan.combos.subarray(c * k, (c + 1) * k), j * k));
      yield {
        tasks: part.map((c) => u * plan.nCombos + c),
        task: { symbol: unit.symbol, fromDay: unit.fromDay, toDay: unit.toDay, names: plan.names, values },
        evals: part.length * unit.bars,
      };
    }
  }
}

/** A worker's answer: rows, or a qtrader fault to re-raise with its class. */
export type WorkerReply = Float64Array | { readonly error: string; readonly message: string };

function unwrap(reply: WorkerReply): Float64Array {
  if (reply instanceof Float64Array) return reply;
  const Cls = reply.error === 'DataError' ? DataError : reply.error === 'ConfigError' ? ConfigError : KernelError;
  throw new Cls(reply.message);
}

/** The built worker script (workers run compiled JavaScript, also when the caller runs from sources). */
export function workerFile(): string {
  const file = join(packageRoot(), 'dist', 'src', 'sweep', 'worker.js');
  if (!existsSync(file)) throw new KernelError(`${file} is missing: build first with \`npm run build\``);
  return file;
}

/** How long a shard took: starting the threads and preparing the data, then computing. */
export interface ExecuteTimings {
  readonly startSeconds: number;
  readonly computeSeconds: number;
}

/** Runs every pending task of the shard, storing rows into `store`. */
export async function executeTasks(plan: SweepPlan, init: EvaluatorInit, store: RowStore, opts: ExecuteOptions): Promise<ExecuteTimings> {
  let total = 0, totalEvals = 0, done = 0, evals = 0;
  plan.units.forEach((unit, u) => {
    for (let c = 0; c < plan.nCombos; c++) {
      if (!inShard(c, opts.shard)) continue;
      total++;
      totalEvals += unit.bars;
      if (store.done[u * plan.nCombos + c]) {
        done++;
        evals += unit.bars;
      }
    }
  });
  const report = (): void => opts.onProgress?.({ done, total, barEvals: evals, totalBarEvals: totalEvals });
  const finish = (b: Batch, rows: Float64Array): void => {
    b.tasks.forEach((t, i) => store.put(t, rows, i * NCOLS));
    opts.onBatch?.(b.tasks, rows);
    done += b.tasks.length;
    evals += b.evals;
    report();
  };
  report();
  if (done === total) return { startSeconds: 0, computeSeconds: 0 };
  const t0 = performance.now();
  // the warm-up readies the first symbol in each thread (compiling the code, faulting in its memory).
  // A first unit split over the threads, with at least two combinations per thread, is run by every
  // thread: the symbol is kept (start-up, not work). Otherwise (8 symbols × 1 combination) readying a
  // symbol is part of the work of the thread whose batch needs it: each thread forgets it, keeping the
  // memory, so that every batch costs the same wherever it runs. A thread readies any later symbol
  // when its first batch of that symbol comes, in the memory of its last
  const mine = combosOfShard(plan, opts.shard);
  const firstUnit = plan.units.findIndex((_, u) => mine.some((c) => !store.done[u * plan.nCombos + c]));
  const forget = !(splitsUnits(plan, Math.max(1, opts.workers))
    && mine.filter((c) => !store.done[firstUnit * plan.nCombos + c]).length >= 2 * Math.max(1, opts.workers));
  const first = firstUnit >= 0 ? plan.units[firstUnit] : undefined;
  const symbols = first ? [first.symbol] : [];
  // a warm-up batch: the first pending combination over the first days of its unit
  const c0 = mine.find((c) => first && !store.done[firstUnit * plan.nCombos + c]) ?? 0;
  const warm: BatchTask | undefined = first && {
    symbol: first.symbol, fromDay: first.fromDay, toDay: Math.min(first.toDay, first.fromDay + WARM_UP_DAYS), names: plan.names,
    values: plan.combos.slice(c0 * plan.names.length, (c0 + 1) * plan.names.length),
  };
  const it = batches(plan, store, opts.shard, opts.workers, BATCH_EVALS[init.engine]);
  if (opts.workers === 0) {
    const local = new BatchEvaluator(init, 1);
    local.prepareAll(symbols);
    if (warm) local.warmUp(warm);
    if (forget) local.forget();
    opts.onComputeStart?.();
    const t1 = performance.now();
    for (const b of it) {
      finish(b, local.evaluate(b.task));
      await yieldToLoop();
    }
    return { startSeconds: (t1 - t0) / 1000, computeSeconds: (performance.now() - t1) / 1000 };
  }
  const pool = opts.pool ?? startPool(opts.workers, init.template !== undefined);
  if (pool.threads !== opts.workers) throw new KernelError(`the pool has ${pool.threads} threads; the sweep asked for ${opts.workers}`);
  // every task carries the sweep's init: its columns are views of SharedArrayBuffers (cloning one is a
  // reference, not a copy), so a thread that has not seen this sweep yet builds its evaluator from it
  const initId = `${process.pid}-${++initCount}`;
  const send = (task: BatchTask | WarmUp): Promise<WorkerReply> =>
    pool.piscina.run({ ...task, initId, init });
  try {
    // one warm-up per thread: it loads the kernels and (see above) copies the first symbol's shared columns in
    await Promise.all(Array.from({ length: opts.workers }, () => send({ prepare: symbols, ...(warm ? { warm } : {}), forget }).then(unwrap)));
    opts.onComputeStart?.();
    const t1 = performance.now();
    // at most two batches per worker in flight: memory stays bounded however large the space
    const inflight = new Set<Promise<void>>();
    let failure: unknown;
    for (const b of it) {
      if (failure) break;
      // a failed batch (or a failing checkpoint write) is kept, not thrown here: nothing may reject unhandled
      const p: Promise<void> = send(b.task).then((r) => finish(b, unwrap(r))).catch((e: unknown) => {
        failure ??= e;
      }).finally(() => inflight.delete(p));
      inflight.add(p);
      while (inflight.size >= 2 * opts.workers) await Promise.race(inflight);
    }
    await Promise.all(inflight);
    if (failure) throw failure;
    return { startSeconds: (t1 - t0) / 1000, computeSeconds: (performance.now() - t1) / 1000 };
  } finally {
    if (!opts.pool) await pool.destroy();
  }
}
