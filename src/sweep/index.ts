// Public face of sweeps: config, planning, execution on worker threads, checkpoints, shards and outputs.
export { loadSweepConfigFile, normalizeSweepConfig, type SweepConfig, type SearchSpec, type RankSpec, type WalkForwardSpec } from './sweep-config.js';
export { ParamSpace, parseAxis, type ParamAxis, type ParamRule } from './param-space.js';
export { compileConstraint, type Constraint } from './constraints.js';
export { EVALUATORS, evaluatorFor, type ComputeEvaluator, type PreparedSeries, type SymbolColumns } from './evaluators.js';
export { vectorEvaluator, decisionTable, strategyParams, tablePathProblem, type StrategyTemplate } from './vector-evaluator.js';
export { sweepStrategy, sweepableStrategies, type SweepStrategy, type AxisSource } from './strategy-space.js';
export { datasetFromSeries, datasetFromAligned, loadDataset, type Dataset, type SymbolData, type SharedColumns, type ExtraColumn } from './dataset.js';
export { planSweep, parseShard, inShard, walkForwardWindows, comboValues, type SweepPlan, type Unit, type Window, type Shard } from './plan.js';
export { ROW_COLUMNS, NCOLS, METRIC_NAMES, columnOf, defaultOrder, RowBuilder, type MetricName, type RowContext } from './row-metrics.js';
export { BatchEvaluator, evaluatorInit, type EvaluatorInit, type BatchTask } from './batch-evaluator.js';
export { executeTasks, workerFile, startPool, type SweepPool, type SweepProgress, type ExecuteOptions } from './execute.js';
export { RowStore, readRecords, encodeRecords } from './rows-file.js';
export { Checkpoint } from './checkpoint.js';
export { rankTasks, rankAll } from './rank.js';
export { normalCdf, normalQuantile, expectedMaxSharpe, probabilisticSharpe, deflatedSharpe, moments, type DeflatedSharpe } from './deflated-sharpe.js';
export { finalizeSweep, type FinalOutcome } from './finalize.js';
export { runSweep, runSweepOnData, mergeShards, type SweepOptions, type SweepOutcome } from './run-sweep.js';
export { progressRates, progressLine, formatDuration, type ProgressRates } from './progress-text.js';
