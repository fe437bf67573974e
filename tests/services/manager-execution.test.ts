// The manager sizes and refuses signals; execution accepts, refuses and fills orders.
import { describe, it, expect } from 'vitest';
import { PortfolioManager, sizeOpen } from '../../src/manager/index.js';
import { Commission, checkFields, checkPosition } from '../../src/execution/index.js';
import { Decimal, type PortfolioView } from '../../src/model/index.js';
import { validateEvent } from '../../src/events/contracts.js';
import { recordingBus, signal, order } from '../helpers/events.js';

function view(cash: string, equity: string, positions: Record<string, string> = {}): PortfolioView {
  return { cash: () => new Decimal(cash), equity: () => new Decimal(equity), position: (s) => new Decimal(positions[s] ?? '0') };
}

function manager(v: PortfolioView, sizing: ConstructorParameters<typeof PortfolioManager>[3]['sizing'], allowShort = false) {
  const rb = recordingBus();
  const commission = new Commission({ perShare: '0.005', minimum: '1' });
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

  it('passes the signal\'s stop_loss and take_profit on to an opening order, not to a closing one', () => {
    const m = manager(view('100000', '100000', { AAA: '100' }), { method: 'fixed_quantity', quantity: 100 });
    m.send({ intention: 'OPEN_LONG', price: '10', stop_loss: '9.5', take_profit: '11' });
    m.send({ intention: 'CLOSE_LONG', price: '10', stop_loss: '9.5', take_profit: '11' });
    expect(m.of('order').map((o) => [o.payload.side, o.payload.stop_loss, o.payload.take_profit])).toEqual([['buy', '9.5', '11'], ['sell', undefined, undefined]]);
  });

  it('gives zero shares for a non-positive price or equity', () => {
    expect(sizeOpen({ method: 'fixed_fraction', fraction: 1 }, new Decimal(0), new Decimal(100)).toFixed()).toBe('0');
    expect(sizeOpen({ method: 'fixed_fraction', fraction: 1 }, new Decimal(10), new Decimal(-5)).toFixed()).toBe('0');
  });
});

describe('execution intake', () => {
  const held = (q: string) => new Decimal(q);
  const rules = { allowShort: false, oversell: 'reject' as const };

  it('refuses orders whose type lacks its prices, and bad quantities', () => {
    expect(checkFields(order({ side: 'buy', quantity: '0' }))?.reason).toBe('quantity must be greater than 0; got 0');
    expect(checkFields(order({ side: 'buy', quantity: '1', order_type: 'limit' }))?.reason).toBe('a limit order needs a limit_price greater than 0');
    expect(checkFields(order({ side: 'buy', quantity: '1', order_type: 'stop_limit', limit_price: '10' }))?.reason).toBe('a stop_limit order needs a stop_price greater than 0');
    expect(checkFields(order({ side: 'buy', quantity: '1', order_type: 'trailing_stop' }))?.rule).toBe('invalid_order');
    expect(checkFields(order({ side: 'buy', quantity: '1', order_type: 'trailing_stop', trail_percent: '2' }))?.reason).toMatch(/fraction below 1/);
    expect(checkFields(order({ side: 'buy', quantity: '1', time_in_force: 'GTD' }))?.reason).toBe('a GTD order needs an expire_date');
    expect(checkFields(order({ side: 'buy', quantity: '1', stop_loss: '0' }))?.reason).toBe('stop_loss must be greater than 0; got 0');
    expect(checkFields(order({ side: 'buy', quantity: '1', order_type: 'trailing_stop', trail_amount: '0.5' }))).toBeNull();
  });

  it('marks a sell within the long position reduce-only and refuses one beyond it or a short sale when shorting is off', () => {
    expect(checkPosition(order({ side: 'sell', quantity: '10' }), held('10'), rules)).toEqual({ reduceOnly: true });
    expect((checkPosition(order({ side: 'sell', quantity: '11' }), held('10'), rules) as { rule: string }).rule).toBe('oversell');
    expect((checkPosition(order({ side: 'sell', quantity: '1' }), held('0'), rules) as { rule: string }).rule).toBe('shorting_disabled');
    expect(checkPosition(order({ side: 'sell', quantity: '11' }), held('10'), { allowShort: true, oversell: 'split' })).toEqual({ reduceOnly: false });
    expect(checkPosition(order({ side: 'buy', quantity: '11' }), held('-10'), { allowShort: true, oversell: 'reject' })).toMatchObject({ rule: 'oversell' });
    expect(checkPosition(order({ side: 'buy', quantity: '5' }), held('0'), rules)).toEqual({ reduceOnly: false });
  });
});
