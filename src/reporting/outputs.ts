// Writes a run's outputs into a folder atomically: everything goes to a temporary folder that is
// renamed into place at the end, so a crash never leaves a half-written result.
import { mkdirSync, renameSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CsvWriter, writeFileAtomic } from './csv.js';

/** What goes into the output folder. */
export interface RunFiles {
  readonly runJson: unknown;
  /** trades.csv, filled in by the reporting service. */
  readonly trades: CsvWriter;
  /** fills.csv, filled in by the reporting service. */
  readonly fills: CsvWriter;
  /** Rows of equity.csv: ISO time and equity text. */
  readonly equity: Iterable<readonly [string, string]>;
  /** Text chunks of events.jsonl, when the event log is on. */
  readonly events?: readonly string[];
}

/** Writes run.json, trades.csv, fills.csv, equity.csv (and events.jsonl) into `dir`, replacing it whole. */
export function writeRunFiles(dir: string, files: RunFiles): string[] {
  const target = resolve(dir);
  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const written: string[] = [];
  try {
    files.trades.writeTo(join(tmp, 'trades.csv'));
    written.push('trades.csv');
    files.fills.writeTo(join(tmp, 'fills.csv'));
    written.push('fills.csv');
    const eq = new CsvWriter(['timestamp', 'equity']);
    for (const [t, v] of files.equity) eq.addRow([t, v]);
    eq.writeTo(join(tmp, 'equity.csv'));
    written.push('equity.csv');
    if (files.events) {
      writeFileAtomic(join(tmp, 'events.jsonl'), files.events);
      written.push('events.jsonl');
    }
    writeFileAtomic(join(tmp, 'run.json'), [JSON.stringify(files.runJson, null, 2) + '\n']);
    written.push('run.json');
    mkdirSync(dirname(target), { recursive: true });
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  return written;
}
