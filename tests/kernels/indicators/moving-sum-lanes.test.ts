// The four-symbol lanes of rolling sum and SMA across slice boundaries: the first `period` bars of a
// slice read their old values from the rings (when the four rings share a position) or go through
// quadHead (when they do not), and a NaN sum inside those bars hands the rest to the general path.
// Tolerance: none; every value has the bits of the plain-TypeScript reference (any NaN equals any NaN).
import { describe, expect, it } from 'vitest';
import { Workspace, SMA, SUM, type IndicatorSpec } from '../../../src/kernels/index.js';
import { rng, runSliced, type Columns } from './helpers.js';

const NSYM = 9; // two groups of four and a lone symbol

function sameBits(a: number, b: number): boolean {
  return Object.is(a, b) || (a !== a && b !== b);
}

function columns(len: number, gen: (s: number, i: number) => number): Columns {
  const close = new Float64Array(NSYM * len);
  for (let s = 0; s < NSYM; s++) for (let i = 0; i < len; i++) close[s * len + i] = gen(s, i);
  const none = new Float64Array(0);
  return { open: none, high: none, low: none, close, volume: none, a: none, b: none, session: new Uint8Array(len) };
}

/** Slice boundaries every `step` bars. */
function every(step: number, len: number): number[] {
  const cuts: number[] = [];
  for (let c = step; c < len; c += step) cuts.push(c);
  return cuts;
}

function expectReference(spec: IndicatorSpec, cols: Columns, len: number, period: number, cuts: number[]): void {
  const ref = runSliced(new Workspace('js'), spec, { period }, cols, NSYM, len)[spec.name]!;
  for (const ws of [new Workspace('wasm'), new Workspace('wasm', 'debug')]) {
    const got = runSliced(ws, spec, { period }, cols, NSYM, len, cuts)[spec.name]!;
    for (let k = 0; k < got.length; k++) {
      if (!sameBits(got[k]!, ref[k]!)) {
        expect.fail(`${spec.name} period ${period}, cuts every ${cuts[0]}: symbol ${Math.floor(k / len)}, bar ${k % len}: wasm ${got[k]} vs js ${ref[k]}`);
      }
    }
  }
}

describe.each([SMA, SUM].map((s) => [s.name, s] as const))('%s lanes over slice starts', (_name, spec) => {
  const LEN = 1_200;

  it('reads old values from the rings when the four share a position (slices shorter and longer than 2 periods)', () => {
    const r = rng(5);
    const cols = columns(LEN, () => Math.round((50 + 100 * r()) * 100) / 100);
    for (const period of [1, 2, 3, 7, 20, 64]) {
      for (const step of [period + 1, 2 * period - 1, 2 * period + 3, 300, 511]) expectReference(spec, cols, LEN, period, every(step, LEN));
    }
  });

  it('uses quadHead when the ring positions differ (one symbol missed a bar earlier)', () => {
    const r = rng(6);
    // symbol 1 misses bar 5 only: its ring position lags the others' by one from then on
    const cols = columns(LEN, (s, i) => (s === 1 && i === 5 ? NaN : 100 + r()));
    for (const period of [3, 20]) expectReference(spec, cols, LEN, period, every(period + 40, LEN));
  });

  it('hands over to the general path when a sum turns NaN inside the first bars of a slice', () => {
    const r = rng(7);
    // +Infinity and later −Infinity in a window: the sum becomes NaN within a slice's first bars
    const cols = columns(LEN, (s, i) => (i === 130 + s ? Infinity : i === 133 + s ? -Infinity : 100 + r()));
    for (const period of [5, 20]) expectReference(spec, cols, LEN, period, every(120, LEN));
  });

  it('redoes a block through the divider when sums leave the exact range inside the first bars of a slice', () => {
    const r = rng(8);
    // subnormal values from bar 250 on: sums far below 2^-900, some quotients exact ties
    const cols = columns(LEN, (_s, i) => (i < 250 ? 1 + r() : 5e-324 * Math.floor(1 + r() * 9)));
    for (const period of [2, 20]) expectReference(spec, cols, LEN, period, every(240, LEN));
  });
});
