// The execution service: accepts order intents (with cancel/replace and idempotency), keeps the
// working orders in the simulate kernel's order table, and turns the kernel's fills, triggers and
// expiries into fill and order_status events; refusals are risk_violation events with a rule.
import { Decimal, addDec, cmpDec, decStr, isCanonical, isPositive, numStr, parseDec, subDec, type FillPolicy, type OversellPolicy, type OrderStatus } from '../model/index.js';
import type { CorporateActionEvent, EventBus, EventFactory, OrderCancelEvent, OrderEvent, OrderPayload } from '../events/index.js';
import { orderCodes as K } from '../kernels/index.js';
import { Commission, newCharges, type CommissionConfig } from './costs/commission.js';
import { RegulatoryFees, type FeeConfig } from './costs/fees.js';
import { Slippage, type SlippageConfig } from './costs/slippage.js';
import { buildFill, type FillPricing } from './fill-builder.js';
import { FillValueTable } from './fill-values.js';
import { checkFields, checkPosition, type PositionRules, type Refusal } from './order-intake.js';
import { placeOrder } from './order-placement.js';
import { NO_LEGS, fillQuantity, statusPayload, type WorkingOrder } from './working-order.js';
import { bracketLegs } from './brackets.js';
import { IdempotencyKeys } from './idempotency.js';
import { WorkingOrders } from './working-orders.js';
import { closeOutFill, splitOrder, splitTerms } from './corporate-actions.js';
import type { Venue } from './venue.js';

/** Settings of the execution service. */
export interface ExecutionConfig {
  readonly fillPolicy: FillPolicy;
  readonly commission: CommissionConfig;
  readonly fees?: FeeConfig;
  readonly slippage?: SlippageConfig;
  readonly allowShort?: boolean;
  /** A sell beyond the long position (or a buy beyond the short): refused, or split into close + open. */
  readonly oversell?: OversellPolicy;
  /** 1 / tick size for trailing-stop levels (0: no rounding). */
  readonly ticks?: number;
}

/** What execution reads of the book: positions per strategy, and who holds a symbol. */
export interface PositionSource {
  position(symbol: string, strategyId?: string): Decimal;
  holdings(symbol: string): ReadonlyArray<{ readonly strategyId: string; readonly quantity: Decimal }>;
}

const ZERO = new Decimal(0);

/** An exit price of an order (checked > 0) in decStr's form, the text its leg carries: a text already in that form is itself. */
function exitText(x: string | undefined): string | null {
  return x === undefined ? null : isCanonical(x) ? x : decStr(parseDec(x));
}

/** Holds the working orders and books their fills as fill events. */
export class ExecutionService {
  private readonly working = new WorkingOrders();
  private readonly keys: IdempotencyKeys;
  private readonly rules: PositionRules;
  private readonly expiring = new Set<WorkingOrder>();
  readonly commission: Commission;
  private readonly pricing: FillPricing;
  private timeBar = NaN;
  private timeText = '';

  constructor(
    private readonly bus: EventBus,
    private readonly events: EventFactory,
    readonly cfg: ExecutionConfig,
    private readonly venue: Venue,
    private readonly book: PositionSource,
  ) {
    this.keys = new IdempotencyKeys(events);
    this.rules = { allowShort: cfg.allowShort ?? false, oversell: cfg.oversell ?? 'reject' };
    this.commission = new Commission(cfg.commission);
    this.pricing = {
      policy: cfg.fillPolicy, commission: this.commission, fees: new RegulatoryFees(cfg.fees), slippage: new Slippage(cfg.slippage ?? { model: 'none' }),
      values: new FillValueTable(),
    };
    bus.subscribe('order', (e) => this.accept(e));
    bus.subscribe('order_cancel', (e) => this.cancel(e));
    bus.subscribe('corporate_action', (e) => this.onCorporateAction(e));
  }

