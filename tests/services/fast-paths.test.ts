// The per-event fast paths of the event layer and the ledger give exactly what the plain paths give:
// decimal helpers against decimal.js itself, memoised formatting against the formula, ids against
// their documented layout, pre-resolved bus delivery, reused snapshots and known trade prices.
import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { Ledger } from '../../src/ledger/index.js';
import { decNumber } from '../../src/ledger/ledger-state.js';
import { Decimal, addDec, cmpDec, decOf, decStr, isPositive, numStr, subDec } from '../../src/model/index.js';
import { EventBus, EventFactory, IdFactory, type QtraderEvent, type SnapshotPayload, type TradePayload } from '../../src/events/index.js';
import { validateEvent } from '../../src/events/contracts.js';
import { fill } from '../helpers/events.js';

// a seeded generator of decimal texts: signs, zeros, integers of 1–20 digits, up to 12 decimals,
// and pairs that are equal in value but written differently (trailing zeros)
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
function decimalTexts(n: number, seed: number): string[] {
  const r = lcg(seed);
  const out: string[] = ['0', '-0', '0.000', '1', '-1', '9999999', '10000000', '1234567', '0.5', '100.00'];
  while (out.length < n) {
    const digits = 1 + Math.floor(r() * 20);
    let int = '';
    for (let i = 0; i < digits; i++) int += String(Math.floor(r() * 10));
    const dec = Math.floor(r() * 13);
    let frac = '';
    for (let i = 0; i < dec; i++) frac += String(Math.floor(r() * 10));
    const sign = r() < 0.3 ? '-' : '';
    const text = `${sign}${int.replace(/^0+(?=\d)/, '')}${frac ? '.' + frac : ''}`;
    out.push(text);
    // the same value written with trailing zeros
    if (r() < 0.1) out.push(frac ? `${text}000` : `${text}.000`);
  }
  return out;
}

describe('decimal helpers agree with decimal.js', () => {
  const xs = decimalTexts(200, 7).map((t) => new Decimal(t));
  it('compares like cmp, for every pair', () => {
    for (const a of xs) for (const b of xs) expect(cmpDec(a, b)).toBe(a.cmp(b));
  });
  it('adds and subtracts like plus and minus, and tests x > 0 like gt(0)', () => {
    for (const a of xs) {
      expect(isPositive(a)).toBe(a.gt(0));
      for (const b of xs.slice(0, 60)) {
        expect(decStr(addDec(a, b))).toBe(decStr(a.plus(b)));
        expect(decStr(subDec(a, b))).toBe(decStr(a.minus(b)));
      }
    }
  });
  it('converts to a float like toNumber, integers below 10^7 included', () => {
    for (const a of xs) expect(Object.is(decNumber(a), a.toNumber())).toBe(true);
    for (const t of ['100', '-250', '9999999', '10000000', '1e6', '0.1', '12.5']) expect(decNumber(new Decimal(t))).toBe(Number(t));
  });
});

describe('memoised float text', () => {
  it('gives String(x) (exponent forms through decimal.js, no -0), the same on a second call', () => {
    const r = lcg(3);
    const floats = [0, -0, 1e21, 1.5e-7, 123.45, -0.01, 5e-324, 1.7976931348623157e308];
    for (let i = 0; i < 2000; i++) floats.push(Math.round((r() * 1000 - 500) * 100) / 100, r() * 10 ** Math.floor(r() * 30 - 10));
    for (const x of floats) {
      const s = String(x);
      const want = s.includes('e') ? new Decimal(x).toFixed() : s === '-0' ? '0' : s;
      expect(numStr(x)).toBe(want);
      expect(numStr(x)).toBe(want);
      expect(decStr(decOf(x))).toBe(decStr(new Decimal(want)));
    }
    expect(() => numStr(NaN)).toThrow(/not a finite number/);
    expect(() => numStr(Infinity)).toThrow(/not a finite number/);
  });
});

