// Assembles the qtrader command-line program from one file per command.
import { Command } from 'commander';
import { packageVersion } from '../model/index.js';
import { runCommand } from './run-command.js';
import { generateCommand } from './generate-command.js';
import { sweepCommand } from './sweep-command.js';
import { reportCommand } from './report-command.js';
import { ingestCommand } from './ingest-command.js';
import { catalogCommand } from './catalog-command.js';

/** The qtrader program with every command. */
export function buildProgram(): Command {
  return new Command('qtrader')
    .description('qtrader: a columnar backtesting engine (WebAssembly kernels, event-driven accounting)')
    .version(packageVersion())
    .showHelpAfterError()
    .addCommand(runCommand())
    .addCommand(generateCommand())
    .addCommand(sweepCommand())
    .addCommand(reportCommand())
    .addCommand(ingestCommand())
    .addCommand(catalogCommand())
    .addHelpText('after', `
Examples:
  $ qtrader generate --symbols AAA,BBB --bars 1000000 --seed 7 --out data/sample
  $ qtrader run -c config/backtest.yaml
  $ qtrader run --data data/sample/AAA.parquet --strategy sma_cross --param fast=10 --param slow=30 --out out/aaa`);
}
