// Sweeps of registry strategies on the signal-column path: the config (indicator lines flattened to
// side_param axes, defaults, refusals with the key), the decision table, and a strategy whose engine
// agreement waits for a fix (rsi_mean_reversion) against a plain-TypeScript recount.
import { describe, it, expect, onTestFinished } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeIndicator, INDICATORS } from '../../src/kernels/index.js';
import { alignBars } from '../../src/data/index.js';
import { datasetFromSeries } from '../../src/sweep/dataset.js';
import { runSweepOnData } from '../../src/sweep/run-sweep.js';
import { decisionTable, strategyParams } from '../../src/sweep/vector-evaluator.js';
import { ACTION_BUY, ACTION_SELL, ACTION_NONE, ACTION_UNSUPPORTED } from '../../src/kernels/sweep-signals.js';
import { ROW_COLUMNS } from '../../src/sweep/row-metrics.js';
import { createStrategy } from '../../src/strategy/registry.js';
import type { VectorStrategy } from '../../src/strategy/strategy.js';
import { bars, sweepConfig } from './helpers.js';

const ZONE = 'America/New_York';
const thrown = (f: () => unknown): Error => {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
};

describe('sweep configs of registry strategies', () => {
  it('flattens indicator lines into side_param axes and rebuilds the strategy parameters from them', () => {
    const cfg = sweepConfig({ strategy: { name: 'indicator_cross', params: { fast: { name: 'ema', params: { period: [5, 10] } }, slow: { name: 'bbands', params: { period: { from: 20, to: 40, step: 10 } }, output: 'middle' } }, constraints: ['fast_period < slow_period'] } });
    expect(cfg.space.names).toEqual(['fast_period', 'slow_period', 'slow_mult']);
    expect(cfg.space.axes.map((a) => a.values)).toEqual([[5, 10], [20, 30, 40], [2]]);
    expect(cfg.template).toEqual({ fast: { name: 'ema' }, slow: { name: 'bbands', output: 'middle' } });
    expect(strategyParams({ name: 'indicator_cross', template: cfg.template! }, { fast_period: 5, slow_period: 30, slow_mult: 2 }))
      .toEqual({ fast: { name: 'ema', params: { period: 5 } }, slow: { name: 'bbands', params: { period: 30, mult: 2 }, output: 'middle' } });
    expect(cfg.evaluator.path).toMatch(/^signal-column kernel/);
  });

  it('takes the defaults of parameters not given, and refuses what the compute path cannot book, naming the key', () => {
    const cfg = sweepConfig({ strategy: { name: 'macd_cross', params: { fast: [8, 12] } } });
    expect(cfg.space.axes.map((a) => [a.name, a.values])).toEqual([['fast', [8, 12]], ['slow', [26]], ['signal', [9]]]);
    expect(thrown(() => sweepConfig({ strategy: { name: 'indicator_cross', params: { fast: { name: 'nope' }, slow: { name: 'ema' } } } })).message)
      .toMatch(/`strategy.params.fast.name` unknown indicator `nope`/);
    expect(thrown(() => sweepConfig({ strategy: { name: 'indicator_cross', params: { fast: { name: 'ema', params: { length: 3 } }, slow: { name: 'ema' } } } })).message)
      .toMatch(/`strategy.params.fast.params.length` is not a parameter of ema; expected period/);
    expect(thrown(() => sweepConfig({ strategy: { name: 'indicator_cross', params: { fast: { name: 'ema', params: { period: 0 } }, slow: { name: 'ema' } } } })).message)
      .toMatch(/`strategy.params.fast.params.period` must be at least 1/);
    expect(thrown(() => sweepConfig({ strategy: { name: 'momentum_rotation', params: {} } })).message)
      .toMatch(/`strategy.name` "momentum_rotation" has no compute path for sweeps; strategies that can be swept: sma_cross, indicator_cross, ema_cross/);
    expect(thrown(() => sweepConfig({ strategy: { name: 'ema_cross', params: { fats: 3 } } })).message).toMatch(/`strategy.params.fats` is not a parameter of ema_cross; expected fast, slow/);
  });

  it('refuses at planning the combinations whose decisions leave the long-only fixed-quantity ledger', async () => {
    const data = datasetFromSeries(bars(['AAA'], 2000), ZONE);
    await expect(runSweepOnData(sweepConfig({ strategy: { name: 'rsi_mean_reversion', params: { short: [0, 1] } } }), data, { workers: 0, outDir: '/tmp/never' }))
      .rejects.toThrow(/1 of 2 combinations cannot run with rsi_mean_reversion \(e\.g\. rsi_mean_reversion with short = 1 also opens shorts/);
    await expect(runSweepOnData(sweepConfig({ strategy: { name: 'donchian_breakout', params: { stop: [0, 2] } } }), data, { workers: 0, outDir: '/tmp/never' }))
      .rejects.toThrow(/with stop = 2 places stop-loss orders/);
  });
});

describe('decision tables', () => {
  it('asks decide() for each value, flat and long: a cross buys on +1 flat and sells on −1 long', () => {
    const t = decisionTable(createStrategy('ema_cross', { fast: 3, slow: 9 }) as VectorStrategy);
    const at = (v: number, long: boolean) => t.actions[2 * (v - t.lo) + (long ? 1 : 0)];
    expect([at(1, false), at(1, true), at(-1, false), at(-1, true), at(2, false)]).toEqual([ACTION_BUY, ACTION_NONE, ACTION_NONE, ACTION_SELL, ACTION_NONE]);
    const r = decisionTable(createStrategy('rsi_mean_reversion', { short: 1 }) as VectorStrategy);
    // bit 2 (crossed above upper) while flat opens a short with short = 1: not bookable, with the reason
    expect(r.actions[2 * (2 - r.lo)]).toBe(ACTION_UNSUPPORTED);
    expect(r.why!.get(2 * (2 - r.lo))).toBe('decides OPEN_SHORT while flat');
  });
});

describe('rsi_mean_reversion on the signal-column path', () => {
  it('books the round trips of a plain-TypeScript recount of the RSI threshold crossings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qtrader-rsi-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const series = bars(['AAA'], 30_000, 17);
    const out = await runSweepOnData(sweepConfig({ strategy: { name: 'rsi_mean_reversion', params: { period: [7, 14] } }, rank: { metric: 'total_return', top: 2 } }),
      datasetFromSeries(series, ZONE), { workers: 0, outDir: join(dir, 'out') });
    const a = alignBars(series, ZONE, {});
    for (const e of out.final!.top) {
      // the recount: RSI and its threshold crossings from the registry's whole-array functions; flat and
      // crossing below 30 buys at the next open, long and crossing above 70 sells there (100 shares at about
      // $100 never meet the cash limit of 100,000)
      const rsi = computeIndicator(INDICATORS['rsi']!.spec, { close: a.close }, { period: e.values['period'] })['rsi'] as Float64Array;
      const down = Object.values(computeIndicator(INDICATORS['threshold']!.spec, { close: rsi }, { level: 30, direction: -1 }))[0]!;
      const up = Object.values(computeIndicator(INDICATORS['threshold']!.spec, { close: rsi }, { level: 70, direction: 1 }))[0]!;
      let position = 0, pending = 0, trades = 0, cash = 100_000;
      for (let i = 0; i < a.length; i++) {
        if (pending !== 0) {
          const c = Math.max(1, 100 * 0.005);
          cash += -pending * a.open[i]! - c;
          position += pending;
          if (pending < 0) trades++;
          pending = 0;
        }
        if (down[i] !== 0 && position === 0) pending = 100;
        else if (up[i] !== 0 && position > 0) pending = -100;
      }
      expect(trades).toBeGreaterThan(50);
      expect(e.row[ROW_COLUMNS.indexOf('trade_count')]).toBe(trades);
      const last = a.close[a.length - 1]!;
      expect(e.row[ROW_COLUMNS.indexOf('final_equity')]).toBe(Math.round((cash + position * last) * 100) / 100);
    }
  });
});
