// Returns and signals: simple/log returns, crossovers, crossunders, threshold crossings, streaks.
import type { Workspace } from '../workspace.js';
import type { IndicatorSpec } from './indicator-kernel.js';
import { bound, num, signal, single, type ParamInput } from './define.js';

/** Simple returns x/prev − 1 (`returns`). */
export const RETURNS: IndicatorSpec = {
  name: 'returns', kernel: 'simpleReturns', title: 'simple returns', inputs: ['close'], outputs: ['returns'], outputType: 'f64',
  params: [], stateWidth: () => 2, args: () => [], warmup: () => [2],
};

/** Log returns ln(x/prev) (`logreturns`). */
export const LOGRETURNS: IndicatorSpec = { ...RETURNS, name: 'logreturns', kernel: 'logReturns', title: 'log returns', outputs: ['logreturns'] };

const direction = { name: 'direction', kind: 'direction', default: 0 } as const;

/** Crossings of a over b, +1 up / −1 down; `direction` keeps one side (`cross`). */
export const CROSS: IndicatorSpec = {
  name: 'cross', kernel: 'crossSignal', title: 'crossings of a over b (+1 up, −1 down; ties skipped)', inputs: ['a', 'b'],
  outputs: ['signal'], outputType: 'i32', params: [direction], stateWidth: () => 1, args: (q) => [q.direction!], warmup: () => [1],
};

/** a crosses above b: +1 (`crossover`). */
export const CROSSOVER: IndicatorSpec = { ...CROSS, name: 'crossover', title: 'a crosses above b (+1)', params: [], args: () => [1] };
/** a crosses below b: −1 (`crossunder`). */
export const CROSSUNDER: IndicatorSpec = { ...CROSS, name: 'crossunder', title: 'a crosses below b (−1)', params: [], args: () => [-1] };

/** Crossings of a fixed level (`threshold`). */
export const THRESHOLD: IndicatorSpec = {
  name: 'threshold', kernel: 'thresholdCross', title: 'crossings of a fixed level (+1 up, −1 down)', inputs: ['close'],
  outputs: ['signal'], outputType: 'i32', params: [num('level', 0), direction],
  stateWidth: () => 1, args: (q) => [q.level!, q.direction!], warmup: () => [1],
};

/** Signed rising/falling streak length (`streak`). */
export const STREAK: IndicatorSpec = {
  name: 'streak', kernel: 'streak', title: 'rising (+k) / falling (−k) streak length', inputs: ['close'], outputs: ['streak'],
  outputType: 'f64', params: [], stateWidth: () => 3, args: () => [], warmup: () => [2],
};

/** Streaming simple returns. */ export class ReturnsIndicator extends bound(RETURNS) {}
/** Streaming log returns. */ export class LogReturnsIndicator extends bound(LOGRETURNS) {}
/** Streaming crossings. */ export class CrossIndicator extends bound(CROSS) {}
/** Streaming crossovers. */ export class CrossoverIndicator extends bound(CROSSOVER) {}
/** Streaming crossunders. */ export class CrossunderIndicator extends bound(CROSSUNDER) {}
/** Streaming threshold crossings. */ export class ThresholdIndicator extends bound(THRESHOLD) {}
/** Streaming streaks. */ export class StreakIndicator extends bound(STREAK) {}

/** Simple returns of a whole array. */
export const returnsOf = (x: Float64Array, ws?: Workspace) => single(RETURNS, { close: x }, {}, ws);
/** Log returns of a whole array. */
export const logReturnsOf = (x: Float64Array, ws?: Workspace) => single(LOGRETURNS, { close: x }, {}, ws);
/** Crossings (+1/−1/0) of whole arrays. */
export const crossSignalOf = (a: Float64Array, b: Float64Array, params?: ParamInput, ws?: Workspace) => signal(CROSS, { a, b }, params, ws);
/** Crossovers (+1/0) of whole arrays. */
export const crossAboveOf = (a: Float64Array, b: Float64Array, ws?: Workspace) => signal(CROSSOVER, { a, b }, {}, ws);
/** Crossunders (−1/0) of whole arrays. */
export const crossBelowOf = (a: Float64Array, b: Float64Array, ws?: Workspace) => signal(CROSSUNDER, { a, b }, {}, ws);
/** Threshold crossings of a whole array. */
export const thresholdCrossOf = (x: Float64Array, params?: ParamInput, ws?: Workspace) => signal(THRESHOLD, { close: x }, params, ws);
/** Streaks of a whole array. */
export const streakOf = (x: Float64Array, ws?: Workspace) => single(STREAK, { close: x }, {}, ws);
