// Costs of fills: commission models (per order minimum and cap across partial fills, tiers by the
// month's volume), regulatory fees on sells, slippage models; each number derived in a comment.
import { describe, it, expect } from 'vitest';
import { Commission, newCharges, RegulatoryFees, Slippage, slippageBps } from '../../src/execution/index.js';
import { Decimal } from '../../src/model/index.js';
import { runScript, bar, flat } from '../engine/script.js';

const D = (x: string | number) => new Decimal(x);
const fillAll = (c: Commission, parts: Array<[number, number, string?]>) => {
  const ch = newCharges();
  return parts.map(([q, p, month]) => c.fill(ch, D(q), D(p), `${month ?? '2024-01'}-15T15:00:00Z`).toFixed());
};

describe('commission models', () => {
  it('charges per share with the minimum and the cap applied per order, across partial fills', () => {
    const c = new Commission({ perShare: '0.005', minimum: '1' });
    // 100 × 0.005 = 0.5 → minimum 1; then 200 → 1.0 (charged 1, due 0); then 300 → 1.5 (due 0.5): 1.5 in all = 300 × 0.005
    expect(fillAll(c, [[100, 10], [100, 10], [100, 10]])).toEqual(['1', '0', '0.5']);
    const capped = new Commission({ perShare: '0.005', minimum: '1', maximumPct: '0.001' });
    // 500 @ 2: raw 2.5, cap 0.001 × 1000 = 1 → 1; 1000 @ 2: raw 5, cap 2 → 2, due 1
    expect(fillAll(capped, [[500, 2], [500, 2]])).toEqual(['1', '1']);
    // the manager's estimate of a whole order: 1000 × 0.005 = 5, cap 0.001 × 1000 × 100 = 100 → 5
    expect(capped.of(D(1000), D(100)).toFixed()).toBe('5');
    expect(new Commission({ perShare: '0.01' }).of(D(3), D(1)).toFixed()).toBe('0.03');
  });

  it('charges a share of value with a minimum', () => {
    const c = new Commission({ model: 'percent', rate: '0.001', minimum: '1' });
    // 100 @ 50 = 5000 × 0.001 = 5; 10 @ 50 = 0.5 → minimum 1
    expect(c.of(D(100), D(50)).toFixed()).toBe('5');
    expect(c.of(D(10), D(50)).toFixed()).toBe('1');
  });

  it('charges a fixed amount once per order', () => {
    const c = new Commission({ model: 'fixed', amount: '1.5' });
    expect(fillAll(c, [[100, 10], [50, 10]])).toEqual(['1.5', '0']);
    expect(fillAll(c, [[10, 10]])).toEqual(['1.5']);
  });

  it('charges the tier of the month\'s volume before each fill, and starts again each month', () => {
    const c = new Commission({ model: 'tiered', tiers: [{ upTo: '300', perShare: '0.0035' }, { upTo: '3000', perShare: '0.002' }, { perShare: '0.0015' }], minimum: '0.35' });
    // volume before: 0 → 200 × 0.0035 = 0.7; 200 → 0.7; 400 → 200 × 0.002 = 0.4; February starts at 0 → 0.7
    expect([fillAll(c, [[200, 10]]), fillAll(c, [[200, 10]]), fillAll(c, [[200, 10]]), fillAll(c, [[200, 10, '2024-02']])]).toEqual([['0.7'], ['0.7'], ['0.4'], ['0.7']]);
    // 50 × 0.0035 = 0.175 → minimum 0.35 (February has 200 so far: still the first tier)
    expect(fillAll(c, [[50, 10, '2024-02']])).toEqual(['0.35']);
    expect(c.volumes()).toEqual({ '2024-01': '600', '2024-02': '250' });
  });
});

describe('regulatory fees', () => {
  const fees = new RegulatoryFees({ secRate: '0.0000278', tafPerShare: '0.000166', tafMax: '8.30' });
  it('charges sells only: the SEC fee on value and the TAF per share up to its cap, each rounded up to the cent', () => {
    // 100 @ 50: SEC 5000 × 0.0000278 = 0.139 → 0.14; TAF 100 × 0.000166 = 0.0166 → 0.02; total 0.16
    expect(fees.of('sell', D(100), D(50)).toFixed()).toBe('0.16');
    // 100000 @ 10: SEC 1000000 × 0.0000278 = 27.8; TAF 16.6 → capped at 8.30; total 36.1
    expect(fees.of('sell', D(100000), D(10)).toFixed()).toBe('36.1');
    expect(fees.of('buy', D(100), D(50)).toFixed()).toBe('0');
    expect(new RegulatoryFees().enabled).toBe(false);
  });
});

