// Strategies from the user's own .ts / .js files: loaded without a build step, `import … from 'qtrader'`,
// the shipped examples end to end, and errors that name the file and what was expected.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { alignBars, generateBars } from '../../src/data/index.js';
import { runBacktest } from '../../src/engine/index.js';
import { normalizeConfig } from '../../src/config/index.js';
import {
  loadStrategyFile, loadStrategyFiles, planStrategies, registerStrategy, unregisterStrategy, createStrategy, strategyNames,
  strategyFilesFingerprint, StrategyError, type EventStrategy,
} from '../../src/strategy/index.js';
import { config, run } from './helpers.js';

let dir: string;
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return relative(process.cwd(), p);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qtrader-user-strategy-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bars = () => alignBars(generateBars({ symbols: ['AAA', 'BBB'], bars: 3000, seed: 9, start: '2024-01-02', zone: 'America/New_York' }), 'America/New_York', {});

describe('the shipped example strategies', () => {
  it('runs the event-driven example (TypeScript, a class, declared indicators, ATR stops) end to end', async () => {
    const cfg = config(['AAA', 'BBB'], { strategies: [{ id: 'pullback', file: 'examples/strategies/rsi-pullback.ts', params: { trend: 100, period: 4 } }] });
    await loadStrategyFiles(cfg.strategies);
    const { of } = run(cfg, bars());
    expect(of('signal').length).toBeGreaterThan(10);
    expect(of('signal').every((s) => s.strategy_id === 'pullback')).toBe(true);
    expect(of('signal').find((s) => s.intention === 'OPEN_LONG')!.stop_loss).toMatch(/^\d+(\.\d+)?$/);
    expect(of('fill').length).toBeGreaterThan(5);
  });

  it('runs the vectorised example (a factory function over the zscore kernel) end to end, and both from one config', async () => {
    const cfg = config(['AAA', 'BBB'], { strategies: [
      { id: 'z', file: 'examples/strategies/zscore-revert.ts', params: { period: 30, entry: 1.5 } },
      { id: 'p', file: 'examples/strategies/rsi-pullback.ts' },
    ] });
    await loadStrategyFiles(cfg.strategies);
    const { of } = run(cfg, bars());
    const z = of('signal').filter((s) => s.strategy_id === 'z');
    expect(z.length).toBeGreaterThan(10);
    expect(z[0]!.metadata).toEqual({ period: 30, entry: 1.5 });
  });

  it('runs a config naming a file through runBacktest (load, run, outputs)', async () => {
    const out = join(dir, 'run');
    const cfg = normalizeConfig({
      run: { id: 'user-file' }, data: { path: join(dir, 'data', '{symbol}.csv'), symbols: ['AAA'], generate: { bars: 2000, seed: 4 } },
      strategy: { file: 'examples/strategies/zscore-revert.ts', params: { period: 20, entry: 1 } }, sizing: { method: 'fixed_quantity', quantity: 5 },
      output: { dir: out, html: false },
    }, 'test');
    const res = await runBacktest(cfg);
    expect(res.result.counts.signals).toBeGreaterThan(5);
    // the file's text is part of a derived run id
    expect(strategyFilesFingerprint(cfg.strategies)).toMatch(/^\|strategies:[0-9a-f]{16}$/);
    expect(strategyFilesFingerprint([{ name: 'sma_cross', id: 'x', params: {} }])).toBe('');
  });
});

