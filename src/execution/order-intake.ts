// Checks an incoming order before it may work: complete prices for its type, a known symbol, and the
// position rules (no silent flip of a long into a short, no shorting when it is disabled).
import { Decimal, cmpDec, isCanonical, isPositive, parseDec, type OversellPolicy } from '../model/index.js';
import type { OrderPayload } from '../events/index.js';

/** Why an order is refused: a stable rule code and a sentence. */
export interface Refusal {
  readonly rule: string;
  readonly reason: string;
}

/** Position rules of the intake. */
export interface PositionRules {
  readonly allowShort: boolean;
  readonly oversell: OversellPolicy;
}

/**
 * Whether a decimal text is > 0. A text in decStr's form (the manager's quantities and exit levels)
 * is read without parsing: its sign is its leading minus and "0" is its only zero; others are parsed.
 */
export function positive(x: string | undefined): boolean {
  if (x === undefined) return false;
  return isCanonical(x) ? x.charCodeAt(0) !== 45 && x !== '0' : isPositive(parseDec(x));
}
const ZERO = new Decimal(0);

/** The first problem with an order's fields, or null. */
export function checkFields(o: OrderPayload): Refusal | null {
  if (!positive(o.quantity)) return { rule: 'invalid_order', reason: `quantity must be greater than 0; got ${o.quantity}` };
  const needLimit = o.order_type === 'limit' || o.order_type === 'stop_limit';
  const needStop = o.order_type === 'stop' || o.order_type === 'stop_limit';
  if (needLimit && !positive(o.limit_price)) return { rule: 'invalid_order', reason: `a ${o.order_type} order needs a limit_price greater than 0` };
  if (needStop && !positive(o.stop_price)) return { rule: 'invalid_order', reason: `a ${o.order_type} order needs a stop_price greater than 0` };
  if (o.order_type === 'trailing_stop') {
    if (!positive(o.trail_amount) && !positive(o.trail_percent)) return { rule: 'invalid_order', reason: 'a trailing_stop order needs trail_amount or trail_percent greater than 0' };
    if (o.trail_percent !== undefined && parseDec(o.trail_percent).gte(1)) return { rule: 'invalid_order', reason: `trail_percent is a fraction below 1 (0.02 for 2%); got ${o.trail_percent}` };
  }
  if (o.time_in_force === 'GTD' && o.expire_date === undefined) return { rule: 'invalid_order', reason: 'a GTD order needs an expire_date' };
  for (const k of ['stop_loss', 'take_profit'] as const) {
    if (o[k] !== undefined && !positive(o[k])) return { rule: 'invalid_order', reason: `${k} must be greater than 0; got ${o[k]}` };
  }
  return null;
}

/**
 * Checks an order against the strategy's position `held` (signed). A sell beyond a long position
 * (or a buy beyond a short) is refused under `oversell: reject`; under `split` the part beyond
 * opens the other side, which for a short needs `allowShort`. Returns the refusal, or whether the
 * order only reduces the position (then its fills are capped at the position).
 */
export function checkPosition(o: OrderPayload, held: Decimal, rules: PositionRules): Refusal | { reduceOnly: boolean } {
  const dir = o.side === 'buy' ? 1 : -1;
  if (held.isZero()) {
    return dir < 0 && !rules.allowShort
      ? { rule: 'shorting_disabled', reason: `sell of ${o.quantity} ${o.symbol} without a long position would sell short; short selling is disabled (portfolio.allow_short)` }
      : { reduceOnly: false };
  }
  const qty = parseDec(o.quantity);
  // the quantity this order can close: a long for a sell, a short for a buy
  const long = isPositive(held);
  // (a long's own object is its absolute value: no copy)
  const closable = (dir > 0) === long ? ZERO : long ? held : held.abs();
  if (isPositive(closable) && cmpDec(qty, closable) > 0) {
    if (rules.oversell === 'reject') {
      return {
        rule: 'oversell',
        reason: `${o.side} of ${o.quantity} ${o.symbol} exceeds the ${dir > 0 ? 'short' : 'long'} position of ${closable.toFixed()}; ` +
          'refused (portfolio.oversell is reject; set it to split to close and open the other side)',
      };
    }
    if (dir < 0 && !rules.allowShort) {
      return { rule: 'shorting_disabled', reason: `sell of ${o.quantity} ${o.symbol} would close ${closable.toFixed()} and sell the rest short; short selling is disabled (portfolio.allow_short)` };
    }
    return { reduceOnly: false };
  }
  if (closable.isZero() && dir < 0 && !rules.allowShort) {
    return { rule: 'shorting_disabled', reason: `sell of ${o.quantity} ${o.symbol} without a long position would sell short; short selling is disabled (portfolio.allow_short)` };
  }
  return { reduceOnly: isPositive(closable) && rules.oversell === 'reject' };
}
