// The indicator registry: names, parameters with defaults, inputs/outputs, factories, validation messages.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/model/index.js';
import {
  Workspace, INDICATORS, INDICATOR_SPECS, getIndicator, resolveIndicator, createIndicator, RsiIndicator,
} from '../../../src/kernels/index.js';

/** Expects `fn` to throw a ConfigError whose message contains `text`. */
function expectConfigError(fn: () => unknown, text: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as Error).message).toContain(text);
    return;
  }
  expect.fail(`expected a ConfigError containing ${text}`);
}

describe('indicator registry', () => {
  it('lists every indicator of issue 4 by config name', () => {
    const names = [
      'sma', 'ema', 'wma', 'dema', 'tema', 'hma', 'kama', 'vwma', 'rsi', 'macd', 'stoch', 'willr', 'cci', 'roc', 'mom', 'adx', 'aroon',
      'mfi', 'trange', 'atr', 'stddev', 'bbands', 'zscore', 'keltner', 'donchian', 'minmax', 'sum', 'obv', 'vwap', 'ad', 'returns',
      'logreturns', 'cross', 'crossover', 'crossunder', 'threshold', 'streak',
    ];
    expect(Object.keys(INDICATORS).sort()).toEqual([...names].sort());
    expect(INDICATOR_SPECS.length).toBe(names.length);
  });

  it('describes parameters with defaults, inputs and outputs', () => {
    expect(INDICATORS.rsi!.params).toEqual({ period: 14 });
    expect(INDICATORS.macd!.outputs).toEqual(['macd', 'signal', 'hist']);
    expect(INDICATORS.bbands!.params).toEqual({ period: 20, mult: 2 });
    expect(INDICATORS.adx!.inputs).toEqual(['high', 'low', 'close']);
    expect(INDICATORS.vwap!.inputs).toContain('session');
    expect(INDICATORS.crossover!.outputType).toBe('i32');
  });

  it('resolves a config request, filling in defaults', () => {
    expect(resolveIndicator({ name: 'macd', params: { fast: 5 } }).params).toEqual({ fast: 5, slow: 26, signal: 9 });
  });

  it('creates a streaming kernel from a request', () => {
    const ws = new Workspace('js');
    const k = createIndicator(ws, 2, { name: 'rsi', params: { period: 3 } });
    expect(k.params).toEqual({ period: 3 });
    expect(new RsiIndicator(ws, 2, { period: 3 }).spec.name).toBe('rsi');
  });

  it('rejects unknown names and parameters, and bad values, naming what was expected', () => {
    expectConfigError(() => getIndicator('rsx'), 'unknown indicator `rsx`; expected one of');
    expectConfigError(() => resolveIndicator({ name: 'rsi', params: { length: 14 } }), 'rsi: unknown parameter `length`; expected one of period');
    expectConfigError(() => resolveIndicator({ name: 'rsi', params: { period: 0 } }), 'rsi: `period` must be a positive integer');
    expectConfigError(() => resolveIndicator({ name: 'sma', params: { period: 2.5 } }), 'got 2.5');
    expectConfigError(() => resolveIndicator({ name: 'ema', params: { period: '14' } }), '`period` must be a number; got "14"');
    expectConfigError(() => resolveIndicator({ name: 'bbands', params: { mult: Infinity } }), '`mult` must be a finite number');
    expectConfigError(() => resolveIndicator({ name: 'stddev', params: { ddof: 2 } }), '`ddof` must be 0 (population) or 1 (sample)');
    expectConfigError(() => resolveIndicator({ name: 'stddev', params: { period: 1, ddof: 1 } }), 'at least 2');
    expectConfigError(() => resolveIndicator({ name: 'cross', params: { direction: 2 } }), '`direction` must be 1 (up), -1 (down) or 0 (both)');
    expectConfigError(() => resolveIndicator({ name: 'obv', params: { period: 3 } }), 'it takes no parameters');
  });

  it('checks slice buffer sizes', () => {
    const ws = new Workspace('wasm');
    const k = createIndicator(ws, 2, { name: 'sma', params: { period: 3 } });
    expect(() => k.run([ws.f64(5)], [ws.f64(10)], 5)).toThrow(/`close` holds 5 values; the slice needs 10/);
  });
});
