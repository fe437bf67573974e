// The ledger's lot methods, corporate actions, financing and checkpoints, numbers derived by hand.
import { describe, it, expect } from 'vitest';
import { Ledger } from '../../src/ledger/index.js';
import { Position, lotPrice } from '../../src/ledger/position.js';
import { Decimal } from '../../src/model/index.js';
import { EventBus, EventFactory, IdFactory, type CorporateActionPayload, type QtraderEvent } from '../../src/events/index.js';
import { validateEvent } from '../../src/events/contracts.js';
import type { LedgerConfig } from '../../src/ledger/index.js';
import { fill } from '../helpers/events.js';

const D = (x: string | number) => new Decimal(x);

function setup(cfg: Partial<LedgerConfig> = {}, marks: Record<string, number> = {}, ids = new IdFactory('ledger-test')) {
  const bus = new EventBus();
  const seen: QtraderEvent[] = [];
  bus.subscribe('*', (e) => {
    validateEvent(e);
    seen.push(e);
  });
  const ledger = new Ledger(bus, new EventFactory(ids, 'ledger'), {
    portfolioId: 'p1', initialCash: '100000', currency: 'USD', startTime: '2024-01-02T14:30:00Z', ...cfg,
  }, (s) => marks[s] ?? 0);
  let n = 0;
  const src = new EventFactory(ids, 'execution');
  const book = (f: Parameters<typeof fill>[0]) => bus.publish(src.make('fill', f.timestamp ?? '2024-01-02T14:31:00Z', fill({ fill_id: `00000000-0000-8000-8000-${String(++n).padStart(12, '0')}`, ...f })));
  const action = (a: Partial<CorporateActionPayload> & Pick<CorporateActionPayload, 'action_type'>) => bus.publish(src.make('corporate_action', '2024-01-05T21:00:00Z', {
    symbol: 'AAA', asset_class: 'equity', announcement_date: '2024-01-01', ex_date: '2024-01-08', effective_date: '2024-01-08', source: 'test', ...a,
  }));
  const of = <T extends QtraderEvent['event_type']>(t: T) => seen.filter((e) => e.event_type === t).map((e) => e.payload) as Extract<QtraderEvent, { event_type: T }>['payload'][];
  return { bus, ledger, book, action, marks, of, seen, ids };
}

describe('lot methods', () => {
  it('matches the highest entry price first for longs and the lowest for shorts (highest_cost)', () => {
    const p = new Position('s', 'AAA', 'highest_cost', 'highest_cost');
    for (const price of [10, 12, 11]) p.open(1, D(10), D(price), D(0), `f${price}`);
    // sell 10 @ 13 matches the 12 lot: (13 − 12)·10 = 10
    expect(p.close(D(10), D(13), D(0)).realized.toFixed()).toBe('10');
    expect(p.lots.map((l) => lotPrice(l).toFixed())).toEqual(['10', '11']);
    const s = new Position('s', 'AAA', 'fifo', 'highest_cost');
    s.open(-1, D(10), D(20), D(0), 'a');
    s.open(-1, D(10), D(18), D(0), 'b');
    // buying back 10 @ 19 matches the 18 lot: (18 − 19)·10 = −10
    expect(s.close(D(10), D(19), D(0)).realized.toFixed()).toBe('-10');
  });

  it('uses the configured methods in the ledger', () => {
    const { ledger, book } = setup({ longLots: 'lifo' });
    book({ side: 'buy', filled_quantity: '10', fill_price: '10' });
    book({ side: 'buy', filled_quantity: '10', fill_price: '12' });
    book({ side: 'sell', filled_quantity: '10', fill_price: '13' });
    // LIFO: the 12 lot → 10
    expect(ledger.totals().realized.toFixed()).toBe('10');
    expect(ledger.lots('AAA', 's1').map((l) => [l.qty.toFixed(), l.price.toFixed()])).toEqual([['10', '10']]);
  });
});

