// The standard normal distribution function Φ, for the probabilistic Sharpe ratio. No library
// ships it, and the usual 7-digit approximations would leak their error into run.json.

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erf(z) for z ≥ 0 by the series erf(z) = 2/√π · e^(−z²) · Σ_{k≥0} 2^k z^(2k+1) / (1·3·5···(2k+1))
 * (Abramowitz & Stegun 7.1.6). Every term is positive, so nothing cancels: the sum is accurate to a
 * few ulps for any z. It needs about z² + 30 terms; above z = 6, erf(z) is 1 to double precision.
 */
function erfNonNegative(z: number): number {
  if (z >= 6) return 1;
  const z2 = 2 * z * z;
  let term = z;
  let sum = z;
  for (let k = 1; k < 500; k++) {
    term *= z2 / (2 * k + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return Math.min(1, TWO_OVER_SQRT_PI * Math.exp(-z * z) * sum);
}

/**
 * Φ(x) = P(Z ≤ x) for a standard normal Z, as (1 + erf(x / √2)) / 2, with erf from the
 * positive series above (absolute error below 1e-15). NaN in, NaN out.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const e = erfNonNegative(Math.abs(x) / Math.SQRT2);
  return x >= 0 ? 0.5 + 0.5 * e : 0.5 - 0.5 * e;
}