describe('strategy files', () => {
  it('loads plain JavaScript importing helpers from qtrader, relative TypeScript modules, and objects', async () => {
    file('helper.ts', 'export const LEVEL: number = 1.5;\n');
    const js = file('plain.js', `import { defineStrategy } from 'qtrader';\nimport { LEVEL } from './helper.ts';\nexport default defineStrategy({ name: 'plain', params: { level: LEVEL }, onBar(ctx) { if (ctx.barIndex === 2) ctx.signal({ symbol: 0, intention: 'OPEN_LONG' }); } });\n`);
    const f = await loadStrategyFile(js);
    const s = f.create({}, 'strategy.file') as EventStrategy;
    expect([s.name, s.params]).toEqual(['plain', { level: 1.5 }]);
    const { of } = run(config(['AAA', 'BBB']), bars(), { strategy: s });
    expect(of('signal').map((x) => x.metadata)).toEqual([{ level: 1.5 }]);
  });

  it('reloads a file that changed, and gives each use its own instance from a factory', async () => {
    const p = file('counter.ts', `export default (p: { n?: number }) => ({ name: 'v1', params: { n: p.n ?? 0 }, onBar() {} });\n`);
    const a = (await loadStrategyFile(p)).create({ n: 1 }, 'k') as EventStrategy;
    const b = (await loadStrategyFile(p)).create({ n: 2 }, 'k') as EventStrategy;
    expect([a.params, b.params, a === b]).toEqual([{ n: 1 }, { n: 2 }, false]);
    writeFileSync(join(dir, 'counter.ts'), `export default () => ({ name: 'version2', onBar() {} });\n`);
    utimesSync(join(dir, 'counter.ts'), new Date(), new Date(Date.now() + 5000));
    expect((await loadStrategyFile(p)).create({}, 'k').name).toBe('version2');
  });

  it('names the file and what was expected when it is wrong', async () => {
    await expect(loadStrategyFile('nope/missing.ts', 'strategies.1.file')).rejects.toThrow(/`strategies.1.file`: nope\/missing.ts: strategy file not found \(looked for .*nope\/missing.ts\)/);
    await expect(loadStrategyFile(file('x.py', ''))).rejects.toThrow(/expected a .ts, .mts, .js or .mjs file/);
    const noDefault = file('nodefault.ts', 'export const x = 1;\n');
    await expect(loadStrategyFile(noDefault)).rejects.toThrow(`\`strategy.file\`: ${noDefault} has no default export; expected \`export default\` a strategy object`);
    const syntax = file('syntax.ts', 'export default {\n  name: "x",,\n};\n');
    await expect(loadStrategyFile(syntax)).rejects.toThrow(/syntax.ts:2:\d+: /);
    const broken = file('broken.ts', 'import { nothing } from "./does-not-exist.ts";\nexport default nothing;\n');
    await expect(loadStrategyFile(broken)).rejects.toThrow(/broken.ts: imports .*does-not-exist.ts, which does not exist/);
    const throwsAtLoad = file('throws.ts', 'throw new Error("top-level boom");\n');
    await expect(loadStrategyFile(throwsAtLoad)).rejects.toThrow(/throws.ts: could not be loaded: top-level boom/);

    const shape = async (name: string, text: string) => {
      const f = await loadStrategyFile(file(name, text));
      return () => f.create({}, 'strategies.0.file');
    };
    expect(await shape('num.ts', 'export default 42;\n')).toThrow(/`strategies.0.file`: .*num.ts: the default export gave number; expected a strategy object/);
    expect(await shape('noname.ts', 'export default { onBar() {} };\n')).toThrow(/the strategy has no `name`/);
    expect(await shape('neither.ts', 'export default { name: "n", go() {} };\n')).toThrow(/expected an event-driven strategy \(an `onBar\(ctx\)` method\) or a vectorised one \(`init`, `signals`, `decide` methods\); it has neither/);
    expect(await shape('half.ts', 'export default { name: "n", init() {}, signals() {} };\n')).toThrow(/missing: decide/);
    expect(await shape('nowarm.ts', 'export default { name: "n", init() {}, signals() {}, decide() { return null; } };\n')).toThrow(/needs `warmup`/);
    expect(await shape('noinputs.ts', 'export default { name: "n", warmup: 1, init() {}, signals() {}, decide() { return null; } };\n')).toThrow(/needs `inputs`/);
    expect(await shape('noparams.ts', 'export default { name: "n", warmup: 1, inputs: [], init() {}, signals() {}, decide() { return null; } };\n')).toThrow(/needs `params`/);
    expect(await shape('badfill.ts', 'export default { name: "n", onBar() {}, onFill: 3 };\n')).toThrow(/`onFill` must be a function; got number/);
    expect(await shape('badind.ts', 'export default { name: "n", onBar() {}, indicators: 3 };\n')).toThrow(/`indicators` must be a mapping/);
    expect(await shape('ctor.ts', 'export default class { constructor() { throw new Error("bad params"); } onBar() {} }\n')).toThrow(/the default export threw while making the strategy: bad params/);
  });

  it('names the file when its onBar throws during a run', async () => {
    const p = file('crash.ts', 'export default { name: "crash", onBar(ctx: { barIndex: number }) { if (ctx.barIndex === 5) throw new Error("kaput"); } };\n');
    const cfg = config(['AAA', 'BBB'], { strategies: [{ id: 'c', file: p }] });
    await loadStrategyFiles(cfg.strategies);
    expect(() => run(cfg, bars())).toThrow(StrategyError);
    expect(() => run(cfg, bars())).toThrow(`strategy c (crash, ${p}): onBar threw at bar 5`);
  });

  it('asks API users to load files before planning a run', () => {
    expect(() => planStrategies([{ name: 'x', id: 'x', file: 'examples/strategies/never-loaded.ts', params: {} }])).toThrow('`strategy.file`: examples/strategies/never-loaded.ts was not loaded: call loadStrategyFiles(cfg.strategies) before running the engine');
    expect(() => planStrategies([{ name: 'sma_cross', id: 'a', params: {} }, { name: 'ema_cross', id: 'a', params: {} }])).toThrow('`strategies.1.id`: strategy id "a" is used twice');
  });
});

describe('the registry', () => {
  it('takes user-registered names beside the built-ins, never over them', () => {
    registerStrategy('my_hold', { description: 'test', params: { n: { default: 1, description: 'n' } }, create: (p) => ({ name: 'my_hold', params: { n: p['n'] as number }, onBar() {} }) });
    try {
      expect(strategyNames()).toContain('my_hold');
      expect(createStrategy('my_hold', { n: '3' }).params).toEqual({ n: 3 });
      expect(() => createStrategy('nope', {})).toThrow(/expected one of: .*momentum_rotation, my_hold \(or `file:` naming a .ts\/.js strategy file\)/);
      expect(() => registerStrategy('sma_cross', { description: '', params: {}, create: () => ({ name: 'x', onBar() {} }) })).toThrow('registerStrategy: "sma_cross" is a built-in strategy; choose another name');
      expect(() => registerStrategy('bad name', { description: '', params: {}, create: () => ({ name: 'x', onBar() {} }) })).toThrow(/name must be letters/);
    } finally {
      expect(unregisterStrategy('my_hold')).toBe(true);
    }
  });
});
