// Risk policies: `risk:` of a run config names a YAML file under config/risk/ (or any path) or holds
// the policy inline. Validated against contracts/schemas/config/risk_policy.v1.json with errors that
// name the file, line and key, then filled with defaults into the manager's RiskPolicy.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readYamlFile } from './yaml-file.js';
import Ajv2020Import from 'ajv/dist/2020.js';
import { ConfigError, packageRoot } from '../model/index.js';
import { SecurityMaster, parseSecurityMaster } from '../data/algoseek/security-master.js';
import { BadRows, RowTally } from '../data/ingest/row-tally.js';
import type { Classification, ExitDistance, RiskPolicy, SizingConfig, SizingPolicy, StopsPolicy } from '../manager/index.js';

// ajv is CommonJS: under NodeNext the default import is typed as the module object.
const Ajv2020 = Ajv2020Import.default;

type Validator = ((x: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }> | null };
let validator: Validator | undefined;

/** The risk policy schema (contracts/schemas/config/risk_policy.v1.json). */
export function riskPolicySchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(packageRoot(), 'contracts', 'schemas', 'config', 'risk_policy.v1.json'), 'utf8')) as Record<string, unknown>;
}

/** Where a policy's keys are reported: the file (or run config) and the key prefix. */
interface Place {
  readonly source: string;
  readonly prefix: string;
  readonly lineOf: (path: string[]) => number | undefined;
}

function failAt(place: Place, path: string[], what: string): never {
  const line = place.lineOf(path);
  const key = [place.prefix, ...path].filter((x) => x !== '').join('.');
  throw new ConfigError(`${place.source}${line ? `:${line}` : ''}: \`${key || '(root)'}\` ${what}`);
}

function validate(raw: unknown, place: Place): void {
  if (!validator) validator = new Ajv2020({ allErrors: false, strict: false }).compile(riskPolicySchema()) as unknown as Validator;
  if (validator(raw)) return;
  const err = validator.errors![0]!;
  const path = err.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let what = err.message ?? 'is invalid';
  if (err.keyword === 'additionalProperties') {
    path.push(String(err.params['additionalProperty']));
    what = 'is not a known key';
    const parent = path.slice(0, -1).join('.');
    const known = knownKeys(parent);
    if (known) what += `; expected one of: ${known.join(', ')}`;
  } else if (err.keyword === 'required') {
    path.push(String(err.params['missingProperty']));
    what = 'is required';
  } else if (err.keyword === 'enum') {
    what = `must be one of: ${(err.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (err.keyword === 'oneOf') {
    what = 'needs exactly one of `percent` or `atr`';
  }
  const value = path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), raw);
  const got = err.keyword === 'required' || err.keyword === 'additionalProperties' || value === undefined ? '' : `; got ${JSON.stringify(value)}`;
  failAt(place, path, `${what}${got}`);
}

/** Keys the schema allows under a section (for "not a known key" messages). */
function knownKeys(section: string): string[] | undefined {
  let node: Record<string, unknown> | undefined = riskPolicySchema();
  for (const k of section === '' ? [] : section.split('.')) {
    const child: Record<string, unknown> | undefined = (node?.['properties'] as Record<string, Record<string, unknown>> | undefined)?.[k];
    node = child;
  }
  const props = node?.['properties'];
  return props && typeof props === 'object' ? Object.keys(props) : undefined;
}

/** Reads a YAML document; errors name the file and line. */
function readYaml(path: string, label: string): { raw: unknown; lineOf: (p: string[]) => number | undefined } {
  if (!existsSync(path)) throw new ConfigError(`${label}: risk policy file ${path} not found; the policies shipped with qtrader are config/risk/naive.yaml, conservative.yaml and aggressive.yaml`);
  return readYamlFile(path);
}

/** A policy name (`naive`) → config/risk/naive.yaml of the package; anything with a `/` or `.yaml` is a path. */
export function riskPolicyPath(name: string): string {
  if (name.includes('/') || name.includes('\\') || /\.ya?ml$/.test(name)) return name;
  return join(packageRoot(), 'config', 'risk', `${name}.yaml`);
}

/** What the run config contributes to a policy: its sizing, shorting permission, symbols and start. */
export interface RiskContext {
  /** The run config's `sizing:` (its default when absent), used when the policy has no `sizing`. */
  readonly sizing: SizingConfig;
  /** Whether the run config gave `sizing:` explicitly. */
  readonly sizingGiven: boolean;
  readonly allowShort: boolean;
  readonly symbols: readonly string[];
  /** First date of the data (YYYY-MM-DD), for point-in-time sectors; default: the records still valid. */
  readonly start?: string;
}

/**
 * The policy of `risk:` (a name, a path, or an inline mapping). `source` and `lineOf` place the
 * `risk` key in the run config for errors about it.
 */
export function loadRiskPolicy(value: unknown, ctx: RiskContext, source: string, lineOf: (p: string[]) => number | undefined): RiskPolicy {
  let raw: unknown;
  let place: Place;
  let origin: string;
  if (typeof value === 'string') {
    // the policy keeps the name as written, so that run ids do not depend on where qtrader is installed
    origin = value;
    const path = riskPolicyPath(value);
    const line = lineOf(['risk']);
    const y = readYaml(path, `${source}${line ? `:${line}` : ''}: \`risk\``);
    raw = y.raw ?? {};
    place = { source: path, prefix: '', lineOf: y.lineOf };
  } else {
    raw = value;
    origin = 'inline';
    place = { source, prefix: 'risk', lineOf: (p) => lineOf(['risk', ...p]) };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) failAt(place, [], 'must be a mapping of risk policy keys (sizing, limits, stops, classification)');
  validate(raw, place);
  return normalizePolicy(raw as Record<string, any>, origin, ctx, place);
}

