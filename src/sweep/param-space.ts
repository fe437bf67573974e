// The parameter space of a sweep: each parameter's values (a list, a stepped range or a log range),
// enumerated as a grid in config order, or sampled without replacement for a seeded random search.
import { ConfigError } from '../model/index.js';
import { Rng } from '../data/index.js';

/** One swept (or fixed) parameter and its values in order. */
export interface ParamAxis {
  readonly name: string;
  readonly values: readonly number[];
}

/** What a parameter must be (from the strategy's evaluator). */
export interface ParamRule {
  readonly integer: boolean;
  readonly min: number;
  readonly description: string;
}

/** Fails with the config key and what was wrong. */
export type Fail = (key: string, what: string) => never;

/** Values are kept to 12 significant digits, so that 0.1 + 0.2 steps print and compare as 0.3. */
function clean(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(12));
}

/**
 * Reads one parameter's spec: a number (fixed), a list of numbers, `{from, to, step}` (inclusive
 * when `to` is reached), `{from, to, num}` (evenly spaced) or `{from, to, num, log: true}`
 * (geometric; rounded and de-duplicated for integer parameters).
 */
export function parseAxis(name: string, spec: unknown, rule: ParamRule, key: string, fail: Fail): ParamAxis {
  let values: number[];
  if (typeof spec === 'number') values = [spec];
  else if (Array.isArray(spec)) {
    if (spec.length === 0) fail(key, 'is an empty list; give at least one value');
    values = spec.map((v, i) => (typeof v === 'number' && Number.isFinite(v) ? v : fail(`${key}[${i}]`, `must be a number; got ${JSON.stringify(v)}`)));
  } else if (spec && typeof spec === 'object') {
    const s = spec as Record<string, unknown>;
    for (const k of Object.keys(s)) if (!['from', 'to', 'step', 'num', 'log'].includes(k)) fail(`${key}.${k}`, 'is not a known key; a range has from, to and step (or num, and log: true)');
    const num = (k: string): number => (typeof s[k] === 'number' && Number.isFinite(s[k]) ? (s[k] as number) : fail(`${key}.${k}`, `must be a number; got ${JSON.stringify(s[k])}`));
    const from = num('from'), to = num('to');
    if (to < from) fail(`${key}.to`, `(${to}) is below \`from\` (${from})`);
    const log = s['log'] === undefined ? false : s['log'] === true ? true : s['log'] === false ? false : fail(`${key}.log`, `must be true or false; got ${JSON.stringify(s['log'])}`);
    if ((s['step'] === undefined) === (s['num'] === undefined)) fail(key, 'needs exactly one of `step` (a stepped range) or `num` (that many points)');
    if (s['step'] !== undefined) {
      if (log) fail(`${key}.log`, 'needs `num` (points between from and to), not `step`');
      const step = num('step');
      if (!(step > 0)) fail(`${key}.step`, `must be greater than 0; got ${step}`);
      const count = Math.floor((to - from) / step + 1e-9) + 1;
      if (count > 1_000_000) fail(`${key}.step`, `makes ${count} values; a grid axis holds at most 1,000,000`);
      values = Array.from({ length: count }, (_, i) => clean(from + i * step));
    } else {
      const n = num('num');
      if (!Number.isInteger(n) || n < 1 || n > 1_000_000) fail(`${key}.num`, `must be a whole number from 1 to 1,000,000; got ${n}`);
      if (log && !(from > 0)) fail(`${key}.from`, `must be greater than 0 for a log range; got ${from}`);
      values = Array.from({ length: n }, (_, i) => {
        const t = n === 1 ? 0 : i / (n - 1);
        return clean(log ? Math.exp(Math.log(from) + t * (Math.log(to) - Math.log(from))) : from + t * (to - from));
      });
      if (rule.integer) values = [...new Set(values.map((v) => Math.round(v)))];
    }
  } else {
    return fail(key, `must be a number, a list of numbers or a range {from, to, step}; got ${JSON.stringify(spec)}`);
  }
  values.forEach((v, i) => {
    const at = Array.isArray(spec) ? `${key}[${i}]` : key;
    if (rule.integer && !Number.isInteger(v)) fail(at, `must be whole numbers (${rule.description}); got ${v}`);
    if (v < rule.min) fail(at, `must be at least ${rule.min} (${rule.description}); got ${v}`);
  });
  if (new Set(values).size !== values.length) fail(key, `lists a value twice (${values.find((v, i) => values.indexOf(v) !== i)})`);
  return { name, values };
}

/** The parameter space: axes in config order; the grid varies the last axis fastest. */
export class ParamSpace {
  /** Number of grid points (before constraints). */
  readonly size: number;
  constructor(readonly axes: readonly ParamAxis[]) {
    this.size = axes.reduce((n, a) => n * a.values.length, 1);
  }

  get names(): string[] {
    return this.axes.map((a) => a.name);
  }

  /** Writes the values of grid point `index` into `out` (one per axis). */
  point(index: number, out: Float64Array): Float64Array {
    for (let a = this.axes.length - 1; a >= 0; a--) {
      const vals = this.axes[a]!.values;
      out[a] = vals[index % vals.length]!;
      index = Math.floor(index / vals.length);
    }
    return out;
  }

  /**
   * The combinations to run, as rows of `axes.length` values: every grid point that `keep`
   * accepts, in grid order (`samples` undefined), or `samples` of them drawn without replacement
   * with the seeded generator and then put in grid order (random search).
   */
  combinations(keep: (p: Float64Array) => boolean, samples?: number, seed = 0, limit = 5_000_000): Float64Array {
    const k = this.axes.length;
    const p = new Float64Array(k);
    let chosen: number[];
    if (samples === undefined || this.size <= 4 * limit) {
      if (this.size > 4 * limit) throw new ConfigError(`the grid has ${this.size.toLocaleString('en-US')} points; at most ${(4 * limit).toLocaleString('en-US')} can be enumerated: use \`search.method: random\` or coarser steps`);
      const valid: number[] = [];
      for (let i = 0; i < this.size; i++) if (keep(this.point(i, p))) valid.push(i);
      chosen = valid;
      if (samples !== undefined && samples < valid.length) {
        // a partial Fisher–Yates shuffle: the first `samples` slots are a uniform sample
        const rng = new Rng(seed, 0x5eed);
        for (let i = 0; i < samples; i++) {
          const j = i + Math.floor(rng.next() * (valid.length - i));
          [valid[i], valid[j]] = [valid[j]!, valid[i]!];
        }
        chosen = valid.slice(0, samples).sort((a, b) => a - b);
      }
    } else {
      // too many points to list: draw grid indices until `samples` distinct valid ones are found
      const rng = new Rng(seed, 0x5eed);
      const seen = new Set<number>();
      for (let tries = 0; seen.size < samples && tries < samples * 1000; tries++) {
        const i = Math.floor(rng.next() * this.size);
        if (!seen.has(i) && keep(this.point(i, p))) seen.add(i);
      }
      chosen = [...seen].sort((a, b) => a - b);
    }
    if (chosen.length > limit) throw new ConfigError(`the sweep has ${chosen.length.toLocaleString('en-US')} combinations; at most ${limit.toLocaleString('en-US')} per run: use \`search.method: random\` with \`samples\`, or coarser steps`);
    const out = new Float64Array(chosen.length * k);
    chosen.forEach((g, c) => out.set(this.point(g, p), c * k));
    return out;
  }
}
