// What a user's strategy file gets from `import … from 'qtrader'`: the strategy types, the kernels a
// vectorised strategy chains over a slice, and small helpers. Strategy files are loaded by
// user-strategy.ts, which points the `qtrader` specifier here.
export type { VectorStrategy, StrategySlice, SymbolState, Decision, SignalBar } from './strategy.js';
export type { EventStrategy, BarContext, SignalRequest, IndicatorDeclaration, SymbolRef } from './event-strategy.js';
export type { AnyStrategy, StrategySpec, StrategyParamSpec } from './registry.js';
export type { FillPayload, SignalPayload } from '../events/index.js';
export type { Intention } from '../model/index.js';
export { SliceKernel } from './slice-kernel.js';
export { LocalCalendar, type CalendarPeriod } from './calendar.js';
export { registerStrategy, strategyNames } from './registry.js';
export { CROSS_UP, CROSS_DOWN, CrossoverKernel, getIndicator, INDICATORS, type Buf, type Workspace } from '../kernels/index.js';
import type { AnyStrategy } from './registry.js';

/** Returns its argument: gives a strategy object literal its type in a plain `.js`/`.ts` file. */
export function defineStrategy<T extends AnyStrategy>(strategy: T): T {
  return strategy;
}
