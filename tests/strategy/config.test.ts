// The `strategy:` / `strategies:` keys: names or files, unique ids, budgets, and errors that name the key.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeConfig, loadConfigFile } from '../../src/config/index.js';

const base = { data: { files: [{ path: 'AAA.csv' }] } };
const cfg = (over: Record<string, unknown>) => normalizeConfig({ ...base, ...over }, 'test.yaml');

describe('strategy config', () => {
  it('keeps `strategy:` as it was (the first strategy, no budget) and lists it in `strategies` with a budget of 1', () => {
    const c = cfg({ strategy: { name: 'sma_cross', params: { fast: 5 } } });
    expect(c.strategy).toEqual({ name: 'sma_cross', id: 'sma_cross', params: { fast: 5 } });
    expect(c.strategies).toEqual([{ name: 'sma_cross', id: 'sma_cross', params: { fast: 5 }, budget: '1' }]);
  });

  it('splits equity equally between strategies without budgets, and what is left between those without one', () => {
    const two = cfg({ strategies: [{ name: 'sma_cross' }, { name: 'buy_and_hold' }] });
    expect(two.strategies.map((s) => s.budget)).toEqual(['0.5', '0.5']);
    expect(two.strategy).toEqual({ name: 'sma_cross', id: 'sma_cross', params: {} });
    // 1/3 rounded down to 12 decimals so that the three never sum past 1
    expect(cfg({ strategies: [{ name: 'sma_cross' }, { name: 'ema_cross' }, { name: 'buy_and_hold' }] }).strategies.map((s) => s.budget)).toEqual(['0.333333333333', '0.333333333333', '0.333333333333']);
    expect(cfg({ strategies: [{ name: 'sma_cross', budget: '0.5' }, { name: 'ema_cross' }, { name: 'buy_and_hold' }] }).strategies.map((s) => s.budget)).toEqual(['0.5', '0.25', '0.25']);
    expect(cfg({ strategies: [{ name: 'sma_cross', budget: 0.3 }, { name: 'ema_cross', budget: '0.7' }] }).strategies.map((s) => s.budget)).toEqual(['0.3', '0.7']);
  });

  it('takes a file, with the id defaulting to its base name', () => {
    const c = cfg({ strategy: { file: 'examples/strategies/rsi-pullback.ts', params: { period: 3 } } });
    expect(c.strategy).toEqual({ name: 'rsi-pullback', id: 'rsi-pullback', params: { period: 3 }, file: 'examples/strategies/rsi-pullback.ts' });
  });

  it('names the key and what was expected', () => {
    const bad = (over: Record<string, unknown>) => () => cfg(over);
    expect(bad({})).toThrow('test.yaml: `strategy` is required: {name: sma_cross, params: {…}} or {file: ./my-strategy.ts}, or a list under `strategies`');
    expect(bad({ strategy: { name: 'a' }, strategies: [{ name: 'b' }] })).toThrow('`strategies` cannot be given together with `strategy`');
    expect(bad({ strategy: { name: 'a', file: 'x.ts' } })).toThrow('`strategy.file` cannot be given together with `name`');
    expect(bad({ strategy: { params: {} } })).toThrow('`strategy.name` is required (a registry strategy such as sma_cross), or `file` (a .ts/.js strategy file)');
    expect(bad({ strategy: { file: 'x.py' } })).toThrow('`strategy.file` must be a .ts, .mts, .js or .mjs file; got "x.py"');
    expect(bad({ strategies: [{ name: 'sma_cross' }, { name: 'sma_cross' }] })).toThrow('`strategies.1.id` "sma_cross" is already the id of strategies.0; strategy ids must be unique: give each strategy its own `id`');
    expect(bad({ strategies: [{ name: 'sma_cross', budget: '0.7' }, { name: 'ema_cross', budget: '0.4' }] })).toThrow('`strategies` budgets sum to 1.1; they must sum to at most 1 (of equity)');
    expect(bad({ strategies: [{ name: 'sma_cross', budget: '1' }, { name: 'ema_cross' }] })).toThrow('nothing is left for the 1 without a budget');
    for (const b of ['0', '1.5', 'half', -0.2]) expect(bad({ strategies: [{ name: 'sma_cross', budget: b }] }), String(b)).toThrow(/`strategies.0.budget` must be a fraction of equity in \(0, 1\] like "0.5"/);
    expect(bad({ strategies: [] })).toThrow(/`strategies` must NOT have fewer than 1 items/);
    expect(bad({ strategy: { name: 'sma_cross', colour: 1 } })).toThrow('`strategy.colour` is not a known key');
  });

  it('gives the YAML line of a bad entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qtrader-strategy-config-'));
    try {
      const path = join(dir, 'c.yaml');
      writeFileSync(path, 'data:\n  path: AAA.csv\nstrategies:\n  - name: sma_cross\n  - name: sma_cross\n    params: {fast: 3}\n');
      expect(() => loadConfigFile(path)).toThrow(`${path}:5: \`strategies.1.id\` "sma_cross" is already the id of strategies.0`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the example configs', () => {
  it('config/strategies/*.yaml are valid and make their strategies (files loaded)', async () => {
    const { readdirSync } = await import('node:fs');
    const { loadStrategyFiles, planStrategies } = await import('../../src/strategy/index.js');
    const names = readdirSync('config/strategies').filter((f) => f.endsWith('.yaml')).sort();
    expect(names).toEqual(['bollinger_breakout.yaml', 'donchian_breakout.yaml', 'ema_cross.yaml', 'macd_cross.yaml', 'momentum_rotation.yaml', 'multi.yaml', 'rsi_mean_reversion.yaml', 'user-event.yaml', 'user-vector.yaml']);
    for (const n of names) {
      const c = loadConfigFile(`config/strategies/${n}`);
      await loadStrategyFiles(c.strategies);
      const planned = planStrategies(c.strategies);
      expect(planned.map((p) => p.id), n).toEqual(c.strategies.map((s) => s.id));
    }
    expect(loadConfigFile('config/strategies/multi.yaml').strategies.map((s) => `${s.id} ${s.budget}`)).toEqual(['trend 0.5', 'revert 0.3', 'zscore 0.2']);
  });
});
