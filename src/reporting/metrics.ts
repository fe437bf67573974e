// Performance metrics of a run: returns, risk and trade statistics from the daily equity
// curve and the closed round trips. Pure functions over typed arrays; no I/O.
import { ConfigError, DataError } from '../model/index.js';

/** Milliseconds in a year of 365.25 days, the CAGR year. */
export const MS_PER_YEAR = 365.25 * 86_400_000;

/** Trading periods in a year when the input does not say (daily bars of a US exchange). */
export const DEFAULT_PERIODS_PER_YEAR = 252;

/**
 * Sample standard deviations of daily returns at or below this are treated as zero volatility.
 * Each daily return is a ratio of two rounded doubles and carries a few 1e-16 of rounding, so an
 * equity curve growing at a constant rate (or flat) shows a spread of that order; dividing by it
 * would report a Sharpe ratio near 1e15. No real return series has a daily spread this small.
 */
export const ZERO_VOLATILITY = 1e-13;

/** What {@link computeMetrics} reads. */
export interface MetricsInput {
  /**
   * Equity at the close of each trading day, in order. The first value may be the initial
   * equity before the first day, so that the first day's return is measured from it.
   */
  readonly dailyEquity: Float64Array;
  /** Time of the run's first bar, ms since the epoch. */
  readonly firstTsMs: number;
  /** Time of the run's last bar, ms since the epoch; CAGR's years = (last − first) / 365.25 days. */
  readonly lastTsMs: number;
  /** Equity at the start of the run. */
  readonly initialEquity: number;
  /** Equity at the end of the run. */
  readonly finalEquity: number;
  /** Realized P&L of each closed round trip, net of commissions. */
  readonly tradePnls: Float64Array;
  /** Return periods in a year, for annualizing; default 252. */
  readonly periodsPerYear?: number;
  /** Annual risk-free rate as a fraction (0.03 = 3%); default 0. */
  readonly riskFreeRate?: number;
}

/**
 * Performance metrics of a run, field names as in the `reporting/run_result` contract.
 * `null` means the metric is undefined for this run (the field's TSDoc says when).
 */
export interface Metrics {
  /** final / initial − 1; null when initial equity is not positive (or the ratio overflows). */
  readonly total_return: number | null;
  /**
   * (final / initial)^(1 / years) − 1 with years = (lastTsMs − firstTsMs) / 365.25 days; null
   * over a zero-length period, when final equity is negative or initial not positive, or when the
   * result overflows (a large return over minutes).
   */
  readonly cagr: number | null;
  /**
   * Sample standard deviation (n − 1) of the daily returns r_i = E_i / E_{i−1} − 1, times
   * sqrt(periodsPerYear); null with fewer than 2 returns, a non-positive equity to return from,
   * or an overflow (a return from a near-zero equity).
   */
  readonly annual_volatility: number | null;
  /**
   * mean(r_i − rf / periodsPerYear) / sd(r) × sqrt(periodsPerYear), where sd is the sample
   * standard deviation above; null when the volatility is null or zero (see {@link ZERO_VOLATILITY}).
   */
  readonly sharpe: number | null;
  /** Largest fall from a running peak, as a positive fraction, on daily closes (see {@link maxDrawdownOf}). */
  readonly max_drawdown: number;
  /** Number of closed round trips. */
  readonly trade_count: number;
  /** Winners (pnl > 0; a pnl of exactly 0 is not a winner) / closed trades; null with no trade. */
  readonly win_rate: number | null;
  /** Sum of winning pnl / |sum of losing pnl|; null with no losing trade (or on overflow). */
  readonly profit_factor: number | null;
}

/**
 * Maximum drawdown of an equity curve as a positive fraction:
 * max over t of (1 − E_t / M_t) with M_t = max_{s ≤ t} E_s, computed as (M_t − E_t) / M_t
 * (exact subtraction near the peak). Measured on the points given, which for a run are daily
 * closes: a dip and recovery inside a day does not count. 0 for fewer than two points or a curve
 * that never falls; points while the running peak is not positive are skipped (no fraction of a
 * non-positive peak). A fall below zero equity gives a drawdown above 1.
 */
