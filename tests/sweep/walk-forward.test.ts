// Walk-forward sweeps: window layout (rolling and anchored), the in-sample winner of each window run
// out of sample, and the stitched out-of-sample equity as the chain of the windows' returns.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetFromSeries } from '../../src/sweep/dataset.js';
import { runSweepOnData } from '../../src/sweep/run-sweep.js';
import { walkForwardWindows } from '../../src/sweep/plan.js';
import { bars, sweepConfig } from './helpers.js';

const csv = (path: string) => {
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split('\n').map((l) => l.split(','));
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!])));
};

describe('walk-forward windows', () => {
  it('rolls a fixed in-sample window forward by the out-of-sample length, or anchors it at the start', () => {
    // 52 days, 20 in sample, 10 out: ⌊(52 − 20) / 10⌋ = 3 windows; the last 2 days are not covered
    expect(walkForwardWindows(52, { mode: 'rolling', inSampleDays: 20, outOfSampleDays: 10 }, 'X')).toEqual([
      { isFrom: 0, isTo: 20, oosTo: 30 }, { isFrom: 10, isTo: 30, oosTo: 40 }, { isFrom: 20, isTo: 40, oosTo: 50 },
    ]);
    expect(walkForwardWindows(52, { mode: 'anchored', inSampleDays: 20, outOfSampleDays: 10 }, 'X').map((w) => w.isFrom)).toEqual([0, 0, 0]);
    expect(() => walkForwardWindows(25, { mode: 'rolling', inSampleDays: 20, outOfSampleDays: 10 }, 'X')).toThrow(/X has 25 trading days; in_sample_days \(20\) \+ out_of_sample_days \(10\) must fit/);
  });
});

describe('walk-forward sweep', () => {
  it.each(['rolling', 'anchored'])('runs each window\'s in-sample winner out of sample and chains the returns (%s)', async (mode) => {
    const dir = mkdtempSync(join(tmpdir(), 'qtrader-wf-'));
    const data = datasetFromSeries(bars(['AAA']), 'America/New_York');
    const cfg = sweepConfig({ walk_forward: { mode, in_sample_days: 20, out_of_sample_days: 10 }, rank: { metric: 'total_return' } });
    const out = await runSweepOnData(cfg, data, { workers: 1, outDir: dir });
    expect(out.computed).toBe(3 * 42);
    const results = csv(join(dir, 'results.csv'));
    const windows = csv(join(dir, 'walk_forward.csv'));
    expect(windows).toHaveLength(3);
    let equity = 100000;
    for (const w of windows) {
      // the winner is the best in-sample total return of its window (rank 1 within the window)
      const rows = results.filter((r) => r['window'] === w['window']);
      expect(rows).toHaveLength(42);
      const best = rows.reduce((a, b) => (Number(b['total_return']) > Number(a['total_return']) ? b : a));
      expect(rows.find((r) => r['rank'] === '1')).toBe(best);
      expect([w['fast'], w['slow'], w['is_total_return']]).toEqual([best['fast'], best['slow'], best['total_return']]);
      const dsr = Number(w['deflated_sharpe']);
      expect(dsr).toBeGreaterThanOrEqual(0);
      expect(dsr).toBeLessThanOrEqual(1);
      equity *= 1 + Number(w['oos_total_return']);
    }
    // stitched equity ends at initial × Π(1 + out-of-sample return of each window); returns carry 12 digits
    const stitched = csv(join(dir, 'oos_equity.csv'));
    expect(stitched).toHaveLength(30);
    expect(Number(stitched[29]!['equity'])).toBeCloseTo(equity, 4);
    expect(stitched[0]!['timestamp'] > windows[0]!['is_end']!).toBe(true);
    const wf = (out.final!.summary['walk_forward'] as { symbols: { windows: unknown[] }[] }).symbols[0]!;
    expect(wf.windows).toHaveLength(3);
  });
});
