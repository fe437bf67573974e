// Public face of the strategy service and the built-in strategies.
export type { VectorStrategy, StrategySlice, SymbolState, Decision } from './strategy.js';
export { SmaCrossStrategy } from './sma-cross.js';
export { BuyAndHoldStrategy } from './buy-and-hold.js';
export { IndicatorCrossStrategy, type IndicatorLine } from './indicator-cross.js';
export { STRATEGIES, createStrategy, type StrategySpec } from './registry.js';
export { StrategyService } from './strategy-service.js';
