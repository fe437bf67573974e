// momentum_rotation: ranks by trailing return and rebalances on the first bar of each period in the
// data's time zone (not UTC's), holding the top N.
import { describe, it, expect } from 'vitest';
import { MomentumRotationStrategy, LocalCalendar, createStrategy } from '../../src/strategy/index.js';
import { makeBars, config, run, signalsAt } from './helpers.js';

/** Trading days 2024-01-02 … 2024-03-28 (weekends, Jan 1 and 15, Feb 19, Mar 29 are holidays). */
function tradingDays(): string[] {
  const out: string[] = [];
  const holidays = new Set(['2024-01-01', '2024-01-15', '2024-02-19', '2024-03-29']);
  for (let ms = Date.UTC(2024, 0, 2); ms <= Date.UTC(2024, 2, 28); ms += 86_400_000) {
    const d = new Date(ms);
    const iso = d.toISOString().slice(0, 10);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !holidays.has(iso)) out.push(iso);
  }
  return out;
}

// two bars a day: 15:00 New York (20:00 UTC) and 19:30 New York (00:30 UTC the next day), so that
// a calendar in UTC would see each new day (and month) one bar early
const days = tradingDays();
const times: number[] = [], dates: string[] = [];
for (const d of days) {
  const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
  times.push(Date.UTC(y, m - 1, dd, 20, 0), Date.UTC(y, m - 1, dd + 1, 0, 30));
  dates.push(d, d);
}
// A rises 1% a bar through January; B 2% a bar from Jan 25 through Feb 28; C 3% a bar from Feb 22; else they drift down
const series = (rises: (d: string) => number, down: number) => {
  let p = 100;
  return dates.map((d) => (p = Math.round(p * (rises(d) || down) * 1e4) / 1e4));
};
const A = series((d) => (d < '2024-02-01' ? 1.01 : 0), 0.999);
const B = series((d) => (d >= '2024-01-25' && d < '2024-02-29' ? 1.02 : 0), 0.999);
const C = series((d) => (d >= '2024-02-22' ? 1.03 : 0), 0.998);
const bars = () => makeBars({ A: { close: A }, B: { close: B }, C: { close: C } }, times);

describe('momentum_rotation', () => {
  it('rebalances monthly on the first bar of each month in New York time, holding the best trailing return', () => {
    // lookback 4 bars (two days), top 1. Jan 2 (the first bar) has no history: nothing.
    // Feb 1 15:00 NY: 4-bar returns A = 1.01³·0.999 − 1 ≈ +2.9%, B = 1.02⁴ − 1 ≈ +8.2%, C < 0: OPEN_LONG B.
    // Mar 1 15:00 NY: C = 1.03⁴ − 1 ≈ +12.6%, B = 1.02·0.999³ − 1 ≈ +1.7% (rises end on Feb 28), A < 0: CLOSE_LONG B, OPEN_LONG C.
    // In UTC the month would change one bar earlier (Jan 31 19:30 NY is Feb 1 00:30 UTC).
    const b = bars();
    const strategy = createStrategy('momentum_rotation', { lookback: 4, top: 1, rebalance: 'month' }) as MomentumRotationStrategy;
    const { of } = run(config(['A', 'B', 'C']), b, { strategy });
    const feb1 = 2 * days.indexOf('2024-02-01'), mar1 = 2 * days.indexOf('2024-03-01');
    expect(signalsAt(b, of('signal'))).toEqual([`${feb1}:B:OPEN_LONG`, `${mar1}:B:CLOSE_LONG`, `${mar1}:C:OPEN_LONG`]);
    expect(of('signal').map((s) => s.timestamp)).toEqual(['2024-02-01T20:00:00Z', '2024-03-01T20:00:00Z', '2024-03-01T20:00:00Z']);
    expect(of('signal')[0]!.reason).toMatch(/^momentum rotation: 4-bar return 8\.\d\d%, rank 1 of 3$/);
    expect(strategy.rebalances).toEqual(['2024-02-01', '2024-03-01']);
    // B bought at the next bar's open, sold at the open after Mar 1's first bar; C bought there
    expect(of('fill').map((f) => `${f.symbol} ${f.side}`)).toEqual(['B buy', 'B sell', 'C buy']);
  });

  it('rebalances weekly on the first trading day of each week (a Tuesday after a Monday holiday)', () => {
    const strategy = new MomentumRotationStrategy(4, 2, 'week');
    run(config(['A', 'B', 'C']), bars(), { strategy });
    // Mondays from Jan 8 (the week of Jan 2 has too little history), Tuesdays Jan 16 and Feb 20 after the holidays
    expect(strategy.rebalances).toEqual([
      '2024-01-08', '2024-01-16', '2024-01-22', '2024-01-29', '2024-02-05', '2024-02-12', '2024-02-20', '2024-02-26',
      '2024-03-04', '2024-03-11', '2024-03-18', '2024-03-25',
    ]);
  });

  it('holds the top N: with top 2, the two best at each rebalance', () => {
    // Feb 1: B (+8.2%) and A (+2.9%) — both bought. Mar 1: C (+12.6%) and B (+1.7%): A sold, C bought, B kept.
    const b = bars();
    const { of } = run(config(['A', 'B', 'C']), b, { strategy: new MomentumRotationStrategy(4, 2, 'month') });
    const feb1 = 2 * days.indexOf('2024-02-01'), mar1 = 2 * days.indexOf('2024-03-01');
    expect(signalsAt(b, of('signal'))).toEqual([`${feb1}:B:OPEN_LONG`, `${feb1}:A:OPEN_LONG`, `${mar1}:A:CLOSE_LONG`, `${mar1}:C:OPEN_LONG`]);
  });

  it('checks its parameters', () => {
    expect(() => createStrategy('momentum_rotation', { rebalance: 'quarter' })).toThrow('`strategy.params.rebalance`: expected one of: day, week, month; got "quarter"');
    expect(() => createStrategy('momentum_rotation', { top: 0 })).toThrow('`strategy.params.top` must be a positive integer (symbols to hold); got 0');
    expect(() => new MomentumRotationStrategy(0, 1, 'day')).toThrow('`strategy.params.lookback` must be a positive integer (bars); got 0');
    expect(() => new MomentumRotationStrategy(3, 1, 'year' as 'day')).toThrow(/must be one of: day, week, month/);
  });
});

describe('LocalCalendar', () => {
  it('numbers days, Monday weeks and months in the zone, across a DST change', () => {
    const ny = new LocalCalendar('America/New_York');
    // 2024-03-10 is the spring-forward Sunday; 03:30 UTC on Mar 11 is still Mar 10 in New York
    expect(ny.date(Date.UTC(2024, 2, 11, 3, 30))).toBe('2024-03-10');
    expect(ny.date(Date.UTC(2024, 2, 11, 4, 30))).toBe('2024-03-11');
    expect(ny.period(Date.UTC(2024, 2, 11, 3, 30), 'week')).toBe(ny.period(Date.UTC(2024, 2, 4, 15), 'week'));
    expect(ny.period(Date.UTC(2024, 2, 11, 14), 'week')).toBe(ny.period(Date.UTC(2024, 2, 4, 15), 'week') + 1);
    expect(ny.period(Date.UTC(2024, 1, 1, 4, 59), 'month')).toBe((2024 - 1970) * 12 + 0);
    expect(ny.period(Date.UTC(2024, 1, 1, 5, 0), 'month')).toBe((2024 - 1970) * 12 + 1);
    expect(ny.period(Date.UTC(1970, 0, 1, 12), 'day')).toBe(0);
  });
});
