// `qtrader run`: a backtest from a YAML config, or from flags for the common case.
import { Command, Option } from 'commander';
import { ConfigError } from '../model/index.js';
import { loadConfigFile, normalizeConfig, type RunConfig } from '../config/index.js';
import { runBacktest } from '../engine/index.js';
import { formatSummary } from './summary.js';
import { progressLine } from './progress.js';

interface RunFlags {
  config?: string;
  data?: string[];
  symbol?: string[];
  strategy?: string;
  param: string[];
  size?: string;
  fraction?: string;
  commissionPerShare?: string;
  commissionMin?: string;
  cash?: string;
  start?: string;
  end?: string;
  engine?: 'wasm' | 'js';
  out?: string;
  eventLog?: boolean;
  json?: boolean;
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** Builds a raw config object from flags (no config file); validated like a YAML config. */
export function configFromFlags(f: RunFlags): RunConfig {
  if (!f.data || f.data.length === 0) throw new ConfigError('run: give a config with `-c, --config <path>`, or data with `--data <file>`');
  if (!f.strategy) throw new ConfigError('run: `--strategy <name>` is required with --data');
  const params: Record<string, string> = {};
  for (const p of f.param) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(p);
    if (!m) throw new ConfigError(`--param ${p}: expected name=value, e.g. --param fast=10`);
    params[m[1]!] = m[2]!;
  }
  const symbols = f.symbol ?? [];
  if (symbols.length > 0 && symbols.length !== f.data.length) throw new ConfigError(`--symbol: give one per --data file (${f.data.length}); got ${symbols.length}`);
  const num = (flag: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new ConfigError(`${flag}: expected a number; got ${JSON.stringify(v)}`);
    return n;
  };
  const raw = {
    run: { engine: f.engine ?? 'wasm' },
    data: {
      files: f.data.map((path, i) => (symbols[i] ? { path, symbol: symbols[i] } : { path })),
      ...(f.start ? { start: f.start } : {}), ...(f.end ? { end: f.end } : {}),
    },
    strategy: { name: f.strategy, params },
    portfolio: { initial_cash: f.cash ?? '100000' },
    sizing: f.fraction !== undefined ? { method: 'fixed_fraction', fraction: num('--fraction', f.fraction) } : { method: 'fixed_quantity', quantity: num('--size', f.size ?? '100') },
    execution: { commission: { per_share: f.commissionPerShare ?? '0', minimum: f.commissionMin ?? '0' } },
    output: { dir: f.out ?? 'out/run', event_log: f.eventLog ?? false },
  };
  return normalizeConfig(raw, 'command line');
}

/** The `run` command. */
export function runCommand(): Command {
  return new Command('run')
    .description('run a backtest from a YAML config, or from --data and --strategy')
    .option('-c, --config <path>', 'YAML run config (see config/backtest.yaml)')
    .option('--data <file>', 'bars file (.csv, .parquet, .arrow); repeat for several symbols', collect)
    .option('--symbol <name>', 'symbol of each --data file (default: the file name)', collect)
    .option('--strategy <name>', 'strategy name: sma_cross, buy_and_hold')
    .option('--param <name=value>', 'strategy parameter; repeatable', collect, [])
    .option('--size <shares>', 'fixed quantity per order (default 100)')
    .option('--fraction <f>', 'size each entry as this fraction of equity instead of --size')
    .option('--commission-per-share <usd>', 'commission per share, e.g. 0.005')
    .option('--commission-min <usd>', 'minimum commission per order')
    .option('--cash <usd>', 'initial cash (default 100000)')
    .option('--start <YYYY-MM-DD>', 'first date (in the exchange time zone)')
    .option('--end <YYYY-MM-DD>', 'last date')
    .addOption(new Option('--engine <engine>', 'kernel implementation').choices(['wasm', 'js']))
    .option('--out <dir>', 'output folder (replaces output.dir)')
    .option('--event-log', 'also write events.jsonl (every event on the bus)')
    .option('--json', 'print run.json instead of the summary')
    .addHelpText('after', `
Examples:
  $ qtrader run -c config/backtest.yaml
  $ qtrader run -c config/backtest.yaml --out out/my-run --event-log
  $ qtrader run --data data/sample/AAA.csv --strategy sma_cross --param fast=10 --param slow=30 \\
      --size 100 --commission-per-share 0.005 --cash 100000 --out out/aaa`)
    .action(async (f: RunFlags) => {
      let cfg = f.config ? loadConfigFile(f.config) : configFromFlags(f);
      if (f.config && f.engine) cfg = { ...cfg, run: { ...cfg.run, engine: f.engine } };
      const t0 = performance.now();
      const progress = progressLine('backtest');
      const outcome = await runBacktest(cfg, {
        ...(f.out ? { outDir: f.out } : {}),
        ...(f.eventLog ? { eventLog: true } : {}),
        ...(progress ? { onProgress: progress } : {}),
        log: (line) => process.stderr.write(line + '\n'),
      });
      const secs = (performance.now() - t0) / 1000;
      process.stdout.write(f.json ? JSON.stringify(outcome.result, null, 2) + '\n' : formatSummary(outcome.result, outcome.outDir, secs) + '\n');
    });
}
