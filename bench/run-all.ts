// `npm run bench`: end-to-end throughput of the foundation, each scenario in its own process.
// Prints bars/s, bars/minute, events/s and peak memory, and the ratios between the paths in this run.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { loadavg } from 'node:os';

interface Row { path: string; bars: number; fast: number; slow: number; engine: string; seconds: number; cpu_seconds: number; events: number; trades: number; final_equity: string; peak_rss_mib: number }

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
const sizes = quick ? [1_000_000] : [1_000_000, 10_000_000];

function run(path: string, bars: number, fast: number, slow: number, engine: string, reps = 3): Row {
  const outText = execFileSync(process.execPath, ['--max-old-space-size=4096', join(here, 'scenario.js'), path, String(bars), String(fast), String(slow), engine, String(reps)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(outText.trim().split('\n').pop()!) as Row;
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const rows: Row[] = [];
console.log(`qtrader bench: SMA crossover on synthetic minute bars of one symbol (node ${process.version}, one core per process)`);
// on a shared machine the wall clock counts time spent waiting for a core: the rate per CPU second is shown beside it
console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(', ')}\n`);
console.log(['path'.padEnd(26), 'bars'.padStart(11), 'windows'.padStart(8), 'bars/s'.padStart(14), 'bars/minute'.padStart(16), 'events/s'.padStart(12), 'bars/cpu-s'.padStart(14), 'events/cpu-s'.padStart(13), 'trades'.padStart(8), 'final equity'.padStart(14), 'peak MiB'.padStart(9)].join(' '));
for (const bars of sizes) {
  for (const [fast, slow] of [[50, 200], [5, 20]] as const) {
    const jsReps = bars > 1_000_000 ? 1 : 2;
    const set: [string, string, string, number][] = [
      ['engine (wasm kernels)', 'engine', 'wasm', 3],
      ['compute path (wasm)', 'compute', 'wasm', 5],
      ['engine (js reference)', 'engine', 'js', jsReps],
      ['compute path (js ref.)', 'compute', 'js', 3],
    ];
    const got: Record<string, Row> = {};
    for (const [label, path, engine, reps] of set) {
      const r = run(path, bars, fast, slow, engine, reps);
      got[label] = r;
      rows.push(r);
      console.log([label.padEnd(26), fmt(bars).padStart(11), `${fast}/${slow}`.padStart(8), fmt(bars / r.seconds).padStart(14), fmt((60 * bars) / r.seconds).padStart(16),
        (r.events ? fmt(r.events / r.seconds) : '-').padStart(12), fmt(bars / r.cpu_seconds).padStart(14), (r.events ? fmt(r.events / r.cpu_seconds) : '-').padStart(13), String(r.trades).padStart(8), r.final_equity.padStart(14), r.peak_rss_mib.toFixed(0).padStart(9)].join(' '));
    }
    const e = got['engine (wasm kernels)']!, c = got['compute path (wasm)']!, ej = got['engine (js reference)']!, cj = got['compute path (js ref.)']!;
    const same = e.trades === c.trades && Number(e.final_equity).toFixed(2) === c.final_equity;
    console.log(`  ratios: compute/engine ${(e.seconds / c.seconds).toFixed(1)}×, engine wasm/js ${(ej.seconds / e.seconds).toFixed(2)}×, compute wasm/js ${(cj.seconds / c.seconds).toFixed(2)}×; ` +
      `engine and compute path agree (trades, final equity to the cent): ${same ? 'yes' : 'NO'}\n`);
    console.log(`  load average now: ${loadavg().map((x) => x.toFixed(2)).join(', ')}\n`);
  }
}
// the floor under the whole engine's events/s: the dense workload's contract events made and delivered
// to reporting with no service work, then their fill and trade outputs (bench/event-floor.ts)
const floor = execFileSync(process.execPath, ['--expose-gc', join(here, 'event-floor.js')], { encoding: 'utf8' }).trim().split('\n');
console.log(floor.slice(0, -1).join('\n'));
