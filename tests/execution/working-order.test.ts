// The order_status payload's price texts: a price's own text stands for numStr of its float only when
// that is exact, checked against numStr itself on random and edge texts.
import { describe, it, expect } from 'vitest';
import { Decimal, numStr } from '../../src/model/index.js';
import { NO_LEGS, canonicalFloat, priceText, statusPayload, type WorkingOrder } from '../../src/execution/working-order.js';
import { newCharges } from '../../src/execution/index.js';
import { lcg } from '../helpers/random.js';

describe('priceText', () => {
  it('equals numStr of the float for random canonical decimals of up to 15 characters', () => {
    const r = lcg(5);
    for (let i = 0; i < 20000; i++) {
      // 1 to 14 digits, a point somewhere or none, leading and trailing zeros trimmed to the canonical form
      const n = 1 + Math.floor(r() * 14);
      let digits = '';
      for (let k = 0; k < n; k++) digits += String(Math.floor(r() * 10));
      const at = Math.floor(r() * (n + 1));
      let t = at === n ? digits : `${digits.slice(0, at) || '0'}.${digits.slice(at)}`;
      t = t.replace(/^0+(?=\d)/, '').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
      expect(priceText(Number(t), t), t).toBe(numStr(Number(t)));
    }
  });

  it('falls back to numStr for texts that are not the canonical short text of the float', () => {
    // [text, float]: trailing or leading zeros, sign, exponent, more than 15 characters, another value
    const cases: Array<[string, number]> = [
      ['1.50', 1.5], ['01', 1], ['+1', 1], ['1e3', 1000], ['-1', -1], ['.5', 0.5],
      ['0.1000000000000000055511151231257827', 0.1], ['123456789012.3456', 123456789012.3456], ['9.289', 9.29],
    ];
    for (const [t, x] of cases) expect(priceText(x, t), t).toBe(numStr(x));
    expect(priceText(1.5, '1.50')).toBe('1.5');
    expect(priceText(9.29, '9.289')).toBe('9.29');
    expect(priceText(7, undefined)).toBe('7');
    // tiny and large values inside 15 characters keep their plain text (numStr writes them plain too)
    expect(priceText(1e-7, '0.0000001')).toBe('0.0000001');
    expect(priceText(1e14, '100000000000000')).toBe('100000000000000');
  });
});

describe('canonicalFloat', () => {
  it('equals Number for random canonical decimals of 1 to 20 digits, signed or not', () => {
    // Number (the runtime's correctly rounded conversion) is the reference; up to 15 digits the
    // function divides by a power of ten, beyond that it hands the text to Number
    const r = lcg(9);
    for (let i = 0; i < 50000; i++) {
      const n = 1 + Math.floor(r() * 20);
      let digits = '';
      for (let k = 0; k < n; k++) digits += String(Math.floor(r() * 10));
      const point = Math.floor(r() * (n + 1));
      const text = new Decimal(`${r() < 0.3 ? '-' : ''}${digits.slice(0, point) || '0'}.${digits.slice(point) || '0'}`).toFixed();
      expect(canonicalFloat(text), text).toBe(Number(text));
    }
  });

  it('reads edges exactly: zero, one digit, 15 digits either side of the point, and 16 or more digits', () => {
    for (const t of ['0', '7', '-7', '0.1', '0.000000000000001', '999999999999999', '99999999999999.9', '0.123456789012345', '9007199254740993', '12345678901234567.89', '-0.30000000000000004']) {
      expect(canonicalFloat(t), t).toBe(Number(t));
    }
  });
});

describe('statusPayload', () => {
  // a take-profit leg at 12.5 whose limit a 2-for-1 split halved to 6.25 while its order text stays "12.5"
  const leg = (limit: number, text: string): WorkingOrder => ({
    id: 'leg', payload: { order_id: 'leg', timestamp: 't', symbol: 'AAA', side: 'sell', quantity: '10', order_type: 'limit', limit_price: text, intent_id: 'i', idempotency_key: 'k', parent_order_id: 'p' },
    symbol: 'AAA', s: 0, side: 'sell', type: 'limit', quantity: new Decimal(10), filled: new Decimal(0), remaining: new Decimal(10), slot: 0,
    strategyId: 'st', correlationId: null, causationId: null, charges: newCharges(), limit, stop: NaN, trail: NaN, expireBar: -1, reduceOnly: true,
    stopLoss: null, takeProfit: null, legs: NO_LEGS, parentId: 'p', partner: undefined,
  });

  it('writes the limit price of the float, not a remembered text of an earlier status', () => {
    expect(statusPayload(leg(12.5, '12.5'), 't', 'accepted', 'bracket_leg', 'r').limit_price).toBe('12.5');
    expect(statusPayload(leg(6.25, '12.5'), 't', 'cancelled', 'split', 'r').limit_price).toBe('6.25');
    expect(statusPayload(leg(12.5, '12.50'), 't', 'cancelled', 'r', 'r').limit_price).toBe('12.5');
    expect(statusPayload(leg(12.5, '12.5'), 't', 'cancelled', 'r', 'r').limit_price).toBe('12.5');
  });
});
