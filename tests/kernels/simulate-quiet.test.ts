// The simulate kernel's quiet range (S_QUIET_LOW..S_UP): a bar strictly inside it is skipped without
// looking at the symbol's orders, so bars that touch a level, and orders that need every bar (market,
// trailing stops, IOC), must still be seen. Expected events are derived from the fill rules by hand.
import { describe, it, expect } from 'vitest';
import { Workspace, SimulateKernel, orderCodes as K, STATUS_OK, EVENT_FILL, EVENT_EXPIRE, type OrderSpec } from '../../src/kernels/index.js';

const ENGINES = ['wasm', 'js'] as const;
type Bar = readonly [open: number, high: number, low: number, close: number];

/** Runs one symbol's bars with `orders` resting from bar 0; filled and expired orders leave the table. */
function run(engine: 'wasm' | 'js', bars: readonly Bar[], orders: readonly Omit<OrderSpec, 'symbol' | 'eligible'>[], link = false) {
  const ws = new Workspace(engine, 'debug');
  const sim = new SimulateKernel(ws, 1);
  const len = bars.length;
  const col = (i: number) => {
    const b = ws.f64(len);
    b.set(bars.map((x) => x[i]!));
    return b;
  };
  const cols = { open: col(0), high: col(1), low: col(2), close: col(3), signal: ws.i32(len), dayEnd: ws.u8(len), equity: ws.f64(len) };
  const slots = orders.map((o) => sim.orders.add({ ...o, symbol: 0, eligible: 0 }));
  if (link) sim.orders.link(slots[0]!, slots[1]!);
  const quietLow = () => sim.orders.sf.view()[K.S_QUIET_LOW]!;
  const events: string[] = [];
  sim.beginSlice();
  for (let code = sim.step(cols, len); code !== STATUS_OK; code = sim.step(cols, len)) {
    const slot = sim.eventSlot;
    if (code === EVENT_FILL) events.push(`fill ${slot} bar ${sim.eventIndex} at ${sim.fill.price} reason ${sim.fill.reason}`);
    else if (code === EVENT_EXPIRE) events.push(`expire ${slot} bar ${sim.eventIndex}`);
    else events.push(`event ${code} bar ${sim.eventIndex}`);
    sim.orders.remove(slot);
  }
  return { events, slots, sim, quietLow };
}

const STOP_LOSS = { type: K.TYPE_STOP, side: -1, tif: K.TIF_GTC, quantity: 100, stop: 95 } as const;
const TAKE_PROFIT = { type: K.TYPE_LIMIT, side: -1, tif: K.TIF_GTC, quantity: 100, limit: 105 } as const;

describe('simulate: bars inside the quiet range', () => {
  it.each(ENGINES)('skips bars strictly between the legs and fills the stop at a bar whose low touches it (%s)', (engine) => {
    // bars 0-2 lie inside (95, 105); bar 3's low is the stop, 95: a sell stop touched intrabar fills at
    // the stop (the open 99 is above it), reason PX_STOP | PX_TRIGGERED = 5 | 32 = 37; the take-profit
    // at 105 is not reached (high 100), so the stop fills alone
    const { events, slots } = run(engine, [[100, 101, 99, 100], [100, 104.99, 95.01, 100], [100, 102, 98, 99], [99, 100, 95, 96]], [STOP_LOSS, TAKE_PROFIT], true);
    expect(events).toEqual([`fill ${slots[0]} bar 3 at 95 reason 37`]);
  });

  it.each(ENGINES)('fills the take-profit at a bar whose high touches it (%s)', (engine) => {
    // bar 1's high is the limit, 105, the open 101 below it: a sell limit fills at the limit, PX_LIMIT = 4
    const { events, slots } = run(engine, [[100, 101, 99, 100], [101, 105, 100, 104]], [STOP_LOSS, TAKE_PROFIT], true);
    expect(events).toEqual([`fill ${slots[1]} bar 1 at 105 reason 4`]);
  });

  it.each(ENGINES)('keeps the quiet range at the stop while only levels rest, and closes it for orders that need every bar (%s)', (engine) => {
    // the highest level hit on a move down is the sell stop's 95; S_UP is the take-profit's 105
    const legs = run(engine, [[100, 101, 99, 100]], [STOP_LOSS, TAKE_PROFIT], true);
    expect(legs.events).toEqual([]);
    expect(legs.quietLow()).toBe(95);
    expect(legs.sim.orders.sf.view()[K.S_UP]).toBe(105);
    // a trailing stop moves every bar: no bar is quiet (+∞), and the level follows the highs:
    // high − 10 = 91, 93, then 93 again (the level never moves back) while the lows stay above it
    const trail = run(engine, [[100, 101, 99, 100], [100, 103, 99, 102], [101, 102, 100, 101]], [
      { type: K.TYPE_TRAIL_AMOUNT, side: -1, tif: K.TIF_GTC, quantity: 100, stop: 80, trail: 10 },
    ]);
    expect(trail.events).toEqual([]);
    expect(trail.quietLow()).toBe(Infinity);
    expect(trail.sim.orders.stopLevel(trail.slots[0]!)).toBe(93);
  });

  it.each(ENGINES)('expires an IOC order resting far from the price after its first bar (%s)', (engine) => {
    // a buy limit at 50 never fills in bars near 100; IOC: what is left after the first bar expires
    const { events, slots } = run(engine, [[100, 101, 99, 100], [100, 101, 99, 100]], [
      STOP_LOSS, { type: K.TYPE_LIMIT, side: 1, tif: K.TIF_IOC, quantity: 100, limit: 50 },
    ]);
    expect(events).toEqual([`expire ${slots[1]} bar 0`]);
  });

  it.each(ENGINES)('fills a market order placed beside resting legs at the next bar\'s open (%s)', (engine) => {
    // a market order needs no level: its bar is never quiet; it fills at bar 0's open, PX_OPEN = 1
    const { events, slots } = run(engine, [[100, 101, 99, 100], [100, 101, 99, 100]], [STOP_LOSS, TAKE_PROFIT, { type: K.TYPE_MARKET, side: 1, tif: K.TIF_GTC, quantity: 10 }]);
    expect(events).toEqual([`fill ${slots[2]} bar 0 at 100 reason 1`]);
  });
});