describe('ids', () => {
  it('match the documented layout for every sequence number, across blocks of 4,096', () => {
    // reference: 8+4+3 hex digits of sha256(run id), version 8, variant from the hash's 16th digit, 15 hex digits of sequence
    const h = createHash('sha256').update('run-x').digest('hex');
    const variant = '89ab'[parseInt(h[15]!, 16) & 3]!;
    const ref = (n: number) => {
      const hex = n.toString(16).padStart(15, '0');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(12, 15)}-${variant}${hex.slice(0, 3)}-${hex.slice(3)}`;
    };
    const ids = new IdFactory('run-x');
    for (let n = 1; n <= 9000; n++) expect(ids.next()).toBe(ref(n));
    expect(ids.issued).toBe(9000);
  });
});

describe('bus delivery resolved per type', () => {
  const ev = (t: string) => ({ event_id: '1', event_type: t, event_version: 1, occurred_at: 't', source_service: 'x', payload: {} }) as never;
  it('keeps the order (patterns first, then exact subscribers) and follows later (un)subscriptions', () => {
    const bus = new EventBus();
    const got: string[] = [];
    bus.subscribe('fill', () => got.push('fill-1'));
    bus.subscribe('*', (e) => got.push(`*:${e.event_type}`));
    bus.publish(ev('fill'));
    const off = bus.subscribe('fill', () => got.push('fill-2'));
    const offP = bus.subscribe('fi*', () => got.push('fi*'));
    bus.publish(ev('fill'));
    off();
    offP();
    bus.publish(ev('fill'));
    bus.publish(ev('order'));
    expect(got).toEqual(['*:fill', 'fill-1', '*:fill', 'fi*', 'fill-1', 'fill-2', '*:fill', 'fill-1', '*:order']);
  });
});

function ledgerSetup(marks: Record<string, number>) {
  const bus = new EventBus();
  const seen: QtraderEvent[] = [];
  bus.subscribe('*', (e) => {
    validateEvent(e);
    seen.push(e);
  });
  const ids = new IdFactory('fast-paths');
  const ledger = new Ledger(bus, new EventFactory(ids, 'ledger'), { portfolioId: 'p1', initialCash: '100000', currency: 'USD', startTime: '2024-01-02T14:30:00Z' }, (s) => marks[s] ?? 0);
  const src = new EventFactory(ids, 'execution');
  let n = 0;
  const book = (f: Parameters<typeof fill>[0]) => bus.publish(src.make('fill', '2024-01-02T15:00:00Z', fill({ fill_id: `00000000-0000-8000-8000-${String(++n).padStart(12, '0')}`, ...f })));
  const trades = () => seen.filter((e) => e.event_type === 'trade').map((e) => e.payload as TradePayload);
  return { ledger, book, trades };
}

describe('snapshots and trades built on the fast paths', () => {
  it('reuses an unchanged book with the new time and rebuilds after a change', () => {
    const marks = { AAA: 10 };
    const { ledger, book } = ledgerSetup(marks);
    book({ side: 'buy', filled_quantity: '100', fill_price: '10', commission: '1' });
    const a = ledger.snapshot('2024-01-02T21:00:00Z');
    const b = ledger.snapshot('2024-01-03T21:00:00Z');
    expect(b).toEqual({ ...a, snapshot_datetime: '2024-01-03T21:00:00Z' });
    marks.AAA = 12;
    const c = ledger.snapshot('2024-01-04T21:00:00Z');
    // 100 shares at the mark 12: market value 1,200; unrealized (12 − 10)·100 − 1 entry commission = 199
    expect([c.total_market_value, c.total_unrealized_pl, c.current_portfolio_equity]).toEqual(['1200', '199', '100199']);
  });

  it('reports a flat position with its running totals and the mark', () => {
    const marks = { AAA: 11 };
    const { ledger, book } = ledgerSetup(marks);
    book({ side: 'buy', filled_quantity: '100', fill_price: '10', commission: '1' });
    book({ side: 'sell', filled_quantity: '100', fill_price: '12', commission: '1' });
    const s: SnapshotPayload = ledger.snapshot('2024-01-02T21:00:00Z');
    // (12 − 10)·100 − 1 − 1 = 198 realized; cash 100000 − 1001 + 1199 = 100198; nothing held
    expect(s.strategies_groups[0]!.positions[0]).toEqual({
      symbol: 'AAA', side: 'flat', open_quantity: '0', average_fill_price: '0', commission_paid: '2', fees_paid: '0', cost_basis: '0',
      market_price: '11', gross_market_value: '0', unrealized_pl: '0', realized_pl: '198', dividends_received: '0', dividends_paid: '0', borrow_fees: '0',
    });
    expect([s.cash_balance, s.current_portfolio_equity, s.total_realized_pl, s.total_market_value, s.gross_exposure]).toEqual(['100198', '100198', '198', '0', '0']);
  });

  it('reports the average entry price of the open lots, the fill price of a single untouched lot', () => {
    const marks = { AAA: 12 };
    const { ledger, book } = ledgerSetup(marks);
    book({ side: 'buy', filled_quantity: '100', fill_price: '10.01', commission: '0' });
    const avg = () => ledger.snapshot('2024-01-02T21:00:00Z').strategies_groups[0]!.positions[0]!.average_fill_price;
    expect(avg()).toBe('10.01');
    book({ side: 'buy', filled_quantity: '50', fill_price: '13', commission: '0' });
    // (1001 + 650) / 150 = 11.00666… (34 significant digits, half-even)
    expect(avg()).toBe(new Decimal(1651).div(150).toFixed());
    book({ side: 'sell', filled_quantity: '120', fill_price: '12', commission: '0' });
    // FIFO closes the 100 lot and 20 of the 50 lot: 30 left at cost 650 − 650·20/50 = 390, so 13
    expect(avg()).toBe('13');
  });

  it('gives a one-fill leg its fill price and a several-fill leg the quantity-weighted average', () => {
    const { book, trades } = ledgerSetup({ AAA: 10 });
    book({ side: 'buy', filled_quantity: '100', fill_price: '10.25', commission: '1' });
    book({ side: 'sell', filled_quantity: '100', fill_price: '10.5', commission: '1' });
    // entry (1000 + 650) / 150 = 11; exit (1200 + 750) / 150 = 13
    book({ side: 'buy', filled_quantity: '100', fill_price: '10', commission: '0' });
    book({ side: 'buy', filled_quantity: '50', fill_price: '13', commission: '0' });
    book({ side: 'sell', filled_quantity: '100', fill_price: '12', commission: '0' });
    book({ side: 'sell', filled_quantity: '50', fill_price: '15', commission: '0' });
    const [one, two] = trades();
    expect([one!.entry_price, one!.exit_price, one!.realized_pnl]).toEqual(['10.25', '10.5', '23']);
    // realized: FIFO 100·(12 − 10) + 50·(15 − 13) = 300
    expect([two!.entry_price, two!.exit_price, two!.quantity, two!.realized_pnl]).toEqual(['11', '13', '150', '300']);
  });
});
