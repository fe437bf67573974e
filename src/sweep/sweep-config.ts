// The sweep configuration (config/sweeps/*.yaml): the run config's data, account and cost sections,
// plus the parameter space, constraints, search method, ranking and walk-forward; errors name file:line and key.
import { existsSync } from 'node:fs';
import { readYamlFile } from '../config/yaml-file.js';
import { ConfigError } from '../model/index.js';
import { normalizeConfig, type RunConfig } from '../config/index.js';
import type { SweepCosts } from '../kernels/index.js';
import { ParamSpace, parseAxis, type Fail } from './param-space.js';
import { compileConstraint, type Constraint } from './constraints.js';
import type { ComputeEvaluator } from './evaluators.js';
import { sweepStrategy } from './strategy-space.js';
import { METRIC_NAMES, defaultOrder, type MetricName } from './row-metrics.js';

/** How combinations are chosen. */
export type SearchSpec = { readonly method: 'grid' } | { readonly method: 'random'; readonly samples: number; readonly seed: number };

/** How rows are ranked. */
export interface RankSpec {
  readonly metric: MetricName;
  readonly order: 'asc' | 'desc';
  /** Rows whose full outputs are recomputed and shown. */
  readonly top: number;
  /** Rows with fewer closed trades are not ranked. */
  readonly minTrades: number;
}

/** Walk-forward windows, in trading days of each symbol. */
export interface WalkForwardSpec {
  readonly mode: 'rolling' | 'anchored';
  readonly inSampleDays: number;
  readonly outOfSampleDays: number;
}

/** A validated sweep config. */
export interface SweepConfig {
  /** Where it came from (a file path), for messages. */
  readonly source: string;
  /** The config as written (echoed into sweep.json; part of the sweep's id). */
  readonly raw: Readonly<Record<string, unknown>>;
  /** Data, account, costs, reporting and output, as a run config (the strategy's params are empty). */
  readonly base: RunConfig;
  readonly strategy: string;
  /** Fixed parameters of a signal-column strategy (indicator names, choices), from which workers rebuild it. */
  readonly template?: Readonly<Record<string, unknown>>;
  readonly evaluator: ComputeEvaluator;
  readonly space: ParamSpace;
  readonly constraints: readonly { readonly text: string; readonly test: Constraint }[];
  readonly search: SearchSpec;
  readonly rank: RankSpec;
  readonly walkForward?: WalkForwardSpec;
  readonly costs: SweepCosts;
}

const SECTIONS = ['run', 'data', 'strategy', 'search', 'rank', 'walk_forward', 'portfolio', 'sizing', 'execution', 'reporting', 'output'];

/** Reads and validates a YAML sweep config; errors name the file, line and key. */
export function loadSweepConfigFile(path: string): SweepConfig {
  if (!existsSync(path)) throw new ConfigError(`${path}: sweep config not found`);
  const { raw, lineOf } = readYamlFile(path);
  return normalizeSweepConfig(raw, path, lineOf);
}

