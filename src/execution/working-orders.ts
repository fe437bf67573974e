// The working orders execution holds: found by kernel slot (every fill, trigger and expiry), by id
// (cancel, replace), listed in arrival order, and the reduce-only ones of each symbol. No string is
// hashed for an order that is never looked up by id: a bracket's legs come and go by the thousand.
import type { WorkingOrder } from './working-order.js';

/** Working orders by kernel slot, by id (indexed on the first lookup), in arrival order, reduce-only by symbol. */
export class WorkingOrders {
  private readonly bySlot: (WorkingOrder | undefined)[] = [];
  /** Arrival number of the order in each slot: the order {@link list} gives. */
  private readonly arrival: number[] = [];
  /** Reduce-only orders by symbol index, in arrival order (a symbol has a few: a list, not a set). */
  private readonly reducingBy: WorkingOrder[][] = [];
  /** Orders by id: made on the first lookup by id and kept up to date from then on. */
  private byId: Map<string, WorkingOrder> | undefined;
  private count = 0;
  private arrived = 0;

  /** Adds an order placed in the kernel's table (its slot set). */
  add(w: WorkingOrder): void {
    this.bySlot[w.slot] = w;
    this.arrival[w.slot] = this.arrived++;
    this.count++;
    this.byId?.set(w.id, w);
    if (w.reduceOnly) (this.reducingBy[w.s] ??= []).push(w);
  }

  /** Removes an order (before its slot is cleared). */
  remove(w: WorkingOrder): void {
    this.bySlot[w.slot] = undefined;
    this.count--;
    this.byId?.delete(w.id);
    if (w.reduceOnly) {
      const list = this.reducingBy[w.s]!;
      const i = list.indexOf(w);
      if (i >= 0) list.splice(i, 1);
    }
  }

  /** The order in kernel slot `slot`. */
  at(slot: number): WorkingOrder | undefined {
    return this.bySlot[slot];
  }

  /** The working order with id `id`. */
  get(id: string): WorkingOrder | undefined {
    if (!this.byId) {
      // (an id given twice is the later order's, as a map filled in arrival order has it)
      this.byId = new Map();
      for (const w of this.list()) this.byId.set(w.id, w);
    }
    return this.byId.get(id);
  }

  /** The working orders in the order they arrived. */
  list(): WorkingOrder[] {
    const out: WorkingOrder[] = [];
    for (const w of this.bySlot) if (w) out.push(w);
    return out.sort((a, b) => this.arrival[a.slot]! - this.arrival[b.slot]!);
  }

  /** The reduce-only orders of symbol index `s`, in arrival order (a live list: copy it to retire from it). */
  reducing(s: number): readonly WorkingOrder[] {
    return this.reducingBy[s] ?? NONE;
  }

  /** How many orders are working. */
  get size(): number {
    return this.count;
  }
}

const NONE: readonly WorkingOrder[] = Object.freeze([]);
