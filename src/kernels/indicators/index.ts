// Indicator wrappers (issue 4): the public face of src/kernels/indicators.
export {
  IndicatorKernel, computeIndicator, resolveParams, type AnyBuf,
  type IndicatorSpec, type ParamSpec, type ParamKind, type Params, type InputName, type SeriesInputs,
} from './indicator-kernel.js';
export type { ParamInput } from './define.js';
export * from './moving-averages.js';
export * from './momentum.js';
export * from './volatility.js';
export * from './volume.js';
export * from './signals.js';
export {
  INDICATOR_SPECS, INDICATORS, getIndicator, resolveIndicator, createIndicator, type IndicatorInfo, type IndicatorRequest,
} from './registry.js';
