// A snapshot's values at the marks (market values, unrealized P&L, exposures, equity, total P&L,
// leverage) are computed in scaled integers when they fit and with decimal.js when they do not: either
// way each text must be decStr of the decimal.js chain of the contract's definitions, recomputed here.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ledger } from '../../src/ledger/index.js';
import { Decimal, addDec, decOf, decStr, subDec } from '../../src/model/index.js';
import type { SnapshotPayload } from '../../src/events/index.js';
import { recordingBus, fill } from '../helpers/events.js';

const SYMBOLS = ['AAA', 'BBB', 'CCC'] as const;

type Step =
  | { kind: 'open'; symbol: number; short: boolean; qty: string; price: string; commission: string }
  | { kind: 'close'; symbol: number; price: string; commission: string };

// quantities, prices and commissions: mostly money-like; some whose products or sums leave the scaled
// integers (more than 2^53 at a common scale), so that decimal.js computes those snapshots
const qty = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 2000 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('12.5', '0.001', '0.0000001', '333.333333') },
  { weight: 1, arbitrary: fc.constantFrom('123456789012345', '98765432109876.5') },
);
const price = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 500_000 }).map((c) => decStr(new Decimal(c).div(100))) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 9_999_999 }).map((c) => decStr(new Decimal(c).div(1_000_000))) },
  { weight: 1, arbitrary: fc.constantFrom('98765432109.87654', '0.000000000001') },
);
const commission = fc.constantFrom('0', '1', '0.35', '0.0049999');
// closes: cents, micro-dollars, floats of 17 digits (their text does not fit 15), large
const mark = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 500_000 }).map((c) => c / 100) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 9_999_999 }).map((c) => c / 1_000_000) },
  { weight: 1, arbitrary: fc.constantFrom(0.1 + 0.2, 1 / 3, 123.45600000000002, 1e9 + 0.5, 7e15) },
);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('open' as const), symbol: fc.integer({ min: 0, max: 2 }), short: fc.boolean(), qty, price, commission }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('close' as const), symbol: fc.integer({ min: 0, max: 2 }), price, commission }) },
);
const initialCash = fc.constantFrom('1000000', '100000.55', '0', '123456789012345.6789');

// the test's own book: per symbol the lots' quantities, entry values and commissions (opens only add lots; closes take all)
interface Held {
  sign: 1 | -1;
  qty: Decimal;
  costs: Decimal[];
  commissions: Decimal[];
}

// the values a snapshot of `held` at `marks` must show, by the contract's definitions in the ledger's
// decimal.js operations: value = ±q × mark; unrealized = value − basis − costs (long), basis + value − costs
// (short); sums skip zero terms; equity = cash + value; leverage = gross ÷ equity
function expected(held: Map<number, Held>, marks: number[], snap: SnapshotPayload) {
  const ZERO = new Decimal(0);
  let unrealized = ZERO, mv = ZERO, long = ZERO, short = ZERO;
  const positions: Array<{ value: string; unrealized: string }> = [];
  for (const [s, h] of [...held].sort((a, b) => a[0] - b[0])) {
    const m = decOf(marks[s]!);
    const value = h.sign < 0 ? h.qty.neg().times(m) : h.qty.times(m);
    const sum = (xs: Decimal[]) => (xs.length === 1 ? xs[0]! : xs.reduce((a, x) => a.plus(x), ZERO));
    const basis = sum(h.costs), costs = sum(h.commissions);
    const u = (h.sign > 0 ? value.minus(basis) : basis.plus(value)).minus(costs);
    unrealized = addDec(unrealized, u);
    mv = addDec(mv, value);
    if (value.gt(0)) long = addDec(long, value);
    else short = subDec(short, value);
    positions.push({ value: decStr(value.abs()), unrealized: decStr(u) });
  }
  const cash = new Decimal(snap.cash_balance);
  const equity = mv.isZero() ? cash : addDec(cash, mv);
  const gross = addDec(long, short);
  return {
    positions,
    totals: {
      current_portfolio_equity: decStr(equity), total_market_value: decStr(mv), total_unrealized_pl: decStr(unrealized),
      total_pl: decStr(addDec(new Decimal(snap.total_realized_pl), unrealized)), long_exposure: decStr(long), short_exposure: decStr(short),
      net_exposure: decStr(subDec(long, short)), gross_exposure: decStr(gross), leverage: gross.isZero() || equity.isZero() ? '0' : decStr(gross.div(equity)),
    },
  };
}

