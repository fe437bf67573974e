// The values of a snapshot that depend on the marks (market values, unrealized P&L, exposures, equity,
// leverage) and its realized P&L total: in exact scaled integers when they fit, else with decimal.js.
import { addDec, decStr, isPositive, scaledText, subDec, type DecText, type Decimal } from '../model/index.js';
import { ZERO, type LedgerState } from './ledger-state.js';
import { ExactSum, ScaledAcc } from './exact-sum.js';
import { ratioText } from './exact-ratio.js';

/** The texts of a snapshot that depend on the marks (a scratch record, refilled by each snapshot). */
export class SnapshotValues {
  /** |market value| and unrealized P&L of each held (not flat) position, in the book's order (entries past the held count are stale). */
  readonly positionValues: string[] = [];
  readonly positionUnrealized: string[] = [];
  marketValue = '0';
  unrealized = '0';
  /** Cash + market value. */
  equity = '0';
  /** Realized + unrealized P&L. */
  totalPl = '0';
  long = '0';
  short = '0';
  net = '0';
  gross = '0';
  /** Gross exposure ÷ equity. */
  leverage = '0';
  // scratch values of the scaled path
  readonly value = new ScaledAcc();
  readonly pl = new ScaledAcc();
  readonly sumValue = new ScaledAcc();
  readonly sumPl = new ScaledAcc();
  readonly sumLong = new ScaledAcc();
  readonly sumShort = new ScaledAcc();
  readonly sumEquity = new ScaledAcc();
  readonly sumGross = new ScaledAcc();
  readonly sumNet = new ScaledAcc();
  readonly sumTotalPl = new ScaledAcc();
  /** The last texts of values and of P&L (one position: the totals are its own). */
  readonly values = new TextMemo();
  readonly pls = new TextMemo();
}

/**
 * The values at the marks with scaled integers: value = ±q × mark, unrealized = value ∓ basis − entry
 * costs, and their sums, each exact, so each is the value decimal.js gives for the same operations and
 * its text decStr's. False (the record half written) when a quantity, mark, cost or sum does not fit.
 */
export function scaledValues(st: LedgerState, realized: RealizedTotal, out: SnapshotValues): boolean {
  const { value, pl, sumValue, sumPl, sumLong, sumShort, sumEquity, sumGross, sumNet, values, pls } = out;
  sumValue.clear();
  sumPl.clear();
  sumLong.clear();
  sumShort.clear();
  let held = 0;
  for (const pos of st.positions.values()) {
    if (pos.sign === 0) continue;
    const mark = pos.markScaled();
    // long: q·mark − basis − costs; short: basis − q·mark − costs (value = −q·mark)
    if (mark === undefined || !value.clear().addProduct(pos.quantity(), mark.m, mark.k, pos.sign < 0)) return false;
    if (!pl.clear().addAcc(value) || !pl.addDec(pos.costBasis(), pos.sign > 0) || !pl.addDec(pos.openCommission(), true)) return false;
    if (!sumPl.addAcc(pl) || !sumValue.addAcc(value)) return false;
    // (a zero value is in neither side)
    if (!(value.isPositive() ? sumLong.addAcc(value) : sumShort.addAcc(value, true))) return false;
    out.positionValues[held] = values.of(value.mantissa < 0 ? -value.mantissa : value.mantissa, value.scale);
    out.positionUnrealized[held++] = pls.of(pl.mantissa, pl.scale);
  }
  // equity = cash + value; gross = long + short; net = long − short
  if (!st.cash.addTo(sumEquity.clear()) || !sumEquity.addAcc(sumValue)) return false;
  if (!sumGross.clear().addAcc(sumLong) || !sumGross.addAcc(sumShort)) return false;
  if (!sumNet.clear().addAcc(sumLong) || !sumNet.addAcc(sumShort, true)) return false;
  const totalPl = realized.plusScaled(sumPl, out.sumTotalPl);
  if (totalPl === undefined) return false;
  out.totalPl = totalPl;
  out.marketValue = values.of(sumValue.mantissa, sumValue.scale);
  out.unrealized = pls.of(sumPl.mantissa, sumPl.scale);
  // no market value: the equity is the cash, and its text the cash's
  out.equity = sumValue.isZero() ? st.cash.text() : sumEquity.text();
  out.long = values.of(sumLong.mantissa, sumLong.scale);
  out.short = sumShort.text();
  out.net = values.of(sumNet.mantissa, sumNet.scale);
  out.gross = values.of(sumGross.mantissa, sumGross.scale);
  // 0 ÷ equity is 0, as is anything ÷ a zero equity
  out.leverage = sumGross.isZero() || sumEquity.isZero() ? '0' : ratioText(sumGross.mantissa, sumGross.scale, sumEquity.mantissa, sumEquity.scale);
  return true;
}

