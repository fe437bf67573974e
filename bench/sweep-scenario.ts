// One sweep benchmark scenario in its own process (so that its peak memory is its own).
// Usage: node dist/bench/sweep-scenario.js <grid|ema|sparse|dense> <workers> [reps] [bars]
//   grid:   10×10 SMA windows (fast 5..50 step 5, slow 60..240 step 20) over 1,000,000 minute bars
//   ema:    the same grid of ema_cross periods, on the signal-column kernel
//   sparse: 8 columns × 1,000,000 bars, SMA(210)/SMA(950): about 1,400 orders per column
//   dense:  8 columns × 1,000,000 bars of a zigzag close with SMA(1)/SMA(2): an order on every bar
import { mkdtempSync, rmSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { generateBars } from '../src/data/index.js';
import type { BarSeries } from '../src/model/index.js';
import { datasetFromSeries, normalizeSweepConfig, runSweepOnData, planSweep, startPool, BatchEvaluator, evaluatorInit, ROW_COLUMNS } from '../src/sweep/index.js';

/** Peak resident memory of this process (all its threads) so far, in MiB (VmHWM). */
function peakRssMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1048576;
}

/** On-CPU and run-queue nanoseconds of each thread of this process (Linux schedstat; empty elsewhere). */
function threadTimes(): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const [cpu, wait] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').map(Number) as [number, number];
        out.set(tid, [cpu, wait]);
      } catch {
        // the thread ended meanwhile
      }
    }
  } catch {
    // no /proc: no thread times
  }
  return out;
}

/**
 * What the threads did while computing: the on-CPU seconds of the busiest thread (a worker), of all
 * threads, and the seconds the busiest `n` waited for a core (other processes' load). The busiest
 * thread's CPU time is what the wall time would be on cores of our own: a 2-worker speed-up read
 * from CPU times holds under load, where wall times do not.
 */
function threadUse(before: Map<string, [number, number]>, after: Map<string, [number, number]>, n: number): { busiest: number; total: number; wait: number } {
  const d = [...after].map(([tid, [c, w]]) => [c - (before.get(tid)?.[0] ?? 0), w - (before.get(tid)?.[1] ?? 0)] as [number, number]).sort((a, b) => b[0] - a[0]);
  return { busiest: (d[0]?.[0] ?? 0) / 1e9, total: d.reduce((a, x) => a + x[0], 0) / 1e9, wait: d.slice(0, n).reduce((a, x) => a + x[1], 0) / 1e9 };
}

const [scenario = 'grid', workersArg = '1', repsArg = '3', barsArg = '1000000'] = process.argv.slice(2);
const workers = Number(workersArg), reps = Number(repsArg);
const BARS = Number(barsArg);
const zone = 'America/New_York';

/** A column whose close alternates 100, 101: SMA(1) crosses SMA(2) on every bar. */
function zigzag(symbol: string, template: BarSeries): BarSeries {
  const close = Float64Array.from({ length: BARS }, (_, i) => (i % 2 ? 101 : 100));
  return { ...template, symbol, open: close, close, high: close.map((c) => c + 0.5), low: close.map((c) => c - 0.5) };
}

