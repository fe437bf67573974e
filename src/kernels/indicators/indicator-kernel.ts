// The generic indicator wrapper: validates parameters, owns per-symbol state, runs wasm or the reference.
import { ConfigError } from '../../model/index.js';
import { checkStatus } from '../wasm-module.js';
import { Workspace, type Buf } from '../workspace.js';
import * as ref from '../reference/indicators/index.js';

/** A column an indicator reads: OHLCV, a session-open flag per timeline bar, or two generic series. */
export type InputName = 'open' | 'high' | 'low' | 'close' | 'volume' | 'session' | 'a' | 'b';

/** How a parameter is validated: a positive integer, a finite number, 0/1, or a direction −1/0/1. */
export type ParamKind = 'period' | 'number' | 'ddof' | 'direction';

/** One parameter of an indicator, with its default. */
export interface ParamSpec {
  readonly name: string;
  readonly kind: ParamKind;
  readonly default: number;
}

/** Resolved parameter values by name. */
export type Params = Readonly<Record<string, number>>;

/** Everything needed to run one indicator kernel (see registry.ts for the list). */
export interface IndicatorSpec {
  /** Registry key, as written in configs: `rsi`, `bbands`, … */
  readonly name: string;
  /** Export name of the kernel in wasm/indicators and in the reference. */
  readonly kernel: string;
  /** One line for humans. */
  readonly title: string;
  /** Input columns in kernel order; `close` also stands for "the source series". */
  readonly inputs: readonly InputName[];
  /** Output column names in kernel order. */
  readonly outputs: readonly string[];
  /** Element type of every output column (signals are i32). */
  readonly outputType: 'f64' | 'i32';
  readonly params: readonly ParamSpec[];
  /** f64 state slots per symbol. */
  stateWidth(p: Params): number;
  /** The kernel's scalar parameters, in order, after `len, nsym`. */
  args(p: Params): number[];
  /** Per output: how many valid bars are needed for the first value (1 = no warm-up). */
  warmup(p: Params): number[];
  /** Extra cross-parameter checks; throws ConfigError. */
  check?(p: Params): void;
}

/** Fills in defaults and validates `given` against `spec`, with messages that name the parameter. */
export function resolveParams(spec: IndicatorSpec, given: Readonly<Record<string, unknown>> = {}): Params {
  const out: Record<string, number> = {};
  const known = spec.params.map((p) => p.name);
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) {
      const expected = known.length ? `expected one of ${known.join(', ')}` : 'it takes no parameters';
      throw new ConfigError(`${spec.name}: unknown parameter \`${key}\`; ${expected}`);
    }
  }
  for (const p of spec.params) {
    const v = given[p.name] ?? p.default;
    out[p.name] = requireParam(spec.name, p, v);
  }
  spec.check?.(out);
  return out;
}

