// The strategy registry: built-in strategies by name, with their parameters validated, plus names
// that API users register.
import { ConfigError } from '../model/index.js';
import type { VectorStrategy } from './strategy.js';
import type { EventStrategy } from './event-strategy.js';
import { SmaCrossStrategy } from './sma-cross.js';
import { BuyAndHoldStrategy } from './buy-and-hold.js';
import { IndicatorCrossStrategy, type IndicatorLine } from './indicator-cross.js';
import { RsiMeanReversionStrategy } from './rsi-mean-reversion.js';
import { BollingerBreakoutStrategy } from './bollinger-breakout.js';
import { DonchianBreakoutStrategy } from './donchian-breakout.js';
import { MomentumRotationStrategy } from './momentum-rotation.js';
import type { CalendarPeriod } from './calendar.js';

/** A strategy of either kind. */
export type AnyStrategy = VectorStrategy | EventStrategy;

/** One parameter of a registered strategy. */
export interface StrategyParamSpec {
  readonly default?: number | string;
  readonly description: string;
  /** number (default), an indicator `{name, params, output}`, or one of `choices`. */
  readonly kind?: 'number' | 'indicator' | 'choice';
  readonly choices?: readonly string[];
}

/** A registered strategy: its parameters (with defaults) and a factory. */
export interface StrategySpec {
  readonly description: string;
  readonly params: Readonly<Record<string, StrategyParamSpec>>;
  create(params: Readonly<Record<string, unknown>>): AnyStrategy;
}

const num = (p: Readonly<Record<string, unknown>>, k: string): number => p[k] as number;
const short = { default: 0, description: '1 to also trade the short side (needs portfolio.allow_short), 0 for long only' } as const;

function crossOf(name: string, fast: IndicatorLine, slow: IndicatorLine, params: Record<string, number>): IndicatorCrossStrategy {
  return new IndicatorCrossStrategy(fast, slow, 'strategy.params', name, params);
}

function fastBelowSlow(fast: number, slow: number): void {
  if (fast >= slow) throw new ConfigError(`\`strategy.params.fast\` (${fast}) must be less than \`strategy.params.slow\` (${slow})`);
}

/** Built-in strategies. */
export const STRATEGIES: Readonly<Record<string, StrategySpec>> = {
  sma_cross: {
    description: 'long when SMA(fast) crosses above SMA(slow), flat when it crosses below',
    params: {
      fast: { default: 10, description: 'window of the fast simple moving average, in bars' },
      slow: { default: 30, description: 'window of the slow simple moving average, in bars' },
    },
    create: (p) => new SmaCrossStrategy(num(p, 'fast'), num(p, 'slow')),
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
  ema_cross: {
    description: 'long when EMA(fast) crosses above EMA(slow), flat when it crosses below',
    params: {
      fast: { default: 12, description: 'period of the fast exponential moving average, in bars' },
      slow: { default: 26, description: 'period of the slow exponential moving average, in bars' },
    },
    create: (p) => {
      fastBelowSlow(num(p, 'fast'), num(p, 'slow'));
      return crossOf('ema_cross', { name: 'ema', params: { period: num(p, 'fast') } }, { name: 'ema', params: { period: num(p, 'slow') } }, { fast: num(p, 'fast'), slow: num(p, 'slow') });
    },
  },
  macd_cross: {
    description: 'long when the MACD line crosses above its signal line, flat when it crosses below',
    params: {
      fast: { default: 12, description: 'period of the fast EMA of the MACD line' },
      slow: { default: 26, description: 'period of the slow EMA of the MACD line' },
      signal: { default: 9, description: 'period of the EMA of the MACD line that makes the signal line' },
    },
    create: (p) => {
      fastBelowSlow(num(p, 'fast'), num(p, 'slow'));
      const params = { fast: num(p, 'fast'), slow: num(p, 'slow'), signal: num(p, 'signal') };
      return crossOf('macd_cross', { name: 'macd', params, output: 'macd' }, { name: 'macd', params, output: 'signal' }, params);
    },
  },
  rsi_mean_reversion: {
    description: 'long when RSI crosses below `lower` (oversold), flat when it crosses above `upper`; optionally the mirror image short',
    params: {
      period: { default: 14, description: "period of Wilder's RSI, in bars" },
      lower: { default: 30, description: 'oversold level: RSI crossing below it opens a long (and closes a short)' },
      upper: { default: 70, description: 'overbought level: RSI crossing above it closes a long (and opens a short with short = 1)' },
      short,
    },
    create: (p) => new RsiMeanReversionStrategy(num(p, 'period'), num(p, 'lower'), num(p, 'upper'), num(p, 'short')),
  },
  bollinger_breakout: {
    description: 'long when the close crosses above the upper Bollinger band, flat when it crosses below the middle band',
    params: {
      period: { default: 20, description: 'window of the middle band (SMA) and of the standard deviation, in bars' },
      mult: { default: 2, description: 'band width in (population) standard deviations' },
      short,
    },
    create: (p) => new BollingerBreakoutStrategy(num(p, 'period'), num(p, 'mult'), num(p, 'short')),
  },
  donchian_breakout: {
    description: 'turtle-style: long on a close above the prior `entry`-bar high, flat on a close below the prior `exit`-bar low, with a stop-loss `stop`·ATR below the entry',
    params: {
      entry: { default: 20, description: 'bars of the entry channel (breakout above its high opens a long)' },
      exit: { default: 10, description: 'bars of the exit channel (breakout below its low closes the long)' },
      atr: { default: 20, description: "period of Wilder's ATR for the stop" },
      stop: { default: 2, description: 'stop-loss distance in ATRs from the signal bar\'s close (0: no stop)' },
      short,
    },
    create: (p) => new DonchianBreakoutStrategy(num(p, 'entry'), num(p, 'exit'), num(p, 'atr'), num(p, 'stop'), num(p, 'short')),
  },
  momentum_rotation: {
    description: 'multi-asset: on the first bar of each day/week/month, rank symbols by trailing return and hold the top N',
    params: {
      lookback: { default: 20, description: 'bars of the trailing return close(t) / close(t − lookback) − 1' },
      top: { default: 1, description: 'how many of the best-ranked symbols to hold' },
      rebalance: { default: 'month', kind: 'choice', choices: ['day', 'week', 'month'], description: 'calendar of the rebalances, in the data\'s time zone' },
    },
    create: (p) => new MomentumRotationStrategy(num(p, 'lookback'), num(p, 'top'), p['rebalance'] as CalendarPeriod),
  },
};

const userStrategies = new Map<string, StrategySpec>();

/** Registers a strategy under `name` for configs (`strategy: {name}`); built-in names cannot be taken. */
export function registerStrategy(name: string, spec: StrategySpec): void {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) throw new ConfigError(`registerStrategy: name must be letters, digits, _ . - (starting with a letter or _); got ${JSON.stringify(name)}`);
  if (Object.prototype.hasOwnProperty.call(STRATEGIES, name)) throw new ConfigError(`registerStrategy: "${name}" is a built-in strategy; choose another name`);
  userStrategies.set(name, spec);
}

