// Risk policy files: the shipped policies load; bad keys and values fail with the file, line, key
// and allowed values; `risk:` relates to `sizing:` and `portfolio.allow_short` as docs/risk.md says.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeConfig, loadConfigFile } from '../../src/config/index.js';
import { riskPolicyPath } from '../../src/config/risk-config.js';
import { ConfigError } from '../../src/model/index.js';

const dir = mkdtempSync(join(tmpdir(), 'qtrader-risk-'));
const base = { data: { files: [{ path: 'AAA.csv', symbol: 'AAA' }, { path: 'AAPL.csv', symbol: 'AAPL' }] }, strategy: { name: 'sma_cross' } };

function policyFile(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('risk policy files', () => {
  it('loads the shipped policies by name with their defaults', () => {
    const naive = normalizeConfig({ ...base, risk: 'naive' }, 'cfg').risk!;
    expect(naive.source).toBe('naive');
    expect(naive.sizing).toEqual({ rule: { method: 'fixed_fraction', fraction: 0.1 }, lot_size: 1, min_ticket_value: 0, min_ticket_shares: 1 });
    expect(naive.limits).toEqual({ allow_short: false, cash_buffer: 0.05, max_gross_leverage: 1, adv_days: 20, drawdown_action: 'halt', daily_loss_action: 'halt' });
    const cons = normalizeConfig({ ...base, risk: 'conservative' }, 'cfg').risk!;
    expect(cons.sizing.rule).toEqual({ method: 'volatility_target', target_risk: 0.005, volatility: 'atr', window: 20 });
    expect(cons.stops).toEqual({ stop_loss: { atr: 2, window: 14 }, take_profit: { atr: 4, window: 14 } });
    const aggr = normalizeConfig({ ...base, risk: 'config/risk/aggressive.yaml' }, 'cfg').risk!;
    expect(aggr.sizing.rule).toEqual({ method: 'kelly', scale: 0.5, min_trades: 20, cap: 0.5, fallback: 0.1 });
    expect(aggr.limits.allow_short).toBe(false);
  });

  it('leaves configs without `risk:` as they were (no risk key in the normalized config)', () => {
    const cfg = loadConfigFile('config/backtest.yaml');
    expect('risk' in cfg).toBe(false);
    expect(cfg.sizing).toEqual({ method: 'fixed_quantity', quantity: 100 });
  });

  it('takes sizing from the run config when the policy has none, and refuses sizing in both places', () => {
    const p = policyFile('nosize.yaml', 'limits:\n  max_position_pct: 0.2\n');
    const cfg = normalizeConfig({ ...base, sizing: { method: 'fixed_fraction', fraction: 0.3 }, risk: p }, 'cfg');
    expect(cfg.risk!.sizing.rule).toEqual({ method: 'fixed_fraction', fraction: 0.3 });
    expect(message(() => normalizeConfig({ ...base, sizing: { method: 'fixed_quantity', quantity: 5 }, risk: 'naive' }, 'cfg')))
      .toMatch(/naive\.yaml:5: `sizing` is given both here and in the run config's `sizing:`; keep one of them/);
  });

  it('names the file, line and key of a bad value, with the allowed values', () => {
    const p = policyFile('bad-enum.yaml', 'sizing:\n  method: fixed_fraction\n  fraction: 0.1\nlimits:\n  drawdown_action: sell_everything\n');
    expect(message(() => normalizeConfig({ ...base, risk: p }, 'cfg'))).toBe(`${p}:5: \`limits.drawdown_action\` must be one of: "halt", "flatten"; got "sell_everything"`);
    const q = policyFile('bad-key.yaml', 'limits:\n  max_leverage: 2\n');
    expect(message(() => normalizeConfig({ ...base, risk: q }, 'cfg'))).toMatch(new RegExp(`${q}:2: \`limits.max_leverage\` is not a known key; expected one of: allow_short, max_position_pct, max_gross_leverage`));
    const r = policyFile('bad-range.yaml', 'limits:\n  cash_buffer: 1.5\n');
    expect(message(() => normalizeConfig({ ...base, risk: r }, 'cfg'))).toBe(`${r}:2: \`limits.cash_buffer\` must be <= 1; got 1.5`);
    const s = policyFile('bad-method-key.yaml', 'sizing:\n  method: fixed_fraction\n  fraction: 0.1\n  window: 5\n');
    expect(message(() => normalizeConfig({ ...base, risk: s }, 'cfg'))).toBe(`${s}:4: \`sizing.window\` does not apply to fixed_fraction; its keys are: fraction, lot_size, min_ticket_value, min_ticket_shares`);
    const t = policyFile('missing.yaml', 'sizing:\n  method: volatility_target\n');
    expect(message(() => normalizeConfig({ ...base, risk: t }, 'cfg'))).toBe(`${t}:2: \`sizing.target_risk\` is required`);
    const u = policyFile('exit.yaml', 'stops:\n  stop_loss: { percent: 0.05, atr: 2 }\n');
    expect(message(() => normalizeConfig({ ...base, risk: u }, 'cfg'))).toMatch(/exit\.yaml:2: `stops\.stop_loss` needs exactly one of `percent` or `atr`/);
    const v = policyFile('exit-window.yaml', 'stops:\n  take_profit: { percent: 0.05, window: 3 }\n');
    expect(message(() => normalizeConfig({ ...base, risk: v }, 'cfg'))).toMatch(/exit-window\.yaml:2: `stops\.take_profit\.window` applies to `atr` distances only/);
    const w = policyFile('bad-yaml.yaml', 'limits: [\n');
    expect(message(() => normalizeConfig({ ...base, risk: w }, 'cfg'))).toMatch(/bad-yaml\.yaml:\d+:\d+: invalid YAML/);
    const x = policyFile('list.yaml', '- 1\n');
    expect(message(() => normalizeConfig({ ...base, risk: x }, 'cfg'))).toMatch(/list\.yaml: `\(root\)` must be a mapping/);
  });

  it('places errors of an inline policy in the run config', () => {
    const p = policyFile('run.yaml', 'data:\n  path: AAA.csv\nstrategy:\n  name: sma_cross\nrisk:\n  limits:\n    max_open_positions: -1\n');
    expect(message(() => loadConfigFile(p))).toBe(`${p}:7: \`risk.limits.max_open_positions\` must be >= 0; got -1`);
    expect(message(() => normalizeConfig({ ...base, risk: 'nonesuch' }, 'cfg'))).toMatch(/cfg: `risk`: risk policy file .*config\/risk\/nonesuch\.yaml not found; the policies shipped with qtrader are/);
  });

  it('allows shorts in a policy only when the portfolio allows them', () => {
    const p = policyFile('shorts.yaml', 'limits:\n  allow_short: true\n');
    expect(message(() => normalizeConfig({ ...base, risk: p }, 'cfg'))).toMatch(/shorts\.yaml:2: `limits.allow_short` is true but the run config's `portfolio.allow_short` is false/);
    expect(normalizeConfig({ ...base, portfolio: { allow_short: true }, risk: p }, 'cfg').risk!.limits.allow_short).toBe(true);
    // a policy that says nothing inherits portfolio.allow_short
    expect(normalizeConfig({ ...base, portfolio: { allow_short: true }, risk: { limits: {} } }, 'cfg').risk!.limits.allow_short).toBe(true);
  });

  it('classifies symbols from maps and the security master, and requires a classification for concentration limits', () => {
    expect(message(() => normalizeConfig({ ...base, risk: { limits: { max_sector_pct: 0.3 } } }, 'cfg'))).toMatch(/`risk.classification` is required by max_sector_pct/);
    const cfg = normalizeConfig({
      ...base, risk: { limits: { max_sector_pct: 0.3 }, classification: { security_master: 'tests/fixtures/algoseek/security-master.csv', sectors: { AAA: 'Made Up' } } },
    }, 'cfg');
    expect(cfg.risk!.classification['AAA']).toEqual({ sector: 'Made Up' });
    expect(cfg.risk!.classification['AAPL']).toEqual({ sector: 'Manufacturing', industry: 'Electronic Computers' });
    expect(message(() => normalizeConfig({ ...base, risk: { classification: { security_master: 'nope.csv' } } }, 'cfg'))).toMatch(/`risk.classification.security_master` names nope.csv, which does not exist/);
  });

  it('resolves names to config/risk/ and keeps paths as given', () => {
    expect(riskPolicyPath('naive')).toMatch(/config\/risk\/naive\.yaml$/);
    expect(riskPolicyPath('my/policy.yaml')).toBe('my/policy.yaml');
    expect(riskPolicyPath('p.yml')).toBe('p.yml');
  });
});
