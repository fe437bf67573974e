// The event bus: topic subscriptions (exact type, `prefix*` or `*`), ordered synchronous delivery.
import type { QtraderEvent } from './types.js';

/** Receives one event. */
export type Handler<E extends QtraderEvent = QtraderEvent> = (event: E) => void;

/** Narrows the handler's event type for an exact topic. */
type EventOf<T extends string> = Extract<QtraderEvent, { event_type: T }> extends never ? QtraderEvent : Extract<QtraderEvent, { event_type: T }>;

/**
 * Synchronous, ordered bus. An event published while another is being delivered waits in a FIFO
 * queue until every subscriber has seen the current one, so all subscribers see all events in
 * one global order (breadth first): a signal reaches every subscriber before the order it causes.
 */
export class EventBus {
  private readonly exact = new Map<string, Handler[]>();
  private readonly patterns: { prefix: string; handler: Handler }[] = [];
  private readonly queue: QtraderEvent[] = [];
  private delivering = false;
  private published = 0;

  /** Subscribes to `topic`: an event type (`fill`), a prefix pattern (`risk*`) or `*`. Returns an unsubscribe function. */
  subscribe<T extends string>(topic: T, handler: Handler<EventOf<T>>): () => void {
    const h = handler as Handler;
    if (topic.endsWith('*')) {
      const entry = { prefix: topic.slice(0, -1), handler: h };
      this.patterns.push(entry);
      return () => {
        const i = this.patterns.indexOf(entry);
        if (i >= 0) this.patterns.splice(i, 1);
      };
    }
    let list = this.exact.get(topic);
    if (!list) this.exact.set(topic, (list = []));
    list.push(h);
    return () => {
      const l = this.exact.get(topic);
      const i = l ? l.indexOf(h) : -1;
      if (l && i >= 0) l.splice(i, 1);
    };
  }

  /** Publishes an event; delivery happens now, or after the event currently being delivered. */
  publish(event: QtraderEvent): void {
    this.published++;
    this.queue.push(event);
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let i = 0; i < this.queue.length; i++) this.deliver(this.queue[i]!);
    } finally {
      this.queue.length = 0;
      this.delivering = false;
    }
  }

  /** How many events have been published so far. */
  get count(): number {
    return this.published;
  }

  private deliver(event: QtraderEvent): void {
    // pattern subscribers (the event log, reporting) see the event first, so logs keep causal order
    for (const p of this.patterns) if (event.event_type.startsWith(p.prefix)) p.handler(event);
    const list = this.exact.get(event.event_type);
    if (list) for (const h of list) h(event);
  }
}
