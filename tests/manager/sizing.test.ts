// Each sizing algorithm turns one signal into the quantity derived in its comment (fake bus, fake views).
import { describe, it, expect } from 'vitest';
import { Decimal } from '../../src/model/index.js';
import { floorQuotient, kellyFraction } from '../../src/manager/index.js';
import { FakeMarket, FakePortfolio, policy, setup } from './helpers.js';

const qtys = (m: ReturnType<typeof setup>) => m.orders().map((o) => o.quantity);

describe('sizing algorithms', () => {
  it('fixed quantity, rounded down to whole lots: 250 shares in lots of 100 → 200', () => {
    const m = setup(policy({ sizing: { method: 'fixed_quantity', quantity: 250 }, sz: { lot_size: 100 } }));
    m.send({ intention: 'OPEN_LONG', price: '10' });
    expect(qtys(m)).toEqual(['200']);
    m.check();
  });

  it('fixed fraction of equity: floor(0.1 × 100000 / 30) = 333', () => {
    const m = setup(policy({ sizing: { method: 'fixed_fraction', fraction: 0.1 } }));
    m.send({ intention: 'OPEN_LONG', price: '30' });
    expect(qtys(m)).toEqual(['333']);
  });

  it('volatility target by ATR: 0.01 × 100000 / ATR 2.5 = 400 shares', () => {
    const m = setup(policy({ sizing: { method: 'volatility_target', target_risk: 0.01, volatility: 'atr', window: 20 } }), {}, undefined,
      new FakeMarket().set('AAA', { close: 50, atr: 2.5 }));
    m.send({ intention: 'OPEN_LONG', price: '50' });
    expect(qtys(m)).toEqual(['400']);
  });

  it('volatility target by stdev of returns: 0.01 × 100000 / (0.02 × 50) = 1000 shares, exactly at the whole share', () => {
    const m = setup(policy({ sizing: { method: 'volatility_target', target_risk: 0.01, volatility: 'stdev', window: 20 } }), {}, undefined,
      new FakeMarket().set('AAA', { close: 50, stdev: 0.02 }));
    m.send({ intention: 'OPEN_LONG', price: '50' });
    // 0.02 × 50 is 1.0000000000000002 in floats: the exact quotient 1000 / 1.0000000000000002 is just under 1000 → 999
    const exact = new Decimal(1000).div(new Decimal(0.02 * 50)).floor().toFixed();
    expect(qtys(m)).toEqual([exact]);
  });

  it('refuses volatility sizing before the window has filled (sizing_warmup)', () => {
    const m = setup(policy({ sizing: { method: 'volatility_target', target_risk: 0.01, volatility: 'atr', window: 20 } }), {}, undefined,
      new FakeMarket().set('AAA', { close: 50 }));
    m.send({ intention: 'OPEN_LONG', price: '50' });
    expect(m.orders()).toHaveLength(0);
    expect(m.violations()[0]).toMatchObject({ rule: 'sizing_warmup', action: 'refused' });
    m.check();
  });

  it('fractional Kelly from the strategy\'s closed trades, with the fallback before min_trades', () => {
    const m = setup(policy({ sizing: { method: 'kelly', scale: 0.5, min_trades: 10, cap: 0.25, fallback: 0.05 } }));
    // 9 trades closed: fallback 0.05 → floor(0.05 × 100000 / 40) = 125
    for (let i = 0; i < 6; i++) m.trade('s1', '200');
    for (let i = 0; i < 3; i++) m.trade('s1', '-100');
    m.send({ intention: 'OPEN_LONG', price: '40' });
    // the 10th: W = 6/10, R = 200/100 = 2, f* = 0.6 − 0.4/2 = 0.4, half Kelly 0.2 (< cap 0.25) → floor(0.2 × 100000 / 40) = 500
    m.trade('s1', '-100');
    m.send({ intention: 'OPEN_LONG', price: '40' });
    // another strategy's trades do not count: s2 is still on the fallback
    m.send({ intention: 'OPEN_LONG', price: '40', strategy_id: 's2' });
    expect(qtys(m)).toEqual(['125', '500', '125']);
  });

  it('caps Kelly and refuses when the edge is negative', () => {
    // W = 0.9, no loss: f* = W = 0.9, half = 0.45, capped at 0.25
    const D = (x: number) => new Decimal(x);
    expect(kellyFraction({ wins: 9, losses: 0, winSum: D(9), lossSum: D(0) }, 0.5, 5, 0.25, 0.1).toNumber()).toBe(0.25);
    // W = 0.2, R = 1: f* = 0.2 − 0.8 = −0.6 → 0
    expect(kellyFraction({ wins: 2, losses: 8, winSum: D(2), lossSum: D(8) }, 0.5, 5, 0.25, 0.1).toNumber()).toBe(0);
    expect(kellyFraction({ wins: 0, losses: 5, winSum: D(0), lossSum: D(5) }, 0.5, 5, 0.25, 0.1).toNumber()).toBe(0);
    // W = 3/5 = 0.6, R = (600/3) / (200/2) = 2: f* = 0.6 − 0.4 / 2 = 0.4 exactly, half of it 0.2
    expect(kellyFraction({ wins: 3, losses: 2, winSum: D(600), lossSum: D(200) }, 0.5, 5, 0.25, 0.1).toFixed()).toBe('0.2');
    const m = setup(policy({ sizing: { method: 'kelly', scale: 0.5, min_trades: 2, cap: 0.25, fallback: 0.05 } }));
    m.trade('s1', '-5');
    m.trade('s1', '-5');
    m.send({ intention: 'OPEN_LONG', price: '40' });
    expect(m.violations()[0]).toMatchObject({ rule: 'kelly_no_edge', action: 'refused' });
    expect(m.violations()[0]!.reason).toMatch(/Kelly fraction is 0 \(0 wins, 2 losses\)/);
  });

  it('inverse volatility across the strategy\'s open positions: weight (1/0.02) / (1/0.02 + 1/0.04) = 2/3', () => {
    // AAA: ATR 1 at 50 → σ 0.02; BBB (held by s1): ATR 2 at 50 → σ 0.04; CCC (held by s2 only) does not count
    const market = new FakeMarket().set('AAA', { close: 50, atr: 1 }).set('BBB', { close: 50, atr: 2 }).set('CCC', { close: 10, atr: 0.01 });
    // cash 90000 + BBB 900 × 50 = equity 135000
    const m = setup(policy({ sizing: { method: 'inverse_volatility', volatility: 'atr', window: 20, exposure: 0.5 } }), {}, new FakePortfolio().set(90000, 135000), market);
    m.hold('s1', 'BBB', 900);
    m.hold('s2', 'CCC', 10);
    m.send({ intention: 'OPEN_LONG', price: '50' });
    // 2/3 × 0.5 × 135000 / 50 = 900 (the float product is 899.99…: the exact quotient decides)
    expect(qtys(m)).toEqual(['900']);
    // alone (no open position of s3): weight 1 → 0.5 × 135000 / 50 = 1350
    m.send({ intention: 'OPEN_LONG', price: '50', strategy_id: 's3' });
    expect(qtys(m)).toEqual(['900', '1350']);
  });

  it('equal weight over N positions, or over the universe when N is 0', () => {
    const m = setup(policy({ sizing: { method: 'equal_weight', positions: 4, exposure: 1 } }));
    m.send({ intention: 'OPEN_LONG', price: '25' }); // 100000 / 4 / 25 = 1000
    const market = new FakeMarket();
    market.universe = ['A', 'B', 'C', 'D', 'E'];
    const u = setup(policy({ sizing: { method: 'equal_weight', positions: 0, exposure: 0.5 } }), {}, undefined, market);
    u.send({ intention: 'OPEN_LONG', price: '25' }); // 0.5 × 100000 / 5 / 25 = 400
    expect([...qtys(m), ...qtys(u)]).toEqual(['1000', '400']);
  });

  it('refuses an order below the minimum ticket in value or in shares', () => {
    const m = setup(policy({ sizing: { method: 'fixed_quantity', quantity: 10 }, sz: { min_ticket_value: 500 } }));
    m.send({ intention: 'OPEN_LONG', price: '49.99' }); // 499.90 < 500
    m.send({ intention: 'OPEN_LONG', price: '50' }); // 500: enough
    const s = setup(policy({ sizing: { method: 'fixed_quantity', quantity: 10 }, sz: { min_ticket_shares: 11 } }));
    s.send({ intention: 'OPEN_LONG', price: '50' });
    expect(qtys(m)).toEqual(['10']);
    expect(m.violations().map((v) => v.rule)).toEqual(['min_ticket']);
    expect(s.violations().map((v) => [v.rule, v.limit_value, v.actual_value])).toEqual([['min_ticket', '11', '10']]);
  });

  it('floors exact quotients from decimals near a whole share, and floats elsewhere', () => {
    const D = (x: number) => () => new Decimal(x);
    expect(floorQuotient(2.5, D(5), D(2))).toBe(2);
    expect(floorQuotient(3 - 1e-12, D(3), D(1))).toBe(3);
    expect(floorQuotient(3, D(2.9999), D(1))).toBe(2);
    expect(floorQuotient(-1, D(1), D(1))).toBe(0);
    expect(floorQuotient(Infinity, D(1), D(0))).toBe(0);
    expect(floorQuotient(1, D(1), D(0))).toBe(0);
  });
});
