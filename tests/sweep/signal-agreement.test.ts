// Sweeps of vectorised strategies on the signal-column kernel against full event-engine runs of the
// same parameters (exact decimal ledger, events, outputs): the same round trips, the same final equity
// to the cent, for the top combinations of each strategy.
import { describe, it, expect, onTestFinished } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alignBars } from '../../src/data/index.js';
import { normalizeConfig } from '../../src/config/index.js';
import { runOnBars } from '../../src/engine/index.js';
import { Decimal } from '../../src/model/index.js';
import { datasetFromSeries } from '../../src/sweep/dataset.js';
import { runSweepOnData } from '../../src/sweep/run-sweep.js';
import { strategyParams } from '../../src/sweep/vector-evaluator.js';
import { ROW_COLUMNS } from '../../src/sweep/row-metrics.js';
import { bars, sweepConfig } from './helpers.js';

const ZONE = 'America/New_York';
const table = (path: string) => {
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split('\n').map((l) => l.split(','));
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!])));
};

// each strategy with a small space; `least` round trips the engine run must have (so that the comparison means something)
const CASES: [string, Record<string, unknown>, string[], number][] = [
  ['indicator_cross', { fast: { name: 'ema', params: { period: [5, 12] } }, slow: { name: 'sma', params: { period: [30, 90] } } }, [], 50],
  ['indicator_cross', { fast: { name: 'macd', params: { fast: 12, slow: 26, signal: [5, 9] }, output: 'macd' }, slow: { name: 'macd', params: { fast: 12, slow: 26, signal: [5, 9] }, output: 'signal' } }, ['fast_signal == slow_signal'], 50],
  ['ema_cross', { fast: [5, 10], slow: [40, 120] }, ['fast < slow'], 30],
  ['macd_cross', { fast: 12, slow: [26, 40], signal: 9 }, [], 50],
  ['bollinger_breakout', { period: [20, 50], mult: [1.5, 2] }, [], 20],
  // (vector-sweep.test.ts also recounts rsi_mean_reversion's round trips in plain TypeScript)
  ['rsi_mean_reversion', { period: [7, 14], lower: 30, upper: 70 }, [], 20],
  ['donchian_breakout', { entry: [20, 40], exit: 10, stop: 0 }, [], 20],
];

describe('signal-column sweeps against the event engine', () => {
  it.each(CASES)('%s: the top combinations have the trades and final equity of full runs (%j)', async (name, params, constraints, least) => agree(name, params, constraints, least));
});

/** Sweeps `name` over `params`, then runs the engine on each of the top 2 combinations and compares. */
async function agree(name: string, params: Record<string, unknown>, constraints: string[], least: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'qtrader-agree-signal-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const series = bars(['AAA'], 30_000, 17);
  const cfg = sweepConfig({ strategy: { name, params, constraints }, rank: { metric: 'total_return', top: 2 } });
  expect(cfg.evaluator.path).toMatch(/^signal-column kernel/);
  const out = await runSweepOnData(cfg, datasetFromSeries(series, ZONE, {}, ['high', 'low', 'volume']), { workers: 0, outDir: join(dir, 'sweep') });
  const aligned = alignBars(series, ZONE, {});
  const top = out.final!.top;
  expect(top).toHaveLength(2);
  for (const e of top) {
    const runCfg = normalizeConfig({
      run: { engine: 'wasm', id: 'agree' }, data: { files: [{ path: 'AAA.csv', symbol: 'AAA' }] },
      strategy: { name, params: strategyParams({ name, template: cfg.template! }, e.values) }, portfolio: { initial_cash: '100000' },
      sizing: { method: 'fixed_quantity', quantity: 100 }, execution: { commission: { per_share: '0.005', minimum: '1' } },
    }, 'test');
    const label = JSON.stringify(e.values);
    const runDir = join(dir, `run-${top.indexOf(e)}`);
    runOnBars(runCfg, aligned, 'agree', { outDir: runDir });
    const engine = table(join(runDir, 'trades.csv'));
    const sweep = table(join(dir, 'sweep', e.dir, 'trades.csv'));
    expect(engine.length, label).toBeGreaterThanOrEqual(least);
    expect(sweep.length, label).toBe(engine.length);
    expect(e.row[ROW_COLUMNS.indexOf('trade_count')]).toBe(engine.length);
    engine.forEach((t, i) => {
      const s = sweep[i]!;
      expect([s['entry_time'], s['exit_time'], Number(s['entry_price']), Number(s['exit_price']), Number(s['quantity'])], `${label} trade ${i}`)
        .toEqual([t['entry_time'], t['exit_time'], Number(t['entry_price']), Number(t['exit_price']), Number(t['quantity'])]);
      expect(Math.abs(Number(s['realized_pnl']) - Number(t['realized_pnl']))).toBeLessThan(0.005);
    });
    const run = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'));
    expect(e.row[ROW_COLUMNS.indexOf('final_equity')], label).toBe(new Decimal(run.final_equity).toDecimalPlaces(2).toNumber());
    for (const m of ['total_return', 'sharpe', 'max_drawdown'] as const) {
      expect(Math.abs(e.row[ROW_COLUMNS.indexOf(m)]! - run.metrics[m]), m).toBeLessThan(1e-9 * Math.max(1, Math.abs(run.metrics[m])));
    }
  }
}
