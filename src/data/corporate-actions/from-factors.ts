// Corporate-action records from Algoseek's daily adjustment factors: on each row with an
// AdjustmentFactor, split-type events become splits or reverse splits (ratio = 1 / factor) and cash
// dividends get amount = (1 − factor) × previous close; several events on one day are told apart
// with the cumulative volume factor, which moves at split-type events only.
import { dividendAmount, floatString, ratioString, shareRatio } from './ratio.js';
import type { CorporateActionRecord } from './record.js';

/** Reasons that change share counts (price and volume adjusted). */
export const SPLIT_REASONS: ReadonlySet<string> = new Set(['Subdiv', 'Cons', 'BonusSame', 'ScriptDiv', 'CapReduct', 'SecSwap', 'Reclass']);
/** Reasons that adjust prices only. */
export const PRICE_REASONS: ReadonlySet<string> = new Set(['CashDiv']);

/** One symbol's daily rows with factors, in date order. */
export interface DailyFactorRows {
  readonly symbol: string;
  /** Trade dates `YYYY-MM-DD`. */
  readonly dates: readonly string[];
  readonly close: Float64Array;
  readonly cpf: Float64Array;
  readonly cvf: Float64Array;
  /** AdjustmentFactor, NaN where blank. */
  readonly adjFactor: Float64Array;
  readonly reasons: readonly (string | null)[];
}

/** Records plus the events that could not be turned into one (with why). */
export interface FactorActions {
  readonly actions: CorporateActionRecord[];
  readonly skipped: string[];
}

const NOISE = 1e-9;

/** Derives split, reverse-split and dividend records from daily factor rows. */
export function actionsFromFactors(rows: DailyFactorRows, currency = 'USD'): FactorActions {
  const actions: CorporateActionRecord[] = [];
  const skipped: string[] = [];
  for (let i = 0; i < rows.dates.length; i++) {
    const f = rows.adjFactor[i]!;
    if (f !== f) continue;
    const date = rows.dates[i]!;
    const reasons = (rows.reasons[i] ?? '').split(/[;|,\s]+/).filter(Boolean);
    const label = reasons.join('+') || 'unknown';
    const base = { symbol: rows.symbol, asset_class: 'equity', announcement_date: date, ex_date: date, effective_date: date, source: `algoseek:${label}` };
    // Volume factor step: > 1 at a split-type event (it multiplies by 1/factor), 1 otherwise.
    const cvfStep = i > 0 ? rows.cvf[i]! / rows.cvf[i - 1]! : NaN;
    const known = reasons.filter((r) => SPLIT_REASONS.has(r) || PRICE_REASONS.has(r));
    const hasSplit = known.length === reasons.length && reasons.length > 0 ? reasons.some((r) => SPLIT_REASONS.has(r)) : Math.abs(cvfStep - 1) > NOISE;
    const hasDiv = known.length === reasons.length && reasons.length > 0 ? reasons.some((r) => PRICE_REASONS.has(r)) : true;
    let fSplit = 1;
    if (hasSplit) fSplit = hasDiv ? (cvfStep === cvfStep ? 1 / cvfStep : f) : f;
    const fDiv = hasSplit ? f / fSplit : f;
    if (hasSplit && Math.abs(fSplit - 1) > NOISE) {
      const r = shareRatio(1 / fSplit);
      const ratio = r ? ratioString(r) : floatString(Math.round((1 / fSplit) * 1e10) / 1e10);
      actions.push({
        ...base, action_type: 1 / fSplit >= 1 ? 'split' : 'reverse_split', split_ratio: ratio,
        ...(r ? { split_from: String(r.from), split_to: String(r.to) } : {}),
        price_adjustment_factor: floatString(fSplit), volume_adjustment_factor: ratio,
      });
    }
    if (hasDiv && Math.abs(fDiv - 1) > NOISE) {
      if (i === 0) {
        skipped.push(`${rows.symbol} ${date}: dividend factor ${f} on the first row; the previous close is needed for its amount`);
      } else if (fDiv > 1) {
        skipped.push(`${rows.symbol} ${date}: price-only factor ${fDiv} is above 1 (not a cash distribution)`);
      } else {
        actions.push({
          ...base, action_type: 'dividend', dividend_amount: dividendAmount(fDiv, rows.close[i - 1]!),
          dividend_currency: currency, price_adjustment_factor: floatString(fDiv),
        });
      }
    }
  }
  return { actions, skipped };
}
