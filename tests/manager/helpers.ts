// Fakes for manager tests: a portfolio view and a market view the test sets by hand, a manager on a
// recording bus, and signal / trade / snapshot senders.
import { PortfolioManager, legacyPolicy, type ManagerConfig, type RiskPolicy, type RiskLimits, type SizingConfig, type SizingPolicy, type StopsPolicy } from '../../src/manager/index.js';
import { Commission } from '../../src/execution/index.js';
import { Decimal, type MarketView, type PortfolioView } from '../../src/model/index.js';
import { validateEvent } from '../../src/events/contracts.js';
import { recordingBus, signal } from '../helpers/events.js';
import type { SignalPayload } from '../../src/events/index.js';

/** A portfolio the test sets: cash, equity and positions by `strategy:symbol`. */
export class FakePortfolio implements PortfolioView {
  cashV = new Decimal(100000);
  equityV = new Decimal(100000);
  readonly pos = new Map<string, Decimal>();
  cash(): Decimal {
    return this.cashV;
  }
  equity(): Decimal {
    return this.equityV;
  }
  position(symbol: string, strategyId?: string): Decimal {
    let q = new Decimal(0);
    for (const [k, v] of this.pos) {
      const [sid, sym] = k.split(':');
      if (sym === symbol && (strategyId === undefined || sid === strategyId)) q = q.plus(v);
    }
    return q;
  }
  set(cash: number, equity: number): this {
    this.cashV = new Decimal(cash);
    this.equityV = new Decimal(equity);
    return this;
  }
  hold(strategyId: string, symbol: string, qty: number): this {
    this.pos.set(`${strategyId}:${symbol}`, new Decimal(qty));
    return this;
  }
}

/** Per-symbol market values the test sets. */
export interface FakeSymbol {
  close: number;
  atr?: number;
  stdev?: number;
  adv?: number;
}

/** A market view whose answers the test sets (NaN when not set). */
export class FakeMarket implements MarketView {
  readonly data = new Map<string, FakeSymbol>();
  sessionV = 0;
  universe: string[] = [];
  symbols(): readonly string[] {
    return this.universe.length > 0 ? this.universe : [...this.data.keys()];
  }
  close(s: string): number {
    return this.data.get(s)?.close ?? NaN;
  }
  atr(s: string): number {
    return this.data.get(s)?.atr ?? NaN;
  }
  returnStdev(s: string): number {
    return this.data.get(s)?.stdev ?? NaN;
  }
  averageDailyVolume(s: string): number {
    return this.data.get(s)?.adv ?? NaN;
  }
  session(): number {
    return this.sessionV;
  }
  set(symbol: string, v: FakeSymbol): this {
    this.data.set(symbol, v);
    return this;
  }
}

/** A policy over the legacy one's defaults. */
export function policy(p: { sizing?: SizingConfig; sz?: Partial<SizingPolicy>; limits?: Partial<RiskLimits>; stops?: StopsPolicy; classification?: RiskPolicy['classification'] }): RiskPolicy {
  const base = legacyPolicy(p.sizing ?? { method: 'fixed_quantity', quantity: 100 }, false);
  return {
    ...base, source: 'test',
    sizing: { ...base.sizing, ...p.sz },
    limits: { ...base.limits, ...p.limits },
    stops: p.stops ?? {},
    classification: p.classification ?? {},
  };
}

/** A manager on a recording bus with a per-share commission of 0.005 (minimum 1); every event is contract-checked. */
export function setup(pol: RiskPolicy | undefined, over: Partial<ManagerConfig> = {}, portfolio = new FakePortfolio(), market = new FakeMarket()) {
  const rb = recordingBus();
  const commission = new Commission({ perShare: '0.005', minimum: '1' });
  const manager = new PortfolioManager(rb.bus, rb.factory('manager'), portfolio, {
    sizing: { method: 'fixed_quantity', quantity: 100 }, allowShort: false, estimateCommission: (q, p) => commission.of(q, p),
    ...(pol ? { policy: pol } : {}), market, ...over,
  });
  let n = 0;
  const send = (s: Partial<SignalPayload> & Pick<SignalPayload, 'intention' | 'price'>) => {
    const id = `00000000-0000-8000-8000-${String(++n).padStart(12, '0')}`;
    rb.bus.publish(rb.factory('strategy').make('signal', '2024-01-02T14:30:00Z', signal({ signal_id: id, ...s }), id));
  };
  const trade = (strategyId: string, pnl: string) => {
    rb.bus.publish(rb.factory('ledger').make('trade', '2024-01-02T15:00:00Z', {
      trade_id: `00000000-0000-8000-8000-${String(++n).padStart(12, '0')}`, strategy_id: strategyId, symbol: 'ZZZ', side: 'long', status: 'closed', fill_ids: [], realized_pnl: pnl,
    }));
  };
  const fill = (strategyId: string, symbol: string) => {
    rb.bus.publish(rb.factory('execution').make('fill', '2024-01-02T14:31:00Z', {
      fill_id: `00000000-0000-8000-8000-${String(++n).padStart(12, '0')}`, order_id: '00000000-0000-8000-8000-0000000000bb', timestamp: '2024-01-02T14:31:00Z',
      symbol, side: 'buy', filled_quantity: '1', fill_price: '1', strategy_id: strategyId,
    }));
  };
  /** A position the manager learns of as the engine would: the ledger holds it, a fill names it. */
  const hold = (strategyId: string, symbol: string, qty: number) => {
    portfolio.hold(strategyId, symbol, qty);
    fill(strategyId, symbol);
  };
  /** Fills every order not filled yet (but those in `skip`), completely, as execution and the ledger would (positions only). */
  const filled = new Set<string>();
  const fillAll = (skip: ReadonlySet<string> = new Set()) => {
    for (const o of rb.of('order').map((x) => x.payload)) {
      if (filled.has(o.order_id) || skip.has(o.order_id)) continue;
      filled.add(o.order_id);
      const sid = o.source_strategy_id ?? 's1';
      const q = Number(o.quantity) * (o.side === 'buy' ? 1 : -1);
      portfolio.hold(sid, o.symbol, portfolio.position(o.symbol, sid).toNumber() + q);
      rb.bus.publish(rb.factory('execution').make('fill', '2024-01-02T14:31:00Z', {
        fill_id: `00000000-0000-8000-8000-${String(++n).padStart(12, '0')}`, order_id: o.order_id, timestamp: '2024-01-02T14:31:00Z',
        symbol: o.symbol, side: o.side, filled_quantity: o.quantity, fill_price: '1', strategy_id: sid, remaining_quantity: '0',
      }));
    }
  };
  const orders = () => rb.of('order').map((o) => o.payload);
  const violations = () => rb.of('risk_violation').map((v) => v.payload);
  const check = () => {
    for (const e of rb.seen) validateEvent(e);
  };
  return { ...rb, manager, portfolio, market, send, trade, fill, hold, fillAll, orders, violations, check };
}
