// Drawdown halt and flatten, the daily loss limit and its reset, enforced exits, and budgets across
// two strategies (fake bus, fake views; every event checked against its contract).
import { describe, it, expect } from 'vitest';
import { Decimal } from '../../src/model/index.js';
import { FakeMarket, FakePortfolio, policy, setup } from './helpers.js';

const fixed = (quantity: number) => ({ method: 'fixed_quantity' as const, quantity });

function snapshot(m: ReturnType<typeof setup>, equity: string, at = '2024-01-02T21:00:00Z') {
  m.bus.publish(m.factory('ledger').make('snapshot', at, {
    portfolio_id: 'p', start_datetime: '2024-01-02T14:30:00Z', snapshot_datetime: at, reporting_currency: 'USD', initial_portfolio_equity: '100000',
    cash_balance: equity, current_portfolio_equity: equity, total_market_value: '0', total_unrealized_pl: '0', total_realized_pl: '0', total_pl: '0',
    long_exposure: '0', short_exposure: '0', net_exposure: '0', gross_exposure: '0', leverage: '0', strategies_groups: [],
  }));
}

describe('max drawdown halt', () => {
  it('opens while the drawdown is under the limit and refuses from the signal that reaches it, for the rest of the run', () => {
    const pf = new FakePortfolio();
    const m = setup(policy({ sizing: fixed(10), limits: { max_drawdown: 0.1 } }), {}, pf);
    pf.set(110000, 110000); // a new peak
    m.send({ intention: 'OPEN_LONG', price: '10' });
    pf.set(99000.01, 99000.01); // (110000 − 99000.01) / 110000 = 0.09999…: still under 10%
    m.send({ intention: 'OPEN_LONG', price: '10' });
    pf.set(99000, 99000); // exactly 10% below the peak: halted
    m.send({ intention: 'OPEN_LONG', price: '10' });
    pf.set(120000, 120000); // recovered: still halted (the halt holds for the run)
    m.send({ intention: 'OPEN_LONG', price: '10' });
    expect(m.orders()).toHaveLength(2);
    expect(m.violations().map((v) => [v.rule, v.limit_value, v.actual_value])).toEqual([['max_drawdown_halt', '0.1', '0.1'], ['max_drawdown_halt', '0.1', '0.1']]);
    m.check();
  });

  it('flattens every strategy\'s positions once when the policy says flatten', () => {
    const pf = new FakePortfolio();
    const m = setup(policy({ sizing: fixed(10), limits: { max_drawdown: 0.2, drawdown_action: 'flatten', allow_short: true } }), {}, pf);
    m.hold('s1', 'AAA', 300);
    m.hold('s2', 'BBB', -50);
    pf.set(79000, 79000); // 21% below the initial 100000
    m.send({ intention: 'OPEN_LONG', price: '10' });
    m.send({ intention: 'OPEN_LONG', price: '10' });
    expect(m.orders().map((o) => [o.source_strategy_id, o.symbol, o.side, o.quantity])).toEqual([['s1', 'AAA', 'sell', '300'], ['s2', 'BBB', 'buy', '50']]);
    expect(m.violations().map((v) => v.rule)).toEqual(['max_drawdown_halt', 'max_drawdown_halt']);
    m.check();
  });

  it('finds the drawdown at a snapshot and flattens there', () => {
    const m = setup(policy({ sizing: fixed(10), limits: { max_drawdown: 0.05, drawdown_action: 'flatten' } }));
    m.hold('s1', 'AAA', 100);
    snapshot(m, '96000'); // 4%: nothing
    expect(m.orders()).toHaveLength(0);
    snapshot(m, '95000'); // 5%: halt and flatten
    snapshot(m, '90000'); // once only
    expect(m.orders().map((o) => [o.symbol, o.side, o.quantity])).toEqual([['AAA', 'sell', '100']]);
    const v = m.violations();
    expect(v.map((x) => [x.rule, x.strategy_id, x.actual_value])).toEqual([['max_drawdown_halt', 'portfolio', '0.05']]);
    expect(m.orders()[0]!.intent_id).toBe(v[0]!.signal_id);
    m.check();
  });
});

