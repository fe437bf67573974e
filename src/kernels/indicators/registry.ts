// The indicator registry: every indicator by config name, with its parameters, inputs, outputs and a factory.
import { ConfigError } from '../../model/index.js';
import type { Workspace } from '../workspace.js';
import { IndicatorKernel, resolveParams, type IndicatorSpec, type Params } from './indicator-kernel.js';
import { SUM, SMA, EMA, DEMA, TEMA, WMA, HMA, KAMA, VWMA } from './moving-averages.js';
import { RSI, MACD, STOCH, WILLR, CCI, ROC, MOM, ADX, AROON, MFI } from './momentum.js';
import { TRANGE, ATR, STDDEV, BBANDS, ZSCORE, KELTNER, DONCHIAN, MINMAX } from './volatility.js';
import { OBV, VWAP, AD } from './volume.js';
import { RETURNS, LOGRETURNS, CROSS, CROSSOVER, CROSSUNDER, THRESHOLD, STREAK } from './signals.js';

/** All indicator specs, in the order of issue 4. */
export const INDICATOR_SPECS: readonly IndicatorSpec[] = [
  SMA, EMA, WMA, DEMA, TEMA, HMA, KAMA, VWMA,
  RSI, MACD, STOCH, WILLR, CCI, ROC, MOM, ADX, AROON, MFI,
  TRANGE, ATR, STDDEV, BBANDS, ZSCORE, KELTNER, DONCHIAN, MINMAX, SUM,
  OBV, VWAP, AD,
  RETURNS, LOGRETURNS, CROSS, CROSSOVER, CROSSUNDER, THRESHOLD, STREAK,
];

/** What a config or sweep may ask for: `{ name: 'rsi', params: { period: 14 } }`. */
export interface IndicatorRequest {
  readonly name: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** A registry entry: the spec's public description plus a factory. */
export interface IndicatorInfo {
  readonly name: string;
  readonly title: string;
  readonly params: Readonly<Record<string, number>>;
  readonly inputs: IndicatorSpec['inputs'];
  readonly outputs: IndicatorSpec['outputs'];
  readonly outputType: IndicatorSpec['outputType'];
  readonly spec: IndicatorSpec;
  create(ws: Workspace, nsym: number, params?: Readonly<Record<string, unknown>>): IndicatorKernel;
}

function info(spec: IndicatorSpec): IndicatorInfo {
  return {
    name: spec.name,
    title: spec.title,
    params: Object.fromEntries(spec.params.map((p) => [p.name, p.default])),
    inputs: spec.inputs,
    outputs: spec.outputs,
    outputType: spec.outputType,
    spec,
    create: (ws, nsym, params = {}) => new IndicatorKernel(ws, spec, nsym, params),
  };
}

/** Indicators by name. */
export const INDICATORS: Readonly<Record<string, IndicatorInfo>> = Object.fromEntries(INDICATOR_SPECS.map((s) => [s.name, info(s)]));

/** The registry entry for `name`, or a ConfigError listing the known names. */
export function getIndicator(name: string): IndicatorInfo {
  const found = Object.prototype.hasOwnProperty.call(INDICATORS, name) ? INDICATORS[name] : undefined;
  if (!found) throw new ConfigError(`unknown indicator \`${name}\`; expected one of ${Object.keys(INDICATORS).join(', ')}`);
  return found;
}

/** Validates a request and returns its resolved parameters (defaults filled in). */
export function resolveIndicator(req: IndicatorRequest): { info: IndicatorInfo; params: Params } {
  const i = getIndicator(req.name);
  return { info: i, params: resolveParams(i.spec, req.params ?? {}) };
}

/** Builds the streaming kernel a request asks for. */
export function createIndicator(ws: Workspace, nsym: number, req: IndicatorRequest): IndicatorKernel {
  return getIndicator(req.name).create(ws, nsym, req.params ?? {});
}
