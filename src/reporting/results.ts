// The saved results of a run (results.json): everything the outputs are derived from, in columns,
// so `qtrader report DIR` rebuilds run.json, the CSVs and report.html without data or a rerun.
import { DataError } from '../model/index.js';
import { ByteSink } from './byte-sink.js';

/** Format tag of results.json; a reader refuses any other. */
export const RESULTS_FORMAT = 'qtrader-results/1';

/** Columns of the snapshot table: one entry per snapshot (money as exact decimal strings). */
export const SNAPSHOT_KEYS = ['time', 'cash', 'equity', 'market_value', 'unrealized_pl', 'realized_pl', 'long_exposure', 'short_exposure', 'gross_exposure', 'leverage', 'commissions', 'fees'] as const;
/** Columns of a position table: one entry per position of a snapshot. */
export const POSITION_KEYS = ['time', 'strategy_id', 'symbol', 'side', 'quantity', 'average_price', 'market_price', 'market_value', 'unrealized_pl', 'realized_pl', 'commission'] as const;
/** Columns of the fill table, one entry per fill event. */
export const FILL_KEYS = ['fill_id', 'order_id', 'time', 'symbol', 'side', 'quantity', 'price', 'commission', 'gross_value', 'net_value', 'strategy_id'] as const;
/** Columns of the trade table: closed round trips, then the ones still open at the end. */
export const TRADE_KEYS = ['trade_id', 'strategy_id', 'symbol', 'side', 'status', 'quantity', 'entry_time', 'entry_price', 'exit_time', 'exit_price', 'realized_pnl', 'commission'] as const;

/** A table as named columns of text, all of one length. */
export type Columns<K extends string> = { [k in K]: string[] };
/** Snapshot columns. */
export type SnapshotColumns = Columns<(typeof SNAPSHOT_KEYS)[number]>;
/** Position columns. */
export type PositionColumns = Columns<(typeof POSITION_KEYS)[number]>;
/** Fill columns. */
export type FillColumns = Columns<(typeof FILL_KEYS)[number]>;
/** Trade columns. */
export type TradeColumns = Columns<(typeof TRADE_KEYS)[number]>;

/** Reporting and output settings of the run (from the config's `reporting:` and `output:`). */
export interface ReportOptions {
  readonly periods_per_year: number;
  readonly risk_free_rate: number;
  readonly rolling_window: number;
  readonly chart_points: number;
  readonly html_trades: number;
  readonly equity: 'bar' | 'day';
  readonly html: boolean;
  readonly parquet_rows: number;
  readonly event_log: boolean;
}

/** What ran: the identity fields of run.json, kept as the run wrote them. */
export interface RunInfo {
  readonly run_id: string;
  readonly qtrader_version: string;
  readonly engine: 'wasm' | 'js';
  readonly config: unknown;
  readonly data: {
    readonly symbols: string[];
    readonly timestamps: number;
    readonly bars: number;
    readonly first_timestamp: string | null;
    readonly last_timestamp: string | null;
    readonly timezone: string;
  };
  readonly initial_cash: string;
  readonly counts: Record<string, number>;
  readonly risk_violations_by_rule: Record<string, number>;
  /** Of those, the ones that reduced an order (absent in older results: none). */
  readonly risk_reductions_by_rule?: Record<string, number>;
  readonly unfilled_orders: Array<{ order_id: string; symbol: string; side: string; quantity: string; timestamp: string }>;
  readonly flags: string[];
  /** True when the fills used the signal bar's own close (`execution.fill_policy: same_close`): a look-ahead. Absent in older results: false. */
  readonly optimistic?: boolean;
  /** The run under the worst- and the best-case intrabar path, when some bar was ambiguous; absent or null otherwise. */
  readonly intrabar_bounds?: IntrabarBoundsResult | null;
}

/** One side of the intrabar comparison: the run's outcome under one intrabar policy. */
export interface IntrabarCaseResult {
  /** Equity at the end (exact decimal). */
  readonly final_equity: string;
  /** Realized P&L at the end (exact decimal). */
  readonly realized_pl: string;
  /** Closed round trips. */
  readonly trades: number;
  /** final_equity / initial_cash − 1 (a fraction). */
  readonly total_return: number;
}