describe('flattening cancels the entry orders still waiting to fill', () => {
  it('cancels them before the flattening orders, at a snapshot, and only once', () => {
    const m = setup(policy({ sizing: fixed(10), limits: { max_drawdown: 0.05, drawdown_action: 'flatten' } }));
    m.hold('s1', 'AAA', 100);
    // equity 100000 (the peak): both entries are sent; CCC's fills, BBB's is still waiting
    m.send({ intention: 'OPEN_LONG', symbol: 'BBB', price: '10' });
    m.send({ intention: 'OPEN_LONG', symbol: 'CCC', price: '10', strategy_id: 's2' });
    const [bbb, ccc] = m.orders();
    m.fillAll(new Set([bbb!.order_id]));
    snapshot(m, '95000'); // (100000 − 95000) / 100000 = 5%: halt and flatten
    snapshot(m, '90000'); // once only
    const v = m.violations();
    expect(v.map((x) => [x.rule, x.strategy_id])).toEqual([['max_drawdown_halt', 'portfolio']]);
    // the cancel of BBB's entry, then market orders closing AAA (100, s1) and CCC (10, s2): positions in the order first traded
    const after = m.seen.filter((e) => e.event_type === 'order_cancel' || (e.event_type === 'order' && e.payload.order_id !== bbb!.order_id && e.payload.order_id !== ccc!.order_id));
    expect(after.map((e) => e.event_type === 'order_cancel'
      ? ['cancel', e.payload.order_id, e.payload.symbol, e.payload.strategy_id]
      : e.event_type === 'order' ? ['order', e.payload.symbol, e.payload.side, e.payload.quantity, e.payload.source_strategy_id] : [e.event_type])).toEqual([
      ['cancel', bbb!.order_id, 'BBB', 's1'], ['order', 'AAA', 'sell', '100', 's1'], ['order', 'CCC', 'sell', '10', 's2'],
    ]);
    const cancel = m.of('order_cancel')[0]!;
    expect(cancel.payload.reason).toMatch(/max_drawdown_halt/);
    // the cancel and the flattening orders carry the halt's intent as their correlation
    expect(cancel.correlation_id).toBe(v[0]!.signal_id);
    expect(m.orders().at(-1)!.intent_id).toBe(v[0]!.signal_id);
    m.check();
  });

  it('cancels what is left of a partly filled entry at the signal that finds the daily loss, and frees its room', () => {
    const pf = new FakePortfolio();
    const market = new FakeMarket().set('AAA', { close: 10 });
    const m = setup(policy({ sizing: fixed(300), limits: { daily_loss_limit: 0.01, daily_loss_action: 'flatten', max_position_pct: 0.05 } }), {}, pf, market);
    // max_position_pct 0.05 × 100000 / 10 = 500 AAA: the first entry takes 300 of the room
    m.send({ intention: 'OPEN_LONG', price: '10' });
    const entry = m.orders()[0]!;
    // 100 of the 300 fill; 200 keep waiting
    pf.hold('s1', 'AAA', 100);
    m.bus.publish(m.factory('execution').make('fill', '2024-01-02T14:31:00Z', {
      fill_id: '00000000-0000-8000-8000-0000000000f1', order_id: entry.order_id, timestamp: '2024-01-02T14:31:00Z',
      symbol: 'AAA', side: 'buy', filled_quantity: '100', fill_price: '10', strategy_id: 's1', remaining_quantity: '200',
    }));
    pf.set(98900, 98900); // 1.1% down from the initial 100000: refused, flattened
    m.send({ intention: 'OPEN_LONG', price: '10' });
    expect(m.of('order_cancel').map((c) => [c.payload.order_id, c.payload.symbol])).toEqual([[entry.order_id, 'AAA']]);
    expect(m.orders().slice(1).map((o) => [o.symbol, o.side, o.quantity])).toEqual([['AAA', 'sell', '100']]);
    expect(m.of('order_cancel')[0]!.payload.reason).toMatch(/daily_loss_limit/);
    // execution cancels the 200 and the flattening sell fills; next session, from the close at 98900:
    // the cap is 0.05 × 98900 / 10 = 494.5 shares. With the cancelled 200 still counted it would be
    // 294 (a reduction); freed, the 300 pass whole.
    m.bus.publish(m.factory('execution').make('order_status', '2024-01-02T14:32:00Z', {
      order_id: entry.order_id, timestamp: '2024-01-02T14:32:00Z', symbol: 'AAA', status: 'cancelled', reason_code: 'requested', reason: 'test',
    }));
    pf.hold('s1', 'AAA', 0);
    snapshot(m, '98900');
    market.sessionV = 1;
    m.send({ intention: 'OPEN_LONG', price: '10' });
    expect(m.orders().slice(2).map((o) => [o.side, o.quantity])).toEqual([['buy', '300']]);
    expect(m.violations().map((x) => x.rule)).toEqual(['daily_loss_limit']);
    m.check();
  });

  it('sends no cancel when nothing is waiting', () => {
    const m = setup(policy({ sizing: fixed(10), limits: { max_drawdown: 0.05, drawdown_action: 'flatten' } }));
    m.hold('s1', 'AAA', 100);
    snapshot(m, '95000');
    expect(m.of('order_cancel')).toEqual([]);
    expect(m.orders().map((o) => [o.symbol, o.side, o.quantity])).toEqual([['AAA', 'sell', '100']]);
  });
});

