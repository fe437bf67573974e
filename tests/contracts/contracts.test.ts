// Contract tests: every schema has a valid example, the schemas refuse what they must, and the
// TypeScript event types in src/events/types.ts produce payloads the schemas accept.
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaFiles, validateEvent, validatePayload, validateRunResult } from '../../src/events/contracts.js';
import {
  EVENT_SCHEMAS,
  type BusEvent,
  type CorporateActionPayload,
  type FillPayload,
  type OrderCancelPayload,
  type OrderStatusPayload,
  type OrderPayload,
  type QtraderEvent,
  type RiskViolationPayload,
  type SignalPayload,
  type SnapshotPayload,
  type TradePayload,
} from '../../src/events/types.js';
import { ContractError } from '../../src/model/errors.js';

const CONTRACTS = fileURLToPath(new URL('../../contracts/', import.meta.url));
const SCHEMAS = join(CONTRACTS, 'schemas');
const EXAMPLES = join(CONTRACTS, 'examples');

type Json = Record<string, unknown>;

function exampleFor(schema: string): string {
  return join(EXAMPLES, schema.replace(/\.json$/, '.example.json'));
}

function loadExample(schema: string): Json {
  return JSON.parse(readFileSync(exampleFor(schema), 'utf8')) as Json;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** The ContractError message `fn` throws; fails the test when it throws nothing or something else. */
function contractMessage(fn: () => void): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ContractError);
    return (err as ContractError).message;
  }
  throw new Error('expected a ContractError, but validation passed');
}

describe('contract examples', () => {
  it('finds the schemas on disk', () => {
    expect(schemaFiles()).toEqual(filesUnder(SCHEMAS));
    expect(schemaFiles()).toContain('envelope.v1.json');
  });

  for (const schema of schemaFiles()) {
    it(`validates the example of ${schema}`, () => {
      expect(existsSync(exampleFor(schema)), `missing example ${exampleFor(schema)}`).toBe(true);
      expect(() => validatePayload(schema, loadExample(schema))).not.toThrow();
    });
  }

  it('has no example without a schema', () => {
    const expected = schemaFiles().map((s) => s.replace(/\.json$/, '.example.json'));
    expect(filesUnder(EXAMPLES)).toEqual(expected);
  });

  it('accepts the envelope example as a whole event', () => {
    expect(() => validateEvent(loadExample('envelope.v1.json') as unknown as BusEvent)).not.toThrow();
  });

  it('accepts the run result example through validateRunResult', () => {
    expect(() => validateRunResult(loadExample('reporting/run_result.v1.json'))).not.toThrow();
  });
});

