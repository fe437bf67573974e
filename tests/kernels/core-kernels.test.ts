// Parity of the core WebAssembly kernels with their plain-TypeScript references, edges and slicing.
import { describe, it, expect } from 'vitest';
import {
  Workspace, SmaKernel, smaOf, crossoverOf, smaCrossOf, SmaCrossKernel, kernelModule,
  STATUS_OK, EVENT_FILL, EVENT_SIGNAL, EVENT_DAY_END, EVENT_WATCH, STATUS_BAD_ARGS, STATUS_CAPACITY, CROSS_UP, CROSS_DOWN, TRADE_STRIDE, RESULT_SIZE,
} from '../../src/kernels/index.js';
import { roundHalfEven } from '../../src/kernels/reference/sma-cross.js';
import { centWalk, randomCuts } from '../helpers/random.js';

const wasm = () => new Workspace('wasm', 'debug');
const js = () => new Workspace('js');

/** Naive SMA over valid values: mean of the last `period` non-NaN values, recomputed from scratch. */
function naiveSma(x: Float64Array, period: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  const window: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]!)) continue;
    window.push(x[i]!);
    if (window.length > period) window.shift();
    if (window.length === period) out[i] = window.reduce((a, b) => a + b, 0) / period;
  }
  return out;
}

/** Exact crossover from rationals: compare Σfast/fast with Σslow/slow as BigInt cross-products. */
function exactCross(close: Float64Array, fast: number, slow: number): Int32Array {
  const out = new Int32Array(close.length);
  const vals: bigint[] = [];
  let last = 0;
  for (let i = 0; i < close.length; i++) {
    if (Number.isNaN(close[i]!)) continue;
    vals.push(BigInt(Math.round(close[i]! * 1e6)));
    if (vals.length < slow) continue;
    const sum = (k: number) => vals.slice(vals.length - k).reduce((a, b) => a + b, 0n);
    const d = BigInt(slow) * sum(fast) - BigInt(fast) * sum(slow);
    if (d > 0n) {
      if (last < 0) out[i] = 1;
      last = 1;
    } else if (d < 0n) {
      if (last > 0) out[i] = -1;
      last = -1;
    }
  }
  return out;
}

describe('integer codes', () => {
  it('agree between wasm/codes.ts and src/kernels/codes.ts', () => {
    const inst = new WebAssembly.Instance(kernelModule('debug'), {});
    const g = (name: string) => (inst.exports[name] as { value: number }).value;
    expect({
      STATUS_OK: g('STATUS_OK'), EVENT_FILL: g('EVENT_FILL'), EVENT_SIGNAL: g('EVENT_SIGNAL'), EVENT_DAY_END: g('EVENT_DAY_END'), EVENT_WATCH: g('EVENT_WATCH'),
      STATUS_BAD_ARGS: g('STATUS_BAD_ARGS'), STATUS_CAPACITY: g('STATUS_CAPACITY'), CROSS_UP: g('CROSS_UP'), CROSS_DOWN: g('CROSS_DOWN'),
      TRADE_STRIDE: g('TRADE_STRIDE'), RESULT_SIZE: g('RESULT_SIZE'),
    }).toEqual({ STATUS_OK, EVENT_FILL, EVENT_SIGNAL, EVENT_DAY_END, EVENT_WATCH, STATUS_BAD_ARGS, STATUS_CAPACITY, CROSS_UP, CROSS_DOWN, TRADE_STRIDE, RESULT_SIZE });
  });
});

describe('sma', () => {
  const data = centWalk(5000, 11, { nanRate: 0.05 });
  it.each([1, 2, 7, 50, 200])('wasm and js are bit-identical, period %i, with NaN gaps', (p) => {
    const a = smaOf(data, p, wasm());
    const b = smaOf(data, p, js());
    expect(Array.from(a)).toEqual(Array.from(b));
  });
  it('matches a from-scratch mean within 1e-9 relative (rolling sums drift only by rounding)', () => {
    const a = smaOf(data, 30, wasm());
    const n = naiveSma(data, 30);
    for (let i = 0; i < data.length; i++) {
      if (Number.isNaN(n[i]!)) expect(a[i]).toBeNaN();
      else expect(Math.abs(a[i]! - n[i]!) / n[i]!).toBeLessThan(1e-9);
    }
  });
  it('gives NaN during warm-up, at NaN bars, and everywhere when the period exceeds the data', () => {
    const x = Float64Array.from([1, 2, NaN, 3, 4]);
    expect(Array.from(smaOf(x, 2, wasm()))).toEqual([NaN, 1.5, NaN, 2.5, 3.5]);
    expect(Array.from(smaOf(x, 10, wasm())).every(Number.isNaN)).toBe(true);
    expect(smaOf(new Float64Array(0), 3, wasm()).length).toBe(0);
  });
  it('gives the whole-array result when run slice by slice with carried state', () => {
    for (const ws of [wasm(), js()]) {
      const whole = smaOf(data, 20, ws);
      const k = new SmaKernel(ws, 20, 1);
      const out: number[] = [];
      let at = 0;
      for (const len of randomCuts(data.length, 5, 300)) {
        const src = ws.f64(len);
        src.set(data.subarray(at, at + len));
        const dst = ws.f64(len);
        k.run(src, dst, len);
        out.push(...dst.view());
        at += len;
      }
      expect(out).toEqual(Array.from(whole));
    }
  });
  it('rejects a period that is not a positive integer', () => {
    expect(() => smaOf(data, 0)).toThrow(/`period` must be a positive integer; got 0/);
  });
});

