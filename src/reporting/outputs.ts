// Writes a run's outputs into a folder atomically: everything goes to a temporary folder that is
// renamed into place at the end, so a crash never leaves a half-written result.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ContractError, writeFileAtomic } from '../model/index.js';
import { writeFillsCsv, writePositionsCsv, writeSnapshotsCsv, writeTradesCsv } from './csv-outputs.js';
import { floatCurveRows, writeEquityCsv, writeEquityParquet, type EquityCurve } from './equity-file.js';
import { renderReportHtml } from './html/report-html.js';
import { writeResultsJson, type RunResults } from './results.js';
import { writeFileAtomicSink } from './byte-sink.js';
import { equityFileName, type Analysis } from './run-result.js';
import { isoMs } from './local-date.js';

/** What the outputs need beyond the saved results. */
export interface RunFilesExtras {
  /** The equity of every bar (`output.equity: bar`); without it the curve is the snapshots'. */
  readonly barEquity?: EquityCurve;
  /** Text chunks of events.jsonl, when the event log is on. */
  readonly events?: Iterable<string | Uint8Array>;
  /** An events.jsonl to copy instead (a rebuild keeps the run's event log as it was). */
  readonly eventsFrom?: string;
}

/** The equity curve of day mode: each snapshot's exact equity. */
function snapshotCurve(r: RunResults): EquityCurve {
  return { timeMs: Float64Array.from(r.snapshots.time, isoMs), equity: Float64Array.from(r.snapshots.equity, Number) };
}

function writeEquity(path: string, r: RunResults, barEquity: EquityCurve | undefined): void {
  const parquet = path.endsWith('.parquet');
  if (r.options.equity === 'bar') {
    if (!barEquity) throw new ContractError('writeRunFiles: `output.equity: bar` needs the per-bar equity; pass it as extras.barEquity');
    if (parquet) writeEquityParquet(path, barEquity);
    else writeEquityCsv(path, floatCurveRows(barEquity));
  } else if (parquet) {
    writeEquityParquet(path, snapshotCurve(r));
  } else {
    writeEquityCsv(path, r.snapshots.time.map((t, i) => [t, r.snapshots.equity[i]!] as const));
  }
}

/**
 * Writes results.json, trades.csv, fills.csv, positions.csv, snapshots.csv, the equity curve,
 * report.html (unless `output.html: false`), events.jsonl (with the event log) and run.json into
 * `dir`, replacing it whole. Returns the file names written.
 */
export function writeRunFiles(dir: string, r: RunResults, analysis: Analysis, extras: RunFilesExtras = {}): string[] {
  const target = resolve(dir);
  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const written: string[] = [];
  const put = (name: string, write: (path: string) => void): void => {
    write(join(tmp, name));
    written.push(name);
  };
  try {
    put('results.json', (p) => writeFileAtomicSink(p, (sink) => writeResultsJson(sink, r)));
    put('trades.csv', (p) => writeTradesCsv(p, r));
    put('fills.csv', (p) => writeFillsCsv(p, r));
    put('positions.csv', (p) => writePositionsCsv(p, r));
    put('snapshots.csv', (p) => writeSnapshotsCsv(p, r));
    put(equityFileName(r), (p) => writeEquity(p, r, extras.barEquity));
    if (r.options.html) put('report.html', (p) => writeFileAtomic(p, renderReportHtml(r, analysis)));
    if (extras.events) put('events.jsonl', (p) => writeFileAtomic(p, extras.events!));
    else if (extras.eventsFrom) put('events.jsonl', (p) => copyFileSync(extras.eventsFrom!, p));
    put('run.json', (p) => writeFileAtomic(p, JSON.stringify(analysis.result, null, 2) + '\n'));
    mkdirSync(dirname(target), { recursive: true });
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  return written;
}
