// Several strategies in one run: each with its own signal column, fills, positions, trades and budget;
// the per-strategy breakdowns of the run result add up.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from '../../src/model/index.js';
import { runOnBars } from '../../src/engine/index.js';
import { strategyBudgets } from '../../src/engine/service-config.js';
import type { EventStrategy } from '../../src/strategy/index.js';
import { makeBars, config, run, signalsAt } from './helpers.js';
import { mulberry } from './random.js';

function walkBars(n: number, seed: number) {
  const rnd = mulberry(seed);
  const w = (p: number) => Array.from({ length: n }, () => (p = Math.max(5, Math.round((p + (rnd() - 0.5) * 2) * 100) / 100)));
  return makeBars({ AAA: { close: w(50) }, BBB: { close: w(80) } });
}

const TREND = { name: 'sma_cross', id: 'trend', params: { fast: 3, slow: 8 } };
const REVERT = { name: 'rsi_mean_reversion', id: 'revert', params: { period: 5, lower: 40, upper: 60 } };

describe('several strategies in one run', () => {
  it('gives each strategy the signals, fills and trades it has when it runs alone, tagged with its id', () => {
    const bars = walkBars(600, 21);
    const both = run(config(['AAA', 'BBB'], { strategies: [TREND, REVERT] }), bars);
    const alone = [TREND, REVERT].map((s) => run(config(['AAA', 'BBB'], { strategies: [s] }), bars));
    for (const [k, id] of ['trend', 'revert'].entries()) {
      const mine = <T extends { strategy_id?: string }>(xs: T[]) => xs.filter((x) => x.strategy_id === id);
      const sig = mine(both.of('signal'));
      // fixed quantity 10 and ample cash: the manager accepts every signal, so each strategy's own book evolves as alone
      expect(sig.length, id).toBeGreaterThan(10);
      expect(signalsAt(bars, sig)).toEqual(signalsAt(bars, alone[k]!.of('signal')));
      expect(mine(both.of('fill')).map((f) => `${f.symbol} ${f.side} ${f.fill_price}`)).toEqual(alone[k]!.of('fill').map((f) => `${f.symbol} ${f.side} ${f.fill_price}`));
      expect(mine(both.of('trade')).map((t) => `${t.symbol} ${t.entry_price} ${t.exit_price ?? ''}`)).toEqual(alone[k]!.of('trade').map((t) => `${t.symbol} ${t.entry_price} ${t.exit_price ?? ''}`));
    }
    // the ledger keeps the two books apart in the same symbols: each strategy ends with the positions it has alone
    const held = (snap: typeof both.res.finalSnapshot, id: string) =>
      (snap.strategies_groups.find((g) => g.strategy_id === id)?.positions ?? []).map((p) => `${p.symbol} ${p.side} ${p.open_quantity} @ ${p.average_fill_price}`);
    for (const [k, id] of ['trend', 'revert'].entries()) expect(held(both.res.finalSnapshot, id), id).toEqual(held(alone[k]!.res.finalSnapshot, id));
    expect(held(both.res.finalSnapshot, 'trend').length + held(both.res.finalSnapshot, 'revert').length).toBeGreaterThan(0);
    expect(both.res.signalsSeen).toBe(alone[0]!.res.signalsSeen + alone[1]!.res.signalsSeen);
  });

  it('runs an event-driven strategy beside a vectorised one, each dispatched only where its column is non-zero', () => {
    const bars = walkBars(200, 5);
    const bars0: number[] = [];
    const watcher: EventStrategy = { name: 'watcher', onBar(ctx) { bars0.push(ctx.barIndex); } };
    const both = run(config(['AAA', 'BBB'], { strategies: [{ name: 'buy_and_hold', id: 'watch' }, TREND] }), bars, { strategy: watcher });
    expect(bars0).toEqual(Array.from({ length: 200 }, (_, t) => t));
    const alone = run(config(['AAA', 'BBB'], { strategies: [TREND] }), bars);
    expect(signalsAt(bars, both.of('signal'))).toEqual(signalsAt(bars, alone.of('signal')));
  });

  it('writes per-strategy breakdowns that match the events and add up to the run', () => {
    const bars = walkBars(600, 21);
    const dir = mkdtempSync(join(tmpdir(), 'qtrader-multi-'));
    try {
      const cfg = config(['AAA', 'BBB'], { strategies: [TREND, REVERT], execution: { commission: { per_share: '0.01', minimum: '1' } } });
      const events: Parameters<NonNullable<Parameters<typeof runOnBars>[3]>['onEvent'] & object>[0][] = [];
      const out = runOnBars(cfg, bars, 'multi', { outDir: join(dir, 'o'), onEvent: (e) => events.push(e) });
      const by = (out.result as unknown as { breakdowns: { by_strategy: Array<{ key: string; trade_count: number; commissions: string; traded_value: string; total_pl: string }> } }).breakdowns.by_strategy;
      expect(by.map((g) => g.key)).toEqual(['revert', 'trend']);
      let total = new Decimal(0);
      for (const g of by) {
        const fills = events.filter((e) => e.event_type === 'fill' && (e.payload as { strategy_id?: string }).strategy_id === g.key).map((e) => e.payload as { commission?: string; filled_quantity: string; fill_price: string });
        const trades = events.filter((e) => e.event_type === 'trade' && (e.payload as { strategy_id: string; status: string }).strategy_id === g.key && (e.payload as { status: string }).status === 'closed');
        expect(g.trade_count, g.key).toBe(trades.length);
        expect(g.commissions, g.key).toBe(fills.reduce((a, f) => a.plus(f.commission ?? '0'), new Decimal(0)).toFixed());
        expect(g.traded_value, g.key).toBe(fills.reduce((a, f) => a.plus(new Decimal(f.filled_quantity).times(f.fill_price)), new Decimal(0)).toFixed());
        total = total.plus(g.total_pl);
      }
      // every fill belongs to one of the two strategies, so their P&L is the run's
      const r = out.result as unknown as { final_equity: string; initial_cash: string };
      expect(total.toFixed()).toBe(new Decimal(r.final_equity).minus(r.initial_cash).toFixed());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hands each strategy\'s budget to the manager, which keeps its opening orders within budget × equity', () => {
    const bars = walkBars(400, 8);
    const cfg = config(['AAA', 'BBB'], {
      strategies: [{ ...TREND, budget: '0.1' }, { ...REVERT, budget: 0.2 }], sizing: { method: 'fixed_quantity', quantity: 400 },
    });
    expect([...strategyBudgets(cfg)]).toEqual([['trend', '0.1'], ['revert', '0.2']]);
    const { of } = run(cfg, bars);
    // 400 shares at ~50–80 is 20,000–32,000, over 10% (trend) of ~100,000 equity: every opening order is cut or refused
    const budget = { trend: 0.1, revert: 0.2 } as Record<string, number>;
    for (const o of of('order').filter((o) => o.side === 'buy' || o.stop_loss === undefined)) {
      const sig = of('signal').find((s) => s.signal_id === o.intent_id)!;
      if (sig.intention !== 'OPEN_LONG') continue;
      expect(Number(o.quantity) * Number(sig.price), o.source_strategy_id).toBeLessThanOrEqual(budget[o.source_strategy_id!]! * 101_000);
    }
    expect(of('risk_violation').some((v) => v.rule === 'strategy_budget')).toBe(true);
    // a lone strategy's budget of 1 (the default) is the whole equity: nothing for the manager to enforce
    expect(strategyBudgets(config(['AAA'], { strategy: { name: 'sma_cross' } })).size).toBe(0);
  });
});
