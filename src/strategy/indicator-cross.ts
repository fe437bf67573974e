// indicator_cross: long when one indicator crosses above another (any two from the indicator registry), flat when it crosses below.
import { ConfigError } from '../model/index.js';
import { CrossoverKernel, CROSS_UP, CROSS_DOWN, getIndicator, resolveIndicator, type Buf, type Workspace, type IndicatorKernel } from '../kernels/index.js';
import type { Decision, StrategySlice, SymbolState, VectorStrategy } from './strategy.js';

/** One side of the cross, as written in YAML: `{name: ema, params: {period: 12}, output: value}`. */
export interface IndicatorLine {
  readonly name: string;
  readonly params?: Readonly<Record<string, unknown>>;
  /** Which output column of a multi-output indicator (default: the first, e.g. `macd` of MACD). */
  readonly output?: string;
}

type Column = 'open' | 'high' | 'low' | 'close' | 'volume';

/** A resolved line: its kernel (after init), which output it reads, and its warm-up. */
export interface Line {
  readonly name: string;
  readonly params: Readonly<Record<string, number>>;
  readonly inputs: readonly Column[];
  readonly outputs: readonly string[];
  readonly outputIndex: number;
  readonly warmup: number;
  kernel?: IndicatorKernel;
  bufs?: Buf<Float64Array>[];
}

/** Validates `{name, params?, output?}` against the indicator registry; errors name `key`. */
export function resolveLine(line: IndicatorLine, key: string): Line {
  if (!line || typeof line.name !== 'string') throw new ConfigError(`\`${key}\`: expected {name, params?, output?} naming an indicator`);
  let resolved;
  try {
    resolved = resolveIndicator({ name: line.name, ...(line.params ? { params: line.params } : {}) });
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(`\`${key}\`: ${err.message}`);
    throw err;
  }
  const spec = resolved.info.spec;
  if (spec.outputType !== 'f64') throw new ConfigError(`\`${key}.name\`: ${line.name} is a signal, not a series; expected an indicator with float outputs`);
  for (const input of spec.inputs) {
    if (!['open', 'high', 'low', 'close', 'volume'].includes(input)) {
      throw new ConfigError(`\`${key}.name\`: ${line.name} reads \`${input}\`, which strategies cannot supply yet; expected an indicator of open/high/low/close/volume`);
    }
  }
  const outputIndex = line.output === undefined ? 0 : spec.outputs.indexOf(line.output);
  if (outputIndex < 0) throw new ConfigError(`\`${key}.output\`: ${line.name} has no output "${line.output}"; expected one of: ${spec.outputs.join(', ')}`);
  return {
    name: line.name, params: resolved.params, inputs: spec.inputs as Column[], outputs: spec.outputs, outputIndex,
    warmup: spec.warmup(resolved.params)[outputIndex]!,
  };
}

/**
 * indicator_cross(fast, slow): backtrader's CrossOver of two registry indicators (float
 * comparison; equal values are skipped). Flat and crossing up: OPEN_LONG; long and crossing
 * down: CLOSE_LONG. Slices carry every indicator's state, so results do not depend on slicing.
 */
export class IndicatorCrossStrategy implements VectorStrategy {
  readonly params: Readonly<Record<string, number>>;
  readonly warmup: number;
  readonly inputs: readonly Column[];
  private readonly lines: [Line, Line];
  private cross: CrossoverKernel | undefined;
  private ws: Workspace | undefined;
  private nsym = 0;
  private capacity = 0;

  /**
   * `name` and `params` let a named built-in (ema_cross, macd_cross) reuse the cross with its own
   * registry name and parameters; by default the lines' parameters are echoed as `fast_period`, ….
   */
  constructor(fast: IndicatorLine, slow: IndicatorLine, where = 'strategy.indicators', readonly name = 'indicator_cross', params?: Readonly<Record<string, number>>) {
    this.lines = [resolveLine(fast, `${where}.fast`), resolveLine(slow, `${where}.slow`)];
    const echo: Record<string, number> = {};
    for (const [side, l] of [['fast', this.lines[0]], ['slow', this.lines[1]]] as const) {
      for (const [k, v] of Object.entries(l.params)) echo[`${side}_${k}`] = v;
    }
    this.params = params ?? echo;
    // a cross needs both lines defined on two bars
    this.warmup = Math.max(this.lines[0].warmup, this.lines[1].warmup) + 1;
    this.inputs = [...new Set([...this.lines[0].inputs, ...this.lines[1].inputs])];
  }

  /** The registry name of each line, for messages. */
  describe(): string {
    return this.lines.map((l) => `${l.name}(${Object.values(l.params).join(', ')})${l.outputs.length > 1 ? '.' + l.outputs[l.outputIndex] : ''}`).join(' × ');
  }

  init(ws: Workspace, nsym: number): void {
    this.ws = ws;
    this.nsym = nsym;
    for (const l of this.lines) l.kernel = getIndicator(l.name).create(ws, nsym, l.params);
    this.cross = new CrossoverKernel(ws, nsym);
  }

  signals(slice: StrategySlice, out: Buf<Int32Array>): void {
    const n = this.nsym * slice.len;
    if (n > this.capacity) {
      // sized by the first (longest) slice; every later slice fits
      for (const l of this.lines) l.bufs = l.outputs.map(() => this.ws!.f64(n));
      this.capacity = n;
    }
    for (const l of this.lines) {
      const outs = l.bufs!.map((b) => b.sub(0, n));
      l.kernel!.run(l.inputs.map((c) => slice[c].sub(0, n)), outs, slice.len);
    }
    const [a, b] = this.lines;
    this.cross!.run(a.bufs![a.outputIndex]!.sub(0, n), b.bufs![b.outputIndex]!.sub(0, n), out.sub(0, n), slice.len);
  }

  decide(value: number, state: SymbolState): Decision | null {
    if (state.pending) return null;
    if (value === CROSS_UP && state.position === 0) return { intention: 'OPEN_LONG', reason: `${this.describe()}: crossed above` };
    if (value === CROSS_DOWN && state.position > 0) return { intention: 'CLOSE_LONG', reason: `${this.describe()}: crossed below` };
    return null;
  }
}
