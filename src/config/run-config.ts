// The run configuration: loading from YAML or CLI flags, validation with key-naming errors, defaults.
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { readYamlFile } from './yaml-file.js';
import Ajv2020Import from 'ajv/dist/2020.js';
import { ConfigError } from '../model/index.js';
import { RUN_CONFIG_SCHEMA } from './schema.js';
import { catalogSection, type DataCatalogSection } from './data-config.js';
import { strategySections, type StrategyConfig } from './strategy-config.js';
import { executionSection, ledgerSection, portfolioSection, type ExecutionSection, type LedgerSection, type PortfolioSection } from './execution-config.js';
import { loadRiskPolicy } from './risk-config.js';
import type { RiskPolicy } from '../manager/index.js';

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
    /** Read the bars from this catalog (written by `qtrader ingest`) instead of files. */
    readonly catalog?: DataCatalogSection;
  };
  /** The first (or only) strategy; `strategies` has all of them. */
  readonly strategy: StrategyConfig;
  /** Every strategy of the run, each with its budget (a decimal fraction of equity). */
  readonly strategies: readonly StrategyConfig[];
  readonly portfolio: PortfolioSection;
  readonly sizing: { readonly method: 'fixed_quantity'; readonly quantity: number } | { readonly method: 'fixed_fraction'; readonly fraction: number };
  /** The risk policy of `risk:` (absent: the manager runs `sizing` and `portfolio.allow_short` with no other limit). */
  readonly risk?: RiskPolicy;
  readonly execution: ExecutionSection;
  readonly ledger: LedgerSection;
  readonly reporting: {
    readonly periods_per_year: number;
    readonly risk_free_rate: number;
    /** Symbol whose buy and hold is the benchmark, or null for none. */
    readonly benchmark: string | null;
    /** Symbol whose price report.html draws with entry and exit markers. */
    readonly chart_symbol: string;
    readonly rolling_window: number;
    readonly chart_points: number;
    readonly html_trades: number;
  };
  readonly output: { readonly dir: string; readonly event_log: boolean; readonly equity: 'bar' | 'day'; readonly html: boolean; readonly parquet_rows: number };
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
  const { raw, lineOf } = readYamlFile(path);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${path}: expected a mapping of config keys at the top level`);
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
  const catalog = catalogSection(data, fail);
  let files: { path: string; symbol: string }[];
  if (catalog) {
    files = [];
  } else if (data.files) {
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
  const runSymbols = catalog ? symbols : files.map((f) => f.symbol);
  for (const sym of runSymbols) {
    if (seen.has(sym)) fail('data', `names symbol ${sym} twice`);
    seen.add(sym);
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
  const { strategy, strategies } = strategySections(r, fail);
  const cfg: RunConfig = {
    run: { ...(r['run']?.id ? { id: r['run'].id } : {}), engine: r['run']?.engine ?? 'wasm' },
    data: {
      files, symbols: runSymbols, timezone: data.timezone ?? 'America/New_York',
      ...(data.start ? { start: data.start } : {}), ...(data.end ? { end: data.end } : {}),
      ...(data.generate ? { generate: { bars: data.generate.bars, seed: data.generate.seed, start: data.generate.start ?? '2024-01-02' } } : {}),
      ...(catalog ? { catalog } : {}),
    },
    strategy,
    strategies,
    portfolio: portfolioSection(r['portfolio'] ?? {}, runSymbols, fail),
    sizing,
    ...(r['risk'] !== undefined ? {
      risk: loadRiskPolicy(r['risk'], {
        sizing, sizingGiven: r['sizing'] !== undefined, allowShort: r['portfolio']?.allow_short ?? false, symbols: runSymbols, ...(data.start ? { start: data.start } : {}),
      }, source, lineOf),
    } : {}),
    execution: executionSection(r['execution'] ?? {}, fail),
    ledger: ledgerSection(r['ledger'] ?? {}, fail),
    reporting: reportingSection(r['reporting'] ?? {}, runSymbols, fail),
    output: {
      dir: r['output']?.dir ?? 'out/run',
      event_log: r['output']?.event_log ?? false,
      equity: r['output']?.equity ?? 'day',
      html: r['output']?.html ?? true,
      parquet_rows: r['output']?.parquet_rows ?? 1_000_000,
    },
  };
  return cfg;
}

/** The `reporting:` section with defaults; a benchmark or chart symbol must be one of the run's symbols. */
function reportingSection(rep: Record<string, any>, symbols: readonly string[], fail: (k: string, w: string) => never): RunConfig['reporting'] {
  const known = (key: string, s: string): string =>
    symbols.includes(s) ? s : fail(`reporting.${key}`, `names ${JSON.stringify(s)}, which is not a symbol of the run; expected one of: ${symbols.join(', ')}`);
  return {
    periods_per_year: rep['periods_per_year'] ?? 252,
    risk_free_rate: rep['risk_free_rate'] ?? 0,
    benchmark: rep['benchmark'] === null ? null : known('benchmark', rep['benchmark'] ?? symbols[0]!),
    chart_symbol: known('chart_symbol', rep['chart_symbol'] ?? symbols[0]!),
    rolling_window: rep['rolling_window'] ?? 63,
    chart_points: rep['chart_points'] ?? 2000,
    html_trades: rep['html_trades'] ?? 1000,
  };
}

function decimalString(v: string | number, key: string, fail: (k: string, w: string) => never, positive = false): string {
  const s = typeof v === 'number' ? String(v) : v.trim();
  if (!/^\d+(\.\d+)?$/.test(s)) return fail(key, `must be a non-negative decimal number like "0.005"; got ${JSON.stringify(v)}`);
  if (positive && Number(s) <= 0) return fail(key, `must be greater than 0; got ${JSON.stringify(v)}`);
  return s;
}
