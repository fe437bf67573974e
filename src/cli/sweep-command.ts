// `qtrader sweep`: a parameter sweep from a YAML config on every core (resumable, shardable), and
// `qtrader sweep merge` to combine shards; progress on a TTY, plain lines in pipes, nothing with --quiet.
import { relative, isAbsolute } from 'node:path';
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { ConfigError } from '../model/index.js';
import {
  loadSweepConfigFile, runSweep, mergeShards, parseShard, progressRates, progressLine, formatDuration,
  ROW_COLUMNS, type SweepProgress, type FinalOutcome,
} from '../sweep/index.js';

interface SweepFlags {
  config?: string;
  workers?: string;
  out?: string;
  shard?: string;
  resume?: boolean;
  restart?: boolean;
  quiet?: boolean;
  json?: boolean;
}

/** A progress reporter: a bar on a TTY, a line every `everySeconds` otherwise; undefined when quiet. */
function progressReporter(unit: string, quiet: boolean, everySeconds = 10): { update: (p: SweepProgress) => void; stop: () => void } | undefined {
  if (quiet) return undefined;
  let start: SweepProgress | undefined;
  let t0 = 0, lastLine = 0;
  const tty = process.stderr.isTTY && !process.env['CI'];
  const bar = tty ? new cliProgress.SingleBar({
    format: `sweep [{bar}] {percentage}% | {value}/{total} ${unit} | {rps}/s | {bps} bars/s | {left} left`,
    stream: process.stderr, hideCursor: true, fps: 10,
  }, cliProgress.Presets.shades_classic) : undefined;
  return {
    update(p) {
      const now = performance.now();
      if (!start) {
        start = p;
        t0 = now;
        bar?.start(p.total, p.done, { rps: '0', bps: '0', left: '?' });
        if (!tty) process.stderr.write(`sweep: ${p.total.toLocaleString('en-US')} ${unit} to compute${p.done ? ` (${p.done.toLocaleString('en-US')} restored)` : ''}\n`);
        return;
      }
      const r = progressRates(start, p, (now - t0) / 1000);
      if (bar) bar.update(p.done, { rps: Math.round(r.runsPerSecond).toLocaleString('en-US'), bps: Math.round(r.barsPerSecond).toLocaleString('en-US'), left: formatDuration(r.secondsLeft) });
      else if (now - lastLine >= everySeconds * 1000 || p.done === p.total) {
        lastLine = now;
        process.stderr.write(progressLine(p, r, unit) + '\n');
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

/** A folder as the user would type it: relative to the working folder when inside it. */
const shown = (dir: string): string => {
  const r = relative(process.cwd(), dir);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : dir;
};
const pct = (x: number): string => (x === x ? `${(100 * x).toFixed(2)}%` : 'n/a');
const num = (x: number, d = 2): string => (x === x ? x.toFixed(d) : 'n/a');

/** The summary lines and the top-N table of a finished sweep. */
function formatFinal(f: FinalOutcome, extra: [string, string][]): string {
  const rows = [...f.lines, ...extra];
  const w = Math.max(...rows.map(([k]) => k.length));
  let text = rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n') + '\n';
  if (f.top.length > 0) {
    const names = Object.keys(f.top[0]!.values);
    const col = (c: (typeof ROW_COLUMNS)[number]): number => ROW_COLUMNS.indexOf(c);
    const head = ['rank', 'symbol', ...names, 'trades', 'final equity', 'return', 'Sharpe', 'max DD', 'win rate'];
    const symbols = (f.summary['data'] as { symbols: { symbol: string }[] }).symbols;
    const body = f.top.map((e) => [String(e.rank), symbols[e.symbol]!.symbol, ...names.map((n) => String(e.values[n])), String(e.row[col('trade_count')]),
      e.row[col('final_equity')]!.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }), pct(e.row[col('total_return')]!),
      num(e.row[col('sharpe')]!), pct(e.row[col('max_drawdown')]!), pct(e.row[col('win_rate')]!)]);
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
    text += '\n' + [head, ...body].map((r) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n') + '\n';
  }
  return text;
}

/** The `sweep` command (and its `merge` subcommand). */
export function sweepCommand(): Command {
  const merge = new Command('merge')
    .description('combine the folders of every shard of a sweep into the outputs of one run')
    .argument('<dirs...>', 'shard folders (each written by `qtrader sweep --shard K/N`)')
    .option('--out <dir>', 'output folder (default: output.dir of the sweep config)')
    .option('--quiet', 'no notes; only the summary')
    .option('--json', 'print sweep.json instead of the summary')
    .action(async (dirs: string[], own: SweepFlags, cmd: Command) => {
      // `--out`, `--quiet` and `--json` after `merge` are parsed by `sweep` (same names): take them from there
      const f: SweepFlags = { ...cmd.parent!.opts<SweepFlags>(), ...own };
      for (const flag of ['config', 'workers', 'shard', 'resume', 'restart'] as const) {
        if (f[flag] !== undefined) throw new ConfigError(`sweep merge: --${flag} does not apply (merge reads the config from the shards)`);
      }
      const t0 = performance.now();
      const final = await mergeShards(dirs, { ...(f.out ? { outDir: f.out } : {}), ...(f.quiet ? {} : { log: (l: string) => process.stderr.write(l + '\n') }) });
      process.stdout.write(f.json ? JSON.stringify(final.summary, null, 2) + '\n'
        : formatFinal(final, [['merged', `${dirs.length} shards in ${((performance.now() - t0) / 1000).toFixed(2)} s`], ['outputs', shown(final.outDir)]]));
    });
  return new Command('sweep')
    .description('run a parameter sweep (grid or random search, optional walk-forward) on every core')
    .option('-c, --config <path>', 'YAML sweep config (see config/sweeps/sma_grid.yaml)')
    .option('--workers <n>', 'worker threads (default: every core; 0 runs in the main thread)')
    .option('--out <dir>', 'output folder (replaces output.dir)')
    .option('--shard <K/N>', 'run only part K of N of the combinations; combine the parts with `qtrader sweep merge`')
    .option('--resume', 'finish an interrupted sweep from its checkpoint (<out>.checkpoint); starts fresh when there is none')
    .option('--restart', 'discard the checkpoint of an interrupted sweep and start over')
    .option('--quiet', 'no progress and no notes; only the summary')
    .option('--json', 'print sweep.json instead of the summary')
    .addCommand(merge)
    .addHelpText('after', `
Examples:
  $ qtrader sweep -c config/sweeps/sma_grid.yaml
  $ qtrader sweep -c config/sweeps/sma_grid.yaml --workers 8 --out out/grid --resume
  $ qtrader sweep -c config/sweeps/sma_grid.yaml --shard 3/8 --out out/grid/shard-3 --resume
  $ qtrader sweep merge out/grid/shard-* --out out/grid/merged`)
    .action(async (f: SweepFlags) => {
      if (!f.config) throw new ConfigError('sweep: give the sweep config with `-c, --config <path>` (see config/sweeps/sma_grid.yaml)');
      const workers = f.workers === undefined ? undefined : Number(f.workers);
      if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0)) throw new ConfigError(`--workers: expected a whole number ≥ 0; got ${JSON.stringify(f.workers)}`);
      const cfg = loadSweepConfigFile(f.config);
      const shard = f.shard ? parseShard(f.shard) : undefined;
      const log = f.quiet ? undefined : (l: string) => process.stderr.write(l + '\n');
      const units = cfg.walkForward || (cfg.base.data.files.length > 1) ? 'runs' : 'combinations';
      const progress = progressReporter(units, f.quiet ?? false);
      let outcome;
      try {
        outcome = await runSweep(cfg, {
          ...(f.out ? { outDir: f.out } : {}), ...(workers !== undefined ? { workers } : {}), ...(shard ? { shard } : {}),
          ...(f.resume ? { resume: true } : {}), ...(f.restart ? { restart: true } : {}),
          ...(progress ? { onProgress: progress.update } : {}), ...(log ? { log } : {}),
        });
      } finally {
        progress?.stop();
      }
      const threads = outcome.workers === 0 ? 'in the main thread' : `on ${outcome.workers} worker thread${outcome.workers > 1 ? 's' : ''}`;
      const rate = `${outcome.computed.toLocaleString('en-US')} ${units} ${threads} in ${(outcome.startSeconds + outcome.seconds).toFixed(2)} s `
        + `(${outcome.startSeconds.toFixed(2)} s starting, ${outcome.seconds.toFixed(2)} s computing: ${Math.round(outcome.barEvals / Math.max(outcome.seconds, 1e-9)).toLocaleString('en-US')} bar-evaluations/s)`
        + `${outcome.restored ? `; ${outcome.restored.toLocaleString('en-US')} restored from the checkpoint` : ''}`;
      if (!outcome.final) {
        process.stdout.write(`shard ${outcome.shard.index}/${outcome.shard.count} of sweep ${outcome.plan.id}: ${rate}\nrows written to ${shown(outcome.outDir)}; when every shard is done: qtrader sweep merge <shard folders...>\n`);
        return;
      }
      process.stdout.write(f.json ? JSON.stringify(outcome.final.summary, null, 2) + '\n' : formatFinal(outcome.final, [['time', rate], ['outputs', shown(outcome.outDir)]]));
    });
}
