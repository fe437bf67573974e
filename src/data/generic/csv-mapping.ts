// How a user's own CSV maps onto bars: column names (or positions for headerless files), the
// timestamp's format and zone, a price scale (LEAN stores 1/10,000 dollars), and ready-made presets.
import { ConfigError } from '../../model/errors.js';
import { zoneOffsets } from '../calendar.js';

/** Timestamp forms of {@link CsvMapping.timestamp}. */
export type TimestampFormat =
  | 'iso' | 'local' | 'epoch_s' | 'epoch_ms' | 'epoch_us' | 'epoch_ns' | 'ms_of_day';

/** A column reference: a header name, or a 0-based position (headerless files). */
export type ColumnRef = string | number;

/** A validated mapping from a CSV layout to bars. */
export interface CsvMapping {
  /** Whether the first line is a header (default true). Without one, columns are positions. */
  readonly header: boolean;
  /** Field delimiter, one character (default `,`). */
  readonly delimiter: string;
  /** Where the bar fields are: `timestamp`, or `date` (+ `time`); `open…close`; optional `volume`, `symbol`. */
  readonly columns: {
    readonly timestamp?: ColumnRef; readonly date?: ColumnRef; readonly time?: ColumnRef;
    readonly open: ColumnRef; readonly high: ColumnRef; readonly low: ColumnRef; readonly close: ColumnRef;
    readonly volume?: ColumnRef; readonly symbol?: ColumnRef;
  };
  /** More price columns to keep, by catalog name (e.g. `adj_close: "Adj Close"`); scaled like prices, blank → NaN. */
  readonly extra: Readonly<Record<string, ColumnRef>>;
  /**
   * `iso`: ISO 8601 with an offset or naive (taken in `zone`); `local`: vendor wall-clock forms such as
   * `20131001 09:30`, `2024-01-02 09:30:00` or a date alone; `epoch_*`: UTC counts since 1970;
   * `ms_of_day`: milliseconds after local midnight with the date from the file name (LEAN minute files).
   */
  readonly timestamp: { readonly format: TimestampFormat; readonly zone: string };
  /** Multiplies every price (0.0001 for LEAN's deci-cents); default 1. */
  readonly priceScale: number;
  /** Symbol for every row when there is no symbol column; default from the file name. */
  readonly symbol?: string;
  /** Regular expression with one capture group taking the symbol out of the file's base name. */
  readonly symbolPattern?: string;
  /** Regular expression with one capture group taking `yyyymmdd` out of the file's base name (for `ms_of_day`). */
  readonly datePattern: string;
}

/** Named mappings for common layouts. */
export const CSV_PRESETS: Readonly<Record<string, unknown>> = {
  /** Yahoo-style daily CSV: Date,Open,High,Low,Close,Adj Close,Volume (Adj Close kept as `adj_close`). */
  yahoo: {
    columns: { timestamp: 'Date', open: 'Open', high: 'High', low: 'Low', close: 'Close', volume: 'Volume' },
    extra: { adj_close: 'Adj Close' }, timestamp: { format: 'local' },
  },
  /** QuantConnect LEAN minute trade bars: no header; ms since midnight (New York), o,h,l,c in 1/10,000 $, volume. */
  'lean-minute': {
    header: false, columns: { time: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 },
    timestamp: { format: 'ms_of_day' }, price_scale: 0.0001, symbol_pattern: '^\\d{8}_([A-Za-z0-9.]+)_minute',
  },
  /** QuantConnect LEAN daily bars: no header; `yyyyMMdd HH:mm`, prices in 1/10,000 $. */
  'lean-daily': {
    header: false, columns: { timestamp: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 },
    timestamp: { format: 'local' }, price_scale: 0.0001,
  },
};

const FORMATS: readonly TimestampFormat[] = ['iso', 'local', 'epoch_s', 'epoch_ms', 'epoch_us', 'epoch_ns', 'ms_of_day'];
const KEYS = new Set(['header', 'delimiter', 'columns', 'extra', 'timestamp', 'price_scale', 'symbol', 'symbol_pattern', 'date_pattern', 'preset']);

/**
 * Validates a raw mapping (from YAML or JSON; keys in snake_case) into a {@link CsvMapping}. A `preset`
 * key starts from a preset and overrides it. `source` names the mapping in errors (e.g. its file).
 */
