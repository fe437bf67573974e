// The strategy registry: built-in strategies by name, with their parameters validated.
import { ConfigError } from '../model/index.js';
import type { VectorStrategy } from './strategy.js';
import { SmaCrossStrategy } from './sma-cross.js';
import { BuyAndHoldStrategy } from './buy-and-hold.js';
import { IndicatorCrossStrategy, type IndicatorLine } from './indicator-cross.js';

/** A registered strategy: its parameters (with defaults) and a factory. */
export interface StrategySpec {
  readonly description: string;
  readonly params: Readonly<Record<string, { readonly default?: number; readonly description: string; readonly kind?: 'number' | 'indicator' }>>;
  create(params: Readonly<Record<string, unknown>>): VectorStrategy;
}

/** Built-in strategies. */
export const STRATEGIES: Readonly<Record<string, StrategySpec>> = {
  sma_cross: {
    description: 'long when SMA(fast) crosses above SMA(slow), flat when it crosses below',
    params: {
      fast: { default: 10, description: 'window of the fast simple moving average, in bars' },
      slow: { default: 30, description: 'window of the slow simple moving average, in bars' },
    },
    create: (p) => new SmaCrossStrategy(p['fast'] as number, p['slow'] as number),
  },
  indicator_cross: {
    description: 'long when indicator `fast` crosses above indicator `slow` (any two from the indicator registry), flat when it crosses below',
    params: {
      fast: { kind: 'indicator', description: 'the line that crosses: {name: ema, params: {period: 12}, output?: name}' },
      slow: { kind: 'indicator', description: 'the line crossed: {name: ema, params: {period: 26}}' },
    },
    create: (p) => new IndicatorCrossStrategy(p['fast'] as IndicatorLine, p['slow'] as IndicatorLine, 'strategy.params'),
  },
  buy_and_hold: {
    description: 'buy every symbol at its first bar and hold to the end',
    params: {},
    create: () => new BuyAndHoldStrategy(),
  },
};

/**
 * Creates a strategy by name. `where` names the config keys in messages
 * (e.g. `strategy` → `strategy.name`, `strategy.params.fast`).
 */
export function createStrategy(name: string, params: Readonly<Record<string, unknown>>, where = 'strategy'): VectorStrategy {
  const spec = STRATEGIES[name];
  if (!spec) {
    throw new ConfigError(`\`${where}.name\`: unknown strategy "${name}"; expected one of: ${Object.keys(STRATEGIES).join(', ')}`);
  }
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (!(key in spec.params)) {
      const known = Object.keys(spec.params);
      throw new ConfigError(`\`${where}.params.${key}\`: unknown parameter of ${name}; expected ${known.length ? 'one of: ' + known.join(', ') : 'no parameters'}`);
    }
    if (spec.params[key]!.kind === 'indicator') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new ConfigError(`\`${where}.params.${key}\`: expected an indicator like {name: ema, params: {period: 12}}; got ${JSON.stringify(value)}`);
      }
      values[key] = value;
      continue;
    }
    const num = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof num !== 'number' || !Number.isFinite(num)) {
      throw new ConfigError(`\`${where}.params.${key}\`: expected a number; got ${JSON.stringify(value)}`);
    }
    values[key] = num;
  }
  for (const [key, p] of Object.entries(spec.params)) {
    if (values[key] === undefined) {
      if (p.default === undefined) throw new ConfigError(`\`${where}.params.${key}\` is required for ${name}: ${p.description}`);
      values[key] = p.default;
    }
  }
  try {
    return spec.create(values);
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(err.message.replace(/`strategy\.params/g, `\`${where}.params`));
    throw err;
  }
}
