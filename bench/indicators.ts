// Indicator kernels side by side: our WebAssembly, our plain TypeScript, and technicalindicators 3.1.0.
// Run: npm run build, then node dist/bench/indicators.js [--quick] [--nan] [--cpu] [names…]. Elements/s = bars × symbols / time.
import { loadavg } from 'node:os';
import { Bench } from 'tinybench';
import * as ti from 'technicalindicators';
import { Workspace, INDICATOR_SPECS, IndicatorKernel, type AnyBuf, type IndicatorSpec, type InputName } from '../src/kernels/index.js';

const QUICK = process.argv.includes('--quick');
const NSYM = 100;
const LEN = QUICK ? 10_000 : 100_000; // NSYM × LEN = 10,000,000 values
const SLICE = 1_000; // bars per time slice: 100 × 1,000 values per slice buffer (800 kB per column)
const LIB_N = QUICK ? 20_000 : 200_000; // the library is measured on one series of LIB_N values and scaled
const ONLY = process.argv.slice(2).filter((a) => !a.startsWith('--'));
// --nan: a missing bar at the start of every slice, which sends the kernels down their general
// (scalar) paths (crossings excepted: their lanes treat NaN as the scalar rule does): the SIMD
// fast paths' before/after comparison.
const GAPS = process.argv.includes('--nan');
// --cpu: time by the process's CPU time instead of the wall clock. The kernels run on one thread
// and never wait, so on an idle machine the two agree; on a shared one, CPU time leaves out the
// time spent waiting for a core (caches and memory are still shared, so it is not a quiet run).
const CPU = process.argv.includes('--cpu');
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
/** Milliseconds of extra samples per WebAssembly measurement (see `time`). */
const WASM_MS = QUICK ? 100 : 400;

type Cols = Record<InputName, Float64Array | Uint8Array>;

/** Random-walk bars, symbol-major, with a slow companion series `b` for the crossings. */
function makeData(nsym: number, len: number): Cols {
  let seed = 12345;
  const r = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  const n = nsym * len;
  const c: Cols = { open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n),
    volume: new Float64Array(n), a: new Float64Array(0), b: new Float64Array(n), session: new Uint8Array(len) };
  const [o, h, l, cl, v, b] = [c.open, c.high, c.low, c.close, c.volume, c.b] as Float64Array[];
  for (let s = 0; s < nsym; s++) {
    let px = 50 + 100 * r();
    let slow = px;
    for (let i = 0; i < len; i++) {
      const k = s * len + i;
      o![k] = px;
      px = Math.max(1, px * (1 + (r() - 0.5) * 0.02));
      slow += (px - slow) * 0.05;
      cl![k] = px;
      h![k] = Math.max(o![k]!, px) * (1 + r() * 0.005);
      l![k] = Math.min(o![k]!, px) * (1 - r() * 0.005);
      v![k] = 100 + Math.floor(r() * 10000);
      b![k] = slow;
    }
  }
  c.a = c.close;
  if (GAPS) {
    for (let s = 0; s < nsym; s++) {
      for (let i = 0; i < len; i += SLICE) for (const col of [o, h, l, cl, b]) col![s * len + i] = NaN;
    }
  }
  for (let i = 0; i < len; i += 390) c.session[i] = 1;
  return c;
}

/** The library call for an indicator over the first `n` values of symbol 0, or undefined if it has none. */
function libraryCall(name: string, d: Cols, n: number): (() => unknown) | undefined {
  const a = (x: Float64Array | Uint8Array) => Array.from(x.subarray(0, n));
  const values = a(d.close), high = a(d.high), low = a(d.low), volume = a(d.volume), b = a(d.b);
  const hlc = { high, low, close: values };
  const calls: Record<string, () => unknown> = {
    sma: () => ti.sma({ period: 20, values }),
    sum: () => ti.sum({ period: 20, values }),
    ema: () => ti.ema({ period: 20, values }),
    wma: () => ti.wma({ period: 20, values }),
    rsi: () => ti.rsi({ period: 14, values }),
    macd: () => ti.macd({ values, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false }),
    stoch: () => ti.stochastic({ ...hlc, period: 14, signalPeriod: 3 }),
    willr: () => ti.williamsr({ ...hlc, period: 14 }),
    cci: () => ti.cci({ ...hlc, period: 20 }),
    roc: () => ti.roc({ period: 10, values }),
    adx: () => ti.adx({ ...hlc, period: 14 }),
    mfi: () => ti.mfi({ ...hlc, volume, period: 14 }),
    trange: () => ti.truerange(hlc),
    atr: () => ti.atr({ ...hlc, period: 14 }),
    stddev: () => ti.sd({ period: 20, values }),
    bbands: () => ti.bollingerbands({ period: 20, values, stdDev: 2 }),
    keltner: () => ti.keltnerchannels({ ...hlc, maPeriod: 20, atrPeriod: 10, useSMA: false, multiplier: 2 }),
    donchian: () => [ti.highest({ period: 20, values: high }), ti.lowest({ period: 20, values: low })],
    minmax: () => [ti.highest({ period: 20, values }), ti.lowest({ period: 20, values })],
    obv: () => ti.obv({ close: values, volume }),
    vwap: () => ti.vwap({ ...hlc, volume }),
    ad: () => ti.adl({ ...hlc, volume }),
    returns: () => ti.roc({ period: 1, values }),
    crossover: () => ti.crossUp({ lineA: values, lineB: b }),
    crossunder: () => ti.crossDown({ lineA: values, lineB: b }),
    cross: () => [ti.crossUp({ lineA: values, lineB: b }), ti.crossDown({ lineA: values, lineB: b })],
  };
  return calls[name];
}

