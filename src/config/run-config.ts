// The run configuration: loading from YAML or CLI flags, validation with key-naming errors, defaults.
import { readFileSync, existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseDocument, LineCounter, isNode } from 'yaml';
import Ajv2020Import from 'ajv/dist/2020.js';
import { ConfigError } from '../model/index.js';
import { RUN_CONFIG_SCHEMA } from './schema.js';

// ajv is CommonJS: under NodeNext the default import is typed as the module object.
const Ajv2020 = Ajv2020Import.default;

/** A validated run configuration with every default filled in. */
export interface RunConfig {
  readonly run: { readonly id?: string; readonly engine: 'wasm' | 'js' };
  readonly data: {
    readonly files: ReadonlyArray<{ readonly path: string; readonly symbol: string }>;
    readonly symbols: readonly string[];
    readonly timezone: string;
    readonly start?: string;
    readonly end?: string;
    readonly generate?: { readonly bars: number; readonly seed: number; readonly start: string };
  };
  readonly strategy: { readonly name: string; readonly id: string; readonly params: Readonly<Record<string, unknown>> };
  readonly portfolio: { readonly initial_cash: string; readonly currency: string };
  readonly sizing: { readonly method: 'fixed_quantity'; readonly quantity: number } | { readonly method: 'fixed_fraction'; readonly fraction: number };
  readonly execution: {
    readonly fill_policy: 'next_open';
    readonly commission: { readonly per_share: string; readonly minimum: string; readonly maximum_pct?: string };
  };
  readonly reporting: { readonly periods_per_year: number; readonly risk_free_rate: number };
  readonly output: { readonly dir: string; readonly event_log: boolean; readonly equity: 'bar' | 'day' };
}

let validator: ((x: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }> | null } | undefined;

function validate(raw: unknown, source: string, lineOf: (path: string[]) => number | undefined): void {
  if (!validator) validator = new Ajv2020({ allErrors: false, strict: false }).compile(RUN_CONFIG_SCHEMA) as unknown as typeof validator;
  if (validator!(raw)) return;
  const err = validator!.errors![0]!;
  const path = err.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let key = path.join('.');
  let what = err.message ?? 'is invalid';
  if (err.keyword === 'additionalProperties') {
    const extra = String(err.params['additionalProperty']);
    key = key ? `${key}.${extra}` : extra;
    path.push(extra);
    what = 'is not a known key';
  } else if (err.keyword === 'required') {
    const missing = String(err.params['missingProperty']);
    key = key ? `${key}.${missing}` : missing;
    what = 'is required';
  } else if (err.keyword === 'enum') {
    what = `must be one of: ${(err.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  } else {
    what = `${what}`;
  }
  const value = path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), raw);
  const got = err.keyword === 'required' || err.keyword === 'additionalProperties' || value === undefined ? '' : `; got ${JSON.stringify(value)}`;
  const line = lineOf(path);
  throw new ConfigError(`${source}${line ? `:${line}` : ''}: \`${key || '(root)'}\` ${what}${got}`);
}

