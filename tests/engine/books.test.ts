// The ledger inside whole runs: corporate actions on their dates (split, dividend, symbol change,
// delisting), financing over a weekend, snapshot schedules, and the intrabar bounds side by side.
import { describe, it, expect } from 'vitest';
import { runScript, prepareScript, flat, bar } from './script.js';
import { intrabarBounds, runEngine } from '../../src/engine/index.js';
import type { CorporateActionPayload } from '../../src/events/index.js';

const action = (a: Partial<CorporateActionPayload> & Pick<CorporateActionPayload, 'action_type' | 'ex_date'>): CorporateActionPayload => ({
  symbol: 'AAA', asset_class: 'equity', announcement_date: '2024-01-01', effective_date: a.ex_date, source: 'test', ...a,
});
const NaNBar = bar(NaN, NaN, NaN, NaN);

describe('corporate actions in a run', () => {
  // sessions of 2 bars on 2024-01-02 … 01-05; AAA trades at 700 until a 7-for-1 split on 01-03, is
  // delisted on 01-05 (its last close 102 on 01-04); BBB keeps the timeline going
  const bars = {
    AAA: [...flat(2, 700), ...flat(2, 100), ...flat(1, 101), ...flat(1, 102), NaNBar, NaNBar],
    BBB: flat(8, 50),
  };
  const corporateActions = [
    action({ action_type: 'split', ex_date: '2024-01-03', split_ratio: '7', split_from: '1', split_to: '7' }),
    action({ action_type: 'dividend', ex_date: '2024-01-04', dividend_amount: '0.1' }),
    action({ action_type: 'delisting', ex_date: '2024-01-05' }),
  ];

  it.each(['wasm', 'js'] as const)('splits, pays a dividend and closes the position at the delisting, keeping the books whole (%s)', (engine) => {
    const { res, of } = runScript({
      engine, bars, session: 2, corporateActions, barEquity: true,
      script: { 0: (c) => { c.order({ side: 'buy', quantity: '100' }); c.order({ side: 'buy', quantity: '10', order_type: 'limit', limit_price: '49' }); } },
    });
    // 100 bought at 700 on bar 1; after the split 700 shares @ 100; the working limit becomes 70 @ 7
    expect(res.ledger.position('AAA').toFixed()).toBe('0');
    // equity per bar: 100000 until the split (30000 + 100 × 700 = 30000 + 700 × 100), + 700 on bar 4 (close 101),
    // + 70 of dividend from bar 4 on, + 700 more at bar 5 (close 102); the position closes at 102
    expect(Array.from(res.barEquity)).toEqual([100000, 100000, 100000, 100000, 100770, 101470, 101470, 101470]);
    const close = of('fill')[1]!;
    expect(close).toMatchObject({ side: 'sell', filled_quantity: '700', fill_price: '102', liquidity: 'delisting', commission: '0', timestamp: '2024-01-04T14:31:00Z' });
    // realized = (102 − 100) × 700 + 70 = 1470; cash = 30000 + 70 + 71400
    expect(of('trade')[0]).toMatchObject({ realized_pnl: '1470', quantity: '700', entry_price: '100', exit_price: '102' });
    expect(res.finalSnapshot).toMatchObject({ cash_balance: '101470', current_portfolio_equity: '101470', total_dividends_received: '70' });
    expect(of('order_status').map((s) => [s.status, s.reason_code, s.quantity, s.limit_price])).toEqual([['cancelled', 'delisted', '70', '7']]);
    expect(of('corporate_action').map((a) => a.action_type)).toEqual(['split', 'dividend', 'delisting']);
  });

  it('carries a position and its marks over a symbol change to a symbol the data does not have', () => {
    const { res, of } = runScript({
      bars: { AAA: [...flat(2, 10), ...flat(2, 11), ...flat(2, 12)] }, session: 2,
      corporateActions: [action({ action_type: 'symbol_change', ex_date: '2024-01-03', new_symbol: 'AAZ' })],
      script: { 0: (c) => void c.order({ side: 'buy', quantity: '10' }), 3: (c) => void c.order({ side: 'sell', quantity: '10', symbol: 'AAZ' }) },
    });
    // bought 10 at 10 as AAA; sold 10 at 12 as AAZ (bar 4's open), on AAA's column
    expect(of('fill').map((f) => [f.symbol, f.fill_price])).toEqual([['AAA', '10'], ['AAZ', '12']]);
    expect(of('trade')[0]).toMatchObject({ symbol: 'AAZ', realized_pnl: '20' });
    expect(res.finalSnapshot.current_portfolio_equity).toBe('100020');
  });

  it('flags corporate actions it does not apply and refuses a malformed record', () => {
    const { res } = runScript({ bars: { AAA: flat(4, 10) }, session: 2, corporateActions: [action({ action_type: 'spinoff', ex_date: '2024-01-03' })], script: {} });
    expect(res.flags).toEqual(['corporate_action_not_applied: spinoff:AAA:2024-01-03']);
    expect(() => runScript({ bars: { AAA: flat(4, 10) }, corporateActions: [action({ action_type: 'split', ex_date: '2024-01-03' })], script: {} })).toThrow(/split_ratio: missing/);
  });
});

