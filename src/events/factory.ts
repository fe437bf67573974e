// Builds events with envelope fields filled in: deterministic id, version, simulated time, source.
import type { BusEvent, QtraderEvent } from './types.js';
import { IdFactory } from './ids.js';

/** Payload type of an event type name. */
export type PayloadOf<T extends QtraderEvent['event_type']> = Extract<QtraderEvent, { event_type: T }>['payload'];

/** Creates events for one service of one run. */
export class EventFactory {
  constructor(private readonly ids: IdFactory, readonly source: string) {}

  /** A fresh id from the run's sequence (for signal_id, order_id, fill_id, trade_id). */
  id(): string {
    return this.ids.next();
  }

  /** The sequence number of an id of this run at the start of `text`, when below `limit`; else −1 (see {@link IdFactory.sequenceAt}). */
  idSequence(text: string, limit: number): number {
    return this.ids.sequenceAt(text, limit);
  }

  /** An event of type `type` at simulated time `occurredAt` (RFC 3339). */
  make<T extends QtraderEvent['event_type']>(
    type: T, occurredAt: string, payload: PayloadOf<T>, correlationId?: string | null, causationId?: string | null,
  ): Extract<QtraderEvent, { event_type: T }> {
    const e: BusEvent<T, PayloadOf<T>> = {
      event_id: this.ids.next(),
      event_type: type,
      event_version: 1,
      occurred_at: occurredAt,
      source_service: this.source,
      correlation_id: correlationId ?? null,
      causation_id: causationId ?? null,
      payload,
    };
    return e as unknown as Extract<QtraderEvent, { event_type: T }>;
  }
}
