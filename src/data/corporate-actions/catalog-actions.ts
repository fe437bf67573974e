// Corporate actions and adjustment schedules of a catalog symbol: derived from the Algoseek daily
// dataset's factors and the security master's ticker history. This is the API the ledger calls.
import { ConfigError } from '../../model/errors.js';
import { utcOffsetMs } from '../calendar.js';
import { DAY_MS, isoDateOfDays } from '../../model/civil-date.js';
import type { Catalog } from '../catalog/catalog.js';
import { int64Words, readMs } from '../int64-ns.js';
import { FactorSchedule, type PriceMode } from './adjustment.js';
import { actionsFromFactors, type DailyFactorRows } from './from-factors.js';
import type { CorporateActionRecord } from './record.js';

/** The dataset holding Algoseek's standard adjusted daily file. */
export const FACTORS_DATASET = '1d';
const FACTOR_COLUMNS = ['close', 'cpf', 'cvf', 'adj_factor'];

/** Inclusive date range `YYYY-MM-DD` on the ex date. */
export interface DateRange {
  readonly start?: string;
  readonly end?: string;
}

/** Whether the catalog has daily factor rows for `symbol`. */
export function hasFactors(catalog: Catalog, symbol: string, dataset = FACTORS_DATASET): boolean {
  const d = catalog.manifest.datasets[dataset];
  return !!d && FACTOR_COLUMNS.every((c) => d.columns.includes(c)) && !!d.symbols[symbol];
}

/** Local day number of each row of a daily series (rows are stamped at local midnight). */
function localDays(ts: BigInt64Array, zone: string): Int32Array {
  const w = int64Words(ts);
  const out = new Int32Array(ts.length);
  for (let i = 0; i < ts.length; i++) {
    const ms = readMs(w, i);
    out[i] = Math.floor((ms + utcOffsetMs(ms, zone)) / DAY_MS);
  }
  return out;
}

/** The daily factor rows of a symbol (ConfigError when the catalog has none). */
export function dailyFactorRows(catalog: Catalog, symbol: string, dataset = FACTORS_DATASET): DailyFactorRows & { readonly days: Int32Array } {
  if (!hasFactors(catalog, symbol, dataset)) {
    throw new ConfigError(`${catalog.dir}: no Algoseek daily factors for ${symbol} (dataset "${dataset}" with CumulativePriceFactor); ingest the adjusted daily file with --format algoseek-daily`);
  }
  const zone = catalog.dataset(dataset).zone;
  const s = catalog.readSeries(dataset, symbol, {}, FACTOR_COLUMNS);
  const days = localDays(s.ts, zone);
  return {
    symbol, days, dates: Array.from(days, (d) => isoDateOfDays(d)),
    close: s.columns['close']!, cpf: s.columns['cpf']!, cvf: s.columns['cvf']!, adjFactor: s.columns['adj_factor']!,
    reasons: s.text['adj_reason'] ?? new Array<string | null>(s.ts.length).fill(null),
  };
}

/**
 * The corporate actions of `symbol` with an ex date in `range`, in the corporate_action contract:
 * splits, reverse splits and cash dividends from the daily factors (when ingested), and symbol changes
 * and delistings from the security master (when ingested; a change is listed under the old symbol and
 * also returned when asking for the new one). Sorted by ex date, then kind.
 */
export function corporateActionsFor(catalog: Catalog, symbol: string, range: DateRange = {}): CorporateActionRecord[] {
  const out: CorporateActionRecord[] = [];
  if (hasFactors(catalog, symbol)) out.push(...actionsFromFactors(dailyFactorRows(catalog, symbol)).actions);
  const master = catalog.securityMaster();
  if (master) {
    for (const c of master.tickerChanges()) {
      if (c.from !== symbol && c.to !== symbol) continue;
      out.push({ symbol: c.from, asset_class: 'equity', action_type: 'symbol_change', announcement_date: c.date, ex_date: c.date, effective_date: c.date, source: `algoseek:security-master SecId ${c.secId}`, new_symbol: c.to });
    }
    for (const r of master.records) {
      if (r.listStatus !== 'D' || r.tickers.length === 0) continue;
      const last = [...r.tickers].sort((a, b) => (a.start < b.start ? -1 : 1))[r.tickers.length - 1]!;
      if (last.value !== symbol || last.end === null) continue;
      out.push({ symbol, asset_class: 'equity', action_type: 'delisting', announcement_date: last.end, ex_date: last.end, effective_date: last.end, source: `algoseek:security-master SecId ${r.secId}` });
    }
  }
  return out
    .filter((a) => (range.start === undefined || a.ex_date >= range.start) && (range.end === undefined || a.ex_date <= range.end))
    .sort((a, b) => (a.ex_date < b.ex_date ? -1 : a.ex_date > b.ex_date ? 1 : a.action_type < b.action_type ? -1 : a.action_type > b.action_type ? 1 : 0));
}

/** The daily-factor schedule of a symbol for a price mode (undefined for `raw`). */
export function factorSchedule(catalog: Catalog, symbol: string, mode: PriceMode): FactorSchedule | undefined {
  if (mode === 'raw') return undefined;
  const rows = dailyFactorRows(catalog, symbol);
  return FactorSchedule.fromCumulative(rows.days, rows.cpf, rows.cvf, mode);
}
