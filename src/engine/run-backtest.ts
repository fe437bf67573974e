// One backtest from a config: make sample data if asked, load and align bars, run the engine,
// collect the saved results, build run.json and write every output atomically.
import { existsSync, statSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { ConfigError, packageVersion, type AlignedBars } from '../model/index.js';
import { deriveRunId, type QtraderEvent } from '../events/index.js';
import { loadBars, alignBars, generateBars, writeGenerated, localToUtcMs, readCatalogAligned, manifestHash } from '../data/index.js';
import { analyzeRun, collectResults, writeRunFiles, type RunResult } from '../reporting/index.js';
import type { RunConfig } from '../config/index.js';
import { runEngine } from './backtest-engine.js';

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
 * size and price mode applied while reading; `signal_prices` adds adj_* columns in `extra`), else from files.
 */
export async function loadConfiguredBars(cfg: RunConfig): Promise<AlignedBars> {
  const cat = cfg.data.catalog;
  if (cat) {
    return readCatalogAligned({
      catalog: cat.dir, symbols: cfg.data.symbols, session: cat.session, prices: cat.prices,
      ...(cat.dataset ? { dataset: cat.dataset } : {}), ...(cat.signal_prices ? { adjusted: cat.signal_prices } : {}),
      ...(cat.bar ? { interval: cat.bar } : {}), ...(cfg.data.start ? { start: cfg.data.start } : {}), ...(cfg.data.end ? { end: cfg.data.end } : {}),
    });
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

/** Fingerprint of the input files (size and modification time) for the derived run id. */
function dataFingerprint(cfg: RunConfig): string {
  if (cfg.data.catalog) return `catalog:${manifestHash(cfg.data.catalog.dir)}`;
  return cfg.data.files.map((f) => `${f.symbol}:${statSync(f.path).size}`).join(',');
}

/** Runs a whole backtest from its config (data generated if asked, loaded, aligned) and writes its outputs. */
export async function runBacktest(cfg: RunConfig, opts: RunOptions = {}): Promise<RunOutcome> {
  await ensureData(cfg, opts.log);
  const bars = await loadConfiguredBars(cfg);
  const runId = cfg.run.id ?? deriveRunId(JSON.stringify(cfg) + '|' + dataFingerprint(cfg));
  return runOnBars(cfg, bars, runId, opts);
}

/** Runs the engine over bars already in memory, builds run.json and writes every output into the folder. */
export function runOnBars(cfg: RunConfig, bars: AlignedBars, runId: string, opts: RunOptions = {}): RunOutcome {
  const eventLog = opts.eventLog ?? cfg.output.event_log;
  const barEquity = cfg.output.equity === 'bar';
  const res = runEngine(cfg, bars, {
    runId, eventLog, barEquity,
    ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  const outDir = opts.outDir ?? cfg.output.dir;
  const rep = cfg.reporting;
  const results = collectResults(res.reporting, {
    runId, version: packageVersion(), engine: cfg.run.engine, config: cfg, bars,
    initialCash: cfg.portfolio.initial_cash, unfilled: res.unfilled,
    benchmark: rep.benchmark, chartSymbol: rep.chart_symbol,
    options: {
      periods_per_year: rep.periods_per_year, risk_free_rate: rep.risk_free_rate, rolling_window: rep.rolling_window,
      chart_points: rep.chart_points, html_trades: rep.html_trades,
      equity: cfg.output.equity, html: cfg.output.html, parquet_rows: cfg.output.parquet_rows, event_log: eventLog,
    },
  });
  const analysis = analyzeRun(results);
  const files = writeRunFiles(outDir, results, analysis, {
    ...(barEquity ? { barEquity: { timeMs: bars.tsMs, equity: res.barEquity } } : {}),
    ...(res.eventLog ? { events: res.eventLog.text() } : {}),
  });
  return { result: analysis.result, outDir, files };
}
