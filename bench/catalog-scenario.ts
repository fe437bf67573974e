// One catalog benchmark scenario in its own process, so its peak memory is its own; prints one JSON line.
// Usage: node dist/bench/catalog-scenario.js write <dir> <symbols> <bars> <codec> <rowGroup>
//        node dist/bench/catalog-scenario.js read <dir> <sliceRows>
import { existsSync, readFileSync } from 'node:fs';
import { generateBars, openSliceSource, writeSeriesToCatalog, type CatalogCodec } from '../src/data/index.js';

/** Peak resident memory of this process so far, in MiB (VmHWM). */
function peakRssMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1048576;
}

const cpuSeconds = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1e6;
const [mode, dir, a, b, c, d] = process.argv.slice(2);
const out: Record<string, unknown> = { mode, dir };

if (mode === 'write') {
  const symbols = Number(a);
  const bars = Number(b);
  if (!existsSync(`${dir}/manifest.json`)) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    // Ten symbols at a time, so generating 100M bars never holds more than 20M in memory.
    for (let k = 0; k < symbols; k += 10) {
      const names = Array.from({ length: Math.min(10, symbols - k) }, (_, i) => `S${String(k + i).padStart(4, '0')}`);
      writeSeriesToCatalog(dir!, generateBars({ symbols: names, bars, seed: 11, start: '2015-01-02' }), { codec: c as CatalogCodec, rowGroupRows: Number(d) });
    }
    out['seconds'] = (performance.now() - t0) / 1000;
    out['cpu_seconds'] = cpuSeconds(process.cpuUsage(c0));
  }
} else {
  const sliceRows = Number(a);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const src = openSliceSource({ catalog: dir!, sliceRows, reuse: true });
  let check = 0;
  let slices = 0;
  for (const s of src) {
    // Touch the columns as the engine's copy would, so nothing is optimised away.
    check += s.close[s.length - 1]! === s.close[s.length - 1]! ? 1 : 0;
    slices++;
  }
  out['seconds'] = (performance.now() - t0) / 1000;
  out['cpu_seconds'] = cpuSeconds(process.cpuUsage(c0));
  out['bars'] = src.rowsRead;
  out['timestamps'] = src.timestamps;
  out['symbols'] = src.symbols.length;
  out['slices'] = slices;
  out['check'] = check;
}
out['peak_rss_mib'] = peakRssMiB();
process.stdout.write(JSON.stringify(out) + '\n');
