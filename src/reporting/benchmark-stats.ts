// Statistics of the strategy's daily returns against a benchmark's (buy and hold of one symbol):
// beta, Jensen's alpha, tracking error and information ratio.
import { ZERO_VOLATILITY } from './metrics.js';

/** Benchmark-relative statistics; all null when there is no benchmark. */
export interface BenchmarkStats {
  /** Benchmark price at the end / price at the start − 1 (buy and hold, no costs). */
  readonly benchmark_return: number | null;
  /**
   * Beta = Σ (r_i − r̄)(b_i − b̄) / Σ (b_i − b̄)² over the daily returns r of the strategy and b of
   * the benchmark; null with fewer than 2 returns or a benchmark without spread.
   */
  readonly beta: number | null;
  /**
   * Annualised Jensen's alpha: (mean(r) − τ − beta · (mean(b) − τ)) × P, with τ = rf / P (arithmetic
   * annualisation); null when beta is.
   */
  readonly alpha: number | null;
  /** Tracking error: sample standard deviation (n − 1) of the active returns r_i − b_i, × √P (0 at or below ZERO_VOLATILITY a day); null with fewer than 2 returns. */
  readonly tracking_error: number | null;
  /** Information ratio: mean(r − b) / sd(r − b) × √P; null when the tracking error is null or zero. */
  readonly information_ratio: number | null;
}

/** The statistics of a run without a benchmark. */
export const NO_BENCHMARK: BenchmarkStats = { benchmark_return: null, beta: null, alpha: null, tracking_error: null, information_ratio: null };

/**
 * Computes {@link BenchmarkStats} from daily returns r and b of the same days (equal lengths) and
 * the benchmark's total return; two-pass sums (the series are short: one value a day).
 */
export function benchmarkStats(r: Float64Array, b: Float64Array, benchmarkReturn: number, periodsPerYear: number, riskFreeRate: number): BenchmarkStats {
  const n = Math.min(r.length, b.length);
  let sr = 0, sb = 0, sa = 0;
  for (let i = 0; i < n; i++) {
    sr += r[i]!;
    sb += b[i]!;
    sa += r[i]! - b[i]!;
  }
  const mr = sr / n, mb = sb / n, ma = sa / n;
  let cov = 0, vb = 0, va = 0;
  for (let i = 0; i < n; i++) {
    const dr = r[i]! - mr, db = b[i]! - mb, da = r[i]! - b[i]! - ma;
    cov += dr * db;
    vb += db * db;
    va += da * da;
  }
  const tau = riskFreeRate / periodsPerYear;
  const beta = n >= 2 && Math.sqrt(vb / (n - 1)) > ZERO_VOLATILITY ? cov / vb : null;
  const sdActive = n >= 2 ? Math.sqrt(va / (n - 1)) : null;
  // a spread at rounding level (a strategy that is the benchmark) is zero, as for the volatility
  const te = sdActive === null ? null : sdActive <= ZERO_VOLATILITY ? 0 : sdActive * Math.sqrt(periodsPerYear);
  return {
    benchmark_return: finite(benchmarkReturn),
    beta: beta === null ? null : finite(beta),
    alpha: beta === null ? null : finite((mr - tau - beta * (mb - tau)) * periodsPerYear),
    tracking_error: te === null ? null : finite(te),
    information_ratio: sdActive !== null && sdActive > ZERO_VOLATILITY ? finite((ma / sdActive) * Math.sqrt(periodsPerYear)) : null,
  };
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
