// The ledger books fills exactly: lots, realized and unrealized P&L, cash, round trips, snapshots.
import { describe, it, expect } from 'vitest';
import { Ledger } from '../../src/ledger/index.js';
import { Position, lotPrice } from '../../src/ledger/position.js';
import { Decimal } from '../../src/model/index.js';
import { validateEvent } from '../../src/events/contracts.js';
import { recordingBus, fill } from '../helpers/events.js';

function setup(marks: Record<string, number> = {}) {
  const rb = recordingBus();
  const ledger = new Ledger(rb.bus, rb.factory('ledger'), {
    portfolioId: 'p1', initialCash: '100000', currency: 'USD', startTime: '2024-01-02T14:30:00Z',
  }, (s) => marks[s] ?? 0);
  const book = (f: Parameters<typeof fill>[0]) => rb.bus.publish(rb.factory('execution').make('fill', f.timestamp ?? '2024-01-02T14:31:00Z', fill(f)));
  return { ...rb, ledger, book, marks };
}

describe('ledger', () => {
  it('books a round trip: cash, realized P&L net of both commissions, one closed trade', () => {
    const { ledger, book, of } = setup();
    book({ side: 'buy', filled_quantity: '100', fill_price: '10', commission: '1', fill_id: '00000000-0000-8000-8000-000000000001' });
    // cash = 100000 − (100·10 + 1) = 98999
    expect(ledger.cash().toFixed()).toBe('98999');
    book({ side: 'sell', filled_quantity: '100', fill_price: '12', commission: '1', fill_id: '00000000-0000-8000-8000-000000000002', timestamp: '2024-01-02T15:00:00Z' });
    // cash = 98999 + (100·12 − 1) = 100198; realized = (12 − 10)·100 − 1 − 1 = 198
    expect(ledger.cash().toFixed()).toBe('100198');
    const trades = of('trade');
    expect(trades).toHaveLength(1);
    expect(trades[0]!.payload).toMatchObject({
      side: 'long', status: 'closed', quantity: '100', entry_price: '10', exit_price: '12', realized_pnl: '198', commission_total: '2',
      entry_timestamp: '2024-01-02T14:31:00Z', exit_timestamp: '2024-01-02T15:00:00Z',
      fill_ids: ['00000000-0000-8000-8000-000000000001', '00000000-0000-8000-8000-000000000002'],
    });
    expect(ledger.totals().realized.toFixed()).toBe('198');
    expect(ledger.position('AAA').toFixed()).toBe('0');
  });

  it('matches FIFO and pro-rates commissions on a partial close', () => {
    const { ledger, book, marks } = setup();
    book({ side: 'buy', filled_quantity: '100', fill_price: '10', commission: '1' });
    book({ side: 'buy', filled_quantity: '50', fill_price: '11', commission: '1' });
    book({ side: 'sell', filled_quantity: '120', fill_price: '12', commission: '1.2' });
    // lot 1 (100 @ 10): (12−10)·100 − 1 − 1.2·100/120 = 200 − 1 − 1 = 198
    // lot 2 (20 of 50 @ 11): (12−11)·20 − 1·20/50 − 1.2·20/120 = 20 − 0.4 − 0.2 = 19.4
    expect(ledger.totals().realized.toFixed()).toBe('217.4');
    // cash = 100000 − 1001 − 551 + (1440 − 1.2) = 99886.8
    expect(ledger.cash().toFixed()).toBe('99886.8');
    marks['AAA'] = 13;
    // 30 left @ 11 with 0.6 entry commission: unrealized = (13 − 11)·30 − 0.6 = 59.4; equity = 99886.8 + 390
    const snap = ledger.snapshot('2024-01-02T21:00:00Z');
    expect(snap).toMatchObject({
      cash_balance: '99886.8', total_market_value: '390', current_portfolio_equity: '100276.8',
      total_realized_pl: '217.4', total_unrealized_pl: '59.4', total_pl: '276.8',
      long_exposure: '390', short_exposure: '0', net_exposure: '390', gross_exposure: '390',
      total_commissions_paid: '3.2',
    });
    expect(snap.strategies_groups[0]!.positions[0]).toMatchObject({ side: 'long', open_quantity: '30', average_fill_price: '11', cost_basis: '330', market_price: '13' });
  });

  it('splits a sell larger than the position into a close and an opening short, then closes the short', () => {
    const { ledger, book, marks, of } = setup();
    book({ side: 'buy', filled_quantity: '100', fill_price: '10', commission: '1' });
    book({ side: 'sell', filled_quantity: '150', fill_price: '12', commission: '1.5' });
    // close 100: exit commission 1.5·100/150 = 1 → realized 200 − 1 − 1 = 198; open short 50 @ 12 carrying 0.5
    expect(ledger.position('AAA').toFixed()).toBe('-50');
    // cash = 100000 − 1001 + (1800 − 1.5) = 100797.5
    expect(ledger.cash().toFixed()).toBe('100797.5');
    marks['AAA'] = 11;
    // short unrealized = (12 − 11)·50 − 0.5 = 49.5; equity = 100797.5 − 550 = 100247.5 = 100000 + 198 + 49.5
    expect(ledger.equity().toFixed()).toBe('100247.5');
    const snap = ledger.snapshot('2024-01-02T21:00:00Z');
    expect(snap).toMatchObject({ short_exposure: '550', long_exposure: '0', net_exposure: '-550', total_pl: '247.5' });
    book({ side: 'buy', filled_quantity: '50', fill_price: '10', commission: '0.5' });
    // short closed: (12 − 10)·50 − 0.5 − 0.5 = 99
    expect(ledger.totals().realized.toFixed()).toBe('297');
    const trades = of('trade');
    expect(trades.map((t) => [t.payload.side, t.payload.realized_pnl])).toEqual([['long', '198'], ['short', '99']]);
  });

  it('keeps cash + market value = equity and realized + unrealized = total P&L in every snapshot', () => {
    const { ledger, book, marks, of } = setup();
    const prices = [10.01, 10.37, 9.99, 10.52, 11.03, 10.8];
    prices.forEach((p, i) => {
      book({ side: i % 3 === 2 ? 'sell' : 'buy', filled_quantity: String(10 + i), fill_price: String(p), commission: '0.35' });
      marks['AAA'] = p + 0.05;
      ledger.snapshot(`2024-01-0${2 + i}T21:00:00Z`);
    });
    for (const e of of('snapshot')) {
      const s = e.payload;
      const D = (x: string) => new Decimal(x);
      expect(D(s.cash_balance).plus(s.total_market_value).eq(s.current_portfolio_equity)).toBe(true);
      expect(D(s.total_realized_pl).plus(s.total_unrealized_pl).eq(s.total_pl)).toBe(true);
      expect(D(s.current_portfolio_equity).minus(s.initial_portfolio_equity).eq(s.total_pl)).toBe(true);
      expect(D(s.long_exposure).minus(s.short_exposure).eq(s.net_exposure)).toBe(true);
      validateEvent(e);
    }
  });

  it('reports round trips still open at the end as open trades', () => {
    const { ledger, book, of } = setup();
    book({ side: 'buy', filled_quantity: '5', fill_price: '100', commission: '1' });
    ledger.publishOpenTrades('2024-01-03T21:00:00Z');
    expect(of('trade').map((t) => t.payload.status)).toEqual(['open']);
    expect(of('trade')[0]!.payload.exit_price).toBeUndefined();
  });

  it('keeps positions per strategy and sums them for the symbol', () => {
    const { ledger, book } = setup();
    book({ side: 'buy', filled_quantity: '5', fill_price: '100', strategy_id: 'a' });
    book({ side: 'buy', filled_quantity: '7', fill_price: '100', strategy_id: 'b' });
    expect(ledger.position('AAA', 'a').toFixed()).toBe('5');
    expect(ledger.position('AAA').toFixed()).toBe('12');
    expect(ledger.position('ZZZ', 'a').toFixed()).toBe('0');
  });
});

describe('position lots', () => {
  it('closes shorts newest first (LIFO) by default', () => {
    const p = new Position('s', 'AAA', 'fifo', 'lifo');
    p.open(-1, new Decimal(10), new Decimal(20), new Decimal(0), 'f1');
    p.open(-1, new Decimal(10), new Decimal(22), new Decimal(0), 'f2');
    // LIFO: buying back 10 @ 21 matches the 22 lot: (22 − 21)·10 = 10
    expect(p.close(new Decimal(10), new Decimal(21), new Decimal(0)).realized.toFixed()).toBe('10');
    expect(p.lots.map((l) => lotPrice(l).toFixed())).toEqual(['20']);
  });
  it('refuses to open a lot against the position side', () => {
    const p = new Position('s', 'AAA', 'fifo', 'lifo');
    p.open(1, new Decimal(1), new Decimal(1), new Decimal(0), 'f');
    expect(() => p.open(-1, new Decimal(1), new Decimal(1), new Decimal(0), 'g')).toThrow(/cannot open short lot on a long position/);
  });
});
