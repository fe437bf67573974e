// Unit tests of drawdown durations, trade statistics, benchmark statistics, exposure and turnover,
// against values derived by hand in the comments.
import { describe, expect, it } from 'vitest';
import { drawdownStats, underwater } from '../../src/reporting/drawdown.js';
import { tradeStats } from '../../src/reporting/trade-stats.js';
import { benchmarkStats } from '../../src/reporting/benchmark-stats.js';
import { exposureOf, turnoverOf } from '../../src/reporting/activity-stats.js';
import { emptyColumns, FILL_KEYS, type FillColumns } from '../../src/reporting/results.js';
import { DataError } from '../../src/model/index.js';

const close = (a: number | null, b: number, tol = 1e-12): void => {
  expect(a).not.toBeNull();
  expect(Math.abs(a! - b), `${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
};

describe('drawdowns', () => {
  // equity 100, 110, 99, 105, 110, 120, 90, 95 (index 0 = the initial equity)
  //   peak 110 at 1; under water at 2, 3; back at 110 on day 4 → 4 − 1 = 3 days
  //   peak 120 at 5; under water at 6, 7 until the end → 7 − 5 = 2 days
  //   longest = 3; days under water: 2, 3, 6, 7 = 4 of 7 → 4/7
  const eq = Float64Array.from([100, 110, 99, 105, 110, 120, 90, 95]);

  it('measures the longest drawdown from its peak to its recovery, in days', () => {
    const s = drawdownStats(eq);
    expect(s.max_drawdown_duration_days).toBe(3);
    close(s.time_under_water, 4 / 7);
  });

  it('counts a drawdown that never recovers up to the last day', () => {
    // peak 100 at 0, under water to the end (index 4): 4 days
    expect(drawdownStats(Float64Array.from([100, 90, 80, 95, 99])).max_drawdown_duration_days).toBe(4);
  });

  it('is 0 for a rising curve; time under water is null for one sample', () => {
    expect(drawdownStats(Float64Array.from([1, 2, 3]))).toEqual({ max_drawdown_duration_days: 0, time_under_water: 0 });
    expect(drawdownStats(Float64Array.from([1])).time_under_water).toBeNull();
  });

  it('draws the underwater curve as E / running peak − 1', () => {
    const u = underwater(eq);
    // 99 / 110 − 1 = −0.1; 90 / 120 − 1 = −0.25
    close(u[2]!, -0.1);
    close(u[6]!, -0.25);
    expect(u[5]).toBe(0);
    expect(Array.from(underwater(Float64Array.from([-5, -10])))).toEqual([0, 0]); // no positive peak
  });
});

describe('tradeStats', () => {
  it('computes expectancy, average and largest win and loss, and holding time', () => {
    // pnl 50, −20, 0, 30, −10 held 60, 120, 180, 240, 300 s
    //   expectancy = 50 / 5 = 10; average win (50 + 30) / 2 = 40; average loss (−20 − 10) / 2 = −15
    //   largest win 50, largest loss −20; holding (60 + … + 300) / 5 = 180 s
    const s = tradeStats({
      pnl: Float64Array.from([50, -20, 0, 30, -10]),
      entryMs: Float64Array.from([0, 0, 0, 0, 0]),
      exitMs: Float64Array.from([60_000, 120_000, 180_000, 240_000, 300_000]),
    });
    expect(s).toEqual({ expectancy: 10, average_win: 40, average_loss: -15, largest_win: 50, largest_loss: -20, average_holding_seconds: 180 });
  });

  it('is null without trades of a kind', () => {
    const none = tradeStats({ pnl: new Float64Array(0), entryMs: new Float64Array(0), exitMs: new Float64Array(0) });
    expect(Object.values(none).every((v) => v === null)).toBe(true);
    const wins = tradeStats({ pnl: Float64Array.from([5]), entryMs: Float64Array.from([0]), exitMs: Float64Array.from([1000]) });
    expect(wins.average_loss).toBeNull();
    expect(wins.largest_loss).toBeNull();
  });
});

describe('benchmarkStats', () => {
  it('gives beta 2, zero alpha and an information ratio from an exact linear relation', () => {
    // r = 2b exactly: beta = cov(2b, b) / var(b) = 2; alpha = (mean r − 2 mean b) × P = 0
    // active a = r − b = b: TE = sd(b) × √P, IR = mean(b) / sd(b) × √P
    const b = Float64Array.from([0.01, -0.02, 0.015, 0.005]);
    const r = b.map((x) => 2 * x);
    const s = benchmarkStats(r, b, 0.1, 252, 0);
    close(s.beta, 2);
    close(s.alpha, 0, 1e-14);
    const mean = 0.01 / 4;
    const sd = Math.sqrt(b.reduce((a, x) => a + (x - mean) ** 2, 0) / 3);
    close(s.tracking_error, sd * Math.sqrt(252));
    close(s.information_ratio, (mean / sd) * Math.sqrt(252));
    expect(s.benchmark_return).toBe(0.1);
  });

  it('computes alpha against the risk-free rate', () => {
    // r = b + 0.001 every day: beta = 1; alpha = (mean b + 0.001 − τ − (mean b − τ)) × 252 = 0.252
    const b = Float64Array.from([0.01, -0.02, 0.015, 0.005]);
    const s = benchmarkStats(b.map((x) => x + 0.001), b, 0, 252, 0.05);
    close(s.beta, 1);
    close(s.alpha, 0.252, 1e-10);
    expect(s.tracking_error).toBe(0); // a constant active return has no spread
    expect(s.information_ratio).toBeNull();
  });

  it('is null when the benchmark does not move or there is one day', () => {
    const flat = benchmarkStats(Float64Array.from([0.01, 0.02]), Float64Array.from([0, 0]), 0, 252, 0);
    expect(flat.beta).toBeNull();
    expect(flat.alpha).toBeNull();
    const one = benchmarkStats(Float64Array.from([0.01]), Float64Array.from([0.02]), 0.02, 252, 0);
    expect(one.tracking_error).toBeNull();
    expect(one.beta).toBeNull();
  });
});

/** Fill columns from rows of [strategy, symbol, side, quantity, price]. */
function fills(rows: Array<[string, string, 'buy' | 'sell', string, string]>): FillColumns {
  const c = emptyColumns(FILL_KEYS);
  rows.forEach(([strategy, symbol, side, q, p], i) => {
    c.fill_id.push(`f${i}`); c.order_id.push(`o${i}`); c.time.push('2024-01-02T14:30:00Z'); c.symbol.push(symbol); c.side.push(side);
    c.quantity.push(q); c.price.push(p); c.commission.push('1'); c.gross_value.push(i === 0 ? '' : String(Number(q) * Number(p))); c.net_value.push(''); c.strategy_id.push(strategy);
  });
  return c;
}

describe('exposure and turnover', () => {
  it('counts the bars with a round trip open, each bar once', () => {
    // 20 bars; round trips over bars [2, 7) and [5, 12): together bars 2..11 = 10 → 10 / 20 = 0.5
    expect(exposureOf([2, 5], [7, 12], 20)).toBe(0.5);
    // still open at the end: from bar 15 to the last bar, 15..19 = 5 → 0.25
    expect(exposureOf([15], [-1], 20)).toBe(0.25);
    // nested [0, 10) ⊃ [2, 5), a trade in and out within one bar (no bar held), a trade without an entry: 10 / 20
    expect(exposureOf([0, 2, 12, -1], [10, 5, 12, 3], 20)).toBe(0.5);
    expect(exposureOf([], [], 20)).toBe(0);
    expect(exposureOf([1], [2], 0)).toBeNull();
  });

  it('refuses a round trip that closes before it opens, naming it', () => {
    expect(() => exposureOf([2, 9], [7, 5], 20)).toThrow(DataError);
    expect(() => exposureOf([2, 9], [7, 5], 20)).toThrow(/trade_exit_bars\[1\] = 5 is before trade_entry_bars\[1\] = 9/);
  });

  it('divides the traded value by the mean daily equity', () => {
    // fills AAA 10 @ 100 (no gross value given: q × p = 1000), BBB 5 @ 20 = 100, AAA 10 @ 110 = 1100, BBB 5 @ 22 = 110
    // traded = 2310; mean daily equity (1000 + 1200) / 2 = 1100 → turnover 2.1
    const f = fills([['s', 'AAA', 'buy', '10', '100'], ['s', 'BBB', 'buy', '5', '20'], ['s', 'AAA', 'sell', '10', '110'], ['s', 'BBB', 'sell', '5', '22']]);
    close(turnoverOf(f, Float64Array.from([1000, 1200])), 2.1);
    expect(turnoverOf(f, Float64Array.from([0, 0]))).toBeNull();
  });
});
