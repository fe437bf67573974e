// Which positions the manager must look at: the symbols each strategy has traded (from fill and
// corporate-action events), with quantities read from the PortfolioView and marks from the MarketView,
// plus the opening orders it has sent that have not filled yet (so that two signals before a fill
// cannot both use the same room under a limit).
import { Decimal, decOf, type MarketView, type PortfolioView } from '../model/index.js';
import type { Classification } from './risk-policy.js';
import { toFloat } from './to-float.js';

const ZERO = new Decimal(0);

/** One open position: strategy, symbol and signed quantity. */
export interface OpenPosition {
  readonly strategyId: string;
  readonly symbol: string;
  readonly quantity: Decimal;
}

/** Exposure sums over a set of positions (floats; `exact` recomputes them as decimals near a boundary). */
export interface Exposure {
  /** Σ |qty| × mark. */
  gross: number;
  /** Σ qty × mark. */
  net: number;
}

/** Symbols traded per strategy, and exposure sums over them. */
export class Holdings {
  private readonly byStrategy = new Map<string, Set<string>>();
  private readonly symbols = new Set<string>();
  /** The same symbols in the order first traded, for indexed loops on the per-signal path. */
  private readonly symbolList: string[] = [];
  /** Opening orders not yet filled: signed remaining quantity and the price they were sized at. */
  private readonly pending = new Map<string, { readonly strategyId: string; readonly symbol: string; qty: number; readonly price: number }>();

  constructor(private readonly view: PortfolioView, private readonly market: MarketView | undefined) {}

  /** Notes that `strategyId` traded `symbol` (a fill, or a symbol change of a held symbol). */
  touch(strategyId: string, symbol: string): void {
    let set = this.byStrategy.get(strategyId);
    if (!set) this.byStrategy.set(strategyId, (set = new Set()));
    set.add(symbol);
    if (!this.symbols.has(symbol)) {
      this.symbols.add(symbol);
      this.symbolList.push(symbol);
    }
  }

  /** Notes an opening order the manager sent: `qty` signed shares at `price`, until it fills or ends. */
  addPending(orderId: string, strategyId: string, symbol: string, qty: number, price: number): void {
    this.pending.set(orderId, { strategyId, symbol, qty, price });
    this.touch(strategyId, symbol);
  }

  /** A fill of an order: what remains of it stays pending. */
  fillPending(orderId: string, filled: number, remaining: number | undefined): void {
    const p = this.pending.get(orderId);
    if (!p) return;
    const left = remaining ?? Math.abs(p.qty) - filled;
    if (left <= 0) this.pending.delete(orderId);
    else p.qty = Math.sign(p.qty) * left;
  }

  /** An order that ended without filling (cancelled, expired, replaced, refused). */
  dropPending(orderId: string): void {
    this.pending.delete(orderId);
  }

  /** The opening orders not yet filled, in the order they were sent. */
  pendingOrders(): Array<{ readonly orderId: string; readonly strategyId: string; readonly symbol: string }> {
    const out: Array<{ orderId: string; strategyId: string; symbol: string }> = [];
    for (const [orderId, p] of this.pending) out.push({ orderId, strategyId: p.strategyId, symbol: p.symbol });
    return out;
  }

  /** Signed shares of `symbol` in pending opening orders (of one strategy, or all). */
  pendingQty(symbol: string, strategyId?: string): number {
    if (this.pending.size === 0) return 0;
    let q = 0;
    for (const p of this.pending.values()) if (p.symbol === symbol && (strategyId === undefined || p.strategyId === strategyId)) q += p.qty;
    return q;
  }

  /** Cost of the pending buys at the prices they were sized at (the cash they will take). */
  pendingBuyCost(): number {
    let c = 0;
    for (const p of this.pending.values()) if (p.qty > 0) c += p.qty * p.price;
    return c;
  }

  /** Notes a symbol change: whoever traded `from` now may hold `to`. */
  rename(from: string, to: string): void {
    for (const [strategyId, set] of this.byStrategy) if (set.has(from)) this.touch(strategyId, to);
  }

  /** Every non-zero position of every strategy (or of one), in the order first traded. */
  open(strategyId?: string): OpenPosition[] {
    const out: OpenPosition[] = [];
    for (const [sid, set] of this.byStrategy) {
      if (strategyId !== undefined && sid !== strategyId) continue;
      for (const symbol of set) {
        const q = this.view.position(symbol, sid);
        if (!q.isZero()) out.push({ strategyId: sid, symbol, quantity: q });
      }
    }
    return out;
  }

