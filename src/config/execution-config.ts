// The `execution:`, `portfolio:` and `ledger:` sections of a run config: their JSON Schema, their
// normalized form with defaults, and the cross-field checks ajv cannot say clearly.
import type { FillPolicy, IntrabarPolicy, LotMethod, OversellPolicy } from '../model/index.js';

const money = { type: ['string', 'number'], description: 'a decimal amount, e.g. "100000" or 0.005' };
const rate = { type: ['string', 'number'], description: 'a decimal fraction, e.g. "0.05" for 5%' };
const lots = { enum: ['fifo', 'lifo', 'highest_cost'], description: 'which open lot a closing fill matches first' };

/** Schema of `execution:`. */
export const EXECUTION_SCHEMA = {
  type: 'object', additionalProperties: false,
  properties: {
    fill_policy: { enum: ['next_open', 'next_close', 'same_close', 'vwap_next_bar'], description: 'when market orders fill; same_close is optimistic and flagged in the run result' },
    intrabar: { enum: ['worst_case', 'best_case', 'ohlc_path'], description: 'which bracket leg fills when both are inside one bar' },
    participation: { type: 'number', exclusiveMinimum: 0, maximum: 1, description: 'largest share of a bar\'s volume one symbol\'s fills may take; the rest keeps working' },
    tick_size: { type: ['string', 'number'], description: 'price increment of trailing-stop levels, 1/k for a whole k (default "0.01")' },
    commission: {
      type: 'object', additionalProperties: false,
      properties: {
        model: { enum: ['per_share', 'percent', 'fixed', 'tiered'] },
        per_share: money, minimum: money, maximum_pct: money, rate, amount: money,
        tiers: {
          type: 'array', minItems: 1,
          items: { type: 'object', additionalProperties: false, required: ['per_share'], properties: { up_to: money, per_share: money } },
        },
      },
    },
    fees: {
      type: 'object', additionalProperties: false,
      properties: { sec_rate: rate, taf_per_share: money, taf_max: money },
    },
    slippage: {
      type: 'object', additionalProperties: false, required: ['model'],
      properties: {
        model: { enum: ['none', 'fixed_bps', 'fixed_ticks', 'spread', 'volume_share'] },
        bps: money, ticks: money, fraction: rate, impact: rate,
      },
    },
  },
} as const;

/** Schema of `portfolio:`. */
export const PORTFOLIO_SCHEMA = {
  type: 'object', additionalProperties: false,
  properties: {
    initial_cash: money,
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    allow_short: { type: 'boolean', description: 'allow short sales (default false)' },
    oversell: { enum: ['reject', 'split'], description: 'a sell beyond the long position: refused, or split into a close and an opening short' },
    borrow_rate: rate,
    borrow_rates: { type: 'object', additionalProperties: rate, description: 'per-symbol yearly borrow fees' },
    margin_rate: rate,
    cash_rate: rate,
    day_count: { enum: [360, 365], description: 'days in the interest year' },
  },
} as const;

/** Schema of `ledger:`. */
export const LEDGER_SCHEMA = {
  type: 'object', additionalProperties: false,
  properties: {
    long_lots: lots,
    short_lots: lots,
    snapshots: { enum: ['day', 'bars', 'none'], description: 'snapshot schedule: each session\'s end, every `snapshot_bars` bars, or only at the end' },
    snapshot_bars: { type: 'integer', minimum: 1 },
  },
} as const;

/** The normalized `execution:` section. */
export interface ExecutionSection {
  readonly fill_policy: FillPolicy;
  readonly intrabar: IntrabarPolicy;
  readonly participation?: number;
  readonly tick_size: string;
  readonly commission: {
    readonly model: 'per_share' | 'percent' | 'fixed' | 'tiered';
    readonly per_share: string;
    readonly minimum: string;
    readonly maximum_pct?: string;
    readonly rate?: string;
    readonly amount?: string;
    readonly tiers?: ReadonlyArray<{ readonly up_to?: string; readonly per_share: string }>;
  };
  readonly fees?: { readonly sec_rate?: string; readonly taf_per_share?: string; readonly taf_max?: string };
  readonly slippage: { readonly model: 'none' | 'fixed_bps' | 'fixed_ticks' | 'spread' | 'volume_share'; readonly bps?: string; readonly ticks?: string; readonly fraction?: string; readonly impact?: string };
}

