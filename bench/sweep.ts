// `npm run bench:sweep` (node dist/bench/sweep.js [--quick] [--bars N] [--only grid,ema]): sweep throughput,
// each scenario in its own process with 1 and 2 worker threads: bar-evaluations/s, the speed-up (by wall
// time and by the busiest thread's CPU time), start-up time and peak memory (VmHWM of the process), beside
// the machine's own 2-thread speed-ups on trivially parallel work (latency-bound and memory-bound), measured before and after.
import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

interface Row {
  scenario: string; workers: number; rows: number; evals: number; seconds: number; start_seconds: number; prepared_seconds: number; finish_seconds: number;
  start_overlapped_seconds: number; overlapped_compute_seconds: number; load_average: number;
  round_trips_per_column: number; peak_rss_mib: number;
  busiest_cpu_seconds: number; threads_cpu_seconds: number; wait_seconds: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const reps = args.includes('--quick') ? 1 : 3;
// --bars N: bars per column (default 1,000,000, the workload); --only a,b: some scenarios
const flag = (name: string): string | undefined => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const BARS = Number(flag('--bars') ?? 1_000_000);
const only = flag('--only')?.split(',');

function run(scenario: string, workers: number): Row {
  const text = execFileSync(process.execPath, [join(here, 'sweep-scenario.js'), scenario, String(workers), String(reps), String(BARS)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(text.trim().split('\n').pop()!) as Row;
}

const int = (x: number): string => Math.round(x).toLocaleString('en-US');
const head = ['workers', 'rows', 'bar-evals', 'start s', 'compute s', 'cpu s', 'waited s', 'bar-evals/s', 'per core', 'end to end/s', 'start s²', 'end to end/s²', 'peak MiB', 'load'];
const line = (r: Row): string => [
  String(r.workers), String(r.rows), int(r.evals), r.start_seconds.toFixed(3), r.seconds.toFixed(3), r.busiest_cpu_seconds.toFixed(3), r.wait_seconds.toFixed(3), int(r.evals / r.seconds),
  int(r.evals / r.seconds / r.workers), int(r.evals / (r.seconds + r.start_seconds)),
  r.start_overlapped_seconds.toFixed(3), int(r.evals / (r.overlapped_compute_seconds + r.start_overlapped_seconds)), r.peak_rss_mib.toFixed(0), r.load_average.toFixed(1),
].map((c, i) => c.padStart(Math.max(head[i]!.length, 8))).join('  ');

console.log(`qtrader sweep bench (node ${process.version}, ${availableParallelism()} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} at start; best of ${reps} per process)`);
console.log('start s: starting the threads and, when every thread runs the first symbol (a grid), preparing it in each; compute s: from then until every row is done (8 columns × 1 combination: each column is prepared by the thread that runs it, in the memory of its last one)');
console.log('cpu s: on-CPU time of the busiest thread while computing (best run; what compute s would be on cores of our own); waited s: time the workers of the best run waited for a core (others\' load)');
console.log('start s², end to end/s²: one run whose threads were started before the data was made (as `qtrader sweep` starts them before the data loads): only the copy into each thread and a warm-up remain; load: 1-minute load average after the scenario\n');

/** The machine's own 2-thread speed-ups right now, latency-bound and memory-bound (bench/sweep-ceiling.ts). */
function ceiling(): string {
  const c = JSON.parse(execFileSync(process.execPath, [join(here, 'sweep-ceiling.js'), '3'], { encoding: 'utf8' }).trim()) as {
    speedup_wall: number; speedup_cpu: number; memory_speedup_wall: number; memory_speedup_cpu: number; load_average: number;
  };
  return `a latency-bound loop ${c.speedup_wall.toFixed(2)}× by wall time, ${c.speedup_cpu.toFixed(2)}× by CPU time (the ceiling of any 2-worker speed-up here, now); ` +
    `streaming 32 MiB per thread ${c.memory_speedup_wall.toFixed(2)}× by wall time, ${c.memory_speedup_cpu.toFixed(2)}× by CPU time (what work bound by memory traffic gets); load ${c.load_average.toFixed(1)}`;
}
console.log(`2 threads vs 1, trivially parallel work: ${ceiling()}\n`);

const bars = BARS.toLocaleString('en-US');
const scenarios: [string, string][] = [
  ['grid', `10×10 SMA grid (fast 5..50 step 5, slow 60..240 step 20) over ${bars} minute bars (prefix-sum kernel)`],
  ['ema', `10×10 ema_cross grid (same periods) over ${bars} minute bars (signal-column path: each EMA once per symbol, lines crossed and booked in one pass)`],
  ['sparse', `vectorbt-PRO-style, sparse: 8 columns × ${bars} bars, SMA(210)/SMA(950)`],
  ['dense', `vectorbt-PRO-style, dense: 8 columns × ${bars} bars, zigzag closes, SMA(1)/SMA(2): an order on every bar`],
];
for (const [name, what] of scenarios.filter(([n]) => !only || only.includes(n))) {
  console.log(what);
  console.log('  ' + head.map((h, i) => h.padStart(Math.max(h.length, 8))).join('  '));
  const rows = [1, 2].map((w) => run(name, w));
  for (const r of rows) console.log('  ' + line(r));
  const [a, b] = rows as [Row, Row];
  console.log(`  one core on data already in WebAssembly memory (simulation and metrics only): ${int(a.evals / a.prepared_seconds)} bar-evaluations/s (${a.prepared_seconds.toFixed(3)} s)`);
  console.log(`  2 workers vs 1: ${(a.seconds / b.seconds).toFixed(2)}× computing (${(a.busiest_cpu_seconds / b.busiest_cpu_seconds).toFixed(2)}× by CPU time of the busiest thread), ${((a.seconds + a.start_seconds) / (b.seconds + b.start_seconds)).toFixed(2)}× end to end; ` +
    `round trips of the best column ${a.round_trips_per_column.toFixed(0)} (orders ≈ ${int(2 * a.round_trips_per_column)}); finishing (top N recomputed, outputs written) took ${a.finish_seconds.toFixed(2)} s`);
  if (name === 'grid' && BARS === 1_000_000) {
    console.log(`  vectorbt on this workload (issue 8): about 18 s and 14.7 GB, 5,500,000 bar-evaluations/s`);
    // the same kernel work on 2 threads with no sweep around it (bench/sweep-kernel-ceiling.ts): the gap to 2× that is the machine's
    console.log(`  ${execFileSync(process.execPath, [join(here, 'sweep-kernel-ceiling.js'), '3'], { encoding: 'utf8' }).trim()}`);
  }
  console.log('');
}
console.log(`2 threads vs 1, trivially parallel work, again: ${ceiling()}`);
console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} at the end`);

