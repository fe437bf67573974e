// `qtrader report DIR`: rebuilds every output of a finished run from its saved results
// (results.json, plus the per-bar equity file and the event log, which cannot be recomputed).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataError } from '../model/index.js';
import { readEquityFile, type EquityCurve } from './equity-file.js';
import { writeRunFiles } from './outputs.js';
import { parseResults } from './results.js';
import { analyzeRun, equityFileName, type RunResult } from './run-result.js';

/** What a rebuild wrote. */
export interface RebuildOutcome {
  readonly result: RunResult;
  readonly outDir: string;
  readonly files: string[];
}

/**
 * Reads `dir`/results.json, recomputes the metrics and breakdowns, and writes every output into
 * `outDir` (default: `dir` itself, replaced atomically). A per-bar equity curve is read back from
 * the run's equity file and events.jsonl is copied as it was. Errors name the missing or bad file.
 */
export function rebuildRunOutputs(dir: string, outDir: string = dir): RebuildOutcome {
  const src = resolve(dir);
  const file = join(src, 'results.json');
  if (!existsSync(file)) {
    throw new DataError(`${file}: not found; \`qtrader report\` needs the folder of a finished run (one written by \`qtrader run\`, with its results.json)`);
  }
  const results = parseResults(readFileSync(file, 'utf8'), file);
  let barEquity: EquityCurve | undefined;
  if (results.options.equity === 'bar') {
    const eqFile = join(src, equityFileName(results));
    if (!existsSync(eqFile)) throw new DataError(`${eqFile}: not found; a run with \`output.equity: bar\` keeps its per-bar equity only there`);
    barEquity = readEquityFile(eqFile);
    if (barEquity.timeMs.length !== results.run.data.timestamps) {
      throw new DataError(`${eqFile}: has ${barEquity.timeMs.length} rows; results.json says the run had ${results.run.data.timestamps} bars`);
    }
  }
  let eventsFrom: string | undefined;
  if (results.options.event_log) {
    eventsFrom = join(src, 'events.jsonl');
    if (!existsSync(eventsFrom)) throw new DataError(`${eventsFrom}: not found; the run wrote an event log (\`output.event_log\`), which a rebuild copies`);
  }
  const analysis = analyzeRun(results);
  const files = writeRunFiles(outDir, results, analysis, { ...(barEquity ? { barEquity } : {}), ...(eventsFrom ? { eventsFrom } : {}) });
  return { result: analysis.result, outDir, files };
}