const SIZING_KEYS: Record<SizingConfig['method'], readonly string[]> = {
  fixed_quantity: ['quantity'],
  fixed_fraction: ['fraction'],
  volatility_target: ['target_risk', 'volatility', 'window'],
  kelly: ['scale', 'min_trades', 'cap', 'fallback'],
  inverse_volatility: ['volatility', 'window', 'exposure'],
  equal_weight: ['positions', 'exposure'],
};
const COMMON_SIZING = ['method', 'lot_size', 'min_ticket_value', 'min_ticket_shares'];

function normalizePolicy(r: Record<string, any>, origin: string, ctx: RiskContext, place: Place): RiskPolicy {
  const s = r['sizing'] as Record<string, any> | undefined;
  let rule: SizingConfig;
  if (s) {
    if (ctx.sizingGiven) failAt(place, ['sizing'], 'is given both here and in the run config\'s `sizing:`; keep one of them');
    const method = s['method'] as SizingConfig['method'];
    for (const k of Object.keys(s)) {
      if (!COMMON_SIZING.includes(k) && !SIZING_KEYS[method].includes(k)) failAt(place, ['sizing', k], `does not apply to ${method}; its keys are: ${[...SIZING_KEYS[method], 'lot_size', 'min_ticket_value', 'min_ticket_shares'].join(', ')}`);
    }
    rule = sizingRule(method, s);
  } else {
    rule = ctx.sizing;
  }
  const sizing: SizingPolicy = { rule, lot_size: s?.['lot_size'] ?? 1, min_ticket_value: s?.['min_ticket_value'] ?? 0, min_ticket_shares: s?.['min_ticket_shares'] ?? 1 };
  const l = (r['limits'] ?? {}) as Record<string, any>;
  const allowShort = l['allow_short'] ?? ctx.allowShort;
  if (allowShort && !ctx.allowShort) failAt(place, ['limits', 'allow_short'], 'is true but the run config\'s `portfolio.allow_short` is false: the account must allow short sales (set portfolio.allow_short: true)');
  const opt = (k: string): Record<string, number> => (l[k] !== undefined ? { [k]: l[k] as number } : {});
  const limits = {
    allow_short: allowShort as boolean,
    ...opt('max_position_pct'), ...opt('max_gross_leverage'), ...opt('max_net_leverage'), ...opt('cash_buffer'), ...opt('max_open_positions'),
    ...opt('max_sector_pct'), ...opt('max_industry_pct'), ...opt('max_adv_pct'), ...opt('max_drawdown'), ...opt('daily_loss_limit'),
    adv_days: (l['adv_days'] as number | undefined) ?? 20,
    drawdown_action: (l['drawdown_action'] as 'halt' | 'flatten' | undefined) ?? 'halt',
    daily_loss_action: (l['daily_loss_action'] as 'halt' | 'flatten' | undefined) ?? 'halt',
  };
  const st = (r['stops'] ?? {}) as Record<string, any>;
  const stops: StopsPolicy = {
    ...(st['stop_loss'] ? { stop_loss: exitDistance(st['stop_loss'], ['stops', 'stop_loss'], place) } : {}),
    ...(st['take_profit'] ? { take_profit: exitDistance(st['take_profit'], ['stops', 'take_profit'], place) } : {}),
  };
  const classification = classify((r['classification'] ?? {}) as Record<string, any>, ctx, place);
  if ((limits as { max_sector_pct?: number }).max_sector_pct !== undefined || (limits as { max_industry_pct?: number }).max_industry_pct !== undefined) {
    if (Object.keys(classification).length === 0) failAt(place, ['classification'], 'is required by max_sector_pct / max_industry_pct: give `sectors`/`industries` maps or a `security_master` file');
  }
  return { source: origin, sizing, limits, stops, classification };
}

