// Regulatory fees on sells: the SEC fee (a rate on the sale's value) and the FINRA trading activity
// fee (per share, capped per trade), each rounded up to the cent as brokers pass them on.
import { Decimal, type Side } from '../../model/index.js';

/** Rates of the regulatory fees; absent ones are not charged. */
export interface FeeConfig {
  /** SEC fee per dollar of sale value, e.g. "0.0000278" ($27.80 per million). */
  readonly secRate?: string;
  /** FINRA TAF per share sold, e.g. "0.000166". */
  readonly tafPerShare?: string;
  /** FINRA TAF cap per trade, e.g. "8.30". */
  readonly tafMax?: string;
}

/** Computes the fees of a fill; `enabled` is false when no rate is set (fills then carry no fees field). */
export class RegulatoryFees {
  private readonly sec: Decimal | null;
  private readonly taf: Decimal | null;
  private readonly tafMax: Decimal | null;
  readonly enabled: boolean;

  constructor(cfg: FeeConfig = {}) {
    this.sec = cfg.secRate !== undefined ? new Decimal(cfg.secRate) : null;
    this.taf = cfg.tafPerShare !== undefined ? new Decimal(cfg.tafPerShare) : null;
    this.tafMax = cfg.tafMax !== undefined ? new Decimal(cfg.tafMax) : null;
    this.enabled = this.sec !== null || this.taf !== null;
  }

  /** Fees of a fill of `qty` at `price`: zero for buys. */
  of(side: Side, qty: Decimal, price: Decimal): Decimal {
    let fee = new Decimal(0);
    if (side === 'buy') return fee;
    if (this.sec) fee = fee.plus(qty.times(price).times(this.sec).toDecimalPlaces(2, Decimal.ROUND_UP));
    if (this.taf) {
      let taf = qty.times(this.taf);
      if (this.tafMax && taf.gt(this.tafMax)) taf = this.tafMax;
      fee = fee.plus(taf.toDecimalPlaces(2, Decimal.ROUND_UP));
    }
    return fee;
  }
}
