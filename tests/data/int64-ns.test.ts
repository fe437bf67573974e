import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareNs, int64Words, MAX_NS_MS, MIN_NS_MS, msToNs, nsToMs, readMs, readSubNs, writeNs } from '../../src/data/int64-ns.js';

describe('int64 nanosecond words', () => {
  it('writes ms + sub-ms exactly as BigInt arithmetic does, over the whole int64 range', () => {
    const ts = new BigInt64Array(1);
    const w = int64Words(ts);
    fc.assert(fc.property(fc.integer({ min: MIN_NS_MS, max: MAX_NS_MS }), fc.integer({ min: 0, max: 999_999 }), (ms, sub) => {
      writeNs(w, 0, ms, sub);
      expect(ts[0]).toBe(BigInt(ms) * 1_000_000n + BigInt(sub));
      expect(readMs(w, 0)).toBe(ms);
      expect(readSubNs(w, 0)).toBe(sub);
    }), { numRuns: 2000 });
  });

  it('reads floored milliseconds of negative instants', () => {
    const ts = BigInt64Array.from([-1n, -1_000_000n, -1_000_001n]);
    expect([...nsToMs(ts)]).toEqual([-1, -1, -2]);
  });

  it('compares as signed 64-bit integers', () => {
    const ts = BigInt64Array.from([-5n, 3n, 1n << 40n, (1n << 40n) + 1n]);
    const w = int64Words(ts);
    expect(compareNs(w, 0, w, 1)).toBeLessThan(0);
    expect(compareNs(w, 2, w, 3)).toBeLessThan(0);
    expect(compareNs(w, 3, w, 2)).toBeGreaterThan(0);
    expect(compareNs(w, 1, w, 1)).toBe(0);
  });

  it('converts millisecond columns both ways', () => {
    const ms = Float64Array.from([0, 1704205800000, -86400000]);
    expect([...nsToMs(msToNs(ms))]).toEqual([...ms]);
  });
});
