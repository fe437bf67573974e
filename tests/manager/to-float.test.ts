// toFloat must give exactly the float decimal.js's toNumber gives (which parses the decimal's text):
// cross-checked against Number(text) on hand-picked edge cases and on random decimals.
import { describe, it, expect } from 'vitest';
import { Decimal } from '../../src/model/index.js';
import { toFloat } from '../../src/manager/to-float.js';

const same = (s: string) => {
  const x = new Decimal(s);
  const f = toFloat(x);
  // === also holds for −0 (whose text is "0"); Object.is against toNumber checks the sign of zero
  expect(f === Number(x.toString()) || (Number.isNaN(f) && x.isNaN()), s).toBe(true);
  expect(Object.is(f, x.toNumber()), s).toBe(true);
};

describe('toFloat', () => {
  it('agrees with the float of the decimal text at the edges of the fast path', () => {
    for (const s of [
      '0', '-0', '1', '-1', '0.1', '0.2', '0.3', '943110.075', '-944299.735', '10004.985', '9999.99', '123.45', '1e22', '9e22', '1e23',
      '1e-22', '1e-23', '123456789012345', '1234567890123456', '12345678901234567890', '0.000001234567890123456', '999999999999999e7',
      '4503599627370497', '9007199254740993', '0.1234567', '1234567.1234567', '12345678.1234567', '5e-324', '1.7976931348623157e308', '1e400', '-1e-400',
    ]) same(s);
  });

  it('agrees with the float of the decimal text on random decimals', () => {
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 20000; i++) {
      const digits = 1 + Math.floor(rnd() * 20);
      let m = '';
      for (let j = 0; j < digits; j++) m += String(Math.floor(rnd() * 10));
      const exp = Math.floor(rnd() * 60) - 30;
      same(`${rnd() < 0.3 ? '-' : ''}${m}e${exp}`);
    }
  });

  it('goes through toNumber for non-finite decimals', () => {
    expect(toFloat(new Decimal(NaN))).toBeNaN();
    expect(toFloat(new Decimal(-Infinity))).toBe(-Infinity);
  });
});
