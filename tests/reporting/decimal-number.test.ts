// Unit tests of src/reporting/decimal-number.ts: decimalNumber(text) is Number(text) exactly (the
// same double, −0 included) for the decimal texts of runs and for anything else, checked against
// Number itself on generated and hand-picked texts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decimalNumber } from '../../src/reporting/decimal-number.js';

/** Object.is-equal to Number(text): the same double, NaN equal to NaN, −0 apart from 0. */
function same(text: string): void {
  expect(Object.is(decimalNumber(text), Number(text)), JSON.stringify(text)).toBe(true);
}

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

describe('decimalNumber', () => {
  it('equals Number on plain decimals of up to 20 digits, on both sides of the 15-digit fast path', () => {
    fc.assert(fc.property(fc.boolean(), digits(1, 12), fc.option(digits(1, 10), { nil: undefined }), (neg, int, frac) => {
      same(`${neg ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`);
    }), { numRuns: 3000 });
  });

  it('equals Number on texts made of digits, signs, points, exponents and spaces', () => {
    const unit = fc.constantFrom(...'0123456789', '-', '+', '.', 'e', 'E', ' ', 'x', '_', 'I', '\u0660');
    fc.assert(fc.property(fc.string({ unit, maxLength: 20 }), same), { numRuns: 3000 });
  });

  it('equals Number on any string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 20 }), same), { numRuns: 1000 });
  });

  it('takes the edges as Number does', () => {
    // empty and lone signs or points: 0 and NaN; −0 stays −0; trailing or leading points go to Number
    for (const t of ['', '-', '.', '-.', '1.', '.5', '-0', '-0.000', '0', '007', '1.2.3', '1e3', ' 1', 'Infinity', '0x10']) same(t);
    // 15 digits in all take the fast path, 16 go to Number; both are exact
    for (const t of ['999999999999999', '0.999999999999999', '-123456789.012345', '9007199254740993', '0.1000000000000001', '12345678901234567890']) same(t);
  });

  it('reads the prices, quantities and P&L texts of a run as their values', () => {
    // hand-checked: 92.89 is the double nearest 9289/100; −53 and 0.005 likewise
    expect(decimalNumber('92.89')).toBe(92.89);
    expect(decimalNumber('-53')).toBe(-53);
    expect(decimalNumber('0.005')).toBe(0.005);
    expect(decimalNumber('100')).toBe(100);
  });
});
