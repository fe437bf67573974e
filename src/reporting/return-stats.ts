// Statistics of the distribution of daily returns: downside risk (Sortino), Omega, tail ratio,
// skew, kurtosis, historical value at risk and the probabilistic Sharpe ratio. Pure functions.
import { ZERO_VOLATILITY } from './metrics.js';
import { normalCdf } from './normal-cdf.js';

/** Statistics of the daily returns; null where the field's TSDoc says the value is undefined. */
export interface ReturnStats {
  /**
   * Sortino ratio: mean(r − τ) / DD × √P with τ = rf / P and downside deviation
   * DD = √( Σ min(0, r_i − τ)² / n ) over all n returns (Sortino & Price). Null with fewer than 2
   * returns or no return below τ.
   */
  readonly sortino: number | null;
  /** Omega ratio at τ = rf / P: Σ max(r_i − τ, 0) / Σ max(τ − r_i, 0); null with no return below τ. */
  readonly omega: number | null;
  /** |Q(0.95)| / |Q(0.05)| of the returns (quantiles as in {@link quantileSorted}); null with fewer than 2 returns or Q(0.05) = 0. */
  readonly tail_ratio: number | null;
  /** Skewness m3 / m2^(3/2) with population moments m_k = Σ (r_i − mean)^k / n; null with fewer than 3 returns or zero spread. */
  readonly skew: number | null;
  /** Excess kurtosis m4 / m2² − 3 (population moments; 0 for a normal law); null as for skew. */
  readonly kurtosis: number | null;
  /** Historical one-day value at risk at 95%: −Q(0.05) of the daily returns, a fraction of equity (positive = a loss); null with fewer than 2 returns. */
  readonly value_at_risk_95: number | null;
  /**
   * Probabilistic Sharpe ratio against SR* = 0 (Bailey & López de Prado, 2012):
   * Φ( SR · √(n − 1) / √(1 − skew · SR + (kurtosis + 2) / 4 · SR²) ), where SR = mean(r − τ) / sd(r)
   * is the per-day Sharpe ratio (sample sd, n − 1), skew as above and kurtosis + 3 the raw
   * kurtosis γ4 of the paper (its term (γ4 − 1)/4). The probability that the true Sharpe ratio is
   * above 0. Null with fewer than 3 returns, zero spread, or a non-positive term under the root.
   */
  readonly probabilistic_sharpe: number | null;
}

/**
 * The q-quantile of ascending `sorted` values by linear interpolation between order statistics
 * (Hyndman & Fan type 7, numpy's default): h = (n − 1) q, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Daily returns r_i = (E_i − E_{i−1}) / E_{i−1} of consecutive samples, or null when an equity to
 * return from is not positive (a return from nothing is undefined).
 */
export function dailyReturns(equity: Float64Array): Float64Array | null {
  const n = Math.max(0, equity.length - 1);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const prev = equity[i]!;
    if (!(prev > 0)) return null;
    r[i] = (equity[i + 1]! - prev) / prev;
  }
  return r;
}

/** Computes {@link ReturnStats} of daily returns with `periodsPerYear` P and annual risk-free rate rf. */
export function returnStats(returns: Float64Array, periodsPerYear: number, riskFreeRate: number): ReturnStats {
  const n = returns.length;
  const tau = riskFreeRate / periodsPerYear;
  let sum = 0;
  let up = 0;
  let down = 0;
  let downSq = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i]!;
    sum += r;
    const d = r - tau;
    if (d > 0) up += d;
    else if (d < 0) {
      down -= d;
      downSq += d * d;
    }
  }
  const mean = n > 0 ? sum / n : NaN;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = returns[i]! - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const sorted = returns.slice().sort();
  const q05 = quantileSorted(sorted, 0.05);
  const q95 = quantileSorted(sorted, 0.95);
  const dd = Math.sqrt(downSq / n);
  const spread = n >= 3 && Math.sqrt(m2) > ZERO_VOLATILITY;
  const skew = spread ? m3 / Math.pow(m2, 1.5) : null;
  const kurtosis = spread ? m4 / (m2 * m2) - 3 : null;
  let psr: number | null = null;
  if (spread && skew !== null && kurtosis !== null) {
    const sr = (mean - tau) / Math.sqrt((m2 * n) / (n - 1));
    const v = 1 - skew * sr + ((kurtosis + 2) / 4) * sr * sr;
    if (v > 0) psr = finite(normalCdf((sr * Math.sqrt(n - 1)) / Math.sqrt(v)));
  }
  return {
    sortino: n >= 2 && dd > 0 ? finite(((mean - tau) / dd) * Math.sqrt(periodsPerYear)) : null,
    omega: down > 0 ? finite(up / down) : null,
    tail_ratio: n >= 2 && q05 !== 0 ? finite(Math.abs(q95) / Math.abs(q05)) : null,
    skew: skew === null ? null : finite(skew),
    kurtosis: kurtosis === null ? null : finite(kurtosis),
    value_at_risk_95: n >= 2 ? finite(-q05) : null,
    probabilistic_sharpe: psr,
  };
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