  /** Registers an order intent, or refuses it with a reason (repeated idempotency key, bad fields, position rules). */
  accept(e: OrderEvent): void {
    const o = e.payload;
    // (refusals are built only when one happens: no closure per order)
    if (!this.keys.add(o.idempotency_key)) return this.refuse(e, { rule: 'duplicate_order', reason: `idempotency key ${o.idempotency_key} was already used; order refused` });
    const s = this.venue.symbolIndex(o.symbol);
    if (s === undefined) return this.refuse(e, { rule: 'unknown_symbol', reason: `${o.symbol} is not traded in this run` });
    const bad = checkFields(o);
    if (bad) return this.refuse(e, bad);
    const old = o.replaces_order_id !== undefined ? this.working.get(o.replaces_order_id) : undefined;
    if (o.replaces_order_id !== undefined && (!old || old.symbol !== o.symbol || old.side !== o.side)) {
      return this.refuse(e, { rule: 'replace_refused', reason: old ? `order ${o.replaces_order_id} is a ${old.side} of ${old.symbol}; a replacement must keep symbol and side` : `order ${o.replaces_order_id} is not working (filled, cancelled, expired or unknown); replace refused` });
    }
    const pos = checkPosition(o, this.book.position(o.symbol, o.source_strategy_id), this.rules);
    if ('rule' in pos) return this.refuse(e, pos);
    const placed = placeOrder(o, s, this.venue, this.cfg.fillPolicy, this.cfg.ticks ?? 0);
    if ('rule' in placed) return this.refuse(e, placed);
    if (old) this.retire(old, 'replaced', 'replaced', `replaced by order ${o.order_id}`, o.order_id);
    const qty = parseDec(o.quantity);
    const w: WorkingOrder = {
      id: o.order_id, payload: o, symbol: o.symbol, s, side: o.side, type: o.order_type, quantity: qty, filled: ZERO, remaining: qty, slot: -1,
      strategyId: o.source_strategy_id, correlationId: e.correlation_id ?? null, causationId: e.event_id, charges: newCharges(),
      limit: placed.spec.limit ?? NaN, stop: placed.spec.stop ?? NaN, trail: placed.spec.trail ?? NaN, expireBar: placed.expireBar, reduceOnly: pos.reduceOnly,
      stopLoss: exitText(o.stop_loss), takeProfit: exitText(o.take_profit),
      legs: old ? old.legs : NO_LEGS, parentId: o.parent_order_id, partner: undefined,
    };
    this.work(w, placed.spec);
  }

  private refuse(e: OrderEvent, r: Refusal): void {
    const o = e.payload;
    this.bus.publish(this.events.make('risk_violation', e.occurred_at, {
      order_id: o.order_id, timestamp: o.timestamp, strategy_id: o.source_strategy_id ?? 'unknown', symbol: o.symbol, rule: r.rule, reason: r.reason,
    }, e.correlation_id, e.event_id));
  }

  /** Cancels a working order on request, or refuses when it is not working. */
  cancel(e: OrderCancelEvent): void {
    const c = e.payload;
    const w = this.working.get(c.order_id);
    if (!w) {
      this.bus.publish(this.events.make('risk_violation', e.occurred_at, {
        order_id: c.order_id, timestamp: c.timestamp, strategy_id: c.strategy_id ?? 'unknown', symbol: c.symbol, rule: 'cancel_refused',
        reason: `order ${c.order_id} is not working (filled, cancelled, expired or unknown); nothing to cancel`,
      }, e.correlation_id, e.event_id));
      return;
    }
    this.retire(w, 'cancelled', 'requested', c.reason ?? 'cancelled on request');
  }

