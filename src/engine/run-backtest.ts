// One backtest from a config: make sample data if asked, load and align bars, run the engine,
// build the run result and write every output atomically.
import { existsSync, statSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { ConfigError, isoUtc, packageVersion, type AlignedBars } from '../model/index.js';
import { deriveRunId, type QtraderEvent } from '../events/index.js';
import { loadBars, alignBars, generateBars, writeGenerated, localToUtcMs } from '../data/index.js';
import { buildRunResult, writeRunFiles, type RunResult } from '../reporting/index.js';
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

/** Loads, filters and aligns the configured bars. */
export async function loadConfiguredBars(cfg: RunConfig): Promise<AlignedBars> {
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
  const outputs: Record<string, string> = { trades: 'trades.csv', fills: 'fills.csv', equity: 'equity.csv' };
  if (eventLog) outputs['events'] = 'events.jsonl';
  const T = bars.length;
  let validBars = 0;
  for (let i = 0; i < bars.close.length; i++) if (bars.close[i] === bars.close[i]) validBars++;
  const result = buildRunResult({
    runId, version: packageVersion(), engine: cfg.run.engine, config: cfg,
    symbols: bars.symbols, timestamps: T, bars: validBars, firstTsMs: bars.tsMs[0]!, lastTsMs: bars.tsMs[T - 1]!, timezone: bars.timezone,
    initialCash: cfg.portfolio.initial_cash, finalSnapshot: res.finalSnapshot, unfilled: res.unfilled,
    periodsPerYear: cfg.reporting.periods_per_year, riskFreeRate: cfg.reporting.risk_free_rate, outputs,
  }, res.reporting);
  const equityRows: Iterable<readonly [string, string]> = barEquity
    ? (function* () {
        for (let t = 0; t < T; t++) yield [isoUtc(bars.tsMs[t]!), formatFloat(res.barEquity[t]!)] as const;
      })()
    : res.reporting.snapshotEquity.map((s) => [s.time, s.equity] as const);
  const files = writeRunFiles(outDir, {
    runJson: result, trades: res.reporting.tradesCsv, fills: res.reporting.fillsCsv, equity: equityRows,
    ...(res.eventLog ? { events: res.eventLog.text() } : {}),
  });
  return { result, outDir, files };
}

/** A float equity as text with at most 6 decimals (bar equity is float; daily equity is exact). */
function formatFloat(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}