export function maxDrawdownOf(equity: Float64Array): number {
  let peak = -Infinity;
  let maxDd = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    if (e > peak) peak = e;
    else if (peak > 0) {
      const dd = (peak - e) / peak;
      if (dd > maxDd) maxDd = dd;
    }
  }
  return maxDd;
}

/**
 * Computes the metrics of a run in one pass over the daily equity (returns by Welford's
 * running mean and variance, drawdown alongside) and one over the trade P&Ls.
 * Formulas are on the fields of {@link Metrics}; values are not rounded (see {@link roundMetrics}).
 * Throws a ConfigError for a bad `periodsPerYear` or `riskFreeRate` and a DataError for a
 * non-finite input or a last bar before the first: both are faults upstream, not outcomes.
 */
export function computeMetrics(input: MetricsInput): Metrics {
  const { dailyEquity, tradePnls, initialEquity, finalEquity, firstTsMs, lastTsMs } = input;
  const periodsPerYear = input.periodsPerYear ?? DEFAULT_PERIODS_PER_YEAR;
  const riskFreeRate = input.riskFreeRate ?? 0;
  checkInput(periodsPerYear, riskFreeRate, initialEquity, finalEquity, firstTsMs, lastTsMs);

  // Daily returns r_i = (E_i − E_{i−1}) / E_{i−1}, the same as E_i / E_{i−1} − 1 but exact
  // when the two closes are near each other; Welford's update keeps the variance accurate
  // without storing the returns. The drawdown loop is maxDrawdownOf's, fused into this pass.
  let n = 0;
  let mean = 0;
  let m2 = 0;
  let returnsDefined = true;
  let peak = -Infinity;
  let maxDd = 0;
  let prev = NaN;
  for (let i = 0; i < dailyEquity.length; i++) {
    const e = dailyEquity[i]!;
    if (!Number.isFinite(e)) throw nonFinite('dailyEquity', i, e, 'check the valuation of that day for a missing price');
    if (i > 0) {
      if (prev > 0) {
        const r = (e - prev) / prev;
        n++;
        const delta = r - mean;
        mean += delta / n;
        m2 += delta * (r - mean);
      } else {
        returnsDefined = false;
      }
    }
    prev = e;
    if (e > peak) peak = e;
    else if (peak > 0) {
      const dd = (peak - e) / peak;
      if (dd > maxDd) maxDd = dd;
    }
  }

  let annualVolatility: number | null = null;
  let sharpe: number | null = null;
  if (returnsDefined && n >= 2 && Number.isFinite(m2)) {
    const sd = Math.sqrt(m2 / (n - 1));
    const annualize = Math.sqrt(periodsPerYear);
    if (sd <= ZERO_VOLATILITY) {
      annualVolatility = 0;
    } else {
      annualVolatility = finiteOrNull(sd * annualize);
      // Subtracting a constant from every return moves the mean, not the spread.
      sharpe = finiteOrNull(((mean - riskFreeRate / periodsPerYear) / sd) * annualize);
    }
  }

  let winners = 0;
  let grossWin = 0;
  let grossLoss = 0;
  let losers = 0;
  for (let i = 0; i < tradePnls.length; i++) {
    const pnl = tradePnls[i]!;
    if (pnl > 0) {
      winners++;
      grossWin += pnl;
    } else if (pnl < 0) {
      losers++;
      grossLoss -= pnl;
    } else if (pnl !== 0) {
      throw nonFinite('tradePnls', i, pnl, 'check the realized P&L of that round trip');
    }
  }
  // ±Infinity takes the winner or loser branch above; find it here rather than test every
  // element. Finite P&Ls whose sum overflows are not a fault: the profit factor is then null.
  const sumsFinite = Number.isFinite(grossWin) && Number.isFinite(grossLoss);
  if (!sumsFinite) {
    const i = tradePnls.findIndex((p) => !Number.isFinite(p));
    if (i >= 0) throw nonFinite('tradePnls', i, tradePnls[i]!, 'check the realized P&L of that round trip');
  }
  const tradeCount = tradePnls.length;

  return {
    total_return: initialEquity > 0 ? finiteOrNull((finalEquity - initialEquity) / initialEquity) : null,
    cagr: cagrOf(initialEquity, finalEquity, (lastTsMs - firstTsMs) / MS_PER_YEAR),
    annual_volatility: annualVolatility,
    sharpe,
    max_drawdown: maxDd,
    trade_count: tradeCount,
    win_rate: tradeCount > 0 ? winners / tradeCount : null,
    profit_factor: losers > 0 && sumsFinite ? finiteOrNull(grossWin / grossLoss) : null,
  };
}

