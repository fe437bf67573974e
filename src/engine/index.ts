// Public face of the engine: the backtest loop and the whole-run function.
export { runEngine, type EngineOptions, type EngineResult, type EngineContext } from './backtest-engine.js';
export { type MarketBars, type ExecutionColumns } from './engine-venue.js';
export { intrabarBounds, type IntrabarBounds, type IntrabarCase } from './intrabar-bounds.js';
export { runBacktest, runOnBars, runOnSource, ensureData, loadConfiguredBars, catalogCorporateActions, catalogSelection, type RunOptions, type RunOutcome } from './run-backtest.js';
export { catalogSource, memorySource, isMarketSource, type MarketSource, type MarketSlice } from './market-source.js';
