// Volatility and bands: true range, ATR, rolling σ, Bollinger, z-score, Keltner, Donchian, rolling min/max.
import { ConfigError } from '../../model/index.js';
import type { Workspace } from '../workspace.js';
import type { IndicatorSpec } from './indicator-kernel.js';
import { bound, multi, num, period, single, type ParamInput } from './define.js';
import { extWidth } from '../reference/indicators/index.js';

const hlc = ['high', 'low', 'close'] as const;

/** True range (`trange`). */
export const TRANGE: IndicatorSpec = {
  name: 'trange', kernel: 'trueRange', title: 'true range', inputs: [...hlc], outputs: ['trange'], outputType: 'f64',
  params: [], stateWidth: () => 2, args: () => [], warmup: () => [2],
};

/** Wilder's ATR (`atr`). */
export const ATR: IndicatorSpec = {
  name: 'atr', kernel: 'atr', title: "Wilder's average true range", inputs: [...hlc], outputs: ['atr'], outputType: 'f64',
  params: [period('period', 14)], stateWidth: () => 4, args: (q) => [q.period!], warmup: (q) => [q.period! + 1],
};

/** Rolling standard deviation, population (ddof 0) or sample (ddof 1) (`stddev`). */
export const STDDEV: IndicatorSpec = {
  name: 'stddev', kernel: 'stddev', title: 'rolling standard deviation', inputs: ['close'], outputs: ['stddev'], outputType: 'f64',
  params: [period('period', 20), { name: 'ddof', kind: 'ddof', default: 0 }],
  stateWidth: (q) => 4 + q.period!, args: (q) => [q.period!, q.ddof!], warmup: (q) => [q.period!],
  check: (q) => {
    if (q.ddof! >= q.period!) throw new ConfigError(`stddev: \`period\` must be at least 2 for the sample deviation (ddof 1); got ${q.period}`);
  },
};

/** Bollinger bands and %b (`bbands`). */
export const BBANDS: IndicatorSpec = {
  name: 'bbands', kernel: 'bbands', title: 'Bollinger bands and %b', inputs: ['close'],
  outputs: ['middle', 'upper', 'lower', 'pb'], outputType: 'f64', params: [period('period', 20), num('mult', 2)],
  stateWidth: (q) => 4 + q.period!, args: (q) => [q.period!, q.mult!], warmup: (q) => [q.period!, q.period!, q.period!, q.period!],
};

/** Rolling z-score (`zscore`). */
export const ZSCORE: IndicatorSpec = {
  name: 'zscore', kernel: 'zscore', title: 'rolling z-score (population σ)', inputs: ['close'], outputs: ['zscore'], outputType: 'f64',
  params: [period('period', 20)], stateWidth: (q) => 4 + q.period!, args: (q) => [q.period!], warmup: (q) => [q.period!],
};

/** Keltner channels (`keltner`). */
export const KELTNER: IndicatorSpec = {
  name: 'keltner', kernel: 'keltner', title: 'Keltner channels (EMA ± mult·ATR)', inputs: [...hlc],
  outputs: ['middle', 'upper', 'lower'], outputType: 'f64',
  params: [period('maPeriod', 20), period('atrPeriod', 10), num('mult', 2)],
  stateWidth: () => 6, args: (q) => [q.maPeriod!, q.atrPeriod!, q.mult!],
  warmup: (q) => {
    const b = Math.max(q.maPeriod!, q.atrPeriod! + 1);
    return [q.maPeriod!, b, b];
  },
};

/** Donchian channels (`donchian`). */
export const DONCHIAN: IndicatorSpec = {
  name: 'donchian', kernel: 'donchian', title: 'Donchian channels', inputs: ['high', 'low'],
  outputs: ['upper', 'middle', 'lower'], outputType: 'f64', params: [period('period', 20)],
  stateWidth: (q) => extWidth(q.period!), args: (q) => [q.period!], warmup: (q) => [q.period!, q.period!, q.period!],
};

/** Rolling minimum and maximum (`minmax`). */
export const MINMAX: IndicatorSpec = {
  name: 'minmax', kernel: 'rollingMinMax', title: 'rolling minimum and maximum', inputs: ['close'], outputs: ['min', 'max'],
  outputType: 'f64', params: [period('period', 20)], stateWidth: (q) => extWidth(q.period!), args: (q) => [q.period!],
  warmup: (q) => [q.period!, q.period!],
};

/** Streaming true range. */ export class TrueRangeIndicator extends bound(TRANGE) {}
/** Streaming ATR. */ export class AtrIndicator extends bound(ATR) {}
/** Streaming rolling σ. */ export class StddevIndicator extends bound(STDDEV) {}
/** Streaming Bollinger bands. */ export class BbandsIndicator extends bound(BBANDS) {}
/** Streaming z-score. */ export class ZscoreIndicator extends bound(ZSCORE) {}
/** Streaming Keltner channels. */ export class KeltnerIndicator extends bound(KELTNER) {}
/** Streaming Donchian channels. */ export class DonchianIndicator extends bound(DONCHIAN) {}
/** Streaming rolling min/max. */ export class MinMaxIndicator extends bound(MINMAX) {}

type Hlc = { high: Float64Array; low: Float64Array; close: Float64Array };

/** True range of whole arrays. */
export const trueRangeOf = (d: Hlc, ws?: Workspace) => single(TRANGE, d, {}, ws);
/** ATR of whole arrays. */
export const atrOf = (d: Hlc, params?: ParamInput, ws?: Workspace) => single(ATR, d, params, ws);
/** Rolling σ of a whole array. */
export const stddevOf = (x: Float64Array, params?: ParamInput, ws?: Workspace) => single(STDDEV, { close: x }, params, ws);
/** Bollinger bands of a whole array. */
export const bbandsOf = (x: Float64Array, params?: ParamInput, ws?: Workspace) =>
  multi<'middle' | 'upper' | 'lower' | 'pb'>(BBANDS, { close: x }, params, ws);
/** z-score of a whole array. */
export const zscoreOf = (x: Float64Array, params?: ParamInput, ws?: Workspace) => single(ZSCORE, { close: x }, params, ws);
/** Keltner channels of whole arrays. */
export const keltnerOf = (d: Hlc, params?: ParamInput, ws?: Workspace) => multi<'middle' | 'upper' | 'lower'>(KELTNER, d, params, ws);
/** Donchian channels of whole arrays. */
export const donchianOf = (d: { high: Float64Array; low: Float64Array }, params?: ParamInput, ws?: Workspace) =>
  multi<'upper' | 'middle' | 'lower'>(DONCHIAN, d, params, ws);
/** Rolling min/max of a whole array. */
export const minMaxOf = (x: Float64Array, params?: ParamInput, ws?: Workspace) => multi<'min' | 'max'>(MINMAX, { close: x }, params, ws);