describe('slippage models', () => {
  const ctx = { qty: D(100), volume: 1000, bid: 99.98, ask: 100.02, atQuote: false };
  it('moves the price against the order and reports basis points', () => {
    // 5 bps of 100 = 0.05
    const bps = new Slippage({ model: 'fixed_bps', bps: '5' });
    expect(bps.apply(D(100), 'buy', ctx).toFixed()).toBe('100.05');
    expect(bps.apply(D(100), 'sell', ctx).toFixed()).toBe('99.95');
    expect(slippageBps(D(100), D(100.05), 'buy').toFixed()).toBe('5');
    expect(slippageBps(D(100), D(100.05), 'sell').toFixed()).toBe('-5');
    // 2 ticks of 0.01
    expect(new Slippage({ model: 'fixed_ticks', ticks: '2', tickSize: '0.01' }).apply(D(100), 'buy', ctx).toFixed()).toBe('100.02');
    // half the 0.04 spread; nothing when the price already is the quote
    const spread = new Slippage({ model: 'spread', fraction: '0.5' });
    expect(spread.apply(D(100), 'buy', ctx).toFixed()).toBe('100.02');
    expect(spread.apply(D(100.02), 'buy', { ...ctx, atQuote: true }).toFixed()).toBe('100.02');
    // zipline's volume share: 100 × 0.1 × (100 / 1000)² = 0.1; a share above 1 counts as 1: 100 × 0.1 = 10
    const vs = new Slippage({ model: 'volume_share', impact: '0.1' });
    expect(vs.apply(D(100), 'buy', ctx).toFixed()).toBe('100.1');
    expect(vs.apply(D(100), 'buy', { ...ctx, qty: D(2000) }).toFixed()).toBe('110');
    // 12.345 × 1 bp = 0.0012345: rounded to 6 decimals against the order
    const one = new Slippage({ model: 'fixed_bps', bps: '1' });
    expect(one.apply(D(12.345), 'buy', ctx).toFixed()).toBe('12.346235');
    expect(one.apply(D(12.345), 'sell', ctx).toFixed()).toBe('12.343765');
    expect(new Slippage({ model: 'none' }).active).toBe(false);
  });

  it('slips market fills, keeps them inside the bar, and never slips a limit fill', () => {
    // 10 bps of the open 100 = 100.1, above bar 1's high 100.05 → 100.05 (5 bps); the limit at 99 fills at 99
    const { of } = runScript({
      bars: { AAA: [flat(1, 100)[0]!, bar(100, 100.05, 98.5, 100), flat(1, 100)[0]!] },
      config: { execution: { slippage: { model: 'fixed_bps', bps: 10 } } },
      script: { 0: (c) => { c.order({ side: 'buy', quantity: '10' }); c.order({ side: 'buy', quantity: '10', order_type: 'limit', limit_price: '99' }); } },
    });
    expect(of('fill').map((f) => [f.fill_price, f.reference_price, f.slippage_bps, f.reason])).toEqual([
      ['100.05', '100', '5', 'market order filled at the next bar\'s open 100; slippage 5 bps from 100'],
      ['99', undefined, undefined, 'limit 99 buy: low 98.5 ≤ 99; filled at the limit'],
    ]);
  });

  it('charges fees on sells in the fill and the ledger', () => {
    // sell 100 @ 50: fees 0.16 (above); net = 5000 − 1 − 0.16 = 4998.84
    const { of, res } = runScript({
      bars: { AAA: flat(3, 50) },
      config: { execution: { commission: { per_share: '0.005', minimum: '1' }, fees: { sec_rate: '0.0000278', taf_per_share: '0.000166', taf_max: '8.30' } } },
      script: { 0: (c) => void c.order({ side: 'buy', quantity: '100' }), 1: (c) => void c.order({ side: 'sell', quantity: '100' }) },
    });
    expect(of('fill').map((f) => [f.side, f.commission, f.fees, f.net_value])).toEqual([['buy', '1', '0', '-5001'], ['sell', '1', '0.16', '4998.84']]);
    // realized = 0 − 1 − 1 − 0.16 = −2.16; cash = 100000 − 2.16
    expect(of('trade')[0]).toMatchObject({ realized_pnl: '-2.16', commission_total: '2', fees_total: '0.16' });
    expect(res.finalSnapshot).toMatchObject({ cash_balance: '99997.84', total_fees_paid: '0.16', total_commissions_paid: '2' });
  });
});
