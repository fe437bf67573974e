// One ingest benchmark scenario in its own process (its peak memory is its own); prints one JSON line.
// Usage: node dist/bench/ingest-scenario.js <scenario> <path> [catalog] [passes]
//   parse               qtrader's trade-bar reader, file → columns as ingest reads a large file (4 MiB
//                       reads, double-buffered; .gz inflated by zlib in the thread pool, overlapped);
//                       the fast path runs in WebAssembly (wasm/ingest-trades.ts)
//   parse-js            the same with the fast path's TypeScript reference (engine js)
//   parse-ab            parse with engines wasm and js in turn in this one process (a warm-up pass of
//                       each, then wasm js js wasm …), each later pass's CPU seconds listed per engine:
//                       the A/B ratio under the same load
//   parse-mem           the parser alone over the file's bytes already in memory (4 MiB chunks)
//   read | inflate | scan   ceilings: the file read alone; read + inflate alone; read + a bare loop
//                       that only counts the line ends (the least any byte-by-byte parser must do)
//   papaparse | csv-parse   the same file through those libraries (text decode included, numbers typed)
//   ingest              the whole ingest: read, hash, parse, Parquet partitions, manifest
import { readFileSync, rmSync, statSync } from 'node:fs';
import Papa from 'papaparse';
import { parse as csvParse } from 'csv-parse/sync';
import { BadRows, ingest, RowTally, TradeBarParser, useTradeRowsScanner } from '../src/data/index.js';
import { isGzip, readSource, type ChunkSink } from '../src/data/ingest/source-reader.js';
import { TradeRowsKernel } from '../src/kernels/trade-rows.js';
useTradeRowsScanner(() => TradeRowsKernel.shared());

function peakRssMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1048576;
}

const [scenario, path, catalog, repsArg] = process.argv.slice(2) as [string, string, string | undefined, string | undefined];
const reps = Number(repsArg ?? 1);

/** A sink that only counts line ends (the `scan` ceiling) or nothing at all (`read`, `inflate`). */
class CountingSink implements ChunkSink {
  lines = 0;
  constructor(private readonly scan: boolean) {}
  push(data: Uint8Array): void {
    if (!this.scan) return;
    // A plain Uint8Array view, as the parsers use (element access on a Buffer is slower).
    const chunk = new Uint8Array(data.buffer, data.byteOffset, data.length);
    let n = 0;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) n++;
    this.lines += n;
  }
  end(): void {}
}

const CHUNK = 4 << 20;
let inMemory: Uint8Array | undefined;
/** The engine of the current pass of `parse-ab`. */
let abEngine: 'wasm' | 'js' = 'wasm';

/** One pass of a parsing scenario over the file: returns rows and the last close (so nothing is skipped). */
async function pass(): Promise<[number, number]> {
  if (scenario === 'parse' || scenario === 'parse-js' || scenario === 'parse-ab' || scenario === 'parse-mem') {
    const tally = new RowTally();
    const engine = scenario === 'parse-ab' ? abEngine : scenario === 'parse-js' ? 'js' : 'wasm';
    const p = new TradeBarParser(new BadRows(path, 'error', tally), 'America/New_York', 1024, engine);
    p.sizeHint = statSync(path).size * (isGzip(path) ? 4 : 1);
    if (scenario !== 'parse-mem') await readSource(path, p, { streamAbove: 0, hash: false });
    else {
      inMemory ??= new Uint8Array(readFileSync(path));
      for (let o = 0; o < inMemory.length; o += CHUNK) p.push(inMemory.subarray(o, Math.min(inMemory.length, o + CHUNK)));
      p.end(false);
    }
    return [tally.read, p.blocks()[0]!.columns['close']![tally.read - 1]!];
  }
  if (scenario === 'read' || scenario === 'inflate' || scenario === 'scan') {
    const sink = new CountingSink(scenario === 'scan');
    await readSource(path, sink, { streamAbove: 0, hash: false });
    return [sink.lines > 0 ? sink.lines - 1 : 0, 0];
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
const ab: Record<'wasm' | 'js', number[]> = { wasm: [], js: [] };
if (scenario === 'ingest') {
  rmSync(catalog!, { recursive: true, force: true });
  const s = await ingest({ source: path, catalog: catalog!, format: 'algoseek-trades' });
  rows = s.rows.written;
  check = s.partitions_written;
  rmSync(catalog!, { recursive: true, force: true });
} else {
  // The first pass includes JIT warm-up and first-touch page faults; later passes show the steady rate.
  for (let r = 0; r < reps; r++) {
    // parse-ab: a warm-up pass per engine, then wasm js js wasm wasm js …
    const q = r - 2;
    abEngine = r < 2 ? (r === 0 ? 'wasm' : 'js') : (q & 1) === ((q >> 1) & 1) ? 'wasm' : 'js';
    const c = process.cpuUsage();
    [rows, check] = await pass();
    const secs = cpuNow(process.cpuUsage(c));
    if (r === 0) first = secs;
    best = Math.min(best, secs);
    if (r >= 2) ab[abEngine].push(secs);
  }
}
const cu = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({
  scenario, rows, check, seconds: (performance.now() - t0) / 1000, cpu_seconds: cpuNow(cu),
  ...(scenario !== 'ingest' ? { first_pass_cpu_seconds: first, best_pass_cpu_seconds: best } : {}), peak_rss_mib: peakRssMiB(),
  // The fast path's engine (the WebAssembly kernel unless its build could not be loaded).
  ...(scenario === 'parse' || scenario === 'parse-mem' || scenario === 'parse-ab' ? { engine: TradeRowsKernel.shared() ? 'wasm' : 'js' } : {}),
  ...(scenario === 'parse-ab' ? { ab } : {}),
}) + '\n');
