// Public face of reporting: metrics, the collector service, the run result and output files.
export * from './metrics.js';
export * from './csv.js';
export { ReportingService, TRADES_HEADER, FILLS_HEADER, type EventCounts } from './reporting-service.js';
export { buildRunResult, type RunResult, type RunResultInput } from './run-result.js';
export { writeRunFiles, type RunFiles } from './outputs.js';
