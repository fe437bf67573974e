// One streamed catalog backtest in its own process, so its peak memory is its own; prints one JSON line.
// Usage: node dist/bench/backtest-catalog-scenario.js <catalogDir> <sliceRows|auto> [symbols|all] [fast,slow|hold]
//   runs sma_cross(50, 200) (or the given windows, or buy_and_hold) over every symbol of the catalog
//   (or the first N), 100 shares per signal,
//   through runBacktest (catalog → slices → engine → outputs), and reports bars/s and VmHWM.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../src/data/index.js';
import { normalizeConfig } from '../src/config/index.js';
import { runBacktest } from '../src/engine/index.js';

/** Peak resident memory of this process so far, in MiB (VmHWM). */
function peakRssMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1048576;
}

const [dir, sliceArg, symbolsArg, strategyArg] = process.argv.slice(2);
const catalog = Catalog.open(dir!);
const all = catalog.symbols(catalog.defaultDataset());
const symbols = symbolsArg && symbolsArg !== 'all' ? all.slice(0, Number(symbolsArg)) : all;
const [fast, slow] = (strategyArg && strategyArg !== 'hold' ? strategyArg : '50,200').split(',').map(Number) as [number, number];
const strategy = strategyArg === 'hold' ? { name: 'buy_and_hold' } : { name: 'sma_cross', params: { fast, slow } };
const cfg = normalizeConfig({
  run: { engine: 'wasm', id: 'bench-catalog' },
  data: { catalog: dir, symbols },
  strategy,
  portfolio: { initial_cash: '100000000' },
  sizing: { method: 'fixed_quantity', quantity: 100 },
  execution: { commission: { per_share: '0.005', minimum: '1' } },
  output: { equity: 'day', html: false },
}, 'bench');
const out = mkdtempSync(join(tmpdir(), 'qtrader-bench-bt-'));
const t0 = performance.now();
const c0 = process.cpuUsage();
let timestamps = 0;
const sliceRows = sliceArg === 'auto' ? undefined : Number(sliceArg);
// the default of runBacktest: about 1M values per column per slice
const used = sliceRows ?? Math.max(256, Math.min(4096, Math.floor((1 << 20) / symbols.length)));
const res = await runBacktest(cfg, { outDir: join(out, 'run'), ...(sliceRows ? { sliceRows } : {}), onProgress: (done) => { timestamps = done; } });
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(c0);
rmSync(out, { recursive: true, force: true });
const counts = res.result.counts;
process.stdout.write(JSON.stringify({
  strategy: strategyArg === 'hold' ? 'buy_and_hold' : `sma_cross(${fast}, ${slow})`, symbols: symbols.length, slice_rows: used, timestamps, bars: counts['bars'], seconds, cpu_seconds: (cpu.user + cpu.system) / 1e6,
  events: counts['events'], fills: counts['fills'], trades: counts['trades'], final_equity: res.result.final_equity, peak_rss_mib: peakRssMiB(),
}) + '\n');
