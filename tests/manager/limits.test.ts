// Each limit refuses or reduces an opening order exactly at its boundary and not one share earlier
// (fake bus, fake views; commission 0.005 a share, minimum 1).
import { describe, it, expect } from 'vitest';
import { FakeMarket, FakePortfolio, policy, setup } from './helpers.js';
import type { RiskLimits } from '../../src/manager/index.js';

const fixed = (quantity: number) => ({ method: 'fixed_quantity' as const, quantity });
const qtys = (m: ReturnType<typeof setup>) => m.orders().map((o) => o.quantity);
const rules = (m: ReturnType<typeof setup>) => m.violations().map((v) => [v.rule, v.action, v.requested_quantity, v.allowed_quantity]);

function withLimits(limits: Partial<RiskLimits>, qty: number, portfolio = new FakePortfolio(), market = new FakeMarket(), extra: Parameters<typeof policy>[0] = {}) {
  return setup(policy({ sizing: fixed(qty), limits, ...extra }), {}, portfolio, market);
}

describe('max_position_pct', () => {
  it('passes the order that reaches the limit exactly and cuts one share more back to it', () => {
    // 0.25 × 100000 / 50 = 500 shares
    const at = withLimits({ max_position_pct: 0.25 }, 500);
    at.send({ intention: 'OPEN_LONG', price: '50' });
    expect(qtys(at)).toEqual(['500']);
    expect(at.violations()).toEqual([]);
    const over = withLimits({ max_position_pct: 0.25 }, 501);
    over.send({ intention: 'OPEN_LONG', price: '50' });
    expect(qtys(over)).toEqual(['500']);
    // 501 × 50 / 100000 = 0.2505
    expect(over.violations()).toEqual([expect.objectContaining({ rule: 'max_position_pct', action: 'reduced', limit_value: '0.25', actual_value: '0.2505', requested_quantity: '501', allowed_quantity: '500' })]);
    // the violation comes before the order it reduced
    expect(over.seen.map((e) => e.event_type)).toEqual(['signal', 'risk_violation', 'order']);
    over.check();
  });

  it('counts what every strategy holds in the symbol, and refuses when nothing is left', () => {
    const m = withLimits({ max_position_pct: 0.25 }, 500, new FakePortfolio().set(80000, 100000));
    m.hold('s2', 'AAA', 400); // 400 held: 500 − 400 = 100 more
    m.send({ intention: 'OPEN_LONG', price: '50' });
    m.hold('s1', 'AAA', 100); // now 500 held: nothing more
    m.send({ intention: 'OPEN_LONG', price: '50' });
    expect(qtys(m)).toEqual(['100']);
    expect(rules(m)).toEqual([['max_position_pct', 'reduced', '500', '100'], ['max_position_pct', 'refused', '500', '0']]);
  });
});

