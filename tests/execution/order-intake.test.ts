// The intake's sign test of decimal texts reads canonical texts without parsing them: it must say
// what decimal.js says (> 0) for every text, canonical or not, checked on edges and random texts.
import { describe, it, expect } from 'vitest';
import { isPositive, parseDec } from '../../src/model/index.js';
import { checkFields, positive } from '../../src/execution/order-intake.js';
import type { OrderPayload } from '../../src/events/index.js';
import { lcg } from '../helpers/random.js';

const byDecimal = (s: string): boolean => isPositive(parseDec(s));

describe('positive', () => {
  it('agrees with decimal.js on canonical and other texts at the edges', () => {
    for (const s of ['0', '-0', '0.0', '00', '1', '-1', '0.5', '-0.5', '0.0001', '-0.0001', '1.50', '-1.50', '01', '1e3', '-1e-3', '0e5', '.5', '+2', '123456789012345678901234567890']) {
      expect(positive(s), s).toBe(byDecimal(s));
    }
    expect(positive(undefined)).toBe(false);
  });

  it('agrees with decimal.js on random texts with signs, leading and trailing zeros', () => {
    const r = lcg(11);
    for (let i = 0; i < 20000; i++) {
      const n = 1 + Math.floor(r() * 8);
      let digits = '';
      // mostly zeros, so that zero values and padded texts come up often
      for (let k = 0; k < n; k++) digits += r() < 0.5 ? '0' : String(Math.floor(r() * 10));
      const at = Math.floor(r() * (n + 1));
      const body = at === n ? digits : `${digits.slice(0, at) || '0'}.${digits.slice(at) || '0'}`;
      const s = r() < 0.3 ? `-${body}` : body;
      expect(positive(s), s).toBe(byDecimal(s));
    }
  });
});

describe('checkFields', () => {
  const order = (over: Partial<OrderPayload>): OrderPayload => ({
    order_id: 'o1', timestamp: '2024-01-02T14:30:00Z', symbol: 'AAA', side: 'buy', quantity: '10', order_type: 'market', intent_id: 's1', idempotency_key: 'k1', ...over,
  } as OrderPayload);

  it('accepts positive quantities and exits and refuses zero or negative ones', () => {
    expect(checkFields(order({ stop_loss: '95.5', take_profit: '110' }))).toBeNull();
    expect(checkFields(order({ quantity: '0' }))?.reason).toBe('quantity must be greater than 0; got 0');
    expect(checkFields(order({ quantity: '-0.00' }))?.rule).toBe('invalid_order');
    expect(checkFields(order({ stop_loss: '-1' }))?.reason).toBe('stop_loss must be greater than 0; got -1');
    expect(checkFields(order({ take_profit: '0.000' }))?.reason).toBe('take_profit must be greater than 0; got 0.000');
    expect(checkFields(order({ order_type: 'limit', limit_price: '0' }))?.reason).toBe('a limit order needs a limit_price greater than 0');
    expect(checkFields(order({ order_type: 'stop', stop_price: '1.25' }))).toBeNull();
  });
});
