// JSON Schema of the run configuration (config/*.yaml), validated with ajv.
import { EXECUTION_SCHEMA, LEDGER_SCHEMA, PORTFOLIO_SCHEMA } from './execution-config.js';
import { DATA_CATALOG_PROPERTIES } from './data-config.js';
import { STRATEGY_PROPERTIES } from './strategy-config.js';

const money = { type: ['string', 'number'], description: 'a decimal amount, e.g. "100000" or 0.005' };
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a date YYYY-MM-DD in the data\'s time zone' };

/** The schema of a run config; `additionalProperties: false` so that a misspelt key is an error. */
export const RUN_CONFIG_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  // `strategy` or `strategies` (one of them): checked with a clearer message in strategySections
  required: ['data'],
  properties: {
    run: {
      type: 'object', additionalProperties: false,
      properties: {
        id: { type: 'string', minLength: 1, description: 'run id; default: derived from the config and data' },
        engine: { enum: ['wasm', 'js'], description: 'kernel implementation' },
      },
    },
    data: {
      type: 'object', additionalProperties: false,
      properties: {
        path: { type: 'string', minLength: 1, description: 'file path; `{symbol}` is replaced by each symbol' },
        files: {
          type: 'array', minItems: 1,
          items: { type: 'object', additionalProperties: false, required: ['path'], properties: { path: { type: 'string', minLength: 1 }, symbol: { type: 'string', minLength: 1 } } },
        },
        symbols: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[A-Za-z0-9._-]+$' } },
        timezone: { type: 'string', minLength: 1 },
        start: date,
        end: date,
        generate: {
          type: 'object', additionalProperties: false, required: ['bars', 'seed'],
          properties: {
            bars: { type: 'integer', minimum: 1 },
            seed: { type: 'integer' },
            start: date,
          },
        },
        ...DATA_CATALOG_PROPERTIES,
      },
    },
    ...STRATEGY_PROPERTIES,
    portfolio: PORTFOLIO_SCHEMA,
    sizing: {
      type: 'object', additionalProperties: false, required: ['method'],
      properties: {
        method: { enum: ['fixed_quantity', 'fixed_fraction'] },
        quantity: { type: 'integer', minimum: 1, description: 'shares per order (fixed_quantity)' },
        fraction: { type: 'number', exclusiveMinimum: 0, maximum: 1, description: 'share of equity per position (fixed_fraction)' },
      },
    },
    risk: {
      type: ['string', 'object'],
      description: 'risk policy of the portfolio manager: a name under config/risk/ (naive, conservative, aggressive), a YAML path, or the policy inline; validated against contracts/schemas/config/risk_policy.v1.json (docs/risk.md)',
    },
    execution: EXECUTION_SCHEMA,
    ledger: LEDGER_SCHEMA,
    reporting: {
      type: 'object', additionalProperties: false,
      properties: {
        periods_per_year: { type: 'number', exclusiveMinimum: 0, description: 'annualisation factor: daily returns per year (252 for an exchange, 365 for crypto)' },
        risk_free_rate: { type: 'number', description: 'annual risk-free rate as a fraction, 0.03 = 3%' },
        benchmark: { type: ['string', 'null'], minLength: 1, description: 'symbol whose buy and hold is the benchmark; null for none; default: the first symbol' },
        chart_symbol: { type: 'string', minLength: 1, description: 'symbol whose price, with entries and exits, report.html draws; default: the first symbol' },
        rolling_window: { type: 'integer', minimum: 2, description: 'trading days in the rolling Sharpe window of report.html (default 63)' },
        chart_points: { type: 'integer', minimum: 100, description: 'buckets per curve in report.html; longer curves keep each bucket\'s min and max (default 2000)' },
        html_trades: { type: 'integer', minimum: 0, description: 'most recent trades listed (and marked on the price) in report.html (default 1000)' },
      },
    },
    output: {
      type: 'object', additionalProperties: false,
      properties: {
        dir: { type: 'string', minLength: 1 },
        event_log: { type: 'boolean' },
        equity: { enum: ['bar', 'day'] },
        html: { type: 'boolean', description: 'write report.html (default true)' },
        parquet_rows: { type: 'integer', minimum: 0, description: 'write the equity curve as equity.parquet instead of equity.csv from this many rows on (default 1000000; 0 = always)' },
      },
    },
  },
} as const;
