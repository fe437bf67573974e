// The signal-column sweep kernel (signalSweep): parity with its bar-by-bar reference on random signal
// columns and decision tables, over whole series, day ranges and NaN gaps; its codes; its refusals.
import { describe, it, expect } from 'vitest';
import { Workspace, SignalSeries, kernelModule, type DecisionTable } from '../../src/kernels/index.js';
import { KernelError } from '../../src/model/index.js';
import { ACTION_NONE, ACTION_BUY, ACTION_SELL, ACTION_REFUSE, ACTION_UNSUPPORTED, SIGNAL_RESULT_SIZE } from '../../src/kernels/sweep-signals.js';
import { centWalk, lcg } from '../helpers/random.js';
import { market } from './helpers.js';

const costs = { quantity: 100, perShare: 0.005, minCommission: 1, initialCash: 100_000 };

/** A table over −3…3: every action appears; `unsupported` puts ACTION_UNSUPPORTED at value 3 when long. */
function randomTable(seed: number, unsupported = false): DecisionTable {
  const r = lcg(seed);
  const actions = new Int32Array(14);
  for (let i = 0; i < 14; i++) actions[i] = [ACTION_NONE, ACTION_BUY, ACTION_SELL, ACTION_REFUSE][Math.floor(r() * 4)]!;
  // a buy while flat and a sell while long exist, so that round trips happen
  actions[2 * (1 + 3)] = ACTION_BUY;
  actions[2 * (-1 + 3) + 1] = ACTION_SELL;
  if (unsupported) actions[2 * (3 + 3) + 1] = ACTION_UNSUPPORTED;
  return { lo: -3, hi: 3, actions };
}

/** A sparse random column over −3…3 (about one bar in `every` non-zero). */
function column(n: number, seed: number, every: number): Int32Array {
  const r = lcg(seed);
  return Int32Array.from({ length: n }, () => (r() * every < 1 ? Math.floor(r() * 7) - 3 : 0));
}

function runBoth(m: ReturnType<typeof market>, sig: Int32Array, table: DecisionTable, from?: number, to?: number) {
  return (['wasm', 'js'] as const).map((engine) => {
    const ws = new Workspace(engine, 'debug');
    const s = new SignalSeries(ws, m);
    const col = ws.i32(s.slice.len);
    // the column of the compacted series: the values at priced bars
    col.set(sig.filter((_, i) => !Number.isNaN(m.close[i]!)));
    s.reserve(true, from, to);
    const r = s.run(col, table, costs, from, to, true);
    return { ...r, tradeData: Array.from(r.tradeData), dailyEquity: Array.from(r.dailyEquity) };
  });
}

