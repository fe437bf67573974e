// The SliceFeed's timeline and session ends equal those read off the whole bars, wherever the slices
// are cut, whether the source holds the whole bars (their timeline lent, not copied), streams them,
// or holds whole bars but hands out slices in arrays of their own.
import { describe, it, expect } from 'vitest';
import { memorySource, type MarketSource } from '../../src/engine/market-source.js';
import { SliceFeed } from '../../src/engine/slice-feed.js';
import type { MarketBars } from '../../src/engine/engine-venue.js';

// a small deterministic generator (numerical recipes' LCG), values in [0, 1)
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

/** Two symbols over T bars, a minute apart, with day ends at random bars (and the last). */
function randomBars(r: () => number, T: number): MarketBars {
  const tsMs = Float64Array.from({ length: T }, (_, t) => Date.UTC(2024, 0, 2, 14, 30) + t * 60_000);
  const dayEnd = Uint8Array.from({ length: T }, (_, t) => (t === T - 1 || r() < 0.1 ? 1 : 0));
  const col = () => Float64Array.from({ length: 2 * T }, () => 10 + r());
  return {
    symbols: ['AAA', 'BBB'], length: T, ts: BigInt64Array.from(tsMs, (ms) => BigInt(ms) * 1_000_000n), tsMs, dayEnd, timezone: 'America/New_York',
    open: col(), high: col(), low: col(), close: col(), volume: col(),
  };
}

/** Reads every slice of the feed. */
function readAll(feed: SliceFeed): void {
  while (feed.next());
}

describe('SliceFeed', () => {
  it('knows the timeline and the session ends of the whole bars, in slices of any length, from any kind of source', () => {
    const r = lcg(5);
    for (let trial = 0; trial < 40; trial++) {
      const T = 1 + Math.floor(r() * 200);
      const b = randomBars(r, T);
      const ends = [...b.dayEnd.keys()].filter((t) => b.dayEnd[t] === 1);
      for (const n of [1, 3, 7, 64, T]) {
        // the same slices in arrays of their own (a source holding whole bars need not hand out views)
        const copying = (): MarketSource => {
          const src = memorySource(b, n);
          return { ...src, next: () => {
            const s = src.next();
            return s && { ...s, tsMs: s.tsMs.slice(), dayEnd: s.dayEnd.slice() };
          } };
        };
        // (a source is read once: a fresh one for each feed)
        const sources: [string, MarketSource][] = [['whole', memorySource(b, n)], ['streamed', { ...memorySource(b, n), whole: undefined }], ['copying', copying()]];
        for (const [kind, src] of sources) {
          const feed = new SliceFeed(src);
          readAll(feed);
          expect(feed.ends, `${kind} T=${T} n=${n}`).toEqual(ends);
          expect([...feed.timeline()], `${kind} T=${T} n=${n}`).toEqual([...b.tsMs]);
          // each bar's session end: the first day end at or after it
          for (let t = 0; t < T; t += 5) expect(feed.sessionEndOf(t)).toBe(ends.find((e) => e >= t));
          // whole bars cut into views lend their timeline; slices of their own are copied into the feed's
          if (kind === 'whole') expect(feed.timeline().buffer).toBe(b.tsMs.buffer);
          if (kind === 'copying' && n < T) expect(feed.timeline().buffer).not.toBe(b.tsMs.buffer);
        }
      }
    }
  });

  it('answers about bars read so far while reading ahead slice by slice', () => {
    const b = randomBars(lcg(9), 50);
    const feed = new SliceFeed(memorySource(b, 8));
    expect(feed.ensure(0)).toBe(true);
    expect(feed.length).toBe(8);
    expect(feed.ensure(20)).toBe(true);
    expect(feed.length).toBe(24);
    expect(feed.timeMs(23)).toBe(b.tsMs[23]);
    expect(feed.ends).toEqual([...b.dayEnd.subarray(0, 24).keys()].filter((t) => b.dayEnd[t] === 1));
    expect(feed.ensure(50)).toBe(false);
    expect([...feed.timeline()]).toEqual([...b.tsMs]);
  });
});
