// The deflated Sharpe ratio (Bailey & López de Prado, 2014): the probability that the best of N
// trials has a true Sharpe ratio above zero, after the selection bias of picking it from N trials.
// All Sharpe ratios here are per period (per day), not annualised.

/** The Euler–Mascheroni constant γ. */
const EULER_GAMMA = 0.5772156649015329;

/** erfc by its Taylor series (|z| < 3) or its continued fraction (z ≥ 3); about 1e-13 accurate. */
function erfc(z: number): number {
  if (z < 0) return 2 - erfc(-z);
  if (z < 3) {
    // erf z = 2/√π Σ (−1)^n z^(2n+1) / (n! (2n+1))
    let term = z, sum = z;
    for (let n = 1; n < 200; n++) {
      term *= (-z * z) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc z = e^(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))) by Lentz's method
  const tiny = 1e-300;
  let f = z, c = z, d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = z + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = z + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-z * z) / (Math.sqrt(Math.PI) * f);
}

/** Standard normal distribution function Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/**
 * Standard normal quantile Φ⁻¹(p): Acklam's rational approximation (relative error 1.2e-9)
 * refined by one Halley step on {@link normalCdf}. ±Infinity at 0 and 1; NaN outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  let x: number;
  if (p < lo || p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(p < lo ? p : 1 - p));
    x = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
    if (p > lo) x = -x;
  } else {
    const q = p - 0.5, r = q * q;
    x = ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/**
 * Expected maximum of N per-period Sharpe ratios drawn with variance `variance` when every true
 * Sharpe ratio is zero: √V · ((1 − γ) Φ⁻¹(1 − 1/N) + γ Φ⁻¹(1 − 1/(N e))). Zero for N ≤ 1.
 */
export function expectedMaxSharpe(trials: number, variance: number): number {
  if (!(trials > 1) || !(variance > 0)) return 0;
  return Math.sqrt(variance) * ((1 - EULER_GAMMA) * normalQuantile(1 - 1 / trials) + EULER_GAMMA * normalQuantile(1 - 1 / (trials * Math.E)));
}

/**
 * Probabilistic Sharpe ratio: P(true SR > benchmark) for an observed per-period `sharpe` over
 * `returns` returns with skewness γ3 and (non-excess) kurtosis γ4:
 * Φ((SR − SR*) √(T − 1) / √(1 − γ3·SR + (γ4 − 1)/4 · SR²)). Null when undefined (T < 2, negative variance).
 */
export function probabilisticSharpe(sharpe: number, benchmark: number, returns: number, skewness: number, kurtosis: number): number | null {
  const v = 1 - skewness * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (!(returns >= 2) || !(v > 0) || !Number.isFinite(sharpe)) return null;
  return normalCdf(((sharpe - benchmark) * Math.sqrt(returns - 1)) / Math.sqrt(v));
}

/** Mean, sample standard deviation, skewness and (non-excess) kurtosis of a series. */
export interface Moments {
  readonly count: number;
  readonly mean: number;
  readonly sd: number;
  readonly skewness: number;
  readonly kurtosis: number;
}

/** Moments of `x`; skewness and kurtosis use population central moments (m3/m2^1.5, m4/m2²). */
export function moments(x: ArrayLike<number>): Moments {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - mean, d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN;
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { count: n, mean, sd, skewness: m2 > 0 ? m3 / m2 ** 1.5 : 0, kurtosis: m2 > 0 ? m4 / (m2 * m2) : 3 };
}

/** The inputs and result of a deflated Sharpe ratio. */
export interface DeflatedSharpe {
  /** P(true SR > 0) after selecting the best of `trials`; null when undefined. */
  readonly value: number | null;
  readonly trials: number;
  /** The selected trial's per-period Sharpe ratio. */
  readonly sharpe: number;
  /** Variance of the per-period Sharpe ratios across trials. */
  readonly sharpeVariance: number;
  /** The expected maximum per-period Sharpe ratio of `trials` trials with no skill. */
  readonly benchmark: number;
  readonly returns: number;
  readonly skewness: number;
  readonly kurtosis: number;
}

/**
 * Deflated Sharpe ratio of the selected trial: its probabilistic Sharpe ratio against the
 * expected maximum Sharpe ratio of `trialSharpes.length` unskilled trials with their variance.
 * `selected` are the selected trial's per-period returns; `trialSharpes` per-period Sharpe ratios.
 */
export function deflatedSharpe(selected: ArrayLike<number>, trialSharpes: ArrayLike<number>): DeflatedSharpe {
  const m = moments(selected);
  const sharpe = m.sd > 0 ? m.mean / m.sd : NaN;
  const trials = trialSharpes.length;
  const variance = trials > 1 ? moments(trialSharpes).sd ** 2 : 0;
  const benchmark = expectedMaxSharpe(trials, variance);
  return {
    value: probabilisticSharpe(sharpe, benchmark, m.count, m.skewness, m.kurtosis),
    trials, sharpe, sharpeVariance: variance, benchmark, returns: m.count, skewness: m.skewness, kurtosis: m.kurtosis,
  };
}
