// The portfolio manager: turns signals into order intents (sizing) or refuses them (risk), with a
// reason. A limit either refuses an order or reduces it; both emit a risk_violation (action
// "refused" / "reduced"). The work is per signal: nothing here runs per bar.
import { ConfigError, Decimal, decOf, decStr, decText, isPositive, parseDec, scaledOf, type MarketView, type PortfolioView, type Scaled, type Side } from '../model/index.js';
import type { EventBus, EventFactory, SignalEvent, SnapshotEvent } from '../events/index.js';
import { fixedShares, sizeSignal, type TradeStats } from './sizing.js';
import { Holdings } from './holdings.js';
import { toFloat } from './to-float.js';
import { Halts, type HaltState } from './halts.js';
import { CapBounds, capBounds, capQuantity, capsFrom, readsHoldings, scanHoldings, type Cap, type OrderContext } from './limits.js';
import { legacyPolicy, type RiskPolicy, type SizingConfig } from './risk-policy.js';
import { dp4, exitRules, levelText, type ExitRule } from './exit-level.js';

/** Settings of the manager. */
export interface ManagerConfig {
  /** Sizing when there is no `policy` (the run config's `sizing:`). */
  readonly sizing: SizingConfig;
  /** Short sales allowed when there is no `policy` (the run config's `portfolio.allow_short`). */
  readonly allowShort: boolean;
  /** Estimated commission of an order, for the cash check (the execution's model). */
  readonly estimateCommission: (qty: Decimal, price: Decimal) => Decimal;
  /** The risk policy; default: `sizing` and `allowShort` with no other limit. */
  readonly policy?: RiskPolicy;
  /** Market data up to the current bar, for volatility sizing, ADV, ATR stops and marks. */
  readonly market?: MarketView;
  /** Strategy id → fraction of equity (a decimal string) the strategy may use; others use all of it. */
  readonly budgets?: ReadonlyMap<string, string>;
  /**
   * The engine's equity watch: the manager sets the float equity at or below which the engine stops
   * after valuing a bar and calls {@link PortfolioManager.onEquityWatch} (−Infinity: no stop), so
   * that the halts see a breach at the bar it happens. Without it, halts see signals and snapshots.
   */
  readonly watch?: (level: number) => void;
}

/** Reduced-order notes collected while a signal is checked, published before its order. */
interface Reduction {
  readonly cap: Cap;
  readonly requested: number;
  readonly allowed: number;
}

const ZERO = new Decimal(0);

/** A view that also keeps cash as a float (the ledger's mirror of its exact cash, `cash().toNumber()`). */
interface CashMirror {
  cashNumber(): number;
}

/** Stops of an opening order when neither the signal nor the policy has any (shared: never mutated). */
const NO_EXITS: { stop_loss?: string; take_profit?: string } = Object.freeze({});

let lastQty = 0;
let lastQtyDec = ZERO;
/** A whole share count as a decimal (shared: counts repeat; one signal asks for the same count several times). */
function qtyDec(q: number): Decimal {
  if (q !== lastQty) {
    lastQtyDec = parseDec(String(q));
    lastQty = q;
  }
  return lastQtyDec;
}

/** Formats a float ratio for limit_value / actual_value: at most 6 decimals, never exponent notation. */
function ratio(x: number): string {
  if (!Number.isFinite(x)) return '0';
  const s = x.toFixed(6).replace(/\.?0+$/, '');
  return s === '-0' || s === '' ? '0' : s;
}