// the text of the last scaled integer asked for, again for the same one (one long position: its value is
// the market value and the long, net and gross exposure, its unrealized P&L the total)
class TextMemo {
  private m = NaN;
  private k = 0;
  private text = '';

  /** scaledText(m, k). */
  of(m: number, k: number): string {
    if (m !== this.m || k !== this.k) {
      this.m = m;
      this.k = k;
      this.text = scaledText(m, k);
    }
    return this.text;
  }
}

/**
 * The values at the marks with decimal.js, for books whose numbers do not fit the scaled integers; `tt`:
 * the snapshot's remembered total texts (11: values, 12: unrealized P&L, 13: equity).
 */
export function decimalValues(st: LedgerState, realized: RealizedTotal, tt: readonly DecText[], out: SnapshotValues): void {
  const valueText = tt[11]!, unrealizedText = tt[12]!;
  let unrealized = ZERO, long = ZERO, short = ZERO, mv = ZERO;
  let held = 0;
  for (const pos of st.positions.values()) {
    if (pos.sign === 0) continue;
    const value = pos.marketValue();
    const u = pos.unrealizedFrom(value);
    unrealized = addDec(unrealized, u);
    mv = addDec(mv, value);
    if (isPositive(value)) long = addDec(long, value);
    else short = subDec(short, value);
    out.positionValues[held] = valueText.of(value.isNegative() ? value.abs() : value);
    out.positionUnrealized[held++] = unrealizedText.of(u);
  }
  // no market value (flat, or longs and shorts that cancel): the equity is the cash, and its text the cash's
  // (held: the cash's decimal, made once while the cash stays, plus the value; the leverage divides by it)
  const equity = mv.isZero() ? undefined : addDec(st.cash.value(), mv);
  // adding or subtracting a zero short side gives `long` itself (same value; one long position: its value)
  const gross = addDec(long, short);
  const net = subDec(long, short);
  out.marketValue = valueText.of(mv);
  out.unrealized = unrealizedText.of(unrealized);
  out.equity = equity === undefined ? st.cash.text() : tt[13]!.of(equity);
  out.totalPl = realized.plus(unrealized);
  out.long = valueText.of(long);
  out.short = decStr(short);
  out.net = valueText.of(net);
  out.gross = valueText.of(gross);
  // 0 ÷ equity is 0: no division (and no decimal of the cash) for a flat book
  out.leverage = gross.isZero() ? '0' : ratio(gross, equity ?? st.cash.value());
}

// gross exposure ÷ equity (0 when the equity is zero)
function ratio(gross: Decimal, equity: Decimal): string {
  return equity.isZero() ? '0' : decStr(gross.div(equity));
}

/**
 * Σ realized P&L over the portfolio and its positions, as addDec sums it (zero terms skipped). While at
 * most one term is non-zero (one traded position, no interest), that term's own sum stands for the
 * total, so its text is the one the position already wrote.
 */
export class RealizedTotal {
  private sum: ExactSum | undefined;
  private shared = false;

  /** Starts the total over at the portfolio's own realized P&L. */
  reset(portfolio: Decimal): this {
    this.sum = portfolio.isZero() ? undefined : new ExactSum(portfolio);
    this.shared = false;
    return this;
  }

  add(term: ExactSum): void {
    if (term.isZero()) return;
    if (this.sum === undefined) {
      this.sum = term;
      this.shared = true;
      return;
    }
    if (this.shared) {
      this.sum = new ExactSum().addSum(this.sum);
      this.shared = false;
    }
    this.sum.addSum(term);
  }

  text(): string {
    return this.sum?.text() ?? '0';
  }

  /** The text of total + `unrealized` (addDec). */
  plus(unrealized: Decimal): string {
    if (unrealized.isZero()) return this.text();
    return this.sum === undefined ? decStr(unrealized) : new ExactSum().addSum(this.sum).add(unrealized).text();
  }

  /** {@link plus} of a scaled `unrealized` (`scratch` holds the sum); undefined when the total is not a scaled integer or the sum does not fit. */
  plusScaled(unrealized: ScaledAcc, scratch: ScaledAcc): string | undefined {
    if (unrealized.isZero()) return this.text();
    if (this.sum === undefined) return unrealized.text();
    return this.sum.addTo(scratch.clear()) && scratch.addAcc(unrealized) ? scratch.text() : undefined;
  }
}
