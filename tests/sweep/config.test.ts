// The sweep config: parameter spaces (lists, stepped and log ranges), constraints, grid order, seeded
// random search, and errors that name the file, line and key.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAxis, ParamSpace, type ParamRule } from '../../src/sweep/param-space.js';
import { compileConstraint } from '../../src/sweep/constraints.js';
import { loadSweepConfigFile } from '../../src/sweep/sweep-config.js';

const fail = (key: string, what: string): never => {
  throw new Error(`\`${key}\` ${what}`);
};
const window: ParamRule = { integer: true, min: 1, description: 'a window' };
const real: ParamRule = { integer: false, min: -Infinity, description: 'a number' };

describe('parameter axes', () => {
  it('reads lists, stepped ranges (inclusive, without float noise) and evenly spaced ranges', () => {
    expect(parseAxis('a', [5, 10, 20], window, 'k', fail).values).toEqual([5, 10, 20]);
    expect(parseAxis('a', 7, window, 'k', fail).values).toEqual([7]);
    expect(parseAxis('a', { from: 5, to: 50, step: 5 }, window, 'k', fail).values).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    // 0.1 + 2·0.1 is 0.30000000000000004 in floats; values keep 12 significant digits
    expect(parseAxis('a', { from: 0.1, to: 0.5, step: 0.1 }, real, 'k', fail).values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    // `to` not on the grid: the range stops at the last step below it
    expect(parseAxis('a', { from: 60, to: 250, step: 20 }, window, 'k', fail).values).toEqual([60, 80, 100, 120, 140, 160, 180, 200, 220, 240]);
    expect(parseAxis('a', { from: 0, to: 1, num: 5 }, real, 'k', fail).values).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('spaces log ranges geometrically and rounds and de-duplicates them for whole-number parameters', () => {
    expect(parseAxis('a', { from: 1, to: 1000, num: 4, log: true }, window, 'k', fail).values).toEqual([1, 10, 100, 1000]);
    // 10^(i/9) for i = 0…9: 1, 1.29, 1.67, 2.15, 2.78, 3.59, 4.64, 5.99, 7.74, 10 → rounded 1,1,2,2,3,4,5,6,8,10
    expect(parseAxis('a', { from: 1, to: 10, num: 10, log: true }, window, 'k', fail).values).toEqual([1, 2, 3, 4, 5, 6, 8, 10]);
  });

  it.each([
    [[5.5], /`k\[0\]` must be whole numbers/],
    [[0, 5], /`k\[0\]` must be at least 1/],
    [[], /`k` is an empty list/],
    [{ from: 9, to: 3, step: 1 }, /`k.to` \(3\) is below `from` \(9\)/],
    [{ from: 1, to: 3, step: 0 }, /`k.step` must be greater than 0/],
    [{ from: 1, to: 3 }, /`k` needs exactly one of `step`/],
    [{ from: 1, to: 3, stp: 1 }, /`k.stp` is not a known key/],
    [[3, 3], /`k` lists a value twice \(3\)/],
    ['ten', /`k` must be a number, a list of numbers or a range/],
  ])('refuses %j with a message naming the key', (spec, message) => {
    expect(() => parseAxis('a', spec, window, 'k', fail)).toThrow(message);
  });
});

describe('constraints', () => {
  const names = ['fast', 'slow'];
  const v = (fast: number, slow: number) => Float64Array.from([fast, slow]);
  it('compares arithmetic over parameters', () => {
    const lt = compileConstraint('fast < slow', names, 'c', fail);
    expect([lt(v(5, 10)), lt(v(10, 10)), lt(v(11, 10))]).toEqual([true, false, false]);
    const twice = compileConstraint('slow>=2*fast', names, 'c', fail);
    expect([twice(v(5, 10)), twice(v(6, 10))]).toEqual([true, false]);
    const gap = compileConstraint('(slow - fast) / 2 > 3 + -1', names, 'c', fail);
    expect([gap(v(5, 10)), gap(v(5, 9))]).toEqual([true, false]); // (10−5)/2 = 2.5 > 2; (9−5)/2 = 2 is not
  });

  it('names the column of a syntax error and the unknown parameter', () => {
    expect(() => compileConstraint('fast << slow', names, 'c', fail)).toThrow(/`c` cannot read `fast << slow` at column 7: expected a number, a parameter name or \(/);
    expect(() => compileConstraint('fast slow', names, 'c', fail)).toThrow(/at column 6: expected a comparison/);
    expect(() => compileConstraint('fst < slow', names, 'c', fail)).toThrow(/names "fst", which is not a swept parameter; the parameters are fast, slow/);
  });
});

describe('combinations', () => {
  const space = new ParamSpace([{ name: 'fast', values: [1, 2, 3] }, { name: 'slow', values: [2, 3, 4, 5] }]);
  const lt = (p: Float64Array) => p[0]! < p[1]!;
  const pairs = (x: Float64Array) => Array.from({ length: x.length / 2 }, (_, i) => `${x[2 * i]}/${x[2 * i + 1]}`);

  it('enumerates the grid with the last parameter varying fastest, keeping what the constraints accept', () => {
    expect(space.size).toBe(12);
    expect(pairs(space.combinations(lt))).toEqual(['1/2', '1/3', '1/4', '1/5', '2/3', '2/4', '2/5', '3/4', '3/5']);
  });

  it('samples a seeded random subset without replacement, in grid order', () => {
    const a = pairs(space.combinations(lt, 4, 7));
    expect(a).toHaveLength(4);
    expect(new Set(a).size).toBe(4);
    expect(pairs(space.combinations(lt, 4, 7))).toEqual(a);
    const all = pairs(space.combinations(lt));
    expect(a.every((p) => all.includes(p))).toBe(true);
    expect([...a].sort((x, y) => all.indexOf(x) - all.indexOf(y))).toEqual(a);
    // different seeds give different samples (some pair of seeds among these must differ)
    expect(new Set([1, 2, 3, 4, 5].map((s) => pairs(space.combinations(lt, 4, s)).join())).size).toBeGreaterThan(1);
    expect(pairs(space.combinations(lt, 100, 7))).toEqual(all);
  });
});

describe('sweep config files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qtrader-sweep-cfg-'));
  const base = `data: {path: AAA.csv}
strategy:
  name: sma_cross
  params:
    fast: {from: 5, to: 20, step: 5}
    slow: [30, 60]
  constraints: ["fast < slow"]
`;
  const load = (text: string) => {
    const f = join(dir, 'cfg.yaml');
    writeFileSync(f, text);
    return loadSweepConfigFile(f);
  };

  it('fills defaults: grid search ranked by Sharpe (descending), top 10, output out/sweep', () => {
    const cfg = load(base);
    expect(cfg.space.names).toEqual(['fast', 'slow']);
    expect(cfg.search).toEqual({ method: 'grid' });
    expect(cfg.rank).toEqual({ metric: 'sharpe', order: 'desc', top: 10, minTrades: 0 });
    expect(cfg.costs).toEqual({ quantity: 100, perShare: 0, minCommission: 0, initialCash: 100000 });
    expect(cfg.base.output.dir).toBe('out/sweep');
    expect(load(base + 'rank: {metric: max_drawdown}\n').rank.order).toBe('asc');
  });

  it.each([
    [base + 'rank: {metric: sharp}\n', /cfg\.yaml:8: `rank.metric` must be one of: sharpe, total_return/],
    [base.replace('sma_cross', 'buy_and_hold'), /cfg\.yaml:3: `strategy.name` "buy_and_hold" has no compute path for sweeps; strategies that can be swept: sma_cross/],
    [base.replace('slow: [30, 60]', 'slow: [30, 6.5]'), /cfg\.yaml:6: `strategy.params.slow\[1\]` must be whole numbers/],
    [base.replace('    slow: [30, 60]\n', ''), /`strategy.params.slow` is required: window of the slow average/],
    [base + 'search: {method: random}\n', /cfg\.yaml:8: `search.samples` must be a whole number ≥ 1/],
    [base + 'sizing: {method: fixed_fraction, fraction: 0.5}\n', /cfg\.yaml:8: `sizing.method` must be fixed_quantity for a sweep/],
    [base + 'walk_forward: {in_sample_days: 0, out_of_sample_days: 5}\n', /`walk_forward.in_sample_days` must be a whole number of trading days ≥ 1; got 0/],
    [base + 'portfolo: {}\n', /cfg\.yaml:8: `portfolo` is not a known key/],
    [base.replace('"fast < slow"', '"fast < slwo"'), /cfg\.yaml:7: `strategy.constraints\[0\]` `fast < slwo` names "slwo"/],
    [base + 'portfolio: {initial_cash: "-5"}\n', /`portfolio.initial_cash`/],
  ])('stops on a bad config naming the file, line and key (%#)', (text, message) => {
    expect(() => load(text)).toThrow(message);
  });
});