/** Sizes and risk-checks signals into market orders. */
export class PortfolioManager {
  private readonly policy: RiskPolicy;
  private readonly fixedQty: number | null;
  private readonly holdings: Holdings;
  private readonly halts: Halts;
  private readonly stats = new Map<string, TradeStats>();
  private readonly budgets = new Map<string, { fraction: number; dec: Decimal }>();
  /** Whether any check beyond the legacy cash check runs (else the lean legacy path). */
  private readonly plain: boolean;
  private flattenSeq = 0;
  /** Whether the view keeps a float mirror of its cash (the ledger does). */
  private readonly mirror: boolean;
  /** Float bounds of the reducing limits, refilled per opening signal. */
  private readonly bounds = new CapBounds();
  /** Whether an opening signal scans the open positions (a limit reads them). */
  private readonly scans: boolean;
  /** Signals handled (opening and closing). */
  handled = 0;
  /** The equity watch level last handed to the engine. */
  private watching = NaN;
  /** The halts' state the watch level was last computed from. */
  private watchedVersion = -1;
  /** The policy's exits with their exact factors per side (a percent: price × factor; ATR: price + ATR × factor). */
  private readonly exitRules: ReadonlyArray<ExitRule>;

  constructor(
    private readonly bus: EventBus,
    private readonly events: EventFactory,
    private readonly view: PortfolioView,
    private readonly cfg: ManagerConfig,
  ) {
    const policy = (this.policy = cfg.policy ?? legacyPolicy(cfg.sizing, cfg.allowShort));
    const rule = policy.sizing.rule;
    this.fixedQty = rule.method === 'fixed_quantity' && policy.sizing.lot_size <= 1 ? rule.quantity : null;
    if ((rule.method === 'volatility_target' || rule.method === 'inverse_volatility' || policy.limits.max_adv_pct !== undefined
      || [policy.stops.stop_loss, policy.stops.take_profit].some((x) => x !== undefined && 'atr' in x)) && !cfg.market) {
      throw new ConfigError(`risk policy ${policy.source}: volatility sizing, max_adv_pct and ATR exits need market data; the manager was built without a MarketView`);
    }
    for (const [id, f] of cfg.budgets ?? []) this.budgets.set(id, { fraction: Number(f), dec: new Decimal(f) });
    this.holdings = new Holdings(view, cfg.market);
    this.exitRules = exitRules(policy);
    this.mirror = typeof (view as Partial<CashMirror>).cashNumber === 'function';
    this.halts = new Halts(policy.limits, view.equity());
    this.scans = readsHoldings(policy);
    const L = policy.limits;
    this.plain = this.budgets.size === 0 && !this.halts.active && policy.sizing.lot_size <= 1 && policy.sizing.min_ticket_value <= 0 && policy.sizing.min_ticket_shares <= 1
      && L.max_position_pct === undefined && L.max_gross_leverage === undefined && L.max_net_leverage === undefined && L.cash_buffer === undefined
      && L.max_open_positions === undefined && L.max_sector_pct === undefined && L.max_industry_pct === undefined && L.max_adv_pct === undefined
      && policy.stops.stop_loss === undefined && policy.stops.take_profit === undefined;
    bus.subscribe('signal', (e) => this.onSignal(e));
    bus.subscribe('fill', (e) => {
      const f = e.payload;
      this.holdings.touch(f.strategy_id ?? 'default', f.symbol);
      if (!this.plain) this.holdings.fillPending(f.order_id, Number(f.filled_quantity), f.remaining_quantity === undefined ? undefined : Number(f.remaining_quantity));
    });
    if (!this.plain) {
      // an opening order that ends unfilled frees the room it held under the limits
      bus.subscribe('order_status', (e) => {
        const st = e.payload.status;
        if (st === 'cancelled' || st === 'expired' || st === 'replaced') this.holdings.dropPending(e.payload.order_id);
      });
      bus.subscribe('risk_violation', (e) => {
        if (e.payload.order_id !== undefined) this.holdings.dropPending(e.payload.order_id);
      });
    }
    bus.subscribe('corporate_action', (e) => {
      if (e.payload.new_symbol !== undefined) this.holdings.rename(e.payload.symbol, e.payload.new_symbol);
    });
    if (rule.method === 'kelly') {
      bus.subscribe('trade', (e) => {
        const t = e.payload;
        if (t.status !== 'closed' || t.realized_pnl === undefined) return;
        const st = this.statsOf(t.strategy_id);
        const pnl = parseDec(t.realized_pnl);
        if (pnl.gt(0)) {
          st.wins++;
          st.winSum = st.winSum.plus(pnl);
        } else {
          st.losses++;
          st.lossSum = st.lossSum.minus(pnl);
        }
      });
    }
    if (this.halts.active) bus.subscribe('snapshot', (e) => this.onSnapshot(e));
    this.arm();
  }

