// Unit tests of the daily-return statistics (return-stats.ts) and of Φ (normal-cdf.ts): values
// derived by hand in comments, and cross-checks against independent computations in the test.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalCdf } from '../../src/reporting/normal-cdf.js';
import { dailyReturns, quantileSorted, returnStats } from '../../src/reporting/return-stats.js';

/** Φ by Simpson's rule on the density from −12 (where the mass left out is below 1e-32): independent of erf. */
function simpsonCdf(x: number): number {
  const a = -12, steps = 20_000, h = (x - a) / steps;
  const f = (t: number): number => Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI);
  let s = f(a) + f(x);
  for (let i = 1; i < steps; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

const close = (a: number | null, b: number, tol: number): void => {
  expect(a).not.toBeNull();
  expect(Math.abs(a! - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
};

describe('normalCdf', () => {
  it('matches textbook values', () => {
    expect(normalCdf(0)).toBe(0.5);
    // Φ(1.959963984540054) = 0.975 (the 97.5% quantile); Φ(1) = 0.8413447460685429 (tables to 16 digits)
    close(normalCdf(1.959963984540054), 0.975, 1e-15);
    close(normalCdf(1), 0.8413447460685429, 1e-15);
    close(normalCdf(-1), 1 - 0.8413447460685429, 1e-15);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(NaN)).toBeNaN();
  });

  it('agrees with Simpson integration of the density within 1e-13', () => {
    for (let x = -8; x <= 8; x += 0.37) expect(Math.abs(normalCdf(x) - simpsonCdf(x))).toBeLessThan(1e-13);
  });
});

describe('quantileSorted (type 7)', () => {
  it('interpolates between order statistics', () => {
    const xs = Float64Array.from([1, 2, 3, 4, 5]);
    // h = 4 × 0.05 = 0.2 → 1 + 0.2 × (2 − 1) = 1.2; h = 4 × 0.95 = 3.8 → 4 + 0.8 × 1 = 4.8
    close(quantileSorted(xs, 0.05), 1.2, 1e-15);
    close(quantileSorted(xs, 0.95), 4.8, 1e-15);
    expect(quantileSorted(xs, 0.5)).toBe(3);
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNaN();
  });
});

describe('dailyReturns', () => {
  it('returns (E_i − E_{i−1}) / E_{i−1}, or null after a non-positive equity', () => {
    expect(Array.from(dailyReturns(Float64Array.from([100, 110, 99]))!)).toEqual([0.1, -0.1]);
    expect(dailyReturns(Float64Array.from([100, 0, 5]))).toBeNull();
    expect(dailyReturns(Float64Array.from([100]))!.length).toBe(0);
  });
});

describe('returnStats on a hand-derived series', () => {
  // r = 0.02, −0.01, 0.03, −0.02, 0.01 (n = 5), rf = 0, P = 252
  //   mean = 0.03 / 5 = 0.006
  //   deviations 0.014, −0.016, 0.024, −0.026, 0.004
  //   m2 = (0.000196 + 0.000256 + 0.000576 + 0.000676 + 0.000016) / 5 = 0.00172 / 5 = 0.000344
  //   m3 = (2.744e-6 − 4.096e-6 + 13.824e-6 − 17.576e-6 + 0.064e-6) / 5 = −5.04e-6 / 5 = −1.008e-6
  //   m4 = (3.8416e-8 + 6.5536e-8 + 33.1776e-8 + 45.6976e-8 + 0.0256e-8) / 5 = 89.296e-8 / 5 = 1.78592e-7
  //   skew = m3 / m2^1.5; kurtosis = m4 / m2² − 3
  //   downside: min(0, r)² = 0.0001, 0.0004 → DD = √(0.0005 / 5) = 0.01
  //   Sortino = 0.006 / 0.01 × √252 = 0.6 √252
  //   Omega = (0.02 + 0.03 + 0.01) / (0.01 + 0.02) = 2
  //   sorted −0.02, −0.01, 0.01, 0.02, 0.03: Q(0.05) at h = 0.2 → −0.02 + 0.2 × 0.01 = −0.018;
  //   Q(0.95) at h = 3.8 → 0.02 + 0.8 × 0.01 = 0.028; tail ratio = 0.028 / 0.018 = 14/9; VaR = 0.018
  const r = Float64Array.from([0.02, -0.01, 0.03, -0.02, 0.01]);
  const s = returnStats(r, 252, 0);

  it('computes Sortino, Omega, tail ratio and VaR', () => {
    close(s.sortino, 0.6 * Math.sqrt(252), 1e-12);
    close(s.omega, 2, 1e-12);
    close(s.tail_ratio, 14 / 9, 1e-12);
    close(s.value_at_risk_95, 0.018, 1e-12);
  });

  it('computes skew and excess kurtosis from population moments', () => {
    close(s.skew, -1.008e-6 / Math.pow(0.000344, 1.5), 1e-10);
    close(s.kurtosis, 1.78592e-7 / (0.000344 * 0.000344) - 3, 1e-10);
  });

  it('computes the probabilistic Sharpe ratio of Bailey and López de Prado', () => {
    // SR = mean / sample sd = 0.006 / √(0.00172 / 4); z = SR √(n − 1) / √(1 − γ3 SR + (γ4 − 1)/4 SR²), γ4 = kurtosis + 3
    const sr = 0.006 / Math.sqrt(0.00172 / 4);
    const g3 = -1.008e-6 / Math.pow(0.000344, 1.5);
    const g4 = 1.78592e-7 / (0.000344 * 0.000344);
    const z = (sr * Math.sqrt(4)) / Math.sqrt(1 - g3 * sr + ((g4 - 1) / 4) * sr * sr);
    close(s.probabilistic_sharpe, simpsonCdf(z), 1e-12);
    expect(s.probabilistic_sharpe!).toBeGreaterThan(0.5); // a positive mean: more likely above 0 than not
  });

  it('subtracts the per-period risk-free rate as the threshold', () => {
    // rf = 0.252 a year → τ = 0.001 a day: Omega = (0.019 + 0.029 + 0.009) / (0.011 + 0.021) = 0.057 / 0.032
    const t = returnStats(r, 252, 0.252);
    close(t.omega, 0.057 / 0.032, 1e-12);
    // downside deviations −0.011, −0.021 → DD = √((0.000121 + 0.000441) / 5); Sortino = 0.005 / DD × √252
    close(t.sortino, (0.005 / Math.sqrt(0.000562 / 5)) * Math.sqrt(252), 1e-12);
  });
});

describe('returnStats edge cases', () => {
  it('is null where a statistic is undefined', () => {
    const up = returnStats(Float64Array.from([0.01, 0.02, 0.03]), 252, 0);
    expect(up.sortino).toBeNull(); // no return below 0
    expect(up.omega).toBeNull();
    expect(up.value_at_risk_95).toBeLessThan(0); // the 5th percentile is a gain: a negative loss
    const flat = returnStats(Float64Array.from([0.01, 0.01, 0.01, 0.01]), 252, 0);
    expect(flat.skew).toBeNull();
    expect(flat.kurtosis).toBeNull();
    expect(flat.probabilistic_sharpe).toBeNull();
    const one = returnStats(Float64Array.from([-0.01]), 252, 0);
    expect(one.sortino).toBeNull();
    expect(one.tail_ratio).toBeNull();
    expect(one.value_at_risk_95).toBeNull();
    const none = returnStats(new Float64Array(0), 252, 0);
    expect(none).toEqual({ sortino: null, omega: null, tail_ratio: null, skew: null, kurtosis: null, value_at_risk_95: null, probabilistic_sharpe: null });
    // twenty zeros and 0.1: Q(0.05) at h = 20 × 0.05 = 1 is 0, so the tail ratio divides by 0
    const zeros = [...new Array<number>(20).fill(0), 0.1];
    expect(returnStats(Float64Array.from(zeros), 252, 0).tail_ratio).toBeNull();
  });

  it('matches a naive two-pass skewness and kurtosis on random series (fast-check)', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -0.1, max: 0.1, noNaN: true }), { minLength: 3, maxLength: 200 }), (xs) => {
      const n = xs.length;
      const mean = xs.reduce((a, b) => a + b, 0) / n;
      const m = (k: number): number => xs.reduce((a, x) => a + (x - mean) ** k, 0) / n;
      if (Math.sqrt(m(2)) <= 1e-9) return;
      const s = returnStats(Float64Array.from(xs), 252, 0);
      close(s.skew, m(3) / m(2) ** 1.5, 1e-9);
      close(s.kurtosis, m(4) / m(2) ** 2 - 3, 1e-9);
    }), { seed: 5, numRuns: 200 });
  });
});
