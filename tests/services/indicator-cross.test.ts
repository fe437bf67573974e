// indicator_cross: any two registry indicators from YAML become a crossover strategy, slice-independent.
import { describe, it, expect } from 'vitest';
import { IndicatorCrossStrategy, createStrategy } from '../../src/strategy/index.js';
import { Workspace, emaOf, macdOf, crossoverOf } from '../../src/kernels/index.js';
import { alignBars, generateBars } from '../../src/data/index.js';
import { normalizeConfig } from '../../src/config/index.js';
import { runEngine } from '../../src/engine/index.js';
import { validateEvent } from '../../src/events/contracts.js';
import type { QtraderEvent } from '../../src/events/index.js';
import { centWalk, randomCuts } from '../helpers/random.js';

/** Runs the strategy's signal column over `close` cut into the given slice lengths (one symbol). */
function signalsBySlices(strategy: IndicatorCrossStrategy, close: Float64Array, cuts: number[], engine: 'wasm' | 'js'): number[] {
  const ws = new Workspace(engine);
  strategy.init(ws, 1);
  const max = Math.max(...cuts);
  const c = ws.f64(max), out = ws.i32(max);
  const got: number[] = [];
  let at = 0;
  for (const len of cuts) {
    c.sub(0, len).set(close.subarray(at, at + len));
    const col = c.sub(0, len);
    strategy.signals({ open: col, high: col, low: col, close: col, volume: col, len, start: at }, out.sub(0, len));
    got.push(...out.sub(0, len).view());
    at += len;
  }
  return got;
}

describe('indicator_cross', () => {
  const close = centWalk(3000, 21, { step: 0.3, nanRate: 0.02 });

  it('equals the crossover of the two whole-array indicators, whatever the slicing and engine', () => {
    // independent composition: EMA(5) and EMA(20) over the whole array, then the crossover kernel
    const expected = Array.from(crossoverOf(emaOf(close, { period: 5 }), emaOf(close, { period: 20 })));
    expect(expected.filter((v) => v !== 0).length).toBeGreaterThan(20);
    for (const engine of ['wasm', 'js'] as const) {
      const s = new IndicatorCrossStrategy({ name: 'ema', params: { period: 5 } }, { name: 'ema', params: { period: 20 } });
      expect(signalsBySlices(s, close, randomCuts(close.length, 4, 400), engine)).toEqual(expected);
    }
  });

  it('reads a chosen output of a multi-output indicator (MACD line against its signal line)', () => {
    const m = macdOf(close);
    const expected = Array.from(crossoverOf(m.macd, m.signal));
    const s = createStrategy('indicator_cross', { fast: { name: 'macd', output: 'macd' }, slow: { name: 'macd', output: 'signal' } }) as IndicatorCrossStrategy;
    expect(signalsBySlices(s, close, [close.length], 'wasm')).toEqual(expected);
    expect(s.params).toEqual({ fast_fast: 12, fast_slow: 26, fast_signal: 9, slow_fast: 12, slow_slow: 26, slow_signal: 9 });
  });

  it('runs end to end from a config, with every event valid against its contract', () => {
    const bars = alignBars(generateBars({ symbols: ['AAA', 'BBB'], bars: 4000, seed: 5, start: '2024-01-02', zone: 'America/New_York' }), 'America/New_York', {});
    const cfg = normalizeConfig({
      run: { id: 'ic' }, data: { files: [{ path: 'AAA.csv' }, { path: 'BBB.csv' }] },
      strategy: { name: 'indicator_cross', params: { fast: { name: 'ema', params: { period: 10 } }, slow: { name: 'sma', params: { period: 40 } } } },
      sizing: { method: 'fixed_quantity', quantity: 10 },
    }, 'test');
    const events: QtraderEvent[] = [];
    const res = runEngine(cfg, bars, { runId: 'ic', keepPayloads: true, onEvent: (e) => events.push(e) });
    expect(res.reporting.counts.trades).toBeGreaterThan(5);
    const sig = events.find((e) => e.event_type === 'signal')!;
    expect((sig.payload as { reason: string }).reason).toMatch(/^ema\(10\) × sma\(40\): crossed above$/);
    for (const e of events) validateEvent(e);
  });

  it('names the key and what was expected when a line is wrong', () => {
    const mk = (fast: unknown, slow: unknown = { name: 'ema' }) => () => createStrategy('indicator_cross', { fast, slow });
    expect(mk({ name: 'emma' })).toThrow(/`strategy.params.fast`: unknown indicator `emma`/);
    expect(mk({ name: 'ema', params: { period: 0 } })).toThrow(/`strategy.params.fast`: .*period/);
    expect(mk({ name: 'macd', output: 'hist2' })).toThrow(/`strategy.params.fast.output`: macd has no output "hist2"; expected one of: macd, signal, hist/);
    expect(mk({ name: 'crossover' })).toThrow(/is a signal, not a series/);
    expect(mk({ name: 'vwap' })).toThrow(/reads `session`/);
    expect(mk(5)).toThrow(/`strategy.params.fast`: expected an indicator like/);
    expect(() => createStrategy('indicator_cross', { fast: { name: 'ema' } })).toThrow(/`strategy.params.slow` is required for indicator_cross/);
  });
});
