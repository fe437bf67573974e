// One backtest from a config: make sample data if asked, load and align bars, run the engine,
// collect the saved results, build run.json and write every output atomically.
import { existsSync, statSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { ConfigError, packageVersion } from '../model/index.js';
import { deriveRunId, type CorporateActionPayload, type QtraderEvent } from '../events/index.js';
import { loadBars, alignBars, generateBars, writeGenerated, localToUtcMs, readCatalogAligned, manifestHash, Catalog, corporateActionsFor, type SliceSourceOptions } from '../data/index.js';
import { analyzeRun, collectResults, writeRunFiles, MarketRecorder, recordBars, type MarketRecord, type RunResult } from '../reporting/index.js';
import type { RunConfig } from '../config/index.js';
import { runEngine, type EngineOptions } from './backtest-engine.js';
import { loadStrategyFiles, strategyFilesFingerprint } from '../strategy/index.js';
import { catalogSource, executionColumns, isMarketSource, type MarketSource } from './market-source.js';
import type { MarketBars } from './engine-venue.js';
import { intrabarBounds } from './intrabar-bounds.js';

/** Options of a run beyond its config. */
export interface RunOptions {
  /** Output folder; overrides `output.dir`. */
  readonly outDir?: string;
  /** Write events.jsonl; overrides `output.event_log`. */
  readonly eventLog?: boolean;
  /** Called with every event (tests validate them against the contracts). */
  readonly onEvent?: (e: QtraderEvent) => void;
  /** Progress of the engine, bars done of total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Notes for the user (data generated, …). */
  readonly log?: (line: string) => void;
  /** A strategy object instead of the registry's `strategy.name` (API users, scripted tests). */
  readonly strategy?: EngineOptions['strategy'];
  /** Extra services wired to the bus of every engine run (the headline and the intrabar reruns). */
  readonly services?: EngineOptions['services'];
  /** Timestamps per slice (whole bars are cut into slices of this size; a catalog streams them); default: see runBacktest. */
  readonly sliceRows?: number;
  /** Corporate action records to apply (runBacktest reads them from the catalog; see {@link catalogCorporateActions}). */
  readonly corporateActions?: EngineOptions['corporateActions'];
}

/** What a finished run returns to the CLI. */
export interface RunOutcome {
  readonly result: RunResult;
  readonly outDir: string;
  readonly files: string[];
}

/** Generates the configured sample files that are missing (`data.generate`). */
export async function ensureData(cfg: RunConfig, log: (line: string) => void = () => {}): Promise<void> {
  const gen = cfg.data.generate;
  const missing = cfg.data.files.filter((f) => !existsSync(f.path));
  if (missing.length === 0 || !gen) return;
  const symbols = missing.map((f) => f.symbol);
  log(`generating ${gen.bars} bars for ${symbols.join(', ')} (seed ${gen.seed}) into ${dirname(missing[0]!.path)}`);
  const series = generateBars({ symbols, bars: gen.bars, seed: gen.seed, start: gen.start, zone: cfg.data.timezone });
  for (const f of missing) {
    const ext = extname(f.path).slice(1);
    if (ext !== 'csv' && ext !== 'parquet' && ext !== 'arrow') throw new ConfigError(`\`data.path\`: cannot generate ${f.path}: use a .csv, .parquet or .arrow path`);
  }
  const dirs = new Set(missing.map((f) => dirname(f.path)));
  for (const dir of dirs) await writeGenerated(series, dir, ['csv', 'parquet']);
}

/**
 * Loads, filters and aligns the configured bars: from `data.catalog` (symbols, dates, session, bar
 * size and price mode applied while reading; `signal_prices` adds adj_* columns in `extra`; quotes and VWAP
 * as execution columns, see {@link catalogSelection}), else from files.
 */
export async function loadConfiguredBars(cfg: RunConfig): Promise<MarketBars> {
  if (cfg.data.catalog) {
    const bars = readCatalogAligned(catalogSelection(cfg));
    return { ...bars, ...executionColumns(bars.extra) };
  }
  const series = await loadBars({ files: cfg.data.files.map((f) => ({ path: f.path, symbol: f.symbol })), zone: cfg.data.timezone });
  const range: { start?: number; end?: number } = {};
  if (cfg.data.start) {
    const [y, m, d] = cfg.data.start.split('-').map(Number) as [number, number, number];
    range.start = localToUtcMs(cfg.data.timezone, y, m, d, 0, 0, 0);
  }
  if (cfg.data.end) {
    const [y, m, d] = cfg.data.end.split('-').map(Number) as [number, number, number];
    range.end = localToUtcMs(cfg.data.timezone, y, m, d, 23, 59, 59) + 999;
  }
  return alignBars(series, cfg.data.timezone, range);
}

const QUOTE_COLUMNS = ['open_bid', 'open_ask', 'close_bid', 'close_ask'] as const;

/**
 * What a catalog run reads (`data.catalog` settings, symbols, dates), with the execution columns the
 * dataset has: the bid/ask of trade-and-quote bars (`data.quotes`, raw prices only: quotes are not
 * adjusted) and the VWAP when `execution.fill_policy` is vwap_next_bar.
 */
export function catalogSelection(cfg: RunConfig): SliceSourceOptions {
  const cat = cfg.data.catalog;
  if (!cat) throw new ConfigError('catalogSelection: the config has no `data.catalog`');
  const catalog = Catalog.open(cat.dir);
  const dataset = cat.dataset ?? catalog.defaultDataset();
  const columns = catalog.dataset(dataset).columns;
  const extra: string[] = [];
  if (cfg.execution.fill_policy === 'vwap_next_bar' && columns.includes('vwap')) extra.push('vwap');
  if (cat.quotes && cat.prices === 'raw' && QUOTE_COLUMNS.every((c) => columns.includes(c))) extra.push(...QUOTE_COLUMNS);
  return {
    catalog, dataset, symbols: cfg.data.symbols, session: cat.session, prices: cat.prices,
    ...(cat.signal_prices ? { adjusted: cat.signal_prices } : {}), ...(extra.length > 0 ? { extra } : {}),
    ...(cat.bar ? { interval: cat.bar } : {}), ...(cfg.data.start ? { start: cfg.data.start } : {}), ...(cfg.data.end ? { end: cfg.data.end } : {}),
  };
}

/** Action kinds a price mode already contains, which the ledger must then not apply again. */
const IN_PRICES: Record<string, ReadonlySet<string>> = {
  raw: new Set(),
  split_adjusted: new Set(['split', 'reverse_split']),
  total_return: new Set(['split', 'reverse_split', 'dividend', 'special_dividend']),
};

/**
 * The corporate actions of a catalog run's symbols with an ex date in `data.start`…`data.end`, from
 * the catalog's Algoseek daily factors and security master (none for a file run, or with
 * `data.corporate_actions: false`). Kinds the configured `data.prices` already contain are left out.
 */
export function catalogCorporateActions(cfg: RunConfig): CorporateActionPayload[] {
  const cat = cfg.data.catalog;
  if (!cat || !cat.corporate_actions) return [];
  const catalog = Catalog.open(cat.dir);
  const range = { ...(cfg.data.start ? { start: cfg.data.start } : {}), ...(cfg.data.end ? { end: cfg.data.end } : {}) };
  const skip = IN_PRICES[cat.prices]!;
  const seen = new Set<string>();
  const out: CorporateActionPayload[] = [];
  for (const symbol of cfg.data.symbols) {
    for (const a of corporateActionsFor(catalog, symbol, range)) {
      // a symbol change is listed for both its old and its new symbol
      const key = JSON.stringify(a);
      if (skip.has(a.action_type) || seen.has(key)) continue;
      seen.add(key);
      out.push(a as CorporateActionPayload);
    }
  }
  return out;
}

/** Fingerprint of the input files (size and modification time) for the derived run id. */
function dataFingerprint(cfg: RunConfig): string {
  if (cfg.data.catalog) return `catalog:${manifestHash(cfg.data.catalog.dir)}`;
  return cfg.data.files.map((f) => `${f.symbol}:${statSync(f.path).size}`).join(',');
}

/**
 * Runs a whole backtest from its config and writes its outputs: a catalog selection streams slice by
 * slice (bounded memory; see {@link catalogSource}); files are generated if asked, loaded and aligned.
 */
export async function runBacktest(cfg: RunConfig, opts: RunOptions = {}): Promise<RunOutcome> {
  await ensureData(cfg, opts.log);
  // strategy files are imported before the (synchronous) engine runs; their text is part of the derived run id
  await loadStrategyFiles(cfg.strategies);
  // the data is opened (and bad input reported, naming the file) before the run id fingerprints it
  const selection = cfg.data.catalog ? catalogSelection(cfg) : undefined;
  const bars = selection ? undefined : await loadConfiguredBars(cfg);
  const runId = cfg.run.id ?? deriveRunId(JSON.stringify(cfg) + '|' + dataFingerprint(cfg) + strategyFilesFingerprint(cfg.strategies));
  const corporateActions = opts.corporateActions ?? catalogCorporateActions(cfg);
  if (selection) {
    const symbols = selection.symbols?.length ?? 1;
    // about 1M values per column per slice (4,096 timestamps up to 256 symbols): memory for the
    // slice and its arena copy stays near 100 MB whatever the universe
    const sliceRows = opts.sliceRows ?? Math.max(256, Math.min(4096, Math.floor((1 << 20) / symbols)));
    return runOnSource(cfg, () => catalogSource({ ...selection, sliceRows }), runId, { ...opts, corporateActions });
  }
  return runOnBars(cfg, bars!, runId, { ...opts, corporateActions });
}

/** Runs the engine over bars already in memory, builds run.json and writes every output into the folder. */
export function runOnBars(cfg: RunConfig, bars: MarketBars, runId: string, opts: RunOptions = {}): RunOutcome {
  return runOnSource(cfg, () => bars, runId, opts);
}

/**
 * Runs the engine over the bars `open` gives (whole bars, or a fresh MarketSource each call: the
 * intrabar comparison runs the data again), builds run.json and writes every output into the folder.
 */
export function runOnSource(cfg: RunConfig, open: () => MarketBars | MarketSource, runId: string, opts: RunOptions = {}): RunOutcome {
  const eventLog = opts.eventLog ?? cfg.output.event_log;
  const barEquity = cfg.output.equity === 'bar';
  const rep = cfg.reporting;
  const common = {
    runId, ...(opts.strategy ? { strategy: opts.strategy } : {}), ...(opts.services ? { services: opts.services } : {}),
    ...(opts.corporateActions ? { corporateActions: opts.corporateActions } : {}), ...(opts.sliceRows ? { sliceBars: opts.sliceRows } : {}),
  };
  // what reporting needs of the bars, recorded as the slices stream by (whole bars: read at once)
  const input = open();
  const recordOptions = { benchmark: rep.benchmark, chartSymbol: rep.chart_symbol, chartPoints: rep.chart_points };
  let market: MarketRecord | undefined;
  let recorder: MarketRecorder | undefined;
  let engineInput: MarketBars | MarketSource = input;
  if (isMarketSource(input)) {
    const rec = (recorder = new MarketRecorder({ ...recordOptions, symbols: input.symbols, timezone: input.timezone }));
    engineInput = { ...input, next: () => {
      const s = input.next();
      if (s) rec.add(s);
      return s;
    } };
  } else market = recordBars(input, recordOptions);
  const res = runEngine(cfg, engineInput, {
    ...common, eventLog, barEquity,
    ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  market ??= recorder!.finish();
  // a bar with both legs of a bracket inside it: the same run under the other intrabar policies, quietly
  const bounds = res.ambiguousBars === 0 ? null : intrabarBounds(cfg, (c) => runEngine(c, open(), common), res);
  const outDir = opts.outDir ?? cfg.output.dir;
  const results = collectResults(res.reporting, {
    runId, version: packageVersion(), engine: cfg.run.engine, config: cfg, market,
    initialCash: cfg.portfolio.initial_cash, unfilled: res.unfilled,
    flags: res.flags, optimistic: cfg.execution.fill_policy === 'same_close', intrabarBounds: bounds,
    options: {
      periods_per_year: rep.periods_per_year, risk_free_rate: rep.risk_free_rate, rolling_window: rep.rolling_window,
      chart_points: rep.chart_points, html_trades: rep.html_trades,
      equity: cfg.output.equity, html: cfg.output.html, parquet_rows: cfg.output.parquet_rows, event_log: eventLog,
    },
  });
  const analysis = analyzeRun(results);
  const files = writeRunFiles(outDir, results, analysis, {
    ...(barEquity ? { barEquity: { timeMs: res.timeMs, equity: res.barEquity } } : {}),
    ...(res.eventLog ? { events: res.eventLog.text() } : {}),
  });
  return { result: analysis.result, outDir, files };
}
