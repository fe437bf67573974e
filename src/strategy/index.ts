// Public face of the strategy services and the built-in strategies.
export type { VectorStrategy, StrategySlice, SymbolState, Decision, SignalBar } from './strategy.js';
export { isEventStrategy, type EventStrategy, type BarContext, type SignalRequest, type IndicatorDeclaration, type SymbolRef } from './event-strategy.js';
export { SmaCrossStrategy } from './sma-cross.js';
export { BuyAndHoldStrategy } from './buy-and-hold.js';
export { IndicatorCrossStrategy, type IndicatorLine } from './indicator-cross.js';
export { RsiMeanReversionStrategy } from './rsi-mean-reversion.js';
export { BollingerBreakoutStrategy } from './bollinger-breakout.js';
export { DonchianBreakoutStrategy } from './donchian-breakout.js';
export { MomentumRotationStrategy } from './momentum-rotation.js';
export { LocalCalendar, type CalendarPeriod } from './calendar.js';
export {
  STRATEGIES, createStrategy, registerStrategy, unregisterStrategy, strategyNames, strategySpec,
  type StrategySpec, type StrategyParamSpec, type AnyStrategy,
} from './registry.js';
export { StrategyService, strategyLabel, type StrategyRunner } from './strategy-service.js';
export { EventStrategyService, eventStrategyWarmup } from './event-strategy-service.js';
export { StrategyBook, TERMINAL_STATUSES } from './strategy-book.js';
export { SignalPublisher, type SignalSpec } from './signal-publisher.js';
export { BarHistory } from './bar-history.js';
export { StrategySet, planStrategies, loadStrategyFiles, strategyFilesFingerprint, entryKey, type StrategyEntry, type PlannedStrategy, type StrategyWiring } from './strategy-set.js';
export { loadStrategyFile, loadedStrategyFile, strategyFileHash, apiUrl, type StrategyFile } from './user-strategy.js';
export { StrategyError } from './errors.js';
export { SliceKernel } from './slice-kernel.js';
export { defineStrategy } from './api.js';
