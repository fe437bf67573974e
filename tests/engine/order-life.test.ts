// The life of orders end to end: brackets (one-cancels-other, the intrabar policy), partial fills
// under a participation cap, time in force, cancel/replace, idempotency, quotes, position rules.
import { describe, it, expect } from 'vitest';
import { runScript, bar, flat, type ScriptCtx } from './script.js';

const ENGINES = ['wasm', 'js'] as const;
const buyBracket = (c: ScriptCtx) => void c.order({ side: 'buy', quantity: '10', stop_loss: '98', take_profit: '103' });

describe('brackets', () => {
  it.each(ENGINES)('places both legs when the parent fills and cancels the stop when the target fills (%s)', (engine) => {
    // bar 1: the parent buys 10 at the open 100; the legs work from the rest of that bar (low 99.6, high 100.8: neither)
    // bar 2: high 103.5 ≥ 103 → the take-profit sells 10 at 103; realized (103 − 100)·10 = 30
    const { of, res } = runScript({
      engine,
      bars: { AAA: [flat(1, 100)[0]!, bar(100, 100.8, 99.6, 100.5), bar(101, 103.5, 100.9, 103.2), flat(1, 103)[0]!] },
      script: { 0: buyBracket },
    });
    const st = of('order_status');
    expect(st.map((s) => [s.status, s.reason_code, s.order_type, s.side, s.quantity])).toEqual([
      ['accepted', 'bracket_leg', 'stop', 'sell', '10'], ['accepted', 'bracket_leg', 'limit', 'sell', '10'], ['cancelled', 'oco', 'stop', 'sell', '10'],
    ]);
    expect(st[0]!.parent_order_id).toBe(of('order')[0]!.order_id);
    expect(of('fill').map((f) => [f.side, f.fill_price])).toEqual([['buy', '100'], ['sell', '103']]);
    expect(of('trade')[0]!.realized_pnl).toBe('30');
    expect(res.unfilled).toHaveLength(0);
    expect(res.ambiguousBars).toBe(0);
  });

  // bar 2 reaches both the stop 98 (low 97.5) and the target 103 (high 103.5)
  const both = (open: number, intrabar: string) => runScript({
    bars: { AAA: [flat(1, 100)[0]!, bar(100, 100.8, 99.6, 100.5), bar(open, 103.5, 97.5, 100), flat(1, 100)[0]!] },
    config: { execution: { intrabar } },
    script: { 0: buyBracket },
  });

  it.each([
    // worst case: the stop (−20); best case: the target (+30)
    ['worst_case', 101, '98', '-20'],
    ['best_case', 101, '103', '30'],
    // path from the open 101: the high is 2.5 away, the low 3.5 → high first → the target
    ['ohlc_path', 101, '103', '30'],
    // from the open 99: the low is 1.5 away, the high 4.5 → low first → the stop
    ['ohlc_path', 99, '98', '-20'],
  ])('with both legs inside one bar, %s from the open %d fills at %s (realized %s)', (policy, open, price, pnl) => {
    const { of, res } = both(open, policy);
    expect(of('fill').map((f) => f.fill_price)).toEqual(['100', price]);
    expect(of('trade')[0]!.realized_pnl).toBe(pnl);
    expect(res.ambiguousBars).toBe(1);
  });

  it('lets a leg that the bar gaps through win whatever the policy', () => {
    // bar 2 opens at 97, through the stop: the stop fills at the open even under best_case
    const { of, res } = runScript({
      bars: { AAA: [flat(1, 100)[0]!, bar(100, 100.8, 99.6, 100.5), bar(97, 103.5, 96.5, 100)] },
      config: { execution: { intrabar: 'best_case' } },
      script: { 0: buyBracket },
    });
    expect(of('fill')[1]).toMatchObject({ fill_price: '97', reason: 'stop 98 triggered: open 97 ≤ 98 (gap); filled at the open' });
    expect(res.ambiguousBars).toBe(0);
  });

  it('cancels a leg whose position was closed by another order', () => {
    // the parent fills at bar 1; a market sell made at bar 1 closes the position at bar 2's open:
    // both legs are cancelled then, so bar 3 (through both legs' prices) fills nothing
    const { of } = runScript({
      bars: { AAA: [flat(1, 100)[0]!, flat(1, 100)[0]!, flat(1, 100)[0]!, bar(100, 104, 97, 100)] },
      script: { 0: buyBracket, 1: (c) => void c.order({ side: 'sell', quantity: '10' }) },
    });
    expect(of('fill').map((f) => f.side)).toEqual(['buy', 'sell']);
    expect(of('order_status').filter((s) => s.status === 'cancelled').map((s) => [s.reason_code, s.timestamp])).toEqual([
      ['position_closed', '2024-01-02T14:32:00Z'], ['position_closed', '2024-01-02T14:32:00Z'],
    ]);
  });
});

