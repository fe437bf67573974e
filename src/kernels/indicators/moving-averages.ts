// Moving averages: rolling sum, SMA, EMA, DEMA, TEMA, WMA, HMA, KAMA, VWMA (specs, wrappers, whole-array functions).
import type { Workspace } from '../workspace.js';
import type { IndicatorSpec } from './indicator-kernel.js';
import { bound, period, single, type ParamInput } from './define.js';
import { hmaHalf, hmaRoot } from '../reference/indicators/index.js';

const p14 = [period('period', 14)];
const p20 = [period('period', 20)];

function closeMa(name: string, kernel: string, title: string, params: IndicatorSpec['params'], width: (p: number) => number, warm: (p: number) => number): IndicatorSpec {
  return {
    name, kernel, title, inputs: ['close'], outputs: [name], outputType: 'f64', params,
    stateWidth: (q) => width(q.period!), args: (q) => [q.period!], warmup: (q) => [warm(q.period!)],
  };
}

/** Rolling window sum (`sum`). */
export const SUM = closeMa('sum', 'rollingSum', 'rolling sum of the last `period` valid values', p20, (p) => 3 + p, (p) => p);
/** Simple moving average (`sma`). */
export const SMA = closeMa('sma', 'rollingMean', 'simple moving average', p20, (p) => 3 + p, (p) => p);
/** Exponential moving average, SMA-seeded (`ema`). */
export const EMA = closeMa('ema', 'ema', 'exponential moving average (SMA seed)', p20, () => 2, (p) => p);
/** Double EMA (`dema`). */
export const DEMA = closeMa('dema', 'dema', 'double exponential moving average', p20, () => 4, (p) => 2 * p - 1);
/** Triple EMA (`tema`). */
export const TEMA = closeMa('tema', 'tema', 'triple exponential moving average', p20, () => 6, (p) => 3 * p - 2);
/** Linearly weighted moving average (`wma`). */
export const WMA = closeMa('wma', 'wma', 'linearly weighted moving average', p20, (p) => 4 + p, (p) => p);
/** Hull moving average (`hma`). */
export const HMA = closeMa('hma', 'hma', 'Hull moving average', p14, (p) => 12 + hmaHalf(p) + p + hmaRoot(p), (p) => p + hmaRoot(p) - 1);

/** Kaufman's adaptive moving average (`kama`). */
export const KAMA: IndicatorSpec = {
  name: 'kama', kernel: 'kama', title: "Kaufman's adaptive moving average", inputs: ['close'], outputs: ['kama'], outputType: 'f64',
  params: [period('period', 10), period('fast', 2), period('slow', 30)],
  stateWidth: (q) => 5 + 2 * q.period!, args: (q) => [q.period!, q.fast!, q.slow!], warmup: (q) => [q.period! + 1],
};

/** Volume-weighted moving average (`vwma`). */
export const VWMA: IndicatorSpec = {
  name: 'vwma', kernel: 'vwma', title: 'volume-weighted moving average', inputs: ['close', 'volume'], outputs: ['vwma'], outputType: 'f64',
  params: p20, stateWidth: (q) => 4 + 2 * q.period!, args: (q) => [q.period!], warmup: (q) => [q.period!],
};

/** Streaming rolling sum. */ export class RollingSumIndicator extends bound(SUM) {}
/** Streaming SMA. */ export class SmaIndicator extends bound(SMA) {}
/** Streaming EMA. */ export class EmaIndicator extends bound(EMA) {}
/** Streaming DEMA. */ export class DemaIndicator extends bound(DEMA) {}
/** Streaming TEMA. */ export class TemaIndicator extends bound(TEMA) {}
/** Streaming WMA. */ export class WmaIndicator extends bound(WMA) {}
/** Streaming HMA. */ export class HmaIndicator extends bound(HMA) {}
/** Streaming KAMA. */ export class KamaIndicator extends bound(KAMA) {}
/** Streaming VWMA. */ export class VwmaIndicator extends bound(VWMA) {}

/** Rolling sum of a whole array. */
export const rollingSumOf = (x: Float64Array, params?: ParamInput, ws?: Workspace) => single(SUM, { close: x }, params, ws);
/** SMA of a whole array (`smaOf` in src/kernels/sma.ts is the older single-series kernel). */
export const rollingMeanOf = (x: Float64Array, params?: ParamInput, ws?: Workspace) => single(SMA, { close: x }, params, ws);
/** EMA of a whole array. */
export const emaOf = (x: Float64Array, params?: ParamInput, ws?: Workspace) => single(EMA, { close: x }, params, ws);
/** DEMA of a whole array. */
export const demaOf = (x: Float64Array, params?: ParamInput, ws?: Workspace) => single(DEMA, { close: x }, params, ws);
/** TEMA of a whole array. */
export const temaOf = (x: Float64Array, params?: ParamInput, ws?: Workspace) => single(TEMA, { close: x }, params, ws);
/** WMA of a whole array. */
export const wmaOf = (x: Float64Array, params?: ParamInput, ws?: Workspace) => single(WMA, { close: x }, params, ws);
/** HMA of a whole array. */
export const hmaOf = (x: Float64Array, params?: ParamInput, ws?: Workspace) => single(HMA, { close: x }, params, ws);
/** KAMA of a whole array. */
export const kamaOf = (x: Float64Array, params?: ParamInput, ws?: Workspace) => single(KAMA, { close: x }, params, ws);
/** VWMA of whole close and volume arrays. */
export const vwmaOf = (close: Float64Array, volume: Float64Array, params?: ParamInput, ws?: Workspace) =>
  single(VWMA, { close, volume }, params, ws);
