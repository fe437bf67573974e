// The fast path of the trade-bar reader for files with the standard header in its usual order: one
// row parsed with no per-field dispatch (date, ticker and time compared or read in place, seven plain
// decimals), so that well-formed rows cost a few hundred cycles. Anything unusual declines the row,
// and the general path, with its checks and messages, handles it.

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** The standard trade-bar header (the fast path applies only to exactly this, optionally with the two factors). */
export const STANDARD_TRADE_HEADER = 'Date,Ticker,TimeBarStart,FirstTradePrice,HighTradePrice,LowTradePrice,LastTradePrice,VolumeWeightPrice,Volume,TotalTrades';

/**
 * Reads one standard row at `pos` into its fields. Returns the offset after the row's `\n`, or -1 when
 * the row is not plain (the caller then uses the general path): the date must repeat the previous
 * row's bytes, the ticker too, the time must be `HH:MM`, and every number a plain decimal.
 */
export class StandardTradeRow {
  /** open, high, low, close, vwap, volume, trades[, price factor, volume factor] of the last row read. */
  readonly nums = new Float64Array(9);
  /** Minutes after local midnight of the last row read. */
  minute = 0;
  private readonly date = new Uint8Array(8);
  private readonly ticker = new Uint8Array(32);
  private tickerLen = -1;
  private readonly count: number;

  constructor(factors: boolean) {
    this.count = factors ? 9 : 7;
  }

  /** Remembers the date and ticker of a row the general path accepted (the fast path then expects them). */
  remember(buf: Uint8Array, dateStart: number, tickerStart: number, tickerEnd: number): void {
    for (let k = 0; k < 8; k++) this.date[k] = buf[dateStart + k]!;
    const n = tickerEnd - tickerStart;
    this.tickerLen = n <= this.ticker.length ? n : -1;
    for (let k = 0; k < n && k < this.ticker.length; k++) this.ticker[k] = buf[tickerStart + k]!;
  }

  /** Parses the row at `pos`; see the class comment. */
  read(buf: Uint8Array, pos: number): number {
    const date = this.date;
    for (let k = 0; k < 8; k++) if (buf[pos + k] !== date[k]) return -1;
    if (buf[pos + 8] !== 44) return -1;
    pos += 9;
    const tl = this.tickerLen;
    const ticker = this.ticker;
    for (let k = 0; k < tl; k++) if (buf[pos + k] !== ticker[k]) return -1;
    pos += tl;
    if (tl < 0 || buf[pos] !== 44) return -1;
    const h1 = buf[pos + 1]! - 48;
    const h2 = buf[pos + 2]! - 48;
    const m1 = buf[pos + 4]! - 48;
    const m2 = buf[pos + 5]! - 48;
    if (buf[pos + 3] !== 58 || buf[pos + 6] !== 44 || h1 < 0 || h1 > 2 || h2 < 0 || h2 > 9 || m1 < 0 || m1 > 5 || m2 < 0 || m2 > 9) return -1;
    this.minute = (h1 * 10 + h2) * 60 + m1 * 10 + m2;
    pos += 7;
    const nums = this.nums;
    const count = this.count;
    let b = 0;
    for (let f = 0; f < count; f++) {
      b = buf[pos]!;
      let m = 0;
      let digits = 0;
      let frac = -1;
      for (;;) {
        const d = b - 48;
        if (d >= 0 && d <= 9) {
          m = m * 10 + d;
          digits++;
        } else if (b === 46 && frac < 0) {
          frac = digits;
        } else break;
        b = buf[++pos]!;
      }
      if (digits === 0 || digits > 15) return -1;
      nums[f] = frac >= 0 && digits > frac ? m / POW10[digits - frac]! : m;
      if (f < count - 1) {
        if (b !== 44) return -1;
        pos++;
      }
    }
    if (b === 13) b = buf[++pos]!;
    return b === 10 ? pos + 1 : -1;
  }
}
