// The run result's notes on how far to trust it: the same_close look-ahead flag, and the worst and
// best case of the intrabar path side by side when a bracket had both legs inside one bar.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOnBars } from '../../src/engine/index.js';
import { validateRunResult } from '../../src/events/contracts.js';
import { formatSummary } from '../../src/cli/summary.js';
import { prepareScript, flat, bar, type ScriptOptions } from './script.js';

/** Runs a script through the whole run (engine, results, run.json) into a temporary folder. */
function runWhole(o: ScriptOptions): Record<string, any> {
  const { cfg, bars, opts } = prepareScript(o);
  const dir = mkdtempSync(join(tmpdir(), 'qt-flags-'));
  try {
    const out = runOnBars({ ...cfg, output: { ...cfg.output, html: false } }, bars, 'script', { outDir: dir, strategy: opts.strategy!, services: opts.services! });
    const json = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    validateRunResult(json);
    expect(json).toEqual(JSON.parse(JSON.stringify(out.result)));
    return json;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// bar 0: the script buys 10 with a stop at 98 and a target at 103 (market, fills at bar 1's open 100);
// bar 1 (high 100.8, low 99.6) touches neither leg; bar 2 (high 103.5, low 97.5) holds both
const bracket: ScriptOptions = {
  bars: { AAA: [flat(1, 100)[0]!, bar(100, 100.8, 99.6, 100.5), bar(101, 103.5, 97.5, 100), flat(1, 100)[0]!] },
  script: { 0: (c) => void c.order({ side: 'buy', quantity: '10', stop_loss: '98', take_profit: '103' }) },
};

describe('intrabar bounds in the run result', () => {
  it('reports the worst and the best case side by side when both bracket legs sit in one bar', () => {
    const r = runWhole(bracket);
    // worst case: the stop fills first at 98: (98 − 100) × 10 = −20 → equity 99,980, return −20 / 100,000 = −0.0002
    // best case: the target fills first at 103: (103 − 100) × 10 = +30 → equity 100,030, return +0.0003
    // (commission 0 in scripts); either way one round trip, flat after bar 2
    expect(r['intrabar_bounds']).toEqual({
      policy: 'worst_case', ambiguous_bars: 1,
      worst_case: { final_equity: '99980', realized_pl: '-20', trades: 1, total_return: -0.0002 },
      best_case: { final_equity: '100030', realized_pl: '30', trades: 1, total_return: 0.0003 },
    });
    // the headline numbers are the configured policy's (worst_case by default)
    expect(r['final_equity']).toBe('99980');
    expect(r['optimistic']).toBe(false);
    const text = formatSummary(r as never, '/tmp/x', undefined, { color: false });
    expect(text).toMatch(/intrabar\s+worst case 99,980\.00 \(-0\.02%, 1 trades\)\s+best case 100,030\.00 \(0\.03%, 1 trades\)\s+\(1 ambiguous bars; headline: worst_case\)/);
  });

  it('keeps the headline under best_case and ohlc_path and still shows both cases', () => {
    const best = runWhole({ ...bracket, config: { execution: { intrabar: 'best_case' } } });
    expect(best['final_equity']).toBe('100030');
    // ohlc_path: open 101 → nearer extreme (high 103.5 is 2.5 away, low 97.5 is 3.5 away) → the target fills first
    const path = runWhole({ ...bracket, config: { execution: { intrabar: 'ohlc_path' } } });
    expect(path['final_equity']).toBe('100030');
    for (const r of [best, path]) {
      expect(r['intrabar_bounds'].worst_case.final_equity).toBe('99980');
      expect(r['intrabar_bounds'].best_case.final_equity).toBe('100030');
    }
    expect(path['intrabar_bounds'].policy).toBe('ohlc_path');
  });

  it('is null when no bar had both legs inside it', () => {
    // the same bracket over bars that only reach the target (bar 2's low 99.5 stays above the stop at 98)
    const r = runWhole({ ...bracket, bars: { AAA: [flat(1, 100)[0]!, bar(100, 100.8, 99.6, 100.5), bar(101, 103.5, 99.5, 100), flat(1, 100)[0]!] } });
    expect(r['intrabar_bounds']).toBeNull();
    expect(r['final_equity']).toBe('100030');
    expect(formatSummary(r as never, '/tmp/x', undefined, { color: false })).not.toMatch(/intrabar/);
  });
});

describe('the same_close flag', () => {
  // a plain market buy of 10 made at bar 0's close
  const buy: ScriptOptions = { bars: { AAA: [bar(100, 101, 99, 100), bar(102, 103, 101, 102), bar(102, 103, 101, 102)] }, script: { 0: (c) => void c.order({ side: 'buy', quantity: '10' }) } };

  it('marks a same_close run as optimistic: it filled at the deciding bar\'s own close', () => {
    const r = runWhole({ ...buy, config: { execution: { fill_policy: 'same_close' } } });
    // filled at bar 0's close 100 (not bar 1's open 102): 10 × 100 bought, marked at 102 → equity 100,020
    expect(r['final_equity']).toBe('100020');
    expect(r['optimistic']).toBe(true);
    expect(r['flags']).toContain('optimistic_fill_policy: same_close fills at the close of the bar that made the decision');
    expect(formatSummary(r as never, '/tmp/x', undefined, { color: false })).toMatch(/fill policy\s+same_close: optimistic/);
  });

  it('leaves a next_open run unflagged', () => {
    const r = runWhole(buy);
    // filled at bar 1's open 102, marked at 102 → equity 100,000
    expect(r['final_equity']).toBe('100000');
    expect(r['optimistic']).toBe(false);
    expect(r['flags']).toEqual([]);
    expect(formatSummary(r as never, '/tmp/x', undefined, { color: false })).not.toMatch(/fill policy/);
  });
});