function requireParam(kernel: string, p: ParamSpec, v: unknown): number {
  const bad = (what: string): never => {
    throw new ConfigError(`${kernel}: \`${p.name}\` must be ${what}; got ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
  };
  if (typeof v !== 'number') return bad('a number');
  switch (p.kind) {
    case 'period':
      if (!Number.isInteger(v) || v < 1 || v > 1_000_000) bad('a positive integer (at most 1000000)');
      break;
    case 'number':
      if (!Number.isFinite(v)) bad('a finite number');
      break;
    case 'ddof':
      if (v !== 0 && v !== 1) bad('0 (population) or 1 (sample)');
      break;
    case 'direction':
      if (v !== -1 && v !== 0 && v !== 1) bad('1 (up), -1 (down) or 0 (both)');
      break;
  }
  return v;
}

/** Any kernel buffer an indicator reads or writes. */
export type AnyBuf = Buf<Float64Array> | Buf<Int32Array> | Buf<Uint8Array>;
type KernelFn = (...args: unknown[]) => number;

/**
 * Streaming indicator over `nsym` symbol-major series: each `run` takes a slice of `len` bars per
 * symbol and carries the state to the next slice, so slice-by-slice equals whole-array exactly.
 */
export class IndicatorKernel {
  readonly params: Params;
  private readonly state: Buf<Float64Array>;
  private readonly args: number[];

  constructor(private readonly ws: Workspace, readonly spec: IndicatorSpec, readonly nsym: number, params: Readonly<Record<string, unknown>> = {}) {
    if (!Number.isInteger(nsym) || nsym < 0) throw new ConfigError(`${spec.name}: \`nsym\` must be a non-negative integer; got ${nsym}`);
    this.params = resolveParams(spec, params);
    this.args = spec.args(this.params);
    this.state = ws.f64(nsym * spec.stateWidth(this.params));
  }

  /** Runs one slice: `inputs` in the order of `spec.inputs`, `outputs` in the order of `spec.outputs`. */
  run(inputs: readonly AnyBuf[], outputs: readonly AnyBuf[], len: number): void {
    const { spec, nsym } = this;
    if (!Number.isInteger(len) || len < 0) throw new RangeError(`${spec.name}: slice length must be a non-negative integer; got ${len}`);
    if (inputs.length !== spec.inputs.length || outputs.length !== spec.outputs.length) {
      throw new RangeError(`${spec.name}: expected inputs (${spec.inputs.join(', ')}) and outputs (${spec.outputs.join(', ')})`);
    }
    inputs.forEach((b, k) => needLength(spec.name, spec.inputs[k]!, b, spec.inputs[k] === 'session' ? len : len * nsym));
    outputs.forEach((b, k) => needLength(spec.name, spec.outputs[k]!, b, len * nsym));
    let status: number;
    if (this.ws.arena) {
      const fn = this.ws.wasm[spec.kernel] as KernelFn;
      status = fn(...inputs.map((b) => b.ptr), ...outputs.map((b) => b.ptr), len, nsym, ...this.args, this.state.ptr);
    } else {
      const fn = (ref as unknown as Record<string, KernelFn>)[spec.kernel]!;
      status = fn(...inputs.map((b) => b.view()), ...outputs.map((b) => b.view()), len, nsym, ...this.args, this.state.view());
    }
    checkStatus(spec.name, status);
  }
}

function needLength(kernel: string, what: string, b: AnyBuf, n: number): void {
  if (b.length < n) throw new RangeError(`${kernel}: \`${what}\` holds ${b.length} values; the slice needs ${n}`);
}

/** Whole-array inputs by column name (a single symbol unless `nsym` is given to `computeIndicator`). */
export type SeriesInputs = Partial<Record<InputName, Float64Array | Uint8Array>>;

/** Runs `spec` over whole arrays (`nsym` symbol-major series of equal length) and returns its outputs by name. */
export function computeIndicator(
  spec: IndicatorSpec, inputs: SeriesInputs, params: Readonly<Record<string, unknown>> = {},
  ws: Workspace = new Workspace('wasm'), nsym = 1,
): Record<string, Float64Array | Int32Array> {
  const main = spec.inputs.find((n) => n !== 'session');
  const total = main ? (inputs[main]?.length ?? 0) : 0;
  const len = nsym > 0 ? total / nsym : 0;
  if (!Number.isInteger(len)) throw new RangeError(`${spec.name}: ${total} values do not split into ${nsym} symbols`);
  const m = ws.mark();
  try {
    const ins = spec.inputs.map((name) => {
      const src = inputs[name];
      const n = name === 'session' ? len : len * nsym;
      if (!src || src.length !== n) throw new RangeError(`${spec.name}: input \`${name}\` must hold ${n} values; got ${src?.length ?? 'none'}`);
      const b = name === 'session' ? ws.u8(n) : ws.f64(n);
      b.set(src);
      return b;
    });
    const outs = spec.outputs.map(() => (spec.outputType === 'i32' ? ws.i32(len * nsym) : ws.f64(len * nsym)));
    new IndicatorKernel(ws, spec, nsym, params).run(ins, outs, len);
    const result: Record<string, Float64Array | Int32Array> = {};
    spec.outputs.forEach((name, k) => {
      const v = outs[k]!.view();
      result[name] = v instanceof Int32Array ? Int32Array.from(v) : Float64Array.from(v as Float64Array);
    });
    return result;
  } finally {
    ws.release(m);
  }
}