/** The worst and best case of the intrabar path side by side (both bracket legs inside one bar). */
export interface IntrabarBoundsResult {
  /** The policy of the run's headline numbers (`execution.intrabar`). */
  readonly policy: 'worst_case' | 'best_case' | 'ohlc_path';
  /** Bars of the headline run where both legs of a bracket were inside one bar. */
  readonly ambiguous_bars: number;
  readonly worst_case: IntrabarCaseResult;
  readonly best_case: IntrabarCaseResult;
}

/** The benchmark: buy and hold of one symbol, its close at each trading day's end. */
export interface BenchmarkSeries {
  readonly symbol: string;
  /** Price bought at: the symbol's first open of the run (its first close when the open is missing). */
  readonly start_price: number;
  /** Local trading date (YYYY-MM-DD in the data's zone) of each day end. */
  readonly day: string[];
  /** Last close at or before each day end (the start price before the symbol's first bar). */
  readonly close: number[];
}

/** The chart symbol's closes, downsampled for display (min and max of each bucket, in time order). */
export interface PriceSeries {
  readonly symbol: string;
  /** Bars of the symbol in the run (before downsampling). */
  readonly bars: number;
  readonly time_ms: number[];
  readonly close: number[];
}

/** Everything the outputs of a run are derived from. */
export interface RunResults {
  readonly format: typeof RESULTS_FORMAT;
  readonly run: RunInfo;
  readonly options: ReportOptions;
  readonly snapshots: SnapshotColumns;
  /** Open (non-flat) positions at every snapshot. */
  readonly positions: PositionColumns;
  /** Every position of the last snapshot, flat ones included (their realized P&L counts). */
  readonly final_positions: PositionColumns;
  readonly fills: FillColumns;
  readonly trades: TradeColumns;
  /** Timeline index of each trade's entry bar (for the exposure). */
  readonly trade_entry_bars: number[];
  /** Timeline index of each trade's exit bar, −1 while it is open. */
  readonly trade_exit_bars: number[];
  readonly benchmark: BenchmarkSeries | null;
  readonly price: PriceSeries | null;
}

/** Empty columns with the given keys. */
export function emptyColumns<K extends string>(keys: readonly K[]): Columns<K> {
  return Object.fromEntries(keys.map((k) => [k, [] as string[]])) as Columns<K>;
}

/** Number of rows of a column table (its first column's length). */
export function rowCount<K extends string>(cols: Columns<K>): number {
  const first = Object.values(cols)[0] as string[] | undefined;
  return first ? first.length : 0;
}

/** Serializes results as compact JSON (one line; deterministic key order as built): JSON.stringify's text. */
export function resultsToJson(r: RunResults, chunk?: number): string {
  const parts: Buffer[] = [];
  // the sink reuses its buffer: keep a copy of each piece
  const sink = new ByteSink((bytes) => parts.push(Buffer.from(bytes)));
  writeResultsJson(sink, r, chunk);
  sink.flush();
  return Buffer.concat(parts).toString('utf8');
}

/**
 * Writes the UTF-8 bytes of {@link resultsToJson} into `sink`, so that writing the results of a run
 * with millions of fills never holds the whole text: objects are written key by key (two levels
 * deep: the column tables) and arrays `chunk` elements at a time, each run's JSON.stringify text
 * encoded straight into the sink's buffer.
 */
export function writeResultsJson(sink: ByteSink, r: RunResults, chunk = 2048): void {
  writeJson(sink, r, 2, chunk);
  sink.byte(10);
}

