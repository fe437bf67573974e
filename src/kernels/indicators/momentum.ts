// Momentum and oscillators: RSI, MACD, stochastic, Williams %R, CCI, ROC, momentum, ADX, Aroon, MFI.
import type { Workspace } from '../workspace.js';
import type { IndicatorSpec } from './indicator-kernel.js';
import { bound, multi, period, single, type ParamInput } from './define.js';
import { extWidth } from '../reference/indicators/index.js';

const hlc = ['high', 'low', 'close'] as const;

/** Wilder's RSI (`rsi`). */
export const RSI: IndicatorSpec = {
  name: 'rsi', kernel: 'rsi', title: "Wilder's relative strength index", inputs: ['close'], outputs: ['rsi'], outputType: 'f64',
  params: [period('period', 14)], stateWidth: () => 4, args: (q) => [q.period!], warmup: (q) => [q.period! + 1],
};

/** MACD line, signal and histogram (`macd`). */
export const MACD: IndicatorSpec = {
  name: 'macd', kernel: 'macd', title: 'moving average convergence/divergence', inputs: ['close'],
  outputs: ['macd', 'signal', 'hist'], outputType: 'f64',
  params: [period('fast', 12), period('slow', 26), period('signal', 9)],
  stateWidth: () => 6, args: (q) => [q.fast!, q.slow!, q.signal!],
  warmup: (q) => {
    const l = Math.max(q.fast!, q.slow!);
    return [l, l + q.signal! - 1, l + q.signal! - 1];
  },
};

/** Stochastic %K and %D (`stoch`). */
export const STOCH: IndicatorSpec = {
  name: 'stoch', kernel: 'stoch', title: 'stochastic oscillator %K and %D', inputs: [...hlc], outputs: ['k', 'd'], outputType: 'f64',
  params: [period('period', 14), period('dPeriod', 3)],
  stateWidth: (q) => extWidth(q.period!) + 3 + q.dPeriod!, args: (q) => [q.period!, q.dPeriod!],
  warmup: (q) => [q.period!, q.period! + q.dPeriod! - 1],
};

/** Williams %R (`willr`). */
export const WILLR: IndicatorSpec = {
  name: 'willr', kernel: 'willr', title: 'Williams %R', inputs: [...hlc], outputs: ['willr'], outputType: 'f64',
  params: [period('period', 14)], stateWidth: (q) => extWidth(q.period!), args: (q) => [q.period!], warmup: (q) => [q.period!],
};

/** Commodity channel index (`cci`). */
export const CCI: IndicatorSpec = {
  name: 'cci', kernel: 'cci', title: 'commodity channel index', inputs: [...hlc], outputs: ['cci'], outputType: 'f64',
  params: [period('period', 20)], stateWidth: (q) => 3 + q.period!, args: (q) => [q.period!], warmup: (q) => [q.period!],
};

/** Rate of change in percent (`roc`). */
export const ROC: IndicatorSpec = {
  name: 'roc', kernel: 'roc', title: 'rate of change, percent', inputs: ['close'], outputs: ['roc'], outputType: 'f64',
  params: [period('period', 10)], stateWidth: (q) => 2 + q.period!, args: (q) => [q.period!], warmup: (q) => [q.period! + 1],
};

/** Momentum x − x[period back] (`mom`). */
export const MOM: IndicatorSpec = { ...ROC, name: 'mom', kernel: 'momentum', title: 'momentum (difference)', outputs: ['mom'] };

/** ADX with +DI and −DI (`adx`). */
export const ADX: IndicatorSpec = {
  name: 'adx', kernel: 'adx', title: 'average directional index with +DI/−DI', inputs: [...hlc],
  outputs: ['adx', 'pdi', 'mdi'], outputType: 'f64', params: [period('period', 14)],
  stateWidth: () => 12, args: (q) => [q.period!], warmup: (q) => [2 * q.period!, q.period! + 1, q.period! + 1],
};

/** Aroon up and down (`aroon`). */
export const AROON: IndicatorSpec = {
  name: 'aroon', kernel: 'aroon', title: 'Aroon up/down', inputs: ['high', 'low'], outputs: ['up', 'down'], outputType: 'f64',
  params: [period('period', 25)], stateWidth: (q) => extWidth(q.period! + 1), args: (q) => [q.period!],
  warmup: (q) => [q.period! + 1, q.period! + 1],
};

/** Money flow index (`mfi`). */
export const MFI: IndicatorSpec = {
  name: 'mfi', kernel: 'mfi', title: 'money flow index', inputs: [...hlc, 'volume'], outputs: ['mfi'], outputType: 'f64',
  params: [period('period', 14)], stateWidth: (q) => 5 + 2 * q.period!, args: (q) => [q.period!], warmup: (q) => [q.period! + 1],
};

/** Streaming RSI. */ export class RsiIndicator extends bound(RSI) {}
/** Streaming MACD. */ export class MacdIndicator extends bound(MACD) {}
/** Streaming stochastic. */ export class StochIndicator extends bound(STOCH) {}
/** Streaming Williams %R. */ export class WillrIndicator extends bound(WILLR) {}
/** Streaming CCI. */ export class CciIndicator extends bound(CCI) {}
/** Streaming ROC. */ export class RocIndicator extends bound(ROC) {}
/** Streaming momentum. */ export class MomentumIndicator extends bound(MOM) {}
/** Streaming ADX. */ export class AdxIndicator extends bound(ADX) {}
/** Streaming Aroon. */ export class AroonIndicator extends bound(AROON) {}
/** Streaming MFI. */ export class MfiIndicator extends bound(MFI) {}

type Hlc = { high: Float64Array; low: Float64Array; close: Float64Array };

/** RSI of a whole array. */
export const rsiOf = (x: Float64Array, params?: ParamInput, ws?: Workspace) => single(RSI, { close: x }, params, ws);
/** MACD of a whole array. */
export const macdOf = (x: Float64Array, params?: ParamInput, ws?: Workspace) => multi<'macd' | 'signal' | 'hist'>(MACD, { close: x }, params, ws);
/** Stochastic of whole arrays. */
export const stochOf = (d: Hlc, params?: ParamInput, ws?: Workspace) => multi<'k' | 'd'>(STOCH, d, params, ws);
/** Williams %R of whole arrays. */
export const willrOf = (d: Hlc, params?: ParamInput, ws?: Workspace) => single(WILLR, d, params, ws);
/** CCI of whole arrays. */
export const cciOf = (d: Hlc, params?: ParamInput, ws?: Workspace) => single(CCI, d, params, ws);
/** ROC of a whole array. */
export const rocOf = (x: Float64Array, params?: ParamInput, ws?: Workspace) => single(ROC, { close: x }, params, ws);
/** Momentum of a whole array. */
export const momentumOf = (x: Float64Array, params?: ParamInput, ws?: Workspace) => single(MOM, { close: x }, params, ws);
/** ADX, +DI, −DI of whole arrays. */
export const adxOf = (d: Hlc, params?: ParamInput, ws?: Workspace) => multi<'adx' | 'pdi' | 'mdi'>(ADX, d, params, ws);
/** Aroon of whole arrays. */
export const aroonOf = (d: { high: Float64Array; low: Float64Array }, params?: ParamInput, ws?: Workspace) =>
  multi<'up' | 'down'>(AROON, d, params, ws);
/** MFI of whole arrays. */
export const mfiOf = (d: Hlc & { volume: Float64Array }, params?: ParamInput, ws?: Workspace) => single(MFI, d, params, ws);
