// The strategy service publishes signals from its column; the bus delivers in order.
import { describe, it, expect } from 'vitest';
import { StrategyService, SmaCrossStrategy, BuyAndHoldStrategy, createStrategy, STRATEGIES, type VectorStrategy } from '../../src/strategy/index.js';
import { Workspace } from '../../src/kernels/index.js';
import { EventBus, EventLog, IdFactory } from '../../src/events/index.js';
import { validateEvent } from '../../src/events/contracts.js';
import { recordingBus, fill, order } from '../helpers/events.js';

describe('strategy service', () => {
  function svc(strategy: VectorStrategy = new SmaCrossStrategy(2, 3)) {
    const rb = recordingBus();
    const s = new StrategyService(rb.bus, rb.factory('strategy'), strategy, 's1', ['AAA', 'BBB']);
    return { ...rb, s };
  }

  it('publishes OPEN_LONG on a cross up when flat, with the close as price and its own correlation', () => {
    const x = svc();
    x.s.onSignalBar(0, 1, Date.UTC(2024, 0, 2, 14, 30), 10.25);
    const sig = x.of('signal')[0]!;
    expect(sig.payload).toMatchObject({ intention: 'OPEN_LONG', symbol: 'AAA', price: '10.25', confidence: '1', strategy_id: 's1', timestamp: '2024-01-02T14:30:00Z', metadata: { fast: 2, slow: 3 } });
    expect(sig.correlation_id).toBe(sig.payload.signal_id);
    validateEvent(sig);
    expect(x.s.signalCount).toBe(1);
  });

  it('stays quiet while its order is pending, closes when long, and tracks fills per symbol', () => {
    const x = svc();
    const mk = x.factory('manager');
    x.bus.publish(mk.make('order', '2024-01-02T14:30:00Z', order({ side: 'buy', quantity: '10', order_id: '00000000-0000-8000-8000-000000000001' })));
    x.s.onSignalBar(0, 1, 0, 10);
    expect(x.of('signal')).toHaveLength(0);
    x.bus.publish(mk.make('fill', '2024-01-02T14:31:00Z', fill({ side: 'buy', filled_quantity: '10', fill_price: '10', order_id: '00000000-0000-8000-8000-000000000001', remaining_quantity: '0' })));
    x.s.onSignalBar(0, 1, 0, 10); // cross up while long: nothing
    x.s.onSignalBar(1, -1, 0, 10); // BBB cross down while flat: nothing
    x.s.onSignalBar(0, -1, 0, 11);
    expect(x.of('signal').map((e) => [e.payload.symbol, e.payload.intention])).toEqual([['AAA', 'CLOSE_LONG']]);
  });

  it('forgets a pending order refused by execution, and ignores other strategies and symbols', () => {
    const x = svc();
    const mk = x.factory('manager');
    x.bus.publish(mk.make('order', 't', order({ side: 'buy', quantity: '1', order_id: '00000000-0000-8000-8000-000000000009' })));
    x.bus.publish(mk.make('order', 't', order({ side: 'buy', quantity: '1', source_strategy_id: 'other' })));
    x.bus.publish(mk.make('order', 't', order({ side: 'buy', quantity: '1', symbol: 'ZZZ' })));
    x.bus.publish(mk.make('fill', 't', fill({ side: 'buy', filled_quantity: '1', fill_price: '1', strategy_id: 'other' })));
    x.bus.publish(mk.make('fill', 't', fill({ side: 'buy', filled_quantity: '1', fill_price: '1', symbol: 'ZZZ' })));
    x.bus.publish(mk.make('risk_violation', 't', { order_id: '00000000-0000-8000-8000-000000000009', timestamp: 't', strategy_id: 's1', symbol: 'AAA', rule: 'duplicate_order', reason: 'x' }));
    x.bus.publish(mk.make('risk_violation', 't', { signal_id: '00000000-0000-8000-8000-000000000009', timestamp: 't', strategy_id: 's1', symbol: 'AAA', rule: 'min_ticket', reason: 'x' }));
    x.s.onSignalBar(0, 1, 0, 10);
    expect(x.of('signal')).toHaveLength(1);
  });

  it('computes the exact crossover column through init and signals', () => {
    const x = svc();
    const ws = new Workspace('js');
    x.s.init(ws);
    const close = ws.f64(10);
    // AAA: 0.06, 0.03, 0.01, 0.05, 0.10 (cross up at bar 4, see the kernel test); BBB all NaN
    close.set([0.06, 0.03, 0.01, 0.05, 0.1, NaN, NaN, NaN, NaN, NaN]);
    const out = ws.i32(10);
    x.s.signals({ open: close, high: close, low: close, close, volume: close, len: 5, start: 0 }, out);
    expect(Array.from(out.view())).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
  });

  it('buy_and_hold marks each symbol\'s first valid bar once, across slices', () => {
    const x = svc(new BuyAndHoldStrategy());
    const ws = new Workspace('js');
    x.s.init(ws);
    const close = ws.f64(6);
    const out = ws.i32(6);
    close.set([NaN, 5, 6, NaN, NaN, NaN]);
    x.s.signals({ open: close, high: close, low: close, close, volume: close, len: 3, start: 0 }, out);
    expect(Array.from(out.view())).toEqual([0, 1, 0, 0, 0, 0]);
    close.set([7, 8, 9, NaN, 3, 4]);
    x.s.signals({ open: close, high: close, low: close, close, volume: close, len: 3, start: 3 }, out);
    expect(Array.from(out.view())).toEqual([0, 0, 0, 0, 1, 0]);
    x.s.onSignalBar(0, 1, 0, 5);
    expect(x.of('signal')[0]!.payload.intention).toBe('OPEN_LONG');
  });
});