describe('schema conventions', () => {
  /** Calls `visit` on every subschema of a schema document; `if` conditions are tests, not field definitions. */
  function walk(node: unknown, path: string, visit: (schema: Json, path: string) => void): void {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}/${i}`, visit));
    else if (typeof node === 'object' && node !== null) {
      visit(node as Json, path);
      for (const [k, v] of Object.entries(node)) if (!['enum', 'const', 'required', 'if'].includes(k)) walk(v, `${path}/${k}`, visit);
    }
  }

  for (const schema of schemaFiles()) {
    it(`closes every object and documents every field of ${schema}`, () => {
      const doc = JSON.parse(readFileSync(join(SCHEMAS, schema), 'utf8')) as Json;
      expect(doc.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      const problems: string[] = [];
      walk(doc, '#', (node, path) => {
        // The envelope's payload is the one deliberately open object: it validates against its own schema.
        const isEnvelopePayload = schema === 'envelope.v1.json' && path === '#/properties/payload';
        if (node.type === 'object' && !('additionalProperties' in node) && !isEnvelopePayload) problems.push(`${path}: no additionalProperties`);
        if (node.properties && typeof node.properties === 'object') {
          for (const [name, field] of Object.entries(node.properties as Record<string, Json>)) {
            if (typeof field.description !== 'string' || field.description === '') problems.push(`${path}/properties/${name}: no description`);
          }
        }
      });
      expect(problems).toEqual([]);
    });
  }

  it('has a schema for every event type, named after it', () => {
    const files = schemaFiles();
    for (const [type, path] of Object.entries(EVENT_SCHEMAS)) {
      expect(files, `event type ${type}`).toContain(path);
      expect(path.split('/').pop()).toMatch(new RegExp(`^${type}\\.v\\d+\\.json$`));
    }
  });
});

describe('schemas refuse bad payloads', () => {
  const signal = loadExample('strategy/signal.v1.json');
  const order = loadExample('manager/order.v1.json');
  const violation = loadExample('manager/risk_violation.v1.json');

  it('refuses a decimal sent as a JSON number', () => {
    const msg = contractMessage(() => validatePayload('strategy/signal.v1.json', { ...signal, price: 179.66 }));
    expect(msg).toContain('/price');
    expect(msg).toContain('the number 179.66');
  });

  it('refuses a decimal in exponent notation', () => {
    expect(() => validatePayload('execution/fill.v1.json', { ...loadExample('execution/fill.v1.json'), commission: '1e-7' })).toThrow(ContractError);
  });

  it('refuses a property the contract does not list', () => {
    const msg = contractMessage(() => validatePayload('strategy/signal.v1.json', { ...signal, strength: '0.8' }));
    expect(msg).toContain('/strength: unexpected property');
  });

  it('refuses a limit order without limit_price', () => {
    const { limit_price: _omit, ...rest } = order;
    const msg = contractMessage(() => validatePayload('manager/order.v1.json', rest));
    expect(msg).toContain('/limit_price: missing');
    expect(msg).toContain('limit or stop_limit');
  });

  it('refuses a stop_limit order without stop_price but accepts a market order without prices', () => {
    expect(() => validatePayload('manager/order.v1.json', { ...order, order_type: 'stop_limit' })).toThrow(/\/stop_price: missing/);
    const { limit_price: _omit, ...market } = order;
    expect(() => validatePayload('manager/order.v1.json', { ...market, order_type: 'market' })).not.toThrow();
  });

  it('refuses a trailing stop without a trail and a GTD order without expire_date', () => {
    const { limit_price: _omit, ...base } = order;
    expect(() => validatePayload('manager/order.v1.json', { ...base, order_type: 'trailing_stop' })).toThrow(/trail_amount or trail_percent/);
    expect(() => validatePayload('manager/order.v1.json', { ...base, order_type: 'trailing_stop', trail_percent: '0.02' })).not.toThrow();
    expect(() => validatePayload('manager/order.v1.json', { ...order, time_in_force: 'GTD' })).toThrow(/\/expire_date: missing/);
  });

  it('refuses a risk violation with neither signal_id nor order_id', () => {
    const { signal_id: _omit, ...rest } = violation;
    const msg = contractMessage(() => validatePayload('manager/risk_violation.v1.json', rest));
    expect(msg).toContain('/signal_id');
    expect(msg).toContain('/order_id');
  });

  it('accepts a risk violation that names only the order', () => {
    const { signal_id: _omit, ...rest } = violation;
    expect(() => validatePayload('manager/risk_violation.v1.json', { ...rest, order_id: '7fa42e79-0444-41de-82e2-8a181dc6d51f' })).not.toThrow();
  });

  it('refuses an uppercase uuid', () => {
    const msg = contractMessage(() => validatePayload('strategy/signal.v1.json', { ...signal, signal_id: '23F813F9-7BBF-4AE5-ADDC-E70E24C9993E' }));
    expect(msg).toContain('/signal_id: expected a UUID in lowercase hex');
  });

  it('refuses a timestamp without Z', () => {
    const msg = contractMessage(() => validatePayload('strategy/signal.v1.json', { ...signal, timestamp: '2024-03-04T21:00:00+00:00' }));
    expect(msg).toContain('/timestamp: expected an RFC 3339 timestamp in UTC ending in Z');
  });

  it('refuses a confidence above 1', () => {
    expect(() => validatePayload('strategy/signal.v1.json', { ...signal, confidence: '1.5' })).toThrow(/\/confidence/);
  });

  it('refuses a split without its ratio', () => {
    const { split_ratio: _omit, ...rest } = loadExample('data/corporate_action.v1.json');
    expect(() => validatePayload('data/corporate_action.v1.json', rest)).toThrow(/\/split_ratio: missing/);
  });

  it('refuses a run result with a NaN-like metric and an absolute output path', () => {
    const run = loadExample('reporting/run_result.v1.json');
    const msg = contractMessage(() =>
      validateRunResult({ ...run, metrics: { ...(run.metrics as Json), sharpe: 'NaN' }, outputs: { equity: '/tmp/equity.csv' } }, 'out/run.json'),
    );
    expect(msg).toMatch(/^out\/run\.json does not match contracts\/schemas\/reporting\/run_result\.v1\.json/);
    expect(msg).toContain('/metrics/sharpe');
    expect(msg).toContain('/outputs/equity');
  });

  it('names an unknown schema path', () => {
    expect(() => validatePayload('strategy/nope.v1.json', {})).toThrow(/unknown schema "strategy\/nope\.v1\.json"/);
  });
});

describe('validateEvent', () => {
  const envelope = loadExample('envelope.v1.json');

  it('names the event type, event id, each failing pointer and what was expected', () => {
    const bad = { ...envelope, occurred_at: '2024-03-04 21:00', payload: { ...(envelope.payload as Json), confidence: 0.8 } };
    const msg = contractMessage(() => validateEvent(bad as unknown as BusEvent));
    expect(msg).toContain('signal event a9968dde-9158-4a76-b12a-654cd1f18e76');
    expect(msg).toContain('/occurred_at: expected an RFC 3339 timestamp');
    expect(msg).toContain('/payload/confidence: expected');
    expect(msg).toContain('the number 0.8');
  });

  it('refuses an event type without a contract', () => {
    expect(() => validateEvent({ ...envelope, event_type: 'quote' } as unknown as BusEvent)).toThrow(/no contract for "quote"/);
  });

  it('refuses an event version other than its schema version', () => {
    expect(() => validateEvent({ ...envelope, event_version: 2 } as unknown as BusEvent)).toThrow(/\/event_version: got 2/);
  });

  it('accepts a null causation_id and refuses an uppercase correlation_id', () => {
    expect(() => validateEvent({ ...envelope, causation_id: null } as unknown as BusEvent)).not.toThrow();
    expect(() => validateEvent({ ...envelope, correlation_id: 'A9968DDE-9158-4A76-B12A-654CD1F18E76' } as unknown as BusEvent)).toThrow(/\/correlation_id/);
  });
});

describe('TypeScript event types match the schemas', () => {
  // Built in code with the types of src/events/types.ts, so a renamed or retyped field fails here or in tsc.
  const ids = {
    signal: '23f813f9-7bbf-4ae5-addc-e70e24c9993e',
    order: '7fa42e79-0444-41de-82e2-8a181dc6d51f',
    fill: 'ecf5fbb8-4d45-4360-8aac-184a21d55cca',
    trade: '9ba53676-3893-4b4f-8e0a-2be8f3036a2c',
  };
  const t0 = '2024-03-04T21:00:00Z';
  const t1 = '2024-03-05T14:30:00.000Z';

  const signal: SignalPayload = {
    signal_id: ids.signal, timestamp: t0, strategy_id: 'sma_cross', symbol: 'AAPL', intention: 'OPEN_LONG',
    confidence: '0.75', price: '179.66', reason: 'sma(10) crossed above sma(30)', metadata: { fast: 10, ok: true, note: null },
    stop_loss: '171.00', take_profit: '195.00',
  };
  const order: OrderPayload = {
    order_id: ids.order, timestamp: t0, symbol: 'AAPL', side: 'buy', quantity: '100', order_type: 'stop_limit',
    intent_id: ids.signal, idempotency_key: `${ids.signal}:0`, limit_price: '181.00', stop_price: '180.50',
    time_in_force: 'GTC', source_strategy_id: 'sma_cross', stop_loss: '171.00', take_profit: '195.00', parent_order_id: ids.trade,
  };
  const violation: RiskViolationPayload = {
    order_id: ids.order, timestamp: t0, strategy_id: 'sma_cross', symbol: 'AAPL', rule: 'insufficient_cash',
    reason: 'order needs 18001.00 but cash is 5000.00', limit_value: '5000.00', actual_value: '18001.00',
  };
  const fill: FillPayload = {
    fill_id: ids.fill, order_id: ids.order, timestamp: t1, symbol: 'AAPL', side: 'sell', filled_quantity: '40', fill_price: '180.00',
    commission: '1.00', slippage_bps: '-2.5', gross_value: '7200.00', net_value: '7199.00', remaining_quantity: '60',
    liquidity: 'volume_cap', strategy_id: 'sma_cross', reason: 'partial fill capped at 10% of bar volume',
  };
  const snapshot: SnapshotPayload = {
    portfolio_id: 'run-1', start_datetime: t0, snapshot_datetime: t1, reporting_currency: 'USD',
    initial_portfolio_equity: '10000.00', cash_balance: '1999.00', current_portfolio_equity: '10199.00', total_market_value: '8200.00',
    total_unrealized_pl: '199.00', total_realized_pl: '0', total_pl: '199.00', long_exposure: '8200.00', short_exposure: '0',
    net_exposure: '8200.00', gross_exposure: '8200.00', leverage: '0.804000', total_commissions_paid: '1.00',
    total_dividends_received: '0', total_dividends_paid: '0', total_borrow_fees: '0', total_margin_interest: '0',
    strategies_groups: [{
      strategy_id: 'sma_cross',
      positions: [{
        symbol: 'AAPL', side: 'long', open_quantity: '100', average_fill_price: '80.00', commission_paid: '1.00', cost_basis: '8001.00',
        market_price: '82.00', gross_market_value: '8200.00', unrealized_pl: '199.00', realized_pl: '0', dividends_received: '0', dividends_paid: '0',
      }],
    }],
  };
  const trade: TradePayload = {
    trade_id: ids.trade, strategy_id: 'sma_cross', symbol: 'AAPL', side: 'short', status: 'open', fill_ids: [ids.fill],
    entry_timestamp: t1, entry_price: '180.00', quantity: '40', commission_total: '1.00',
  };

  const cancel: OrderCancelPayload = { order_id: ids.order, timestamp: t0, symbol: 'AAPL', strategy_id: 'sma_cross', reason: 'signal withdrawn' };
  const status: OrderStatusPayload = {
    order_id: ids.order, timestamp: t1, symbol: 'AAPL', status: 'expired', reason_code: 'day_end', reason: 'day order: the session ended',
    strategy_id: 'sma_cross', side: 'buy', order_type: 'trailing_stop', quantity: '100', remaining_quantity: '60', stop_price: '181.50',
    parent_order_id: ids.trade, replaced_by: ids.fill,
  };
  const action: CorporateActionPayload = {
    symbol: 'AAPL', asset_class: 'equity', action_type: 'dividend', announcement_date: '2024-02-01', ex_date: '2024-02-09', effective_date: '2024-02-15',
    source: 'test', dividend_amount: '0.24', dividend_currency: 'USD', dividend_type: 'ordinary',
  };

  const events: QtraderEvent[] = [
    { event_id: '00000000-0000-4000-8000-000000000001', event_type: 'signal', event_version: 1, occurred_at: t0, source_service: 'strategy', correlation_id: ids.signal, payload: signal },
    { event_id: '00000000-0000-4000-8000-000000000002', event_type: 'order', event_version: 1, occurred_at: t0, source_service: 'manager', correlation_id: ids.signal, causation_id: '00000000-0000-4000-8000-000000000001', payload: order },
    { event_id: '00000000-0000-4000-8000-000000000003', event_type: 'risk_violation', event_version: 1, occurred_at: t0, source_service: 'manager', payload: violation },
    { event_id: '00000000-0000-4000-8000-000000000004', event_type: 'fill', event_version: 1, occurred_at: t1, source_service: 'execution', payload: fill },
    { event_id: '00000000-0000-4000-8000-000000000005', event_type: 'snapshot', event_version: 1, occurred_at: t1, source_service: 'portfolio', correlation_id: null, causation_id: null, payload: snapshot },
    { event_id: '00000000-0000-4000-8000-000000000006', event_type: 'trade', event_version: 1, occurred_at: t1, source_service: 'portfolio', payload: trade },
    { event_id: '00000000-0000-4000-8000-000000000007', event_type: 'order_cancel', event_version: 1, occurred_at: t0, source_service: 'manager', payload: cancel },
    { event_id: '00000000-0000-4000-8000-000000000008', event_type: 'order_status', event_version: 1, occurred_at: t1, source_service: 'execution', payload: status },
    { event_id: '00000000-0000-4000-8000-000000000009', event_type: 'corporate_action', event_version: 1, occurred_at: t0, source_service: 'data', payload: action },
  ];

  it('covers every event type', () => {
    expect(events.map((e) => e.event_type).sort()).toEqual(Object.keys(EVENT_SCHEMAS).sort());
  });

  for (const event of events) {
    it(`accepts a ${event.event_type} event built from the TypeScript types`, () => {
      expect(() => validateEvent(event)).not.toThrow();
    });
  }
});
