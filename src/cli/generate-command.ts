// `qtrader generate`: deterministic synthetic minute bars as CSV and Parquet, or as files in
// Algoseek's formats and folder layout (trade-only, TAQ, adjusted daily) for ingest tests and benches.
import { Command } from 'commander';
import { ConfigError } from '../model/index.js';
import { ALGOSEEK_FORMATS, CALENDAR_NAMES, generateBars, writeAlgoseekFiles, writeGenerated, type AlgoseekFormat, type CalendarName } from '../data/index.js';

interface GenerateFlags {
  symbols: string;
  bars: string;
  seed: string;
  start: string;
  out: string;
  format: string;
  gzip: boolean;
  single?: boolean;
  calendar: string;
}

/** The `generate` command. */
export function generateCommand(): Command {
  return new Command('generate')
    .description('write deterministic synthetic minute bars (seeded geometric random walk, 09:30–16:00 New York, weekdays)')
    .option('--symbols <list>', 'comma-separated symbols', 'AAA,BBB,CCC')
    .option('--bars <n>', 'bars per symbol', '100000')
    .option('--seed <n>', 'random seed: the same seed gives the same bytes', '7')
    .option('--start <YYYY-MM-DD>', 'first session', '2024-01-02')
    .option('--format <list>', 'comma-separated: csv, parquet, arrow, algoseek-trades, algoseek-taq, algoseek-daily', 'csv,parquet')
    .option('--no-gzip', 'write Algoseek files as plain .csv instead of .csv.gz')
    .option('--single', 'Algoseek intraday formats: one file per symbol instead of one per symbol per day')
    .option('--calendar <name>', 'which days trade: weekdays (every Monday–Friday, 390 bars) or nyse (holidays skipped, early closes end at 13:00)', 'weekdays')
    .option('--out <dir>', 'output folder', 'data/sample')
    .addHelpText('after', `
Examples:
  $ qtrader generate --symbols AAA,BBB --bars 1000000 --seed 7 --out data/sample
  $ qtrader generate --symbols SPY --bars 10000000 --format parquet --out data/big
  $ qtrader generate --symbols AAPL,MSFT --bars 100000 --format algoseek-trades --out data/algoseek
  $ qtrader generate --symbols AAPL --bars 5000000 --format algoseek-trades --single --no-gzip --out data/bench
  $ qtrader generate --symbols SPY --bars 200000 --calendar nyse --start 2024-11-25 --out data/nyse`)
    .action(async (f: GenerateFlags) => {
      const bars = Number(f.bars);
      const seed = Number(f.seed);
      if (!Number.isInteger(bars) || bars < 1) throw new ConfigError(`--bars: expected a positive integer; got ${JSON.stringify(f.bars)}`);
      if (!Number.isInteger(seed)) throw new ConfigError(`--seed: expected an integer; got ${JSON.stringify(f.seed)}`);
      const symbols = f.symbols.split(',').map((s) => s.trim()).filter(Boolean);
      if (symbols.length === 0 || symbols.some((s) => !/^[A-Za-z0-9._-]+$/.test(s))) throw new ConfigError(`--symbols: expected names like AAA,BBB; got ${JSON.stringify(f.symbols)}`);
      const formats = f.format.split(',').map((s) => s.trim());
      const algo = formats.filter((fm) => (ALGOSEEK_FORMATS as readonly string[]).includes(fm)) as AlgoseekFormat[];
      const plain = formats.filter((fm) => !algo.includes(fm as AlgoseekFormat));
      for (const fm of plain) if (!['csv', 'parquet', 'arrow'].includes(fm)) throw new ConfigError(`--format: unknown format "${fm}"; expected csv, parquet, arrow, ${ALGOSEEK_FORMATS.join(', ')}`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(f.start)) throw new ConfigError(`--start: expected YYYY-MM-DD; got ${JSON.stringify(f.start)}`);
      if (!(CALENDAR_NAMES as readonly string[]).includes(f.calendar)) throw new ConfigError(`--calendar: expected ${CALENDAR_NAMES.join(' or ')}; got ${JSON.stringify(f.calendar)}`);
      const t0 = performance.now();
      const series = generateBars({ symbols, bars, seed, start: f.start, zone: 'America/New_York', calendar: f.calendar as CalendarName });
      const files = plain.length > 0 ? await writeGenerated(series, f.out, plain as ('csv' | 'parquet' | 'arrow')[]) : [];
      for (const fm of algo) {
        // One Algoseek format alone writes its layout straight into --out; several go to subfolders.
        const dir = algo.length === 1 && plain.length === 0 ? f.out : `${f.out}/${fm}`;
        const written = writeAlgoseekFiles(series, { format: fm, outDir: dir, gzip: f.gzip, ...(f.single ? { single: true } : {}) });
        files.push(written.length > 8 ? `${dir}/ (${written.length} files)` : written.join('\n  '));
      }
      process.stdout.write(`wrote ${symbols.length} × ${bars.toLocaleString('en-US')} bars in ${((performance.now() - t0) / 1000).toFixed(2)} s:\n${files.map((x: string) => '  ' + x).join('\n')}\n`);
    });
}
