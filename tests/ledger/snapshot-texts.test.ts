// Snapshots reuse the texts of values that did not change (SnapshotTexts): a day-by-day series of
// snapshots must equal, field by field, snapshots built from scratch, and flat days (no division,
// equity = cash) must carry the values their definitions give.
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/index.js';
import fc from 'fast-check';
import { Decimal, decOf, decStr, numStr } from '../../src/model/index.js';
import type { SnapshotPayload } from '../../src/events/index.js';
import { recordingBus, fill } from '../helpers/events.js';

function setup(marks: Record<string, number>) {
  const rb = recordingBus();
  const cfg = { portfolioId: 'p1', initialCash: '100000', currency: 'USD', startTime: '2024-01-02T14:30:00Z', financing: { borrowRate: '0.05' } };
  const ledger = new Ledger(rb.bus, rb.factory('ledger'), cfg, (s) => marks[s] ?? 0);
  let n = 0;
  const book = (f: Parameters<typeof fill>[0]) => {
    n++;
    rb.bus.publish(rb.factory('execution').make('fill', '2024-01-02T15:00:00Z', fill({ fill_id: `00000000-0000-8000-8000-${String(n).padStart(12, '0')}`, ...f })));
  };
  return { ledger, book };
}

// a ledger replaying the same fills, asked for one snapshot only: every text formatted afresh
function fresh(fills: Array<Parameters<typeof fill>[0]>, marks: Record<string, number>, at: string): SnapshotPayload {
  const { ledger, book } = setup({ ...marks });
  for (const f of fills) book(f);
  return ledger.snapshot(at);
}

