// Whole backtests on hand-built and synthetic data: expected trades derived by hand, contracts, determinism.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alignBars, generateBars } from '../../src/data/index.js';
import { normalizeConfig, type RunConfig } from '../../src/config/index.js';
import { runEngine, runOnBars } from '../../src/engine/index.js';
import { ComputeSeries, Workspace, runSmaCrossBacktest } from '../../src/kernels/index.js';
import { validateEvent, validateRunResult } from '../../src/events/contracts.js';
import type { QtraderEvent } from '../../src/events/index.js';
import { Decimal } from '../../src/model/index.js';
import { minuteSeries } from '../helpers/bars.js';

const ZONE = 'America/New_York';

function config(over: Record<string, unknown> = {}, engine: 'wasm' | 'js' = 'wasm'): RunConfig {
  return normalizeConfig({
    run: { engine, id: 'test-run' },
    data: { files: [{ path: 'AAA.csv', symbol: 'AAA' }] },
    strategy: { name: 'sma_cross', params: { fast: 2, slow: 3 } },
    portfolio: { initial_cash: '10000' },
    sizing: { method: 'fixed_quantity', quantity: 10 },
    execution: { commission: { per_share: '0.01', minimum: '1' } },
    ...over,
  }, 'test');
}

describe('sma_cross end to end on hand-built bars', () => {
  // closes 0.06… are the kernel's tie example scaled ×100: 6, 3, 1, 5, 10, then down: 4, 2, 8, 9
  // fast=2, slow=3 (exact means):
  //   bar 2: SMA2 = 2 < SMA3 = 3.33 → sign −1
  //   bar 3: SMA2 = 3 = SMA3 = 3 → tie, skipped (a float engine would see 3.0000000000000004 > 3 here)
  //   bar 4: SMA2 = 7.5 > SMA3 = 5.33 → cross up → OPEN_LONG at close 10; buy 10 fills at bar 5 open = 9.5
  //   bar 5: SMA2 = 7 > SMA3 = 6.33 → still above
  //   bar 6: SMA2 = 3 < SMA3 = 5.33 → cross down → CLOSE_LONG; sell 10 fills at bar 7 open = 2.5
  //   bar 7: SMA2 = 5 > SMA3 = 4.67 → cross up (flat again) → OPEN_LONG; fills at bar 8 open = 8.5
  //   bar 8 (last): SMA2 = 8.5 > SMA3 = 6.33 → no cross; the position stays open, marked at 9
  // commission per fill = max(1, 10 × 0.01 = 0.1) = 1
  // trade 1: (2.5 − 9.5) × 10 − 1 − 1 = −72
  // cash = 10000 − (95 + 1) + (25 − 1) − (85 + 1) = 9842; equity = 9842 + 10 × 9 = 9932
  const closes = [6, 3, 1, 5, 10, 4, 2, 8, 9];
  const opens = [6, 6, 3, 1, 5, 9.5, 4, 2.5, 8.5];

  it('books the trades derived by hand, on both engines', () => {
    for (const engine of ['wasm', 'js'] as const) {
      const bars = alignBars([minuteSeries('AAA', opens, closes)], ZONE, {});
      const events: QtraderEvent[] = [];
      const res = runEngine(config({}, engine), bars, { runId: 'hand', keepPayloads: true, onEvent: (e) => events.push(e) });
      const trades = res.reporting.trades;
      expect(trades).toHaveLength(1);
      expect(trades[0]).toMatchObject({ entry_price: '9.5', exit_price: '2.5', quantity: '10', realized_pnl: '-72', commission_total: '2', entry_timestamp: '2024-01-02T14:35:00Z', exit_timestamp: '2024-01-02T14:37:00Z' });
      expect(res.finalSnapshot.cash_balance).toBe('9842');
      expect(res.finalSnapshot.current_portfolio_equity).toBe('9932');
      expect(events.filter((e) => e.event_type === 'signal').map((e) => (e.payload as { intention: string }).intention)).toEqual(['OPEN_LONG', 'CLOSE_LONG', 'OPEN_LONG']);
      for (const e of events) validateEvent(e);
    }
  });

  it('reports an order made on the last bar as unfilled, not booked', () => {
    // drop the last bar: the second OPEN_LONG (bar 7) is now on the last bar and cannot fill
    const bars = alignBars([minuteSeries('AAA', opens.slice(0, 8), closes.slice(0, 8))], ZONE, {});
    const res = runEngine(config(), bars, { runId: 'hand', keepPayloads: true });
    expect(res.unfilled).toHaveLength(1);
    expect(res.unfilled[0]).toMatchObject({ side: 'buy', quantity: '10', timestamp: '2024-01-02T14:37:00Z' });
    // cash after the one round trip: 10000 − 96 + 24 = 9928, nothing open
    expect(res.finalSnapshot.current_portfolio_equity).toBe('9928');
  });

  it('refuses an entry it cannot pay for and counts it by rule', () => {
    // 10 × 10 + 1 = 101 > 100 cash at the first cross up
    const bars = alignBars([minuteSeries('AAA', opens, closes)], ZONE, {});
    const res = runEngine(config({ portfolio: { initial_cash: '100' } }), bars, { runId: 'hand', keepPayloads: true });
    expect(res.reporting.counts.orders).toBe(1); // the second cross up at close 8: 81 ≤ 100
    expect(res.reporting.violationsByRule).toEqual({ insufficient_cash: 1 });
  });

  it('waits for a symbol\'s next bar when it has a gap, and keeps other symbols aligned', () => {
    // BBB lacks bar 5: AAA's order from bar 4 fills at bar 5; BBB (same prices) fills at bar 6's open
    const a = minuteSeries('AAA', opens, closes);
    const b = minuteSeries('BBB', opens, closes, { skip: new Set([5]) });
    const bars = alignBars([a, b], ZONE, {});
    expect(bars.length).toBe(9);
    const res = runEngine(config({ data: { files: [{ path: 'AAA.csv' }, { path: 'BBB.csv' }] } }), bars, { runId: 'gap', keepPayloads: true });
    const fills = res.reporting.fills.filter((f) => f.symbol === 'BBB');
    // BBB without bar 5 sees closes 6,3,1,5,10,2,8,9: cross up at bar 4 (fills bar 6 open 4), …
    expect(fills[0]).toMatchObject({ side: 'buy', fill_price: '4', timestamp: '2024-01-02T14:36:00Z' });
  });
});

