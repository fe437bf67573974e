// What 2 threads can give on this machine right now, for two kinds of work: a latency-bound loop
// (dependent integer multiply-adds in registers, no memory, no messages) and a memory-bound one (each
// thread streams its own 32 MiB array, far larger than the caches), each run by 1 and by 2 worker
// threads, each thread the same work, in alternation. `bench/sweep.ts` prints both beside the sweep's
// speed-up: on a VM whose two vCPUs may share a physical core, a memory bus or other tenants, the first
// is the ceiling of any 2-worker speed-up and the second what work bound by memory traffic (copying
// columns in, first touches of fresh pages, whole-column passes) gets.
// Usage: node dist/bench/sweep-ceiling.js [rounds] → one JSON line.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { median, runThreads, startTogether } from './two-threads.js';

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

/** A thread's own 32 MiB (made in the thread that streams it, on first use). */
let big: Float64Array | undefined;

/** Four passes summing a 32 MiB array: about 0.03–0.1 s of memory traffic on one core. */
function stream(): number {
  big ??= Float64Array.from({ length: 1 << 22 }, (_, i) => i & 1023);
  // four independent sums: the adds keep up with memory, so memory sets the pace
  let a = 0, b = 0, c = 0, d = 0;
  for (let r = 0; r < 4; r++) {
    for (let i = 0; i < big.length; i += 4) {
      a += big[i]!;
      b += big[i + 1]!;
      c += big[i + 2]!;
      d += big[i + 3]!;
    }
  }
  return a + b + c + d;
}

/** The two kinds of work, by name. */
const WORK = { latency: spin, memory: stream } as const;
type Kind = keyof typeof WORK;

interface Piece {
  readonly wallMs: number;
  readonly cpuMs: number;
}

if (isMainThread) {
  const rounds = Number(process.argv[2] ?? 5);
  /** `n` threads that each run the work 3 times after a common start: their pieces. */
  const run = (n: number, kind: Kind): Promise<Piece[][]> => runThreads<Piece[]>(new URL(import.meta.url), n, { kind });
  /** One kind of work alternately on 1 and 2 threads: median times and the speed-ups. */
  const measure = async (kind: Kind) => {
    const one: number[] = [], two: number[] = [], oneCpu: number[] = [], twoCpu: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const p of (await run(1, kind))[0]!) {
        one.push(p.wallMs);
        oneCpu.push(p.cpuMs);
      }
      const [a, b] = (await run(2, kind)) as [Piece[], Piece[]];
      a.forEach((p, i) => {
        // the pair's time is its slower thread's
        two.push(Math.max(p.wallMs, b[i]!.wallMs));
        twoCpu.push(Math.max(p.cpuMs, b[i]!.cpuMs));
      });
    }
    // two threads did twice the work: speed-up = 2 × (time of one piece alone) / (time of two at once)
    return { one_ms: median(one), two_ms: median(two), speedup_wall: (2 * median(one)) / median(two), speedup_cpu: (2 * median(oneCpu)) / median(twoCpu) };
  };
  const latency = await measure('latency');
  const memory = await measure('memory');
  process.stdout.write(JSON.stringify({
    ...latency, memory_one_ms: memory.one_ms, memory_two_ms: memory.two_ms, memory_speedup_wall: memory.speedup_wall, memory_speedup_cpu: memory.speedup_cpu,
    load_average: loadavg()[0],
  }) + '\n');
} else {
  const { gate, n, kind } = workerData as { gate: Int32Array; n: number; kind: Kind };
  const work = WORK[kind];
  // compiled, and the thread's array made and faulted in, before the clock starts
  work();
  const pieces: Piece[] = [];
  for (let r = 0; r < 3; r++) {
    startTogether(gate, n, r);
    const c0 = threadCpuMs(), t0 = performance.now();
    work();
    pieces.push({ wallMs: performance.now() - t0, cpuMs: threadCpuMs() - c0 });
  }
  parentPort!.postMessage(pieces);
}
