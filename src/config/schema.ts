// JSON Schema of the run configuration (config/*.yaml), validated with ajv.

const money = { type: ['string', 'number'], description: 'a decimal amount, e.g. "100000" or 0.005' };
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a date YYYY-MM-DD in the data\'s time zone' };

/** The schema of a run config; `additionalProperties: false` so that a misspelt key is an error. */
export const RUN_CONFIG_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['data', 'strategy'],
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
      },
    },
    strategy: {
      type: 'object', additionalProperties: false, required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1 },
        id: { type: 'string', minLength: 1 },
        params: { type: 'object', additionalProperties: { type: ['number', 'string', 'object'] } },
      },
    },
    portfolio: {
      type: 'object', additionalProperties: false,
      properties: { initial_cash: money, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
    },
    sizing: {
      type: 'object', additionalProperties: false, required: ['method'],
      properties: {
        method: { enum: ['fixed_quantity', 'fixed_fraction'] },
        quantity: { type: 'integer', minimum: 1, description: 'shares per order (fixed_quantity)' },
        fraction: { type: 'number', exclusiveMinimum: 0, maximum: 1, description: 'share of equity per position (fixed_fraction)' },
      },
    },
    execution: {
      type: 'object', additionalProperties: false,
      properties: {
        fill_policy: { enum: ['next_open'] },
        commission: {
          type: 'object', additionalProperties: false,
          properties: { per_share: money, minimum: money, maximum_pct: money },
        },
      },
    },
    reporting: {
      type: 'object', additionalProperties: false,
      properties: {
        periods_per_year: { type: 'number', exclusiveMinimum: 0 },
        risk_free_rate: { type: 'number' },
      },
    },
    output: {
      type: 'object', additionalProperties: false,
      properties: {
        dir: { type: 'string', minLength: 1 },
        event_log: { type: 'boolean' },
        equity: { enum: ['bar', 'day'] },
      },
    },
  },
} as const;
