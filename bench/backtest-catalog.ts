// `node dist/bench/backtest-catalog.js [symbols] [bars] [sliceRows|auto]`: whole backtests streamed from a
// Parquet catalog in bounded memory (default 500 symbols × 200,000 minute bars = 100,000,000 bars;
// the catalog is generated once under /tmp/qtrader-bench-catalog and kept): buy_and_hold (a few
// hundred events: the data path) and sma_cross(50, 200) (millions of events, every fill and trade
// kept for the outputs). Prints bars/s and the peak resident memory (VmHWM) of each run's own
// process; the target is < 2 GB.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const [symbolsArg, barsArg, sliceArg] = process.argv.slice(2);
const symbols = Number(symbolsArg ?? 500), bars = Number(barsArg ?? 200_000), sliceRows = sliceArg ?? 'auto';
const dir = `/tmp/qtrader-bench-catalog/${symbols}x${bars}-none-16384`;
const child = (script: string, ...args: string[]): Record<string, any> =>
  JSON.parse(execFileSync(process.execPath, [join(here, script), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim().split('\n').pop()!) as Record<string, number>;
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

console.log(`qtrader streamed catalog backtest (node ${process.version}), load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const w = child('catalog-scenario.js', 'write', dir, String(symbols), String(bars), 'none', '16384');
if (w['seconds']) console.log(`catalog written: ${fmt(symbols * bars)} bars in ${w['seconds'].toFixed(1)} s (${dir})`);
for (const strategy of ['hold', '50,200']) {
  const r = child('backtest-catalog-scenario.js', dir, sliceRows, 'all', strategy);
  console.log(`${r['strategy']}, ${r['symbols']} symbols × ${fmt(r['timestamps']!)} timestamps, slices of ${fmt(r['slice_rows']!)}:`);
  console.log(`  ${fmt(r['bars']!)} bars in ${r['seconds']!.toFixed(1)} s wall (${r['cpu_seconds']!.toFixed(1)} s CPU): ${fmt(r['bars']! / r['seconds']!)} bars/s wall, ${fmt(r['bars']! / r['cpu_seconds']!)} per CPU second`);
  console.log(`  ${fmt(r['events']!)} events, ${fmt(r['fills']!)} fills, ${fmt(r['trades']!)} trades, final equity ${r['final_equity']}`);
  console.log(`  peak RSS (VmHWM) ${fmt(r['peak_rss_mib']!)} MiB (target < 2,048 MiB)`);
}
