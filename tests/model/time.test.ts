// isoUtc writes instants as the contracts want them (RFC 3339 UTC, milliseconds only when non-zero);
// it keeps recent texts by instant, which must never give one instant another instant's text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isoUtc } from '../../src/model/index.js';

// the reference: the platform's ISO form, without a zero millisecond part
function reference(ms: number): string {
  const s = new Date(ms).toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
}

describe('isoUtc', () => {
  it('writes any instant of 1900…2100 as Date#toISOString does, less a zero millisecond part (fast-check)', () => {
    const instant = fc.oneof(
      fc.integer({ min: -2_208_988_800_000, max: 4_102_444_800_000 }),
      // whole seconds and minutes, as bars have them
      fc.integer({ min: -2_208_988_800, max: 4_102_444_800 }).map((s) => s * 1000),
      fc.integer({ min: -36_816_480, max: 68_374_080 }).map((m) => m * 60_000),
    );
    fc.assert(fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (xs) => {
      for (const x of xs) expect(isoUtc(x)).toBe(reference(x));
    }), { numRuns: 5000, seed: 3 });
  });

  it('gives each instant its own text when instants share a slot (4096 s apart) or a second (ms apart)', () => {
    const t = Date.UTC(2024, 0, 2, 14, 30);
    const sameSlot = [t, t + 4_096_000, t + 8_192_000, t - 4_096_000];
    const sameSecond = [t + 1, t + 999, t];
    for (let round = 0; round < 2; round++) for (const x of [...sameSlot, ...sameSecond]) expect(isoUtc(x)).toBe(reference(x));
    expect(isoUtc(t)).toBe('2024-01-02T14:30:00Z');
    expect(isoUtc(t + 1)).toBe('2024-01-02T14:30:00.001Z');
    expect(isoUtc(-1)).toBe('1969-12-31T23:59:59.999Z');
    expect(() => isoUtc(NaN)).toThrow(/not a time/);
  });
});