  /** Hands the engine the equity level the halts need watched (capped by `below`), when it changed. */
  private arm(below = Infinity): void {
    if (!this.cfg.watch || !this.halts.active) return;
    // the level moves only with the halts' state (peak, session, closes, halts) or a cap
    if (below === Infinity && this.halts.version === this.watchedVersion) return;
    this.watchedVersion = below === Infinity ? this.halts.version : -1;
    const level = this.halts.watchLevel(this.cfg.market?.session() ?? 0, below);
    if (level === this.watching) return;
    this.watching = level;
    this.cfg.watch(level);
  }

  /**
   * The engine stopped after valuing the bar at `at` (RFC 3339): its float equity is at or below the
   * watch level. The exact equity decides; a halt found here is reported as at a session's close (no
   * signal refused: the violation names a fresh intent) and flattens when its rule says so. The watch
   * then waits for the next rule or, when nothing new was found, for an equity below this one.
   */
  onEquityWatch(at: string): void {
    const equity = this.view.equity();
    const equityF = toFloat(equity);
    const h = this.halts.check(equity, this.cfg.market?.session() ?? 0, equityF);
    if (h && h.fresh) this.haltFound(h, at, at, null);
    // a level not lowered by the check (no new halt) would stop at every bar while the equity stays below it
    this.arm(h && h.fresh ? Infinity : equityF - Math.abs(equityF) * 2 ** -52 - Number.MIN_VALUE);
  }

  /** Cash as a float: the view's own mirror when it keeps one, else `cash().toNumber()`. */
  private cashF(): number {
    return this.mirror ? (this.view as PortfolioView & CashMirror).cashNumber() : this.view.cash().toNumber();
  }

  /** The risk policy in force. */
  get riskPolicy(): RiskPolicy {
    return this.policy;
  }

  /** Handles one signal: an order event, or a risk-violation event saying why not. */
  onSignal(e: SignalEvent): void {
    this.handled++;
    const s = e.payload;
    // (the price is read only by opening signals)
    switch (s.intention) {
      case 'OPEN_LONG':
        return this.open(e, 'buy', decText(s.price));
      case 'OPEN_SHORT':
        if (!this.policy.limits.allow_short) return this.refuse(e, 'shorting_disabled', 'short selling is disabled by the risk policy');
        return this.open(e, 'sell', decText(s.price));
      case 'CLOSE_LONG': {
        const held = this.view.position(s.symbol, s.strategy_id);
        if (!isPositive(held)) return this.refuse(e, 'no_position', `no long position in ${s.symbol} to close`);
        this.order(e, 'sell', held);
        return;
      }
      case 'CLOSE_SHORT': {
        const held = this.view.position(s.symbol, s.strategy_id);
        if (held.s > 0 || held.isZero()) return this.refuse(e, 'no_position', `no short position in ${s.symbol} to close`);
        this.order(e, 'buy', held.neg());
        return;
      }
    }
  }

  private open(e: SignalEvent, side: Side, price: Decimal): void {
    if (this.plain) {
      const qty = this.fixedQty ?? this.plainSize(e, price);
      if (qty === null) return;
      if (qty <= 0) return this.refuse(e, 'min_ticket', `sizing gives ${qty} shares at ${decStr(price)}`, '1', String(qty));
      if (side === 'buy' && !this.cashCheck(e, qty, price, Number(e.payload.price))) return;
      this.order(e, side, qtyDec(qty), true);
      return;
    }
    this.openChecked(e, side, price);
  }

