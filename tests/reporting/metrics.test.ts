// Unit tests of src/reporting/metrics.ts: hand-derived values, a naive two-pass cross-check on
// seeded random data, and the edges where a metric is undefined.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConfigError, DataError } from '../../src/model/index.js';
import {
  computeMetrics,
  maxDrawdownOf,
  MS_PER_YEAR,
  roundMetric,
  roundMetrics,
  type MetricsInput,
} from '../../src/reporting/metrics.js';

const DAY_MS = 86_400_000;
const T0 = Date.UTC(2020, 0, 2);

/** A run over `equity` with no trades, one year long, unless overridden. */
function input(equity: number[], over: Partial<MetricsInput> = {}): MetricsInput {
  return {
    dailyEquity: Float64Array.from(equity),
    firstTsMs: T0,
    lastTsMs: T0 + MS_PER_YEAR,
    initialEquity: equity[0] ?? 100,
    finalEquity: equity[equity.length - 1] ?? 100,
    tradePnls: new Float64Array(0),
    ...over,
  };
}

/** |a − b| ≤ tol × max(|a|, |b|), with a clear message on failure. */
function expectRelClose(actual: number | null, expected: number, tol: number): void {
  expect(actual).not.toBeNull();
  const a = actual as number;
  const scale = Math.max(Math.abs(a), Math.abs(expected));
  expect(Math.abs(a - expected), `${a} vs ${expected}`).toBeLessThanOrEqual(tol * scale);
}

