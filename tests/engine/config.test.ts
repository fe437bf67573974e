// The execution, portfolio and ledger sections of a run config: defaults, and errors that name the key
// and what is allowed.
import { describe, it, expect } from 'vitest';
import { normalizeConfig } from '../../src/config/index.js';
import { ConfigError } from '../../src/model/index.js';
import { runScript, flat } from './script.js';

const base = { data: { files: [{ path: 'AAA.csv', symbol: 'AAA' }] }, strategy: { name: 'sma_cross' } };
const cfg = (over: Record<string, unknown>) => normalizeConfig({ ...base, ...over }, 'run.yaml');
const error = (over: Record<string, unknown>): string => {
  try {
    cfg(over);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('execution, portfolio and ledger config', () => {
  it('fills the defaults: next-open fills, worst-case intrabar path, per-share commission, no shorting, FIFO/LIFO lots, daily snapshots', () => {
    const c = cfg({});
    expect(c.execution).toEqual({
      fill_policy: 'next_open', intrabar: 'worst_case', tick_size: '0.01', commission: { model: 'per_share', per_share: '0', minimum: '0' }, slippage: { model: 'none' },
    });
    expect(c.portfolio).toEqual({
      initial_cash: '100000', currency: 'USD', allow_short: false, oversell: 'reject', borrow_rate: '0.05', borrow_rates: {}, margin_rate: '0.07', day_count: 360,
    });
    expect(c.ledger).toEqual({ long_lots: 'fifo', short_lots: 'lifo', snapshots: 'day' });
  });

  it('reads every model with its parameters', () => {
    const c = cfg({
      execution: {
        fill_policy: 'vwap_next_bar', intrabar: 'ohlc_path', participation: 0.1, tick_size: 0.05,
        commission: { model: 'tiered', tiers: [{ up_to: 300000, per_share: 0.0035 }, { per_share: '0.002' }], minimum: 0.35, maximum_pct: 0.01 },
        fees: { sec_rate: '0.0000278', taf_per_share: '0.000166', taf_max: 8.3 }, slippage: { model: 'spread' },
      },
      portfolio: { allow_short: true, oversell: 'split', borrow_rates: { AAA: 0.3 }, cash_rate: 0.02, day_count: 365 },
      ledger: { long_lots: 'highest_cost', short_lots: 'fifo', snapshots: 'bars', snapshot_bars: 390 },
    });
    expect(c.execution.commission).toEqual({ model: 'tiered', per_share: '0', minimum: '0.35', maximum_pct: '0.01', tiers: [{ up_to: '300000', per_share: '0.0035' }, { per_share: '0.002' }] });
    expect(c.execution.slippage).toEqual({ model: 'spread', fraction: '0.5' });
    expect(c.execution.fees).toEqual({ sec_rate: '0.0000278', taf_per_share: '0.000166', taf_max: '8.3' });
    expect(c.portfolio.borrow_rates).toEqual({ AAA: '0.3' });
    expect(c.ledger).toEqual({ long_lots: 'highest_cost', short_lots: 'fifo', snapshots: 'bars', snapshot_bars: 390 });
  });

  it.each([
    [{ execution: { fill_policy: 'tomorrow' } }, '`execution.fill_policy` must be one of: "next_open", "next_close", "same_close", "vwap_next_bar"; got "tomorrow"'],
    [{ execution: { intrabar: 'random' } }, '`execution.intrabar` must be one of: "worst_case", "best_case", "ohlc_path"'],
    [{ execution: { participation: 1.5 } }, '`execution.participation` must be <= 1'],
    [{ execution: { commission: { model: 'percent' } } }, '`execution.commission.rate` is required for the percent commission model'],
    [{ execution: { commission: { model: 'fixed', amount: 1, minimum: 1 } } }, '`execution.commission.minimum` does not apply to the fixed commission model'],
    [{ execution: { commission: { per_share: 0.005, rate: 0.001 } } }, '`execution.commission.rate` does not apply to the per_share commission model'],
    [{ execution: { commission: { model: 'tiered', tiers: [{ per_share: 0.0035, up_to: 10 }] } } }, '`execution.commission.tiers.0.up_to` must be left out on the last tier'],
    [{ execution: { commission: { model: 'tiered', tiers: [{ per_share: 0.0035 }, { per_share: 0.002 }] } } }, '`execution.commission.tiers.0.up_to` is required on every tier but the last'],
    [{ execution: { commission: { model: 'tiered', tiers: [{ per_share: 0.0035, up_to: 10 }, { per_share: 0.003, up_to: 5 }, { per_share: 0.002 }] } } }, '`execution.commission.tiers.1.up_to` must be greater than the tier before it'],
    [{ execution: { slippage: { model: 'fixed_bps' } } }, '`execution.slippage.bps` is required for the fixed_bps slippage model'],
    [{ execution: { slippage: { model: 'fixed_bps', bps: 5, ticks: 1 } } }, '`execution.slippage.ticks` does not apply to the fixed_bps slippage model'],
    [{ execution: { slippage: { model: 'magic' } } }, '`execution.slippage.model` must be one of: "none", "fixed_bps", "fixed_ticks", "spread", "volume_share"'],
    [{ execution: { tick_size: 0.03 } }, '`execution.tick_size` must be 1/k for a whole number k (0.01, 0.05, 0.25, 1); got 0.03'],
    [{ execution: { fees: { sec_rate: '-1' } } }, '`execution.fees.sec_rate` must be a non-negative decimal number'],
    [{ portfolio: { oversell: 'flip' } }, '`portfolio.oversell` must be one of: "reject", "split"'],
    [{ portfolio: { borrow_rates: { ZZZ: 0.3 } } }, '`portfolio.borrow_rates.ZZZ` names a symbol the run does not trade; expected one of: AAA'],
    [{ portfolio: { day_count: 300 } }, '`portfolio.day_count` must be one of: 360, 365'],
    [{ ledger: { long_lots: 'random' } }, '`ledger.long_lots` must be one of: "fifo", "lifo", "highest_cost"'],
    [{ ledger: { snapshots: 'bars' } }, '`ledger.snapshot_bars` is required when `ledger.snapshots` is bars'],
    [{ ledger: { snapshot_bars: 10 } }, '`ledger.snapshot_bars` applies only when `ledger.snapshots` is bars; it is day'],
    [{ ledger: { snapshot: 'day' } }, '`ledger.snapshot` is not a known key'],
  ])('refuses %j, naming the key', (over, message) => {
    expect(error(over)).toContain(message);
  });

  it('refuses spread slippage without quote columns', () => {
    expect(() => runScript({ bars: { AAA: flat(3, 10) }, config: { execution: { slippage: { model: 'spread' } } }, script: {} }))
      .toThrow(/`execution.slippage.model` spread needs bid\/ask quote columns/);
  });
});
