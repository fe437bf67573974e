// The deflated Sharpe ratio against the worked example of its paper, and the normal functions it uses
// against published quantiles.
import { describe, it, expect } from 'vitest';
import { normalCdf, normalQuantile, expectedMaxSharpe, probabilisticSharpe, deflatedSharpe, moments } from '../../src/sweep/deflated-sharpe.js';

describe('normal distribution', () => {
  it('matches tabulated values of Φ and Φ⁻¹', () => {
    // standard tables: Φ(0) = 0.5, Φ(1.96) = 0.9750021048517795, Φ(−3) = 0.0013498980316301,
    // Φ⁻¹(0.975) = 1.959963984540054, Φ⁻¹(0.99) = 2.326347874040841, Φ⁻¹(1e−10) = −6.361340902404056
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.99)).toBeCloseTo(2.326347874040841, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 9);
    expect(normalQuantile(0)).toBe(-Infinity);
    for (const p of [1e-6, 0.01, 0.3, 0.5, 0.77, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 13);
  });
});

describe('deflated Sharpe ratio', () => {
  it('reproduces the numerical example of Bailey & López de Prado (2014)', () => {
    // "The Deflated Sharpe Ratio", section on a numerical example: N = 100 trials whose annualised
    // Sharpe ratios have variance 0.5; the best has annualised SR 2.5 over T = 1250 daily returns with
    // skewness −3 and kurtosis 10; 250 days a year. Per day: V = 0.5 / 250, SR = 2.5 / √250 = 0.1581.
    // The paper finds E[max SR] ≈ 0.1132 per day and DSR ≈ 0.9004.
    const sr0 = expectedMaxSharpe(100, 0.5 / 250);
    expect(sr0).toBeCloseTo(0.1132, 4);
    const dsr = probabilisticSharpe(2.5 / Math.sqrt(250), sr0, 1250, -3, 10)!;
    expect(dsr).toBeCloseTo(0.9004, 3);
  });

  it('is the probabilistic Sharpe ratio against zero for a single trial', () => {
    expect(expectedMaxSharpe(1, 0.3)).toBe(0);
    // PSR(SR = 0, SR* = 0) = Φ(0) = 0.5 whatever the moments
    expect(probabilisticSharpe(0, 0, 500, -1, 6)).toBe(0.5);
  });

  it('takes the moments and Sharpe ratio from the selected returns', () => {
    // returns alternating 0.02, 0: mean 0.01, sample sd = √(4·0.0001·… ) computed below; skew 0, kurtosis 1
    const r = Float64Array.from({ length: 100 }, (_, i) => (i % 2 ? 0 : 0.02));
    const m = moments(r);
    expect(m.mean).toBeCloseTo(0.01, 15);
    expect(m.skewness).toBeCloseTo(0, 12);
    expect(m.kurtosis).toBeCloseTo(1, 12); // a two-point distribution: m4 / m2² = 1
    expect(m.sd).toBeCloseTo(Math.sqrt((100 * 0.0001) / 99), 15);
    const d = deflatedSharpe(r, [0.1, -0.1, 0.05, 0]);
    expect(d.sharpe).toBeCloseTo(m.mean / m.sd, 14);
    expect(d.trials).toBe(4);
    expect(d.benchmark).toBeCloseTo(expectedMaxSharpe(4, moments([0.1, -0.1, 0.05, 0]).sd ** 2), 15);
    expect(d.value).toBeCloseTo(probabilisticSharpe(d.sharpe, d.benchmark, 100, 0, 1)!, 15);
  });
});
