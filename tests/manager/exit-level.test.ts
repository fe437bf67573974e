// An exit level in scaled integers must be the text decimal.js gives for price × factor rounded
// half-even to 4 decimals (the manager's decimal path): cross-checked on hand-picked ties and edges
// and on seeded random prices and factors; where it cannot be sure it must decline (undefined).
import { describe, it, expect } from 'vitest';
import { Decimal, decStr, parseDec } from '../../src/model/index.js';
import { levelText } from '../../src/manager/exit-level.js';
import { scaledOf } from '../../src/model/index.js';

// the manager's decimal path: dp4(price × factor), decStr when > 0
function reference(price: string, factor: string): string | undefined {
  const x = parseDec(price).times(parseDec(factor));
  const level = x.decimalPlaces() <= 4 ? x : x.toDecimalPlaces(4);
  return level.gt(0) ? decStr(level) : undefined;
}

function fast(price: string, factor: string): string | undefined {
  const p = scaledOf(price), f = scaledOf(factor);
  return p && f ? levelText(p, f) : undefined;
}

describe('scaledOf', () => {
  it('reads plain decimals as m × 10^-k', () => {
    expect(scaledOf('101.23')).toEqual({ m: 10123, k: 2 });
    expect(scaledOf('-0.5')).toEqual({ m: -5, k: 1 });
    expect(scaledOf('42')).toEqual({ m: 42, k: 0 });
    expect(scaledOf('0.000100')).toEqual({ m: 100, k: 6 });
  });

  it('declines other forms and more than 15 digits', () => {
    for (const s of ['', '-', '.5', '5.', '1e5', '1.2.3', '+1', '1234567890123456', '0.1234567890123456', 'abc']) expect(scaledOf(s), s).toBeUndefined();
    expect(scaledOf('123456789012345')).toEqual({ m: 123456789012345, k: 0 });
  });
});

describe('levelText', () => {
  it('rounds half to even at the fifth decimal, like decimal.js', () => {
    // 0.00025 × 1 → 0.0002 (tie, 2 is even); 0.00035 → 0.0004 (tie, 3 is odd); 0.000251 → 0.0003 (above half)
    expect(fast('0.00025', '1')).toBe('0.0002');
    expect(fast('0.00035', '1')).toBe('0.0004');
    expect(fast('0.000251', '1')).toBe('0.0003');
    // 10.01 × 0.15 = 1.5015 (4 decimals: no rounding); 101.23 × 0.1 = 10.123; 101.23 × 10 = 1012.3
    expect(fast('10.01', '0.15')).toBe('1.5015');
    expect(fast('101.23', '0.1')).toBe('10.123');
    expect(fast('101.23', '10')).toBe('1012.3');
    // 33.33 × 0.985 = 32.83005 → 32.83 (tie, 0 is even); 33.35 × 0.985 = 32.84975 → 32.8498 (tie, 7 is odd)
    expect(fast('33.33', '0.985')).toBe('32.83');
    expect(fast('33.35', '0.985')).toBe('32.8498');
    for (const [p, f] of [['0.00025', '1'], ['0.00035', '1'], ['33.33', '0.985'], ['33.35', '0.985']] as const) expect(fast(p, f)).toBe(reference(p, f));
  });

  it('declines levels that are not > 0 and products that might not be exact', () => {
    // a stop 150% below the entry (factor −0.5) and a level that rounds to 0
    expect(fast('100', '-0.5')).toBeUndefined();
    expect(fast('0.00004', '1')).toBeUndefined();
    expect(fast('0.00005', '1')).toBeUndefined();
    // 99999999.99 × 1000000.01 is above 2^53 − 1 as an integer product
    expect(fast('99999999.99', '1000000.01')).toBeUndefined();
    // 16 decimals in all
    expect(fast('1.12345678', '0.12345678')).toBeUndefined();
  });

  it('agrees with decimal.js on random prices and factors', () => {
    let seed = 2024;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const decimal = (maxInt: number, maxFrac: number): string => {
      const int = String(Math.floor(rnd() * 10 ** (1 + Math.floor(rnd() * maxInt))));
      const fd = Math.floor(rnd() * (maxFrac + 1));
      let frac = '';
      for (let j = 0; j < fd; j++) frac += String(Math.floor(rnd() * 10));
      return decStr(new Decimal(fd > 0 ? `${int}.${frac}` : int));
    };
    let agreed = 0;
    for (let i = 0; i < 20000; i++) {
      const price = decimal(6, 6);
      const factor = rnd() < 0.1 ? `-${decimal(1, 3)}` : decimal(2, 4);
      const got = fast(price, factor);
      if (got !== undefined) {
        expect(got, `${price} × ${factor}`).toBe(reference(price, factor));
        agreed++;
      }
    }
    // the fast path must take most of these (at most 15 decimals in all, products below 2^53)
    expect(agreed).toBeGreaterThan(10000);
  });
});
