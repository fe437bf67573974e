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
  /** Every handler of an event type in delivery order (patterns first), resolved once per type until the subscriptions change. */
  private readonly resolved = new Map<string, Handler[]>();
  /** Events published while another was being delivered, in order (the one being delivered first is not in it). */
  private queue: QtraderEvent[] = [];
  private delivering = false;
  private published = 0;

  /** Subscribes to `topic`: an event type (`fill`), a prefix pattern (`risk*`) or `*`. Returns an unsubscribe function. */
  subscribe<T extends string>(topic: T, handler: Handler<EventOf<T>>): () => void {
    const h = handler as Handler;
    if (topic.endsWith('*')) {
      const entry = { prefix: topic.slice(0, -1), handler: h };
      this.patterns.push(entry);
      this.resolved.clear();
      return () => {
        const i = this.patterns.indexOf(entry);
        if (i >= 0) this.patterns.splice(i, 1);
        this.resolved.clear();
      };
    }
    let list = this.exact.get(topic);
    if (!list) this.exact.set(topic, (list = []));
    list.push(h);
    this.resolved.clear();
    return () => {
      const l = this.exact.get(topic);
      const i = l ? l.indexOf(h) : -1;
      if (l && i >= 0) l.splice(i, 1);
      this.resolved.clear();
    };
  }

  /** Publishes an event; delivery happens now, or after the event currently being delivered. */
  publish(event: QtraderEvent): void {
    this.published++;
    if (this.delivering) {
      this.queue.push(event);
      return;
    }
    this.delivering = true;
    try {
      this.deliver(event);
      for (let i = 0; i < this.queue.length; i++) this.deliver(this.queue[i]!);
    } finally {
      // a fresh array rather than `length = 0` (a runtime call), and only when something was queued
      if (this.queue.length > 0) this.queue = [];
      this.delivering = false;
    }
  }

  /** How many events have been published so far. */
  get count(): number {
    return this.published;
  }

  // A (un)subscription made while an event is being delivered takes effect from the next event.
  private deliver(event: QtraderEvent): void {
    const list = this.resolved.get(event.event_type) ?? this.resolve(event.event_type);
    for (let i = 0; i < list.length; i++) list[i]!(event);
  }

  // pattern subscribers (the event log, reporting) see the event first, so logs keep causal order
  private resolve(type: string): Handler[] {
    const list: Handler[] = [];
    for (const p of this.patterns) if (type.startsWith(p.prefix)) list.push(p.handler);
    for (const h of this.exact.get(type) ?? []) list.push(h);
    this.resolved.set(type, list);
    return list;
  }
}
