// Drawdowns of a daily equity curve: the underwater series, the longest time below a peak and the
// share of days spent below one.

/** Duration statistics of the drawdowns of a daily equity curve. */
export interface DrawdownStats {
  /**
   * Longest drawdown in trading days (daily samples): from the day of a peak to the first later
   * day whose equity is back at or above it, or to the last day when it never recovers. 0 for a
   * curve that never falls below its running peak.
   */
  readonly max_drawdown_duration_days: number;
  /**
   * Share of the days after the first sample whose equity is below the running peak (of the
   * samples up to and including that day); null with fewer than two samples.
   */
  readonly time_under_water: number | null;
}

/**
 * The underwater curve: E_t / M_t − 1 with M_t the running peak, computed as −(M_t − E_t) / M_t;
 * 0 at a new peak and while the running peak is not positive (no fraction of a non-positive peak).
 */
export function underwater(equity: Float64Array): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = -Infinity;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    if (e > peak) peak = e;
    out[i] = peak > 0 && e < peak ? -(peak - e) / peak : 0;
  }
  return out;
}

/** Computes {@link DrawdownStats} of daily equity samples (the first may be the initial equity). */
export function drawdownStats(equity: Float64Array): DrawdownStats {
  const n = equity.length;
  let peak = -Infinity;
  let peakAt = 0;
  let under = 0;
  let longest = 0;
  let wasUnder = false;
  for (let i = 0; i < n; i++) {
    const e = equity[i]!;
    if (e >= peak) {
      // at or above the peak: an episode that started at peakAt ends on this day
      if (wasUnder) longest = Math.max(longest, i - peakAt);
      wasUnder = false;
      peak = e;
      peakAt = i;
    } else {
      under++;
      wasUnder = true;
      longest = Math.max(longest, i - peakAt);
    }
  }
  return { max_drawdown_duration_days: longest, time_under_water: n >= 2 ? under / (n - 1) : null };
}
