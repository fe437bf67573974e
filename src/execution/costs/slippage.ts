// Slippage models: fixed basis points, fixed ticks, a share of the quoted spread, and volume-share
// impact. Slippage moves a market-type fill against the order; limit fills never slip.
import { Decimal, type Side } from '../../model/index.js';

/** A slippage model's settings. */
export type SlippageConfig =
  | { readonly model: 'none' }
  | { readonly model: 'fixed_bps'; readonly bps: string }
  | { readonly model: 'fixed_ticks'; readonly ticks: string; readonly tickSize: string }
  /** `fraction` of the quoted spread at the fill time (0.5: half the spread). */
  | { readonly model: 'spread'; readonly fraction: string }
  /** zipline's volume-share model: price × impact × (qty / bar volume)², the share capped at 1. */
  | { readonly model: 'volume_share'; readonly impact: string };

/** What a slippage model may look at. */
export interface SlipContext {
  readonly qty: Decimal;
  /** Bar volume (NaN or 0 when unknown: the share counts as 1). */
  readonly volume: number;
  /** Quote at the fill time; NaN without quotes. */
  readonly bid: number;
  readonly ask: number;
  /** The reference price already is the quote on the order's side (no spread to cross again). */
  readonly atQuote: boolean;
}

const TEN_THOUSAND = new Decimal(10000);

/** Applies one slippage model exactly; prices are rounded to 6 decimals against the order. */
export class Slippage {
  private readonly amount: Decimal;
  constructor(readonly cfg: SlippageConfig) {
    this.amount = cfg.model === 'fixed_bps' ? new Decimal(cfg.bps).div(TEN_THOUSAND)
      : cfg.model === 'fixed_ticks' ? new Decimal(cfg.ticks).times(cfg.tickSize)
      : cfg.model === 'spread' ? new Decimal(cfg.fraction)
      : cfg.model === 'volume_share' ? new Decimal(cfg.impact) : new Decimal(0);
  }

  /** True unless the model is `none`. */
  get active(): boolean {
    return this.cfg.model !== 'none';
  }

  /** The price after slippage (worse for the side), before any clamp to the bar's range. */
  apply(ref: Decimal, side: Side, ctx: SlipContext): Decimal {
    let slip: Decimal;
    switch (this.cfg.model) {
      case 'none': return ref;
      case 'fixed_bps': slip = ref.times(this.amount); break;
      case 'fixed_ticks': slip = this.amount; break;
      case 'spread': {
        if (ctx.atQuote || !(ctx.ask >= ctx.bid)) return ref;
        slip = new Decimal(ctx.ask).minus(ctx.bid).times(this.amount);
        break;
      }
      case 'volume_share': {
        const v = ctx.volume > 0 ? new Decimal(ctx.volume) : null;
        let share = v ? ctx.qty.div(v) : new Decimal(1);
        if (share.gt(1)) share = new Decimal(1);
        slip = ref.times(this.amount).times(share).times(share);
        break;
      }
    }
    const p = side === 'buy' ? ref.plus(slip) : ref.minus(slip);
    return p.toDecimalPlaces(6, side === 'buy' ? Decimal.ROUND_UP : Decimal.ROUND_DOWN);
  }
}

/** Signed slippage in basis points of the reference: positive when the fill is worse than the reference. */
export function slippageBps(ref: Decimal, price: Decimal, side: Side): Decimal {
  if (ref.isZero()) return new Decimal(0);
  const d = side === 'buy' ? price.minus(ref) : ref.minus(price);
  return d.div(ref).times(TEN_THOUSAND).toDecimalPlaces(4);
}
