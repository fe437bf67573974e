// Budgets across two strategies in a whole engine run (the multi-strategy engine of the strategy
// work): each strategy sizes against its share of equity, and its gross exposure stays inside it.
import { describe, it, expect } from 'vitest';
import { normalizeConfig } from '../../src/config/index.js';
import { runEngine } from '../../src/engine/index.js';
import { validateEvent } from '../../src/events/contracts.js';
import type { QtraderEvent } from '../../src/events/index.js';
import { scriptBars, flat } from '../engine/script.js';

describe('budgets in the engine', () => {
  it('sizes two buy-and-hold strategies against their budgets', () => {
    const bars = scriptBars({ bars: { AAA: flat(6, 50), BBB: flat(6, 20) } });
    const cfg = normalizeConfig({
      run: { id: 'budgets' }, data: { files: bars.symbols.map((s) => ({ path: `${s}.csv`, symbol: s })) },
      strategies: [{ name: 'buy_and_hold', id: 'a', budget: '0.5' }, { name: 'buy_and_hold', id: 'b', budget: '0.25' }],
      portfolio: { initial_cash: '100000' }, execution: { commission: { per_share: '0', minimum: '0' } },
      risk: { sizing: { method: 'fixed_fraction', fraction: 0.6 } },
    }, 'test');
    const events: QtraderEvent[] = [];
    runEngine(cfg, bars, { runId: 'budgets', onEvent: (e) => { validateEvent(e); events.push(e); } });
    const orders = events.filter((e) => e.event_type === 'order').map((e) => e.payload as { source_strategy_id: string; symbol: string; quantity: string });
    const violations = events.filter((e) => e.event_type === 'risk_violation').map((e) => e.payload as { strategy_id: string; symbol: string; rule: string; allowed_quantity?: string });
    // a: capital 50000; AAA 0.6 × 50000 / 50 = 600 (30000); BBB 0.6 × 50000 / 20 = 1500 (30000) would make 60000 > 50000:
    //    cut to (50000 − 30000) / 20 = 1000 — whichever symbol comes second is cut, in signal order
    // b: capital 25000; AAA 0.6 × 25000 / 50 = 300 (15000); BBB 750 (15000) cut to (25000 − 15000) / 20 = 500
    const byStrategy = (id: string) => orders.filter((o) => o.source_strategy_id === id).map((o) => [o.symbol, o.quantity]);
    expect(byStrategy('a')).toEqual([['AAA', '600'], ['BBB', '1000']]);
    expect(byStrategy('b')).toEqual([['AAA', '300'], ['BBB', '500']]);
    expect(violations.map((v) => [v.strategy_id, v.symbol, v.rule, v.allowed_quantity])).toEqual([['a', 'BBB', 'strategy_budget', '1000'], ['b', 'BBB', 'strategy_budget', '500']]);
  });
});
