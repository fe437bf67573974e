// `qtrader generate`: deterministic synthetic minute bars as CSV and Parquet.
import { Command } from 'commander';
import { ConfigError } from '../model/index.js';
import { generateBars, writeGenerated } from '../data/index.js';

interface GenerateFlags {
  symbols: string;
  bars: string;
  seed: string;
  start: string;
  out: string;
  format: string;
}

/** The `generate` command. */
export function generateCommand(): Command {
  return new Command('generate')
    .description('write deterministic synthetic minute bars (seeded geometric random walk, 09:30–16:00 New York, weekdays)')
    .option('--symbols <list>', 'comma-separated symbols', 'AAA,BBB,CCC')
    .option('--bars <n>', 'bars per symbol', '100000')
    .option('--seed <n>', 'random seed: the same seed gives the same bytes', '7')
    .option('--start <YYYY-MM-DD>', 'first session', '2024-01-02')
    .option('--format <list>', 'comma-separated: csv, parquet, arrow', 'csv,parquet')
    .option('--out <dir>', 'output folder', 'data/sample')
    .addHelpText('after', `
Examples:
  $ qtrader generate --symbols AAA,BBB --bars 1000000 --seed 7 --out data/sample
  $ qtrader generate --symbols SPY --bars 10000000 --format parquet --out data/big`)
    .action(async (f: GenerateFlags) => {
      const bars = Number(f.bars);
      const seed = Number(f.seed);
      if (!Number.isInteger(bars) || bars < 1) throw new ConfigError(`--bars: expected a positive integer; got ${JSON.stringify(f.bars)}`);
      if (!Number.isInteger(seed)) throw new ConfigError(`--seed: expected an integer; got ${JSON.stringify(f.seed)}`);
      const symbols = f.symbols.split(',').map((s) => s.trim()).filter(Boolean);
      if (symbols.length === 0 || symbols.some((s) => !/^[A-Za-z0-9._-]+$/.test(s))) throw new ConfigError(`--symbols: expected names like AAA,BBB; got ${JSON.stringify(f.symbols)}`);
      const formats = f.format.split(',').map((s) => s.trim());
      for (const fm of formats) if (!['csv', 'parquet', 'arrow'].includes(fm)) throw new ConfigError(`--format: unknown format "${fm}"; expected csv, parquet or arrow`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(f.start)) throw new ConfigError(`--start: expected YYYY-MM-DD; got ${JSON.stringify(f.start)}`);
      const t0 = performance.now();
      const series = generateBars({ symbols, bars, seed, start: f.start, zone: 'America/New_York' });
      const files = await writeGenerated(series, f.out, formats as ('csv' | 'parquet' | 'arrow')[]);
      process.stdout.write(`wrote ${symbols.length} × ${bars.toLocaleString('en-US')} bars in ${((performance.now() - t0) / 1000).toFixed(2)} s:\n${files.map((x: string) => '  ' + x).join('\n')}\n`);
    });
}
