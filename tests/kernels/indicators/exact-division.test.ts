// The SMA's division without the divider (wasm/indicators/exact-div.ts) against JavaScript's division
// (IEEE-754, correctly rounded: the independent reference), and the SMA kernel on sums outside its range.
// Tolerance: none. Every value must have the same bits as the reference (any NaN equals any NaN).
import { describe, expect, it } from 'vitest';
import { Workspace, SMA, STATUS_BAD_ARGS, STATUS_OK, type Buf } from '../../../src/kernels/index.js';
import { rng, runSliced, randomCuts, type Columns } from './helpers.js';

type DivideFn = (src: number, dst: number, n: number, period: number) => number;

/** Same bits, or both NaN (wasm and V8 may carry different NaN payloads). */
function sameBits(a: number, b: number): boolean {
  return Object.is(a, b) || (a !== a && b !== b);
}

/** exactDivide over `values` in one workspace; returns the status and the quotients. */
function exactDivide(ws: Workspace, values: Float64Array, period: number): { status: number; out: Float64Array } {
  const m = ws.mark();
  try {
    const src: Buf<Float64Array> = ws.f64(values.length);
    const dst = ws.f64(values.length);
    src.set(values);
    const status = (ws.wasm.exactDivide as DivideFn)(src.ptr, dst.ptr, values.length, period);
    return { status, out: Float64Array.from(dst.view()) };
  } finally {
    ws.release(m);
  }
}

/** A double with a random 52-bit significand, random sign and binary exponent in [lo, hi). */
function randomDouble(r: () => number, lo: number, hi: number): number {
  const bits = new DataView(new ArrayBuffer(8));
  const e = lo + Math.floor(r() * (hi - lo)) + 1023;
  bits.setUint32(0, ((r() < 0.5 ? 0x80000000 : 0) | (e << 20) | Math.floor(r() * 0x100000)) >>> 0);
  bits.setUint32(4, Math.floor(r() * 0x100000000) >>> 0);
  return bits.getFloat64(0);
}

/**
 * Sums inside exactDiv's range (+0, or 2^-900 ≤ |s| < 2^1020): random significands over the whole
 * exponent range, integers, prices on a cent grid, near-multiples of the period (quotients next to
 * an exact one), and the two ends of the range.
 */
function sumsInRange(r: () => number, period: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    switch (i % 6) {
      case 0: out[i] = randomDouble(r, -900, 1020); break;
      case 1: out[i] = Math.floor(r() * 2 ** 53) * (r() < 0.5 ? -1 : 1); break;
      case 2: out[i] = Math.round(r() * 1e9) / 100; break;
      case 3: out[i] = (Math.floor(r() * 1e6) * period + Math.floor(r() * 7) - 3) * 2 ** (Math.floor(r() * 400) - 200); break;
      case 4: out[i] = (r() < 0.5 ? 1 : -1) * 2 ** -900 * (1 + Math.floor(r() * 1e6) * 2 ** -52); break;
      default: out[i] = (r() < 0.5 ? 1 : -1) * 2 ** 1019 * (2 - (1 + Math.floor(r() * 1e6)) * 2 ** -52);
    }
  }
  out[0] = 0;
  return out;
}

const PERIODS = [
  ...Array.from({ length: 64 }, (_, k) => k + 1), // every small period, powers of two among them
  99, 100, 200, 390, 1000, 4096, 65_535, 65_537, 99_991, 999_983, 1_000_000, 2 ** 20 - 1, 2 ** 20,
];

