// A sweep worker thread (run by piscina): one BatchEvaluator, so one WebAssembly instance with each
// symbol's columns copied in once from shared memory; each task is a batch of combinations.
import { workerData } from 'piscina';
import { QtraderError } from '../model/errors.js';
import { BatchEvaluator, type BatchTask, type EvaluatorInit } from './batch-evaluator.js';
import type { WorkerReply } from './execute.js';

const evaluator = new BatchEvaluator(workerData as EvaluatorInit);

/** A task: a batch of combinations, or the symbols to prepare (and a batch to warm up on) before the first batch. */
export type WorkerTask = BatchTask | { readonly prepare: readonly number[]; readonly warm?: BatchTask };

/** Runs one task and returns its rows; qtrader faults come back by name (thread boundaries lose classes). */
export default function runBatch(task: WorkerTask): WorkerReply {
  try {
    if ('prepare' in task) {
      evaluator.prepareAll(task.prepare);
      // compiles the kernels and the row code before the clock of the real batches starts
      if (task.warm) evaluator.evaluate(task.warm);
      return new Float64Array(0);
    }
    return evaluator.evaluate(task);
  } catch (err) {
    if (err instanceof QtraderError) return { error: err.name, message: err.message };
    throw err;
  }
}