describe('signalSweep', () => {
  it('exports the codes and result size the wrapper reads', () => {
    const inst = new WebAssembly.Instance(kernelModule('debug'), { env: { abort: () => {} } });
    const g = (name: string) => (inst.exports[name] as unknown as { value: number }).value;
    expect([g('ACTION_NONE'), g('ACTION_BUY'), g('ACTION_SELL'), g('ACTION_REFUSE'), g('ACTION_UNSUPPORTED'), g('SIGNAL_RESULT_SIZE')])
      .toEqual([ACTION_NONE, ACTION_BUY, ACTION_SELL, ACTION_REFUSE, ACTION_UNSUPPORTED, SIGNAL_RESULT_SIZE]);
  });

  it.each([[0, 3, 5], [0.02, 5, 20], [0.2, 11, 3]])('matches its reference exactly (NaN rate %f, seed %i, a signal every ~%i bars), whole series and day ranges', (nanRate, seed, every) => {
    const m = market(8000, seed, nanRate);
    const sig = column(8000, seed + 1, every);
    const table = randomTable(seed + 2);
    const [w, j] = runBoth(m, sig, table);
    expect(w).toEqual(j);
    expect(w.tradeCount).toBeGreaterThan(20);
    // cash + position × last close is the final equity; the trade P&Ls and the commissions add up to it
    const pnl = j.tradeData.filter((_, i) => i % 7 === 6).reduce((a, x) => a + x, 0);
    if (j.position === 0) expect(Math.abs(j.cash - (costs.initialCash + pnl))).toBeLessThan(1e-6);
    for (const [from, to] of [[0, 1], [3, 40], [10, 11], [57, 80], [20, 20]] as const) {
      const days = new SignalSeries(new Workspace('js'), m).days;
      const [a, b] = runBoth(m, sig, table, Math.min(from, days), Math.min(to, days));
      expect(a, `days ${from}–${to}`).toEqual(b);
    }
  });

  it.each([[0, 21], [0.05, 22], [0.3, 23]])('crosses two lines in one pass as the crossover column would be booked (NaN rate %f, seed %i)', (nanRate, seed) => {
    // lines with NaN warm-ups, NaN gaps and stretches where they are equal: wasm's fused lineCrossSweep
    // against the reference crossover column booked by the reference signalSweep
    const m = market(6000, seed, nanRate);
    const r = lcg(seed);
    const a = centWalk(6000, seed + 1, { step: 0.4, nanRate: 0.02 }), b = centWalk(6000, seed + 2, { step: 0.4, nanRate: 0.02 });
    for (let i = 0; i < 6000; i++) {
      if (i < 30) a[i] = NaN;
      if (r() < 0.05) b[i] = a[i]!;
      b[i] = b[i]! - b[0]! + a[40]!;
    }
    const table: DecisionTable = { lo: -1, hi: 1, actions: Int32Array.of(ACTION_REFUSE, ACTION_SELL, 0, 0, ACTION_BUY, ACTION_NONE) };
    const runs = (['wasm', 'js'] as const).map((engine) => {
      const s = new SignalSeries(new Workspace(engine, 'debug'), m);
      const priced = (x: Float64Array) => x.filter((_, i) => !Number.isNaN(m.close[i]!));
      const A = s.line('a', (out) => out.set(priced(a))), B = s.line('b', (out) => out.set(priced(b)));
      expect(s.line('a', () => { throw new Error('computed twice'); })).toBe(A);
      return [[0, s.days], [5, 40], [17, 18]].map(([from, to]) => {
        s.reserve(true, from, to);
        const x = s.runCross(A, B, table, costs, from, to, true);
        return { ...x, tradeData: Array.from(x.tradeData), dailyEquity: Array.from(x.dailyEquity) };
      });
    });
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[1]![0]!.tradeCount).toBeGreaterThan(10);
  });

  it('books a hand-made column: buy at 1 fills at the next open, sell at −1; the rest as the table says', () => {
    // bars 0…5; opens 10, 11, 12, 13, 14, 15; closes 10.5 …; signal 1 at bar 1 (buy fills at bar 2's open 12),
    // −1 at bar 4 (sell fills at bar 5's open 15): P&L (15 − 12)·100 − 1 − 1 = 298; cash 100,298
    const open = Float64Array.of(10, 11, 12, 13, 14, 15), close = open.map((o) => o + 0.5);
    const m = { open, close, dayEnd: Uint8Array.of(0, 0, 1, 0, 0, 1) };
    const table: DecisionTable = { lo: -1, hi: 1, actions: Int32Array.of(ACTION_REFUSE, ACTION_SELL, 0, 0, ACTION_BUY, ACTION_NONE) };
    for (const engine of ['wasm', 'js'] as const) {
      const s = new SignalSeries(new Workspace(engine), m);
      const col = s.ws.i32(6);
      col.set([-1, 1, 1, 0, -1, 0]);
      s.reserve(true);
      const r = s.run(col, table, costs, 0, s.days, true);
      expect([r.cash, r.position, r.tradeCount, r.signals, r.refused, r.fills]).toEqual([100_298, 0, 1, 3, 1, 2]);
      expect(Array.from(r.tradeData)).toEqual([2, 5, 100, 12, 15, 2, 298]);
      // day 0 ends at bar 2 after the buy: 100,000 − 1,201 + 100 × 12.5; day 1 after the sell
      expect(Array.from(r.dailyEquity)).toEqual([100_000 - 1201 + 1250, 100_298]);
    }
  });

  it('stops at a value whose decision it cannot book, and the wrapper says which', () => {
    const m = market(3000, 4, 0);
    const sig = column(3000, 9, 5);
    for (const engine of ['wasm', 'js'] as const) {
      const s = new SignalSeries(new Workspace(engine), m);
      const col = s.ws.i32(s.slice.len);
      col.set(sig);
      const why = new Map([[2 * (3 + 3) + 1, 'decides OPEN_SHORT while long']]);
      expect(() => s.run(col, { ...randomTable(1, true), why }, costs)).toThrow(/at bar \d+ \(signal 3\) the strategy decides OPEN_SHORT while long/);
      col.set(Int32Array.of(0, 0, 9), 100);
      expect(() => s.run(col, { lo: -3, hi: 3, actions: new Int32Array(14) }, costs)).toThrow(KernelError);
      expect(() => s.run(col, { lo: -3, hi: 3, actions: new Int32Array(14) }, costs)).toThrow(/holds 9 at bar 102, outside the values -3…3/);
    }
  });
});
