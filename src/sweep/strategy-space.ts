// The `strategy:` section of a sweep config turned into swept axes: sma_cross's own parameters, or any
// vectorised registry strategy's numbers, with indicator lines (indicator_cross) flattened to `side_param`.
import { ConfigError } from '../model/index.js';
import { getIndicator } from '../kernels/index.js';
import { STRATEGIES } from '../strategy/registry.js';
import { EVALUATORS, type ComputeEvaluator } from './evaluators.js';
import { vectorEvaluator } from './vector-evaluator.js';
import type { Fail, ParamRule } from './param-space.js';

/** One axis to parse: its name among the combination's values, its spec as written, its rule and config key. */
export interface AxisSource {
  readonly name: string;
  readonly spec: unknown;
  readonly rule: ParamRule;
  readonly key: string;
}

/** A swept strategy: how combinations run, the axes, and the fixed parts workers rebuild it from. */
export interface SweepStrategy {
  readonly evaluator: ComputeEvaluator;
  readonly axes: readonly AxisSource[];
  /** Fixed parameters (indicator names and outputs, choices); undefined for strategies with their own path. */
  readonly template?: Readonly<Record<string, unknown>>;
}

/** The strategies a sweep can run. */
export function sweepableStrategies(): string[] {
  return [...Object.keys(EVALUATORS), ...['indicator_cross', 'ema_cross', 'macd_cross', 'rsi_mean_reversion', 'bollinger_breakout', 'donchian_breakout'].filter((n) => n in STRATEGIES)];
}

/** Resolves `strategy.name` and `strategy.params` of a sweep config; `fail` names the key. */
export function sweepStrategy(name: string, params: Readonly<Record<string, unknown>>, fail: Fail): SweepStrategy {
  const own = Object.prototype.hasOwnProperty.call(EVALUATORS, name) ? EVALUATORS[name]! : undefined;
  if (own) {
    for (const k of Object.keys(params)) if (!(k in own.params)) fail(`strategy.params.${k}`, `is not a parameter of ${name}; expected ${Object.keys(own.params).join(', ')}`);
    const axes = Object.keys(own.params).map((p) => (params[p] === undefined
      ? fail(`strategy.params.${p}`, `is required: ${own.params[p]!.description} (a number, a list, or {from, to, step})`)
      : { name: p, spec: params[p], rule: own.params[p]!, key: `strategy.params.${p}` }));
    return { evaluator: own, axes };
  }
  const spec = Object.prototype.hasOwnProperty.call(STRATEGIES, name) ? STRATEGIES[name] : undefined;
  if (!spec || !sweepableStrategies().includes(name)) {
    return fail('strategy.name', `"${name}" has no compute path for sweeps; strategies that can be swept: ${sweepableStrategies().join(', ')}`);
  }
  for (const k of Object.keys(params)) if (!(k in spec.params)) fail(`strategy.params.${k}`, `is not a parameter of ${name}; expected ${Object.keys(spec.params).join(', ')}`);
  const template: Record<string, unknown> = {};
  const sources: { name: string; spec: unknown; key: string }[] = [];
  for (const [k, p] of Object.entries(spec.params)) {
    const given = params[k];
    if (p.kind === 'indicator') {
      const key = `strategy.params.${k}`;
      if (given === null || typeof given !== 'object' || Array.isArray(given)) return fail(key, `is required: an indicator line such as {name: ema, params: {period: {from: 5, to: 50, step: 5}}}`);
      const line = given as Record<string, unknown>;
      for (const x of Object.keys(line)) if (!['name', 'params', 'output'].includes(x)) fail(`${key}.${x}`, 'is not a known key; an indicator line has name, params and output');
      if (typeof line['name'] !== 'string') return fail(`${key}.name`, 'is required: an indicator of the registry (ema, sma, rsi, …)');
      let info;
      try {
        info = getIndicator(line['name']);
      } catch (err) {
        if (err instanceof ConfigError) return fail(`${key}.name`, err.message);
        throw err;
      }
      if (info.outputType !== 'f64') fail(`${key}.name`, `${info.name} is a signal, not a series; expected an indicator with float outputs`);
      if (line['output'] !== undefined && !info.outputs.includes(line['output'] as string)) fail(`${key}.output`, `${info.name} has no output ${JSON.stringify(line['output'])}; expected one of: ${info.outputs.join(', ')}`);
      const lp = (line['params'] ?? {}) as Record<string, unknown>;
      if (typeof lp !== 'object' || Array.isArray(lp)) fail(`${key}.params`, 'must be a mapping of the indicator\'s parameters to values or ranges');
      const names = info.spec.params.map((q) => q.name);
      for (const x of Object.keys(lp)) if (!names.includes(x)) fail(`${key}.params.${x}`, `is not a parameter of ${info.name}; expected ${names.join(', ') || 'none'}`);
      template[k] = { name: info.name, ...(line['output'] !== undefined ? { output: line['output'] } : {}) };
      for (const q of info.spec.params) sources.push({ name: `${k}_${q.name}`, spec: lp[q.name] ?? q.default, key: `${key}.params.${q.name}` });
    } else if (p.kind === 'choice') {
      template[k] = given ?? p.default;
    } else {
      const v = given ?? p.default;
      if (v === undefined) return fail(`strategy.params.${k}`, `is required: ${p.description} (a number, a list, or {from, to, step})`);
      sources.push({ name: k, spec: v, key: `strategy.params.${k}` });
    }
  }
  const evaluator = vectorEvaluator({ name, template }) as unknown as ComputeEvaluator;
  return { evaluator, template, axes: sources.map((s) => ({ ...s, rule: evaluator.params[s.name]! })) };
}
