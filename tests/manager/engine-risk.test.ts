// Risk policies in whole engine runs: hand-built bars where the expected orders are derived in
// comments, and one run of the sma_cross strategy under each policy file of config/risk/.
import { describe, it, expect } from 'vitest';
import { normalizeConfig } from '../../src/config/index.js';
import { runEngine } from '../../src/engine/index.js';
import { generateBars, alignBars } from '../../src/data/index.js';
import { validateEvent } from '../../src/events/contracts.js';
import type { OrderPayload, QtraderEvent, RiskViolationPayload } from '../../src/events/index.js';
import type { Intention } from '../../src/model/index.js';
import type { Buf } from '../../src/kernels/index.js';
import type { StrategySlice, VectorStrategy } from '../../src/strategy/index.js';
import { scriptBars, flat, bar, type Bar } from '../engine/script.js';

const INTENTIONS: Intention[] = ['OPEN_LONG', 'CLOSE_LONG', 'OPEN_SHORT', 'CLOSE_SHORT'];

/** A strategy that signals `intention` for symbol index s at the bars given. */
function scripted(nsym: number, at: Readonly<Record<number, ReadonlyArray<readonly [number, Intention]>>>): VectorStrategy {
  return {
    name: 'scripted', params: {}, warmup: 1, inputs: ['close'],
    init: () => {},
    signals(slice: StrategySlice, out: Buf<Int32Array>) {
      const v = out.view();
      v.fill(0, 0, nsym * slice.len);
      for (const [k, list] of Object.entries(at)) {
        const t = Number(k) - slice.start;
        if (t >= 0 && t < slice.len) for (const [s, i] of list) v[s * slice.len + t] = INTENTIONS.indexOf(i) + 1;
      }
    },
    decide: (value: number) => ({ intention: INTENTIONS[value - 1]! }),
  };
}

function run(barsBy: Record<string, Bar[]>, risk: unknown, at: Record<number, Array<readonly [number, Intention]>>, session?: number, execution: Record<string, unknown> = {}) {
  const bars = scriptBars({ bars: barsBy, ...(session ? { session } : {}) });
  const cfg = normalizeConfig({
    run: { id: 'risk' }, data: { files: bars.symbols.map((s) => ({ path: `${s}.csv`, symbol: s })) }, strategy: { name: 'buy_and_hold' },
    portfolio: { initial_cash: '100000' }, execution: { commission: { per_share: '0', minimum: '0' }, ...execution }, risk,
  }, 'test');
  const events: QtraderEvent[] = [];
  const res = runEngine(cfg, bars, { runId: 'risk', strategy: scripted(bars.symbols.length, at), onEvent: (e) => { validateEvent(e); events.push(e); } });
  const of = <T extends QtraderEvent['event_type']>(t: T) => events.filter((e) => e.event_type === t).map((e) => e.payload) as Array<Extract<QtraderEvent, { event_type: T }>['payload']>;
  return { res, events, of };
}