/** The normalized `portfolio:` section. */
export interface PortfolioSection {
  readonly initial_cash: string;
  readonly currency: string;
  readonly allow_short: boolean;
  readonly oversell: OversellPolicy;
  readonly borrow_rate: string;
  readonly borrow_rates: Readonly<Record<string, string>>;
  readonly margin_rate: string;
  readonly cash_rate?: string;
  readonly day_count: 360 | 365;
}

/** The normalized `ledger:` section. */
export interface LedgerSection {
  readonly long_lots: LotMethod;
  readonly short_lots: LotMethod;
  readonly snapshots: 'day' | 'bars' | 'none';
  readonly snapshot_bars?: number;
}

type Fail = (key: string, what: string) => never;

/** A decimal text from a YAML number or string, or a failure naming the key. */
export function decimalString(v: string | number, key: string, fail: Fail, positive = false): string {
  const s = typeof v === 'number' ? String(v) : v.trim();
  if (!/^\d+(\.\d+)?$/.test(s)) return fail(key, `must be a non-negative decimal number like "0.005"; got ${JSON.stringify(v)}`);
  if (positive && Number(s) <= 0) return fail(key, `must be greater than 0; got ${JSON.stringify(v)}`);
  return s;
}

/** Validates and fills the defaults of `execution:` (the schema has already checked types and enums). */
export function executionSection(ex: Record<string, any>, fail: Fail): ExecutionSection {
  const c = ex['commission'] ?? {};
  const model = c.model ?? 'per_share';
  const dec = (v: unknown, key: string, positive = false): string => decimalString(v as string | number, key, fail, positive);
  const need = (k: string): unknown => (c[k] !== undefined ? c[k] : fail(`execution.commission.${k}`, `is required for the ${model} commission model`));
  const not = (keys: string[]): void => {
    for (const k of keys) if (c[k] !== undefined) fail(`execution.commission.${k}`, `does not apply to the ${model} commission model`);
  };
  if (model === 'per_share') not(['rate', 'amount', 'tiers']);
  if (model === 'percent') not(['per_share', 'amount', 'tiers', 'maximum_pct']);
  if (model === 'fixed') not(['per_share', 'rate', 'tiers', 'minimum', 'maximum_pct']);
  if (model === 'tiered') not(['per_share', 'rate', 'amount']);
  const tiers = model === 'tiered' ? (need('tiers') as Array<{ up_to?: string | number; per_share: string | number }>).map((t, i) => {
    const last = i === c.tiers.length - 1;
    if (last && t.up_to !== undefined) fail(`execution.commission.tiers.${i}.up_to`, 'must be left out on the last tier (it has no upper bound)');
    if (!last && t.up_to === undefined) fail(`execution.commission.tiers.${i}.up_to`, 'is required on every tier but the last');
    return { ...(t.up_to !== undefined ? { up_to: dec(t.up_to, `execution.commission.tiers.${i}.up_to`, true) } : {}), per_share: dec(t.per_share, `execution.commission.tiers.${i}.per_share`) };
  }) : undefined;
  tiers?.forEach((t, i) => {
    if (i > 0 && t.up_to !== undefined && Number(t.up_to) <= Number(tiers[i - 1]!.up_to)) fail(`execution.commission.tiers.${i}.up_to`, 'must be greater than the tier before it');
  });
  const slip = ex['slippage'] ?? { model: 'none' };
  const slipParam: Record<string, string> = { fixed_bps: 'bps', fixed_ticks: 'ticks', spread: 'fraction', volume_share: 'impact' };
  for (const k of ['bps', 'ticks', 'fraction', 'impact']) {
    if (slip[k] !== undefined && slipParam[slip.model] !== k) fail(`execution.slippage.${k}`, `does not apply to the ${slip.model} slippage model`);
  }
  const p = slipParam[slip.model];
  const tick = dec(ex['tick_size'] ?? '0.01', 'execution.tick_size', true);
  const k = 1 / Number(tick);
  if (Math.abs(k - Math.round(k)) > 1e-9) fail('execution.tick_size', `must be 1/k for a whole number k (0.01, 0.05, 0.25, 1); got ${JSON.stringify(ex['tick_size'])}`);
  const fees = ex['fees'];
  return {
    fill_policy: ex['fill_policy'] ?? 'next_open',
    intrabar: ex['intrabar'] ?? 'worst_case',
    ...(ex['participation'] !== undefined ? { participation: ex['participation'] } : {}),
    tick_size: tick,
    commission: {
      model,
      per_share: model === 'per_share' ? dec(c.per_share ?? '0', 'execution.commission.per_share') : '0',
      minimum: model === 'fixed' ? '0' : dec(c.minimum ?? '0', 'execution.commission.minimum'),
      ...(c.maximum_pct !== undefined ? { maximum_pct: dec(c.maximum_pct, 'execution.commission.maximum_pct') } : {}),
      ...(model === 'percent' ? { rate: dec(need('rate'), 'execution.commission.rate') } : {}),
      ...(model === 'fixed' ? { amount: dec(need('amount'), 'execution.commission.amount') } : {}),
      ...(tiers ? { tiers } : {}),
    },
    ...(fees ? {
      fees: {
        ...(fees.sec_rate !== undefined ? { sec_rate: dec(fees.sec_rate, 'execution.fees.sec_rate') } : {}),
        ...(fees.taf_per_share !== undefined ? { taf_per_share: dec(fees.taf_per_share, 'execution.fees.taf_per_share') } : {}),
        ...(fees.taf_max !== undefined ? { taf_max: dec(fees.taf_max, 'execution.fees.taf_max') } : {}),
      },
    } : {}),
    slippage: {
      model: slip.model,
      ...(p ? { [p]: dec(slip[p] ?? (p === 'fraction' ? '0.5' : fail(`execution.slippage.${p}`, `is required for the ${slip.model} slippage model`)), `execution.slippage.${p}`) } : {}),
    },
  };
}

