// `qtrader report DIR`: rebuilds every output of a finished run (run.json, CSVs, equity curve,
// report.html) from the run's saved results, without the data files or a rerun.
import { Command } from 'commander';
import { rebuildRunOutputs } from '../reporting/index.js';
import { colorFor, formatSummary } from './summary.js';

interface ReportFlags {
  out?: string;
  json?: boolean;
}

/** The `report` command. */
export function reportCommand(): Command {
  return new Command('report')
    .description('rebuild every output of a finished run (run.json, CSVs, equity, report.html) from its results.json')
    .argument('<dir>', 'output folder of a finished run')
    .option('--out <dir>', 'write the rebuilt outputs here instead of replacing <dir>')
    .option('--json', 'print run.json instead of the summary')
    .addHelpText('after', `
Examples:
  $ qtrader report out/quickstart
  $ qtrader report out/quickstart --out out/quickstart-rebuilt`)
    .action((dir: string, f: ReportFlags) => {
      const outcome = rebuildRunOutputs(dir, f.out ?? dir);
      process.stdout.write(f.json
        ? JSON.stringify(outcome.result, null, 2) + '\n'
        : formatSummary(outcome.result, outcome.outDir, undefined, { color: colorFor(process.stdout) }) + '\n');
    });
}
