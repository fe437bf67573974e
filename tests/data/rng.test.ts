import { describe, expect, it } from 'vitest';
import { hashString, Rng } from '../../src/data/rng.js';

describe('Rng', () => {
  it('gives the same sequence for the same seed and stream', () => {
    const a = new Rng(42, 7);
    const b = new Rng(42, 7);
    for (let i = 0; i < 1000; i++) expect(a.next()).toBe(b.next());
  });

  it('gives different sequences for different seeds or streams', () => {
    const first = (r: Rng): number[] => Array.from({ length: 5 }, () => r.nextUint32());
    expect(first(new Rng(1))).not.toEqual(first(new Rng(2)));
    expect(first(new Rng(1, hashString('AAA')))).not.toEqual(first(new Rng(1, hashString('BBB'))));
    expect(first(new Rng(2 ** 40))).not.toEqual(first(new Rng(2 ** 41)));
  });

  it('keeps next() in [0, 1) with a mean near 1/2', () => {
    const r = new Rng(3);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.01);
  });

  it('draws normals with mean ≈ 0 and variance ≈ 1', () => {
    const r = new Rng(9);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.01);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
  });

  it('matches pinned values, so generated data cannot drift silently', () => {
    const r = new Rng(7);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([1665217666, 2643451686, 2859541615]);
  });

  it('rejects seeds that are not safe integers', () => {
    expect(() => new Rng(1.5)).toThrow(/safe integer/);
  });
});
