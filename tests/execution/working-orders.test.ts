// The working-order registry: found by slot and by id (the id index made on the first lookup and kept
// in step afterwards), listed in arrival order whatever slots were reused, reduce-only orders per symbol.
import { describe, it, expect } from 'vitest';
import { WorkingOrders } from '../../src/execution/working-orders.js';
import type { WorkingOrder } from '../../src/execution/working-order.js';

/** The fields the registry reads of an order. */
function order(id: string, slot: number, s = 0, reduceOnly = false): WorkingOrder {
  return { id, slot, s, reduceOnly } as unknown as WorkingOrder;
}

describe('WorkingOrders', () => {
  it('lists orders in arrival order when a later order takes an earlier slot', () => {
    const w = new WorkingOrders();
    const a = order('a', 0), b = order('b', 1), c = order('c', 0);
    w.add(a);
    w.add(b);
    w.remove(a);
    w.add(c);
    // c reuses slot 0 but arrived after b
    expect(w.list().map((o) => o.id)).toEqual(['b', 'c']);
    expect(w.at(0)).toBe(c);
    expect(w.at(1)).toBe(b);
    expect(w.size).toBe(2);
  });

  it('finds orders by id, before and after the index is made', () => {
    const w = new WorkingOrders();
    const a = order('a', 0), b = order('b', 1), d = order('d', 2);
    w.add(a);
    w.add(b);
    w.remove(a);
    // the first lookup indexes what is working: a is gone
    expect(w.get('a')).toBeUndefined();
    expect(w.get('b')).toBe(b);
    // from then on adds and removes keep the index in step
    w.add(d);
    expect(w.get('d')).toBe(d);
    w.remove(b);
    expect(w.get('b')).toBeUndefined();
    expect(w.size).toBe(1);
  });

  it('keeps the reduce-only orders of each symbol in arrival order', () => {
    const w = new WorkingOrders();
    const x = order('x', 0, 1, true), y = order('y', 1, 1, true), z = order('z', 2, 1, true), other = order('o', 3, 0, true), plain = order('p', 4, 1);
    for (const o of [x, y, other, z, plain]) w.add(o);
    expect(w.reducing(1).map((o) => o.id)).toEqual(['x', 'y', 'z']);
    expect(w.reducing(0).map((o) => o.id)).toEqual(['o']);
    w.remove(y);
    expect(w.reducing(1).map((o) => o.id)).toEqual(['x', 'z']);
    // a symbol that never had one
    expect(w.reducing(7)).toEqual([]);
  });
});
