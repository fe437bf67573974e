// Trades write a one-fill leg's price and quantity from the fill's own texts when those are in
// decStr's form, and format the decimal otherwise; sums written from the ledger's scaled balances
// (realized P&L, commissions) must be the decimal.js values.
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/index.js';
import { Decimal, decStr } from '../../src/model/index.js';
import { recordingBus, fill } from '../helpers/events.js';

function setup() {
  const rb = recordingBus();
  const cfg = { portfolioId: 'p1', initialCash: '100000', currency: 'USD', startTime: '2024-01-02T14:30:00Z' };
  const ledger = new Ledger(rb.bus, rb.factory('ledger'), cfg, () => 0);
  let n = 0;
  const book = (f: Parameters<typeof fill>[0]) => {
    n++;
    rb.bus.publish(rb.factory('execution').make('fill', '2024-01-02T15:00:00Z', fill({ fill_id: `00000000-0000-8000-8000-${String(n).padStart(12, '0')}`, ...f })));
  };
  return { ledger, book, trades: () => rb.of('trade').map((e) => e.payload) };
}

describe('trade texts', () => {
  it('writes non-canonical fill texts in decStr form (10.10 as 10.1, 100.0 as 100)', () => {
    const { book, trades } = setup();
    book({ side: 'buy', filled_quantity: '100.0', fill_price: '10.10', commission: '1.00' });
    book({ side: 'sell', filled_quantity: '100', fill_price: '10.250', commission: '1' });
    // realized: 100 × (10.25 − 10.1) − 1 − 1 = 15 − 2 = 13; commissions 1 + 1 = 2
    expect(trades()).toEqual([expect.objectContaining({ entry_price: '10.1', exit_price: '10.25', quantity: '100', realized_pnl: '13', commission_total: '2' })]);
  });

  it('writes the opening fill\'s price but not its quantity when that fill also closed the other side', () => {
    const { book, trades } = setup();
    book({ side: 'buy', filled_quantity: '100', fill_price: '10', commission: '0' });
    // sells 150: 100 close the long (realized 100 × 0.5 = 50), 50 open a short at 10.5
    book({ side: 'sell', filled_quantity: '150', fill_price: '10.5', commission: '0' });
    book({ side: 'buy', filled_quantity: '50', fill_price: '10.25', commission: '0' });
    const t = trades();
    expect(t[0]).toMatchObject({ side: 'long', entry_price: '10', exit_price: '10.5', quantity: '100', realized_pnl: '50' });
    // the short: 50 × (10.5 − 10.25) = 12.5
    expect(t[1]).toMatchObject({ side: 'short', entry_price: '10.5', exit_price: '10.25', quantity: '50', realized_pnl: '12.5' });
  });

  it('writes averaged prices and pro-rated commissions of many fills as decimal.js computes them', () => {
    const { book, trades, ledger } = setup();
    // three buys and two sells with odd commissions: the trade's numbers recomputed here with decimal.js
    const buys = [['7', '10.01', '0.37'], ['11', '10.03', '0.41'], ['13', '9.99', '0.43']] as const;
    const sells = [['20', '10.07', '0.29'], ['11', '10.11', '0.31']] as const;
    for (const [q, p, c] of buys) book({ side: 'buy', filled_quantity: q, fill_price: p, commission: c });
    for (const [q, p, c] of sells) book({ side: 'sell', filled_quantity: q, fill_price: p, commission: c });
    const D = (s: string) => new Decimal(s);
    const sum = (rows: ReadonlyArray<readonly [string, string, string]>, f: (r: readonly [string, string, string]) => Decimal) => rows.reduce((a, r) => a.plus(f(r)), D('0'));
    const entryValue = sum(buys, ([q, p]) => D(q).times(p)), exitValue = sum(sells, ([q, p]) => D(q).times(p));
    const commissions = sum(buys, ([, , c]) => D(c)).plus(sum(sells, ([, , c]) => D(c)));
    // every lot closes by the end (the 20 take 2 of the 13 lot, pro-rated parts that add up to the lot), so
    // realized = exit value − entry value − all commissions exactly
    const realized = exitValue.minus(entryValue).minus(commissions);
    expect(trades()).toEqual([expect.objectContaining({
      quantity: '31', entry_price: decStr(entryValue.div(31)), exit_price: decStr(exitValue.div(31)), realized_pnl: decStr(realized),
      commission_total: decStr(commissions),
    })]);
    // cash: 100000 − entry value + exit value − commissions = 100000 + realized
    expect(decStr(ledger.cash())).toBe(decStr(D('100000').plus(realized)));
    expect(ledger.cashNumber()).toBe(D('100000').plus(realized).toNumber());
    expect(decStr(ledger.totals().commissions)).toBe(decStr(commissions));
  });

  it('keeps a closed trade\'s fill list as published when the same position trades again', () => {
    const { book, trades } = setup();
    book({ side: 'buy', filled_quantity: '100', fill_price: '10', commission: '1' });
    book({ side: 'sell', filled_quantity: '100', fill_price: '11', commission: '1' });
    const first = trades()[0]!;
    const ids = [...first.fill_ids];
    expect(ids).toEqual(['00000000-0000-8000-8000-000000000001', '00000000-0000-8000-8000-000000000002']);
    // a new round trip of the same strategy and symbol (long, then reversed to short) lists its own fills
    book({ side: 'buy', filled_quantity: '100', fill_price: '10', commission: '1' });
    book({ side: 'sell', filled_quantity: '150', fill_price: '12', commission: '1.5' });
    book({ side: 'buy', filled_quantity: '50', fill_price: '11', commission: '1' });
    expect(first.fill_ids).toEqual(ids);
    expect(trades().map((t) => t.fill_ids)).toEqual([
      ids,
      ['00000000-0000-8000-8000-000000000003', '00000000-0000-8000-8000-000000000004'],
      // the reversing fill opened the short trip and the last fill closed it
      ['00000000-0000-8000-8000-000000000004', '00000000-0000-8000-8000-000000000005'],
    ]);
  });
});
