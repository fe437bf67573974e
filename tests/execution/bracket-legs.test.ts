// Bracket legs end to end: the legs of a parent that fills in parts are placed for its first fill and
// grow with each later one (the growth path of ExecutionService.growLegs).
import { describe, it, expect } from 'vitest';
import { runScript, flat } from '../engine/script.js';

const ENGINES = ['wasm', 'js'] as const;

describe('bracket legs of a partly filled parent', () => {
  it.each(ENGINES)('places the legs for the first fill and grows them with each later fill (%s)', (engine) => {
    // cap 10% of 1000 = 100 a bar: the parent buy of 250 fills 100, 100 and 50 at bars 1, 2 and 3; the legs
    // (placed at bar 1 for 100: two 'accepted' statuses) cover 200, then 250, without new statuses;
    // prices stay at 100, between the stop 98 and the target 103, so both are still working at the end
    const { of, res } = runScript({
      engine,
      bars: { AAA: flat(5, 100) },
      config: { execution: { participation: 0.1 } },
      script: { 0: (c) => void c.order({ side: 'buy', quantity: '250', stop_loss: '98', take_profit: '103' }) },
    });
    expect(of('fill').map((f) => [f.side, f.filled_quantity, f.remaining_quantity])).toEqual([['buy', '100', '150'], ['buy', '100', '50'], ['buy', '50', '0']]);
    expect(of('order_status').map((s) => [s.status, s.reason_code, s.order_type, s.quantity])).toEqual([
      ['accepted', 'bracket_leg', 'stop', '100'], ['accepted', 'bracket_leg', 'limit', '100'],
    ]);
    expect(res.unfilled.map((o) => [o.order_type, o.side, o.quantity, o.stop_price ?? o.limit_price])).toEqual([['stop', 'sell', '250', '98'], ['limit', 'sell', '250', '103']]);
  });
});
