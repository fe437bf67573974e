// pushDayEnds reads a dayEnd column four flags at a time; it must list what the plain loop over
// every flag lists, wherever the column starts in its buffer and wherever the range is cut.
import { describe, expect, it } from 'vitest';
import { pushDayEnds } from '../../src/model/day-ends.js';

// a small deterministic generator (numerical recipes' LCG), values in [0, 1)
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

describe('pushDayEnds', () => {
  it('lists the indices flagged 1 as the plain loop does, for columns at any byte offset and ranges cut anywhere', () => {
    const r = lcg(17);
    for (let trial = 0; trial < 2000; trial++) {
      const n = Math.floor(r() * 70);
      const buffer = new Uint8Array(n + 8);
      // dense or sparse ones, and other non-zero values (a snapshot bit: not a day end)
      const density = r() < 0.5 ? 0.02 : 0.4;
      for (let i = 0; i < buffer.length; i++) buffer[i] = r() < density ? 1 : r() < 0.05 ? 2 + Math.floor(r() * 2) : 0;
      const start = Math.floor(r() * 8);
      const flags = buffer.subarray(start, start + n);
      const from = Math.floor(r() * (n + 1)), to = from + Math.floor(r() * (n - from + 1));
      const offset = Math.floor(r() * 1000);
      const want: number[] = [-1];
      for (let i = from; i < to; i++) if (flags[i] === 1) want.push(offset + i);
      // appended after what the list holds already
      const got = [-1];
      pushDayEnds(got, flags, from, to, offset);
      expect(got, `n=${n} start=${start} [${from}, ${to})`).toEqual(want);
    }
  });
});