describe('leverage', () => {
  it('max_gross_leverage caps gross exposure at equity × limit', () => {
    // BBB 800 × 50 = 40000 gross of equity 100000 (cash 60000); (0.8 × 100000 − 40000) / 50 = 800 shares of AAA
    const mk = (q: number) => {
      const m = withLimits({ max_gross_leverage: 0.8 }, q, new FakePortfolio().set(60000, 100000), new FakeMarket().set('BBB', { close: 50 }));
      m.hold('s1', 'BBB', 800);
      m.send({ intention: 'OPEN_LONG', price: '50' });
      return m;
    };
    expect(qtys(mk(800))).toEqual(['800']);
    expect(mk(800).violations()).toEqual([]);
    const m = mk(801);
    expect(qtys(m)).toEqual(['800']);
    // (40000 + 801 × 50) / 100000 = 0.80050
    expect(m.violations().map((v) => [v.rule, v.action, v.actual_value, v.allowed_quantity])).toEqual([['max_gross_leverage', 'reduced', '0.8005', '800']]);
  });

  it('refuses with insufficient_cash only (no reduction notes) when the reduced order still cannot be paid', () => {
    // gross 1: (100000 − 40000) / 50 = 1200, but 1200 × 50 + 6 = 60006 > cash 60000
    const m = withLimits({ max_gross_leverage: 1 }, 1500, new FakePortfolio().set(60000, 100000), new FakeMarket().set('BBB', { close: 50 }));
    m.hold('s1', 'BBB', 800);
    m.send({ intention: 'OPEN_LONG', price: '50' });
    expect(rules(m)).toEqual([['insufficient_cash', 'refused', undefined, undefined]]);
    expect(m.violations()[0]!.actual_value).toBe('60006');
  });

  it('max_gross_leverage above 1 lets buys use margin up to the limit', () => {
    // cash 100000, limit 1.5: buying power 150000 → 1500 at 100 with commission 7.5 is 150007.5 > 150000: 1499 passes
    const m = withLimits({ max_gross_leverage: 1.5 }, 1499);
    m.send({ intention: 'OPEN_LONG', price: '100' });
    const n = withLimits({ max_gross_leverage: 1.5 }, 1500);
    n.send({ intention: 'OPEN_LONG', price: '100' });
    expect(qtys(m)).toEqual(['1499']);
    expect(n.violations().map((v) => v.rule)).toEqual(['insufficient_cash']);
  });

  it('max_net_leverage nets longs against shorts', () => {
    // short BBB 400 × 50 = −20000 net; opening a short in AAA: (0.5 × 100000 − 20000) / 50 = 600
    const market = new FakeMarket().set('BBB', { close: 50 });
    const pol = policy({ sizing: fixed(1000), limits: { allow_short: true, max_net_leverage: 0.5 } });
    const m = setup(pol, {}, new FakePortfolio(), market);
    m.hold('s1', 'BBB', -400);
    m.send({ intention: 'OPEN_SHORT', price: '50' });
    // a long in AAA offsets the short: (0.5 × 100000 + 20000) / 50 = 1400 ≥ 1000, no cut
    m.send({ intention: 'OPEN_LONG', price: '50' });
    expect(m.orders().map((o) => [o.side, o.quantity])).toEqual([['sell', '600'], ['buy', '1000']]);
    expect(rules(m)).toEqual([['max_net_leverage', 'reduced', '1000', '600']]);
  });
});

describe('cash_buffer', () => {
  it('keeps buffer × equity in cash after the buy and its commission', () => {
    // cash 10000, buffer 0.05 × 100000 = 5000 to spend; at 10: 499 × 10 + 2.495 = 4992.495 fits, 500 × 10 + 2.5 does not
    const mk = (q: number) => {
      const m = withLimits({ cash_buffer: 0.05 }, q, new FakePortfolio().set(10000, 100000));
      m.send({ intention: 'OPEN_LONG', price: '10' });
      return m;
    };
    expect(qtys(mk(499))).toEqual(['499']);
    expect(mk(499).violations()).toEqual([]);
    const m = mk(500);
    expect(qtys(m)).toEqual(['499']);
    expect(rules(m)).toEqual([['cash_buffer', 'reduced', '500', '499']]);
    // 10000 − 5000 − 2.5 = 4997.5 left of 100000 equity
    expect(m.violations()[0]!.actual_value).toBe('0.049975');
  });

  it('does not apply to short sales', () => {
    const m = setup(policy({ sizing: fixed(5000), limits: { allow_short: true, cash_buffer: 0.5 } }), {}, new FakePortfolio().set(0, 100000));
    m.send({ intention: 'OPEN_SHORT', price: '10' });
    expect(qtys(m)).toEqual(['5000']);
  });
});

describe('refusing rules', () => {
  it('refuses short sales when the policy does not allow them', () => {
    const m = withLimits({ allow_short: false }, 10);
    m.send({ intention: 'OPEN_SHORT', price: '10' });
    expect(rules(m)).toEqual([['shorting_disabled', 'refused', undefined, undefined]]);
  });

  it('max_open_positions refuses a new symbol at the limit but adds to a held one', () => {
    const m = withLimits({ max_open_positions: 2 }, 10);
    m.hold('s1', 'BBB', 10);
    m.send({ intention: 'OPEN_LONG', price: '10', symbol: 'AAA' }); // 1 open: the 2nd is allowed
    m.hold('s1', 'AAA', 10);
    m.send({ intention: 'OPEN_LONG', price: '10', symbol: 'CCC' }); // 2 open: refused
    m.send({ intention: 'OPEN_LONG', price: '10', symbol: 'AAA' }); // held: allowed
    expect(m.orders().map((o) => o.symbol)).toEqual(['AAA', 'AAA']);
    expect(m.violations().map((v) => [v.rule, v.symbol, v.limit_value, v.actual_value])).toEqual([['max_open_positions', 'CCC', '2', '3']]);
  });

  it('never limits closing signals', () => {
    const m = withLimits({ max_open_positions: 0, max_position_pct: 0.01, max_drawdown: 0.01 }, 10, new FakePortfolio().set(0, 50000));
    m.hold('s1', 'AAA', 300);
    m.send({ intention: 'CLOSE_LONG', price: '10' });
    expect(m.orders().map((o) => [o.side, o.quantity])).toEqual([['sell', '300']]);
  });
});

