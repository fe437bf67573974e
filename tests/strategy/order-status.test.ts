// A dead order (cancelled, expired, replaced, refused, filled) no longer blocks its strategy's next
// signals: the strategy book follows order_status events (issue 5's leftover).
import { describe, it, expect } from 'vitest';
import { EventBus, EventFactory, IdFactory } from '../../src/events/index.js';
import type { OrderStatus } from '../../src/model/index.js';
import { StrategyBook, TERMINAL_STATUSES, type VectorStrategy } from '../../src/strategy/index.js';
import { makeBars, config, run, signalsAt, T0, DAY } from './helpers.js';

const AT = '2024-01-02T14:30:00Z';

function bookOnBus() {
  const bus = new EventBus();
  const f = new EventFactory(new IdFactory('book'), 'manager');
  const book = new StrategyBook(bus, 's1', new Map([['AAA', 0], ['BBB', 1]]));
  const order = (symbol = 'AAA', strategy = 's1') => {
    const id = f.id();
    bus.publish(f.make('order', AT, { order_id: id, timestamp: AT, symbol, side: 'buy', quantity: '10', order_type: 'limit', limit_price: '1', intent_id: id, idempotency_key: id, source_strategy_id: strategy }));
    return id;
  };
  const status = (id: string, status: OrderStatus, symbol = 'AAA') =>
    bus.publish(f.make('order_status', AT, { order_id: id, timestamp: AT, symbol, status, reason_code: 'test', reason: 'test', strategy_id: 's1' }));
  const fill = (id: string, qty: string, remaining: string) =>
    bus.publish(f.make('fill', AT, { fill_id: f.id(), order_id: id, timestamp: AT, symbol: 'AAA', side: 'buy', filled_quantity: qty, fill_price: '1', remaining_quantity: remaining, strategy_id: 's1' }));
  return { bus, f, book, order, status, fill };
}

describe('the strategy book', () => {
  it('treats every terminal status of the contract (cancelled, expired, replaced) as the end of an order, and accepted/triggered as not', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(['cancelled', 'expired', 'replaced']);
    for (const st of ['cancelled', 'expired', 'replaced'] as const) {
      const b = bookOnBus();
      const id = b.order();
      expect(b.book.pending(0)).toBe(true);
      b.status(id, st);
      expect(b.book.pending(0), st).toBe(false);
      expect(b.book.liveOrders).toBe(0);
      b.status(id, st); // a repeated status changes nothing
      expect(b.book.pendingBySymbol[0]).toBe(0);
    }
    for (const st of ['accepted', 'triggered'] as const) {
      const b = bookOnBus();
      b.status(b.order(), st);
      expect(b.book.pending(0), st).toBe(true);
    }
  });

  it('keeps a partly filled order alive until nothing remains, and ignores other strategies\' orders', () => {
    const b = bookOnBus();
    const id = b.order();
    b.order('BBB', 'other');
    expect(b.book.pending(1)).toBe(false);
    b.fill(id, '4', '6');
    expect([b.book.pending(0), b.book.position[0]]).toEqual([true, 4]);
    b.fill(id, '6', '0');
    expect([b.book.pending(0), b.book.position[0]]).toEqual([false, 10]);
    const refused = b.order();
    b.bus.publish(b.f.make('risk_violation', AT, { order_id: refused, timestamp: AT, strategy_id: 's1', symbol: 'AAA', rule: 'insufficient_cash', reason: 'test' }));
    expect(b.book.pending(0)).toBe(false);
  });
});

describe('in the engine', () => {
  it('signals again once an IOC limit order expires unfilled and once a DAY limit order expires at the session end', () => {
    // day 1: bars 0–2, day 2: bars 3–5. Before the first bar, orders of strategy `s` are placed by hand:
    // AAA: an IOC buy limit at 1 (far below the market): checked at bar 0, unfilled → expired (ioc_unfilled) before the
    //   bar's signals; the strategy's column fires for AAA at bar 0 and the strategy, no longer pending, opens.
    // BBB: a DAY buy limit at 1: alive through day 1, expired at its end (day_end). The column fires for BBB at bars 1
    //   and 3: at bar 1 the order is alive (pending: nothing), at bar 3 it is dead: OPEN_LONG.
    const times = [0, 1, 2].map((i) => T0 + i * 60_000).concat([0, 1, 2].map((i) => T0 + DAY + i * 60_000));
    const bars = makeBars({ AAA: { close: [10, 10, 10, 10, 10, 10] }, BBB: { close: [20, 20, 20, 20, 20, 20] } }, times);
    const fire: Record<string, number[]> = { AAA: [0], BBB: [1, 3] };
    const strategy: VectorStrategy = {
      name: 'fires', params: {}, warmup: 1, inputs: ['close'], init() {},
      signals(slice, out) {
        const v = out.view();
        v.fill(0, 0, 2 * slice.len);
        ['AAA', 'BBB'].forEach((sym, s) => { for (const t of fire[sym]!) if (t >= slice.start && t < slice.start + slice.len) v[s * slice.len + t - slice.start] = 1; });
      },
      decide: (_v, st) => (st.pending || st.position !== 0 ? null : { intention: 'OPEN_LONG' }),
    };
    const { of } = run(config(['AAA', 'BBB'], { strategy: { name: 'buy_and_hold', id: 's' } }), bars, {
      strategy,
      services: (c) => {
        const f = c.events('manager');
        for (const [symbol, tif] of [['AAA', 'IOC'], ['BBB', 'DAY']] as const) {
          const id = f.id();
          c.bus.publish(f.make('order', AT, { order_id: id, timestamp: AT, symbol, side: 'buy', quantity: '5', order_type: 'limit', limit_price: '1', time_in_force: tif, intent_id: id, idempotency_key: id, source_strategy_id: 's' }));
        }
      },
    });
    expect(of('order_status').map((o) => `${o.symbol} ${o.status} ${o.reason_code}`)).toEqual(['AAA expired ioc_unfilled', 'BBB expired day_end']);
    expect(signalsAt(bars, of('signal'))).toEqual(['0:AAA:OPEN_LONG', '3:BBB:OPEN_LONG']);
  });
});
