// A snapshot's leverage is written by ratioText, an exact BigInt division: it must give decStr of
// decimal.js's division (34 significant digits, half-even) for every pair of scaled integers.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ratioText } from '../../src/ledger/exact-ratio.js';
import { Decimal, decStr, scaledText } from '../../src/model/index.js';

// the reference: decimal.js's own division of the two values
function reference(am: number, ak: number, bm: number, bk: number): string {
  return decStr(new Decimal(scaledText(am, ak)).div(new Decimal(scaledText(bm, bk))));
}

// a safe integer with 1 to 16 digits (so every quotient length and shift occurs), either sign
const mantissa = fc.tuple(fc.integer({ min: 1, max: 16 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean())
  .map(([digits, f, neg]) => {
    const m = Math.min(Math.floor(f * 10 ** digits), Number.MAX_SAFE_INTEGER);
    return neg ? -m : m;
  });
const scale = fc.integer({ min: 0, max: 15 });

describe('ratioText', () => {
  it('gives decimal.js\'s division on 20,000 seeded pairs of scaled integers (fast-check)', () => {
    fc.assert(fc.property(mantissa, scale, mantissa.filter((m) => m !== 0), scale, (am, ak, bm, bk) => {
      expect(ratioText(am, ak, bm, bk)).toBe(reference(am, ak, bm, bk));
    }), { numRuns: 20_000, seed: 23 });
  });

  it('gives decimal.js\'s division for money-like leverages (exposure and equity in cents)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: -1e12, max: 1e13 }).filter((e) => e !== 0), (g, e) => {
      expect(ratioText(g, 2, e, 2)).toBe(reference(g, 2, e, 2));
    }), { numRuns: 5_000, seed: 29 });
  });

  it('rounds to 34 significant digits, half to even', () => {
    // 1/3 and 2/3: 34 threes; 34 sixes, the 35th a 6 rounds the last up
    expect(ratioText(1, 0, 3, 0)).toBe(`0.${'3'.repeat(34)}`);
    expect(ratioText(2, 0, 3, 0)).toBe(`0.${'6'.repeat(33)}7`);
    // exact quotients: 3111 ÷ 100106.5 is not, but 1 ÷ 8 = 0.125 and 10^15 ÷ 4 are (no trailing zeros written)
    expect(ratioText(1, 0, 8, 0)).toBe('0.125');
    expect(ratioText(1e15, 0, 4, 0)).toBe('250000000000000');
    expect(ratioText(5, 0, 2, 3)).toBe('2500');
    expect(ratioText(-3, 0, 2, 0)).toBe('-1.5');
    expect(ratioText(3, 0, -2, 0)).toBe('-1.5');
    expect(ratioText(-3, 0, -2, 0)).toBe('1.5');
    expect(ratioText(0, 0, 7, 0)).toBe('0');
    // exact ties: 15 ÷ 2^47 = 1.0658141036401502788066864013671875e-13 and 17 ÷ 2^47 = 1.2079226507921703159809112548828125e-13
    // have 35 significant digits ending in 5: the 34th is 7 (odd, rounds up to …688) and 2 (even, stays …812)
    expect(ratioText(15, 0, 2 ** 47, 0)).toBe('0.0000000000001065814103640150278806686401367188');
    expect(ratioText(17, 0, 2 ** 47, 0)).toBe('0.0000000000001207922650792170315980911254882812');
    for (const [a, b] of [[15, 2 ** 47], [17, 2 ** 47], [1, 3], [2, 3], [3111, 100106.5]] as const) {
      const bm = b * 10, bk = 1;
      expect(ratioText(a, 0, bm, bk), `${a}/${b}`).toBe(reference(a, 0, bm, bk));
    }
  });
});
