// Order types and fill policies end to end (kernel, execution, ledger): each fill's price and reason
// derived by hand from the bars, on both kernel engines.
import { describe, it, expect } from 'vitest';
import { runScript, bar, flat } from './script.js';

const ENGINES = ['wasm', 'js'] as const;

describe('limit orders', () => {
  it.each(ENGINES)('fill at the open when the bar opens through the limit, at the limit when touched, and keep working otherwise (%s)', (engine) => {
    // bar 1 opens at 99 below the buy limit 100 → 99; bar 2's low 97.5 touches the limit 98 → 98; 90 is never reached
    const { of, res } = runScript({
      engine,
      bars: { AAA: [flat(1, 100)[0]!, bar(99, 100, 98.5, 99.5), bar(99, 99.5, 97.5, 98), bar(98, 99, 97, 98.5)] },
      script: {
        0: (c) => void c.order({ side: 'buy', quantity: '10', order_type: 'limit', limit_price: '100' }),
        1: (c) => void c.order({ side: 'buy', quantity: '10', order_type: 'limit', limit_price: '98' }),
        2: (c) => void c.order({ side: 'buy', quantity: '10', order_type: 'limit', limit_price: '90' }),
      },
    });
    const fills = of('fill');
    expect(fills.map((f) => [f.fill_price, f.timestamp, f.reason])).toEqual([
      ['99', '2024-01-02T14:31:00Z', 'limit 100 buy: the bar opened at 99, through the limit; filled at the open'],
      ['98', '2024-01-02T14:32:00Z', 'limit 98 buy: low 97.5 ≤ 98; filled at the limit'],
    ]);
    // cash = 100000 − 10·99 − 10·98 = 98030; the limit at 90 is still working at the end
    expect(res.finalSnapshot.cash_balance).toBe('98030');
    expect(res.unfilled.map((o) => o.limit_price)).toEqual(['90']);
  });
});

describe('stop, stop-limit and trailing stop orders', () => {
  // bar 1 buys 10 at its open 100
  const entry = { 0: (c: Parameters<NonNullable<Parameters<typeof runScript>[0]['script'][0]>>[0]) => void c.order({ side: 'buy', quantity: '10' }) };

  it.each(ENGINES)('fill a stop at the stop when the low touches it and at the open when the bar gaps through it (%s)', (engine) => {
    const { of, res } = runScript({
      engine,
      bars: { AAA: [flat(1, 100)[0]!, bar(100, 101, 99.5, 100.5), bar(99.5, 100, 98.8, 99.2), bar(97, 97.5, 96, 96.5)] },
      script: {
        ...entry,
        1: (c) => {
          c.order({ side: 'sell', quantity: '5', order_type: 'stop', stop_price: '98' });
          c.order({ side: 'sell', quantity: '5', order_type: 'stop', stop_price: '99' });
        },
      },
    });
    expect(of('fill').slice(1).map((f) => [f.fill_price, f.reason])).toEqual([
      ['99', 'stop 99 triggered: low 98.8 ≤ 99; filled at the stop'],
      ['97', 'stop 98 triggered: open 97 ≤ 98 (gap); filled at the open'],
    ]);
    // realized = (99 − 100)·5 + (97 − 100)·5 = −20; cash = 100000 − 1000 + 495 + 485 = 99980
    expect(of('trade')[0]).toMatchObject({ status: 'closed', realized_pnl: '-20', quantity: '10', exit_price: '98' });
    expect(res.finalSnapshot.cash_balance).toBe('99980');
  });

  it.each(ENGINES)('fills a stop-limit at its stop when the limit allows, else rests as a limit after a trigger event (%s)', (engine) => {
    // A: stop 99 / limit 98.5: bar 2's low 98 reaches 99 and 99 ≥ 98.5 → fills 5 at 99.
    // B: stop 99 / limit 99.5: the same trigger, but a sell limit of 99.5 is above 99, and the bar's
    //    path after the trigger is unknown → "triggered" status; bar 3's high 99.7 reaches 99.5 → 99.5.
    const { of } = runScript({
      engine,
      bars: { AAA: [flat(1, 100)[0]!, bar(100, 101, 99.5, 100.5), bar(99.5, 99.6, 98, 98.7), bar(99.2, 99.7, 99, 99.6)] },
      script: {
        ...entry,
        1: (c) => {
          c.order({ side: 'sell', quantity: '5', order_type: 'stop_limit', stop_price: '99', limit_price: '98.5' });
          c.order({ side: 'sell', quantity: '5', order_type: 'stop_limit', stop_price: '99', limit_price: '99.5' });
        },
      },
    });
    expect(of('fill').slice(1).map((f) => [f.fill_price, f.timestamp, f.reason])).toEqual([
      ['99', '2024-01-02T14:32:00Z', 'stop-limit 99/98.5 sell triggered: low 98 ≤ 99; filled at the stop, within the limit'],
      ['99.5', '2024-01-02T14:33:00Z', 'stop-limit 99/99.5 sell (triggered earlier): high 99.7 ≥ 99.5; filled at the limit'],
    ]);
    expect(of('order_status').map((s) => [s.status, s.reason_code, s.timestamp])).toEqual([['triggered', 'stop_triggered', '2024-01-02T14:32:00Z']]);
  });

  it.each(ENGINES)('moves a trailing stop up with the highs and fills it where the low crosses it (%s)', (engine) => {
    // placed at bar 1's close 100.5 with a 2 trail: level 98.5; bar 2's high 102 → 100; bar 3's
    // high 103 → 101; bar 4's low 100.5 ≤ 101 → sells 10 at 101: realized (101 − 100)·10 = 10
    const { of } = runScript({
      engine,
      bars: { AAA: [flat(1, 100)[0]!, bar(100, 101, 99.5, 100.5), bar(100.5, 102, 100, 101.8), bar(101.5, 103, 101.2, 102.5), bar(102, 102.2, 100.5, 100.8)] },
      script: { ...entry, 1: (c) => void c.order({ side: 'sell', quantity: '10', order_type: 'trailing_stop', trail_amount: '2' }) },
    });
    expect(of('fill')[1]).toMatchObject({ fill_price: '101', timestamp: '2024-01-02T14:34:00Z', reason: 'trailing stop at 101 triggered: low 100.5 ≤ 101; filled at the stop' });
    expect(of('trade')[0]!.realized_pnl).toBe('10');
  });

  it('moves a percent trailing stop on the tick grid', () => {
    // 1% below the highs: bar 2: 102 × 0.99 = 100.98; bar 3: 103 × 0.99 = 101.97; bar 4's low 101.5 ≤ 101.97
    const { of } = runScript({
      bars: { AAA: [flat(1, 100)[0]!, bar(100, 101, 99.5, 100.5), bar(100.5, 102, 101, 101.8), bar(101.5, 103, 102, 102.5), bar(102.5, 102.6, 101.5, 101.8)] },
      script: { ...entry, 1: (c) => void c.order({ side: 'sell', quantity: '10', order_type: 'trailing_stop', trail_percent: '0.01' }) },
    });
    expect(of('fill')[1]).toMatchObject({ fill_price: '101.97', reason: 'trailing stop at 101.97 triggered: low 101.5 ≤ 101.97; filled at the stop' });
  });
});

