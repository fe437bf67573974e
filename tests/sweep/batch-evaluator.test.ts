// How a sweep's work is dealt to threads: a worker's evaluator holds one prepared symbol and prepares
// the next in its memory (same rows, memory that stops growing), and each unit is split into equal
// batches, as many as a multiple of the workers.
import { describe, it, expect } from 'vitest';
import { datasetFromSeries } from '../../src/sweep/dataset.js';
import { planSweep } from '../../src/sweep/plan.js';
import { BatchEvaluator, evaluatorInit, type BatchTask } from '../../src/sweep/batch-evaluator.js';
import { executeTasks } from '../../src/sweep/execute.js';
import { RowStore } from '../../src/sweep/rows-file.js';
import { NCOLS } from '../../src/sweep/row-metrics.js';
import '../../src/sweep/vector-evaluator.js';
import { bars, sweepConfig } from './helpers.js';

const ZONE = 'America/New_York';
const SYMBOLS = ['AAA', 'BBB', 'CCC', 'DDD'];
const series = bars(SYMBOLS, 12_000, 5);

/** The init and the per-symbol whole-range tasks of a config over the first `n` symbols. */
function setup(strategy?: Record<string, unknown>, n = 3) {
  const cfg = sweepConfig(strategy ? { strategy } : {}, SYMBOLS.slice(0, n));
  const data = datasetFromSeries(series.slice(0, n), ZONE, {}, cfg.evaluator.columns ?? []);
  const plan = planSweep(cfg, data);
  const init = evaluatorInit(cfg.strategy, 'wasm', cfg.costs, 252, 0, data.symbols, cfg.template);
  const task = (u: number, fromDay?: number): BatchTask => {
    const unit = plan.units[u]!;
    return { symbol: unit.symbol, fromDay: fromDay ?? unit.fromDay, toDay: unit.toDay, names: plan.names, values: plan.combos };
  };
  return { cfg, data, plan, init, task };
}

describe('sweep evaluator memory', () => {
  it('prepares the next symbol in the memory of the last and gives the rows of an evaluator that keeps every symbol', () => {
    const { init, task } = setup();
    const one = new BatchEvaluator(init, 1), all = new BatchEvaluator(init);
    // back and forth, and a later day range of a symbol prepared before: each switch re-prepares
    const order = [task(0), task(1), task(0), task(2, 10), task(1), task(2)];
    const sizes: number[] = [];
    for (const t of order) {
      expect(one.evaluate(t)).toEqual(all.evaluate(t));
      sizes.push(one.memoryBytes());
    }
    // one symbol at a time: after the first switch the memory never grows (the same length of bars
    // fits in the space of the last); the evaluator keeping all three grew with each
    expect(new Set(sizes.slice(1)).size).toBe(1);
    expect(all.memoryBytes()).toBeGreaterThan(sizes[5]!);
  });

  it('gives after its warm-up (a short batch run many times) the rows of an evaluator without one', () => {
    for (const strategy of [undefined, { name: 'ema_cross', params: { fast: [5, 8], slow: [21, 34] } }]) {
      const { init, task } = setup(strategy);
      const warmed = new BatchEvaluator(init, 1), cold = new BatchEvaluator(init, 1);
      const t = task(1);
      warmed.warmUp({ ...t, toDay: t.fromDay + 5, values: t.values.slice(t.names.length, 2 * t.names.length) });
      expect(warmed.evaluate(t)).toEqual(cold.evaluate(t));
    }
  });

  it('re-prepares signal-column series too (ema_cross: lines cached per symbol are recomputed)', () => {
    const { init, task } = setup({ name: 'ema_cross', params: { fast: [5, 8], slow: [21, 34] } });
    const one = new BatchEvaluator(init, 1), all = new BatchEvaluator(init);
    for (const t of [task(0), task(1), task(0), task(2)]) expect(one.evaluate(t)).toEqual(all.evaluate(t));
  });
});

describe('sweep batches', () => {
  it('splits each unit into equal batches, one per worker, when a batch per worker holds the unit', async () => {
    const { plan, init } = setup();
    const store = new RowStore(plan.tasks);
    const sizes: number[][] = plan.units.map(() => []);
    await executeTasks(plan, init, store, {
      workers: 2, shard: { index: 1, count: 1 },
      onBatch: (tasks) => sizes[Math.floor(tasks[0]! / plan.nCombos)]!.push(tasks.length),
    });
    // 42 combinations of 12,000 bars (a batch holds up to 10^8 / 12,000 = 8,333): 2 batches of 21 per unit
    expect(plan.nCombos).toBe(42);
    expect(sizes).toEqual([[21, 21], [21, 21], [21, 21]]);
    expect(Array.from(store.done).every((d) => d === 1)).toBe(true);
  });

  it('gives each unit whole to one worker when units are many, with the rows of an evaluator that keeps every symbol', async () => {
    // 4 units on 1 worker (at least 4 per worker): one batch per unit; the warm-up prepares AAA and
    // forgets it, so the worker prepares every symbol in the memory of the last
    const { plan, init, task } = setup(undefined, 4);
    const store = new RowStore(plan.tasks);
    const sizes: number[] = [];
    await executeTasks(plan, init, store, { workers: 1, shard: { index: 1, count: 1 }, onBatch: (tasks) => sizes.push(tasks.length) });
    expect(sizes).toEqual([42, 42, 42, 42]);
    const all = new BatchEvaluator(init);
    for (let u = 0; u < 4; u++) expect(store.values.subarray(u * 42 * NCOLS, (u + 1) * 42 * NCOLS)).toEqual(all.evaluate(task(u)));
  });
});
