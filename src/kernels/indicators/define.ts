// Small helpers to declare indicator specs, their wrapper classes and whole-array functions.
import { Workspace } from '../workspace.js';
import { IndicatorKernel, computeIndicator, type IndicatorSpec, type ParamSpec, type SeriesInputs } from './indicator-kernel.js';

/** A period parameter (positive integer). */
export function period(name: string, def: number): ParamSpec {
  return { name, kind: 'period', default: def };
}

/** A finite-number parameter. */
export function num(name: string, def: number): ParamSpec {
  return { name, kind: 'number', default: def };
}

/** Parameter values as given by callers and configs (validated by the wrapper). */
export type ParamInput = Readonly<Record<string, number>>;

/** Makes a wrapper class bound to one spec: `new (ws, nsym, params?)`. */
export function bound(spec: IndicatorSpec) {
  return class extends IndicatorKernel {
    constructor(ws: Workspace, nsym: number, params: ParamInput = {}) {
      super(ws, spec, nsym, params);
    }
  };
}

/** Whole-array run of a single-output indicator: its one output column. */
export function single(spec: IndicatorSpec, inputs: SeriesInputs, params: ParamInput | undefined, ws: Workspace | undefined): Float64Array {
  return computeIndicator(spec, inputs, params, ws) [spec.outputs[0]!] as Float64Array;
}

/** Whole-array run of a multi-output indicator: its outputs by name. */
export function multi<K extends string>(
  spec: IndicatorSpec, inputs: SeriesInputs, params: ParamInput | undefined, ws: Workspace | undefined,
): Record<K, Float64Array> {
  return computeIndicator(spec, inputs, params, ws) as Record<K, Float64Array>;
}

/** Whole-array run of a signal indicator: its i32 column. */
export function signal(spec: IndicatorSpec, inputs: SeriesInputs, params: ParamInput | undefined, ws: Workspace | undefined): Int32Array {
  return computeIndicator(spec, inputs, params, ws) [spec.outputs[0]!] as Int32Array;
}