describe('daily loss limit', () => {
  it('stops opening for the rest of the session and resets at the next one from the previous close', () => {
    const pf = new FakePortfolio();
    const market = new FakeMarket();
    const m = setup(policy({ sizing: fixed(10), limits: { daily_loss_limit: 0.02 } }), {}, pf, market);
    pf.set(98000.01, 98000.01); // session 0 starts from the initial 100000: −1.99999%
    m.send({ intention: 'OPEN_LONG', price: '10' });
    pf.set(98000, 98000); // −2%: halted
    m.send({ intention: 'OPEN_LONG', price: '10' });
    pf.set(99000, 99000); // recovered within the session: still halted
    m.send({ intention: 'OPEN_LONG', price: '10' });
    snapshot(m, '98500'); // the session's close
    market.sessionV = 1;
    pf.set(96530.01, 96530.01); // (98500 − 96530.01) / 98500 = 1.99999%: allowed
    m.send({ intention: 'OPEN_LONG', price: '10' });
    pf.set(96530, 96530); // exactly 2% of 98500 = 1970 lost: halted
    m.send({ intention: 'OPEN_LONG', price: '10' });
    expect(m.orders()).toHaveLength(2);
    expect(m.violations().map((v) => [v.rule, v.actual_value])).toEqual([['daily_loss_limit', '0.02'], ['daily_loss_limit', '0.01'], ['daily_loss_limit', '0.02']]);
    m.check();
  });

  it('flattens once per session when the policy says flatten', () => {
    const pf = new FakePortfolio();
    const market = new FakeMarket();
    const m = setup(policy({ sizing: fixed(10), limits: { daily_loss_limit: 0.01, daily_loss_action: 'flatten' } }), {}, pf, market);
    m.hold('s1', 'AAA', 100);
    pf.set(98000, 98000);
    m.send({ intention: 'OPEN_LONG', price: '10' });
    m.send({ intention: 'OPEN_LONG', price: '10' });
    expect(m.orders().map((o) => [o.side, o.quantity])).toEqual([['sell', '100']]);
    snapshot(m, '98000');
    market.sessionV = 1;
    pf.set(96000, 96000); // −2.04% of 98000 in the new session: flattened again
    m.send({ intention: 'OPEN_LONG', price: '10' });
    expect(m.orders().map((o) => [o.side, o.quantity])).toEqual([['sell', '100'], ['sell', '100']]);
    expect(new Set(m.orders().map((o) => o.idempotency_key)).size).toBe(2);
  });
});

