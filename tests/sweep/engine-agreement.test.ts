// The sweep's best combinations against full event-engine runs of the same parameters (exact decimal
// ledger, events, outputs): the same round trips, and the same final equity to the cent.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alignBars } from '../../src/data/index.js';
import { normalizeConfig } from '../../src/config/index.js';
import { runOnBars } from '../../src/engine/index.js';
import { Decimal } from '../../src/model/index.js';
import { datasetFromSeries } from '../../src/sweep/dataset.js';
import { runSweepOnData } from '../../src/sweep/run-sweep.js';
import { ROW_COLUMNS } from '../../src/sweep/row-metrics.js';
import { bars, sweepConfig } from './helpers.js';

const ZONE = 'America/New_York';
const table = (path: string) => {
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split('\n').map((l) => l.split(','));
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!])));
};

describe('sweep against the event engine', () => {
  it.each([['sharpe'], ['total_return']])('gives the top combinations by %s the trades and final equity of full runs', async (metric) => {
    const dir = mkdtempSync(join(tmpdir(), 'qtrader-agree-'));
    const series = bars(['AAA'], 30_000, 17);
    const out = await runSweepOnData(sweepConfig({ rank: { metric, top: 4 } }), datasetFromSeries(series, ZONE), { workers: 0, outDir: join(dir, 'sweep') });
    const aligned = alignBars(series, ZONE, {});
    const top = out.final!.top;
    expect(top).toHaveLength(4);
    for (const e of top) {
      const { fast, slow } = e.values;
      const cfg = normalizeConfig({
        run: { engine: 'wasm', id: 'agree' }, data: { files: [{ path: 'AAA.csv', symbol: 'AAA' }] },
        strategy: { name: 'sma_cross', params: { fast: fast!, slow: slow! } }, portfolio: { initial_cash: '100000' },
        sizing: { method: 'fixed_quantity', quantity: 100 }, execution: { commission: { per_share: '0.005', minimum: '1' } },
      }, 'test');
      const runDir = join(dir, `run-${fast}-${slow}`);
      runOnBars(cfg, aligned, 'agree', { outDir: runDir });
      const engine = table(join(runDir, 'trades.csv'));
      const sweep = table(join(dir, 'sweep', e.dir, 'trades.csv'));
      expect(engine.length, `${fast}/${slow}`).toBeGreaterThan(50);
      expect(sweep.length).toBe(engine.length);
      expect(e.row[ROW_COLUMNS.indexOf('trade_count')]).toBe(engine.length);
      engine.forEach((t, i) => {
        const s = sweep[i]!;
        expect([s['entry_time'], s['exit_time'], Number(s['entry_price']), Number(s['exit_price']), Number(s['quantity'])])
          .toEqual([t['entry_time'], t['exit_time'], Number(t['entry_price']), Number(t['exit_price']), Number(t['quantity'])]);
        expect(Math.abs(Number(s['realized_pnl']) - Number(t['realized_pnl']))).toBeLessThan(0.005);
      });
      const run = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'));
      expect(e.row[ROW_COLUMNS.indexOf('final_equity')]).toBe(new Decimal(run.final_equity).toDecimalPlaces(2).toNumber());
      // metrics from the float ledger and from exact snapshots agree far below their printed precision
      for (const m of ['total_return', 'sharpe', 'max_drawdown'] as const) {
        expect(Math.abs(e.row[ROW_COLUMNS.indexOf(m)]! - run.metrics[m]), m).toBeLessThan(1e-9 * Math.max(1, Math.abs(run.metrics[m])));
      }
    }
  });
});
