// Public face of the engine: the backtest loop and the whole-run function.
export { runEngine, type EngineOptions, type EngineResult } from './backtest-engine.js';
export { runBacktest, runOnBars, ensureData, loadConfiguredBars, type RunOptions, type RunOutcome } from './run-backtest.js';