function run(cash: string, steps: Step[], markDays: number[][]): void {
  const rb = recordingBus();
  const marks: Record<string, number> = {};
  const ledger = new Ledger(rb.bus, rb.factory('ledger'), { portfolioId: 'p1', initialCash: cash, currency: 'USD', startTime: '2024-01-02T14:30:00Z' }, (s) => marks[s] ?? 0);
  const held = new Map<number, Held>();
  let n = 0;
  const book = (symbol: number, side: 'buy' | 'sell', q: string, p: string, c: string): void => {
    rb.bus.publish(rb.factory('execution').make('fill', '2024-01-02T15:00:00Z', fill({
      fill_id: `00000000-0000-8000-8000-${String(++n).padStart(12, '0')}`, symbol: SYMBOLS[symbol], side, filled_quantity: q, fill_price: p, commission: c,
    })));
  };
  steps.forEach((st, day) => {
    const h = held.get(st.symbol);
    if (st.kind === 'open') {
      const sign = h?.sign ?? (st.short ? -1 : 1);
      book(st.symbol, sign > 0 ? 'buy' : 'sell', st.qty, st.price, st.commission);
      const q = new Decimal(st.qty), cost = q.times(st.price), c = new Decimal(st.commission);
      if (h) {
        h.qty = h.qty.plus(q);
        h.costs.push(cost);
        h.commissions.push(c);
      } else held.set(st.symbol, { sign, qty: q, costs: [cost], commissions: [c] });
    } else if (h) {
      book(st.symbol, h.sign > 0 ? 'sell' : 'buy', decStr(h.qty), st.price, st.commission);
      held.delete(st.symbol);
    }
    const m = markDays[day % markDays.length]!;
    SYMBOLS.forEach((s, i) => (marks[s] = m[i]!));
    const snap = ledger.snapshot(`2024-02-${String(1 + (day % 28)).padStart(2, '0')}T21:00:00Z`);
    const want = expected(held, m, snap);
    expect(snap).toMatchObject(want.totals);
    const got = snap.strategies_groups.flatMap((g) => g.positions).filter((p) => p.side !== 'flat')
      .sort((a, b) => a.symbol.localeCompare(b.symbol)).map((p) => ({ value: p.gross_market_value, unrealized: p.unrealized_pl }));
    expect(got).toEqual(want.positions);
  });
}

describe('snapshot values at the marks', () => {
  it('are decStr of the decimal.js definitions, whether they fit scaled integers or not (fast-check, seeded)', () => {
    fc.assert(fc.property(initialCash, fc.array(step, { minLength: 1, maxLength: 10 }), fc.array(fc.tuple(mark, mark, mark), { minLength: 1, maxLength: 4 }), (cash, steps, markDays) => {
      run(cash, steps, markDays);
    }), { numRuns: 400, seed: 31 });
  });

  it('hold for the cases each way: cents, a product past 2^53, a 17-digit close, a cash past the scaled integers', () => {
    const buy = (symbol: number, q: string, p: string): Step => ({ kind: 'open', symbol, short: false, qty: q, price: p, commission: '1' });
    const sell = (symbol: number, q: string, p: string): Step => ({ kind: 'open', symbol, short: true, qty: q, price: p, commission: '0.35' });
    // 100 × 10.37 = 1037 fits; 123456789012345 × 12.34 > 2^53 at 2 decimals does not; 0.30000000000000004 has 17 digits
    run('1000000', [buy(0, '100', '10.01'), sell(1, '40', '55.5'), buy(0, '30', '9.87')], [[10.37, 55.25, 1], [10.01, 56, 1]]);
    run('1000000', [buy(0, '123456789012345', '12.34')], [[12.35, 1, 1]]);
    run('1000000', [buy(0, '100', '0.3')], [[0.1 + 0.2, 1, 1]]);
    run('123456789012345.6789', [buy(0, '100', '10.01')], [[10.37, 1, 1]]);
    // longs and shorts that cancel: no market value, equity = cash, leverage = gross ÷ cash
    run('1000000', [buy(0, '100', '10'), sell(1, '50', '20')], [[10, 20, 1]]);
  });
});