describe('financing in a run', () => {
  it('charges the borrow fee of a short held over a weekend for three days', () => {
    // sessions of 2 bars: Tue 2024-01-02, then Fri 01-05; short 100 at 50 from bar 1
    // Tuesday's end: 100 × 50 × 0.05 × 3 / 360 = 2.0833… → 2.08; Friday's end (the last): 1 day → 0.69
    const { res, of } = runScript({
      bars: { AAA: flat(4, 50) }, session: 2, dayStep: () => 3,
      config: { portfolio: { allow_short: true } },
      script: { 0: (c) => void c.order({ side: 'sell', quantity: '100' }) },
    });
    expect(res.finalSnapshot).toMatchObject({ total_borrow_fees: '2.77', cash_balance: '104997.23', current_portfolio_equity: '99997.23', total_pl: '-2.77' });
    // one snapshot per session end; the last is also the final one
    expect(of('snapshot').map((s) => s.current_portfolio_equity)).toEqual(['99997.92', '99997.23']);
  });
});

describe('snapshot schedules', () => {
  const run = (ledger: Record<string, unknown>) => runScript({ bars: { AAA: flat(8, 10) }, session: 4, config: { ledger }, script: {} }).of('snapshot').map((s) => s.snapshot_datetime.slice(11, 16));
  it('snapshots at each session end by default, every N bars, or only at the end', () => {
    expect(run({})).toEqual(['14:33', '14:33']);
    // every 3 bars: after bars 2 and 5, then the final one after bar 7 (sessions end at bars 3 and 7)
    expect(run({ snapshots: 'bars', snapshot_bars: 3 })).toEqual(['14:32', '14:31', '14:33']);
    expect(run({ snapshots: 'none' })).toEqual(['14:33']);
  });
});

describe('intrabar bounds', () => {
  it('reports the worst and the best case side by side', () => {
    // the bracket of orders.test: worst case the stop (−20), best case the target (+30)
    const { cfg, bars, opts } = prepareScript({
      bars: { AAA: [flat(1, 100)[0]!, bar(100, 100.8, 99.6, 100.5), bar(101, 103.5, 97.5, 100), flat(1, 100)[0]!] },
      script: { 0: (c) => void c.order({ side: 'buy', quantity: '10', stop_loss: '98', take_profit: '103' }) },
    });
    expect(intrabarBounds(cfg, (c) => runEngine(c, bars, opts))).toEqual({
      policy: 'worst_case', ambiguous_bars: 1,
      worst_case: { final_equity: '99980', realized_pl: '-20', trades: 1, total_return: -0.0002 },
      best_case: { final_equity: '100030', realized_pl: '30', trades: 1, total_return: 0.0003 },
    });
  });
});