describe('partial fills under a participation cap', () => {
  it.each(ENGINES)('fills at most 10% of each bar\'s volume, nothing on a zero-volume bar, and works the rest on later bars (%s)', (engine) => {
    // 250 to buy: bar 1 volume 1000 → 100; bar 2 volume 0 → nothing; bar 3 volume 500 → 50; bar 4 volume 2000 → the last 100
    const { of, res } = runScript({
      engine,
      bars: { AAA: [flat(1, 100)[0]!, ...[1000, 0, 500, 2000].map((v, i) => bar(101 + i, 102 + i, 100 + i, 101 + i, { v }))] },
      config: { execution: { participation: 0.1 } },
      script: { 0: (c) => void c.order({ side: 'buy', quantity: '250' }) },
    });
    expect(of('fill').map((f) => [f.filled_quantity, f.fill_price, f.remaining_quantity, f.liquidity ?? ''])).toEqual([
      ['100', '101', '150', 'volume_cap'], ['50', '103', '100', 'volume_cap'], ['100', '104', '0', ''],
    ]);
    expect(of('fill')[0]!.reason).toBe('market order filled at the next bar\'s open 101; 100 of 250 (participation cap of the bar\'s volume 1000)');
    // cash = 100000 − 100·101 − 50·103 − 100·104 = 74350
    expect(res.finalSnapshot.cash_balance).toBe('74350');
  });

  it('shares one bar\'s volume between the orders of a symbol', () => {
    // two buys of 80 with a 10% cap of 1000: the first takes 80, the second the 20 left, then 60 at the next bar
    const { of } = runScript({
      bars: { AAA: [flat(1, 100)[0]!, bar(101, 102, 100, 101), bar(102, 103, 101, 102)] },
      config: { execution: { participation: 0.1 } },
      script: { 0: (c) => { c.order({ side: 'buy', quantity: '80' }); c.order({ side: 'buy', quantity: '80' }); } },
    });
    expect(of('fill').map((f) => [f.filled_quantity, f.fill_price])).toEqual([['80', '101'], ['20', '101'], ['60', '102']]);
  });
});

describe('stops without volume', () => {
  it('marks a stop triggered on a zero-volume bar and fills it as a market order at the next open', () => {
    // with a participation cap, bar 2 (volume 0) reaches the sell stop 99 but cannot fill: triggered;
    // bar 3 opens at 98: the stop, now a market order, sells 10 there
    const { of } = runScript({
      bars: { AAA: [flat(1, 100)[0]!, bar(100, 101, 99.5, 100.5), bar(99.5, 100, 98.5, 99, { v: 0 }), bar(98, 99, 97.5, 98.5)] },
      config: { execution: { participation: 0.5 } },
      script: { 0: (c) => void c.order({ side: 'buy', quantity: '10' }), 1: (c) => void c.order({ side: 'sell', quantity: '10', order_type: 'stop', stop_price: '99' }) },
    });
    expect(of('order_status').map((st) => [st.status, st.reason])).toEqual([['triggered', 'stop 99 reached at a bar without volume to fill; the order now fills as a market order']]);
    expect(of('fill')[1]).toMatchObject({ fill_price: '98', reason: 'stop 99 triggered earlier; the rest filled at the open 98' });
  });
});

