// The signal publisher writes the common signal (no stops) without object spreads: its payloads keep
// the contract's key order, which the event log's bytes depend on, and the checks still refuse bad specs.
import { describe, it, expect } from 'vitest';
import { SignalPublisher } from '../../src/strategy/signal-publisher.js';
import { EventBus, EventFactory, IdFactory, type SignalEvent } from '../../src/events/index.js';
import { validateEvent } from '../../src/events/contracts.js';

function publisher(): { pub: SignalPublisher; seen: SignalEvent[] } {
  const bus = new EventBus();
  const seen: SignalEvent[] = [];
  bus.subscribe('signal', (e) => seen.push(e));
  return { pub: new SignalPublisher(bus, new EventFactory(new IdFactory('run-s'), 'strategy'), 's1', ['AAA', 'BBB'], { fast: 5 }), seen };
}

// the order of signal.v1.json's properties, which the general (spread) form writes
const ORDER = ['signal_id', 'timestamp', 'strategy_id', 'symbol', 'intention', 'confidence', 'price', 'reason', 'metadata', 'stop_loss', 'take_profit'];

describe('signal publisher', () => {
  it('writes every combination of reason and stops with the keys in the contract order, each payload valid', () => {
    const { pub, seen } = publisher();
    const specs = [
      { intention: 'OPEN_LONG' as const },
      { intention: 'OPEN_LONG' as const, reason: 'up' },
      { intention: 'CLOSE_LONG' as const, reason: '' },
      { intention: 'OPEN_LONG' as const, reason: 'up', stopLoss: 9.5 },
      { intention: 'OPEN_SHORT' as const, takeProfit: 8.25 },
      { intention: 'OPEN_LONG' as const, reason: 'both', stopLoss: 9.5, takeProfit: 12, confidence: 0.75 },
    ];
    specs.forEach((d, i) => pub.publish(i % 2, Date.UTC(2024, 0, 2, 14, 30 + i), 10.01 + i, d));
    expect(seen).toHaveLength(specs.length);
    for (const e of seen) {
      const keys = Object.keys(e.payload);
      expect(keys).toEqual(ORDER.filter((k) => keys.includes(k)));
      expect(() => validateEvent(e)).not.toThrow();
    }
    // derived from the specs: which optional keys each one writes (an empty reason writes none)
    expect(seen.map((e) => Object.keys(e.payload).filter((k) => ['reason', 'stop_loss', 'take_profit'].includes(k)))).toEqual([
      [], ['reason'], [], ['reason', 'stop_loss'], ['take_profit'], ['reason', 'stop_loss', 'take_profit'],
    ]);
    expect(seen[1]!.payload).toEqual({
      signal_id: seen[1]!.payload.signal_id, timestamp: '2024-01-02T14:31:00Z', strategy_id: 's1', symbol: 'BBB', intention: 'OPEN_LONG',
      confidence: '1', price: '11.01', reason: 'up', metadata: { fast: 5 },
    });
    expect(seen[5]!.payload).toMatchObject({ confidence: '0.75', stop_loss: '9.5', take_profit: '12', price: '15.01' });
  });

  it('still refuses a bad intention, confidence or price, naming the strategy and symbol', () => {
    const { pub } = publisher();
    expect(() => pub.publish(0, 0, 10, { intention: 'BUY' as never })).toThrow(/strategy s1: signal for AAA: `intention` must be one of/);
    expect(() => pub.publish(1, 0, 10, { intention: 'OPEN_LONG', confidence: 1.5 })).toThrow(/strategy s1: signal for BBB: `confidence` must be a number in \[0, 1\]/);
    expect(() => pub.publish(0, 0, NaN, { intention: 'OPEN_LONG' })).toThrow(/`price` must be a finite price ≥ 0; got NaN \(the bar has no close/);
    expect(() => pub.publish(0, 0, 10, { intention: 'OPEN_LONG', stopLoss: -1 })).toThrow(/`stopLoss` must be a finite price ≥ 0; got -1$/);
  });
});
