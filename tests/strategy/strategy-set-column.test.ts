// The strategy set reads the signal column's value at each stop from a view it keeps: the view must
// follow the arena when it grows (the order table grows it in the middle of a slice), and a new slice.
import { describe, expect, it } from 'vitest';
import { EventBus, EventFactory, IdFactory } from '../../src/events/index.js';
import { Workspace } from '../../src/kernels/index.js';
import { StrategySet, type VectorStrategy } from '../../src/strategy/index.js';

// a strategy that only records the column values it is asked to decide on
function recorder(seen: number[]): VectorStrategy {
  return {
    name: 'recorder', params: {}, warmup: 1, inputs: ['close'],
    init: () => {},
    signals: () => {},
    decide: (value) => {
      seen.push(value);
      return null;
    },
  };
}

describe('StrategySet column reads', () => {
  for (const engine of ['wasm', 'js'] as const) {
    it(`reads the value written last, after the arena grew and in a new slice's buffer (${engine})`, () => {
      const seen: number[] = [];
      const set = new StrategySet([{ id: 's1', strategy: recorder(seen), params: {}, warmup: 1, label: 'recorder()' }], {
        bus: new EventBus(), events: new EventFactory(new IdFactory('col'), 'strategy'), symbols: ['AAA', 'BBB'], timezone: 'UTC',
      });
      const ws = new Workspace(engine);
      const col = ws.i32(64);
      const slice = { open: ws.f64(8), high: ws.f64(8), low: ws.f64(8), close: ws.f64(8), volume: ws.f64(0), len: 4, start: 0 };
      set.signals(slice, col.sub(0, 8));
      const out = col.sub(0, 8);
      out.view()[5] = 7; // symbol 1, bar 1 of a 4-bar slice
      set.onSignalBar(1, 1, 0, 10, out);
      // grow the arena well past its size (wasm memory grows, detaching every view made before)
      const big = ws.f64(8 << 20);
      expect(big.length).toBe(8 << 20);
      out.view()[5] = -3;
      set.onSignalBar(1, 1, 0, 10, out);
      // the next slice's buffer (a new sub-buffer over the same memory)
      const next = col.sub(0, 8);
      next.view()[2] = 4;
      set.onSignalBar(0, 2, 0, 10, next);
      expect(seen).toEqual([7, -3, 4]);
    });
  }
});
