// Parity of the simulate kernel (event walk) and the compute-path kernel with their references.
import { describe, it, expect } from 'vitest';
import { Workspace, SimulateKernel, ComputeSeries, runSmaCrossBacktest, EVENT_FILL, EVENT_SIGNAL, EVENT_DAY_END, STATUS_OK } from '../../src/kernels/index.js';
import { centWalk, lcg } from '../helpers/random.js';

/** Drives the simulate kernel with a scripted handler; returns the event trace, equity and book. */
function drive(engine: 'wasm' | 'js', nsym: number, len: number, seed: number) {
  const ws = new Workspace(engine, 'debug');
  const sim = new SimulateKernel(ws, nsym);
  const open = ws.f64(nsym * len), close = ws.f64(nsym * len), signal = ws.i32(nsym * len), dayEnd = ws.u8(len), equity = ws.f64(len);
  for (let s = 0; s < nsym; s++) {
    open.set(centWalk(len, seed + s, { nanRate: 0.1 }), s * len);
    close.set(centWalk(len, seed + 100 + s, { nanRate: 0.1 }), s * len);
  }
  const r = lcg(seed);
  const sig = signal.view();
  for (let i = 0; i < sig.length; i++) sig[i] = r() < 0.05 ? (r() < 0.5 ? 1 : -1) : 0;
  const de = dayEnd.view();
  for (let t = 0; t < len; t++) de[t] = t % 37 === 36 ? 1 : 0;
  sim.cash = 10_000;
  const trace: string[] = [];
  const rr = lcg(seed + 1);
  sim.beginSlice();
  for (;;) {
    const code = sim.step({ open, close, signal, dayEnd, equity }, len);
    if (code === STATUS_OK) break;
    const s = sim.eventSymbol, t = sim.eventIndex;
    trace.push(`${code}:${s}:${t}`);
    if (code === EVENT_FILL) {
      const q = sim.pending(s);
      const px = open.view()[s * len + t]!;
      // the handler books the fill as the ledger would: cash and position move, the order is gone
      sim.cash = sim.cash - q * px;
      sim.setPosition(s, sim.position(s) + q);
      sim.setPending(s, 0);
    } else if (code === EVENT_SIGNAL) {
      sim.setPending(s, Math.round((rr() - 0.5) * 20));
    } else {
      expect(code).toBe(EVENT_DAY_END);
    }
  }
  return { trace, equity: Array.from(equity.view()), cash: sim.cash, positions: Array.from({ length: nsym }, (_, s) => sim.position(s)) };
}

describe('simulate', () => {
  it.each([[1, 400, 3], [3, 500, 5], [4, 300, 9]])('wasm and js give the same events, equity and book (%i symbols, %i bars)', (nsym, len, seed) => {
    const a = drive('wasm', nsym, len, seed);
    const b = drive('js', nsym, len, seed);
    expect(a.trace.length).toBeGreaterThan(10);
    expect(a.trace.some((x) => x.startsWith(`${EVENT_FILL}:`))).toBe(true);
    expect(a).toEqual(b);
  });

  it('fills an order made at bar t no earlier than the next valid open, before that bar is valued', () => {
    const ws = new Workspace('wasm', 'debug');
    const sim = new SimulateKernel(ws, 1);
    const open = ws.f64(4), close = ws.f64(4), signal = ws.i32(4), dayEnd = ws.u8(4), equity = ws.f64(4);
    open.set([10, NaN, 12, 13]);
    close.set([10.5, NaN, 12.5, 13.5]);
    signal.set([1, 0, 0, 0]);
    sim.cash = 1000;
    sim.beginSlice();
    const b = { open, close, signal, dayEnd, equity };
    expect(sim.step(b, 4)).toBe(EVENT_SIGNAL);
    expect(sim.eventIndex).toBe(0);
    sim.setPending(0, 10);
    // bar 1 has no open: the order waits; bar 2 opens at 12
    expect(sim.step(b, 4)).toBe(EVENT_FILL);
    expect(sim.eventIndex).toBe(2);
    sim.cash = 1000 - 10 * 12;
    sim.setPosition(0, 10);
    sim.setPending(0, 0);
    expect(sim.step(b, 4)).toBe(STATUS_OK);
    // equity: bar0 1000; bar1 holds mark 10.5 with no position → 1000; bar2 880 + 10·12.5; bar3 880 + 10·13.5
    expect(Array.from(equity.view())).toEqual([1000, 1000, 1005, 1015]);
  });
});

describe('compute path', () => {
  const close = centWalk(20000, 42, { step: 0.3, nanRate: 0.01 });
  const open = Float64Array.from(close, (c, i) => (Number.isNaN(c) ? NaN : Math.round((c + ((i * 7919) % 11 - 5) / 100) * 100) / 100));
  const params = { fast: 5, slow: 20, quantity: 100, perShare: 0.005, minCommission: 1, initialCash: 100_000, withEquity: true };

  it('wasm and js references agree exactly', () => {
    const a = runSmaCrossBacktest(new ComputeSeries(new Workspace('wasm', 'debug'), open, close), params);
    const b = runSmaCrossBacktest(new ComputeSeries(new Workspace('js'), open, close), params);
    expect(a.trades.length).toBeGreaterThan(100);
    expect(a).toEqual(b);
  });

  it('books each round trip as (exit − entry)·qty − both commissions and keeps cash consistent', () => {
    const r = runSmaCrossBacktest(new ComputeSeries(new Workspace('wasm'), open, close), params);
    // commission per side = max(1, 100 × 0.005 = 0.5) = 1, so each round trip pays 2
    for (const t of r.trades) {
      expect(t.commission).toBe(2);
      expect(t.pnl).toBeCloseTo((t.exitPrice - t.entryPrice) * 100 - 2, 9);
      expect(t.entryIndex).toBeLessThan(t.exitIndex);
    }
    const pnl = r.trades.reduce((a, t) => a + t.pnl, 0);
    // cash = initial + Σ closed pnl − what the open position (if any) cost at entry
    const entryCost = r.position > 0 ? r.cash - (100_000 + pnl) : 0;
    if (r.position === 0) expect(r.cash).toBeCloseTo(100_000 + pnl, 6);
    else expect(entryCost).toBeLessThan(0);
    expect(r.equityCurve!.length).toBe(close.length);
  });

  it('grows its trade buffer when it fills (status capacity) and returns every trade', () => {
    // dense windows on a long walk close more than the first 1024 trades of capacity
    const c = centWalk(200_000, 3, { step: 0.3 });
    const r = runSmaCrossBacktest(new ComputeSeries(new Workspace('wasm'), c, c), { ...params, fast: 2, slow: 5, withEquity: false });
    expect(r.trades.length).toBeGreaterThan(1024);
    expect(r.trades.length).toBe(r.fills >> 1);
  });

  it('refuses entries it cannot pay for', () => {
    const r = runSmaCrossBacktest(new ComputeSeries(new Workspace('js'), open, close), { ...params, initialCash: 50 });
    expect(r.trades.length).toBe(0);
    expect(r.refused).toBeGreaterThan(0);
    expect(r.cash).toBe(50);
  });
});
