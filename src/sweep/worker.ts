// A sweep worker thread (run by piscina): one BatchEvaluator per sweep, so one WebAssembly instance with
// each symbol's columns copied in once from shared memory; each task is a batch of combinations.
import { workerData } from 'piscina';
import { QtraderError } from '../model/errors.js';
import { kernelModule } from '../kernels/wasm-module.js';
import { BatchEvaluator, type BatchTask, type EvaluatorInit } from './batch-evaluator.js';
import type { WorkerReply } from './execute.js';

// the thread starts before the sweep's data is loaded: it loads its modules now (strategies on the
// signal-column path need the strategy registry and the indicator kernels) and gets the data with its first task
if ((workerData as { vector?: boolean } | undefined)?.vector) await import('./vector-evaluator.js');
// compiled now, not when the first task comes: the compilation overlaps the loading of the data
kernelModule('release');

/** Before the first batch: the symbols to prepare, a batch to warm up on, and whether to forget the symbols after (keeping their memory). */
export interface WarmUp {
  readonly prepare: readonly number[];
  readonly warm?: BatchTask;
  readonly forget?: boolean;
}

/** A task: a batch of combinations, or the warm-up before the first batch. */
export type WorkerTask = (BatchTask | WarmUp) & {
  /** Which sweep the task belongs to. */
  readonly initId: string;
  /** The sweep's init (columns shared, not copied). */
  readonly init: EvaluatorInit;
};

let current: { readonly id: string; readonly evaluator: BatchEvaluator } | undefined;

/** Runs one task and returns its rows; qtrader faults come back by name (thread boundaries lose classes). */
export default async function runBatch(task: WorkerTask): Promise<WorkerReply> {
  try {
    if (!current || current.id !== task.initId) {
      if (task.init.template) await import('./vector-evaluator.js');
      // one prepared symbol at a time: the next is prepared in its memory
      current = { id: task.initId, evaluator: new BatchEvaluator(task.init, 1) };
    }
    const evaluator = current.evaluator;
    if ('prepare' in task) {
      evaluator.prepareAll(task.prepare);
      // compiles the kernels and the row code before the clock of the real batches starts
      if (task.warm) evaluator.warmUp(task.warm);
      if (task.forget) evaluator.forget();
      return new Float64Array(0);
    }
    return evaluator.evaluate(task);
  } catch (err) {
    if (err instanceof QtraderError) return { error: err.name, message: err.message };
    throw err;
  }
}