/** Validates a sweep config object and fills defaults. `source` names it in errors. */
export function normalizeSweepConfig(raw: unknown, source: string, lineOf: (path: string[]) => number | undefined = () => undefined): SweepConfig {
  const fail: Fail = (key, what) => {
    const line = lineOf(key.replace(/\[(\d+)\]/g, '.$1').split('.'));
    throw new ConfigError(`${source}${line ? `:${line}` : ''}: \`${key}\` ${what}`);
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${source}: expected a mapping of config keys at the top level`);
  const r = raw as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!SECTIONS.includes(k)) fail(k, `is not a known key; a sweep config has ${SECTIONS.join(', ')}`);
  const section = (k: string): Record<string, unknown> | undefined => {
    const v = r[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) return fail(k, 'must be a mapping');
    return v as Record<string, unknown>;
  };
  const known = (k: string, s: Record<string, unknown> | undefined, keys: string[]): void => {
    for (const x of Object.keys(s ?? {})) if (!keys.includes(x)) fail(`${k}.${x}`, `is not a known key; expected ${keys.join(', ')}`);
  };

  // strategy: a name with a compute path, the space of its parameters, constraints between them
  const strat = section('strategy') ?? fail('strategy', 'is required');
  known('strategy', strat, ['name', 'params', 'constraints']);
  const name = typeof strat['name'] === 'string' ? strat['name'] : fail('strategy.name', 'is required: the strategy to sweep');
  const params = (strat['params'] ?? {}) as Record<string, unknown>;
  if (typeof params !== 'object' || Array.isArray(params)) fail('strategy.params', 'must be a mapping of parameter names to values or ranges');
  const swept = sweepStrategy(name, params, fail);
  const evaluator = swept.evaluator;
  const axes = swept.axes.map((a) => parseAxis(a.name, a.spec, a.rule, a.key, fail));
  const space = new ParamSpace(axes);
  const texts = strat['constraints'] ?? [];
  if (!Array.isArray(texts)) fail('strategy.constraints', 'must be a list such as ["fast < slow"]');
  const constraints = (texts as unknown[]).map((t, i) => {
    if (typeof t !== 'string') return fail(`strategy.constraints[${i}]`, `must be text such as "fast < slow"; got ${JSON.stringify(t)}`);
    return { text: t, test: compileConstraint(t, space.names, `strategy.constraints[${i}]`, fail) };
  });

  const search = section('search');
  known('search', search, ['method', 'samples', 'seed']);
  const method = search?.['method'] ?? 'grid';
  let searchSpec: SearchSpec;
  if (method === 'grid') {
    if (search?.['samples'] !== undefined) fail('search.samples', 'applies to `method: random` only');
    searchSpec = { method: 'grid' };
  } else if (method === 'random') {
    const samples = search?.['samples'];
    if (!Number.isInteger(samples) || (samples as number) < 1) fail('search.samples', `must be a whole number ≥ 1 (combinations to draw); got ${JSON.stringify(samples)}`);
    const seed = search?.['seed'] ?? 0;
    if (!Number.isSafeInteger(seed)) fail('search.seed', `must be an integer; got ${JSON.stringify(seed)}`);
    searchSpec = { method: 'random', samples: samples as number, seed: seed as number };
  } else {
    return fail('search.method', `must be one of: "grid", "random"; got ${JSON.stringify(method)}`);
  }

  const rank = section('rank');
  known('rank', rank, ['metric', 'order', 'top', 'min_trades']);
  const metric = (rank?.['metric'] ?? 'sharpe') as MetricName;
  if (!METRIC_NAMES.includes(metric)) fail('rank.metric', `must be one of: ${METRIC_NAMES.join(', ')}; got ${JSON.stringify(metric)}`);
  const order = rank?.['order'] ?? defaultOrder(metric);
  if (order !== 'asc' && order !== 'desc') fail('rank.order', `must be "asc" or "desc"; got ${JSON.stringify(order)}`);
  const top = rank?.['top'] ?? 10;
  if (!Number.isInteger(top) || (top as number) < 1 || (top as number) > 1000) fail('rank.top', `must be a whole number from 1 to 1000; got ${JSON.stringify(top)}`);
  const minTrades = rank?.['min_trades'] ?? 0;
  if (!Number.isInteger(minTrades) || (minTrades as number) < 0) fail('rank.min_trades', `must be a whole number ≥ 0; got ${JSON.stringify(minTrades)}`);

  const wf = section('walk_forward');
  known('walk_forward', wf, ['mode', 'in_sample_days', 'out_of_sample_days']);
  let walkForward: WalkForwardSpec | undefined;
  if (wf) {
    const mode = wf['mode'] ?? 'rolling';
    if (mode !== 'rolling' && mode !== 'anchored') fail('walk_forward.mode', `must be "rolling" or "anchored"; got ${JSON.stringify(mode)}`);
    const days = (k: string): number => (Number.isInteger(wf[k]) && (wf[k] as number) >= 1 ? (wf[k] as number) : fail(`walk_forward.${k}`, `must be a whole number of trading days ≥ 1; got ${JSON.stringify(wf[k])}`));
    walkForward = { mode: mode as 'rolling' | 'anchored', inSampleDays: days('in_sample_days'), outOfSampleDays: days('out_of_sample_days') };
  }

  // data, account, costs and reporting are those of a run config, validated the same way
  const output = section('output');
  known('output', output, ['dir']);
  const base = normalizeConfig({
    ...(r['run'] !== undefined ? { run: r['run'] } : {}), data: r['data'], strategy: { name },
    ...Object.fromEntries(['portfolio', 'sizing', 'execution', 'reporting'].filter((k) => r[k] !== undefined).map((k) => [k, r[k]])),
    output: { dir: output?.['dir'] ?? 'out/sweep' },
  }, source, lineOf);
  if (base.sizing.method !== 'fixed_quantity') fail('sizing.method', 'must be fixed_quantity for a sweep: the compute path sizes orders by a fixed quantity');
  if (base.execution.commission.maximum_pct !== undefined) fail('execution.commission.maximum_pct', 'is not supported by the compute path that sweeps run; remove it');
  const costs: SweepCosts = {
    quantity: base.sizing.quantity, perShare: Number(base.execution.commission.per_share),
    minCommission: Number(base.execution.commission.minimum), initialCash: Number(base.portfolio.initial_cash),
  };
  return {
    source, raw: r, base, strategy: name, ...(swept.template ? { template: swept.template } : {}), evaluator, space, constraints, search: searchSpec,
    rank: { metric, order: order as 'asc' | 'desc', top: top as number, minTrades: minTrades as number },
    ...(walkForward ? { walkForward } : {}), costs,
  };
}