interface Setup {
  kernel: IndicatorKernel;
  ins: AnyBuf[];
  outs: AnyBuf[];
}

/** Buffers of `nsym` × `len` for one indicator, filled with the first `len` bars of each symbol of `d`. */
function setup(ws: Workspace, spec: IndicatorSpec, d: Cols, nsym: number, len: number): Setup {
  const params = spec.name === 'threshold' ? { level: 100 } : {};
  const kernel = new IndicatorKernel(ws, spec, nsym, params);
  const ins = spec.inputs.map((name) => {
    if (name === 'session') {
      const b = ws.u8(len);
      b.set(d.session.subarray(0, len));
      return b;
    }
    const b = ws.f64(nsym * len);
    for (let s = 0; s < nsym; s++) b.set(d[name].subarray(s * LEN, s * LEN + len), s * len);
    return b;
  });
  const outs = spec.outputs.map(() => (spec.outputType === 'i32' ? ws.i32(nsym * len) : ws.f64(nsym * len)));
  return { kernel, ins, outs };
}

/**
 * Best seconds per call of `fn` (tinybench; the minimum, as other work shares the machine): at least
 * `iterations` runs and, for the WebAssembly kernels, as many more as fit in `ms` milliseconds: a
 * 10M-value SMA takes about 7 ms, and five samples on a busy two-core machine rarely hold a clean one.
 */
function time(name: string, fn: () => unknown, iterations: number, ms = 0): number {
  const bench = new Bench({ time: ms, iterations, warmupIterations: 1, warmupTime: 0, ...(CPU ? { now: cpuMs } : {}) });
  bench.add(name, fn);
  bench.runSync();
  const r = bench.tasks[0]!.result as { latency?: { min: number } };
  if (!r.latency) throw new Error(`${name}: benchmark failed`);
  return r.latency.min / 1000;
}

const fmt = (x: number) => (Number.isFinite(x) ? `${(x / 1e6).toFixed(0)} M/s` : '—');
const ratio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)}×` : '—');

/** Seconds for TOTAL values as `reps` engine-style slices of NSYM × `len` through the same buffers. */
function timeSlices(ws: Workspace, spec: IndicatorSpec, d: Cols, len: number, iterations: number, ms = 0): number {
  const m = ws.mark();
  const u = setup(ws, spec, d, NSYM, len);
  const reps = LEN / len;
  const t = time(`${spec.name} ${ws.engine} ${len}`, () => {
    for (let r = 0; r < reps; r++) u.kernel.run(u.ins, u.outs, len);
  }, iterations, ms);
  ws.release(m);
  return t;
}

function main(): void {
  const d = makeData(NSYM, LEN);
  const wasm = new Workspace('wasm', 'release');
  const js = new Workspace('js');
  const total = NSYM * LEN;
  const rows: string[][] = [];
  console.log(
    `indicator kernels over ${total.toLocaleString('en-US')} values: ${NSYM} symbols × ${LEN / SLICE} time slices of ${SLICE} bars ` +
      `(slice buffers reused, as the engine does); "wasm 1 call" = one call over ${NSYM} × ${LEN} bars (memory-bound); ` +
      `library on one series of ${LIB_N.toLocaleString('en-US')} values, scaled; best of a few runs ` +
      `(wasm: of at least 5 and ${WASM_MS} ms of runs); ${CPU ? 'CPU time (--cpu)' : 'wall-clock time'}; load average ${loadavg()[0]!.toFixed(2)}`,
  );
  for (const spec of INDICATOR_SPECS) {
    if (ONLY.length && !ONLY.includes(spec.name)) continue;
    const tw = timeSlices(wasm, spec, d, SLICE, 5, WASM_MS);
    const tj = timeSlices(js, spec, d, SLICE, 3);
    const tw1 = timeSlices(wasm, spec, d, LEN, 3, WASM_MS);
    const lib = libraryCall(spec.name, d, LIB_N);
    const tl = lib ? time(`${spec.name} lib`, lib, 3) : NaN;
    const [rw, rj, rl] = [total / tw, total / tj, LIB_N / tl];
    rows.push([spec.name, fmt(rw), fmt(rj), fmt(rl), ratio(rw / rj), ratio(rw / rl), fmt(total / tw1)]);
    console.log(rows.at(-1)!.join('\t'));
  }
  const head = ['kernel', 'wasm el/s', 'js el/s', 'library el/s', 'wasm/js', 'wasm/library', 'wasm 1 call'];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (r: string[]) => r.map((c, k) => (k === 0 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join('  ');
  console.log('\n' + line(head));
  for (const r of rows) console.log(line(r));
  console.log(`load average at the end: ${loadavg()[0]!.toFixed(2)} (2 or more on two cores: the numbers are not quiet-machine numbers)`);
}

main();
