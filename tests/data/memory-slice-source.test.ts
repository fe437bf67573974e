// Whole bars in memory handed out as slices, the in-memory side of the engine's slice sources.
import { describe, expect, it } from 'vitest';
import { alignBars } from '../../src/data/align.js';
import { generateBars } from '../../src/data/generate.js';
import { MemorySliceSource } from '../../src/data/catalog/memory-slice-source.js';

const bars = alignBars(generateBars({ symbols: ['AAA', 'BBB', 'CCC'], bars: 1000, seed: 3 }), 'America/New_York', {});

describe('MemorySliceSource', () => {
  it.each([1, 7, 390, 999, 1000, 5000])('cuts slices of %i timestamps whose columns put back together equal the bars', (n) => {
    const vwap = bars.close.map((c) => c + 0.01);
    const src = new MemorySliceSource(bars, { vwap }, n);
    const T = bars.length;
    const got = { close: new Float64Array(3 * T), vwap: new Float64Array(3 * T), ts: [] as number[], dayEnd: [] as number[] };
    let expectOffset = 0;
    for (let s = src.nextSlice(); s; s = src.nextSlice()) {
      expect(s.offset).toBe(expectOffset);
      expect(s.length).toBe(Math.min(n, T - expectOffset));
      for (let k = 0; k < 3; k++) {
        got.close.set(s.close.subarray(k * s.length, (k + 1) * s.length), k * T + s.offset);
        got.vwap.set(s.extra['vwap']!.subarray(k * s.length, (k + 1) * s.length), k * T + s.offset);
      }
      got.ts.push(...s.tsMs);
      got.dayEnd.push(...s.dayEnd);
      expectOffset += s.length;
    }
    expect(expectOffset).toBe(T);
    expect(got.close).toEqual(bars.close);
    expect(got.vwap).toEqual(vwap);
    expect(got.ts).toEqual([...bars.tsMs]);
    expect(got.dayEnd).toEqual([...bars.dayEnd]);
    expect(src.extraColumns).toEqual(['vwap']);
    expect(src.sliceRows).toBe(Math.min(n, T));
  });

  it('hands out the bars themselves when one slice holds the whole timeline, and nothing after close()', () => {
    const src = new MemorySliceSource(bars);
    expect(src.nextSlice()!.close).toBe(bars.close);
    expect(src.nextSlice()).toBeNull();
    const again = new MemorySliceSource(bars, {}, 10);
    again.close();
    expect(again.nextSlice()).toBeNull();
  });
});
