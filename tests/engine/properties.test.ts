// Property tests over random order streams through whole runs (fast-check): the books balance at every
// bar, lots sum to positions, cash is the initial cash plus every cash flow, no fill leaves its bar's
// range, and the wasm and js kernels give the same events.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Decimal } from '../../src/model/index.js';
import type { CorporateActionPayload, OrderPayload, SnapshotPayload } from '../../src/events/index.js';
import type { Ledger } from '../../src/ledger/index.js';
import { runScript, type Bar, type ScriptCtx } from './script.js';

const D = (x: string) => new Decimal(x);

interface Scenario {
  bars: Record<string, Bar[]>;
  session: number;
  actions: Array<{ t: number; sym: number; order: Partial<OrderPayload> & Pick<OrderPayload, 'side' | 'quantity'>; cancel: boolean }>;
  corporate: CorporateActionPayload[];
  config: Record<string, unknown>;
}

const cent = (x: number) => Math.round(x * 100) / 100;

const scenario: fc.Arbitrary<Scenario> = fc.record({
  nsym: fc.integer({ min: 1, max: 2 }),
  T: fc.integer({ min: 12, max: 40 }),
  session: fc.integer({ min: 3, max: 8 }),
  seedMoves: fc.array(fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 3000 }), fc.boolean()), { minLength: 80, maxLength: 80 }),
  actions: fc.array(fc.record({
    t: fc.integer({ min: -1, max: 39 }), sym: fc.integer({ min: 0, max: 1 }), side: fc.constantFrom('buy', 'sell'), qty: fc.integer({ min: 1, max: 400 }),
    type: fc.constantFrom('market', 'limit', 'stop', 'stop_limit', 'market_on_open', 'market_on_close', 'trailing_stop'),
    off: fc.double({ min: -3, max: 3, noNaN: true }), tif: fc.constantFrom('GTC', 'GTC', 'DAY', 'IOC', 'FOK'), bracket: fc.boolean(), cancel: fc.boolean(),
  }), { minLength: 5, maxLength: 25 }),
  participation: fc.constantFrom(undefined, 0.1, 0.5),
  slippage: fc.constantFrom({ model: 'none' }, { model: 'fixed_bps', bps: 5 }, { model: 'volume_share', impact: 0.1 }),
  policy: fc.constantFrom('next_open', 'next_close', 'same_close'),
  intrabar: fc.constantFrom('worst_case', 'best_case', 'ohlc_path'),
  lots: fc.constantFrom('fifo', 'lifo', 'highest_cost'),
  dividend: fc.boolean(),
  split: fc.constantFrom(undefined, '2', '0.5'),
}).map((r) => {
  const bars: Record<string, Bar[]> = {};
  const names = ['AAA', 'BBB'].slice(0, r.nsym);
  names.forEach((name, s) => {
    let p = 50;
    bars[name] = Array.from({ length: r.T }, (_, t) => {
      const [move, up, down, v, gap] = r.seedMoves[(t + s * 37) % 80]!;
      if (gap && t % 7 === 3 && s === 1) return { o: NaN, h: NaN, l: NaN, c: NaN };
      const o = cent(p + move);
      const c = cent(o + move * 0.7);
      p = Math.max(5, c);
      return { o, h: cent(Math.max(o, c) + up), l: cent(Math.min(o, c) - down), c, v };
    });
  });
  const ref = (sym: number) => bars[names[sym % r.nsym]!]![0]!.c;
  const actions = r.actions.map((a) => ({ ...a, t: a.t < 0 ? -1 : a.t % r.T })).map((a) => {
    const sym = a.sym % r.nsym;
    const p = ref(sym);
    const dir = a.side === 'buy' ? 1 : -1;
    const price = (x: number) => String(Math.max(1, cent(x)));
    const order: Scenario['actions'][number]['order'] = {
      side: a.side as 'buy' | 'sell', quantity: String(a.qty), symbol: names[sym]!, order_type: a.type as OrderPayload['order_type'], time_in_force: a.tif as OrderPayload['time_in_force'],
      ...(a.type === 'limit' || a.type === 'stop_limit' ? { limit_price: price(p - dir * a.off) } : {}),
      ...(a.type === 'stop' || a.type === 'stop_limit' ? { stop_price: price(p + dir * a.off) } : {}),
      ...(a.type === 'trailing_stop' ? { trail_amount: String(cent(Math.abs(a.off) + 0.1)) } : {}),
      ...(a.bracket && a.type === 'market' ? { stop_loss: price(p - dir * 2), take_profit: price(p + dir * 2) } : {}),
    };
    return { t: a.t, sym, order, cancel: a.cancel };
  });
  const corporate: CorporateActionPayload[] = [];
  const base = { symbol: 'AAA', asset_class: 'equity', announcement_date: '2024-01-01', source: 'test' } as const;
  if (r.dividend) corporate.push({ ...base, action_type: 'dividend', ex_date: '2024-01-03', effective_date: '2024-01-03', dividend_amount: '0.37' });
  if (r.split) corporate.push({ ...base, action_type: r.split === '2' ? 'split' : 'reverse_split', ex_date: '2024-01-04', effective_date: '2024-01-04', split_ratio: r.split });
  return {
    bars, session: r.session, actions, corporate,
    config: {
      portfolio: { allow_short: true, oversell: 'split', cash_rate: '0.01' },
      execution: {
        fill_policy: r.policy, intrabar: r.intrabar, slippage: r.slippage, ...(r.participation ? { participation: r.participation } : {}),
        commission: { per_share: '0.005', minimum: '1' }, fees: { sec_rate: '0.0000278', taf_per_share: '0.000166', taf_max: '8.30' },
      },
      ledger: { long_lots: r.lots, short_lots: r.lots, snapshots: 'bars', snapshot_bars: 1 },
    },
  };
});