/** Removes a registered name (tests, long-lived API processes). */
export function unregisterStrategy(name: string): boolean {
  return userStrategies.delete(name);
}

/** Every name a config can use: built-ins, then registered ones. */
export function strategyNames(): string[] {
  return [...Object.keys(STRATEGIES), ...userStrategies.keys()];
}

/** The spec of `name`, built-in or registered. */
export function strategySpec(name: string): StrategySpec | undefined {
  return Object.prototype.hasOwnProperty.call(STRATEGIES, name) ? STRATEGIES[name] : userStrategies.get(name);
}

/** Checks `params` against `spec` and fills defaults; messages name `where.params.key`. */
export function validateParams(name: string, spec: StrategySpec, params: Readonly<Record<string, unknown>>, where: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (!(key in spec.params)) {
      const known = Object.keys(spec.params);
      throw new ConfigError(`\`${where}.params.${key}\`: unknown parameter of ${name}; expected ${known.length ? 'one of: ' + known.join(', ') : 'no parameters'}`);
    }
    const p = spec.params[key]!;
    if (p.kind === 'indicator') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new ConfigError(`\`${where}.params.${key}\`: expected an indicator like {name: ema, params: {period: 12}}; got ${JSON.stringify(value)}`);
      }
      values[key] = value;
      continue;
    }
    if (p.kind === 'choice') {
      if (typeof value !== 'string' || !p.choices!.includes(value)) {
        throw new ConfigError(`\`${where}.params.${key}\`: expected one of: ${p.choices!.join(', ')}; got ${JSON.stringify(value)}`);
      }
      values[key] = value;
      continue;
    }
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      throw new ConfigError(`\`${where}.params.${key}\`: expected a number; got ${JSON.stringify(value)}`);
    }
    values[key] = n;
  }
  for (const [key, p] of Object.entries(spec.params)) {
    if (values[key] === undefined) {
      if (p.default === undefined) throw new ConfigError(`\`${where}.params.${key}\` is required for ${name}: ${p.description}`);
      values[key] = p.default;
    }
  }
  return values;
}

/**
 * Creates a strategy by name (built-in or registered). `where` names the config keys in messages
 * (e.g. `strategy` → `strategy.name`, `strategy.params.fast`; `strategies.1` → `strategies.1.params.fast`).
 */
export function createStrategy(name: string, params: Readonly<Record<string, unknown>>, where = 'strategy'): AnyStrategy {
  const spec = strategySpec(name);
  if (!spec) {
    throw new ConfigError(`\`${where}.name\`: unknown strategy "${name}"; expected one of: ${strategyNames().join(', ')} (or \`file:\` naming a .ts/.js strategy file)`);
  }
  const values = validateParams(name, spec, params, where);
  try {
    return spec.create(values);
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(err.message.replace(/`strategy\.params/g, `\`${where}.params`));
    throw err;
  }
}
