// The sweep's one-pass preparation (sweepPrepare): the kernel against its reference window by window, both
// against an independent description of the result (priced bars, scaledPrefix, day ends), the edges, and
// the wrapper (SweepSeries) in reused memory and on bad data.
import { describe, it, expect } from 'vitest';
import { Workspace, SweepSeries, PRICE_SCALE } from '../../src/kernels/index.js';
import { PREPARE_STATE_SIZE, dropSweepScratch } from '../../src/kernels/sweep.js';
import { scaledPrefix } from '../../src/kernels/reference/compute.js';
import * as ref from '../../src/kernels/reference/sweep.js';
import { randomCuts } from '../helpers/random.js';
import { market } from '../sweep/helpers.js';

type Engine = 'wasm' | 'js';
type Kernel = (...a: number[]) => number;

/** What one engine's preparation leaves: statuses per window, the kept part of every output, the state. */
interface Prepared {
  status: number[];
  open: number[];
  close: number[];
  prefix: bigint[];
  barOf: number[];
  dayEnds: number[];
  dayEndBars: number[];
  /** priced bars, days, max |close|, first half-priced bar, day ends of the last window */
  state: number[];
  sum: bigint;
}

/** Runs the preparation over windows of the given lengths (one window of 0 bars when there are none). */
function prepare(engine: Engine, open: Float64Array, close: Float64Array, dayEnd: Uint8Array, cuts: readonly number[], bounds?: [number, number, number][]): Prepared {
  const n = close.length;
  const ws = new Workspace(engine, 'debug');
  const win = Math.max(1, ...cuts);
  const O = ws.f64(n), C = ws.f64(n), P = ws.i64(n + 1), B = ws.i32(n), F = ws.u8(win), E = ws.i32(win), EB = ws.i32(win), S = ws.f64(PREPARE_STATE_SIZE);
  const w = engine === 'wasm' ? (ws.wasm as unknown as Record<string, Kernel>)['sweepPrepare']! : undefined;
  const call = (a: number, b: number, size: number): number => (w
    ? w(O.ptr, C.ptr, F.ptr, P.ptr, B.ptr, E.ptr, EB.ptr, S.ptr, a, b, size, PRICE_SCALE)
    : ref.sweepPrepare(O.view(), C.view(), F.view(), P.view(), B.view(), E.view(), EB.view(), S.view(), a, b, size, PRICE_SCALE));
  const out: Prepared = { status: [], open: [], close: [], prefix: [], barOf: [], dayEnds: [], dayEndBars: [], state: [], sum: 0n };
  const windows: [number, number, number][] = bounds ?? [];
  if (!bounds) {
    let a = 0;
    for (const len of cuts.length > 0 ? cuts : [0]) windows.push([a, (a += len), n]);
  }
  for (const [a, b, size] of windows) {
    if (b <= n && a <= b && a >= 0) {
      O.view().set(open.subarray(a, b), a);
      C.view().set(close.subarray(a, b), a);
      F.view().set(dayEnd.subarray(a, b));
    }
    out.status.push(call(a, b, size));
    const d = S.view()[5]!;
    out.dayEnds.push(...E.view().subarray(0, d));
    out.dayEndBars.push(...EB.view().subarray(0, d));
  }
  const s = S.view(), m = s[0]!;
  out.open = Array.from(O.view().subarray(0, m));
  out.close = Array.from(C.view().subarray(0, m));
  out.prefix = Array.from(P.view().subarray(0, m + 1));
  out.barOf = Array.from(B.view().subarray(0, m));
  out.state = [s[0]!, s[1]!, s[2]!, s[3]!, s[5]!];
  out.sum = new BigInt64Array(s.buffer, s.byteOffset + 32, 1)[0]!;
  return out;
}

/** The preparation described without the kernel's loop: filters, the existing scaledPrefix reference, counts. */
function expected(open: Float64Array, close: Float64Array, dayEnd: Uint8Array) {
  const n = close.length;
  const bars = Array.from(close.keys()).filter((i) => !Number.isNaN(close[i]!));
  const prefix = new BigInt64Array(n + 1);
  scaledPrefix(close, prefix, n, PRICE_SCALE);
  const ends = Array.from(dayEnd.keys()).filter((t) => dayEnd[t] === 1 || t === n - 1);
  return {
    m: bars.length, bars, open: bars.map((i) => open[i]!), close: bars.map((i) => close[i]!), prefix: Array.from(prefix.subarray(0, bars.length + 1)),
    dayEndBars: ends, dayEnds: ends.map((t) => bars.filter((i) => i <= t).length - 1),
    max: bars.reduce((x, i) => Math.max(x, Math.abs(close[i]!)), 0),
  };
}