describe('the equity watch the engine checks at every bar', () => {
  // the level of a threshold x: above x·(1 + 1e-9) + 1e-6 the float checks clear the rule
  const band = (x: number) => x * (1 + 1e-9) + 1e-6;

  it('hands the engine the highest rule level, waits for a lower equity after a bar with nothing new, and drops halted rules', () => {
    const pf = new FakePortfolio();
    const market = new FakeMarket();
    const levels: number[] = [];
    const m = setup(policy({ sizing: fixed(10), limits: { max_drawdown: 0.1, daily_loss_limit: 0.02 } }), { watch: (l) => levels.push(l) }, pf, market);
    // peak 100000 → drawdown at 90000; session 0 starts from 100000 → loss limit at 98000: the higher one
    expect(levels).toEqual([band(98000)]);
    pf.set(98500, 98500); // −1.5%: nothing; the level stays (it is below this equity already)
    m.manager.onEquityWatch('2024-01-02T15:00:00Z');
    expect(m.violations()).toHaveLength(0);
    expect(levels).toEqual([band(98000)]);
    pf.set(97000, 97000); // −3%: the session halts at this bar, reported for the portfolio (no flatten: no order)
    m.manager.onEquityWatch('2024-01-02T15:01:00Z');
    expect(m.violations().map((v) => [v.rule, v.symbol, v.timestamp, v.actual_value])).toEqual([['daily_loss_limit', 'PORTFOLIO', '2024-01-02T15:01:00Z', '0.03']]);
    // halted for the session: the level is the next session's, from the latest close (still 100000)
    expect(levels.at(-1)).toBe(band(98000));
    m.manager.onEquityWatch('2024-01-02T15:02:00Z'); // still 97000: nothing new, no second violation
    expect(m.violations()).toHaveLength(1);
    // the engine would stop at every bar below 98000: it now waits for an equity below this one
    expect(levels.at(-1)).toBeLessThan(97000);
    expect(levels.at(-1)).toBeGreaterThan(97000 - 1e-6);
    snapshot(m, '97500'); // the session's close: session 1 will start from 97500 → 95550
    expect(levels.at(-1)).toBe(band(95550));
    market.sessionV = 1;
    pf.set(95550, 95550); // exactly 2% below 97500: the new session halts
    m.manager.onEquityWatch('2024-01-03T14:40:00Z');
    pf.set(90000, 90000); // 10% below the peak 100000: the drawdown halt holds for the run; its level is gone
    m.manager.onEquityWatch('2024-01-03T14:41:00Z');
    expect(m.violations().map((v) => [v.rule, v.actual_value])).toEqual([['daily_loss_limit', '0.03'], ['daily_loss_limit', '0.02'], ['max_drawdown_halt', '0.1']]);
    // only the loss limit is left: the next session's, from the latest close (97500)
    expect(levels.at(-1)).toBe(band(95550));
    expect(m.orders()).toHaveLength(0);
    m.check();
  });

  it('hands no level without a halting rule or without a watch', () => {
    const levels: number[] = [];
    setup(policy({ sizing: fixed(10), limits: { max_position_pct: 0.5 } }), { watch: (l) => levels.push(l) });
    expect(levels).toEqual([]);
    // a drawdown rule that flattens, without the engine's watch: found at signals and snapshots only (the tests above)
    const m = setup(policy({ sizing: fixed(10), limits: { max_drawdown: 0.05, drawdown_action: 'flatten' } }));
    m.hold('s1', 'AAA', 100);
    m.portfolio.set(94000, 94000);
    m.manager.onEquityWatch('2024-01-02T15:00:00Z'); // an engine may still call it: the halt is found and flattens
    expect(m.orders().map((o) => [o.symbol, o.side, o.quantity, o.timestamp])).toEqual([['AAA', 'sell', '100', '2024-01-02T15:00:00Z']]);
    expect(m.orders()[0]!.intent_id).toBe(m.violations()[0]!.signal_id);
    m.check();
  });
});