  /** The full path: halts, open-position count, sizing with budget, lots, min ticket, limits, cash, exits. */
  private openChecked(e: SignalEvent, side: Side, price: Decimal): void {
    const s = e.payload;
    const L = this.policy.limits;
    const sz = this.policy.sizing;
    const equity = this.view.equity();
    const equityF = toFloat(equity);
    const p = Number(s.price);
    if (this.halts.active) {
      const h = this.halts.check(equity, this.cfg.market?.session() ?? 0, equityF);
      // a new peak or session moves the watch level
      this.arm();
      if (h) return this.halted(e, h);
    }
    // one pass over the open positions: the count here, the exposure sums for the limits below
    const b = this.bounds;
    if (this.scans) scanHoldings(this.policy, s.symbol, p, this.holdings, b);
    if (L.max_open_positions !== undefined && this.holdings.position(s.symbol).isZero()) {
      const n = b.open;
      if (n >= L.max_open_positions) {
        return this.refuse(e, 'max_open_positions', `${n} positions are open; the policy allows at most ${L.max_open_positions}: ${s.symbol} is not opened`, String(L.max_open_positions), String(n + 1));
      }
    }
    const budget = this.budgets.get(s.strategy_id);
    const capital = budget ? equity.times(budget.dec) : undefined;
    let qty = this.size(e, price, capital ?? equity, p, capital ? toFloat(capital) : equityF);
    if (qty === null) return;
    if (sz.lot_size > 1) qty = Math.floor(qty / sz.lot_size) * sz.lot_size;
    if (this.belowTicket(qty, price, p)) {
      return this.refuse(e, 'min_ticket', `sizing gives ${qty} shares (${decStr(qtyDec(qty).times(price))}) at ${decStr(price)}; the minimum ticket is ${sz.min_ticket_shares} shares and ${sz.min_ticket_value} in value`, String(Math.max(1, sz.min_ticket_shares)), String(qty));
    }
    const dir = side === 'buy' ? 1 : -1;
    // caps that the requested quantity clearly stays inside are not built (quantities only go down
    // below): the float bounds first, the caps with their exact forms only when a bound is reached
    const ctx: OrderContext = {
      strategyId: s.strategy_id, symbol: s.symbol, dir, price: p, priceDec: price, equity, equityF,
      holdings: this.holdings, market: this.cfg.market, capital, budget: budget?.fraction, requested: qty,
    };
    let caps: Cap[] | undefined = capBounds(this.policy, ctx, b, this.scans) > 0 ? capsFrom(this.policy, ctx, b) : undefined;
    // the commission of the requested quantity bounds that of any smaller order (commission grows with quantity)
    let commission: Decimal | undefined;
    let commissionF = 0;
    if (side === 'buy' && L.cash_buffer !== undefined) {
      commission = this.cfg.estimateCommission(qtyDec(qty), price);
      commissionF = toFloat(commission);
      // float lower bound of the cap: (free cash − buffer × equity − commission) / price
      const approx = (this.cashF() - this.holdings.pendingBuyCost() - L.cash_buffer * equityF - commissionF) / p;
      if (!(qty <= approx - 1e-6)) (caps ??= []).push(this.cashBufferCap(equity, equityF, price, p, L.cash_buffer, approx));
    }
    if (caps) return this.openCapped(e, side, price, p, qty, dir, caps, equity, equityF, commission, commissionF);
    this.place(e, side, price, p, qty, dir, equity, equityF, commission, commissionF);
  }

  /** The caps an opening order reaches, in order: each cuts the quantity or refuses the order; then {@link place}. */
  private openCapped(e: SignalEvent, side: Side, price: Decimal, p: number, requested: number, dir: 1 | -1, caps: readonly Cap[],
    equity: Decimal, equityF: number, commission: Decimal | undefined, commissionF: number): void {
    const lot = this.policy.sizing.lot_size;
    const reductions: Reduction[] = [];
    let qty = requested;
    for (const cap of caps) {
      // float pre-check: clearly inside the cap, nothing to do
      if (qty <= cap.approx - 1e-6) continue;
      const allowed = capQuantity(cap, lot);
      if (allowed >= qty) continue;
      if (this.belowTicket(allowed, price, p)) {
        return this.refuse(e, cap.rule, `${this.capReason(cap, qty)}; the most it allows, ${allowed} shares, is below the minimum ticket`,
          ratio(cap.limit), ratio(cap.actual(qty)), { requested: qty, allowed: 0 });
      }
      reductions.push({ cap, requested: qty, allowed });
      qty = allowed;
    }
    // the requested quantity's commission is that of the order only when nothing cut it
    this.place(e, side, price, p, qty, dir, equity, equityF, qty === requested ? commission : undefined, commissionF, reductions);
  }

