// The sweep kernel (smaCrossSweep): parity with its bar-by-bar reference, and agreement with the
// compute path's smaCrossBacktest (same trades, cash and counts; daily equity = its equity column at day ends).
import { describe, it, expect } from 'vitest';
import { Workspace, SweepSeries, SWEEP_RESULT_SIZE, ComputeSeries, runSmaCrossBacktest, kernelModule, TRADE_STRIDE, PRICE_SCALE } from '../../src/kernels/index.js';
import { SWEEP_STATE_SIZE, PREPARE_STATE_SIZE } from '../../src/kernels/sweep.js';
import { scaledPrefix } from '../../src/kernels/reference/compute.js';
import { centWalk, lcg } from '../helpers/random.js';
import { market } from './helpers.js';
import * as ref from '../../src/kernels/reference/sweep.js';

const costs = { quantity: 100, perShare: 0.005, minCommission: 1, initialCash: 100_000 };

function snapshot(s: SweepSeries, fast: number, slow: number, from?: number, to?: number) {
  const r = s.run(fast, slow, costs, from, to);
  return { ...r, tradeData: Array.from(r.tradeData), dailyEquity: Array.from(r.dailyEquity) };
}

describe('smaCrossSweep', () => {
  it('exports the result and state sizes the wrapper reads', () => {
    const inst = new WebAssembly.Instance(kernelModule('debug'), { env: { abort: () => {} } });
    const g = (name: string) => (inst.exports[name] as unknown as { value: number }).value;
    expect([g('SWEEP_RESULT_SIZE'), g('SWEEP_STATE_SIZE'), g('PREPARE_STATE_SIZE')]).toEqual([SWEEP_RESULT_SIZE, SWEEP_STATE_SIZE, PREPARE_STATE_SIZE]);
  });

  it.each([[1], [7], [1000], [1e9]])('gives every pair of a batch its reference results whatever the tile (%i bars)', (tile) => {
    // raw kernel calls on a compacted series: 9 pairs advance together, tile by tile
    const { open, close, dayEnd } = market(6000, 8, 0);
    const n = close.length;
    const ends = Int32Array.from(Array.from(dayEnd.keys()).filter((t) => dayEnd[t] === 1 || t === n - 1));
    const pairs = Int32Array.from([1, 2, 2, 5, 3, 3, 5, 20, 10, 30, 7, 60, 30, 31, 2, 200, 50, 200]);
    const count = pairs.length / 2, cap = 2000;
    const [start, end, from] = [1500, 5000, ends.findIndex((t) => t >= 1500)];
    const to = ends.findIndex((t) => t >= 4999) + 1;
    const days = ends.subarray(from, to).map((t) => t);
    const ws = new Workspace('wasm', 'debug');
    const buf = <T extends Float64Array | Int32Array | BigInt64Array>(b: { set(x: ArrayLike<number> | ArrayLike<bigint>): void; view(): T; ptr: number }, x?: ArrayLike<number> | ArrayLike<bigint>) => {
      if (x) b.set(x);
      return b;
    };
    const prefix = new BigInt64Array(n + 1);
    scaledPrefix(close, prefix, n, PRICE_SCALE);
    const O = buf(ws.f64(n), open), C = buf(ws.f64(n), close), P = buf(ws.i64(n + 1), prefix), D = buf(ws.i32(days.length), days), Q = buf(ws.i32(pairs.length), pairs);
    const E = ws.f64(count * days.length), T = ws.f64(count * cap * TRADE_STRIDE), R = ws.f64(count * SWEEP_RESULT_SIZE), S = ws.f64(count * SWEEP_STATE_SIZE);
    const w = ws.wasm as unknown as Record<string, (...a: number[]) => number>;
    expect(w['smaCrossSweep']!(O.ptr, C.ptr, P.ptr, D.ptr, Q.ptr, E.ptr, T.ptr, R.ptr, S.ptr, n, days.length, cap, count, tile, start, end, 100, 0.005, 1, 100_000)).toBe(0);
    const e = new Float64Array(count * days.length), t = new Float64Array(count * cap * TRADE_STRIDE), r = new Float64Array(count * SWEEP_RESULT_SIZE);
    expect(ref.smaCrossSweep(open, close, prefix, days, pairs, e, t, r, new Float64Array(0), n, days.length, cap, count, 1, start, end, 100, 0.005, 1, 100_000)).toBe(0);
    expect(Array.from(R.view())).toEqual(Array.from(r));
    expect(Array.from(E.view())).toEqual(Array.from(e));
    expect(Array.from(T.view())).toEqual(Array.from(t));
    expect(r.filter((_, i) => i % SWEEP_RESULT_SIZE === 3).reduce((a, x) => a + x, 0)).toBeGreaterThan(300);
  });

  it('reports a full trade count for every pair when the buffer is too small, and the wrapper reruns with room', () => {
    const { open, close, dayEnd } = market(20_000, 9, 0.01);
    const s = new SweepSeries(new Workspace('wasm'), open, close, dayEnd);
    const pairs = Int32Array.from([2, 3, 5, 20, 1, 2, 20, 60]);
    const seen: [number, number, number][] = [];
    s.runPairs(pairs, costs, (j, run) => seen.push([j, run.tradeCount, run.tradeData.length / TRADE_STRIDE]), 0, s.days, true);
    expect(seen.map((x) => x[0]).sort()).toEqual([0, 1, 2, 3]);
    for (const [j, count, stored] of seen) {
      expect(stored).toBe(count);
      expect(count).toBe(s.run(pairs[2 * j]!, pairs[2 * j + 1]!, costs).tradeCount);
    }
    expect(Math.max(...seen.map((x) => x[1]))).toBeGreaterThan(1024); // more than the first guess of room
  });

  it.each([[0, 3], [0.02, 5], [0.2, 11]])('matches its reference exactly on random bars (NaN rate %f, seed %i), whole series and day ranges', (nanRate, seed) => {
    const { open, close, dayEnd } = market(40_000, seed, nanRate);
    const a = new SweepSeries(new Workspace('wasm', 'debug'), open, close, dayEnd);
    const b = new SweepSeries(new Workspace('js'), open, close, dayEnd);
    expect(a.days).toBeGreaterThan(400);
    const r = lcg(seed);
    let trades = 0;
    for (const [fast, slow] of [[1, 2], [2, 5], [5, 20], [10, 30], [30, 31], [50, 200]] as const) {
      const whole = snapshot(a, fast, slow);
      expect(whole).toEqual(snapshot(b, fast, slow));
      trades += whole.tradeCount;
      // the P&L sums are those of the records, added in trade order
      const pnl = whole.tradeData.filter((_, i) => i % TRADE_STRIDE === 6);
      const wins = pnl.filter((x) => x > 0), losses = pnl.filter((x) => x < 0);
      expect([whole.winners, whole.grossWin, whole.losers, whole.grossLoss])
        .toEqual([wins.length, wins.reduce((x, y) => x + y, 0), losses.length, losses.reduce((x, y) => x - y, 0)]);
      for (let k = 0; k < 4; k++) {
        const from = Math.floor(r() * a.days), to = from + Math.floor(r() * (a.days - from + 1));
        expect(snapshot(a, fast, slow, from, to), `${fast}/${slow} days [${from}, ${to})`).toEqual(snapshot(b, fast, slow, from, to));
      }
    }
    expect(trades).toBeGreaterThan(1000);
  });

  it.each([[0, 21], [0.05, 22]])('gives smaCrossBacktest\'s trades, cash and counts over the whole series (NaN rate %f)', (nanRate, seed) => {
    const { open, close, dayEnd } = market(50_000, seed, nanRate);
    const s = new SweepSeries(new Workspace('wasm'), open, close, dayEnd);
    const c = new ComputeSeries(new Workspace('wasm'), open, close);
    for (const [fast, slow] of [[2, 3], [5, 20], [20, 60]] as const) {
      const a = s.run(fast, slow, costs);
      const b = runSmaCrossBacktest(c, { fast, slow, ...costs, withEquity: true });
      expect(b.tradeCount).toBeGreaterThan(50);
      expect(Array.from(a.tradeData)).toEqual(Array.from(b.tradeData));
      expect([a.cash, a.position, a.mark, a.pendingQuantity, a.signals, a.refused, a.fills]).toEqual([b.cash, b.position, b.mark, b.pendingQuantity, b.signals, b.refused, b.fills]);
      // the daily equity is the per-bar equity column read at each day's last bar
      expect(Array.from(a.dailyEquity)).toEqual(Array.from(s.dayEndBars, (t) => b.equityCurve![t]!));
      if (a.position > 0) expect(open[a.openEntryIndex]).toBe(a.openEntryPrice);
      else expect(a.openEntryIndex).toBe(-1);
    }
  });

  it('starts a day range flat with the initial cash and its first trade after the range starts', () => {
    const { open, close, dayEnd } = market(20_000, 4, 0);
    const s = new SweepSeries(new Workspace('wasm'), open, close, dayEnd);
    const from = 100, to = 300;
    const r = s.run(5, 20, costs, from, to);
    const first = s.dayEndBars[from - 1]! + 1, last = s.dayEndBars[to - 1]!;
    expect(r.tradeCount).toBeGreaterThan(10);
    for (let t = 0; t < r.tradeCount; t++) {
      expect(r.tradeData[t * TRADE_STRIDE]!).toBeGreaterThan(first); // entries fill no earlier than the bar after the first signal
      expect(r.tradeData[t * TRADE_STRIDE + 1]!).toBeLessThanOrEqual(last);
    }
    expect(r.dailyEquity.length).toBe(to - from);
    // cash moves only by round trips (and the open position's cost): initial + Σ pnl − entry cost
    let pnl = 0;
    for (let t = 0; t < r.tradeCount; t++) pnl += r.tradeData[t * TRADE_STRIDE + 6]!;
    const entryCost = r.position > 0 ? r.position * r.openEntryPrice + Math.max(r.position * 0.005, 1) : 0;
    expect(r.cash).toBeCloseTo(100_000 + pnl - entryCost, 6);
  });

  it('grows its trade buffer and keeps every trade', () => {
    // a zigzag makes SMA(1) cross SMA(2) on every bar: about one round trip per two bars
    const n = 10_000;
    const close = Float64Array.from({ length: n }, (_, i) => (i % 2 ? 101 : 100));
    const s = new SweepSeries(new Workspace('wasm'), close, close, new Uint8Array(n));
    const r = s.run(1, 2, costs);
    expect(r.tradeCount).toBeGreaterThan(4000);
    // d = 2·c_b − (c_b + c_{b−1}) = c_b − c_{b−1}: bar 1 gives the first sign (+), bar 2 crosses down while
    // flat (no order), then bars 3 … n − 2 each make an order that fills at the next open: n − 4 fills;
    // the cross up on the last bar (n − 1 is odd) stays pending
    expect(r.fills).toBe(n - 4);
    expect(r.tradeCount).toBe((n - 4) / 2);
    expect(r.pendingQuantity).toBe(100);
  });

  it('refuses a bar with a close but no open', () => {
    const close = Float64Array.from([1, 2, 3]), open = Float64Array.from([1, NaN, 3]);
    expect(() => new SweepSeries(new Workspace('js'), open, close, new Uint8Array(3))).toThrow(/bar 1 has a close but no open/);
    expect(() => new SweepSeries(new Workspace('wasm'), close, open, new Uint8Array(3))).toThrow(/bar 1 has an open but no close/);
  });
});