/** Problems with the books at one snapshot; `flows` is the sum of the fills' net values so far. */
function checkSnapshot(s: SnapshotPayload, flows: Decimal, ledger: Ledger, symbols: string[]): string[] {
  const bad: string[] = [];
  const eq = (a: Decimal, b: string, what: string) => { if (!a.eq(b)) bad.push(`${s.snapshot_datetime} ${what}: ${a.toFixed()} ≠ ${b}`); };
  eq(D(s.cash_balance).plus(s.total_market_value), s.current_portfolio_equity, 'cash + market value = equity');
  eq(D(s.total_realized_pl).plus(s.total_unrealized_pl), s.total_pl, 'realized + unrealized = total P&L');
  eq(D(s.current_portfolio_equity).minus(s.initial_portfolio_equity), s.total_pl, 'equity − initial = total P&L');
  eq(D(s.long_exposure).minus(s.short_exposure), s.net_exposure, 'net = long − short');
  const cash = D(s.initial_portfolio_equity).plus(flows).plus(s.total_dividends_received!).minus(s.total_dividends_paid!).minus(s.total_borrow_fees!)
    .minus(s.total_margin_interest!).plus(s.total_cash_interest!).plus(s.total_cash_in_lieu!);
  eq(cash, s.cash_balance, 'initial cash + cash flows = cash');
  for (const sym of symbols) {
    const lots = ledger.lots(sym, 's1').reduce((a, l) => a.plus(l.qty), new Decimal(0));
    const pos = ledger.position(sym, 's1').abs();
    if (!lots.eq(pos)) bad.push(`${s.snapshot_datetime} ${sym}: lots ${lots.toFixed()} ≠ position ${pos.toFixed()}`);
  }
  return bad;
}

function play(sc: Scenario, engine: 'wasm' | 'js') {
  const symbols = Object.keys(sc.bars);
  const problems: string[] = [];
  const ids: string[] = [];
  let flows = new Decimal(0);
  const script: Record<number, (c: ScriptCtx) => void> = {};
  for (const a of sc.actions) {
    const prev = script[a.t];
    script[a.t] = (c) => {
      prev?.(c);
      if (a.cancel && ids.length > 0) c.cancel(ids[ids.length - 1]!, a.order.symbol);
      else ids.push(c.order(a.order));
    };
  }
  const setup = script[-1];
  script[-1] = (c) => {
    c.bus.subscribe('fill', (e) => {
      flows = flows.plus(e.payload.net_value!);
    });
    c.bus.subscribe('snapshot', (e) => problems.push(...checkSnapshot(e.payload, flows, c.ledger, symbols)));
    setup?.(c);
  };
  const run = runScript({ bars: sc.bars, session: sc.session, config: sc.config, corporateActions: sc.corporate, script, engine });
  // every fill at a trade price lies inside its bar's range (quotes are not in these bars)
  const T = sc.bars[symbols[0]!]!.length;
  const bars = run.res.bars!;
  for (const f of run.of('fill')) {
    const t = bars.tsMs.indexOf(Date.parse(f.timestamp));
    const s = bars.symbols.indexOf(f.symbol);
    const lo = bars.low[s * T + t]!, hi = bars.high[s * T + t]!;
    const p = Number(f.fill_price);
    if (!(p >= lo && p <= hi)) problems.push(`fill ${f.fill_id} at ${p} outside [${lo}, ${hi}] (${f.reason})`);
  }
  return { problems, events: run.events, fills: run.of('fill').length };
}

describe('random order streams', () => {
  it('keep the books balanced at every bar, lots equal to positions and every fill inside its bar', () => {
    let fills = 0;
    fc.assert(fc.property(scenario, (sc) => {
      const r = play(sc, 'js');
      fills += r.fills;
      expect(r.problems).toEqual([]);
    }), { numRuns: 60, seed: 20240102 });
    // the streams do trade
    expect(fills).toBeGreaterThan(200);
  });

  it('give the same events on the wasm and the js kernel', () => {
    fc.assert(fc.property(scenario, (sc) => {
      const a = play(sc, 'wasm');
      const b = play(sc, 'js');
      expect(a.events).toEqual(b.events);
    }), { numRuns: 25, seed: 7 });
  });
});
