// Parity of every indicator kernel: WebAssembly (debug build) against the plain-TypeScript reference.
// Tolerance: bit-identical for every kernel except logreturns (AssemblyScript's log vs V8's Math.log: 2 ulp).
import { describe, expect, it } from 'vitest';
import { Workspace, INDICATOR_SPECS, type IndicatorSpec } from '../../../src/kernels/index.js';
import { addGaps, constantColumns, firstMismatch, paramSets, parityTolerance, randomColumns, runSliced, type Columns } from './helpers.js';

const NSYM = 7; // covers the four-symbol and two-symbol fast paths and a lone symbol
const LEN = 400;

function both(spec: IndicatorSpec, params: Record<string, number>, cols: Columns, nsym: number, len: number) {
  const w = runSliced(new Workspace('wasm', 'debug'), spec, params, cols, nsym, len);
  const j = runSliced(new Workspace('js'), spec, params, cols, nsym, len);
  return { w, j };
}

function expectParity(spec: IndicatorSpec, params: Record<string, number>, cols: Columns, nsym: number, len: number): void {
  const { w, j } = both(spec, params, cols, nsym, len);
  for (const name of spec.outputs) {
    const at = firstMismatch(w[name]!, j[name]!, parityTolerance(spec));
    expect(at, `${spec.name}.${name} ${JSON.stringify(params)}: wasm ${w[name]![at]} vs js ${j[name]![at]} at ${at}`).toBe(-1);
  }
}

describe.each(INDICATOR_SPECS.map((s) => [s.name, s] as const))('%s: wasm equals the js reference', (_name, spec) => {
  const sets = paramSets(spec, LEN);
  if (spec.name === 'stddev') sets.push({ period: 10, ddof: 1 }, { period: 2, ddof: 1 });

  it('on seeded random data, for default, 1, longer-than-data and small periods', () => {
    for (const [q, params] of sets.entries()) expectParity(spec, params, randomColumns(11 + q, NSYM, LEN), NSYM, LEN);
  });

  it('on random data with NaN gaps (missing bars)', () => {
    for (const [q, params] of sets.entries()) {
      const cols = randomColumns(21 + q, NSYM, LEN);
      addGaps(cols, 31 + q, 0.15);
      expectParity(spec, params, cols, NSYM, LEN);
    }
  });

  it('on data whose few NaNs come late in a slice (the SIMD paths hand over to the general path)', () => {
    for (const [q, params] of sets.entries()) {
      const cols = randomColumns(51 + q, NSYM, LEN);
      for (const [s, i] of [[0, LEN - 5], [1, 250], [3, 390], [4, 399], [6, 120]] as const) {
        for (const name of ['open', 'high', 'low', 'close', 'a', 'b'] as const) cols[name][s * LEN + i] = NaN;
        cols.volume[s * LEN + i] = 0;
      }
      (cols.close as Float64Array)[2 * LEN + 300] = NaN; // a close-only gap
      (cols.b as Float64Array)[5 * LEN + 200] = NaN; // one side of a crossing
      expectParity(spec, params, cols, NSYM, LEN);
    }
  });

  it('on constant prices: equal, and finite after the warm-up', () => {
    for (const params of sets) {
      const cols = constantColumns(NSYM, 60);
      expectParity(spec, params, cols, NSYM, 60);
      const { w } = both(spec, params, cols, NSYM, 60);
      spec.outputs.forEach((name, k) => {
        const warm = spec.warmup(params)[k]!;
        for (let s = 0; s < NSYM; s++) {
          for (let i = warm - 1; i < 60; i++) expect(Number.isFinite(w[name]![s * 60 + i]), `${spec.name}.${name}[${i}]`).toBe(true);
        }
      });
    }
  });

  it('on empty input (len 0) and on no symbols', () => {
    const params = sets[0]!;
    const { w, j } = both(spec, params, randomColumns(1, NSYM, 0), NSYM, 0);
    for (const name of spec.outputs) expect([w[name]!.length, j[name]!.length]).toEqual([0, 0]);
    expect(() => both(spec, params, randomColumns(1, 0, 50), 0, 50)).not.toThrow();
  });

  it('is NaN during the documented warm-up and defined right after it', () => {
    if (spec.outputType === 'i32') return;
    for (const params of sets) {
      const { w } = both(spec, params, randomColumns(41, NSYM, LEN), NSYM, LEN);
      spec.outputs.forEach((name, k) => {
        const warm = spec.warmup(params)[k]!;
        const col = w[name]!;
        for (let s = 0; s < NSYM; s++) {
          const first = col.subarray(s * LEN, (s + 1) * LEN).findIndex((v) => v === v);
          expect(first, `${spec.name}.${name} ${JSON.stringify(params)}`).toBe(warm <= LEN ? warm - 1 : -1);
        }
      });
    }
  });
});

describe('documented values on constant prices (100)', () => {
  const cols = constantColumns(1, 80);
  const expected: Record<string, Record<string, number>> = {
    sma: { sma: 100 }, ema: { ema: 100 }, wma: { wma: 100 }, dema: { dema: 100 }, tema: { tema: 100 }, hma: { hma: 100 },
    kama: { kama: 100 }, vwma: { vwma: 100 }, rsi: { rsi: 50 }, macd: { macd: 0, signal: 0, hist: 0 }, stoch: { k: 0, d: 0 },
    willr: { willr: 0 }, cci: { cci: 0 }, roc: { roc: 0 }, mom: { mom: 0 }, adx: { adx: 0, pdi: 0, mdi: 0 },
    aroon: { up: 100, down: 100 }, mfi: { mfi: 50 }, trange: { trange: 0 }, atr: { atr: 0 }, stddev: { stddev: 0 },
    bbands: { middle: 100, upper: 100, lower: 100, pb: 0.5 }, zscore: { zscore: 0 }, keltner: { middle: 100, upper: 100, lower: 100 },
    donchian: { upper: 100, middle: 100, lower: 100 }, minmax: { min: 100, max: 100 }, obv: { obv: 0 }, vwap: { vwap: 100 },
    ad: { ad: 0 }, returns: { returns: 0 }, logreturns: { logreturns: 0 }, streak: { streak: 0 },
  };
  it.each(Object.entries(expected))('%s', (name, outs) => {
    const spec = INDICATOR_SPECS.find((s) => s.name === name)!;
    const params = Object.fromEntries(spec.params.map((p) => [p.name, p.default]));
    const w = runSliced(new Workspace('wasm'), spec, params, cols, 1, 80);
    for (const [out, v] of Object.entries(outs)) expect(w[out]![79], `${name}.${out}`).toBe(v);
  });
});