describe('exact division by the period (wasm exactDivide)', () => {
  for (const target of ['release', 'debug'] as const) {
    it(`gives the bits of s / period for random sums in range, ${PERIODS.length + 40} periods (${target} build)`, () => {
      const ws = new Workspace('wasm', target);
      const r = rng(4242);
      const periods = [...PERIODS, ...Array.from({ length: 40 }, () => 1 + Math.floor(r() * 2 ** 20))];
      let checked = 0;
      let naiveWrong = 0; // how often s·RN(1/p) alone misses: the test would catch a plain multiply
      for (const p of periods) {
        const sums = sumsInRange(r, p, 6_001); // odd length: the last value goes through the one-lane tail
        const { status, out } = exactDivide(ws, sums, p);
        expect(status).toBe(STATUS_OK);
        for (let i = 0; i < sums.length; i++) {
          const want = sums[i]! / p;
          if (!Object.is(out[i], want)) expect.fail(`period ${p}: ${sums[i]} / ${p} = ${want}, exactDivide gave ${out[i]}`);
          if (!Object.is(sums[i]! * (1 / p), want)) naiveWrong++;
        }
        checked += sums.length;
      }
      expect(checked).toBe(periods.length * 6_001);
      expect(naiveWrong).toBeGreaterThan(checked / 20);
    });
  }

  it('rejects periods outside 1 … 2^20 with STATUS_BAD_ARGS', () => {
    const ws = new Workspace('wasm');
    const x = Float64Array.of(1, 2, 3);
    expect(exactDivide(ws, x, 0).status).toBe(STATUS_BAD_ARGS);
    expect(exactDivide(ws, x, 2 ** 20 + 1).status).toBe(STATUS_BAD_ARGS);
    expect(exactDivide(ws, x, 2 ** 20).status).toBe(STATUS_OK);
  });

  it('misses some quotients outside its range (tiny, subnormal, infinite sums): the kernel must range-check', () => {
    const ws = new Workspace('wasm');
    const r = rng(77);
    // odd k: below 2^-900; even k: subnormal (multiples of 2^-1074)
    const outside = Float64Array.from({ length: 2_002 }, (_, k) => (k % 2 ? 2 ** -1000 * (1 + r()) : 5e-324 * (1 + Math.floor(r() * 1e6))));
    outside[2_000] = Infinity;
    outside[2_001] = -Infinity;
    let wrong = 0;
    for (const p of [3, 7, 20]) {
      const { out } = exactDivide(ws, outside, p);
      for (let i = 0; i < outside.length; i++) if (!sameBits(out[i]!, outside[i]! / p)) wrong++;
    }
    expect(wrong).toBeGreaterThan(0);
  });
});

/** Eight symbols (two four-symbol groups, the lanes that use exactDiv), one series per symbol from `gen`. */
function columns(len: number, gen: (s: number, i: number) => number): Columns {
  const close = new Float64Array(8 * len);
  for (let s = 0; s < 8; s++) for (let i = 0; i < len; i++) close[s * len + i] = gen(s, i);
  const none = new Float64Array(0);
  return { open: none, high: none, low: none, close, volume: none, a: none, b: none, session: new Uint8Array(len) };
}

describe('sma on sums outside the exact division range equals the reference bit for bit', () => {
  const r = rng(99);
  const LEN = 700; // several blocks of 256 bars, as slices of random lengths too
  const cases: [string, (s: number, i: number) => number][] = [
    ['tiny values (sums below 2^-900)', () => (r() + 0.5) * 1e-290],
    ['values near the smallest normal (quotients next to the subnormals)', () => (r() + 0.5) * 2 ** -1015],
    ['subnormal values (halves are ties, rounded to even)', () => 5e-324 * Math.floor(1 + r() * 9)],
    ['huge values (sums at and past 2^1020)', () => (r() + 0.5) * 2 ** 1016],
    ['values whose sums overflow to ±Infinity', (s) => (s % 2 ? -1 : 1) * 1.5e308 * (0.9 + 0.2 * r())],
    ['±Infinity inputs', (s, i) => (i % 97 === 50 + s ? (s % 2 ? Infinity : -Infinity) : 100 + r())],
    ['zeros and sums that cancel to exactly zero', (s, i) => (s < 4 ? 0 : (i % 2 ? 1.25 : -1.25))],
    ['sums straddling 2.0 (exponents that OR/AND out of range)', () => 0.05 + 0.1 * r()],
    ['mixed magnitudes with a NaN now and then', (s, i) => (i % 151 === s ? NaN : randomDouble(r, -1070, 1010))],
  ];
  for (const [name, gen] of cases) {
    it(name, () => {
      const cols = columns(LEN, gen);
      for (const period of [1, 2, 3, 20]) {
        const params = { period };
        const ref = runSliced(new Workspace('js'), SMA, params, cols, 8, LEN).sma!;
        for (const [ws, cuts] of [
          [new Workspace('wasm'), []],
          [new Workspace('wasm', 'debug'), []],
          [new Workspace('wasm'), randomCuts(period, LEN, 6)],
        ] as const) {
          const got = runSliced(ws, SMA, params, cols, 8, LEN, [...cuts]).sma!;
          for (let k = 0; k < got.length; k++) {
            if (!sameBits(got[k]!, ref[k]!)) expect.fail(`period ${period}, symbol ${Math.floor(k / LEN)}, bar ${k % LEN}: wasm ${got[k]} vs js ${ref[k]}`);
          }
        }
      }
    });
  }
});
