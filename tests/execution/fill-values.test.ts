// The run's table of fill values gives what decimal.js gives for every fill, whether the values are
// remembered (same quantity object, same float price, same costs object) or made afresh.
import { describe, it, expect } from 'vitest';
import { Decimal, decOf, decStr, parseDec } from '../../src/model/index.js';
import { FillValueTable } from '../../src/execution/fill-values.js';
import { lcg } from '../helpers/random.js';

// the reference: quantity × price and the net value as the fill contract defines them, by decimal.js alone
function reference(q: Decimal, price: number, costs: Decimal, buy: boolean): [string, string] {
  const gross = q.times(new Decimal(String(price)));
  return [decStr(gross), decStr(buy ? gross.plus(costs).neg() : gross.minus(costs))];
}

describe('FillValueTable', () => {
  it('gives decimal.js values over random fills with repeated and colliding prices, quantities and costs', () => {
    const r = lcg(3);
    const table = new FillValueTable();
    const quantities = ['100', '1', '37', '0.5', '250000'].map(parseDec);
    const costs = [new Decimal(1), new Decimal('0.35'), new Decimal(0), new Decimal('1.000001')];
    const seen = new Set<object>();
    let reused = 0;
    for (let i = 0; i < 20000; i++) {
      // cent prices around 100, and prices 163.84 apart (the same slot: 16384 cents)
      const base = Math.round((90 + r() * 20) * 100) / 100;
      const price = r() < 0.2 ? Math.round((base + 163.84) * 100) / 100 : base;
      const q = quantities[Math.floor(r() * quantities.length)]!;
      const c = costs[Math.floor(r() * costs.length)]!;
      const buy = r() < 0.5;
      const v = table.of(q, price);
      if (seen.has(v)) reused++;
      seen.add(v);
      const [gross, net] = reference(q, price, c, buy);
      expect(v.grossText).toBe(gross);
      expect(v.gross.eq(new Decimal(gross))).toBe(true);
      expect(v.price.eq(decOf(price))).toBe(true);
      expect(table.net(v, c, buy)).toBe(net);
    }
    // entries were reused (the checks above ran on remembered values), and some were replaced (collisions)
    expect(reused).toBeGreaterThan(1000);
    expect(seen.size).toBeGreaterThan(1000);
  });

  it('makes a fresh entry for an equal quantity that is another object, and for a price that is no float', () => {
    const table = new FillValueTable();
    const a = table.of(new Decimal(100), 12.34);
    const b = table.of(new Decimal(100), 12.34);
    expect(b).not.toBe(a);
    expect([a.grossText, b.grossText]).toEqual(['1234', '1234']);
    // 100 × 12.345678 (a slipped price) = 1234.5678
    const once = table.once(new Decimal(100), new Decimal('12.345678'));
    expect(once.grossText).toBe('1234.5678');
    expect(table.net(once, new Decimal(1), true)).toBe('-1235.5678');
    expect(table.net(once, new Decimal(1), false)).toBe('1233.5678');
  });

  it('writes the net of a buy with the sign of −(gross + costs), zero as "0"', () => {
    const table = new FillValueTable();
    // 10 × 5 = 50: costs −50 give −(50 − 50) = 0; costs −60 give −(50 − 60) = 10
    const v = table.of(parseDec('10'), 5);
    expect(table.net(v, new Decimal(-50), true)).toBe('0');
    expect(table.net(v, new Decimal(-60), true)).toBe('10');
    expect(table.net(v, new Decimal(2), true)).toBe('-52');
    expect(table.net(v, new Decimal(2), false)).toBe('48');
    expect(reference(parseDec('10'), 5, new Decimal(-60), true)[1]).toBe('10');
  });
});