describe('corporate actions in the ledger', () => {
  it('rescales lots for a 7-for-1 split without changing value', () => {
    const { ledger, book, action, marks } = setup({}, { AAA: 700 });
    book({ side: 'buy', filled_quantity: '100', fill_price: '700' });
    action({ action_type: 'split', split_ratio: '7' });
    // 700 shares @ 100; the engine's mark follows (700 / 7)
    marks['AAA'] = 100;
    expect(ledger.position('AAA').toFixed()).toBe('700');
    expect(ledger.lots('AAA', 's1').map((l) => [l.qty.toFixed(), l.price.toFixed()])).toEqual([['700', '100']]);
    // cash 100000 − 70000 = 30000; equity 30000 + 700 × 100 = 100000
    expect(ledger.snapshot('2024-01-08T14:30:00Z')).toMatchObject({ cash_balance: '30000', current_portfolio_equity: '100000', total_cash_in_lieu: '0' });
  });

  it('pays cash in lieu of the fraction a 1-for-5 reverse split leaves', () => {
    const { ledger, book, action, marks, of } = setup({}, { AAA: 11 });
    book({ side: 'buy', filled_quantity: '103', fill_price: '10' });
    action({ action_type: 'reverse_split', split_ratio: '0.2' });
    // 103 × 0.2 = 20.6 shares @ 50; the last close 11 is 55 a new share; 0.6 × 55 = 33 in cash,
    // realized (55 − 50) × 0.6 = 3; 20 shares left
    marks['AAA'] = 55;
    expect(ledger.position('AAA').toFixed()).toBe('20');
    const snap = ledger.snapshot('2024-01-08T14:30:00Z');
    // cash 100000 − 1030 + 33 = 99003; equity 99003 + 20 × 55 = 100103 = 100000 + 103 × (11 − 10)
    expect(snap).toMatchObject({ cash_balance: '99003', current_portfolio_equity: '100103', total_realized_pl: '3', total_unrealized_pl: '100', total_cash_in_lieu: '33' });
    expect(of('trade')).toHaveLength(0);
  });

  it('uses split_to / split_from when given, so that a 1-for-3 reverse split of 300 shares leaves exactly 100', () => {
    const { ledger, book, action, marks } = setup({}, { AAA: 10 });
    book({ side: 'buy', filled_quantity: '300', fill_price: '10' });
    // split_ratio alone (0.3333333333) would leave 99.99999999 shares and pay 0.99999999 in cash
    action({ action_type: 'reverse_split', split_ratio: '0.3333333333', split_from: '3', split_to: '1' });
    marks['AAA'] = 30;
    expect(ledger.position('AAA').toFixed()).toBe('100');
    expect(ledger.lots('AAA', 's1').map((l) => l.price.toFixed())).toEqual(['30']);
    expect(ledger.snapshot('2024-01-08T14:30:00Z')).toMatchObject({ total_cash_in_lieu: '0', current_portfolio_equity: '100000' });
  });

  it('buys back the fraction of a short and closes a round trip that a reverse split leaves with less than a share', () => {
    const { ledger, book, action, of } = setup({}, { AAA: 10, BBB: 10 });
    book({ side: 'sell', filled_quantity: '7', fill_price: '10' });
    book({ side: 'buy', filled_quantity: '3', fill_price: '10', symbol: 'BBB' });
    action({ action_type: 'reverse_split', split_ratio: '0.2' });
    action({ action_type: 'reverse_split', split_ratio: '0.2', symbol: 'BBB' });
    // AAA: −7 → −1.4 @ 50: 0.4 bought back at 50 → cash −20, −1 left. BBB: 3 → 0.6: all cash in lieu (30), round trip closed
    expect(ledger.position('AAA').toFixed()).toBe('-1');
    expect(ledger.position('BBB').toFixed()).toBe('0');
    expect(of('trade').map((t) => [t.symbol, t.status, t.exit_price, t.realized_pnl])).toEqual([['BBB', 'closed', '50', '0']]);
    expect(ledger.snapshot('2024-01-08T14:30:00Z').total_cash_in_lieu).toBe('10');
  });

  it('credits dividends to longs and charges them to shorts, as realized P&L', () => {
    const { ledger, book, action } = setup({}, { AAA: 20, BBB: 30 });
    book({ side: 'buy', filled_quantity: '100', fill_price: '20' });
    book({ side: 'sell', filled_quantity: '40', fill_price: '30', symbol: 'BBB' });
    action({ action_type: 'dividend', dividend_amount: '0.5' });
    action({ action_type: 'dividend', dividend_amount: '0.5', symbol: 'BBB' });
    // +100 × 0.5 = 50 on AAA, −40 × 0.5 = −20 on BBB; cash 100000 − 2000 + 1200 + 50 − 20 = 99230
    const snap = ledger.snapshot('2024-01-08T14:30:00Z');
    expect(snap).toMatchObject({ cash_balance: '99230', total_dividends_received: '50', total_dividends_paid: '20', total_realized_pl: '30', total_pl: '30', current_portfolio_equity: '100030' });
    const pos = snap.strategies_groups[0]!.positions;
    expect(pos.map((p) => [p.symbol, p.dividends_received, p.dividends_paid])).toEqual([['AAA', '50', '0'], ['BBB', '0', '20']]);
  });

  it('carries a position over a symbol change and ignores what it cannot apply', () => {
    const { ledger, book, action, of } = setup({}, { AAA: 10, AAB: 10 });
    book({ side: 'buy', filled_quantity: '5', fill_price: '10' });
    action({ action_type: 'symbol_change', new_symbol: 'AAB' });
    action({ action_type: 'merger' });
    action({ action_type: 'dividend', dividend_amount: '1', dividend_type: 'stock' });
    expect([ledger.position('AAA').toFixed(), ledger.position('AAB').toFixed()]).toEqual(['0', '5']);
    book({ side: 'sell', filled_quantity: '5', fill_price: '12', symbol: 'AAB' });
    expect(of('trade')[0]).toMatchObject({ symbol: 'AAB', realized_pnl: '10' });
    expect(ledger.ignoredActions).toEqual(['merger:AAA:2024-01-08', 'dividend:AAA:2024-01-08']);
  });
});