function sizingRule(method: SizingConfig['method'], s: Record<string, any>): SizingConfig {
  switch (method) {
    case 'fixed_quantity': return { method, quantity: s['quantity'] };
    case 'fixed_fraction': return { method, fraction: s['fraction'] };
    case 'volatility_target': return { method, target_risk: s['target_risk'], volatility: s['volatility'] ?? 'atr', window: s['window'] ?? 20 };
    case 'kelly': return { method, scale: s['scale'] ?? 0.5, min_trades: s['min_trades'] ?? 20, cap: s['cap'] ?? 0.25, fallback: s['fallback'] ?? 0.02 };
    case 'inverse_volatility': return { method, volatility: s['volatility'] ?? 'atr', window: s['window'] ?? 20, exposure: s['exposure'] ?? 1 };
    case 'equal_weight': return { method, positions: s['positions'] ?? 0, exposure: s['exposure'] ?? 1 };
  }
}

function exitDistance(x: Record<string, any>, path: string[], place: Place): ExitDistance {
  if (x['percent'] !== undefined) {
    if (x['window'] !== undefined) failAt(place, [...path, 'window'], 'applies to `atr` distances only');
    return { percent: x['percent'] };
  }
  return { atr: x['atr'], window: x['window'] ?? 14 };
}

function classify(c: Record<string, any>, ctx: RiskContext, place: Place): Record<string, Classification> {
  const out: Record<string, Classification> = {};
  if (c['security_master']) {
    const path = c['security_master'] as string;
    if (!existsSync(path)) failAt(place, ['classification', 'security_master'], `names ${path}, which does not exist`);
    const master = new SecurityMaster(parseSecurityMaster(readFileSync(path), new BadRows(path, 'error', new RowTally())));
    const date = ctx.start ?? '9999-12-31'; // no start: the records still valid
    for (const sym of ctx.symbols) {
      const hit = master.sectorOf(sym, date);
      if (hit) out[sym] = { ...(hit.sector ? { sector: hit.sector } : {}), ...(hit.industry ? { industry: hit.industry } : {}) };
    }
  }
  for (const [key, field] of [['sectors', 'sector'], ['industries', 'industry']] as const) {
    for (const [sym, v] of Object.entries((c[key] ?? {}) as Record<string, string>)) out[sym] = { ...out[sym], [field]: v };
  }
  // sorted for a stable run id and run.json
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}
