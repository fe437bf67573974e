// The manager sizes and refuses signals; execution accepts, refuses and fills orders.
import { describe, it, expect } from 'vitest';
import { PortfolioManager, sizeOpen } from '../../src/manager/index.js';
import { ExecutionService, PerShareCommission } from '../../src/execution/index.js';
import { Decimal, type PortfolioView } from '../../src/model/index.js';
import { validateEvent } from '../../src/events/contracts.js';
import { recordingBus, signal, order } from '../helpers/events.js';

function view(cash: string, equity: string, positions: Record<string, string> = {}): PortfolioView {
  return { cash: () => new Decimal(cash), equity: () => new Decimal(equity), position: (s) => new Decimal(positions[s] ?? '0') };
}

function manager(v: PortfolioView, sizing: ConstructorParameters<typeof PortfolioManager>[3]['sizing'], allowShort = false) {
  const rb = recordingBus();
  const commission = new PerShareCommission({ perShare: '0.005', minimum: '1' });
  new PortfolioManager(rb.bus, rb.factory('manager'), v, { sizing, allowShort, estimateCommission: (q, p) => commission.of(q, p) });
  const send = (s: Parameters<typeof signal>[0]) => rb.bus.publish(rb.factory('strategy').make('signal', '2024-01-02T14:30:00Z', signal(s), 'c0ffee00-0000-8000-8000-000000000000'));
  return { ...rb, send };
}

describe('portfolio manager', () => {
  it('sizes OPEN_LONG with a fixed quantity into a market buy carrying the signal id and correlation', () => {
    const m = manager(view('100000', '100000'), { method: 'fixed_quantity', quantity: 100 });
    m.send({ intention: 'OPEN_LONG', price: '10.5', signal_id: '00000000-0000-8000-8000-000000000042' });
    const orders = m.of('order');
    expect(orders).toHaveLength(1);
    expect(orders[0]!.payload).toMatchObject({ side: 'buy', quantity: '100', order_type: 'market', intent_id: '00000000-0000-8000-8000-000000000042', source_strategy_id: 's1' });
    expect(orders[0]!.correlation_id).toBe('c0ffee00-0000-8000-8000-000000000000');
    for (const e of m.seen) validateEvent(e);
  });

  it('sizes a fixed fraction of equity in whole shares: floor(0.5 × 100000 / 30) = 1666', () => {
    const m = manager(view('100000', '100000'), { method: 'fixed_fraction', fraction: 0.5 });
    m.send({ intention: 'OPEN_LONG', price: '30' });
    expect(m.of('order')[0]!.payload.quantity).toBe('1666');
  });

  it('refuses a buy it cannot pay for, with the cash and the cost', () => {
    // 100 × 10 + max(1, 100 × 0.005) = 1001 > 500
    const m = manager(view('500', '500'), { method: 'fixed_quantity', quantity: 100 });
    m.send({ intention: 'OPEN_LONG', price: '10' });
    expect(m.of('order')).toHaveLength(0);
    const v = m.of('risk_violation')[0]!.payload;
    expect(v).toMatchObject({ rule: 'insufficient_cash', limit_value: '500', actual_value: '1001' });
    expect(v.reason).toMatch(/costs 1001 with commission; cash is 500/);
    validateEvent(m.of('risk_violation')[0]!);
  });

  it('accepts a buy that costs exactly the cash', () => {
    const m = manager(view('1001', '1001'), { method: 'fixed_quantity', quantity: 100 });
    m.send({ intention: 'OPEN_LONG', price: '10' });
    expect(m.of('order')).toHaveLength(1);
  });

  it('refuses a size that rounds to zero shares (min_ticket)', () => {
    const m = manager(view('100', '100'), { method: 'fixed_fraction', fraction: 0.1 });
    m.send({ intention: 'OPEN_LONG', price: '50' });
    expect(m.of('risk_violation')[0]!.payload.rule).toBe('min_ticket');
  });

  it('closes the whole long position, and refuses to close what is not held', () => {
    const m = manager(view('0', '0', { AAA: '300' }), { method: 'fixed_quantity', quantity: 100 });
    m.send({ intention: 'CLOSE_LONG', price: '10' });
    expect(m.of('order')[0]!.payload).toMatchObject({ side: 'sell', quantity: '300' });
    m.send({ intention: 'CLOSE_SHORT', price: '10' });
    expect(m.of('risk_violation')[0]!.payload.rule).toBe('no_position');
  });

  it('refuses shorts when shorting is disabled, and sells short when allowed', () => {
    const off = manager(view('1000', '1000'), { method: 'fixed_quantity', quantity: 10 });
    off.send({ intention: 'OPEN_SHORT', price: '10' });
    expect(off.of('risk_violation')[0]!.payload.rule).toBe('shorting_disabled');
    const on = manager(view('1000', '1000', { AAA: '-10' }), { method: 'fixed_quantity', quantity: 10 }, true);
    on.send({ intention: 'OPEN_SHORT', price: '10' });
    on.send({ intention: 'CLOSE_SHORT', price: '10' });
    on.send({ intention: 'CLOSE_LONG', price: '10' });
    expect(on.of('order').map((o) => [o.payload.side, o.payload.quantity])).toEqual([['sell', '10'], ['buy', '10']]);
    expect(on.of('risk_violation').map((r) => r.payload.rule)).toEqual(['no_position']);
  });

  it('gives zero shares for a non-positive price or equity', () => {
    expect(sizeOpen({ method: 'fixed_fraction', fraction: 1 }, new Decimal(0), new Decimal(100)).toFixed()).toBe('0');
    expect(sizeOpen({ method: 'fixed_fraction', fraction: 1 }, new Decimal(10), new Decimal(-5)).toFixed()).toBe('0');
  });
});

