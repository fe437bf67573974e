// What 2 threads give on this machine for the sweep kernel itself: the 10×10 grid's 100 window pairs
// over 1,000,000 bars (SweepSeries.runPairs, data already prepared), run by 1 thread and by 2 threads
// at once, each thread the whole grid on its own copy, in alternation. No scheduling, no messages,
// no rows: what is left between this and the sweep's 2-worker speed-up is the sweep's own overhead;
// what is left between this and 2× is the machine (shared caches, a neighbour on the host).
// Usage: node dist/bench/sweep-kernel-ceiling.js [rounds] → one line.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadavg } from 'node:os';
import { generateBars, alignBars } from '../src/data/index.js';
import { Workspace } from '../src/kernels/index.js';
import { SweepSeries } from '../src/kernels/sweep.js';
import { median, runThreads, startTogether } from './two-threads.js';

if (isMainThread) {
  const rounds = Number(process.argv[2] ?? 4);
  /** `n` threads that each time the kernel 3 times after a common start: their times (ms). */
  const run = (n: number): Promise<number[][]> => runThreads<number[]>(new URL(import.meta.url), n);
  const one: number[] = [], two: number[] = [];
  for (let r = 0; r < rounds; r++) {
    one.push(...(await run(1))[0]!);
    const [a, b] = (await run(2)) as [number[], number[]];
    // the pair's time is its slower thread's
    a.forEach((x, i) => two.push(Math.max(x, b[i]!)));
  }
  process.stdout.write(`sweep kernel, 10×10 grid over 1,000,000 bars: one thread ${median(one).toFixed(1)} ms, two threads at once ${median(two).toFixed(1)} ms each: ` +
    `2-thread ceiling of this kernel ${((2 * median(one)) / median(two)).toFixed(2)}× (median of ${one.length}; load ${loadavg()[0]!.toFixed(2)})\n`);
} else {
  const { gate, n } = workerData as { gate: Int32Array; n: number };
  const bars = alignBars(generateBars({ symbols: ['SYN'], bars: 1_000_000, seed: 7, start: '2000-01-03', zone: 'America/New_York' }), 'America/New_York', {});
  const series = new SweepSeries(new Workspace('wasm'), bars.open, bars.close, bars.dayEnd);
  const pairs: number[] = [];
  for (let fast = 5; fast <= 50; fast += 5) for (let slow = 60; slow <= 240; slow += 20) pairs.push(fast, slow);
  const grid = Int32Array.from(pairs);
  const costs = { quantity: 100, perShare: 0.005, minCommission: 1, initialCash: 1_000_000 };
  const once = (): void => series.runPairs(grid, costs, () => {});
  once();
  once();
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    startTogether(gate, n, r);
    const t0 = performance.now();
    once();
    times.push(performance.now() - t0);
  }
  parentPort!.postMessage(times);
}