describe('engine against the compute path', () => {
  const series = generateBars({ symbols: ['SYN'], bars: 60_000, seed: 3, start: '2024-01-02', zone: ZONE });
  const bars = alignBars(series, ZONE, {});
  it.each([[5, 20], [10, 30], [50, 200]])('gives the same trades and final equity to the cent (SMA %i/%i)', (fast, slow) => {
    const cfg = config({ data: { files: [{ path: 'SYN.csv', symbol: 'SYN' }] }, strategy: { name: 'sma_cross', params: { fast, slow } }, portfolio: { initial_cash: '100000' }, sizing: { method: 'fixed_quantity', quantity: 100 }, execution: { commission: { per_share: '0.005', minimum: '1' } } });
    const res = runEngine(cfg, bars, { runId: 'x', keepPayloads: true });
    const c = runSmaCrossBacktest(new ComputeSeries(new Workspace('wasm'), bars.open, bars.close), { fast, slow, quantity: 100, perShare: 0.005, minCommission: 1, initialCash: 100000 });
    expect(res.reporting.trades.length).toBeGreaterThan(20);
    expect(c.trades.length).toBe(res.reporting.trades.length);
    res.reporting.trades.forEach((t, i) => {
      expect(Number(t.entry_price)).toBe(c.trades[i]!.entryPrice);
      expect(Number(t.exit_price)).toBe(c.trades[i]!.exitPrice);
      expect(Math.abs(Number(t.realized_pnl) - c.trades[i]!.pnl)).toBeLessThan(0.005);
    });
    expect(new Decimal(res.finalSnapshot.current_portfolio_equity).toDecimalPlaces(2).toNumber()).toBe(Math.round(c.equity * 100) / 100);
  });
});

describe('outputs', () => {
  it('writes the same bytes twice, validates run.json and every event, and leaves no temporary folder', () => {
    const series = generateBars({ symbols: ['AAA', 'BBB'], bars: 5000, seed: 9, start: '2024-03-08', zone: ZONE });
    const bars = alignBars(series, ZONE, {});
    const cfg = config({ data: { files: [{ path: 'AAA.csv' }, { path: 'BBB.csv' }] }, strategy: { name: 'sma_cross', params: { fast: 5, slow: 20 } }, portfolio: { initial_cash: '100000' }, sizing: { method: 'fixed_fraction', fraction: 0.2 } });
    const dir = mkdtempSync(join(tmpdir(), 'qtrader-out-'));
    const events: QtraderEvent[] = [];
    const a = runOnBars(cfg, bars, 'r1', { outDir: join(dir, 'a'), eventLog: true, onEvent: (e) => events.push(e) });
    runOnBars(cfg, bars, 'r1', { outDir: join(dir, 'b'), eventLog: true });
    for (const f of ['run.json', 'trades.csv', 'fills.csv', 'equity.csv', 'events.jsonl']) {
      expect(readFileSync(join(dir, 'a', f)).equals(readFileSync(join(dir, 'b', f))), f).toBe(true);
    }
    expect(a.files.sort()).toEqual(['equity.csv', 'events.jsonl', 'fills.csv', 'positions.csv', 'report.html', 'results.json', 'run.json', 'snapshots.csv', 'trades.csv']);
    const run = JSON.parse(readFileSync(join(dir, 'a', 'run.json'), 'utf8'));
    validateRunResult(run);
    expect(run.counts.events).toBe(events.length);
    expect(readFileSync(join(dir, 'a', 'events.jsonl'), 'utf8').trim().split('\n')).toHaveLength(events.length);
    for (const e of events) validateEvent(e);
    expect(readFileSync(join(dir, 'a', 'trades.csv'), 'utf8').split('\n')[0]).toBe('trade_id,symbol,side,quantity,entry_time,entry_price,exit_time,exit_price,realized_pnl,commission');
    expect(existsSync(join(dir, `a.tmp-${process.pid}`))).toBe(false);
    // the trades file sums to the realized P&L of the run
    const pnl = readFileSync(join(dir, 'a', 'trades.csv'), 'utf8').trim().split('\n').slice(1).reduce((s, l) => s.plus(l.split(',')[8]!), new Decimal(0));
    expect(pnl.toFixed()).toBe(new Decimal(run.realized_pl).toFixed());
  });
});