describe('enforced exits', () => {
  it('attaches stop-loss and take-profit by percent to longs and shorts whose signal has none', () => {
    const m = setup(policy({ sizing: fixed(10), limits: { allow_short: true }, stops: { stop_loss: { percent: 0.05 }, take_profit: { percent: 0.1 } } }));
    m.send({ intention: 'OPEN_LONG', price: '40' }); // 40 × 0.95 = 38, 40 × 1.1 = 44
    m.send({ intention: 'OPEN_SHORT', price: '40' }); // 42 above, 36 below
    m.send({ intention: 'OPEN_LONG', price: '40', stop_loss: '39.5' }); // the signal's stop wins, the policy's take-profit is added
    expect(m.orders().map((o) => [o.side, o.stop_loss, o.take_profit])).toEqual([['buy', '38', '44'], ['sell', '42', '36'], ['buy', '39.5', '44']]);
    m.check();
  });

  it('places ATR exits from the market view, and refuses before the ATR is known', () => {
    const market = new FakeMarket().set('AAA', { close: 40, atr: 1.5 }).set('BBB', { close: 40 });
    const m = setup(policy({ sizing: fixed(10), stops: { stop_loss: { atr: 2, window: 14 }, take_profit: { atr: 3, window: 14 } } }), {}, undefined, market);
    m.send({ intention: 'OPEN_LONG', price: '40' }); // 40 − 2 × 1.5 = 37, 40 + 4.5 = 44.5
    m.send({ intention: 'OPEN_LONG', price: '40', symbol: 'BBB' });
    expect(m.orders().map((o) => [o.stop_loss, o.take_profit])).toEqual([['37', '44.5']]);
    expect(m.violations().map((v) => [v.rule, v.symbol])).toEqual([['enforced_exit', 'BBB']]);
  });

  it('refuses an exit that would not be a price', () => {
    const m = setup(policy({ sizing: fixed(10), stops: { stop_loss: { percent: 1.5 } } }));
    m.send({ intention: 'OPEN_LONG', price: '40' });
    expect(m.violations()[0]).toMatchObject({ rule: 'enforced_exit' });
  });
});