/** Validates and fills the defaults of `portfolio:`. */
export function portfolioSection(pf: Record<string, any>, symbols: readonly string[], fail: Fail): PortfolioSection {
  const rates: Record<string, string> = {};
  for (const [s, v] of Object.entries(pf['borrow_rates'] ?? {})) {
    if (!symbols.includes(s)) fail(`portfolio.borrow_rates.${s}`, `names a symbol the run does not trade; expected one of: ${symbols.join(', ')}`);
    rates[s] = decimalString(v as string | number, `portfolio.borrow_rates.${s}`, fail);
  }
  return {
    initial_cash: decimalString(pf['initial_cash'] ?? '100000', 'portfolio.initial_cash', fail, true),
    currency: pf['currency'] ?? 'USD',
    allow_short: pf['allow_short'] ?? false,
    oversell: pf['oversell'] ?? 'reject',
    borrow_rate: decimalString(pf['borrow_rate'] ?? '0.05', 'portfolio.borrow_rate', fail),
    borrow_rates: rates,
    margin_rate: decimalString(pf['margin_rate'] ?? '0.07', 'portfolio.margin_rate', fail),
    ...(pf['cash_rate'] !== undefined ? { cash_rate: decimalString(pf['cash_rate'], 'portfolio.cash_rate', fail) } : {}),
    day_count: pf['day_count'] ?? 360,
  };
}

/** Validates and fills the defaults of `ledger:`. */
export function ledgerSection(lg: Record<string, any>, fail: Fail): LedgerSection {
  const snapshots = lg['snapshots'] ?? 'day';
  if (snapshots === 'bars' && lg['snapshot_bars'] === undefined) fail('ledger.snapshot_bars', 'is required when `ledger.snapshots` is bars');
  if (snapshots !== 'bars' && lg['snapshot_bars'] !== undefined) fail('ledger.snapshot_bars', `applies only when \`ledger.snapshots\` is bars; it is ${snapshots}`);
  return {
    long_lots: lg['long_lots'] ?? 'fifo',
    short_lots: lg['short_lots'] ?? 'lifo',
    snapshots,
    ...(lg['snapshot_bars'] !== undefined ? { snapshot_bars: lg['snapshot_bars'] } : {}),
  };
}