// columns are generated one at a time (each symbol's stream depends only on the seed and its name),
// so that the process never holds more than one column's raw bars besides the shared ones
let symbols: string[];
let params: Record<string, unknown>;
const strategy = scenario === 'ema' ? 'ema_cross' : 'sma_cross';
if (scenario === 'grid' || scenario === 'ema') {
  symbols = ['SYN'];
  params = { fast: { from: 5, to: 50, step: 5 }, slow: { from: 60, to: 240, step: 20 } };
} else {
  symbols = Array.from({ length: 8 }, (_, i) => `C${i + 1}`);
  params = scenario === 'dense' ? { fast: 1, slow: 2 } : { fast: 210, slow: 950 };
}
// a pool started before the data is made, as `qtrader sweep` starts it before the data loads: its threads
// boot, load their modules and compile the kernels meanwhile (measured once, as start_overlapped_seconds)
const early = workers > 0 ? startPool(workers, strategy !== 'sma_cross') : undefined;
const data = datasetFromSeries((function* () {
  for (const symbol of symbols) {
    const s = generateBars({ symbols: [symbol], bars: BARS, seed: 7, start: '2000-01-03', zone })[0]!;
    yield scenario === 'dense' ? zigzag(symbol, s) : s;
  }
})(), zone, {}, strategy === 'sma_cross' ? [] : ['high', 'low', 'volume']);
const cfg = normalizeSweepConfig({
  data: { files: data.symbols.map((s) => ({ path: `${s.symbol}.parquet`, symbol: s.symbol })) },
  strategy: { name: strategy, params, constraints: ['fast < slow'] },
  // grid: the usual top 10; 8 columns: only the best column's trades are written (the dense case
  // writes 500,000 round trips per column, which would time the CSV writer rather than the sweep)
  rank: { metric: 'sharpe', top: scenario === 'grid' || scenario === 'ema' ? 10 : 1 },
  portfolio: { initial_cash: '1000000' },
  sizing: { method: 'fixed_quantity', quantity: 100 },
  execution: { commission: { per_share: '0.005', minimum: '1' } },
}, 'bench');
const dir = mkdtempSync(join(tmpdir(), 'qtrader-bench-sweep-'));
let overlapped = 0, overlappedCompute = 0;
if (early) {
  const out = await runSweepOnData(cfg, data, { workers, outDir: join(dir, 'early'), pool: early });
  overlapped = out.startSeconds;
  overlappedCompute = out.seconds;
  await early.destroy();
}
let best = Infinity, bestStart = Infinity, bestFinal = Infinity, evals = 0, rows = 0, trades = 0;
let use = { busiest: Infinity, total: 0, wait: 0 }, bestUse = use;
for (let r = 0; r < reps; r++) {
  const t0 = performance.now();
  let before = new Map<string, [number, number]>(), after = before;
  const out = await runSweepOnData(cfg, data, {
    workers, outDir: join(dir, 'out'), onComputeStart: () => (before = threadTimes()),
    onProgress: (p) => {
      if (p.done === p.total && p.done > 0) after = threadTimes();
    },
  });
  const total = (performance.now() - t0) / 1000;
  const u = threadUse(before, after, Math.max(1, workers));
  if (u.busiest < use.busiest) use = u;
  if (out.seconds < best) bestUse = u;
  best = Math.min(best, out.seconds);
  bestStart = Math.min(bestStart, out.startSeconds);
  bestFinal = Math.min(bestFinal, total - out.seconds - out.startSeconds);
  evals = out.barEvals;
  rows = out.computed;
  // round trips of the best column (an order opens or closes each)
  trades = out.final!.top[0]!.row[ROW_COLUMNS.indexOf('trade_count')]!;
}
rmSync(dir, { recursive: true, force: true });
// the sweep's peak, before the comparison below loads every symbol into this thread too
const peak = peakRssMiB();

// The same rows in this thread on data already prepared (copied into WebAssembly memory, prefix sums
// computed): the simulation and metrics alone, as benchmarks of engines on preloaded arrays measure.
const plan = planSweep(cfg, data);
const ev = new BatchEvaluator(evaluatorInit(cfg.strategy, 'wasm', cfg.costs, 252, 0, data.symbols, cfg.template));
ev.prepareAll(data.symbols.map((_, s) => s));
let prepared = Infinity;
for (let r = 0; r < reps; r++) {
  const t0 = performance.now();
  for (const u of plan.units) ev.evaluate({ symbol: u.symbol, fromDay: u.fromDay, toDay: u.toDay, names: plan.names, values: plan.combos });
  prepared = Math.min(prepared, (performance.now() - t0) / 1000);
}
process.stdout.write(JSON.stringify({ scenario, workers, rows, evals, seconds: best, start_seconds: bestStart, prepared_seconds: prepared, start_overlapped_seconds: overlapped, overlapped_compute_seconds: overlappedCompute, load_average: loadavg()[0], finish_seconds: bestFinal, round_trips_per_column: trades, peak_rss_mib: peak,
  busiest_cpu_seconds: use.busiest, threads_cpu_seconds: use.total, wait_seconds: bestUse.wait }) + '\n');