/** Reads and validates a YAML run config; errors name the file, line and key. */
export function loadConfigFile(path: string): RunConfig {
  if (!existsSync(path)) throw new ConfigError(`${path}: config file not found`);
  const text = readFileSync(path, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = lineCounter.linePos(e.pos[0]);
    throw new ConfigError(`${path}:${pos.line}:${pos.col}: invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const raw = doc.toJS() as unknown;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${path}: expected a mapping of config keys at the top level`);
  const lineOf = (p: string[]): number | undefined => {
    for (let n = p.length; n > 0; n--) {
      const node = doc.getIn(p.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return normalizeConfig(raw, path, lineOf);
}

/** Validates a config object (from YAML or flags) and fills defaults. `source` names it in errors. */
export function normalizeConfig(raw: unknown, source: string, lineOf: (path: string[]) => number | undefined = () => undefined): RunConfig {
  validate(raw, source, lineOf);
  const r = raw as Record<string, any>;
  const fail = (key: string, what: string): never => {
    const line = lineOf(key.split('.'));
    throw new ConfigError(`${source}${line ? `:${line}` : ''}: \`${key}\` ${what}`);
  };
  const data = r['data'] ?? {};
  const symbols: string[] = data.symbols ?? [];
  let files: { path: string; symbol: string }[];
  if (data.files) {
    if (data.path) fail('data.path', 'cannot be given together with `data.files`');
    files = data.files.map((f: { path: string; symbol?: string }) => ({ path: f.path, symbol: f.symbol ?? basename(f.path, extname(f.path)) }));
  } else if (data.path) {
    const p: string = data.path;
    if (p.includes('{symbol}')) {
      if (symbols.length === 0) fail('data.symbols', 'is required when `data.path` contains {symbol}');
      files = symbols.map((s) => ({ path: p.replaceAll('{symbol}', s), symbol: s }));
    } else {
      files = [{ path: p, symbol: symbols.length === 1 ? symbols[0]! : basename(p, extname(p)) }];
    }
  } else {
    return fail('data.path', 'is required (or `data.files`)');
  }
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.symbol)) fail('data', `names symbol ${f.symbol} twice`);
    seen.add(f.symbol);
  }
  if (data.start && data.end && data.start > data.end) fail('data.end', `(${data.end}) is before \`data.start\` (${data.start})`);
  const sizingRaw = r['sizing'] ?? { method: 'fixed_quantity', quantity: 100 };
  let sizing: RunConfig['sizing'];
  if (sizingRaw.method === 'fixed_quantity') {
    if (sizingRaw.quantity === undefined) fail('sizing.quantity', 'is required for fixed_quantity');
    if (sizingRaw.fraction !== undefined) fail('sizing.fraction', 'does not apply to fixed_quantity');
    sizing = { method: 'fixed_quantity', quantity: sizingRaw.quantity };
  } else {
    if (sizingRaw.fraction === undefined) fail('sizing.fraction', 'is required for fixed_fraction');
    if (sizingRaw.quantity !== undefined) fail('sizing.quantity', 'does not apply to fixed_fraction');
    sizing = { method: 'fixed_fraction', fraction: sizingRaw.fraction };
  }
  const comm = r['execution']?.commission ?? {};
  const strategy = r['strategy'];
  const cfg: RunConfig = {
    run: { ...(r['run']?.id ? { id: r['run'].id } : {}), engine: r['run']?.engine ?? 'wasm' },
    data: {
      files, symbols: files.map((f) => f.symbol), timezone: data.timezone ?? 'America/New_York',
      ...(data.start ? { start: data.start } : {}), ...(data.end ? { end: data.end } : {}),
      ...(data.generate ? { generate: { bars: data.generate.bars, seed: data.generate.seed, start: data.generate.start ?? '2024-01-02' } } : {}),
    },
    strategy: { name: strategy.name, id: strategy.id ?? strategy.name, params: strategy.params ?? {} },
    portfolio: {
      initial_cash: decimalString(r['portfolio']?.initial_cash ?? '100000', 'portfolio.initial_cash', fail, true),
      currency: r['portfolio']?.currency ?? 'USD',
    },
    sizing,
    execution: {
      fill_policy: r['execution']?.fill_policy ?? 'next_open',
      commission: {
        per_share: decimalString(comm.per_share ?? '0', 'execution.commission.per_share', fail),
        minimum: decimalString(comm.minimum ?? '0', 'execution.commission.minimum', fail),
        ...(comm.maximum_pct !== undefined ? { maximum_pct: decimalString(comm.maximum_pct, 'execution.commission.maximum_pct', fail) } : {}),
      },
    },
    reporting: {
      periods_per_year: r['reporting']?.periods_per_year ?? 252,
      risk_free_rate: r['reporting']?.risk_free_rate ?? 0,
    },
    output: {
      dir: r['output']?.dir ?? 'out/run',
      event_log: r['output']?.event_log ?? false,
      equity: r['output']?.equity ?? 'day',
    },
  };
  return cfg;
}

function decimalString(v: string | number, key: string, fail: (k: string, w: string) => never, positive = false): string {
  const s = typeof v === 'number' ? String(v) : v.trim();
  if (!/^\d+(\.\d+)?$/.test(s)) return fail(key, `must be a non-negative decimal number like "0.005"; got ${JSON.stringify(v)}`);
  if (positive && Number(s) <= 0) return fail(key, `must be greater than 0; got ${JSON.stringify(v)}`);
  return s;
}