describe('strategy registry', () => {
  it('creates built-ins with defaults and numeric strings', () => {
    expect(createStrategy('sma_cross', {}).params).toEqual({ fast: 10, slow: 30 });
    expect(createStrategy('sma_cross', { fast: '5', slow: 20 }).params).toEqual({ fast: 5, slow: 20 });
    expect(createStrategy('buy_and_hold', {}).name).toBe('buy_and_hold');
    expect(Object.keys(STRATEGIES)).toEqual(['sma_cross', 'indicator_cross', 'buy_and_hold', 'ema_cross', 'macd_cross', 'rsi_mean_reversion', 'bollinger_breakout', 'donchian_breakout', 'momentum_rotation']);
  });
  it('names the key and the allowed values in its errors', () => {
    expect(() => createStrategy('nope', {})).toThrow(/`strategy.name`: unknown strategy "nope"; expected one of: sma_cross, indicator_cross, buy_and_hold/);
    expect(() => createStrategy('sma_cross', { fats: 3 })).toThrow(/`strategy.params.fats`: unknown parameter of sma_cross; expected one of: fast, slow/);
    expect(() => createStrategy('sma_cross', { fast: 'ten' })).toThrow(/`strategy.params.fast`: expected a number; got "ten"/);
    expect(() => createStrategy('sma_cross', { fast: 0 })).toThrow(/`strategy.params.fast` must be a positive integer; got 0/);
    expect(() => createStrategy('buy_and_hold', { x: 1 })).toThrow(/expected no parameters/);
  });
});

describe('event bus', () => {
  it('delivers breadth first: events published during delivery wait until everyone saw the current one', () => {
    const bus = new EventBus();
    const ids = new IdFactory('r');
    const log: string[] = [];
    const mk = (type: 'signal' | 'order', n: string) => ({ event_id: n, event_type: type, event_version: 1, occurred_at: 't', source_service: 'x', payload: {} }) as never;
    bus.subscribe('signal', () => {
      log.push('a:signal');
      bus.publish(mk('order', 'o'));
    });
    bus.subscribe('signal', () => log.push('b:signal'));
    bus.subscribe('order', () => log.push('a:order'));
    bus.subscribe('*', (e) => log.push(`*:${e.event_type}`));
    bus.publish(mk('signal', 's'));
    expect(log).toEqual(['*:signal', 'a:signal', 'b:signal', '*:order', 'a:order']);
    expect(bus.count).toBe(2);
    expect(ids.next()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('matches prefix patterns and unsubscribes', () => {
    const bus = new EventBus();
    const got: string[] = [];
    const off1 = bus.subscribe('risk*', (e) => got.push(e.event_type));
    const off2 = bus.subscribe('order', (e) => got.push(e.event_type));
    const e = (t: string) => ({ event_id: '1', event_type: t, event_version: 1, occurred_at: 't', source_service: 'x', payload: {} }) as never;
    bus.publish(e('risk_violation'));
    bus.publish(e('order'));
    off1();
    off2();
    off1();
    bus.publish(e('risk_violation'));
    bus.publish(e('order'));
    expect(got).toEqual(['risk_violation', 'order']);
  });
  it('gives the same ids for the same run and different ones for another run', () => {
    const a = new IdFactory('run-1'), b = new IdFactory('run-1'), c = new IdFactory('run-2');
    const x = [a.next(), a.next()];
    expect([b.next(), b.next()]).toEqual(x);
    expect(c.next()).not.toBe(x[0]);
    expect(a.issued).toBe(2);
  });
  it('keeps an event log as JSON lines in chunks', () => {
    const log = new EventLog();
    for (let i = 0; i < 20000; i++) log.append({ i, pad: 'x'.repeat(60) });
    const text = log.text().join('');
    expect(log.count).toBe(20000);
    expect(log.text().length).toBeGreaterThan(1);
    expect(text.split('\n')[19999]).toBe(JSON.stringify({ i: 19999, pad: 'x'.repeat(60) }));
  });
});
