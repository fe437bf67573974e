// The strategy book's live orders: a few held in arrays, many in a map; either way they must answer
// as a map of order id → symbol index would (the reference here).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LiveOrders } from '../../src/strategy/strategy-book.js';

describe('LiveOrders', () => {
  it('adds, refuses a repeated id, and removes as a map does, with few and with many live orders (fast-check)', () => {
    // ids from a pool of 40 so that repeats and removals of unknown ids happen, and more than 16 can be live
    const step = fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 9 }));
    fc.assert(fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
      const live = new LiveOrders();
      const ref = new Map<string, number>();
      for (const [add, n, s] of steps) {
        const id = `order-${n}`;
        if (add) {
          const fresh = !ref.has(id);
          if (fresh) ref.set(id, s);
          expect(live.add(id, s)).toBe(fresh);
        } else {
          expect(live.remove(id)).toBe(ref.get(id) ?? -1);
          ref.delete(id);
        }
        expect(live.size).toBe(ref.size);
      }
    }), { numRuns: 2000, seed: 5 });
  });

  it('keeps every order when more than 16 are live at once, and finds each after the switch to a map', () => {
    const live = new LiveOrders();
    for (let i = 0; i < 40; i++) expect(live.add(`o${i}`, i % 7)).toBe(true);
    expect(live.add('o3', 0)).toBe(false);
    expect(live.size).toBe(40);
    for (let i = 39; i >= 0; i--) expect(live.remove(`o${i}`)).toBe(i % 7);
    expect(live.size).toBe(0);
    expect(live.remove('o0')).toBe(-1);
  });
});
