// One benchmark scenario, run in its own process so that its peak memory is its own.
// Usage: node dist/bench/scenario.js <path> <bars> <fast> <slow> <engine> [reps]
//   path: engine (events, decimal ledger, outputs) | compute (kernels and float ledger) | both
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBars, alignBars } from '../src/data/index.js';
import { normalizeConfig } from '../src/config/index.js';
import { runOnBars } from '../src/engine/index.js';
import { ComputeSeries, Workspace, runSmaCrossBacktest } from '../src/kernels/index.js';

/** Peak resident memory of this process so far, in MiB (VmHWM). */
export function peakRssMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1048576;
}

/** CPU seconds of this process so far (all threads: the garbage collector's helpers included). */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

const [path, barsArg, fastArg, slowArg, engine, repsArg] = process.argv.slice(2);
const bars = Number(barsArg), fast = Number(fastArg), slow = Number(slowArg), reps = Number(repsArg ?? 3);
const series = generateBars({ symbols: ['SYN'], bars, seed: 7, start: '2000-01-03', zone: 'America/New_York' });
const aligned = alignBars(series, 'America/New_York', {});
const out: Record<string, unknown> = { path, bars, fast, slow, engine };

if (path === 'engine') {
  const cfg = normalizeConfig({
    run: { engine, id: 'bench' },
    data: { files: [{ path: 'SYN.parquet', symbol: 'SYN' }] },
    strategy: { name: 'sma_cross', params: { fast, slow } },
    portfolio: { initial_cash: '1000000' },
    sizing: { method: 'fixed_quantity', quantity: 100 },
    execution: { commission: { per_share: '0.005', minimum: '1' } },
    output: { equity: 'day' },
  }, 'bench');
  const dir = mkdtempSync(join(tmpdir(), 'qtrader-bench-'));
  let best = Infinity, bestCpu = Infinity;
  let result;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now(), c0 = cpuSeconds();
    result = runOnBars(cfg, aligned, 'bench', { outDir: join(dir, 'out') });
    best = Math.min(best, (performance.now() - t0) / 1000);
    bestCpu = Math.min(bestCpu, cpuSeconds() - c0);
  }
  rmSync(dir, { recursive: true, force: true });
  const counts = result!.result.counts;
  out['seconds'] = best;
  out['cpu_seconds'] = bestCpu;
  out['events'] = counts['events'];
  out['trades'] = counts['trades'];
  out['final_equity'] = result!.result.final_equity;
} else {
  const ws = new Workspace(engine as 'wasm' | 'js');
  const s = new ComputeSeries(ws, aligned.open, aligned.close);
  let best = Infinity, bestCpu = Infinity;
  let r;
  for (let k = 0; k < reps; k++) {
    const t0 = performance.now(), c0 = cpuSeconds();
    r = runSmaCrossBacktest(s, { fast, slow, quantity: 100, perShare: 0.005, minCommission: 1, initialCash: 1_000_000 });
    best = Math.min(best, (performance.now() - t0) / 1000);
    bestCpu = Math.min(bestCpu, cpuSeconds() - c0);
  }
  out['seconds'] = best;
  out['cpu_seconds'] = bestCpu;
  out['events'] = 0;
  out['trades'] = r!.tradeCount;
  out['final_equity'] = (Math.round(r!.equity * 100) / 100).toFixed(2);
}
out['peak_rss_mib'] = peakRssMiB();
process.stdout.write(JSON.stringify(out) + '\n');