describe('risk policies in the engine', () => {
  it('sizes a fixed fraction and cuts the third order first to gross leverage, then to the cash buffer', () => {
    // flat prices, no commission: equity stays 100000
    // bar 1 AAA at 50: 0.4 × 100000 / 50 = 800 (40000); bar 3 BBB at 20: 2000 (40000), cash left 20000 ≥ 5000
    // bar 5 CCC at 10: 4000 wanted; gross (100000 − 80000) / 10 = 2000; cash buffer (20000 − 5000) / 10 = 1500
    const { of } = run({ AAA: flat(8, 50), BBB: flat(8, 20), CCC: flat(8, 10) },
      { sizing: { method: 'fixed_fraction', fraction: 0.4 }, limits: { cash_buffer: 0.05, max_gross_leverage: 1 } },
      { 1: [[0, 'OPEN_LONG']], 3: [[1, 'OPEN_LONG']], 5: [[2, 'OPEN_LONG']] });
    expect(of('order').map((o: OrderPayload) => [o.symbol, o.quantity])).toEqual([['AAA', '800'], ['BBB', '2000'], ['CCC', '1500']]);
    expect(of('risk_violation').map((v: RiskViolationPayload) => [v.rule, v.action, v.requested_quantity, v.allowed_quantity])).toEqual([
      ['max_gross_leverage', 'reduced', '4000', '2000'], ['cash_buffer', 'reduced', '2000', '1500'],
    ]);
    // the orders fill at the next bar's open
    expect(of('fill').map((f) => [f.symbol, f.filled_quantity, f.fill_price])).toEqual([['AAA', '800', '50'], ['BBB', '2000', '20'], ['CCC', '1500', '10']]);
  });

  it('halts at the drawdown limit on the exact bar and flattens once', () => {
    // bar 1: buy 500 AAA at 100 (fills bar 2 at 100); AAA then falls to 80.02 (bar 4) and 80 (bar 6)
    // equity at bar 4: 50000 + 500 × 80.02 = 90010 → drawdown 9.99%: BBB opens
    // equity at bar 6: 45000 + 500 × 80 + 500 × 10 = 90000 → 10%: the engine's equity watch stops at bar 6's
    // valuation, before its signal: the halt is reported for the portfolio and AAA and BBB are sold at bar 7's
    // open; the signals of bars 6 and 8 are then refused by the halt that holds
    const a = [...flat(4, 100), bar(80.02, 80.52, 79.52, 80.02), bar(80.02, 80.52, 79.52, 80.02), ...flat(4, 80)];
    const { of, res } = run({ AAA: a, BBB: flat(10, 10) },
      { sizing: { method: 'fixed_quantity', quantity: 500 }, limits: { max_drawdown: 0.1, drawdown_action: 'flatten' } },
      { 1: [[0, 'OPEN_LONG']], 4: [[1, 'OPEN_LONG']], 6: [[1, 'OPEN_LONG']], 8: [[1, 'OPEN_LONG']] });
    expect(of('order').map((o) => [o.symbol, o.side, o.quantity, o.timestamp])).toEqual([
      ['AAA', 'buy', '500', '2024-01-02T14:31:00Z'], ['BBB', 'buy', '500', '2024-01-02T14:34:00Z'],
      ['AAA', 'sell', '500', '2024-01-02T14:36:00Z'], ['BBB', 'sell', '500', '2024-01-02T14:36:00Z'],
    ]);
    expect(of('risk_violation').map((v) => [v.rule, v.symbol, v.timestamp, v.actual_value])).toEqual([
      ['max_drawdown_halt', 'PORTFOLIO', '2024-01-02T14:36:00Z', '0.1'], ['max_drawdown_halt', 'BBB', '2024-01-02T14:36:00Z', '0.1'],
      ['max_drawdown_halt', 'BBB', '2024-01-02T14:38:00Z', '0.1'],
    ]);
    expect(res.ledger.position('AAA').toFixed()).toBe('0');
    expect(res.reporting.violationsByRule).toEqual({ max_drawdown_halt: 3 });
  });

  it('cancels what is left of a partly filled entry when the drawdown halt flattens', () => {
    // fills take at most 10% of a bar's volume: BBB trades 1000 a bar, so 100 BBB fill per bar; AAA trades 1e6
    // bar 0: buy 500 AAA at 100 (fills whole at bar 1's open); bar 1: buy 500 BBB at 10 (100 fill at bars 2, 3 and 4)
    // bar 4: AAA at 80; cash 100000 − 50000 − 300 × 10 = 47000, equity 47000 + 500 × 80 + 300 × 10 = 90000:
    // 10% below the peak 100000: the equity watch halts at bar 4's valuation (and bar 4's signal is refused);
    // the 200 BBB still waiting are cancelled; AAA 500 and BBB 300 are sold
    // (AAA whole at bar 5's open, BBB 100 a bar at bars 5, 6 and 7)
    const a = [...flat(4, 100, { v: 1e6 }), ...flat(6, 80, { v: 1e6 })];
    const { of, events, res } = run({ AAA: a, BBB: flat(10, 10) },
      { sizing: { method: 'fixed_quantity', quantity: 500 }, limits: { max_drawdown: 0.1, drawdown_action: 'flatten' } },
      { 0: [[0, 'OPEN_LONG']], 1: [[1, 'OPEN_LONG']], 4: [[0, 'OPEN_LONG']] }, undefined, { participation: 0.1 });
    const orders = of('order');
    expect(orders.map((o) => [o.symbol, o.side, o.quantity])).toEqual([['AAA', 'buy', '500'], ['BBB', 'buy', '500'], ['AAA', 'sell', '500'], ['BBB', 'sell', '300']]);
    const entry = orders[1]!.order_id;
    expect(of('order_cancel').map((c) => [c.order_id, c.timestamp])).toEqual([[entry, '2024-01-02T14:34:00Z']]);
    expect(of('order_status').filter((s) => s.order_id === entry).map((s) => [s.status, s.reason_code])).toEqual([['cancelled', 'requested']]);
    // BBB bought 100 at bars 2, 3, 4 only; sold 100 at bars 5, 6, 7
    expect(of('fill').filter((f) => f.symbol === 'BBB').map((f) => [f.side, f.filled_quantity, f.timestamp])).toEqual([
      ['buy', '100', '2024-01-02T14:32:00Z'], ['buy', '100', '2024-01-02T14:33:00Z'], ['buy', '100', '2024-01-02T14:34:00Z'],
      ['sell', '100', '2024-01-02T14:35:00Z'], ['sell', '100', '2024-01-02T14:36:00Z'], ['sell', '100', '2024-01-02T14:37:00Z'],
    ]);
    // the cancel reaches execution before the flattening orders
    const kinds = events.filter((e) => e.event_type === 'order_cancel' || (e.event_type === 'order' && e.payload.side === 'sell')).map((e) => e.event_type);
    expect(kinds).toEqual(['order_cancel', 'order', 'order']);
    expect(res.ledger.position('AAA').toFixed()).toBe('0');
    expect(res.ledger.position('BBB').toFixed()).toBe('0');
    expect(of('risk_violation').map((v) => [v.symbol, v.timestamp])).toEqual([['PORTFOLIO', '2024-01-02T14:34:00Z'], ['AAA', '2024-01-02T14:34:00Z']]);
    expect(res.reporting.violationsByRule).toEqual({ max_drawdown_halt: 2 });
  });

  it('stops opening after the daily loss limit and opens again the next session', () => {
    // sessions of 4 bars; bar 0 buys 1000 AAA at 50 (fills bar 1 at 50); AAA closes 48.9 at bar 2:
    // equity 50000 + 48900 = 98900, 1.1% down from 100000 ≥ 1%: the equity watch halts the session at bar 2's
    // valuation (reported for the portfolio) and BBB is refused at bar 2
    // session 1 starts from the close of bar 3 (48.9): the same price at bar 5 is no loss, BBB opens
    const a = [...flat(2, 50), ...flat(6, 48.9)];
    const { of } = run({ AAA: a, BBB: flat(8, 10) },
      { sizing: { method: 'fixed_quantity', quantity: 1000 }, limits: { daily_loss_limit: 0.01 } },
      { 0: [[0, 'OPEN_LONG']], 2: [[1, 'OPEN_LONG']], 5: [[1, 'OPEN_LONG']] }, 4);
    expect(of('order').map((o) => [o.symbol, o.timestamp])).toEqual([['AAA', '2024-01-02T14:30:00Z'], ['BBB', '2024-01-03T14:31:00Z']]);
    expect(of('risk_violation').map((v) => [v.rule, v.symbol, v.actual_value])).toEqual([['daily_loss_limit', 'PORTFOLIO', '0.011'], ['daily_loss_limit', 'BBB', '0.011']]);
  });

  it('sees a drawdown between signals at its bar, though the price is back before the next signal and close', () => {
    // bar 0 buys 1000 AAA at 100 (fills bar 1 at 100: cash 0); bar 3 closes at 85: equity 85000, 15% below the
    // peak 100000 ≥ 10%: the equity watch halts at bar 3 and the flatten order sells at bar 4's open (100).
    // At bar 6 AAA is back at 100 and equity at its peak, yet the halt holds for the run: bar 6's buy is refused.
    // (Seen only at signals and session closes, the dip would have gone unnoticed and bar 6 would have bought.)
    const a = [...flat(3, 100), bar(100, 100, 85, 85), ...flat(6, 100)];
    const { of, res } = run({ AAA: a },
      { sizing: { method: 'fixed_quantity', quantity: 1000 }, limits: { max_drawdown: 0.1, drawdown_action: 'flatten' } },
      { 0: [[0, 'OPEN_LONG']], 6: [[0, 'OPEN_LONG']] });
    expect(of('order').map((o) => [o.side, o.quantity, o.timestamp])).toEqual([['buy', '1000', '2024-01-02T14:30:00Z'], ['sell', '1000', '2024-01-02T14:33:00Z']]);
    expect(of('risk_violation').map((v) => [v.rule, v.symbol, v.timestamp, v.actual_value])).toEqual([
      ['max_drawdown_halt', 'PORTFOLIO', '2024-01-02T14:33:00Z', '0.15'], ['max_drawdown_halt', 'AAA', '2024-01-02T14:36:00Z', '0.15'],
    ]);
    expect(of('fill').map((f) => [f.side, f.fill_price, f.timestamp])).toEqual([['buy', '100', '2024-01-02T14:31:00Z'], ['sell', '100', '2024-01-02T14:34:00Z']]);
    expect(res.ledger.cash().toFixed()).toBe('100000');
  });

  it('flattens at the bar a session loses its limit, and watches the next session from its previous close', () => {
    // sessions of 4 bars (bars 0–3 on Jan 2, 4–7 on Jan 3), 1% daily loss limit, flatten
    // bar 0 buys 1000 AAA (fills bar 1 at 50: cash 50000); bar 2 closes at 48.9: equity 98900, 1.1% below the
    // start 100000: halt and sell at bar 3's open (48.9): cash 98900, which is session 0's close
    // bar 4 buys again (no loss since 98900; fills bar 5 at 48.9: cash 50000); bar 6 closes at 47.8:
    // equity 97800, (98900 − 97800) / 98900 = 1.1122…% ≥ 1%: halt and sell at bar 7's open (47.8): cash 97800
    const a = [...flat(2, 50), ...flat(4, 48.9), bar(48.9, 48.9, 47.8, 47.8), ...flat(1, 47.8)];
    const { of, res } = run({ AAA: a },
      { sizing: { method: 'fixed_quantity', quantity: 1000 }, limits: { daily_loss_limit: 0.01, daily_loss_action: 'flatten' } },
      { 0: [[0, 'OPEN_LONG']], 4: [[0, 'OPEN_LONG']] }, 4);
    expect(of('order').map((o) => [o.side, o.timestamp])).toEqual([
      ['buy', '2024-01-02T14:30:00Z'], ['sell', '2024-01-02T14:32:00Z'], ['buy', '2024-01-03T14:30:00Z'], ['sell', '2024-01-03T14:32:00Z'],
    ]);
    expect(of('risk_violation').map((v) => [v.rule, v.symbol, v.timestamp, v.actual_value])).toEqual([
      ['daily_loss_limit', 'PORTFOLIO', '2024-01-02T14:32:00Z', '0.011'], ['daily_loss_limit', 'PORTFOLIO', '2024-01-03T14:32:00Z', '0.011122'],
    ]);
    expect(of('fill').map((f) => [f.side, f.fill_price, f.timestamp])).toEqual([
      ['buy', '50', '2024-01-02T14:31:00Z'], ['sell', '48.9', '2024-01-02T14:33:00Z'], ['buy', '48.9', '2024-01-03T14:31:00Z'], ['sell', '47.8', '2024-01-03T14:33:00Z'],
    ]);
    expect(res.ledger.cash().toFixed()).toBe('97800');
  });

  it('attaches the policy\'s stop-loss to an opening order, and execution places it as a bracket leg', () => {
    // buy 100 at 50 with a 4% stop: 48; bar 4's low 47.5 reaches it
    const a = [...flat(4, 50), bar(49, 49.5, 47.5, 48), ...flat(2, 48)];
    const { of } = run({ AAA: a }, { sizing: { method: 'fixed_quantity', quantity: 100 }, stops: { stop_loss: { percent: 0.04 } } }, { 1: [[0, 'OPEN_LONG']] });
    const orders = of('order');
    expect(orders[0]).toMatchObject({ side: 'buy', stop_loss: '48' });
    expect(of('fill').map((f) => [f.side, f.fill_price])).toEqual([['buy', '50'], ['sell', '48']]);
  });
});