  /**
   * The end of an opening signal's checks: the cash check of a buy, the exits, then the reductions'
   * violations and the order, noted as pending. `commission` (with its float) is that of `qty` shares, when known.
   */
  private place(e: SignalEvent, side: Side, price: Decimal, p: number, qty: number, dir: 1 | -1, equity: Decimal, equityF: number,
    commission: Decimal | undefined, commissionF: number, reductions?: readonly Reduction[]): void {
    const L = this.policy.limits;
    // a gross leverage above 1 lets buys use margin: cash may go down to −(leverage − 1) × equity
    const marginRate = (L.max_gross_leverage ?? 1) > 1 ? L.max_gross_leverage! - 1 : 0;
    if (side === 'buy' && !this.cashCheck(e, qty, price, p, marginRate, equity, equityF, commission, commissionF)) return;
    const exits = this.exits(e, side, price);
    if (exits === null) return;
    if (reductions) this.publishReductions(e, reductions);
    const id = this.order(e, side, qtyDec(qty), true, exits);
    this.holdings.addPending(id, e.payload.strategy_id, e.payload.symbol, dir * qty, p);
  }

  private publishReductions(e: SignalEvent, reductions: readonly Reduction[]): void {
    for (const r of reductions) {
      this.publishViolation(e, r.cap.rule, `${this.capReason(r.cap, r.requested)}: reduced from ${r.requested} to ${r.allowed} shares`,
        ratio(r.cap.limit), ratio(r.cap.actual(r.requested)), { action: 'reduced', requested: r.requested, allowed: r.allowed });
    }
  }

  /**
   * Shares of the sizing rule on the plain path: a fixed fraction of equity directly, as sizeSignal
   * sizes it (without the inputs object and its closures); other rules through {@link size}.
   */
  private plainSize(e: SignalEvent, price: Decimal): number | null {
    const rule = this.policy.sizing.rule;
    if (rule.method !== 'fixed_fraction') return this.size(e, price, undefined);
    const equity = this.view.equity();
    return fixedShares(rule, price, equity, Number(e.payload.price), toFloat(equity));
  }

  /** Shares of the sizing rule, or null when refused (the violation is published). */
  private size(e: SignalEvent, price: Decimal, equity: Decimal | undefined, priceF = Number(e.payload.price), equityF?: number): number | null {
    const s = e.payload;
    let eq = equity;
    const r = sizeSignal(this.policy.sizing.rule, {
      symbol: s.symbol, price: priceF, priceDec: price, equity: () => (eq ??= this.view.equity()), equityF: () => (equityF ??= toFloat(eq ??= this.view.equity())), market: this.cfg.market,
      stats: this.statsOf(s.strategy_id), openSymbols: () => this.holdings.open(s.strategy_id).map((o) => o.symbol).filter((x) => x !== s.symbol),
    });
    if (r.why !== undefined) {
      this.refuse(e, this.policy.sizing.rule.method === 'kelly' ? 'kelly_no_edge' : 'sizing_warmup', r.why);
      return null;
    }
    return r.qty;
  }

  private belowTicket(q: number, price: Decimal, priceF: number): boolean {
    const sz = this.policy.sizing;
    if (q <= 0 || q < sz.min_ticket_shares) return true;
    return sz.min_ticket_value > 0 && q * priceF < sz.min_ticket_value + 1e-6 && qtyDec(q).times(price).lt(sz.min_ticket_value);
  }

