// Builders of events for service tests: a real bus, deterministic ids, typed payloads.
import { EventBus, EventFactory, IdFactory, type FillPayload, type QtraderEvent, type SignalPayload, type OrderPayload } from '../../src/events/index.js';

/** A bus that records every event it delivers, with a factory for test events. */
export function recordingBus(runId = 'test') {
  const bus = new EventBus();
  const seen: QtraderEvent[] = [];
  bus.subscribe('*', (e) => seen.push(e));
  const ids = new IdFactory(runId);
  const factory = (source: string) => new EventFactory(ids, source);
  const of = <T extends QtraderEvent['event_type']>(type: T) => seen.filter((e) => e.event_type === type) as Extract<QtraderEvent, { event_type: T }>[];
  return { bus, seen, ids, factory, of };
}

/** A fill payload with defaults for the fields a test does not care about. */
export function fill(p: Partial<FillPayload> & Pick<FillPayload, 'side' | 'filled_quantity' | 'fill_price'>): FillPayload {
  return {
    fill_id: p.fill_id ?? `00000000-0000-8000-8000-${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`,
    order_id: p.order_id ?? '00000000-0000-8000-8000-000000000001',
    timestamp: p.timestamp ?? '2024-01-02T14:31:00Z',
    symbol: p.symbol ?? 'AAA',
    strategy_id: p.strategy_id ?? 's1',
    ...p,
  };
}

/** A signal payload with defaults. */
export function signal(p: Partial<SignalPayload> & Pick<SignalPayload, 'intention' | 'price'>): SignalPayload {
  return {
    signal_id: p.signal_id ?? '00000000-0000-8000-8000-0000000000aa',
    timestamp: '2024-01-02T14:30:00Z', strategy_id: 's1', symbol: 'AAA', confidence: '1', ...p,
  };
}

/** A market order payload with defaults. */
export function order(p: Partial<OrderPayload> & Pick<OrderPayload, 'side' | 'quantity'>): OrderPayload {
  return {
    order_id: p.order_id ?? '00000000-0000-8000-8000-0000000000bb',
    timestamp: '2024-01-02T14:30:00Z', symbol: 'AAA', order_type: 'market',
    intent_id: '00000000-0000-8000-8000-0000000000aa', idempotency_key: p.idempotency_key ?? 'k1', source_strategy_id: 's1', ...p,
  };
}