  /** Books the kernel's fill of order `slot` at the current bar. */
  onFill(slot: number, rec: { readonly price: number; readonly quantity: number; readonly reason: number; readonly stopLevel: number }): void {
    const w = this.working.at(slot)!;
    const t = this.venue.now();
    let q = fillQuantity(w, rec.quantity, this.venue.orders.quantity(slot));
    const capped = q !== w.remaining && cmpDec(q, w.remaining) < 0;
    if (w.reduceOnly) {
      const closable = this.closable(w);
      if (closable.isZero()) return this.retire(w, 'cancelled', 'position_closed', `the ${w.side === 'sell' ? 'long' : 'short'} position this order closes is gone`);
      if (cmpDec(q, closable) > 0) q = closable;
    }
    const stopType = w.type === 'stop' || w.type === 'trailing_stop' || w.type === 'stop_limit';
    const complete = q === w.remaining;
    const remaining = complete ? ZERO : subDec(w.remaining, q);
    const payload = buildFill(w, {
      price: rec.price, quantity: q, reason: rec.reason, stopLevel: rec.stopLevel, capped,
      triggeredBefore: stopType && (rec.reason & K.PX_TRIGGERED) === 0,
    }, this.venue, t, this.nowTime(), this.events.id(), remaining, this.pricing);
    w.filled = w.filled.isZero() ? q : addDec(w.filled, q);
    w.remaining = remaining;
    if (complete || remaining.isZero()) this.forget(w);
    else this.venue.orders.setQuantity(w.slot, remaining.toNumber());
    this.bus.publish(this.events.make('fill', payload.timestamp, payload, w.correlationId, w.causationId));
    // the fill's quantity text is q's (decStr's, or the intent's own when the fill is all of it): the legs' when canonical
    if (w.stopLoss || w.takeProfit) this.growLegs(w, q, isCanonical(payload.filled_quantity) ? payload.filled_quantity : decStr(q), (rec.reason & 15) === K.PX_OPEN);
    const p = w.partner;
    if (p) {
      if (remaining.isZero()) this.retire(p, 'cancelled', 'oco', `its one-cancels-other partner ${w.id} filled at ${payload.fill_price}`);
      else {
        // the partner covers what is left of the position: it shrinks by the fill and sits out this bar
        p.remaining = Decimal.max(p.remaining.minus(q), ZERO);
        if (p.remaining.isZero()) this.retire(p, 'cancelled', 'oco', `its one-cancels-other partner ${w.id} filled the quantity it covered`);
        else {
          this.venue.orders.setQuantity(p.slot, p.remaining.toNumber());
          this.venue.orders.setDoneBar(p.slot, t);
        }
      }
    }
    // reduce-only orders left with nothing to close are cancelled (from a copy: retiring one removes it)
    const stale = this.working.reducing(w.s);
    if (stale.length > 0) {
      for (const r of stale.slice()) {
        if (r.strategyId === w.strategyId && this.closable(r).isZero()) {
          this.retire(r, 'cancelled', 'position_closed', `the ${r.side === 'sell' ? 'long' : 'short'} position this order closes is flat after fill ${payload.fill_id}`);
        }
      }
    }
  }

  /** A stop-limit's stop was reached at the current bar without a fill: it now rests as a limit order. */
  onTrigger(slot: number): void {
    const w = this.working.at(slot)!;
    w.stop = this.venue.orders.stopLevel(slot);
    this.status(w, 'triggered', 'stop_triggered', w.type === 'stop_limit'
      ? `stop ${numStr(w.stop)} reached; resting as a limit order at ${numStr(w.limit)}`
      : `stop ${numStr(w.stop)} reached at a bar without volume to fill; the order now fills as a market order`);
  }

  /** An IOC or FOK order did not (completely) fill at the bar it was checked at. */
  onExpire(slot: number): void {
    const w = this.working.at(slot)!;
    const fok = w.payload.time_in_force === 'FOK';
    this.retire(w, 'expired', fok ? 'fok_unfilled' : 'ioc_unfilled',
      fok ? `fill or kill: ${decStr(w.remaining)} could not fill completely at the first bar` : `immediate or cancel: ${decStr(w.remaining)} left unfilled after the first bar`);
  }

  /** Expires DAY and good-till-date orders whose session ends at bar `t`. */
  endOfDay(t: number): void {
    if (this.expiring.size === 0) return;
    for (const w of [...this.expiring]) {
      if (w.expireBar > t) continue;
      const gtd = w.payload.time_in_force === 'GTD';
      this.retire(w, 'expired', gtd ? 'good_till_date' : 'day_end', gtd ? `good till ${w.payload.expire_date}: the session ended` : 'day order: the session ended');
    }
  }

  /** Orders still working (at the end of a run they are reported, not booked), with what remains of each. */
  unfilled(): OrderPayload[] {
    return this.working.list().map((w) => (w.filled.isZero() ? w.payload : { ...w.payload, quantity: decStr(w.remaining) }));
  }

  /** Working orders. */
  get workingCount(): number {
    return this.working.size;
  }

  private onCorporateAction(e: CorporateActionEvent): void {
    const a = e.payload;
    const mine = this.working.list().filter((w) => w.symbol === a.symbol);
    if (a.action_type === 'split' || a.action_type === 'reverse_split') {
      const { to, from } = splitTerms(a);
      for (const w of mine) {
        if (!splitOrder(w, to, from, this.venue.orders)) this.retire(w, 'cancelled', 'split', `the ${decStr(to)}-for-${decStr(from)} split leaves less than one share to fill`);
      }
    } else if (a.action_type === 'symbol_change' || a.action_type === 'delisting') {
      const code = a.action_type === 'delisting' ? 'delisted' : 'symbol_changed';
      for (const w of mine) this.retire(w, 'cancelled', code, a.action_type === 'delisting' ? `${a.symbol} is delisted on ${a.ex_date}` : `${a.symbol} became ${a.new_symbol} on ${a.ex_date}; re-enter the order under the new symbol`);
      if (a.action_type === 'delisting') {
        const s = this.venue.symbolIndex(a.symbol);
        if (s === undefined) return;
        for (const h of this.book.holdings(a.symbol)) {
          const f = closeOutFill(h, a, this.venue.lastPrice(s), this.nowTime(), this.events.id(), this.events.id());
          this.bus.publish(this.events.make('fill', f.timestamp, f, null, e.event_id));
        }
      }
    }
  }

