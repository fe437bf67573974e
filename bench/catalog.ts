// `node dist/bench/catalog.js [--quick]`: catalog → engine columns. Writes synthetic catalogs under
// /tmp (kept for re-runs), then streams them through SliceSource in child processes and prints bars/s
// (wall and CPU) and peak memory: the codec and row-group comparison behind the catalog's settings,
// and the 500 symbols × 200,000 bars run (100,000,000 bars).
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Row { seconds?: number; cpu_seconds?: number; bars?: number; timestamps?: number; symbols?: number; slices?: number; peak_rss_mib: number }

const here = fileURLToPath(new URL('.', import.meta.url));
const quick = process.argv.includes('--quick');
const run = (...args: string[]): Row => JSON.parse(execFileSync(process.execPath, [join(here, 'catalog-scenario.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim().split('\n').pop()!) as Row;
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

function duSize(dir: string): number {
  let t = 0;
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else t += statSync(p).size;
    }
  };
  walk(dir);
  return t;
}

function catalog(symbols: number, bars: number, codec: string, rowGroup: number): { dir: string; write: Row } {
  const dir = `/tmp/qtrader-bench-catalog/${symbols}x${bars}-${codec}-${rowGroup}`;
  return { dir, write: run('write', dir, String(symbols), String(bars), codec, String(rowGroup)) };
}

console.log(`qtrader catalog bench (node ${process.version}); rates are bars per second of wall time and of this process's CPU time\n`);
const header = ['catalog'.padEnd(34), 'bytes/bar'.padStart(9), 'gen+write bar/s'.padStart(15), 'slice rows'.padStart(10), 'read bars/s (wall)'.padStart(19), 'read bars/s (cpu)'.padStart(18), 'peak MiB'.padStart(9)].join(' ');
console.log(header);
const small = quick ? 20 : 50;
const results: Record<string, Row> = {};
for (const [codec, rg] of [['none', 4096], ['none', 16384], ['none', 65536], ['snappy', 16384], ['zstd', 16384]] as const) {
  const { dir, write } = catalog(small, 200_000, codec, rg);
  const r = run('read', dir, '4096');
  results[`${codec}-${rg}`] = r;
  const bars = small * 200_000;
  console.log([`${small}×200,000 ${codec} rg=${rg}`.padEnd(34), (duSize(dir) / bars).toFixed(1).padStart(9), (write.seconds ? fmt(bars / write.seconds) : '(cached)').padStart(15), '4096'.padStart(10),
    fmt(r.bars! / r.seconds!).padStart(19), fmt(r.bars! / r.cpu_seconds!).padStart(18), r.peak_rss_mib.toFixed(0).padStart(9)].join(' '));
}
const none = results['none-16384']!;
for (const k of ['snappy-16384', 'zstd-16384']) {
  const r = results[k]!;
  console.log(`  ratio: uncompressed reads ${((r.cpu_seconds! / r.bars!) / (none.cpu_seconds! / none.bars!)).toFixed(1)}× faster than ${k} (CPU time)`);
}
if (!quick) {
  console.log('');
  const { dir, write } = catalog(500, 200_000, 'none', 16384);
  // The first read may come from disk (4.8 GB: the page cache may not hold it), the next from memory.
  for (const sliceRows of ['4096', '4096', '1024']) {
    const r = run('read', dir, sliceRows);
    console.log([`500×200,000 none rg=16384`.padEnd(34), (duSize(dir) / 1e8).toFixed(1).padStart(9), (write.seconds ? fmt(1e8 / write.seconds) : '(cached)').padStart(15), sliceRows.padStart(10),
      fmt(r.bars! / r.seconds!).padStart(19), fmt(r.bars! / r.cpu_seconds!).padStart(18), r.peak_rss_mib.toFixed(0).padStart(9)].join(' '));
    console.log(`  ${fmt(r.bars!)} bars, ${fmt(r.timestamps!)} timestamps × ${r.symbols} symbols in ${r.slices} slices; ${r.seconds!.toFixed(1)} s wall, ${r.cpu_seconds!.toFixed(1)} s CPU; peak RSS ${r.peak_rss_mib.toFixed(0)} MiB (target < 2048)`);
  }
}