describe('snapshot texts', () => {
  it('gives, day after day, the snapshot a fresh ledger gives: long, flat, short and two symbols, marks moving', () => {
    const marks: Record<string, number> = {};
    const { ledger, book } = setup(marks);
    const booked: Array<Parameters<typeof fill>[0]> = [];
    const doBook = (f: Parameters<typeof fill>[0]): void => {
      booked.push(f);
      book(f);
    };
    const plan: Array<Parameters<typeof fill>[0] | null> = [
      { side: 'buy', symbol: 'AAA', filled_quantity: '100', fill_price: '10.01', commission: '1' }, null, null,
      { side: 'sell', symbol: 'AAA', filled_quantity: '100', fill_price: '10.52', commission: '1' }, null, null,
      { side: 'sell', symbol: 'BBB', filled_quantity: '40', fill_price: '55.5', commission: '0.7' }, null,
      { side: 'buy', symbol: 'AAA', filled_quantity: '30', fill_price: '9.87', commission: '1' }, null,
      { side: 'buy', symbol: 'BBB', filled_quantity: '40', fill_price: '54.25', commission: '0.7' }, null, null,
    ];
    plan.forEach((f, day) => {
      if (f) doBook(f);
      marks['AAA'] = 10 + ((day * 37) % 11) / 100;
      marks['BBB'] = 55 + ((day * 53) % 17) / 100;
      const at = `2024-01-${String(2 + day).padStart(2, '0')}T21:00:00Z`;
      const snap = ledger.snapshot(at);
      expect(snap, at).toEqual(fresh(booked, marks, at));
    });
  });

  it('writes a flat book\'s equity as its cash, its total P&L as the realized P&L and its leverage as 0', () => {
    const marks: Record<string, number> = { AAA: 10 };
    const { ledger, book } = setup(marks);
    book({ side: 'buy', filled_quantity: '100', fill_price: '10', commission: '1' });
    book({ side: 'sell', filled_quantity: '100', fill_price: '10.25', commission: '1' });
    for (const m of [10.3, 10.1, 9.95]) {
      marks['AAA'] = m;
      const s = ledger.snapshot('2024-01-03T21:00:00Z');
      // cash = 100000 − 1001 + 1024 = 100023; realized = 25 − 2 = 23; nothing held
      expect(s).toMatchObject({ cash_balance: '100023', current_portfolio_equity: '100023', total_market_value: '0', total_realized_pl: '23', total_unrealized_pl: '0', total_pl: '23', leverage: '0', gross_exposure: '0' });
      expect(s.strategies_groups[0]!.positions[0]).toMatchObject({ side: 'flat', market_price: String(m) });
    }
  });

  it('divides gross exposure by equity exactly for a held position', () => {
    const marks: Record<string, number> = { AAA: 10.37 };
    const { ledger, book } = setup(marks);
    book({ side: 'buy', filled_quantity: '300', fill_price: '10.01', commission: '1.5' });
    const s = ledger.snapshot('2024-01-02T21:00:00Z');
    // value 300 × 10.37 = 3111; cash 100000 − 3003 − 1.5 = 96995.5; equity 100106.5
    const lev = new Decimal('3111').div('100106.5');
    expect(s).toMatchObject({ total_market_value: '3111', current_portfolio_equity: '100106.5', leverage: decStr(lev) });
  });

  it('divides gross exposure by the cash when longs and shorts cancel to no market value', () => {
    const marks: Record<string, number> = { AAA: 10, BBB: 20 };
    const { ledger, book } = setup(marks);
    book({ side: 'buy', symbol: 'AAA', filled_quantity: '100', fill_price: '10', commission: '0' });
    book({ side: 'sell', symbol: 'BBB', filled_quantity: '50', fill_price: '20', commission: '0' });
    const s = ledger.snapshot('2024-01-02T21:00:00Z');
    // cash 100000 − 1000 + 1000 = 100000; values +1000 and −1000: market value 0, gross 2000, leverage 2000 ÷ 100000
    expect(s).toMatchObject({ total_market_value: '0', current_portfolio_equity: '100000', gross_exposure: '2000', net_exposure: '0', leverage: '0.02' });
  });

  it('writes a mark made from a float as numStr of the float, which is decStr of the mark (fast-check)', () => {
    // market_price is written as numStr(markNumber) without formatting the decimal: the two must agree for any positive float
    fc.assert(fc.property(fc.double({ min: Number.MIN_VALUE, max: 1e300, noNaN: true }), (x) => {
      expect(numStr(x)).toBe(decStr(decOf(x)));
    }), { numRuns: 20_000, seed: 19 });
    for (const x of [10.37, 0.1, 1e-7, 123456789.125, 1e21, 5e-324]) expect(numStr(x), String(x)).toBe(decStr(decOf(x)));
  });

  it('sums realized P&L over the portfolio (interest) and several positions, and adds the unrealized P&L to it', () => {
    const rb = recordingBus();
    const marks: Record<string, number> = { AAA: 10.5, BBB: 19 };
    const cfg = { portfolioId: 'p1', initialCash: '100000', currency: 'USD', startTime: '2024-01-02T14:30:00Z', financing: { cashRate: '0.036', dayCount: 360 } };
    const ledger = new Ledger(rb.bus, rb.factory('ledger'), cfg, (s) => marks[s] ?? 0);
    let n = 0;
    const book = (f: Parameters<typeof fill>[0]) => rb.bus.publish(rb.factory('execution').make('fill', '2024-01-02T15:00:00Z', fill({ fill_id: `00000000-0000-8000-8000-${String(++n).padStart(12, '0')}`, ...f })));
    // one day of interest on 100000 at 3.6% / 360: 10 (portfolio realized P&L)
    ledger.accrue(1);
    book({ side: 'buy', symbol: 'AAA', filled_quantity: '100', fill_price: '10', commission: '1' });
    book({ side: 'sell', symbol: 'AAA', filled_quantity: '100', fill_price: '10.5', commission: '1' });
    book({ side: 'buy', symbol: 'BBB', filled_quantity: '10', fill_price: '20', commission: '0' });
    book({ side: 'sell', symbol: 'BBB', filled_quantity: '10', fill_price: '19', commission: '0' });
    // realized: 10 + (50 − 2) + (−10) = 48; cash 100000 + 10 − 1001 + 1049 − 200 + 190 = 100048
    expect(ledger.snapshot('2024-01-02T21:00:00Z')).toMatchObject({ total_realized_pl: '48', total_pl: '48', cash_balance: '100048', current_portfolio_equity: '100048' });
    book({ side: 'buy', symbol: 'CCC', filled_quantity: '3', fill_price: '7.25', commission: '0.5' });
    marks['CCC'] = 7.5;
    // CCC unrealized: 3 × (7.5 − 7.25) − 0.5 = 0.25; total P&L 48.25; cash 100048 − 21.75 − 0.5 = 100025.75, equity + 22.5
    expect(ledger.snapshot('2024-01-03T21:00:00Z')).toMatchObject({ total_realized_pl: '48', total_unrealized_pl: '0.25', total_pl: '48.25', cash_balance: '100025.75', current_portfolio_equity: '100048.25' });
  });
});