  // quantity a reduce-only order may still fill: the strategy's position on the other side
  private closable(w: WorkingOrder): Decimal {
    const held = this.book.position(w.symbol, w.strategyId);
    return w.side === 'sell' ? (isPositive(held) ? held : ZERO) : held.isNegative() && !held.isZero() ? held.neg() : ZERO;
  }

  /** Places the legs of `parent` for its fill of `q` shares (`qText`, decStr's text of q), or grows the legs still working. */
  private growLegs(parent: WorkingOrder, q: Decimal, qText: string, atOpen: boolean): void {
    // legs still working (a partly filled parent filled again): they grow by the fill
    let live = 0;
    for (let i = 0; i < parent.legs.length; i++) {
      const l = parent.legs[i]!;
      if (l.slot < 0) continue;
      live++;
      l.remaining = l.remaining.plus(q);
      l.quantity = l.quantity.plus(q);
      l.payload = { ...l.payload, quantity: decStr(l.quantity) };
      this.venue.orders.setQuantity(l.slot, l.remaining.toNumber());
    }
    if (live > 0) return;
    const legs = bracketLegs(parent, qText, this.nowTime(), parent.legs.length, this.events, this.venue.now(), atOpen);
    const placed: WorkingOrder[] = [];
    parent.legs = placed;
    for (const { order: o, spec } of legs) {
      const w: WorkingOrder = {
        id: o.order_id, payload: o, symbol: o.symbol, s: parent.s, side: o.side, type: o.order_type, quantity: q, filled: ZERO, remaining: q, slot: -1,
        strategyId: parent.strategyId, correlationId: parent.correlationId, causationId: parent.causationId, charges: newCharges(),
        limit: spec.limit ?? NaN, stop: spec.stop ?? NaN, trail: NaN, expireBar: -1, reduceOnly: true,
        stopLoss: null, takeProfit: null, legs: NO_LEGS, parentId: parent.id, partner: undefined,
      };
      this.work(w, spec);
      placed.push(w);
      this.status(w, 'accepted', 'bracket_leg', `${o.order_type === 'stop' ? 'stop-loss' : 'take-profit'} leg of order ${parent.id} at ${o.order_type === 'stop' ? o.stop_price : o.limit_price} for ${o.quantity}`);
    }
    if (placed.length === 2) {
      const [a, b] = placed as [WorkingOrder, WorkingOrder];
      a.partner = b;
      b.partner = a;
      this.venue.orders.link(a.slot, b.slot);
    }
  }

  private work(w: WorkingOrder, spec: Parameters<Venue['orders']['add']>[0]): void {
    w.slot = this.venue.orders.add(spec);
    this.working.add(w);
    if (w.expireBar >= 0) this.expiring.add(w);
  }

  private forget(w: WorkingOrder): void {
    this.venue.orders.remove(w.slot);
    this.working.remove(w);
    // (slot −1: no longer working, as growLegs reads it)
    w.slot = -1;
    if (w.expireBar >= 0) this.expiring.delete(w);
    if (w.partner) w.partner.partner = undefined;
  }

  // the time of the bar being handled, written once per bar: a fill, the legs it places and their
  // status events all ask for it (the venue's time of a bar index never changes)
  private nowTime(): string {
    const t = this.venue.now();
    if (t !== this.timeBar) {
      this.timeText = this.venue.time(t);
      this.timeBar = t;
    }
    return this.timeText;
  }

  private retire(w: WorkingOrder, status: OrderStatus, code: string, reason: string, replacedBy?: string): void {
    // a trailing stop's level lives in the kernel: keep the last one for the status event
    if (w.type === 'trailing_stop') w.stop = this.venue.orders.stopLevel(w.slot);
    this.forget(w);
    this.status(w, status, code, reason, replacedBy);
  }

  private status(w: WorkingOrder, status: OrderStatus, code: string, reason: string, replacedBy?: string): void {
    const at = this.nowTime();
    this.bus.publish(this.events.make('order_status', at, statusPayload(w, at, status, code, reason, replacedBy), w.correlationId, w.causationId));
  }
}