describe('crossover', () => {
  it('wasm equals js, skips equal bars and NaN, and signals only after a sign change', () => {
    const a = Float64Array.from([1, 2, 2, 3, NaN, 1, 1, 2, 0]);
    const b = Float64Array.from([2, 2, 2, 2, 2, 2, 1, 1, 1]);
    // diffs: −1, 0, 0, +1 (up: last non-zero was −1), NaN, −1 (down), 0, +1 (up), −1 (down)
    const expected = [0, 0, 0, 1, 0, -1, 0, 1, -1];
    expect(Array.from(crossoverOf(a, b, wasm()))).toEqual(expected);
    expect(Array.from(crossoverOf(a, b, js()))).toEqual(expected);
  });
  it('agrees on random data', () => {
    const a = centWalk(3000, 1, { nanRate: 0.02 });
    const b = centWalk(3000, 2, { nanRate: 0.02 });
    expect(Array.from(crossoverOf(a, b, wasm()))).toEqual(Array.from(crossoverOf(a, b, js())));
  });
});

describe('smaCross (exact)', () => {
  it('decides ties exactly where float means disagree', () => {
    // fast=2, slow=3, closes 0.06, 0.03, 0.01, 0.05, 0.10.
    // bar 2: SMA2 = (0.03+0.01)/2 = 0.02 < SMA3 = (0.06+0.03+0.01)/3 = 0.0333… → sign −1.
    // bar 3: SMA2 = (0.01+0.05)/2 = 0.03 and SMA3 = (0.03+0.01+0.05)/3 = 0.03: an exact tie, skipped.
    //   In floats (0.01+0.05)/2 = 0.030000000000000002 > (0.03+0.01+0.05)/3 = 0.03: a float engine crosses up here.
    // bar 4: SMA2 = (0.05+0.10)/2 = 0.075 > SMA3 = (0.01+0.05+0.10)/3 = 0.0533… → the real cross up.
    const close = Float64Array.from([0.06, 0.03, 0.01, 0.05, 0.1]);
    const floatFast = (0.01 + 0.05) / 2;
    const floatSlow = (0.03 + 0.01 + 0.05) / 3;
    expect(floatFast > floatSlow).toBe(true); // the float trap this kernel avoids
    const expected = [0, 0, 0, 0, 1];
    expect(Array.from(smaCrossOf(close, 2, 3, wasm()))).toEqual(expected);
    expect(Array.from(smaCrossOf(close, 2, 3, js()))).toEqual(expected);
    expect(Array.from(exactCross(close, 2, 3))).toEqual(expected);
    // the float pipeline (sma + crossover kernels) falls into it: it crosses up at bar 3
    const ws = wasm();
    expect(Array.from(crossoverOf(smaOf(close, 2, ws), smaOf(close, 3, ws), ws))).toEqual([0, 0, 0, 1, 0]);
  });
  it('signals first at bar `slow` (0-based), never at bar slow − 1', () => {
    // slow=3: bar 2 is the first with both means; it only sets the sign. A cross needs bar 3.
    const close = Float64Array.from([3, 2, 1, 5, 6]);
    // bar 2: SMA1=1 < SMA3=2 → sign −1. bar 3: SMA1=5 > SMA3=(2+1+5)/3 → up.
    expect(Array.from(smaCrossOf(close, 1, 3, wasm()))).toEqual([0, 0, 0, 1, 0]);
  });
  it.each([[2, 5], [5, 20], [10, 30], [50, 200]])('equals the BigInt rational reference on cent walks (fast %i, slow %i)', (f, s) => {
    // cent prices make exact ties of the two means frequent; the rational reference has no rounding at all
    const close = centWalk(4000, f * 100 + s, { step: 0.04, nanRate: 0.01 });
    const expected = Array.from(exactCross(close, f, s));
    expect(expected.some((v) => v !== 0)).toBe(true);
    expect(Array.from(smaCrossOf(close, f, s, wasm()))).toEqual(expected);
    expect(Array.from(smaCrossOf(close, f, s, js()))).toEqual(expected);
  });
  it('gives the whole-array result across random slice boundaries', () => {
    const close = centWalk(6000, 77, { nanRate: 0.03 });
    const whole = Array.from(smaCrossOf(close, 5, 20, wasm()));
    const ws = wasm();
    const k = new SmaCrossKernel(ws, 5, 20, 1);
    const out: number[] = [];
    let at = 0;
    for (const len of randomCuts(close.length, 9, 50)) {
      const c = ws.f64(len);
      c.set(close.subarray(at, at + len));
      const d = ws.i32(len);
      k.run(c, d, len);
      out.push(...d.view());
      at += len;
    }
    expect(out).toEqual(whole);
  });
  it('rounds half to even like f64.nearest', () => {
    expect([2.5, 3.5, -2.5, -3.5, 1.4, -1.6].map(roundHalfEven)).toEqual([2, 4, -2, -4, 1, -2]);
  });
  it('rejects fast ≥ slow with the keys named', () => {
    expect(() => smaCrossOf(new Float64Array(10), 30, 10)).toThrow(/`strategy.params.fast` \(30\) must be less than `strategy.params.slow` \(10\)/);
  });
});