export function parseCsvMapping(raw: unknown, source = 'mapping'): CsvMapping {
  const fail = (key: string, what: string): never => {
    throw new ConfigError(`${source}: \`${key}\` ${what}`);
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail('(root)', 'must be a mapping of keys');
  let r = raw as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!KEYS.has(k)) fail(k, `is not a known key; expected one of ${[...KEYS].join(', ')}`);
  if (r['preset'] !== undefined) {
    const p = CSV_PRESETS[String(r['preset'])];
    if (!p) fail('preset', `must be one of ${Object.keys(CSV_PRESETS).join(', ')}; got ${JSON.stringify(r['preset'])}`);
    const base = p as Record<string, unknown>;
    r = { ...base, ...r, columns: { ...(base['columns'] as object), ...((r['columns'] as object) ?? {}) }, timestamp: { ...(base['timestamp'] as object), ...((r['timestamp'] as object) ?? {}) } };
  }
  const header = r['header'] ?? true;
  if (typeof header !== 'boolean') fail('header', `must be true or false; got ${JSON.stringify(header)}`);
  const delimiter = r['delimiter'] ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length !== 1 || delimiter === '"' || delimiter === '\n') fail('delimiter', `must be one character such as "," or ";"; got ${JSON.stringify(delimiter)}`);
  const ref = (key: string, v: unknown, required: boolean): ColumnRef | undefined => {
    if (v === undefined) return required ? fail(key, 'is required') : undefined;
    if (header && typeof v === 'string' && v.length > 0) return v;
    if (Number.isInteger(v) && (v as number) >= 0) return v as number;
    return fail(key, header ? `must be a column name (or a 0-based position); got ${JSON.stringify(v)}` : `must be a 0-based column position (the file has no header); got ${JSON.stringify(v)}`);
  };
  const c = (r['columns'] ?? fail('columns', 'is required')) as Record<string, unknown>;
  if (typeof c !== 'object' || c === null) fail('columns', 'must be a mapping such as {timestamp: Date, open: Open, …}');
  for (const k of Object.keys(c)) if (!['timestamp', 'date', 'time', 'open', 'high', 'low', 'close', 'volume', 'symbol'].includes(k)) fail(`columns.${k}`, 'is not a bar field; use `extra` for other numeric columns');
  const ts = (r['timestamp'] ?? {}) as Record<string, unknown>;
  const format = (ts['format'] ?? 'iso') as TimestampFormat;
  if (!FORMATS.includes(format)) fail('timestamp.format', `must be one of ${FORMATS.join(', ')}; got ${JSON.stringify(ts['format'])}`);
  const zone = String(ts['zone'] ?? 'America/New_York');
  try {
    zoneOffsets(zone);
  } catch {
    fail('timestamp.zone', `is not an IANA time zone; got ${JSON.stringify(zone)}`);
  }
  const columns = {
    timestamp: ref('columns.timestamp', c['timestamp'], false), date: ref('columns.date', c['date'], false), time: ref('columns.time', c['time'], false),
    open: ref('columns.open', c['open'], true)!, high: ref('columns.high', c['high'], true)!, low: ref('columns.low', c['low'], true)!, close: ref('columns.close', c['close'], true)!,
    volume: ref('columns.volume', c['volume'], false), symbol: ref('columns.symbol', c['symbol'], false),
  };
  if (format === 'ms_of_day') {
    if (columns.time === undefined && columns.timestamp === undefined) fail('columns.time', 'is required for timestamp.format ms_of_day');
  } else if (columns.timestamp === undefined && columns.date === undefined) {
    fail('columns.timestamp', 'is required (or `columns.date`, with `columns.time` for intraday files)');
  }
  const extraRaw = (r['extra'] ?? {}) as Record<string, unknown>;
  const extra: Record<string, ColumnRef> = {};
  for (const [k, v] of Object.entries(extraRaw)) {
    if (!/^[a-z][a-z0-9_]*$/.test(k)) fail(`extra.${k}`, 'must be a lowercase catalog column name such as adj_close');
    extra[k] = ref(`extra.${k}`, v, true)!;
  }
  const priceScale = r['price_scale'] ?? 1;
  if (typeof priceScale !== 'number' || !(priceScale > 0) || !Number.isFinite(priceScale)) fail('price_scale', `must be a positive number such as 0.0001; got ${JSON.stringify(priceScale)}`);
  const pattern = (key: string, v: unknown): string | undefined => {
    if (v === undefined) return undefined;
    try {
      if (new RegExp(String(v)).exec('') === null && !/\(/.test(String(v))) throw new Error('no capture group');
    } catch (err) {
      fail(key, `must be a regular expression with one capture group; ${(err as Error).message}`);
    }
    return String(v);
  };
  return {
    header: header as boolean, delimiter: delimiter as string, columns, extra,
    timestamp: { format, zone }, priceScale: priceScale as number,
    ...(r['symbol'] !== undefined ? { symbol: String(r['symbol']) } : {}),
    ...(r['symbol_pattern'] !== undefined ? { symbolPattern: pattern('symbol_pattern', r['symbol_pattern'])! } : {}),
    datePattern: pattern('date_pattern', r['date_pattern']) ?? '(\\d{8})',
  };
}
