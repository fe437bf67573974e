// Helpers for the cross-checks against technicalindicators 3.1.0: unrounded random bars and tail alignment.
import { expect } from 'vitest';
import { rng } from './helpers.js';

/** One symbol of unrounded random OHLCV bars (no exact ties, no high == low). */
export function bars(seed: number, n: number) {
  const r = rng(seed);
  const open = new Float64Array(n), high = new Float64Array(n), low = new Float64Array(n);
  const close = new Float64Array(n), volume = new Float64Array(n);
  let px = 100;
  for (let i = 0; i < n; i++) {
    const o = px;
    px = Math.max(1, px * (1 + (r() - 0.5) * 0.04));
    open[i] = o;
    close[i] = px;
    high[i] = Math.max(o, px) * (1 + 0.001 + r() * 0.01);
    low[i] = Math.min(o, px) * (1 - 0.001 - r() * 0.01);
    volume[i] = Math.floor(100 + r() * 10000);
  }
  return { open, high, low, close, volume };
}

/** Plain arrays for the library. */
export const arr = (x: Float64Array): number[] => Array.from(x);

/**
 * Compares our output's defined tail with the library's output (which has no warm-up entries):
 * the number of defined values must match (unless `lengthMayDiffer`), then each pair must agree
 * within |a − b| ≤ abs + rel·|b|.
 */
export function expectTail(
  what: string, ours: ArrayLike<number>, lib: ArrayLike<number | undefined>, tol: { rel?: number; abs?: number }, lengthMayDiffer = false,
): void {
  const defined = Array.from(ours).filter((v) => v === v).length;
  if (!lengthMayDiffer) expect(defined, `${what}: defined values vs library length`).toBe(lib.length);
  const n = Math.min(lib.length, defined);
  const off = ours.length - n;
  const loff = lib.length - n;
  for (let i = 0; i < n; i++) {
    const a = ours[off + i]!;
    const b = lib[loff + i];
    if (b === undefined) continue;
    const err = Math.abs(a - b);
    const lim = (tol.abs ?? 0) + (tol.rel ?? 0) * Math.abs(b);
    if (!(err <= lim)) expect.fail(`${what}: ours ${a} vs library ${b} at tail index ${i} (limit ${lim})`);
  }
  expect(n, `${what}: compared nothing`).toBeGreaterThan(0);
}
