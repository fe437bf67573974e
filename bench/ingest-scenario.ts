// One ingest benchmark scenario in its own process (its peak memory is its own); prints one JSON line.
// Usage: node dist/bench/ingest-scenario.js <scenario> <path> [catalog] [passes]
//   parse | parse-gz    qtrader's trade-bar reader, bytes → columns (file read and, for .gz, inflate included)
//   papaparse | csv-parse   the same file through those libraries (text decode included, numbers typed)
//   ingest              the whole ingest: read, hash, parse, Parquet partitions, manifest
import { readFileSync, rmSync } from 'node:fs';
import Papa from 'papaparse';
import { parse as csvParse } from 'csv-parse/sync';
import { BadRows, ingest, RowTally, TradeBarParser } from '../src/data/index.js';
import { gunzipWhole } from '../src/data/ingest/source-reader.js';

function peakRssMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1048576;
}

const [scenario, path, catalog, repsArg] = process.argv.slice(2) as [string, string, string | undefined, string | undefined];
const reps = Number(repsArg ?? 1);

/** One pass of a parsing scenario over the file: returns rows and the last close (so nothing is skipped). */
function pass(): [number, number] {
  if (scenario === 'parse' || scenario === 'parse-gz') {
    const raw = readFileSync(path);
    const bytes = scenario === 'parse-gz' ? gunzipWhole(path, raw, false).data : raw;
    const tally = new RowTally();
    const p = new TradeBarParser(new BadRows(path, 'error', tally));
    p.sizeHint = bytes.length;
    p.push(bytes);
    p.end(false);
    return [tally.read, p.blocks()[0]!.columns['close']![tally.read - 1]!];
  }
  if (scenario === 'papaparse') {
    const r = Papa.parse<unknown[]>(readFileSync(path, 'utf8'), { dynamicTyping: true, skipEmptyLines: true });
    return [r.data.length - 1, r.data[r.data.length - 1]![6] as number];
  }
  const r = csvParse(readFileSync(path, 'utf8'), { cast: true, from_line: 2 }) as unknown[][];
  return [r.length, r[r.length - 1]![6] as number];
}

const t0 = performance.now();
const c0 = process.cpuUsage();
const cpuNow = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1e6;
let rows = 0;
let check = 0;
let first = 0;
let best = Infinity;
if (scenario === 'ingest') {
  rmSync(catalog!, { recursive: true, force: true });
  const s = await ingest({ source: path, catalog: catalog!, format: 'algoseek-trades' });
  rows = s.rows.written;
  check = s.partitions_written;
  rmSync(catalog!, { recursive: true, force: true });
} else {
  // The first pass includes JIT warm-up and first-touch page faults; later passes show the steady rate.
  for (let r = 0; r < reps; r++) {
    const c = process.cpuUsage();
    [rows, check] = pass();
    const secs = cpuNow(process.cpuUsage(c));
    if (r === 0) first = secs;
    best = Math.min(best, secs);
  }
}
const cu = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({
  scenario, rows, check, seconds: (performance.now() - t0) / 1000, cpu_seconds: cpuNow(cu),
  ...(scenario !== 'ingest' ? { first_pass_cpu_seconds: first, best_pass_cpu_seconds: best } : {}), peak_rss_mib: peakRssMiB(),
}) + '\n');