describe('execution', () => {
  function exec(commission = { perShare: '0.005', minimum: '1' }) {
    const rb = recordingBus();
    const ex = new ExecutionService(rb.bus, rb.factory('execution'), { commission, fillPolicy: 'next_open' });
    const send = (o: Parameters<typeof order>[0]) => rb.bus.publish(rb.factory('manager').make('order', '2024-01-02T14:30:00Z', order(o), 'c0ffee00-0000-8000-8000-000000000000'));
    const bar = { time: '2024-01-02T14:31:00Z', open: 10.25, high: 10.5, low: 10, close: 10.4, volume: 1000 };
    return { ...rb, ex, send, bar };
  }

  it('keeps a market order pending and fills it at the bar open with commission max(min, qty × rate)', () => {
    const x = exec();
    x.send({ side: 'buy', quantity: '100' });
    expect(x.ex.pendingQuantity('AAA')).toBe(100);
    x.ex.fillDue('AAA', x.bar);
    const f = x.of('fill')[0]!;
    // 100 × 10.25 = 1025; commission max(1, 0.5) = 1; net = −(1025 + 1)
    expect(f.payload).toMatchObject({ side: 'buy', filled_quantity: '100', fill_price: '10.25', commission: '1', gross_value: '1025', net_value: '-1026', remaining_quantity: '0', strategy_id: 's1' });
    expect(f.payload.reason).toMatch(/next bar's open 10.25/);
    expect(f.correlation_id).toBe('c0ffee00-0000-8000-8000-000000000000');
    expect(x.ex.pendingQuantity('AAA')).toBe(0);
    validateEvent(f);
  });

  it('charges per share above the minimum and caps at a share of value', () => {
    const c = new PerShareCommission({ perShare: '0.005', minimum: '1', maximumPct: '0.001' });
    // 1000 × 0.005 = 5 > 1; cap 0.001 × 1000 × 2 = 2 → 2
    expect(c.of(new Decimal(1000), new Decimal(2)).toFixed()).toBe('2');
    expect(c.of(new Decimal(1000), new Decimal(100)).toFixed()).toBe('5');
    expect(new PerShareCommission({ perShare: '0.01' }).of(new Decimal(3), new Decimal(1)).toFixed()).toBe('0.03');
  });

  it('sells with net value gross − commission', () => {
    const x = exec();
    x.send({ side: 'sell', quantity: '300' });
    expect(x.ex.pendingQuantity('AAA')).toBe(-300);
    x.ex.fillDue('AAA', x.bar);
    // 300 × 10.25 = 3075; commission 1.5; net = 3073.5
    expect(x.of('fill')[0]!.payload).toMatchObject({ net_value: '3073.5', commission: '1.5' });
  });

  it('refuses a repeated idempotency key and an unsupported order type', () => {
    const x = exec();
    x.send({ side: 'buy', quantity: '1', idempotency_key: 'same' });
    x.send({ side: 'buy', quantity: '1', idempotency_key: 'same', order_id: '00000000-0000-8000-8000-0000000000cc' });
    x.send({ side: 'buy', quantity: '1', idempotency_key: 'other', order_type: 'limit', limit_price: '10' });
    expect(x.of('risk_violation').map((v) => v.payload.rule)).toEqual(['duplicate_order', 'unsupported_order_type']);
    expect(x.ex.unfilled()).toHaveLength(1);
    for (const e of x.seen) validateEvent(e);
  });

  it('keeps the pending flag non-zero when a buy and a sell cancel out', () => {
    const x = exec();
    x.send({ side: 'buy', quantity: '5', idempotency_key: 'a' });
    x.send({ side: 'sell', quantity: '5', idempotency_key: 'b' });
    expect(x.ex.pendingQuantity('AAA')).not.toBe(0);
    x.ex.fillDue('AAA', x.bar);
    expect(x.of('fill')).toHaveLength(2);
    x.ex.fillDue('AAA', x.bar);
    expect(x.of('fill')).toHaveLength(2);
  });
});
