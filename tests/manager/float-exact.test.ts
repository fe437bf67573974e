// The float/exact switches of the manager's checks: floats settle clear cases, exact decimals decide
// near a limit. Each boundary is hit exactly (just inside passes, a cent or a share beyond does not),
// with a portfolio that keeps a float mirror of its cash (as the ledger does) and with one that does not.
// Commission is 0.005 a share, minimum 1 (helpers.setup).
import { describe, it, expect } from 'vitest';
import { Decimal } from '../../src/model/index.js';
import { FakeMarket, FakePortfolio, policy, setup } from './helpers.js';
import { capsOf } from '../../src/manager/limits.js';
import { Holdings } from '../../src/manager/holdings.js';

/** A portfolio with the ledger's float mirror of cash; counts how often the mirror is read. */
class MirrorPortfolio extends FakePortfolio {
  reads = 0;
  cashNumber(): number {
    this.reads++;
    return this.cashV.toNumber();
  }
}

const fixed = (quantity: number) => ({ method: 'fixed_quantity' as const, quantity });
const kinds = [['without a cash mirror', () => new FakePortfolio()], ['with a cash mirror', () => new MirrorPortfolio()]] as const;

describe.each(kinds)('insufficient_cash %s', (_, make) => {
  it('passes a buy whose cost equals cash and refuses one a thousandth over, exactly', () => {
    // 999 × 10.01 = 9999.99 (a float of 9999.99 is not exact) + commission 999 × 0.005 = 4.995 → 10004.985
    const mk = (cash: string) => {
      const pf = make();
      pf.cashV = new Decimal(cash);
      const m = setup(policy({ sizing: fixed(999), limits: { max_open_positions: 5 } }), {}, pf);
      m.send({ intention: 'OPEN_LONG', price: '10.01' });
      return m;
    };
    const inside = mk('10004.985');
    expect(inside.orders().map((o) => o.quantity)).toEqual(['999']);
    expect(inside.violations()).toEqual([]);
    const outside = mk('10004.984');
    expect(outside.orders()).toEqual([]);
    expect(outside.violations()).toEqual([expect.objectContaining({ rule: 'insufficient_cash', limit_value: '10004.984', actual_value: '10004.985' })]);
  });

  it('counts margin (gross leverage above 1) and pending buys at the boundary', () => {
    // equity 10000, max_gross_leverage 1.5: margin 0.5 × 10000 = 5000. A pending buy of 1000 BBB at 1.25 holds 1250.
    // 1000 AAA at 10.01 cost 10010 + 5 = 10015: cash + 5000 − 1250 ≥ 10015 ⇔ cash ≥ 6265.
    // Gross leverage does not bind: (1.5 × 10000 − 1000 × 1.25) / 10.01 ≈ 1373.6 ≥ 1000.
    const mk = (cash: string) => {
      const pf = make();
      pf.cashV = new Decimal(cash);
      pf.equityV = new Decimal(10000);
      const m = setup(policy({ sizing: fixed(1000), limits: { max_gross_leverage: 1.5 } }), {}, pf, new FakeMarket().set('BBB', { close: 1.25 }));
      m.send({ intention: 'OPEN_LONG', symbol: 'BBB', price: '1.25' });
      m.send({ intention: 'OPEN_LONG', symbol: 'AAA', price: '10.01' });
      return m;
    };
    const inside = mk('6265');
    expect(inside.orders().map((o) => [o.symbol, o.quantity])).toEqual([['BBB', '1000'], ['AAA', '1000']]);
    expect(inside.violations()).toEqual([]);
    const outside = mk('6264.99');
    expect(outside.orders().map((o) => o.symbol)).toEqual(['BBB']);
    // cash allowed: 6264.99 − 1250 + 5000 = 10014.99
    expect(outside.violations()).toEqual([expect.objectContaining({ rule: 'insufficient_cash', limit_value: '10014.99', actual_value: '10015' })]);
    outside.check();
  });
});

describe.each(kinds)('cash_buffer %s', (_, make) => {
  it('counts pending buys; a cap at a whole share is decided exactly', () => {
    // equity 100000, buffer 0.05 → 5000 kept. A pending 400 BBB at 2.5 holds 1000.
    // cash 10002: 10002 − 1000 − 5000 = 4002 left; 400 AAA at 10 cost 4000 + 2 = 4002: exactly allowed (cap 400.0).
    // cash 10001.99: 4001.99 left, cap (4001.99 − 2) / 10 = 399.999 → 399.
    const mk = (cash: string) => {
      const pf = make();
      pf.cashV = new Decimal(cash);
      const m = setup(policy({ sizing: fixed(400), limits: { cash_buffer: 0.05 } }), {}, pf, new FakeMarket().set('BBB', { close: 2.5 }));
      m.send({ intention: 'OPEN_LONG', symbol: 'BBB', price: '2.5' });
      m.send({ intention: 'OPEN_LONG', symbol: 'AAA', price: '10' });
      return m;
    };
    const inside = mk('10002');
    expect(inside.orders().map((o) => [o.symbol, o.quantity])).toEqual([['BBB', '400'], ['AAA', '400']]);
    expect(inside.violations()).toEqual([]);
    const outside = mk('10001.99');
    expect(outside.orders().map((o) => [o.symbol, o.quantity])).toEqual([['BBB', '400'], ['AAA', '399']]);
    // actual of the requested 400: (10001.99 − 1000 − 4000 − 2) / 100000 = 0.0499999 → 6 decimals
    expect(outside.violations()).toEqual([expect.objectContaining({ rule: 'cash_buffer', action: 'reduced', requested_quantity: '400', allowed_quantity: '399', actual_value: '0.05' })]);
  });
});

describe('the float mirror of cash', () => {
  it('is what settles a clear cash check (the exact cash is not needed)', () => {
    const pf = new MirrorPortfolio();
    const m = setup(policy({ sizing: fixed(10), limits: { max_open_positions: 5 } }), {}, pf);
    m.send({ intention: 'OPEN_LONG', price: '10' });
    expect(m.orders().map((o) => o.quantity)).toEqual(['10']);
    expect(pf.reads).toBe(1);
  });
});

describe('capsOf with the requested quantity', () => {
  // max_position_pct 0.25 of equity 100000 at 50: 500 shares
  const pol = policy({ limits: { max_position_pct: 0.25, max_adv_pct: 0.1 } });
  const pf = new FakePortfolio();
  const market = new FakeMarket().set('AAA', { close: 50, adv: 5000 }); // ADV cap 0.1 × 5000 = 500 shares
  const ctx = (requested?: number) => ({
    strategyId: 's1', symbol: 'AAA', dir: 1 as const, price: 50, priceDec: new Decimal(50), equity: new Decimal(100000), equityF: 100000,
    holdings: new Holdings(pf, market), market, capital: undefined, budget: undefined, ...(requested !== undefined ? { requested } : {}),
  });
  const rulesOf = (requested?: number) => capsOf(pol, ctx(requested)).map((c) => c.rule);

  it('leaves out only caps the request is clearly inside, and keeps those it reaches exactly', () => {
    expect(rulesOf()).toEqual(['max_position_pct', 'max_adv_pct']);
    expect(rulesOf(499)).toEqual([]);
    // 500 is not ≤ 500 − 1e-6: the caps are kept, to be decided exactly at the whole share
    expect(rulesOf(500)).toEqual(['max_position_pct', 'max_adv_pct']);
    expect(rulesOf(501)).toEqual(['max_position_pct', 'max_adv_pct']);
  });
});
