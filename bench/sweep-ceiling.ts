// What 2 threads can give on this machine right now: a trivially parallel loop (integer arithmetic in
// registers, no memory, no messages) run by 1 and by 2 worker threads, each thread the same work, in
// alternation. `bench/sweep.ts` prints it beside the sweep's speed-up: on a VM whose two vCPUs may be
// hyper-threads of one physical core, or share it with other tenants, this is the ceiling of any
// 2-worker speed-up. Usage: node dist/bench/sweep-ceiling.js [rounds] → one JSON line.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** On-CPU milliseconds of the calling thread (Linux schedstat), or NaN. */
function threadCpuMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

/** About 0.1 s of dependent integer multiply-adds on one core. */
function spin(): number {
  let x = 1;
  for (let i = 0; i < 40_000_000; i++) x = (Math.imul(x, 1664525) + 1013904223) | 0;
  return x;
}

interface Piece {
  readonly wallMs: number;
  readonly cpuMs: number;
}

if (isMainThread) {
  const rounds = Number(process.argv[2] ?? 5);
  /** Starts `n` threads that each run the loop `reps` times after a common start; their pieces. */
  const run = async (n: number): Promise<Piece[][]> => {
    const gate = new Int32Array(new SharedArrayBuffer(4));
    const threads = Array.from({ length: n }, () => new Worker(new URL(import.meta.url), { workerData: { gate, n } }));
    const out = await Promise.all(threads.map((t) => new Promise<Piece[]>((ok) => t.once('message', ok))));
    await Promise.all(threads.map((t) => t.terminate()));
    return out;
  };
  const one: number[] = [], two: number[] = [], oneCpu: number[] = [], twoCpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const p of (await run(1))[0]!) {
      one.push(p.wallMs);
      oneCpu.push(p.cpuMs);
    }
    const [a, b] = (await run(2)) as [Piece[], Piece[]];
    a.forEach((p, i) => {
      // the pair's time is its slower thread's
      two.push(Math.max(p.wallMs, b[i]!.wallMs));
      twoCpu.push(Math.max(p.cpuMs, b[i]!.cpuMs));
    });
  }
  const median = (x: number[]): number => [...x].sort((p, q) => p - q)[x.length >> 1]!;
  // two threads did twice the work: speed-up = 2 × (time of one piece alone) / (time of two at once)
  process.stdout.write(JSON.stringify({
    one_ms: median(one), two_ms: median(two), speedup_wall: (2 * median(one)) / median(two),
    speedup_cpu: (2 * median(oneCpu)) / median(twoCpu), load_average: loadavg()[0],
  }) + '\n');
} else {
  const { gate, n } = workerData as { gate: Int32Array; n: number };
  spin();
  const pieces: Piece[] = [];
  for (let r = 0; r < 3; r++) {
    // every thread starts each piece together
    Atomics.add(gate, 0, 1);
    Atomics.notify(gate, 0);
    while (Atomics.load(gate, 0) < n * (r + 1)) Atomics.wait(gate, 0, Atomics.load(gate, 0), 10);
    const c0 = threadCpuMs(), t0 = performance.now();
    spin();
    pieces.push({ wallMs: performance.now() - t0, cpuMs: threadCpuMs() - c0 });
  }
  parentPort!.postMessage(pieces);
}