  /**
   * The cash buffer as a cap: cash − qty × price − commission ≥ buffer × equity. `approx`, the float
   * bound, uses the requested order's commission (at least any smaller order's); at the boundary the
   * commission of the largest affordable quantity is used, exactly.
   */
  private cashBufferCap(equity: Decimal, E: number, price: Decimal, p: number, buffer: number, approx: number): Cap {
    const cash = this.freeCash();
    const exact = (): Decimal => {
      const avail = cash.minus(equity.times(decOf(buffer)));
      const q0 = avail.gt(0) ? avail.div(price).floor() : ZERO;
      const comm = q0.gt(0) ? this.cfg.estimateCommission(q0, price) : ZERO;
      return avail.minus(comm).div(price);
    };
    return {
      rule: 'cash_buffer', approx, precise: () => exact().toNumber(), exact, limit: buffer,
      actual: (q) => (cash.toNumber() - q * p - this.cfg.estimateCommission(new Decimal(q), price).toNumber()) / E,
      what: 'cash left after the buy as a share of equity',
    };
  }

  private capReason(cap: Cap, qty: number): string {
    return `${qty} shares would take the ${cap.what} to ${ratio(cap.actual(qty))}; ${cap.rule} is ${ratio(cap.limit)}`;
  }

  /** Cash less what the pending buys will take at the prices they were sized at. */
  private freeCash(): Decimal {
    const reserved = this.holdings.pendingBuyCost();
    return reserved > 0 ? this.view.cash().minus(decOf(reserved)) : this.view.cash();
  }

  /**
   * The exact cash check of a buy (refuses when the cost with commission exceeds free cash plus any
   * margin allowance, `marginRate` × equity). `knownCommission` (with its float) is that of `qtyF` shares.
   */
  private cashCheck(e: SignalEvent, qtyF: number, price: Decimal, priceF: number, marginRate = 0, equity?: Decimal, equityF = 0,
    knownCommission?: Decimal, knownCommissionF = 0): boolean {
    // the order fills at the next open, which may differ from this close: checked at the signal's price.
    // A float estimate settles clear cases; only near the boundary is the exact cost computed. The
    // estimate sums floats (cash, pending buys, margin): its tolerance is relative to their sizes.
    const reserved = this.plain ? 0 : this.holdings.pendingBuyCost();
    const cashNum = this.cashF();
    const marginF = marginRate > 0 ? marginRate * equityF : 0;
    const commission = knownCommission ?? this.cfg.estimateCommission(qtyDec(qtyF), price);
    const approx = qtyF * priceF + (knownCommission ? knownCommissionF : toFloat(commission));
    if (approx < cashNum - reserved + marginF - 1e-9 * (Math.abs(cashNum) + reserved + Math.abs(marginF)) - 1e-6) return true;
    const free = reserved > 0 ? this.view.cash().minus(decOf(reserved)) : this.view.cash();
    const cash = marginRate > 0 ? free.plus(equity!.times(decOf(marginRate))) : free;
    const qty = qtyDec(qtyF);
    const cost = qty.times(price).plus(commission);
    if (cost.gt(cash)) {
      this.refuse(e, 'insufficient_cash',
        `buying ${decStr(qty)} ${e.payload.symbol} at ${decStr(price)} costs ${decStr(cost)} with commission; cash is ${decStr(cash)}`,
        decStr(cash), decStr(cost));
      return false;
    }
    return true;
  }