describe('time in force', () => {
  const sessions = { AAA: [...flat(3, 100), ...flat(3, 101), ...flat(3, 102)] };

  it('expires a DAY order at the end of its session and a GTD order at the end of its date', () => {
    const { of } = runScript({
      bars: sessions, session: 3,
      script: {
        0: (c) => {
          c.order({ side: 'buy', quantity: '1', order_type: 'limit', limit_price: '90', time_in_force: 'DAY' });
          c.order({ side: 'buy', quantity: '1', order_type: 'limit', limit_price: '90', time_in_force: 'GTD', expire_date: '2024-01-03' });
        },
      },
    });
    expect(of('order_status').map((s) => [s.status, s.reason_code, s.timestamp])).toEqual([
      ['expired', 'day_end', '2024-01-02T14:32:00Z'], ['expired', 'good_till_date', '2024-01-03T14:32:00Z'],
    ]);
  });

  it.each(ENGINES)('keeps working when the order table grows during a run (%s)', (engine) => {
    // 100 DAY orders at bar 1 outgrow the table's first 64 slots (the arena grows, older views detach);
    // all expire at the session's end, and the session ends still snapshot
    const { of } = runScript({
      engine, bars: sessions, session: 3,
      script: { 1: (c) => { for (let i = 0; i < 100; i++) c.order({ side: 'buy', quantity: '1', order_type: 'limit', limit_price: String(50 + i / 10), time_in_force: 'DAY' }); } },
    });
    expect(of('order_status').filter((st) => st.reason_code === 'day_end')).toHaveLength(100);
    expect(of('snapshot').map((st) => st.snapshot_datetime)).toEqual(['2024-01-02T14:32:00Z', '2024-01-03T14:32:00Z', '2024-01-04T14:32:00Z']);
  });

  it('keeps a DAY order made at a session\'s last bar working through the next session', () => {
    const { of } = runScript({
      bars: sessions, session: 3,
      script: { 2: (c) => void c.order({ side: 'buy', quantity: '1', order_type: 'limit', limit_price: '90', time_in_force: 'DAY' }) },
    });
    expect(of('order_status').map((s) => s.timestamp)).toEqual(['2024-01-03T14:32:00Z']);
  });

  it.each(ENGINES)('fills what it can of an IOC order and expires the rest; expires an FOK order it cannot fill whole (%s)', (engine) => {
    // cap 10% of 1000 = 100 at bar 1: the IOC buys 100 and 150 expire; the FOK for 250 cannot fill whole: nothing fills
    const { of } = runScript({
      engine,
      bars: { AAA: [flat(1, 100)[0]!, flat(1, 101)[0]!, flat(1, 102)[0]!] },
      config: { execution: { participation: 0.1 } },
      script: {
        0: (c) => {
          c.order({ side: 'buy', quantity: '250', time_in_force: 'IOC' });
          c.order({ side: 'buy', quantity: '250', time_in_force: 'FOK' });
        },
      },
    });
    expect(of('fill').map((f) => [f.filled_quantity, f.remaining_quantity])).toEqual([['100', '150']]);
    expect(of('order_status').map((s) => [s.status, s.reason_code, s.remaining_quantity])).toEqual([['expired', 'ioc_unfilled', '150'], ['expired', 'fok_unfilled', '250']]);
  });
});