  /** Signed quantity of `symbol` over all strategies, with pending opening orders. */
  position(symbol: string): Decimal {
    const q = this.view.position(symbol);
    const p = this.pendingQty(symbol);
    return p === 0 ? q : q.plus(p);
  }

  /** Mark of a symbol: the signal's price for the signal's symbol, else the latest close (0 when unknown). */
  mark(symbol: string, signalSymbol: string, signalPrice: number): number {
    if (symbol === signalSymbol) return signalPrice;
    const m = this.market?.close(symbol) ?? NaN;
    return m === m ? m : 0;
  }

  /**
   * The portfolio's open positions in one pass, in the order first traded (quantities over all
   * strategies with pending opening orders, marks as {@link mark}): how many symbols are open (a
   * non-zero position or pending order, exactly, as {@link position}); gross and net
   * exposure, the gross of `sector` and of `industry` (when given), and the signed shares of `signalSymbol`.
   */
  sums(signalSymbol: string, signalPrice: number, classes: Readonly<Record<string, Classification>>, sector: string | undefined, industry: string | undefined,
    out: { grossSum: number; netSum: number; sectorSum: number; industrySum: number; held: number; open: number }): void {
    let gross = 0, net = 0, sg = 0, ig = 0, held = 0, open = 0;
    const list = this.symbolList;
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      const q = this.view.position(s);
      const pq = this.pendingQty(s);
      // open, exactly as position(s) is non-zero
      if (!(pq === 0 ? q.isZero() : q.plus(pq).isZero())) open++;
      const n = (q.isZero() ? 0 : toFloat(q)) + pq;
      if (n === 0) continue;
      const v = n * this.mark(s, signalSymbol, signalPrice);
      const a = Math.abs(v);
      gross += a;
      net += v;
      if (sector !== undefined && classes[s]?.sector === sector) sg += a;
      if (industry !== undefined && classes[s]?.industry === industry) ig += a;
      if (s === signalSymbol) held = n;
    }
    out.grossSum = gross;
    out.netSum = net;
    out.sectorSum = sg;
    out.industrySum = ig;
    out.held = held;
    out.open = open;
  }

  /**
   * Gross and net exposure of the portfolio (strategyId undefined) or of one strategy, over symbols
   * that pass `filter`; marks as {@link mark}.
   */
  exposure(strategyId: string | undefined, signalSymbol: string, signalPrice: number, filter?: (symbol: string) => boolean): Exposure {
    let gross = 0, net = 0;
    const add = (q: number, m: number): void => {
      gross += Math.abs(q) * m;
      net += q * m;
    };
    if (strategyId === undefined) {
      for (const s of this.symbols) {
        if (filter && !filter(s)) continue;
        const n = toFloat(this.position(s));
        if (n !== 0) add(n, this.mark(s, signalSymbol, signalPrice));
      }
    } else {
      for (const s of this.byStrategy.get(strategyId) ?? []) {
        if (filter && !filter(s)) continue;
        const q = this.view.position(s, strategyId);
        const n = (q.isZero() ? 0 : toFloat(q)) + this.pendingQty(s, strategyId);
        if (n !== 0) add(n, this.mark(s, signalSymbol, signalPrice));
      }
    }
    return { gross, net };
  }

  /** The same sums as exact decimals (marks as the decimals of their floats), for a decision at a boundary. */
  exactExposure(strategyId: string | undefined, signalSymbol: string, signalPrice: Decimal, filter?: (symbol: string) => boolean): { gross: Decimal; net: Decimal } {
    let gross = ZERO, net = ZERO;
    const set = strategyId === undefined ? this.symbols : this.byStrategy.get(strategyId) ?? new Set<string>();
    for (const s of set) {
      if (filter && !filter(s)) continue;
      const q = strategyId === undefined ? this.position(s) : this.view.position(s, strategyId).plus(this.pendingQty(s, strategyId));
      if (q.isZero()) continue;
      const m = s === signalSymbol ? signalPrice : decOf(this.mark(s, '', 0));
      gross = gross.plus(q.abs().times(m));
      net = net.plus(q.times(m));
    }
    return { gross, net };
  }
}

/** The sector and industry filters of a symbol's group, for the concentration limits. */
export function groupFilter(classes: Readonly<Record<string, Classification>>, key: 'sector' | 'industry', group: string): (symbol: string) => boolean {
  return (s) => classes[s]?.[key] === group;
}
