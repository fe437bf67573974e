// Sizing algorithms of the portfolio manager: how many shares a signal becomes.
import { Decimal } from '../model/index.js';

/** Buy or sell a fixed number of shares. */
export interface FixedQuantity {
  readonly method: 'fixed_quantity';
  readonly quantity: number;
}
/** Spend a fixed fraction of current equity: qty = floor(fraction × equity / price). */
export interface FixedFraction {
  readonly method: 'fixed_fraction';
  readonly fraction: number;
}
/** A sizing rule. */
export type SizingConfig = FixedQuantity | FixedFraction;

/** Whole shares to open for a signal at `price`, given current equity (never negative). */
export function sizeOpen(cfg: SizingConfig, price: Decimal, equity: Decimal): Decimal {
  if (cfg.method === 'fixed_quantity') return new Decimal(cfg.quantity);
  if (price.lte(0) || equity.lte(0)) return new Decimal(0);
  return equity.times(cfg.fraction).div(price).floor();
}