describe('the policy files in whole runs', () => {
  const series = generateBars({ symbols: ['AAA', 'BBB', 'CCC'], bars: 390 * 30, seed: 11, start: '2024-01-02', zone: 'America/New_York' });
  const bars = alignBars(series, 'America/New_York', {});
  const runWith = (risk: string) => {
    const cfg = normalizeConfig({
      run: { id: `policy-${risk}` }, data: { files: bars.symbols.map((s) => ({ path: `${s}.csv`, symbol: s })) },
      strategy: { name: 'sma_cross', params: { fast: 20, slow: 80 } }, portfolio: { initial_cash: '100000' }, risk,
    }, 'test');
    const events: QtraderEvent[] = [];
    const res = runEngine(cfg, bars, { runId: risk, onEvent: (e) => { validateEvent(e); events.push(e); } });
    const counted: Record<string, number> = {};
    for (const e of events) if (e.event_type === 'risk_violation') counted[e.payload.rule] = (counted[e.payload.rule] ?? 0) + 1;
    expect(res.reporting.violationsByRule).toEqual(counted);
    const snapshots = events.filter((e) => e.event_type === 'snapshot');
    return { res, events, orders: events.filter((e) => e.event_type === 'order').map((e) => e.payload as OrderPayload), snapshots };
  };

  it('naive: a tenth of equity per position, no shorts, cash never below zero', () => {
    const { orders, res, events, snapshots } = runWith('naive');
    expect(orders.length).toBeGreaterThan(10);
    const signals = new Map(events.filter((e) => e.event_type === 'signal').map((e) => [e.payload.signal_id as string, e.payload]));
    const peak = Math.max(...snapshots.map((e) => Number((e.payload as { current_portfolio_equity: string }).current_portfolio_equity)));
    for (const o of orders.filter((x) => x.side === 'buy')) {
      // floor(0.1 × equity / price) shares: worth at most a tenth of the highest equity the run saw (+ marks move within a session)
      const price = Number(signals.get(o.intent_id)!.price);
      expect(Number(o.quantity) * price).toBeLessThanOrEqual(0.1 * peak * 1.02);
      expect(Number(o.quantity) * price).toBeGreaterThan(0.1 * 100000 * 0.8);
    }
    expect(res.ledger.cash().toNumber()).toBeGreaterThanOrEqual(0);
    expect(orders.every((o) => o.side === 'buy' || signals.get(o.intent_id)!.intention === 'CLOSE_LONG')).toBe(true);
  });

  it('conservative: every opening order carries ATR exits', () => {
    const { orders } = runWith('conservative');
    const opening = orders.filter((o) => o.side === 'buy' && o.parent_order_id === undefined);
    expect(opening.length).toBeGreaterThan(0);
    for (const o of opening) expect(o.stop_loss !== undefined && o.take_profit !== undefined).toBe(true);
  });

  it('aggressive: opens with the Kelly fallback and a 10% stop', () => {
    const { orders, events } = runWith('aggressive');
    const signals = new Map(events.filter((e) => e.event_type === 'signal').map((e) => [e.payload.signal_id as string, e.payload]));
    const first = orders.find((o) => o.side === 'buy')!;
    const price = Number(signals.get(first.intent_id)!.price);
    // before 20 closed trades: fallback 0.1 × 100000 / price; stop 10% below (4 decimals)
    expect(first.quantity).toBe(String(Math.floor(10000 / price)));
    expect(Number(first.stop_loss)).toBeCloseTo(price * 0.9, 4);
  });
});
