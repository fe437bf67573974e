// A whole sweep from its config: load the data once, plan, run the pending tasks on the worker pool
// with a checkpoint, then finish (rank, recompute the top N, write outputs) or, for a shard, save its rows.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError } from '../model/index.js';
import { loadDataset, type Dataset } from './dataset.js';
import { planSweep, type Shard, type SweepPlan } from './plan.js';
import { evaluatorInit } from './batch-evaluator.js';
import { executeTasks, startPool, type SweepPool, type SweepProgress } from './execute.js';
import { Checkpoint } from './checkpoint.js';
import { RowStore } from './rows-file.js';
import { finalizeSweep, type FinalOutcome } from './finalize.js';
import { readShards, writeShard } from './shards.js';
import type { SweepConfig } from './sweep-config.js';

/** Options of a sweep beyond its config. */
export interface SweepOptions {
  /** Output folder; overrides `output.dir`. */
  readonly outDir?: string;
  /** Worker threads (default: the machine's available parallelism); 0 runs in this thread. */
  readonly workers?: number;
  /** Run only this part of the combinations (K/N). */
  readonly shard?: Shard;
  /** Continue from the checkpoint of an interrupted run (a missing checkpoint just starts fresh). */
  readonly resume?: boolean;
  /** Discard an interrupted run's checkpoint. */
  readonly restart?: boolean;
  readonly onProgress?: (p: SweepProgress) => void;
  /** Called when the threads are ready and the timed computing starts. */
  readonly onComputeStart?: () => void;
  /** Notes for the user. */
  readonly log?: (line: string) => void;
  /** Worker threads started earlier with `startPool(workers, …)` (e.g. while the data loaded); the caller stops them. */
  readonly pool?: SweepPool;
}

/** What a sweep returns: a finished sweep's outcome, or where a shard's rows went. */
export interface SweepOutcome {
  readonly plan: SweepPlan;
  /** Worker threads used (0: this thread). */
  readonly workers: number;
  readonly shard: Shard;
  /** Rows computed by this process and rows restored from the checkpoint. */
  readonly computed: number;
  readonly restored: number;
  /** Bar-evaluations computed by this process (bars × combinations). */
  readonly barEvals: number;
  /** Seconds spent starting the worker threads (and preparing the data in each), then computing rows. */
  readonly startSeconds: number;
  readonly seconds: number;
  readonly outDir: string;
  /** Null for a shard of several: its rows wait for `qtrader sweep merge`. */
  readonly final: FinalOutcome | null;
}

/** Loads the configured data and runs the sweep; the worker threads start while the data loads. */
export async function runSweep(cfg: SweepConfig, opts: SweepOptions = {}): Promise<SweepOutcome> {
  const workers = opts.workers ?? availableParallelism();
  const pool = !opts.pool && Number.isInteger(workers) && workers > 0 ? startPool(workers, cfg.template !== undefined) : undefined;
  try {
    const data = await loadDataset(cfg.base, opts.log, cfg.evaluator.columns ?? []);
    return await runSweepOnData(cfg, data, { ...opts, ...(pool ? { pool } : {}) });
  } finally {
    await pool?.destroy();
  }
}

/** Runs a sweep over a dataset already in memory. */
export async function runSweepOnData(cfg: SweepConfig, data: Dataset, opts: SweepOptions = {}): Promise<SweepOutcome> {
  const workers = opts.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 0) throw new ConfigError(`--workers: expected a whole number ≥ 0; got ${workers}`);
  if (opts.resume && opts.restart) throw new ConfigError('--resume and --restart exclude each other: resume an interrupted sweep, or restart it');
  const shard = opts.shard ?? { index: 1, count: 1 };
  const plan = planSweep(cfg, data);
  if (cfg.evaluator.path) opts.log?.(`${cfg.strategy}: ${cfg.evaluator.path}`);
  const outDir = resolve(opts.outDir ?? cfg.base.output.dir);
  const store = new RowStore(plan.tasks);
  const ck = Checkpoint.open(outDir, { sweepId: plan.id, shard, tasks: plan.tasks }, store, opts);
  if (ck.restored > 0) opts.log?.(`resuming: ${ck.restored.toLocaleString('en-US')} rows restored from ${ck.dir}`);
  else opts.log?.(`checkpointing to ${ck.dir}: if the sweep is interrupted, run the same command with --resume`);
  let computed = 0, barEvals = 0;
  let timings = { startSeconds: 0, computeSeconds: 0 };
  try {
    const rep = cfg.base.reporting;
    timings = await executeTasks(plan, evaluatorInit(cfg.strategy, cfg.base.run.engine, cfg.costs, rep.periods_per_year, rep.risk_free_rate, data.symbols, cfg.template), store, {
      workers, shard, ...(opts.pool ? { pool: opts.pool } : {}),
      onBatch: (tasks, rows) => {
        ck.append(tasks, rows);
        computed += tasks.length;
        barEvals += tasks.reduce((n, t) => n + plan.units[Math.floor(t / plan.nCombos)]!.bars, 0);
      },
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.onComputeStart ? { onComputeStart: opts.onComputeStart } : {}),
    });
  } finally {
    ck.close();
  }
  const final = shard.count > 1 ? null : finalizeSweep(cfg, data, plan, store, outDir);
  if (shard.count > 1) writeShard(outDir, cfg, plan, shard, store);
  ck.remove();
  return { plan, workers, shard, computed, restored: ck.restored, barEvals, startSeconds: timings.startSeconds, seconds: timings.computeSeconds, outDir, final };
}

/** Merges the folders of every shard of a sweep into the outputs one run of the whole sweep writes. */
export async function mergeShards(dirs: readonly string[], opts: { readonly outDir?: string; readonly log?: (line: string) => void } = {}): Promise<FinalOutcome> {
  const set = readShards(dirs);
  const data = await loadDataset(set.cfg.base, opts.log, set.cfg.evaluator.columns ?? []);
  const plan = planSweep(set.cfg, data);
  const store = set.load(plan);
  return finalizeSweep(set.cfg, data, plan, store, resolve(opts.outDir ?? set.cfg.base.output.dir));
}