/** Park–Miller LCG, seeded, uniform in (0, 1). */
function lcg(seed: number): () => number {
  let s = seed % 2147483647;
  if (s <= 0) s += 2147483646;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

/** Equity path of `days` closes from 100 with normal daily returns (Box–Muller). */
function randomEquity(seed: number, days: number, drift: number, sd: number): Float64Array {
  const u = lcg(seed);
  const e = new Float64Array(days);
  e[0] = 100;
  for (let i = 1; i < days; i++) {
    const z = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
    e[i] = e[i - 1]! * (1 + drift + sd * z);
  }
  return e;
}

/**
 * Textbook two-pass statistics of the daily returns, independent of the code under test.
 * `ratio` computes r_i = E_i / E_{i−1} − 1 as defined; `difference` computes the same value as
 * (E_i − E_{i−1}) / E_{i−1}, which (like the code under test) does not lose digits to the
 * cancellation in "− 1" when returns are tiny (1e-9 returns keep only ~7 digits in ratio form).
 */
function naive(equity: Float64Array, periodsPerYear: number, rf: number, form: 'ratio' | 'difference'): { vol: number; sharpe: number } {
  const r: number[] = [];
  for (let i = 1; i < equity.length; i++) {
    const [e, p] = [equity[i]!, equity[i - 1]!];
    r.push(form === 'ratio' ? e / p - 1 : (e - p) / p);
  }
  let sum = 0;
  for (const x of r) sum += x;
  const mean = sum / r.length;
  let ss = 0;
  for (const x of r) ss += (x - mean) * (x - mean);
  const sd = Math.sqrt(ss / (r.length - 1));
  return { vol: sd * Math.sqrt(periodsPerYear), sharpe: ((mean - rf / periodsPerYear) / sd) * Math.sqrt(periodsPerYear) };
}

describe('computeMetrics on a hand-derived path', () => {
  // Equity 100, 110, 99, 108.9 → returns r = 0.1, −0.1, 0.1.
  //   mean = 0.1 / 3 = 1/30 ≈ 0.033333
  //   deviations 1/15, −2/15, 1/15 → squares sum 6/225 = 2/75; sample variance (n − 1 = 2) = 1/75
  //   sd = sqrt(1/75) = 0.2 / sqrt(3) ≈ 0.115470
  //   annual volatility = sd × sqrt(252) = 0.2 × sqrt(84) ≈ 1.833030
  //   Sharpe = (1/30) / (0.2/√3) × √252 = (√3 / 6) × √252 = √(756 / 36) = √21 ≈ 4.582576
  //   max drawdown: peak 110, trough 99 → (110 − 99) / 110 = 0.1
  //   total return = 108.9 / 100 − 1 = 0.089
  const path = [100, 110, 99, 108.9];

  it('computes returns, volatility, Sharpe and drawdown from the daily closes', () => {
    const m = computeMetrics(input(path));
    expectRelClose(m.total_return, 0.089, 1e-12);
    expectRelClose(m.annual_volatility, 0.2 * Math.sqrt(84), 1e-12);
    expectRelClose(m.sharpe, Math.sqrt(21), 1e-12);
    expectRelClose(m.max_drawdown, 0.1, 1e-15);
    expect(maxDrawdownOf(Float64Array.from(path))).toBe(m.max_drawdown);
  });

  it('subtracts the per-period risk-free rate from the mean return in Sharpe', () => {
    // rf = 2.52% a year → 0.0001 a day; excess mean = 1/30 − 0.0001 = 0.997 × (1/30),
    // so Sharpe = 0.997 × √21. The volatility does not change.
    const m = computeMetrics(input(path, { riskFreeRate: 0.0252 }));
    expectRelClose(m.sharpe, 0.997 * Math.sqrt(21), 1e-12);
    expectRelClose(m.annual_volatility, 0.2 * Math.sqrt(84), 1e-12);
  });

  it('annualizes with the given periods per year', () => {
    // 365 periods: Sharpe = (√3 / 6) × √365, volatility = (0.2 / √3) × √365.
    const m = computeMetrics(input(path, { periodsPerYear: 365 }));
    expectRelClose(m.sharpe, (Math.sqrt(3) / 6) * Math.sqrt(365), 1e-12);
    expectRelClose(m.annual_volatility, (0.2 / Math.sqrt(3)) * Math.sqrt(365), 1e-12);
  });

  it('computes CAGR over years of 365.25 days', () => {
    // 100 → 121 over exactly 2 × 365.25 days: 1.21^(1/2) − 1 = 1.1 − 1 = 10%.
    const m = computeMetrics(input([100, 121], { lastTsMs: T0 + 2 * 365.25 * DAY_MS, finalEquity: 121 }));
    expectRelClose(m.cagr, 0.1, 1e-12);
    expectRelClose(m.total_return, 0.21, 1e-12);
  });

  it('computes CAGR below a year by compounding up', () => {
    // +10% in half a year (182.625 days): 1.1^2 − 1 = 0.21.
    const m = computeMetrics(input([100, 110], { lastTsMs: T0 + 182.625 * DAY_MS }));
    expectRelClose(m.cagr, 0.21, 1e-12);
  });

  it('counts trades, winners and the profit factor', () => {
    // pnl 50, −20, 0, 30, −10: 5 trades, winners 50 and 30 (0 is not a winner) → win rate 2/5;
    // gross win 80, gross loss |−30| → profit factor 80 / 30 = 8/3.
    const m = computeMetrics(input(path, { tradePnls: Float64Array.from([50, -20, 0, 30, -10]) }));
    expect(m.trade_count).toBe(5);
    expect(m.win_rate).toBe(0.4);
    expectRelClose(m.profit_factor, 8 / 3, 1e-15);
  });
});

describe('computeMetrics cross-checked against a naive two-pass formula', () => {
  it('matches volatility and Sharpe within 1e-12 relative on seeded random paths', () => {
    for (let seed = 1; seed <= 25; seed++) {
      // Drift 0.1% a day, spread 1%: the mean is far from 0, so a relative check of Sharpe is fair.
      const equity = randomEquity(seed, 50 + seed * 97, 0.001, 0.01);
      const rf = (seed % 5) * 0.01;
      const ppy = seed % 2 === 0 ? 252 : 365;
      const m = computeMetrics({
        dailyEquity: equity,
        firstTsMs: T0,
        lastTsMs: T0 + equity.length * DAY_MS,
        initialEquity: equity[0]!,
        finalEquity: equity[equity.length - 1]!,
        tradePnls: new Float64Array(0),
        periodsPerYear: ppy,
        riskFreeRate: rf,
      });
      const ref = naive(equity, ppy, rf, 'ratio');
      expectRelClose(m.annual_volatility, ref.vol, 1e-12);
      expectRelClose(m.sharpe, ref.sharpe, 1e-12);
    }
  });

  it('matches on arbitrary return paths (fast-check), Sharpe within 1e-12 of max(1, |Sharpe|)', () => {
    const returns = fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 2, maxLength: 300 });
    fc.assert(
      fc.property(returns, fc.double({ min: 50, max: 5000, noNaN: true }), (rs, start) => {
        const equity = new Float64Array(rs.length + 1);
        equity[0] = start;
        for (let i = 0; i < rs.length; i++) equity[i + 1] = equity[i]! * (1 + rs[i]!);
        const m = computeMetrics(input(Array.from(equity)));
        const ref = naive(equity, 252, 0, 'difference');
        if (!(ref.vol / Math.sqrt(252) > 1e-9)) return; // near-constant paths: covered by the edge tests
        expectRelClose(m.annual_volatility, ref.vol, 1e-12);
        expect(Math.abs(m.sharpe! - ref.sharpe)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ref.sharpe)));
      }),
      { seed: 20240601, numRuns: 300 },
    );
  });

  it('fuses the same drawdown as maxDrawdownOf and a quadratic reference', () => {
    // Cents from −50 to 1000: no subnormal peak to divide by.
    const cents = fc.integer({ min: -5_000, max: 100_000 }).map((c) => c / 100);
    fc.assert(
      fc.property(fc.array(cents, { maxLength: 60 }), (xs) => {
        const equity = Float64Array.from(xs);
        let ref = 0;
        for (let t = 0; t < xs.length; t++) {
          let peak = -Infinity;
          for (let s = 0; s <= t; s++) peak = Math.max(peak, xs[s]!);
          if (peak > 0) ref = Math.max(ref, 1 - xs[t]! / peak);
        }
        const fused = computeMetrics(input(xs.length > 0 ? xs : [100], { dailyEquity: equity })).max_drawdown;
        expect(fused).toBe(maxDrawdownOf(equity));
        expect(Math.abs(fused - ref)).toBeLessThanOrEqual(1e-12 * Math.max(1, ref));
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('computeMetrics edge cases', () => {
  it('reports null win rate and profit factor with no trades', () => {
    const m = computeMetrics(input([100, 101, 102]));
    expect(m.trade_count).toBe(0);
    expect(m.win_rate).toBeNull();
    expect(m.profit_factor).toBeNull();
  });

  it('reports a null profit factor when every trade wins', () => {
    const m = computeMetrics(input([100, 101], { tradePnls: Float64Array.from([5, 7]) }));
    expect(m.win_rate).toBe(1);
    expect(m.profit_factor).toBeNull();
  });

  it('counts break-even trades in the win rate denominator only', () => {
    // pnl 0, 0, −4: no winner → win rate 0; one loser, no gross win → profit factor 0 / 4 = 0.
    const m = computeMetrics(input([100, 101], { tradePnls: Float64Array.from([0, 0, -4]) }));
    expect(m.win_rate).toBe(0);
    expect(m.profit_factor).toBe(0);
    const evenOnly = computeMetrics(input([100, 101], { tradePnls: Float64Array.from([0, -0]) }));
    expect(evenOnly.win_rate).toBe(0);
    expect(evenOnly.profit_factor).toBeNull();
  });

  it('reports a null Sharpe and zero volatility on constant equity', () => {
    const m = computeMetrics(input([100, 100, 100, 100]));
    expect(m.sharpe).toBeNull();
    expect(m.annual_volatility).toBe(0);
    expect(m.max_drawdown).toBe(0);
    expect(m.total_return).toBe(0);
    expect(m.cagr).toBe(0);
  });

  it('treats the rounding spread of constant-rate growth as zero volatility', () => {
    // 100 × 1.01^t: every return is 1% up to ~1e-16 of rounding; a Sharpe of ~1e15 would be noise.
    const equity = Array.from({ length: 30 }, (_, t) => 100 * 1.01 ** t);
    const m = computeMetrics(input(equity));
    expect(m.sharpe).toBeNull();
    expect(m.annual_volatility).toBe(0);
  });

  it('reports null volatility and Sharpe for a single day or a single return', () => {
    for (const path of [[], [100], [100, 105]]) {
      const m = computeMetrics(input(path));
      expect(m.annual_volatility).toBeNull();
      expect(m.sharpe).toBeNull();
      expect(m.max_drawdown).toBe(0);
    }
    expectRelClose(computeMetrics(input([100, 105])).total_return, 0.05, 1e-15);
  });

  it('reports a null CAGR over a zero-length period', () => {
    const m = computeMetrics(input([100, 110], { lastTsMs: T0 }));
    expect(m.cagr).toBeNull();
    expectRelClose(m.total_return, 0.1, 1e-15);
  });

  it('reports a null CAGR when it overflows', () => {
    // ×10,000 in one minute compounds to more than Number.MAX_VALUE a year.
    const m = computeMetrics(input([100, 1e6], { lastTsMs: T0 + 60_000 }));
    expect(m.cagr).toBeNull();
  });

  it('handles equity that reaches zero or goes negative', () => {
    // 100 → 0: total return −1, CAGR −1 (nothing left), drawdown 1.
    const wiped = computeMetrics(input([100, 0]));
    expect(wiped.total_return).toBe(-1);
    expect(wiped.cagr).toBe(-1);
    expect(wiped.max_drawdown).toBe(1);
    // 100 → 0 → 50: the return from 0 is undefined, so volatility and Sharpe are null.
    const back = computeMetrics(input([100, 0, 50, 60]));
    expect(back.annual_volatility).toBeNull();
    expect(back.sharpe).toBeNull();
    expect(back.max_drawdown).toBe(1);
    // 100 → −20: drawdown (100 − (−20)) / 100 = 1.2; a negative final has no CAGR.
    const under = computeMetrics(input([100, -20]));
    expectRelClose(under.total_return, -1.2, 1e-15);
    expect(under.cagr).toBeNull();
    expectRelClose(under.max_drawdown, 1.2, 1e-15);
  });

  it('reports null, never NaN or Infinity, when a ratio overflows', () => {
    // 1e-300 → 1e300 is a return of 1e600, beyond Number.MAX_VALUE.
    const m = computeMetrics(input([1e-300, 1e300, 1e-300], { initialEquity: 1e-320, finalEquity: 1e300 }));
    expect(m.annual_volatility).toBeNull();
    expect(m.sharpe).toBeNull();
    expect(m.total_return).toBeNull();
    expect(m.cagr).toBeNull();
    // Finite sums whose ratio overflows: gross win 1e308 / gross loss 1e-10.
    const pf = computeMetrics(input([100, 101], { tradePnls: Float64Array.from([1e308, -1e-10]) }));
    expect(pf.profit_factor).toBeNull();
    expect(pf.win_rate).toBe(0.5);
    // Finite P&Ls whose gross win overflows: 1e308 + 1e308 = Infinity.
    const sum = computeMetrics(input([100, 101], { tradePnls: Float64Array.from([1e308, 1e308, -1]) }));
    expect(sum.profit_factor).toBeNull();
    expect(sum.trade_count).toBe(3);
  });

  it('reports null total return and CAGR when initial equity is not positive', () => {
    const m = computeMetrics(input([100, 110], { initialEquity: 0 }));
    expect(m.total_return).toBeNull();
    expect(m.cagr).toBeNull();
  });

  it('throws a DataError naming the index of a non-finite input', () => {
    expect(() => computeMetrics(input([100, NaN, 101]))).toThrow(DataError);
    expect(() => computeMetrics(input([100, NaN, 101]))).toThrow(/dailyEquity\[1\]/);
    expect(() => computeMetrics(input([100, Infinity], { finalEquity: 100 }))).toThrow(/dailyEquity\[1\]/);
    for (const bad of [NaN, Infinity, -Infinity]) {
      const pnls = Float64Array.from([1, -1, bad, 2]);
      expect(() => computeMetrics(input([100, 101], { tradePnls: pnls }))).toThrow(/tradePnls\[2\]/);
    }
    expect(() => computeMetrics(input([100], { initialEquity: NaN }))).toThrow(/initialEquity/);
    expect(() => computeMetrics(input([100], { finalEquity: Infinity }))).toThrow(/finalEquity/);
    expect(() => computeMetrics(input([100], { lastTsMs: T0 - 1 }))).toThrow(DataError);
    expect(() => computeMetrics(input([100], { firstTsMs: NaN }))).toThrow(/firstTsMs/);
  });

  it('throws a ConfigError for bad annualization settings', () => {
    for (const ppy of [0, -252, NaN, Infinity]) {
      expect(() => computeMetrics(input([100, 101], { periodsPerYear: ppy }))).toThrow(ConfigError);
    }
    expect(() => computeMetrics(input([100, 101], { riskFreeRate: NaN }))).toThrow(/riskFreeRate/);
  });
});

describe('maxDrawdownOf', () => {
  it('measures the deepest fall from the running peak', () => {
    // Peaks 120 then 130; falls (120 − 90) / 120 = 0.25 and (130 − 104) / 130 = 0.2 → 0.25.
    expect(maxDrawdownOf(Float64Array.from([100, 120, 90, 130, 104, 131]))).toBe(0.25);
  });

  it('is 0 for an empty, single-point or rising curve', () => {
    expect(maxDrawdownOf(new Float64Array(0))).toBe(0);
    expect(maxDrawdownOf(Float64Array.from([100]))).toBe(0);
    expect(maxDrawdownOf(Float64Array.from([1, 2, 3]))).toBe(0);
  });

  it('skips points while the running peak is not positive', () => {
    // −10, −5, −20: no positive peak → 0. Then 5 becomes the peak; 2 is a (5 − 2) / 5 = 0.6 fall.
    expect(maxDrawdownOf(Float64Array.from([-10, -5, -20]))).toBe(0);
    expect(maxDrawdownOf(Float64Array.from([-10, -5, -20, 5, 2]))).toBe(0.6);
  });
});

describe('roundMetric', () => {
  it('rounds to 12 significant digits', () => {
    expect(roundMetric(0.1 + 0.2)).toBe(0.3);
    expect(roundMetric(Math.sqrt(21))).toBe(4.58257569496);
    expect(roundMetric(-1234567.891234567)).toBe(-1234567.89123);
    expect(roundMetric(1.23456789012345e-20)).toBe(1.23456789012e-20);
  });

  it('normalizes −0, keeps null and non-finite values', () => {
    expect(Object.is(roundMetric(-0), 0)).toBe(true);
    expect(roundMetric(null)).toBeNull();
    expect(roundMetric(Infinity)).toBe(Infinity);
    expect(roundMetric(NaN)).toBeNaN();
  });

  it('is idempotent and within half a unit of the 12th digit', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const r = roundMetric(x);
        expect(roundMetric(r)).toBe(r);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(5e-12 * Math.abs(x) + Number.MIN_VALUE);
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it('rounds every number of a Metrics record and keeps the trade count', () => {
    const m = roundMetrics(computeMetrics(input([100, 110, 99, 108.9], { tradePnls: Float64Array.from([1, -3]) })));
    expect(m).toEqual({
      total_return: 0.089,
      cagr: 0.089,
      annual_volatility: 1.83303027798,
      sharpe: 4.58257569496,
      max_drawdown: 0.1,
      trade_count: 2,
      win_rate: 0.5,
      profit_factor: 0.333333333333,
    });
    expect(JSON.stringify(m)).toBe(JSON.stringify(roundMetrics(m)));
  });
});
