// Runs the pending tasks of a shard on a pool of worker threads (piscina), in batches sized to a few
// tenths of a second, handing each finished batch to the caller (rows, checkpoint, progress).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Piscina } from 'piscina';
import { ConfigError, DataError, KernelError, packageRoot } from '../model/index.js';
import { BatchEvaluator, type BatchTask, type EvaluatorInit } from './batch-evaluator.js';
import type { WorkerTask } from './worker.js';
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

/** The batches of the shard's tasks not yet in `store`, unit by unit. */
function* batches(plan: SweepPlan, store: RowStore, shard: Shard, workers: number, evalsPerBatch: number): Generator<Batch> {
  const k = plan.names.length;
  const combos = combosOfShard(plan, shard);
  let pending = 0;
  plan.units.forEach((_, u) => combos.forEach((c) => (pending += store.done[u * plan.nCombos + c] ? 0 : 1)));
  for (let u = 0; u < plan.units.length; u++) {
    const unit = plan.units[u]!;
    const most = Math.max(1, Math.floor(evalsPerBatch / Math.max(1, unit.bars)));
    // strided order (every 16th combination, then the next…): each batch samples the whole space, so
    // batches of equal size cost about the same (small windows make more trades than large ones)
    const todo = combos.filter((c) => !store.done[u * plan.nCombos + c]).sort((a, b) => (a % 16) - (b % 16) || a - b);
    for (let a = 0; a < todo.length; ) {
      // guided sizes: each worker's share of what is left, so batches shrink towards the end and the
      // workers finish together; at least 4 combinations (pairs that run together share the cached
      // tiles of their indicator, so large batches are cheaper per combination), at most about a
      // quarter second of one core
      const size = Math.max(4, Math.min(most, Math.ceil(pending / Math.max(1, workers))));
      const part = todo.slice(a, a + size);
      const values = new Float64Array(part.length * k);
      part.forEach((c, i) => values.set(plan.combos.subarray(c * k, (c + 1) * k), i * k));
      a += part.length;
      pending -= part.length;
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
  // the warm-up readies the first symbol in each thread; a thread prepares any other symbol when its
  // first batch of that symbol comes (8 symbols × 1 combination: each thread prepares only its own)
  const mine = combosOfShard(plan, opts.shard);
  const first = plan.units.find((_, u) => mine.some((c) => !store.done[u * plan.nCombos + c]));
  const symbols = first ? [first.symbol] : [];
  // a warm-up run: the first pending combination over the first day of its unit
  const c0 = mine.find((c) => first && !store.done[plan.units.indexOf(first) * plan.nCombos + c]) ?? 0;
  const warm: BatchTask | undefined = first && {
    symbol: first.symbol, fromDay: first.fromDay, toDay: first.fromDay + 1, names: plan.names,
    values: plan.combos.slice(c0 * plan.names.length, (c0 + 1) * plan.names.length),
  };
  const it = batches(plan, store, opts.shard, opts.workers, BATCH_EVALS[init.engine]);
  if (opts.workers === 0) {
    const local = new BatchEvaluator(init);
    local.prepareAll(symbols);
    if (warm) local.evaluate(warm);
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
  const send = (task: BatchTask | { readonly prepare: readonly number[]; readonly warm?: BatchTask }): Promise<WorkerReply> =>
    pool.piscina.run({ ...task, initId, init });
  try {
    // one warm-up per thread: it loads the kernels and copies the first symbol's shared columns in
    await Promise.all(Array.from({ length: opts.workers }, () => send({ prepare: symbols, ...(warm ? { warm } : {}) }).then(unwrap)));
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