describe('budgets across strategies', () => {
  const budgets = new Map([['s1', '0.5'], ['s2', '0.25']]);

  it('sizes each strategy against its share of equity and caps its gross exposure there, pending orders included', () => {
    const market = new FakeMarket().set('AAA', { close: 100 }).set('BBB', { close: 100 });
    // equity 100000 at flat prices; cash kept large: this test is about the budgets
    const pf = new FakePortfolio().set(1e6, 100000);
    const m = setup(policy({ sizing: { method: 'fixed_fraction', fraction: 0.6 } }), { budgets }, pf, market);
    // s1: capital 0.5 × 100000 = 50000; 0.6 × 50000 / 100 = 300 shares
    m.send({ intention: 'OPEN_LONG', price: '100', strategy_id: 's1', symbol: 'AAA' });
    m.fillAll();
    // s2: capital 25000; 0.6 × 25000 / 100 = 150
    m.send({ intention: 'OPEN_LONG', price: '100', strategy_id: 's2', symbol: 'AAA' });
    m.fillAll();
    // s3 has no budget: the whole equity, 600
    m.send({ intention: 'OPEN_LONG', price: '100', strategy_id: 's3', symbol: 'BBB' });
    m.fillAll();
    // s1 holds 30000 of its 50000: 300 more would make 60000 → cut to (50000 − 30000) / 100 = 200 (not filled yet)
    m.send({ intention: 'OPEN_LONG', price: '100', strategy_id: 's1', symbol: 'BBB' });
    // s1's 200 pending count: 30000 + 20000 is its whole budget, refused
    m.send({ intention: 'OPEN_LONG', price: '100', strategy_id: 's1', symbol: 'CCC' });
    // s2 holds 15000 of its 25000: 150 more → cut to 100
    m.send({ intention: 'OPEN_LONG', price: '100', strategy_id: 's2', symbol: 'BBB' });
    expect(m.orders().map((o) => [o.source_strategy_id, o.symbol, o.quantity])).toEqual([
      ['s1', 'AAA', '300'], ['s2', 'AAA', '150'], ['s3', 'BBB', '600'], ['s1', 'BBB', '200'], ['s2', 'BBB', '100'],
    ]);
    // actual: the strategy's gross exposure with the requested order, over equity: (30000 + 30000) / 100000,
    // (50000 + 30000) / 100000, (15000 + 15000) / 100000
    expect(m.violations().map((v) => [v.strategy_id, v.rule, v.action, v.limit_value, v.actual_value])).toEqual([
      ['s1', 'strategy_budget', 'reduced', '0.5', '0.6'], ['s1', 'strategy_budget', 'refused', '0.5', '0.8'], ['s2', 'strategy_budget', 'reduced', '0.25', '0.3'],
    ]);
    m.check();
  });

  it('frees the room of an opening order that ends unfilled', () => {
    const m = setup(policy({ sizing: fixed(300), limits: { max_position_pct: 0.5 } }), {}, new FakePortfolio(), new FakeMarket().set('AAA', { close: 100 }));
    // 0.5 × 100000 / 100 = 500: 300, then 200 while the first is pending
    m.send({ intention: 'OPEN_LONG', price: '100' });
    m.send({ intention: 'OPEN_LONG', price: '100' });
    const [first, second] = m.orders();
    // execution refuses the first, cancels the second: the room is free again
    m.bus.publish(m.factory('execution').make('risk_violation', '2024-01-02T14:30:00Z', {
      order_id: first!.order_id, timestamp: '2024-01-02T14:30:00Z', strategy_id: 's1', symbol: 'AAA', rule: 'oversell', reason: 'test',
    }));
    m.bus.publish(m.factory('execution').make('order_status', '2024-01-02T14:30:00Z', {
      order_id: second!.order_id, timestamp: '2024-01-02T14:30:00Z', symbol: 'AAA', status: 'cancelled', reason_code: 'test', reason: 'test',
    }));
    m.send({ intention: 'OPEN_LONG', price: '100' });
    expect(m.orders().map((o) => o.quantity)).toEqual(['300', '200', '300']);
    // the third fills: 300 held, nothing pending: 200 more
    m.fillAll(new Set([first!.order_id, second!.order_id]));
    m.send({ intention: 'OPEN_LONG', price: '100' });
    expect(m.orders().map((o) => o.quantity)).toEqual(['300', '200', '300', '200']);
    m.check();
  });

  it('keeps a manager without market data on the legacy rules and refuses to build one that needs it', () => {
    const pf = new FakePortfolio();
    expect(() => setup(policy({ sizing: { method: 'volatility_target', target_risk: 0.01, volatility: 'atr', window: 5 } }), { market: undefined }, pf)).toThrow(/need market data/);
    const m = setup(undefined, { market: undefined, sizing: { method: 'fixed_fraction', fraction: 0.5 } }, pf.set(1000, 1000));
    m.send({ intention: 'OPEN_LONG', price: '100' });
    expect(m.orders()[0]!.quantity).toBe('5');
    expect(m.manager.riskPolicy.source).toBe('legacy');
    expect(m.manager.handled).toBe(1);
    expect(new Decimal(m.orders()[0]!.quantity).toNumber()).toBe(5);
  });
});