describe('concentration', () => {
  const classification = { AAA: { sector: 'Tech', industry: 'Chips' }, BBB: { sector: 'Tech', industry: 'Software' }, CCC: { sector: 'Energy' } };

  it('max_sector_pct caps a sector\'s gross exposure; other sectors and unclassified symbols are free', () => {
    // Tech holds BBB 400 × 50 = 20000; (0.3 × 100000 − 20000) / 50 = 200 more of AAA
    const market = new FakeMarket().set('BBB', { close: 50 });
    const m = withLimits({ max_sector_pct: 0.3 }, 300, new FakePortfolio(), market, { classification });
    m.hold('s1', 'BBB', 400);
    m.send({ intention: 'OPEN_LONG', price: '50', symbol: 'AAA' });
    m.send({ intention: 'OPEN_LONG', price: '50', symbol: 'CCC' });
    m.send({ intention: 'OPEN_LONG', price: '50', symbol: 'DDD' });
    expect(m.orders().map((o) => [o.symbol, o.quantity])).toEqual([['AAA', '200'], ['CCC', '300'], ['DDD', '300']]);
    expect(m.violations().map((v) => [v.rule, v.actual_value])).toEqual([['max_sector_pct', '0.35']]);
  });

  it('max_industry_pct groups by industry', () => {
    // Software holds BBB 20000, Chips nothing: AAA may take 0.1 × 100000 / 50 = 200
    const market = new FakeMarket().set('BBB', { close: 50 });
    const m = withLimits({ max_industry_pct: 0.1 }, 300, new FakePortfolio(), market, { classification });
    m.hold('s1', 'BBB', 400);
    m.send({ intention: 'OPEN_LONG', price: '50', symbol: 'AAA' });
    m.send({ intention: 'OPEN_LONG', price: '50', symbol: 'BBB' });
    expect(m.orders().map((o) => [o.symbol, o.quantity])).toEqual([['AAA', '200']]);
    expect(rules(m)).toEqual([['max_industry_pct', 'reduced', '300', '200'], ['max_industry_pct', 'refused', '300', '0']]);
  });
});

describe('max_adv_pct', () => {
  it('caps the order at a share of the average daily volume, and refuses before any session has closed', () => {
    // 0.01 × 50000 = 500
    const m = withLimits({ max_adv_pct: 0.01 }, 600, new FakePortfolio(), new FakeMarket().set('AAA', { close: 10, adv: 50000 }).set('BBB', { close: 10 }));
    m.send({ intention: 'OPEN_LONG', price: '10' });
    m.send({ intention: 'OPEN_LONG', price: '10', symbol: 'BBB' });
    expect(qtys(m)).toEqual(['500']);
    expect(m.violations().map((v) => [v.rule, v.action, v.actual_value])).toEqual([['max_adv_pct', 'reduced', '0.012'], ['max_adv_pct', 'refused', '1']]);
    expect(m.violations()[1]!.reason).toMatch(/not known before the first session has closed/);
  });
});

describe('several limits', () => {
  it('applies each in turn and reports every cut, down to lots', () => {
    // max_position 0.3 → 600 at 50; gross 0.25 → 500; lots of 100 keep 500; adv 0.01 × 45000 = 450 → 400 in lots
    const m = setup(policy({ sizing: fixed(1000), sz: { lot_size: 100 }, limits: { max_position_pct: 0.3, max_gross_leverage: 0.25, max_adv_pct: 0.01 } }), {}, new FakePortfolio(),
      new FakeMarket().set('AAA', { close: 50, adv: 45000 }));
    m.send({ intention: 'OPEN_LONG', price: '50' });
    expect(qtys(m)).toEqual(['400']);
    expect(rules(m)).toEqual([['max_position_pct', 'reduced', '1000', '600'], ['max_gross_leverage', 'reduced', '600', '500'], ['max_adv_pct', 'reduced', '500', '400']]);
    m.check();
  });
});