describe('on-open and on-close orders', () => {
  it.each(ENGINES)('fill at the next session\'s first open and at the session\'s last close (%s)', (engine) => {
    // sessions of 3 bars: made at bar 0, the on-close buy fills at bar 2's close 102, the on-open buy at bar 3's open 103
    const { of } = runScript({
      engine, session: 3,
      bars: { AAA: [flat(1, 100)[0]!, flat(1, 101)[0]!, bar(101, 102.5, 100.5, 102), bar(103, 104, 102.5, 103.5), flat(1, 104)[0]!, flat(1, 104)[0]!] },
      script: {
        0: (c) => {
          c.order({ side: 'buy', quantity: '5', order_type: 'market_on_open' });
          c.order({ side: 'buy', quantity: '5', order_type: 'market_on_close' });
        },
      },
    });
    expect(of('fill').map((f) => [f.fill_price, f.timestamp, f.reason])).toEqual([
      ['102', '2024-01-02T14:32:00Z', 'market-on-close order filled at the session\'s closing price 102'],
      ['103', '2024-01-03T14:30:00Z', 'market-on-open order filled at the session\'s opening price 103'],
    ]);
  });
});

describe('fill policies', () => {
  // a market buy of 10 made at bar 1's close; commission 1 per order
  const bars = { AAA: [flat(1, 100)[0]!, bar(100, 101, 99, 100.5, { vwap: 100.2 }), bar(101, 102, 100.5, 101.5, { vwap: 101.2 })] };
  const run = (fill_policy: string) => runScript({
    bars, barEquity: true,
    config: { execution: { fill_policy, commission: { per_share: '0', minimum: '1' } } },
    script: { 1: (c) => void c.order({ side: 'buy', quantity: '10' }) },
  });

  it.each([
    ['next_open', '101', '2024-01-02T14:32:00Z', 'market order filled at the next bar\'s open 101'],
    ['next_close', '101.5', '2024-01-02T14:32:00Z', 'market order filled at the next bar\'s close 101.5'],
    ['vwap_next_bar', '101.2', '2024-01-02T14:32:00Z', 'market order filled at the next bar\'s VWAP 101.2'],
    ['same_close', '100.5', '2024-01-02T14:31:00Z', 'market order filled at the close of its own bar (same_close: optimistic) 100.5'],
  ])('%s fills at %s', (policy, price, time, reason) => {
    const { of, res } = run(policy);
    expect(of('fill')).toHaveLength(1);
    expect(of('fill')[0]).toMatchObject({ fill_price: price, timestamp: time, reason });
    expect(res.flags.some((f) => f.startsWith('optimistic_fill_policy'))).toBe(policy === 'same_close');
  });

  it('values the bar again after a same-close fill', () => {
    // bar 1: cash 100000 − 1005 − 1 = 98994, 10 shares at 100.5 → equity 99999 (only the commission is lost)
    const { res } = run('same_close');
    expect(Array.from(res.barEquity)).toEqual([100000, 99999, 100009]);
  });

  it('refuses vwap_next_bar without a VWAP column, naming the key', () => {
    expect(() => runScript({ bars: { AAA: flat(3, 100) }, config: { execution: { fill_policy: 'vwap_next_bar' } }, script: {} })).toThrow(/`execution.fill_policy` vwap_next_bar needs a vwap column/);
  });
});