describe('sweepPrepare', () => {
  it.each([
    [0, 41, 5000, 12_000], [0.1, 42, 1000, 12_000], [0.9, 43, 300, 6000], [0.03, 44, 1, 1500], [0.5, 45, 40_000, 9000],
  ])('matches its reference and the description of a prepared series, window by window (NaN rate %f, seed %i, windows up to %i bars)', (nanRate, seed, maxWin, n) => {
    const { open, close, dayEnd } = market(n, seed, nanRate);
    // a gap at the first and at the last bar too
    if (nanRate > 0) open[0] = close[0] = open[n - 1] = close[n - 1] = NaN;
    const cuts = randomCuts(n, seed, maxWin);
    const a = prepare('wasm', open, close, dayEnd, cuts), b = prepare('js', open, close, dayEnd, cuts);
    expect(a).toEqual(b);
    const e = expected(open, close, dayEnd);
    expect(a.status.every((x) => x === 0)).toBe(true);
    expect(a.state).toEqual([e.m, e.dayEndBars.length, e.max, -1, a.state[4]]);
    expect([a.open, a.close, a.prefix, a.dayEndBars, a.dayEnds]).toEqual([e.open, e.close, e.prefix, e.dayEndBars, e.dayEnds]);
    expect(a.sum).toBe(e.prefix[e.m]);
    if (e.m < n) expect(a.barOf).toEqual(e.bars);
    expect(e.dayEndBars.length).toBeGreaterThan(20);
    if (nanRate > 0) expect(e.m).toBeLessThan(n);
  });

  it('handles no bars, no priced bar, and day ends before the first priced bar', () => {
    for (const engine of ['wasm', 'js'] as const) {
      const none = prepare(engine, new Float64Array(0), new Float64Array(0), new Uint8Array(0), []);
      expect([none.status, none.state, none.prefix, none.dayEnds]).toEqual([[0], [0, 0, 0, -1, 0], [0n], []]);
      const nan = Float64Array.of(NaN, NaN, NaN, NaN, NaN);
      const empty = prepare(engine, nan, nan, Uint8Array.of(0, 1, 0, 0, 0), [2, 3]);
      // two days: bar 1 (flagged) and bar 4 (the last); neither has a priced bar at or before it
      expect([empty.state, empty.dayEndBars, empty.dayEnds, empty.barOf]).toEqual([[0, 2, 0, -1, 1], [1, 4], [-1, -1], []]);
      const c = Float64Array.of(NaN, NaN, 3, 4, NaN, 6), o = Float64Array.of(NaN, NaN, 2.5, 4.5, NaN, 5.5);
      const p = prepare(engine, o, c, Uint8Array.of(1, 0, 0, 1, 0, 0), [1, 1, 2, 2]);
      // days end at bars 0 (no priced bar yet: −1), 3 (priced bars 2, 3: index 1) and 5 (the last bar: index 2)
      expect([p.state.slice(0, 4), p.close, p.open, p.barOf, p.dayEndBars, p.dayEnds]).toEqual([[3, 3, 6, -1], [3, 4, 6], [2.5, 4.5, 5.5], [2, 3, 5], [0, 3, 5], [-1, 1, 2]]);
      expect(p.prefix).toEqual([0n, 3_000_000n, 7_000_000n, 13_000_000n]);
    }
  });

  it('stops at the first bar with only one price, and later windows leave everything as it was', () => {
    for (const engine of ['wasm', 'js'] as const) {
      const close = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8), open = Float64Array.of(1, 2, 3, 4, 5, NaN, NaN, 8);
      const p = prepare(engine, open, close, Uint8Array.of(0, 0, 0, 0, 1, 0, 0, 0), [4, 2, 2]);
      // bars 0–4 are done (bar 4 ends a day); bar 5 stops the pass; the third window adds no day end
      expect([p.status, p.state, p.prefix, p.dayEndBars, p.dayEnds]).toEqual([[0, 0, 0], [5, 1, 5, 5, 0], [0n, 1_000_000n, 3_000_000n, 6_000_000n, 10_000_000n, 15_000_000n], [4], [4]]);
      const q = prepare(engine, close.map((x, i) => (i === 2 ? NaN : x)), close, new Uint8Array(8), [8]);
      expect(q.state.slice(0, 4)).toEqual([2, 0, 2, 2]);
    }
  });

  it('refuses windows outside the series', () => {
    const c = Float64Array.of(1, 2, 3);
    for (const engine of ['wasm', 'js'] as const) {
      for (const bad of [[2, 1, 3], [0, 4, 3], [-1, 2, 3], [0, 0, -1]] as [number, number, number][]) {
        expect(prepare(engine, c, c, new Uint8Array(3), [], [bad]).status, `${engine} ${bad.join(',')}`).toEqual([100]);
      }
    }
  });

  it('wraps sums out of the exact range as the kernel\'s i64 does, and the wrapper refuses them', () => {
    // 1e300·1e6 and Infinity saturate to 2^63 − 1; the sums wrap modulo 2^64
    const close = Float64Array.of(1e300, 5, Infinity, -1e300, 1024);
    const a = prepare('wasm', close, close, new Uint8Array(5), [2, 3]), b = prepare('js', close, close, new Uint8Array(5), [2, 3]);
    expect(a).toEqual(b);
    const max = 2n ** 63n - 1n, min = -(2n ** 63n);
    const wrap = (x: bigint) => BigInt.asIntN(64, x);
    expect(a.prefix).toEqual([0n, max, wrap(max + 5_000_000n), wrap(2n * max + 5_000_000n), wrap(2n * max + 5_000_000n + min), wrap(2n * max + 5_000_000n + min + 1_024_000_000n)]);
    for (const engine of ['wasm', 'js'] as const) {
      expect(() => new SweepSeries(new Workspace(engine), close, close, new Uint8Array(5))).toThrow(/5 prices up to Infinity overflow the exact prefix sums/);
      const big = new Float64Array(10).fill(1e13);
      // 10 · 1e13 · 1e6 = 1e20 ≥ 2^63 ≈ 9.2e18
      expect(() => new SweepSeries(new Workspace(engine), big, big, new Uint8Array(10))).toThrow(/10 prices up to 10000000000000 overflow/);
    }
  });
});

