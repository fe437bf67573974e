// The `strategy:` / `strategies:` keys of a run config: their JSON Schema and their normalized form
// (a registry name or a .ts/.js file each, a unique id, params, and a capital budget).
import { basename, extname } from 'node:path';
import { Decimal } from '../model/index.js';

/** Schema of one strategy entry: `{name | file, id?, params?, budget?}`. */
export const STRATEGY_ENTRY_SCHEMA = {
  type: 'object', additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, description: 'a registry strategy: sma_cross, ema_cross, … (see docs/strategies.md)' },
    file: { type: 'string', minLength: 1, description: 'a .ts or .js file whose default export is a strategy (relative to the working directory)' },
    id: { type: 'string', minLength: 1, pattern: '^\\S+$', description: 'strategy id in events and reports; default: the name (or the file\'s base name)' },
    params: { type: 'object', additionalProperties: { type: ['number', 'string', 'object', 'boolean'] } },
    budget: { type: ['string', 'number'], description: 'fraction of equity in (0, 1] the strategy may use, e.g. "0.5"' },
  },
} as const;

/** Schema properties for the run config's root. */
export const STRATEGY_PROPERTIES = {
  strategy: STRATEGY_ENTRY_SCHEMA,
  strategies: { type: 'array', minItems: 1, items: STRATEGY_ENTRY_SCHEMA, description: 'several strategies in one run, each with its own id, params and budget' },
} as const;

/** One normalized strategy entry. */
export interface StrategyConfig {
  /** Registry name; for a file, its base name without extension. */
  readonly name: string;
  readonly id: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** The strategy's file as the config wrote it (relative to the working directory). */
  readonly file?: string;
  /** Fraction of equity, a decimal string in (0, 1] (set in `strategies`, not in `strategy`). */
  readonly budget?: string;
}

const SOURCE_EXT = new Set(['.ts', '.mts', '.js', '.mjs']);

/**
 * Normalizes `strategy:` (one) or `strategies:` (a list): exactly one of the two; each entry a
 * `name` or a `file`; ids unique; budgets decimal fractions in (0, 1] summing to at most 1, the
 * entries without one sharing what is left equally (a lone strategy: 1). Returns the first entry
 * (without its budget, as `cfg.strategy` always was) and all of them with budgets.
 */
export function strategySections(r: Record<string, any>, fail: (key: string, what: string) => never): { strategy: StrategyConfig; strategies: StrategyConfig[] } {
  const one = r['strategy'];
  const many = r['strategies'];
  if (one !== undefined && many !== undefined) fail('strategies', 'cannot be given together with `strategy`: put every strategy in `strategies`');
  if (one === undefined && many === undefined) fail('strategy', 'is required: {name: sma_cross, params: {…}} or {file: ./my-strategy.ts}, or a list under `strategies`');
  const raw: Record<string, any>[] = many ?? [one];
  const keyOf = (i: number): string => (many === undefined ? 'strategy' : `strategies.${i}`);
  const ids = new Map<string, number>();
  const entries = raw.map((e, i) => {
    const key = keyOf(i);
    if (e.name !== undefined && e.file !== undefined) fail(`${key}.file`, 'cannot be given together with `name`: a strategy is a registry name or a file');
    if (e.name === undefined && e.file === undefined) fail(`${key}.name`, 'is required (a registry strategy such as sma_cross), or `file` (a .ts/.js strategy file)');
    if (e.file !== undefined && !SOURCE_EXT.has(extname(e.file))) fail(`${key}.file`, `must be a .ts, .mts, .js or .mjs file; got ${JSON.stringify(e.file)}`);
    const name: string = e.name ?? basename(e.file, extname(e.file));
    const id: string = e.id ?? name;
    const prev = ids.get(id);
    if (prev !== undefined) fail(`${key}.id`, `"${id}" is already the id of ${keyOf(prev)}; strategy ids must be unique: give each strategy its own \`id\``);
    ids.set(id, i);
    let budget: Decimal | undefined;
    if (e.budget !== undefined) {
      const s = typeof e.budget === 'number' ? String(e.budget) : String(e.budget).trim();
      if (!/^\d+(\.\d+)?$/.test(s) || Number(s) <= 0 || Number(s) > 1) fail(`${key}.budget`, `must be a fraction of equity in (0, 1] like "0.5"; got ${JSON.stringify(e.budget)}`);
      budget = new Decimal(s);
    }
    return { name, id, params: e.params ?? {}, file: e.file as string | undefined, budget };
  });
  const given = entries.reduce((sum, e) => (e.budget ? sum.plus(e.budget) : sum), new Decimal(0));
  if (given.gt(1)) fail(many === undefined ? 'strategy.budget' : 'strategies', `budgets sum to ${given.toFixed()}; they must sum to at most 1 (of equity)`);
  const open = entries.filter((e) => !e.budget).length;
  const left = new Decimal(1).minus(given);
  if (open > 0 && left.lte(0)) fail('strategies', `budgets of the other strategies already sum to ${given.toFixed()}: nothing is left for the ${open} without a budget`);
  // an equal share of what is left, rounded down to 1e-12 so that the shares never sum past 1
  const share = open > 0 ? left.div(open).toDecimalPlaces(12, Decimal.ROUND_DOWN) : new Decimal(0);
  const out = entries.map((e) => ({
    name: e.name, id: e.id, params: e.params, ...(e.file !== undefined ? { file: e.file } : {}), budget: (e.budget ?? share).toFixed(),
  }));
  const { budget: _b, ...first } = out[0]!;
  return { strategy: first, strategies: out };
}
