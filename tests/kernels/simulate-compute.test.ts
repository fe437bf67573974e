// Parity of the simulate kernel (event walk) and the compute-path kernel with their references.
import { describe, it, expect } from 'vitest';
import { Workspace, SimulateKernel, ComputeSeries, runSmaCrossBacktest, orderCodes, EVENT_FILL, EVENT_SIGNAL, STATUS_OK } from '../../src/kernels/index.js';
import { centWalk } from '../helpers/random.js';

describe('simulate', () => {
  it('fills an order made at bar t no earlier than the next valid open, before that bar is valued', () => {
    for (const engine of ['wasm', 'js'] as const) {
      const ws = new Workspace(engine, 'debug');
      const sim = new SimulateKernel(ws, 1);
      const open = ws.f64(4), high = ws.f64(4), low = ws.f64(4), close = ws.f64(4), signal = ws.i32(4), dayEnd = ws.u8(4), equity = ws.f64(4);
      open.set([10, NaN, 12, 13]);
      close.set([10.5, NaN, 12.5, 13.5]);
      high.set([11, NaN, 13, 14]);
      low.set([9, NaN, 11, 12]);
      signal.set([1, 0, 0, 0]);
      sim.cash = 1000;
      sim.beginSlice();
      const b = { open, high, low, close, signal, dayEnd, equity };
      expect(sim.step(b, 4)).toBe(EVENT_SIGNAL);
      expect(sim.eventIndex).toBe(0);
      const slot = sim.orders.add({ symbol: 0, type: orderCodes.TYPE_MARKET, side: 1, tif: orderCodes.TIF_GTC, quantity: 10, eligible: 1 });
      // bar 1 has no open: the order waits; bar 2 opens at 12
      expect(sim.step(b, 4)).toBe(EVENT_FILL);
      expect(sim.eventIndex).toBe(2);
      expect(sim.eventSlot).toBe(slot);
      expect(sim.fill).toEqual({ price: 12, quantity: 10, reason: orderCodes.PX_OPEN, stopLevel: NaN });
      sim.cash = 1000 - 10 * 12;
      sim.setPosition(0, 10);
      sim.orders.remove(slot);
      expect(sim.step(b, 4)).toBe(STATUS_OK);
      // equity: bar0 1000; bar1 holds mark 10.5 with no position → 1000; bar2 880 + 10·12.5; bar3 880 + 10·13.5
      expect(Array.from(equity.view())).toEqual([1000, 1000, 1005, 1015]);
    }
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
