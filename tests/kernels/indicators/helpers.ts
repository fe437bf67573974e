// Test helpers for the indicator kernels: seeded random bars, NaN gaps, and slice-by-slice runs.
import { Workspace, IndicatorKernel, type IndicatorSpec, type InputName } from '../../../src/kernels/index.js';

/** A small seeded generator (mulberry32), so failures reproduce. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Symbol-major columns for `nsym` symbols of `len` bars; `session` is per timeline bar. */
export type Columns = Record<InputName, Float64Array | Uint8Array>;

/** Random OHLCV bars (a random walk near 100, prices on a 0.01 grid so ties happen), plus series a, b. */
export function randomColumns(seed: number, nsym: number, len: number): Columns {
  const r = rng(seed);
  const n = nsym * len;
  const c = { open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n),
    volume: new Float64Array(n), a: new Float64Array(n), b: new Float64Array(n), session: new Uint8Array(len) };
  const cent = (x: number) => Math.round(x * 100) / 100;
  for (let s = 0; s < nsym; s++) {
    let px = 50 + 100 * r();
    let b = px;
    for (let i = 0; i < len; i++) {
      const k = s * len + i;
      const o = px;
      px = Math.max(1, px * (1 + (r() - 0.5) * 0.04));
      b = b + (px - b) * 0.3;
      c.open[k] = cent(o);
      c.close[k] = cent(px);
      c.high[k] = cent(Math.max(o, px) * (1 + r() * 0.01));
      c.low[k] = cent(Math.min(o, px) * (1 - r() * 0.01));
      c.volume[k] = Math.floor(100 + r() * 10000);
      c.a[k] = cent(px);
      c.b[k] = cent(b);
    }
  }
  for (let i = 0; i < len; i++) c.session[i] = i % 13 === 0 || r() < 0.03 ? 1 : 0;
  return c;
}

/** Constant bars: every price `price`, volume 1000, a session open every 10 bars. */
export function constantColumns(nsym: number, len: number, price = 100): Columns {
  const n = nsym * len;
  const f = (v: number) => new Float64Array(n).fill(v);
  const session = new Uint8Array(len);
  for (let i = 0; i < len; i += 10) session[i] = 1;
  return { open: f(price), high: f(price), low: f(price), close: f(price), volume: f(1000), a: f(price), b: f(price), session };
}

/** Marks bars missing (NaN prices, zero volume, NaN a/b) with probability `p`; returns the mask. */
export function addGaps(cols: Columns, seed: number, p: number): Uint8Array {
  const r = rng(seed);
  const n = cols.close.length;
  const gap = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    if (r() >= p) continue;
    gap[k] = 1;
    for (const name of ['open', 'high', 'low', 'close', 'a', 'b'] as const) cols[name][k] = NaN;
    cols.volume[k] = 0;
  }
  return gap;
}

/** Output columns of one run, by output name. */
export type Outputs = Record<string, Float64Array | Int32Array>;

/**
 * Runs `spec` over `nsym` symbols of `len` bars, slice by slice at the bar indices `cuts`
 * (sorted, inside (0, len)); each slice is copied into symbol-major buffers as the engine does.
 */
export function runSliced(
  ws: Workspace, spec: IndicatorSpec, params: Record<string, number>, cols: Columns, nsym: number, len: number, cuts: number[] = [],
): Outputs {
  const k = new IndicatorKernel(ws, spec, nsym, params);
  const outs: Outputs = {};
  for (const name of spec.outputs) outs[name] = spec.outputType === 'i32' ? new Int32Array(nsym * len) : new Float64Array(nsym * len);
  const bounds = [0, ...cuts, len];
  for (let j = 0; j + 1 < bounds.length; j++) {
    const t0 = bounds[j]!;
    const n = bounds[j + 1]! - t0;
    const m = ws.mark();
    const ins = spec.inputs.map((name) => {
      if (name === 'session') {
        const b = ws.u8(n);
        b.set(cols.session.subarray(t0, t0 + n));
        return b;
      }
      const b = ws.f64(nsym * n);
      for (let s = 0; s < nsym; s++) b.set(cols[name].subarray(s * len + t0, s * len + t0 + n), s * n);
      return b;
    });
    const bufs = spec.outputs.map(() => (spec.outputType === 'i32' ? ws.i32(nsym * n) : ws.f64(nsym * n)));
    k.run(ins, bufs, n);
    spec.outputs.forEach((name, q) => {
      const v = bufs[q]!.view();
      for (let s = 0; s < nsym; s++) outs[name]!.set(v.subarray(s * n, (s + 1) * n), s * len + t0);
    });
    ws.release(m);
  }
  return outs;
}

/** Random sorted slice boundaries strictly inside (0, len), including some of length 1. */
export function randomCuts(seed: number, len: number, count: number): number[] {
  const r = rng(seed);
  const set = new Set<number>();
  while (set.size < Math.min(count, len - 1)) {
    const c = 1 + Math.floor(r() * (len - 1));
    set.add(c);
    if (r() < 0.3 && c + 1 < len) set.add(c + 1);
  }
  return [...set].sort((x, y) => x - y);
}

/** Index of the first mismatch (NaN equals NaN; `rel` is a relative tolerance), or −1. */
export function firstMismatch(x: ArrayLike<number>, y: ArrayLike<number>, rel = 0): number {
  if (x.length !== y.length) return 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (a === b || (a !== a && b !== b)) continue;
    if (rel > 0 && Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b))) continue;
    return i;
  }
  return -1;
}

/** Parameter sets that exercise a spec: its defaults, every period 1, every period longer than `len`. */
export function paramSets(spec: IndicatorSpec, len: number): Record<string, number>[] {
  const base = Object.fromEntries(spec.params.map((p) => [p.name, p.default]));
  const periods = spec.params.filter((p) => p.kind === 'period');
  if (!periods.length) return [base];
  const one = { ...base, ...Object.fromEntries(periods.map((p) => [p.name, 1])) };
  if (spec.name === 'stddev') one.period = 2;
  const long = { ...base, ...Object.fromEntries(periods.map((p) => [p.name, len + 5])) };
  return [base, one, long, { ...base, ...Object.fromEntries(periods.map((p, i) => [p.name, 3 + i])) }];
}

/** Relative tolerance of the wasm/js parity per indicator: 0 (bit-identical) except Math.log. */
export function parityTolerance(spec: IndicatorSpec): number {
  return spec.kernel === 'logReturns' ? 4.5e-16 : 0;
}
