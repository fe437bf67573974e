// `node dist/bench/ingest.js [--quick] [--rows N]`: Algoseek trade-bar ingest speed, side by side with
// papaparse and csv-parse on the same file, each in its own process: rows/s (wall and CPU) and peak
// memory, then the ratios of this run. Data is generated under /tmp/qtrader-bench-ingest.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBars, writeAlgoseekFiles } from '../src/data/index.js';

interface Row { scenario: string; rows: number; passes: number; seconds: number; cpu_seconds: number; first_pass_cpu_seconds?: number; best_pass_cpu_seconds?: number; peak_rss_mib: number; engine?: string; ab?: { wasm: number[]; js: number[] } }

const here = fileURLToPath(new URL('.', import.meta.url));
const quick = process.argv.includes('--quick');
const at = process.argv.indexOf('--rows');
const ROWS = at > 0 ? Number(process.argv[at + 1]) : quick ? 1_000_000 : 4_000_000;
const root = `/tmp/qtrader-bench-ingest/${ROWS}`;
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

// One large file (parser speed without per-file costs) and the delivered per-day layout (20 symbols × 60 days).
const single = join(root, 'single');
const layout = join(root, 'layout');
if (!existsSync(join(root, 'done'))) {
  mkdirSync(root, { recursive: true });
  const [s] = generateBars({ symbols: ['AAPL'], bars: ROWS, seed: 3, start: '2010-01-04' });
  writeAlgoseekFiles([s!], { format: 'algoseek-trades', outDir: single, single: true, gzip: false });
  writeAlgoseekFiles([s!], { format: 'algoseek-trades', outDir: single, single: true, gzip: true });
  const syms = Array.from({ length: 20 }, (_, i) => `T${String.fromCharCode(65 + i)}X`);
  writeAlgoseekFiles(generateBars({ symbols: syms, bars: 390 * 60, seed: 5, start: '2021-01-04' }), { format: 'algoseek-trades', outDir: layout });
  mkdirSync(join(root, 'done'));
}

/** Runs a scenario in a fresh process; parsing scenarios make `passes` passes over the file in it. */
const run = (scenario: string, path: string, passes = 1): Row =>
  ({ passes, ...JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=8192', join(here, 'ingest-scenario.js'), scenario, path, join(root, 'catalog'), String(passes)], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim().split('\n').pop()!) }) as Row;

const csv = join(single, 'AAPL.csv');
const gz = `${csv}.gz`;
console.log(`qtrader ingest bench (node ${process.version}): Algoseek trade-only minute bars; ${fmt(ROWS)} rows in one file (${(statSync(csv).size / 1e6).toFixed(0)} MB, ${(statSync(gz).size / 1e6).toFixed(0)} MB gzipped)`);
console.log('rates are rows per second of the process\'s CPU time (the machine is shared; the wall rate, averaged over all passes, is printed too).');
console.log('The first pass over the file includes JIT warm-up and first-touch page faults; the best later pass is the steady rate. One process per row.');
console.log('CPU time counts every thread of the process (zlib inflates in the thread pool, overlapped with parsing: the wall rate can then exceed the CPU rate).');
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`load average at start: ${load()}\n`);
console.log(['scenario'.padEnd(40), 'rows'.padStart(10), 'first pass rows/s'.padStart(18), 'steady rows/s'.padStart(14), 'wall rows/s'.padStart(12), 'peak MiB'.padStart(9)].join(' '));
const rows: Record<string, Row> = {};
const steady = (r: Row): number => r.rows / (r.best_pass_cpu_seconds ?? r.cpu_seconds);
const show = (label: string, r0: Row): void => {
  let r = r0;
  if (r.rows === 0) r = { ...r, rows: ROWS }; // the ceilings that do not count rows
  rows[label] = r;
  const first = r.first_pass_cpu_seconds ?? r.cpu_seconds;
  console.log([label.padEnd(40), fmt(r.rows).padStart(10), fmt(r.rows / first).padStart(18), (r.best_pass_cpu_seconds ? fmt(steady(r)) : '-').padStart(14), fmt((r.rows * r.passes) / r.seconds).padStart(12), r.peak_rss_mib.toFixed(0).padStart(9)].join(' '));
};
show('qtrader parse, .csv → columns', run('parse', csv, 4));
show('  same, TypeScript fast path (engine js)', run('parse-js', csv, 4));
show('qtrader parse, .csv.gz → columns', run('parse', gz, 4));
show('qtrader parser alone, .csv in memory', run('parse-mem', csv, 4));
show('ceiling: read the .csv (4 MiB reads)', run('read', csv, 3));
show('ceiling: read + count line ends, .csv', run('scan', csv, 3));
show('ceiling: read + inflate the .csv.gz', run('inflate', gz, 3));
show('ceiling: inflate + count line ends', run('scan', gz, 3));
show('papaparse (dynamicTyping), .csv', run('papaparse', csv, 2));
show('csv-parse/sync (cast), .csv', run('csv-parse', csv, 2));
show('qtrader ingest, one .csv → catalog', run('ingest', csv));
show('qtrader ingest, one .csv.gz → catalog', run('ingest', gz));
show('qtrader ingest, 1,200 day files .csv.gz', run('ingest', layout));
const q = rows['qtrader parse, .csv → columns']!;
const qjs = rows['  same, TypeScript fast path (engine js)']!;
if (q.engine !== 'wasm') console.log(`\nNOTE: the WebAssembly build did not load (npm run build:wasm); 'qtrader parse' ran the TypeScript fast path`);
// Separate processes see different load; the A/B below alternates the two engines in one process.
const ab = run('parse-ab', csv, 10).ab!;
const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const rate = (x: number): string => fmt(ROWS / x);
console.log(`\nA/B in one process, .csv → columns, engines alternating over ${ab.wasm.length + ab.js.length} passes after a warm-up pass of each (rows/s of CPU time, best / median):`);
console.log(`  WebAssembly fast path ${rate(Math.min(...ab.wasm))} / ${rate(med(ab.wasm))};  TypeScript fast path ${rate(Math.min(...ab.js))} / ${rate(med(ab.js))};  ` +
  `median ratio ${(med(ab.js) / med(ab.wasm)).toFixed(2)}×`);
const pp = rows['papaparse (dynamicTyping), .csv']!;
const cp = rows['csv-parse/sync (cast), .csv']!;
console.log(`\nload average at end: ${load()}`);
console.log(`ratios of this run (steady CPU rates): WebAssembly fast path / TypeScript fast path ${(steady(q) / steady(qjs)).toFixed(2)}×, qtrader parse / papaparse ${(steady(q) / steady(pp)).toFixed(1)}×, qtrader parse / csv-parse ${(steady(q) / steady(cp)).toFixed(1)}×; ` +
  `full ingest of the .csv / its parse (first pass) ${((rows['qtrader ingest, one .csv → catalog']!.rows / rows['qtrader ingest, one .csv → catalog']!.cpu_seconds) / (q.rows / q.first_pass_cpu_seconds!)).toFixed(2)}`);
