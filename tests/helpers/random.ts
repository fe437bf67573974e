// Seeded random data for tests: a small LCG, cent-rounded random walks, NaN gaps.

/** A deterministic generator of floats in [0, 1) (Numerical Recipes LCG on 32 bits). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** A random walk of `n` prices rounded to cents, starting at `start`; optionally with NaN gaps. */
export function centWalk(n: number, seed: number, opts: { start?: number; step?: number; nanRate?: number } = {}): Float64Array {
  const r = lcg(seed);
  const out = new Float64Array(n);
  let p = opts.start ?? 100;
  for (let i = 0; i < n; i++) {
    p = Math.max(1, p + (r() - 0.5) * (opts.step ?? 0.5));
    p = Math.round(p * 100) / 100;
    out[i] = opts.nanRate && r() < opts.nanRate ? NaN : p;
  }
  return out;
}

/** Cuts [0, n) into random slices; returns the slice lengths. */
export function randomCuts(n: number, seed: number, maxLen: number): number[] {
  const r = lcg(seed);
  const cuts: number[] = [];
  let done = 0;
  while (done < n) {
    const len = Math.min(n - done, 1 + Math.floor(r() * maxLen));
    cuts.push(len);
    done += len;
  }
  return cuts;
}