describe('cancel, replace, idempotency', () => {
  it('cancels on request, refuses to cancel what is not working, and refuses a repeated idempotency key', () => {
    let id = '';
    const { of } = runScript({
      bars: { AAA: flat(4, 100) },
      script: {
        0: (c) => {
          id = c.order({ side: 'buy', quantity: '1', order_type: 'limit', limit_price: '90', idempotency_key: 'same' });
          c.order({ side: 'buy', quantity: '1', idempotency_key: 'same' });
        },
        1: (c) => c.cancel(id),
        2: (c) => c.cancel(id),
      },
    });
    expect(of('order_status').map((s) => [s.status, s.reason_code])).toEqual([['cancelled', 'requested']]);
    expect(of('risk_violation').map((v) => v.rule)).toEqual(['duplicate_order', 'cancel_refused']);
    expect(of('fill')).toHaveLength(0);
  });

  it.each(ENGINES)('replaces a working limit with a new price, and refuses to replace an order that has filled (%s)', (engine) => {
    // the limit 95 is replaced at bar 1 by a limit 99.5, which bar 2 (low 99.4) touches
    let first = '', second = '';
    const { of } = runScript({
      engine,
      bars: { AAA: [...flat(2, 100), bar(100, 100.5, 99.4, 100), flat(1, 100)[0]!] },
      script: {
        0: (c) => void (first = c.order({ side: 'buy', quantity: '1', order_type: 'limit', limit_price: '95' })),
        1: (c) => void (second = c.order({ side: 'buy', quantity: '1', order_type: 'limit', limit_price: '99.5', replaces_order_id: first })),
        2: (c) => void c.order({ side: 'buy', quantity: '1', order_type: 'limit', limit_price: '99', replaces_order_id: second }),
      },
    });
    expect(of('order_status')).toEqual([expect.objectContaining({ order_id: first, status: 'replaced', replaced_by: second })]);
    expect(of('fill').map((f) => [f.order_id, f.fill_price])).toEqual([[second, '99.5']]);
    expect(of('risk_violation').map((v) => v.rule)).toEqual(['replace_refused']);
  });
});

describe('quotes', () => {
  it.each(ENGINES)('fills market buys at the ask and sells at the bid of the bar\'s open or close (%s)', (engine) => {
    const q = (p: number) => ({ bidO: p - 0.02, askO: p + 0.02, bidC: p - 0.03, askC: p + 0.03 });
    const { of } = runScript({
      engine,
      bars: { AAA: [bar(100, 100.5, 99.5, 100, q(100)), bar(101, 101.5, 100.5, 101, q(101)), bar(102, 102.5, 101.5, 102, q(102))] },
      script: { 0: (c) => void c.order({ side: 'buy', quantity: '10' }), 1: (c) => void c.order({ side: 'sell', quantity: '10' }) },
    });
    // buy at bar 1's opening ask 101.02, sell at bar 2's opening bid 101.98
    expect(of('fill').map((f) => [f.fill_price, f.liquidity, f.reason])).toEqual([
      ['101.02', 'quote', 'market buy filled at the ask 101.02 of the next bar\'s open'],
      ['101.98', 'quote', 'market sell filled at the bid 101.98 of the next bar\'s open'],
    ]);
    expect(of('trade')[0]!.realized_pnl).toBe('9.6');
  });
});

describe('position rules', () => {
  const bars = { AAA: flat(4, 100) };
  it('refuses a sell larger than the long position unless oversell is split, and refuses short sales when shorting is off', () => {
    const refused = runScript({
      bars, script: { 0: (c) => void c.order({ side: 'buy', quantity: '10' }), 1: (c) => void c.order({ side: 'sell', quantity: '15' }) },
    });
    expect(refused.of('risk_violation').map((v) => v.rule)).toEqual(['oversell']);
    const noShort = runScript({ bars, config: { portfolio: { oversell: 'split' } }, script: { 0: (c) => void c.order({ side: 'buy', quantity: '10' }), 1: (c) => void c.order({ side: 'sell', quantity: '15' }) } });
    expect(noShort.of('risk_violation').map((v) => v.rule)).toEqual(['shorting_disabled']);
    const flatSell = runScript({ bars, script: { 0: (c) => void c.order({ side: 'sell', quantity: '5' }) } });
    expect(flatSell.of('risk_violation').map((v) => v.rule)).toEqual(['shorting_disabled']);
  });

  it('splits a sell larger than the long position into a close and an opening short when allowed', () => {
    const { res, of } = runScript({
      bars, config: { portfolio: { oversell: 'split', allow_short: true } },
      script: { 0: (c) => void c.order({ side: 'buy', quantity: '10' }), 1: (c) => void c.order({ side: 'sell', quantity: '15' }) },
    });
    expect(res.ledger.position('AAA').toFixed()).toBe('-5');
    expect(of('trade').map((t) => [t.side, t.status])).toEqual([['long', 'closed'], ['short', 'open']]);
  });
});