describe('financing', () => {
  it('accrues borrow fees on shorts (per-symbol rates), margin interest on negative cash and interest on positive cash, to the cent', () => {
    const { ledger, book } = setup({ financing: { borrowRates: { BBB: '0.2' } } }, { AAA: 50, BBB: 50 });
    book({ side: 'sell', filled_quantity: '100', fill_price: '50' });
    book({ side: 'sell', filled_quantity: '100', fill_price: '50', symbol: 'BBB' });
    ledger.accrue(3);
    // AAA 100 × 50 × 0.05 × 3/360 = 2.0833… → 2.08; BBB at 20%: 8.333… → 8.33
    const snap = ledger.snapshot('2024-01-05T21:00:00Z');
    expect(snap).toMatchObject({ total_borrow_fees: '10.41', cash_balance: '109989.59', total_realized_pl: '-10.41', total_pl: '-10.41' });
    expect(snap.strategies_groups[0]!.positions.map((p) => p.borrow_fees)).toEqual(['2.08', '8.33']);

    const m = setup({ financing: { cashRate: '0.02' } }, { AAA: 34 });
    m.book({ side: 'buy', filled_quantity: '3000', fill_price: '34' });
    // cash 100000 − 102000 = −2000: 2000 × 0.07 / 360 = 0.3888… → 0.39
    m.ledger.accrue(1);
    expect(m.ledger.snapshot('2024-01-02T21:00:00Z')).toMatchObject({ cash_balance: '-2000.39', total_margin_interest: '0.39', total_pl: '-0.39' });
    const c = setup({ financing: { cashRate: '0.02' } });
    // 100000 × 0.02 / 360 = 5.5555… → 5.56
    c.ledger.accrue(1);
    expect(c.ledger.snapshot('2024-01-02T21:00:00Z')).toMatchObject({ cash_balance: '100005.56', total_cash_interest: '5.56', total_realized_pl: '5.56' });
  });
});

describe('checkpoints', () => {
  // a stream of fills over two symbols, long and short, with commissions and fees, split at step 6
  const stream = [
    { side: 'buy', filled_quantity: '100', fill_price: '10.01', commission: '1' },
    { side: 'buy', filled_quantity: '50', fill_price: '10.37', commission: '1', fees: '0' },
    { side: 'sell', filled_quantity: '30', fill_price: '20', symbol: 'BBB', commission: '1', fees: '0.02' },
    { side: 'sell', filled_quantity: '120', fill_price: '10.52', commission: '1.2', fees: '0.05' },
    { side: 'buy', filled_quantity: '10', fill_price: '19.5', symbol: 'BBB', commission: '1' },
    { side: 'sell', filled_quantity: '60', fill_price: '11.03', commission: '1', fees: '0.03' },
    { side: 'buy', filled_quantity: '20', fill_price: '18.9', symbol: 'BBB', commission: '1' },
    { side: 'buy', filled_quantity: '40', fill_price: '10.8', commission: '1' },
  ] as const;

  function play(s: ReturnType<typeof setup>, from: number, to: number) {
    for (let i = from; i < to; i++) {
      s.book({ ...stream[i]!, fill_id: `00000000-0000-8000-8000-${String(i + 1).padStart(12, '0')}`, timestamp: `2024-01-0${2 + i}T15:00:00Z` });
      s.marks['AAA'] = 10 + i / 10;
      s.marks['BBB'] = 19 + i / 10;
      if (i === 2) s.action({ action_type: 'dividend', dividend_amount: '0.1', symbol: 'BBB' });
      s.ledger.accrue(1);
      s.ledger.snapshot(`2024-01-0${2 + i}T21:00:00Z`);
    }
  }

  it('continues from a JSON round trip of its checkpoint exactly as an uninterrupted ledger', () => {
    const whole = setup({ financing: { cashRate: '0.01' } });
    play(whole, 0, stream.length);
    whole.ledger.publishOpenTrades('2024-01-10T21:00:00Z');

    const first = setup({ financing: { cashRate: '0.01' } });
    play(first, 0, 4);
    const text = JSON.stringify(first.ledger.checkpoint());
    // the resumed run continues the run's id sequence where the first part left it
    const ids = new IdFactory('ledger-test');
    for (let i = 0; i < first.ids.issued; i++) ids.next();
    const second = setup({ financing: { cashRate: '0.01' } }, { ...first.marks }, ids);
    second.ledger.restore(JSON.parse(text));
    play(second, 4, stream.length);
    second.ledger.publishOpenTrades('2024-01-10T21:00:00Z');

    const after = (s: ReturnType<typeof setup>, from: number) => s.seen.slice(from).filter((e) => e.event_type === 'trade' || e.event_type === 'snapshot').map((e) => e.payload);
    const cut = whole.seen.findIndex((e) => e.event_type === 'snapshot' && (e.payload as { snapshot_datetime: string }).snapshot_datetime === '2024-01-05T21:00:00Z') + 1;
    expect(after(second, 0).length).toBeGreaterThan(5);
    expect(after(second, 0)).toEqual(after(whole, cut));
  });

  it('refuses a checkpoint of another version', () => {
    const { ledger } = setup();
    expect(() => ledger.restore({ ...ledger.checkpoint(), version: 2 as 1 })).toThrow(/version 2 is not supported/);
  });
});
