// The harness of the 2-thread ceilings (bench/sweep-ceiling.ts, bench/sweep-kernel-ceiling.ts): start
// n worker threads of a script, and in each thread time pieces of work that all threads begin together.
import { Worker } from 'node:worker_threads';

/** Starts `n` threads of the script at `url` with `data` (plus the shared start gate and `n`) and returns each one's reply. */
export async function runThreads<T>(url: URL, n: number, data: Record<string, unknown> = {}): Promise<T[]> {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const threads = Array.from({ length: n }, () => new Worker(url, { workerData: { ...data, gate, n } }));
  const out = await Promise.all(threads.map((t) => new Promise<T>((ok) => t.once('message', ok))));
  await Promise.all(threads.map((t) => t.terminate()));
  return out;
}

/** In a thread of {@link runThreads}: waits until all `n` threads have reached piece `round` (0, 1, …). */
export function startTogether(gate: Int32Array, n: number, round: number): void {
  Atomics.add(gate, 0, 1);
  Atomics.notify(gate, 0);
  while (Atomics.load(gate, 0) < n * (round + 1)) Atomics.wait(gate, 0, Atomics.load(gate, 0), 10);
}

/** Median of a list. */
export const median = (x: number[]): number => [...x].sort((p, q) => p - q)[x.length >> 1]!;
