// Volume indicators: on-balance volume, session VWAP, accumulation/distribution.
import type { Workspace } from '../workspace.js';
import type { IndicatorSpec } from './indicator-kernel.js';
import { bound, single } from './define.js';

/** On-balance volume (`obv`). */
export const OBV: IndicatorSpec = {
  name: 'obv', kernel: 'obv', title: 'on-balance volume', inputs: ['close', 'volume'], outputs: ['obv'], outputType: 'f64',
  params: [], stateWidth: () => 3, args: () => [], warmup: () => [1],
};

/** Session VWAP, reset at each session open (`vwap`). */
export const VWAP: IndicatorSpec = {
  name: 'vwap', kernel: 'vwap', title: 'session VWAP (resets at each session open)',
  inputs: ['high', 'low', 'close', 'volume', 'session'], outputs: ['vwap'], outputType: 'f64',
  params: [], stateWidth: () => 2, args: () => [], warmup: () => [1],
};

/** Accumulation/distribution line (`ad`). */
export const AD: IndicatorSpec = {
  name: 'ad', kernel: 'ad', title: 'accumulation/distribution line', inputs: ['high', 'low', 'close', 'volume'], outputs: ['ad'],
  outputType: 'f64', params: [], stateWidth: () => 1, args: () => [], warmup: () => [1],
};

/** Streaming OBV. */ export class ObvIndicator extends bound(OBV) {}
/** Streaming session VWAP. */ export class VwapIndicator extends bound(VWAP) {}
/** Streaming A/D line. */ export class AdIndicator extends bound(AD) {}

type Hlcv = { high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array };

/** OBV of whole arrays. */
export const obvOf = (close: Float64Array, volume: Float64Array, ws?: Workspace) => single(OBV, { close, volume }, {}, ws);
/** Session VWAP of whole arrays; `session[i]` non-zero marks a session's first bar. */
export const vwapOf = (d: Hlcv & { session: Uint8Array }, ws?: Workspace) => single(VWAP, d, {}, ws);
/** A/D line of whole arrays. */
export const adOf = (d: Hlcv, ws?: Workspace) => single(AD, d, {}, ws);
