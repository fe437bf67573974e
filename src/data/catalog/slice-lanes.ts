// Options of the slice source and the per-symbol stream each one gets: catalog rows (date range and
// session), then resampling, then the price mode (in place, or as adj_* columns beside raw prices).
import { ConfigError } from '../../model/errors.js';
import { localToUtcMs } from '../calendar.js';
import { parseIsoDate, civilFromDays } from '../../model/civil-date.js';
import { factorSchedule, hasFactors } from '../corporate-actions/catalog-actions.js';
import type { PriceMode } from '../corporate-actions/adjustment.js';
import { AdjustStream, type AdjustmentSource } from './adjust-stream.js';
import { Catalog, type MsRange } from './catalog.js';
import { parseInterval, ResampleStream } from './resample.js';
import { CatalogRowStream, type ReadScratch, type RowStream } from './row-stream.js';
import type { Session } from './session.js';

/** What a slice source reads. */
export interface SliceSourceOptions {
  /** The catalog (folder or opened). */
  readonly catalog: Catalog | string;
  /** Dataset; default the catalog's default (the only one, else `1m`, else `1d`). */
  readonly dataset?: string;
  /** Symbols in output order; default every symbol of the dataset. */
  readonly symbols?: readonly string[];
  /** First and last local dates `YYYY-MM-DD` (inclusive), in the dataset's zone. */
  readonly start?: string;
  readonly end?: string;
  /** Exact inclusive bounds in UTC ms (instead of, or narrowing, start/end). */
  readonly range?: MsRange;
  /** `regular` 09:30–16:00 local, or `extended` (default: every row the data has). */
  readonly session?: Session;
  /** Resample to `5m`, `15m`, `1h`, `1d`, …; default: the dataset's own bars. */
  readonly interval?: string;
  /** What open…volume hold (default `raw`). */
  readonly prices?: PriceMode;
  /** Also carry adj_open…adj_volume in this mode (signals on adjusted prices, fills on raw). */
  readonly adjusted?: PriceMode;
  /** More dataset columns to carry (e.g. close_bid, close_ask of TAQ bars). */
  readonly extra?: readonly string[];
  /** Timestamps per slice; default 4096. */
  readonly sliceRows?: number;
  /** Re-use the output arrays from slice to slice (a slice is then valid only until the next one). */
  readonly reuse?: boolean;
}

/** The resolved universe and one stream per symbol. */
export interface OpenedLanes {
  readonly symbols: string[];
  readonly dataset: string;
  readonly zone: string;
  readonly extra: string[];
  readonly streams: RowStream[];
  /** Rows of the partitions overlapping the range, summed over symbols (an upper bound, for progress). */
  readonly plannedRows: number;
}

/** Inclusive UTC ms bounds of local dates `start`…`end` in `zone`. */
export function dateRangeMs(zone: string, start?: string, end?: string): MsRange {
  const day = (key: string, v: string): number => {
    const d = parseIsoDate(v);
    if (d === undefined) throw new ConfigError(`data.${key} must be a date YYYY-MM-DD; got ${JSON.stringify(v)}`);
    return d;
  };
  const out: { start?: number; end?: number } = {};
  if (start !== undefined) {
    const { year, month, day: d } = civilFromDays(day('start', start));
    out.start = localToUtcMs(zone, year, month, d, 0, 0, 0);
  }
  if (end !== undefined) {
    const { year, month, day: d } = civilFromDays(day('end', end) + 1);
    out.end = localToUtcMs(zone, year, month, d, 0, 0, 0) - 1;
  }
  return out;
}