describe('SweepSeries preparation', () => {
  const costs = { quantity: 100, perShare: 0.005, minCommission: 1, initialCash: 100_000 };
  /** Everything a prepared series exposes, and a run's results. */
  const facts = (s: SweepSeries) => {
    const r = s.run(5, 20, costs);
    return {
      valid: s.valid, days: s.days, max: s.maxAbsPrice, dayEndBars: Array.from(s.dayEndBars), dayEnds: Array.from(s.dayEnds.view()),
      barOf: s.barOf ? Array.from(s.barOf.view()) : null, open: Array.from(s.open.view().subarray(0, s.valid)), close: Array.from(s.close.view().subarray(0, s.valid)),
      run: { ...r, tradeData: Array.from(r.tradeData), dailyEquity: Array.from(r.dailyEquity) },
    };
  };

  it('prepares a series in memory used before (not cleared) exactly as in fresh memory, with and without gaps', () => {
    // the window is 32,768 bars: these series take 1 to 3 windows
    const first = market(90_000, 51, 0.3);
    for (const [n, nanRate] of [[70_000, 0.05], [40_000, 0], [20_000, 0.5]] as const) {
      const next = market(n, 52 + n, nanRate);
      const ws = new Workspace('wasm');
      const base = ws.mark();
      new SweepSeries(ws, first.open, first.close, first.dayEnd).run(2, 7, costs);
      // as a worker forgets its symbol: the arena goes back below it, and its old bytes stay
      ws.release(base);
      dropSweepScratch(ws);
      const reused = facts(new SweepSeries(ws, next.open, next.close, next.dayEnd));
      const fresh = facts(new SweepSeries(new Workspace('wasm'), next.open, next.close, next.dayEnd));
      expect(reused).toEqual(fresh);
      expect(fresh).toEqual(facts(new SweepSeries(new Workspace('js'), next.open, next.close, next.dayEnd)));
      expect(fresh.barOf === null).toBe(nanRate === 0);
      expect(fresh.run.tradeCount).toBeGreaterThan(100);
    }
  });

  it('names the first bar with only one price, in any window', () => {
    const { open, close, dayEnd } = market(80_000, 53, 0.01);
    const at = 70_001;
    close[at] = 100;
    open[at] = NaN;
    for (const engine of ['wasm', 'js'] as const) {
      expect(() => new SweepSeries(new Workspace(engine), open, close, dayEnd)).toThrow(`compute path: bar ${at} has a close but no open; a bar needs both prices or neither`);
      expect(() => new SweepSeries(new Workspace(engine), close, open, dayEnd)).toThrow(`compute path: bar ${at} has an open but no close; a bar needs both prices or neither`);
    }
  });
});
