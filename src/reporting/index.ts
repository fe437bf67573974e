// Public face of reporting: the collector service, metrics, saved results, outputs and the rebuild.
export * from './metrics.js';
export * from './csv.js';
export { ReportingService, type EventCounts } from './reporting-service.js';
export { TRADES_HEADER, FILLS_HEADER, POSITIONS_HEADER, SNAPSHOTS_HEADER } from './csv-outputs.js';
export { parseResults, RESULTS_FORMAT, type RunResults, type ReportOptions, type IntrabarBoundsResult, type IntrabarCaseResult } from './results.js';
export { collectResults, type CollectInput } from './collect-results.js';
export { MarketRecorder, recordBars, type MarketRecord, type MarketRecordOptions } from './market-record.js';
export { analyzeRun, outputFiles, type Analysis, type RunResult } from './run-result.js';
export type { FullMetrics, DailySeries } from './run-analysis.js';
export type { Breakdowns, GroupBreakdown, PeriodBreakdown } from './breakdowns.js';
export { writeRunFiles, type RunFilesExtras } from './outputs.js';
export { rebuildRunOutputs, type RebuildOutcome } from './rebuild.js';
export { readEquityFile, type EquityCurve } from './equity-file.js';
export { duration as formatDuration } from './html/format.js';