// JSON.stringify's text of `v`, in pieces: objects key by key down to `depth` levels, arrays in runs
function writeJson(sink: ByteSink, v: unknown, depth: number, chunk: number): void {
  if (Array.isArray(v) && v.length > chunk) {
    for (let i = 0; i < v.length; i += chunk) {
      const part = JSON.stringify(v.slice(i, i + chunk));
      // `[` then the run's elements (its text without the brackets), `,` between runs
      sink.byte(i === 0 ? 91 : 44);
      sink.text(part.slice(1, -1));
    }
    sink.byte(93);
  } else if (depth > 0 && isObject(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
    let first = true;
    for (const [k, x] of Object.entries(v)) {
      // JSON.stringify leaves out properties it cannot represent
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
      sink.byte(first ? 123 : 44);
      sink.text(JSON.stringify(k));
      sink.byte(58);
      first = false;
      writeJson(sink, x, depth - 1, chunk);
    }
    if (first) sink.byte(123);
    sink.byte(125);
  } else {
    sink.text(JSON.stringify(v));
  }
}

/**
 * Parses and checks results.json: the format tag, every column present as text of one length, the
 * numeric series and the options; errors name the file and the key and say what was expected.
 */
export function parseResults(text: string, file: string): RunResults {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new DataError(`${file}: not valid JSON (${(err as Error).message}); rerun the backtest to write it again`);
  }
  const fail = (key: string, what: string): never => {
    throw new DataError(`${file}: \`${key}\` ${what}`);
  };
  const r = isObject(raw) ? raw : fail('(root)', 'must be an object');
  if (r['format'] !== RESULTS_FORMAT) fail('format', `must be "${RESULTS_FORMAT}"; got ${JSON.stringify(r['format'])} (written by another version of qtrader?)`);
  const run = isObject(r['run']) ? r['run'] : fail('run', 'must be an object');
  for (const k of ['run_id', 'qtrader_version', 'engine', 'initial_cash']) if (typeof run[k] !== 'string') fail(`run.${k}`, 'must be a string');
  const data = isObject(run['data']) ? run['data'] : fail('run.data', 'must be an object');
  if (!Array.isArray(data['symbols']) || typeof data['timezone'] !== 'string' || typeof data['timestamps'] !== 'number') fail('run.data', 'must have symbols, timestamps and timezone');
  if (!isObject(run['counts'])) fail('run.counts', 'must be an object of counts');
  const opts = isObject(r['options']) ? r['options'] : fail('options', 'must be an object');
  for (const k of ['periods_per_year', 'risk_free_rate', 'rolling_window', 'chart_points', 'html_trades', 'parquet_rows']) {
    if (typeof opts[k] !== 'number' || !Number.isFinite(opts[k])) fail(`options.${k}`, `must be a finite number; got ${JSON.stringify(opts[k])}`);
  }
  if (opts['equity'] !== 'bar' && opts['equity'] !== 'day') fail('options.equity', `must be "bar" or "day"; got ${JSON.stringify(opts['equity'])}`);
  checkColumns(r, 'snapshots', SNAPSHOT_KEYS, fail);
  checkColumns(r, 'positions', POSITION_KEYS, fail);
  checkColumns(r, 'final_positions', POSITION_KEYS, fail);
  checkColumns(r, 'fills', FILL_KEYS, fail);
  const trades = checkColumns(r, 'trades', TRADE_KEYS, fail);
  checkNumbers(r['trade_entry_bars'], 'trade_entry_bars', trades, fail);
  checkNumbers(r['trade_exit_bars'], 'trade_exit_bars', trades, fail);
  if (r['benchmark'] !== null) {
    const b = isObject(r['benchmark']) ? r['benchmark'] : fail('benchmark', 'must be an object or null');
    const days = Array.isArray(b['day']) ? b['day'].length : fail('benchmark.day', 'must be an array of dates');
    checkNumbers(b['close'], 'benchmark.close', days, fail);
    if (typeof b['start_price'] !== 'number' || !(b['start_price'] > 0)) fail('benchmark.start_price', 'must be a positive number');
  }
  if (r['price'] !== null) {
    const p = isObject(r['price']) ? r['price'] : fail('price', 'must be an object or null');
    const n = Array.isArray(p['time_ms']) ? p['time_ms'].length : fail('price.time_ms', 'must be an array of times');
    checkNumbers(p['close'], 'price.close', n, fail);
  }
  return r as unknown as RunResults;
}

function isObject(x: unknown): x is Record<string, any> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function checkColumns(r: Record<string, any>, name: string, keys: readonly string[], fail: (k: string, w: string) => never): number {
  const t = isObject(r[name]) ? r[name] : fail(name, `must be an object of columns ${keys.join(', ')}`);
  let n = -1;
  for (const k of keys) {
    const col: unknown = t[k];
    if (!Array.isArray(col) || col.some((v) => typeof v !== 'string')) fail(`${name}.${k}`, 'must be an array of strings');
    const len = (col as string[]).length;
    if (n >= 0 && len !== n) fail(`${name}.${k}`, `has ${len} entries but \`${name}.${keys[0]}\` has ${n}; every column needs one entry per row`);
    n = len;
  }
  return n;
}

function checkNumbers(col: unknown, key: string, n: number, fail: (k: string, w: string) => never): void {
  if (!Array.isArray(col) || col.some((v) => typeof v !== 'number' || !Number.isFinite(v))) fail(key, 'must be an array of finite numbers');
  if ((col as number[]).length !== n) fail(key, `has ${(col as number[]).length} entries; expected ${n}`);
}
