// decText: the decimal of a text through a float's memo slot, which must equal decimal.js's own
// parse of the same text for any text (the slot is used only when it holds that very text).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Decimal, decStr, decText, numStr, parseDec } from '../../src/model/index.js';

describe('decText', () => {
  it('equals new Decimal(text) for the texts numStr writes (the slot path) and any other decimal text', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.integer({ min: 0, max: 3 }), (x, zeros) => {
      const text = numStr(x);
      // first through the slot that numStr just filled, then again (the memoised decimal)
      expect(decStr(decText(text))).toBe(decStr(new Decimal(text)));
      expect(decStr(decText(text))).toBe(decStr(new Decimal(text)));
      // the same value written another way (trailing zeros): not the slot's text, parsed as written
      // (numStr never writes an exponent)
      const other = text.includes('.') ? text + '0'.repeat(zeros) : zeros > 0 ? `${text}.${'0'.repeat(zeros)}` : text;
      expect(decStr(decText(other))).toBe(decStr(new Decimal(other)));
    }), { numRuns: 2000 });
  });

  it('does not take a slot holding a different float or text', () => {
    // 0.1 + 0.2 is 0.30000000000000004: its text is not "0.3", and the slot of 0.3 is not read for it
    expect(decStr(decText(numStr(0.1 + 0.2)))).toBe('0.30000000000000004');
    numStr(0.3);
    expect(decStr(decText('0.30'))).toBe('0.3');
    // more digits than a float keeps: the float's slot holds a shorter text, so the text is parsed as written
    const long = '1.23456789012345678901';
    const short = numStr(Number(long));
    expect(short).toBe('1.2345678901234567'); // the nearest double's shortest form
    expect(decStr(decText(short))).toBe(short); // the slot now holds the float, its text and its decimal
    expect(decStr(decText(long))).toBe(long);
    expect(decText('12.5').eq(parseDec('12.5'))).toBe(true);
    expect(() => decText('abc')).toThrow();
  });
});