  /** stop_loss / take_profit of an opening order: the signal's, else the policy's; null when refused. */
  private exits(e: SignalEvent, side: Side, price: Decimal): { stop_loss?: string; take_profit?: string } | null {
    const s = e.payload;
    const rules = this.exitRules;
    if (rules.length === 0 && s.stop_loss === undefined && s.take_profit === undefined) return NO_EXITS;
    // the two exits as locals (a keyed store per rule was the slow part), the signal's own first
    let sl = s.stop_loss, tp = s.take_profit;
    const buy = side === 'buy';
    let priceScaled: Scaled | undefined | null = null;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!;
      const isStop = r.key === 'stop_loss';
      if ((isStop ? sl : tp) !== undefined) continue;
      let text: string | undefined;
      const factor = buy ? r.buyScaled : r.sellScaled;
      if (factor !== undefined) {
        // a percent of a price with few digits: the level in scaled integers (the same text; see levelText)
        if (priceScaled === null) priceScaled = scaledOf(s.price);
        if (priceScaled !== undefined) text = levelText(priceScaled, factor);
      }
      if (text === undefined) {
        let level: Decimal;
        if (r.atr === undefined) {
          // price × (1 ± percent): one exact product with the factor of this side
          level = dp4(price.times(buy ? r.buy : r.sell));
        } else {
          const atr = this.cfg.market!.atr(s.symbol, r.window);
          if (!(atr > 0)) {
            this.refuse(e, 'enforced_exit', `the policy's ${r.key} is ${r.atr} × ATR(${r.window}) of ${s.symbol}, which is not known yet`);
            return null;
          }
          level = dp4(price.plus(decOf(atr).times(buy ? r.buy : r.sell)));
        }
        if (!isPositive(level)) {
          this.refuse(e, 'enforced_exit', `the policy's ${r.key} for ${s.symbol} at ${decStr(price)} would be at ${decStr(level)}, not a price`);
          return null;
        }
        text = decStr(level);
      }
      if (isStop) sl = text;
      else tp = text;
    }
    return { stop_loss: sl, take_profit: tp };
  }

  /** A halt refuses the opening signal; the first time, a flattening halt also closes every position. */
  private halted(e: SignalEvent, h: HaltState): void {
    this.refuse(e, h.rule, h.reason, decStr(h.limit.toDecimalPlaces(6)), decStr(h.actual.toDecimalPlaces(6)));
    if (h.fresh && h.flatten) this.flatten(h.rule, e.occurred_at, e.payload.timestamp, e.payload.signal_id, e.correlation_id ?? null, e.event_id);
  }

  private onSnapshot(e: SnapshotEvent): void {
    const h = this.halts.onSnapshot(e.payload.current_portfolio_equity);
    if (h && h.fresh) this.haltFound(h, e.occurred_at, e.payload.snapshot_datetime, e.event_id);
    this.arm();
  }

  // a halt found without a signal (at a snapshot or a watched bar): the violation names a fresh intent, which the flatten orders carry
  private haltFound(h: HaltState, occurredAt: string, at: string, causation: string | null): void {
    const intent = this.events.id();
    this.bus.publish(this.events.make('risk_violation', occurredAt, {
      signal_id: intent, timestamp: at, strategy_id: 'portfolio', symbol: 'PORTFOLIO', rule: h.rule, reason: h.reason,
      limit_value: decStr(h.limit.toDecimalPlaces(6)), actual_value: decStr(h.actual.toDecimalPlaces(6)), action: 'refused',
    }, intent, causation));
    if (h.flatten) this.flatten(h.rule, occurredAt, at, intent, intent, causation);
  }

  /**
   * Cancels the opening orders still waiting to fill (what is left of them: a partly filled entry is
   * closed with its position), then sends market orders closing every open position of every strategy.
   * Execution answers each cancel with an order_status "cancelled", which frees the room the entry held.
   */
  private flatten(rule: string, occurredAt: string, at: string, intent: string, correlation: string | null, causation: string | null): void {
    const round = ++this.flattenSeq;
    for (const o of this.holdings.pendingOrders()) {
      this.bus.publish(this.events.make('order_cancel', occurredAt, {
        order_id: o.orderId, timestamp: at, symbol: o.symbol, strategy_id: o.strategyId,
        reason: `${rule} flattens the portfolio: the entry order still waiting to fill is cancelled`,
      }, correlation, causation));
    }
    for (const pos of this.holdings.open()) {
      this.bus.publish(this.events.make('order', occurredAt, {
        order_id: this.events.id(), timestamp: at, symbol: pos.symbol, side: pos.quantity.gt(0) ? 'sell' : 'buy', quantity: decStr(pos.quantity.abs()),
        order_type: 'market', intent_id: intent, idempotency_key: `flatten:${round}:${pos.strategyId}:${pos.symbol}`, time_in_force: 'GTC',
        source_strategy_id: pos.strategyId,
      }, correlation, causation));
    }
  }

  // an opening order carries stop_loss / take_profit (the signal's or the policy's): execution places them as a bracket on fill
  private order(e: SignalEvent, side: Side, qty: Decimal, opening = false, exits?: { stop_loss?: string; take_profit?: string }): string {
    const s = e.payload;
    const sl = opening ? exits?.stop_loss ?? s.stop_loss : undefined;
    const tp = opening ? exits?.take_profit ?? s.take_profit : undefined;
    const id = this.events.id();
    if (sl === undefined && tp === undefined) {
      // the common order, written without object spreads (the same keys in the same order as below)
      this.bus.publish(this.events.make('order', e.occurred_at, {
        order_id: id, timestamp: s.timestamp, symbol: s.symbol, side, quantity: decStr(qty), order_type: 'market', intent_id: s.signal_id,
        idempotency_key: `${s.signal_id}:1`, time_in_force: 'GTC', source_strategy_id: s.strategy_id,
      }, e.correlation_id, e.event_id));
      return id;
    }
    if (sl !== undefined && tp !== undefined) {
      // a bracket's parent (both exits), written without object spreads (the same keys in the same order as below)
      this.bus.publish(this.events.make('order', e.occurred_at, {
        order_id: id, timestamp: s.timestamp, symbol: s.symbol, side, quantity: decStr(qty), order_type: 'market', intent_id: s.signal_id,
        idempotency_key: `${s.signal_id}:1`, time_in_force: 'GTC', source_strategy_id: s.strategy_id, stop_loss: sl, take_profit: tp,
      }, e.correlation_id, e.event_id));
      return id;
    }
    this.bus.publish(this.events.make('order', e.occurred_at, {
      order_id: id,
      timestamp: s.timestamp,
      symbol: s.symbol,
      side,
      quantity: decStr(qty),
      order_type: 'market',
      intent_id: s.signal_id,
      idempotency_key: `${s.signal_id}:1`,
      time_in_force: 'GTC',
      source_strategy_id: s.strategy_id,
      ...(sl !== undefined ? { stop_loss: sl } : {}),
      ...(tp !== undefined ? { take_profit: tp } : {}),
    }, e.correlation_id, e.event_id));
    return id;
  }

  private refuse(e: SignalEvent, rule: string, reason: string, limit?: string, actual?: string, q?: { requested: number; allowed: number }): void {
    this.publishViolation(e, rule, reason, limit, actual, { action: 'refused', ...q });
  }

  private publishViolation(e: SignalEvent, rule: string, reason: string, limit: string | undefined, actual: string | undefined,
    q: { action: 'refused' | 'reduced'; requested?: number; allowed?: number }): void {
    const s = e.payload;
    this.bus.publish(this.events.make('risk_violation', e.occurred_at, {
      signal_id: s.signal_id, timestamp: s.timestamp, strategy_id: s.strategy_id, symbol: s.symbol, rule, reason,
      ...(limit !== undefined ? { limit_value: limit } : {}),
      ...(actual !== undefined ? { actual_value: actual } : {}),
      action: q.action,
      ...(q.requested !== undefined ? { requested_quantity: String(q.requested) } : {}),
      ...(q.allowed !== undefined ? { allowed_quantity: String(q.allowed) } : {}),
    }, e.correlation_id, e.event_id));
  }

  private statsOf(strategyId: string): TradeStats {
    let st = this.stats.get(strategyId);
    if (!st) this.stats.set(strategyId, (st = { wins: 0, losses: 0, winSum: ZERO, lossSum: ZERO }));
    return st;
  }
}