/** Resolves the options against the catalog and opens every symbol's stream. */
export function openLanes(o: SliceSourceOptions): OpenedLanes {
  const catalog = typeof o.catalog === 'string' ? Catalog.open(o.catalog) : o.catalog;
  const dataset = o.dataset ?? catalog.defaultDataset();
  const d = catalog.dataset(dataset);
  const symbols = [...(o.symbols ?? catalog.symbols(dataset))];
  if (symbols.length === 0) throw new ConfigError(`dataset "${dataset}" of ${catalog.dir} has no symbols`);
  const dup = symbols.find((s, i) => symbols.indexOf(s) !== i);
  if (dup !== undefined) throw new ConfigError(`symbol "${dup}" is listed twice in data.symbols`);
  for (const s of symbols) catalog.symbol(dataset, s);
  const dates = dateRangeMs(d.zone, o.start, o.end);
  const range: MsRange = {
    ...(maxDefined(dates.start, o.range?.start) !== undefined ? { start: maxDefined(dates.start, o.range?.start)! } : {}),
    ...(minDefined(dates.end, o.range?.end) !== undefined ? { end: minDefined(dates.end, o.range?.end)! } : {}),
  };
  const interval = o.interval === undefined ? undefined : parseInterval(o.interval);
  if (o.interval !== undefined && !interval) throw new ConfigError(`data.bar must be an interval like 5m, 15m, 1h or 1d; got ${JSON.stringify(o.interval)}`);
  const prices = o.prices ?? 'raw';
  const extra = [...(o.extra ?? [])];
  for (const c of extra) if (!d.columns.includes(c) || ['open', 'high', 'low', 'close', 'volume'].includes(c)) throw new ConfigError(`data.extra: dataset "${dataset}" has no extra column "${c}"; it has ${d.columns.join(', ')}`);
  const adjusting = prices !== 'raw' || (o.adjusted !== undefined && o.adjusted !== 'raw');
  const vendor = d.columns.includes('price_factor') && d.columns.includes('volume_factor');
  if (adjusting && vendor) for (const c of ['price_factor', 'volume_factor']) if (!extra.includes(c)) extra.push(c);
  const columns = ['open', 'high', 'low', 'close', 'volume', ...extra];
  const scratch: ReadScratch = { ts: new BigInt64Array(0), cols: [] };
  const streams = symbols.map((symbol) => {
    let s: RowStream = new CatalogRowStream(catalog, { dataset, symbol, columns, range, scratch, ...(o.session ? { session: o.session } : {}) });
    if (interval) s = new ResampleStream(s, interval, d.zone);
    if (adjusting) s = new AdjustStream(s, adjustmentSource(catalog, symbol, vendor, [prices, o.adjusted]), d.zone, prices, o.adjusted === 'raw' ? undefined : o.adjusted);
    return s;
  });
  const adjExtra = o.adjusted && o.adjusted !== 'raw' ? ['adj_open', 'adj_high', 'adj_low', 'adj_close', 'adj_volume'] : [];
  let plannedRows = 0;
  for (const s of symbols) {
    for (const p of catalog.symbol(dataset, s).partitions) {
      if (range.end !== undefined && Date.parse(p.first) > range.end) continue;
      if (range.start !== undefined && Date.parse(p.last) < range.start - 1) continue;
      plannedRows += p.rows;
    }
  }
  return { symbols, dataset, zone: d.zone, extra: [...extra, ...adjExtra], streams, plannedRows };
}

function adjustmentSource(catalog: Catalog, symbol: string, vendor: boolean, modes: (PriceMode | undefined)[]): AdjustmentSource {
  if (vendor) return { kind: 'vendor' };
  if (!hasFactors(catalog, symbol)) {
    throw new ConfigError(`price mode ${modes.filter((m) => m && m !== 'raw').join('/')} for ${symbol} needs adjustment factors: ingest the Algoseek adjusted daily file into this catalog (--format algoseek-daily), or use Algoseek's adjusted minute files`);
  }
  return {
    kind: 'schedule',
    ...(modes.includes('split_adjusted') ? { split: factorSchedule(catalog, symbol, 'split_adjusted')! } : {}),
    ...(modes.includes('total_return') ? { total: factorSchedule(catalog, symbol, 'total_return')! } : {}),
  };
}

function maxDefined(a?: number, b?: number): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function minDefined(a?: number, b?: number): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}