/**
 * Rounds to 12 significant digits so that results print the same on every platform and
 * summation order noise (the 15th–17th digit) never reaches a report; −0 becomes 0.
 * Non-finite numbers are returned unchanged; null stays null.
 */
export function roundMetric(x: number): number;
export function roundMetric(x: number | null): number | null;
export function roundMetric(x: number | null): number | null {
  if (x === null || !Number.isFinite(x)) return x;
  if (x === 0) return 0;
  return Number(x.toPrecision(12));
}

/** The metrics with every number passed through {@link roundMetric}, for deterministic JSON. */
export function roundMetrics(m: Metrics): Metrics {
  return {
    total_return: roundMetric(m.total_return),
    cagr: roundMetric(m.cagr),
    annual_volatility: roundMetric(m.annual_volatility),
    sharpe: roundMetric(m.sharpe),
    max_drawdown: roundMetric(m.max_drawdown),
    trade_count: m.trade_count,
    win_rate: roundMetric(m.win_rate),
    profit_factor: roundMetric(m.profit_factor),
  };
}

/**
 * (final / initial)^(1 / years) − 1, computed as expm1(log1p(total return) / years) to keep
 * small returns accurate. A final equity of 0 gives −1; undefined cases give null.
 */
function cagrOf(initial: number, final: number, years: number): number | null {
  if (!(years > 0) || !(initial > 0) || final < 0) return null;
  const cagr = Math.expm1(Math.log1p((final - initial) / initial) / years);
  return Number.isFinite(cagr) ? cagr : null;
}

/** The run_result contract allows null, never NaN or ±Infinity (which JSON cannot carry). */
function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function checkInput(periodsPerYear: number, riskFreeRate: number, initial: number, final: number, firstTsMs: number, lastTsMs: number): void {
  if (!Number.isFinite(periodsPerYear) || periodsPerYear <= 0) {
    throw new ConfigError(`computeMetrics: \`periodsPerYear\` must be a positive number; got ${periodsPerYear} (use 252 for daily bars of an exchange, 365 for crypto)`);
  }
  if (!Number.isFinite(riskFreeRate)) {
    throw new ConfigError(`computeMetrics: \`riskFreeRate\` must be a finite annual fraction such as 0.03; got ${riskFreeRate}`);
  }
  if (!Number.isFinite(initial)) throw new DataError(`computeMetrics: \`initialEquity\` must be finite; got ${initial} (check the run's initial capital)`);
  if (!Number.isFinite(final)) throw new DataError(`computeMetrics: \`finalEquity\` must be finite; got ${final} (check the last valuation for a missing price)`);
  if (!Number.isFinite(firstTsMs) || !Number.isFinite(lastTsMs) || lastTsMs < firstTsMs) {
    throw new DataError(`computeMetrics: \`firstTsMs\` and \`lastTsMs\` must be finite with last ≥ first; got ${firstTsMs} and ${lastTsMs} (pass the times of the run's first and last bar)`);
  }
}

function nonFinite(name: string, index: number, value: number, fix: string): DataError {
  return new DataError(`computeMetrics: \`${name}[${index}]\` must be finite; got ${value} (${fix})`);
}
